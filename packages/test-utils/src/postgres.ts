import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freeLoopbackPort } from './loopback.js'

/**
 * The bin directory of the newest PostgreSQL server on the machine, installing Debian's package
 * first when there is none (`scripts/ensure-postgres.mjs`, which prints where it is).
 */
export function ensurePostgres(): string {
  const script = fileURLToPath(new URL('../../../scripts/ensure-postgres.mjs', import.meta.url))
  const output = execFileSync(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const bin = /^postgresql: (.+)$/m.exec(output.toString())?.[1]
  if (!bin || !existsSync(join(bin, 'postgres'))) {
    throw new Error(`no PostgreSQL server found after ensure-postgres: ${output.toString()}`)
  }
  return bin
}

/** A throwaway PostgreSQL server for tests. */
export interface TestPostgres {
  /** Connection URL of its `postgres` database, as the `itinera` superuser. */
  url: string
  stop(): Promise<void>
}

/** uid and gid of the `postgres` user, which Debian's package creates. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  return { uid: id('-u'), gid: id('-g') }
}

/**
 * Starts a PostgreSQL server of its own in a temporary directory, on a free loopback port, and
 * returns its URL once it accepts connections.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = ensurePostgres()
  const dir = mkdtempSync(join(tmpdir(), 'itinera-pg-'))
  // As root, the server and its files belong to the `postgres` user (PostgreSQL refuses root).
  const owner: { uid?: number; gid?: number } = userInfo().uid === 0 ? postgresUser() : {}
  if (owner.uid !== undefined && owner.gid !== undefined) {
    chownSync(dir, owner.uid, owner.gid)
    chmodSync(dir, 0o700)
  }
  const data = join(dir, 'data')
  const run = (command: string, args: string[]) =>
    execFileSync(join(bin, command), args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'] })
  run('initdb', ['-D', data, '-U', 'itinera', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freeLoopbackPort()
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1']
  const server: ChildProcess = spawn(join(bin, 'postgres'), args, {
    ...owner,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  for (let attempt = 0; ; attempt++) {
    try {
      run('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-q'])
      break
    } catch {
      if (server.exitCode !== null || attempt > 300) {
        server.kill('SIGKILL')
        rmSync(dir, { recursive: true, force: true })
        throw new Error(`PostgreSQL did not start:\n${log}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    url: `postgres://itinera@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // SIGINT: fast shutdown, without waiting for clients to disconnect.
      if (server.exitCode === null) server.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A database of its own on a test server, for one test. */
export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

let databases = 0

/**
 * Creates an empty database on the server at `serverUrl` (the `postgresUrl` a PostgreSQL suite is
 * given) and returns its URL; `drop()` removes it, closing what is still connected to it.
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const { default: pg } = await import('pg')
  const name = `itinera_test_${process.pid}_${Date.now()}_${databases++}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}
