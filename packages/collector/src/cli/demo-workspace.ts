import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isPostgresUrl } from '../storage/open-store.js'
import type { CollectorStore } from '../storage/types.js'
import { createWorkspace, type CreatedWorkspace } from '../workspaces/create-workspace.js'

/** The demo workspace's keys, kept beside the database so `npm start` can show them again. */
export interface DemoWorkspace {
  created: boolean
  keys: CreatedWorkspace
  keysFile: string
}

/**
 * Creates the `demo` workspace on first run (when the database has no workspace) and keeps its
 * keys in `demo-workspace.json` next to the database, or in `./.itinera/` for a PostgreSQL one
 * (mode 0600; local development only).
 */
export async function ensureDemoWorkspace(
  store: CollectorStore,
  dbPath: string,
): Promise<DemoWorkspace | undefined> {
  const directory = isPostgresUrl(dbPath) ? './.itinera' : dirname(dbPath)
  const keysFile = join(directory, 'demo-workspace.json')
  if (existsSync(keysFile)) {
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as CreatedWorkspace
    if (await store.findWorkspace(keys.workspace.id)) return { created: false, keys, keysFile }
  }
  if ((await store.listWorkspaces()).length > 0) return undefined
  const keys = await createWorkspace(store, { name: 'demo' })
  mkdirSync(directory, { recursive: true })
  writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  return { created: true, keys, keysFile }
}
