import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { inject } from 'vitest'
import { createTestDatabase } from '@itinera/test-utils'
import '@itinera/test-utils/provided'
import {
  createCollector,
  createWorkspace,
  type Collector,
  type CollectorOptions,
  type CreatedWorkspace,
  type RunningServer,
} from '@itinera/collector'

/** A collector on a database of its own (see {@link testDatabase}), listening on a free port. */
export interface Harness {
  collector: Collector
  server: RunningServer
  url: string
  dir: string
  /** The database: a SQLite file, or a PostgreSQL URL in the collector-postgres project. */
  dbPath: string
  workspace: CreatedWorkspace
  /** What the workspace has stored, oldest first. */
  stored(limit?: number): ReturnType<Collector['store']['readMessages']>
  close(): Promise<void>
}

/** The database of one test, with the directory for its other files. */
export interface TestDb {
  /** A SQLite file, or in the collector-postgres project the URL of a PostgreSQL database. */
  db: string
  dir: string
  drop(): Promise<void>
}

/**
 * A fresh database for one test: a SQLite file in a temporary directory, or, where the run
 * provides a PostgreSQL server (the collector-postgres project), a database of its own there.
 */
export async function testDatabase(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'itinera-collector-'))
  const serverUrl = inject('postgresUrl')
  const postgres = serverUrl === undefined ? undefined : await createTestDatabase(serverUrl)
  return {
    db: postgres?.url ?? join(dir, 'itinera.db'),
    dir,
    drop: async () => {
      await postgres?.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function startHarness(options: CollectorOptions = {}): Promise<Harness> {
  const database = await testDatabase()
  const { dir, db: dbPath } = database
  const errors: unknown[] = []
  const collector = await createCollector({
    db: dbPath,
    onError: (error) => errors.push(error),
    webDirectory: false,
    demoDirectory: false,
    sdkFile: false,
    ...options,
  })
  const workspace = await createWorkspace(collector.store, { name: 'test' })
  const server = await collector.listen({ port: 0 })
  return {
    collector,
    server,
    url: server.url,
    dir,
    dbPath,
    workspace,
    stored: (limit = 100) =>
      collector.store.readMessages({ workspaceId: workspace.workspace.id, limit }),
    close: async () => {
      await collector.close()
      await database.drop()
      // Projection and handler failures are reported here instead of being swallowed.
      if (errors.length > 0) throw errors[0]
    },
  }
}

/** The profile holding each identifier (undefined where none does), in the same order. */
export const profileIdsOf = (
  collector: Collector,
  workspaceId: string,
  identifiers: { type: string; value: string }[],
) =>
  Promise.all(identifiers.map((id) => collector.store.findProfileIdByIdentifier(workspaceId, id)))

export const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`

/** POSTs JSON (optionally gzipped) and returns status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  options: {
    writeKey?: string
    gzip?: boolean
    headers?: Record<string, string>
    raw?: string
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const text = options.raw ?? JSON.stringify(body)
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  if (options.writeKey) headers.authorization = basic(options.writeKey)
  let payload: string | Buffer = text
  if (options.gzip) {
    payload = gzipSync(text)
    headers['content-encoding'] = 'gzip'
  }
  const response = await fetch(url, { method: 'POST', headers, body: payload })
  const answer = (await response.json()) as Record<string, unknown>
  return { status: response.status, body: answer, headers: response.headers }
}

let counter = 0
/** A valid track message with a unique messageId. */
export function track(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1
  return {
    type: 'track',
    event: 'Product Viewed',
    anonymousId: `anon-${counter}`,
    messageId: `msg-${process.pid}-${Date.now()}-${counter}`,
    timestamp: '2026-01-01T10:00:00.000Z',
    properties: { sku: 'A1' },
    ...overrides,
  }
}
