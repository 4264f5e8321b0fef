import type { CollectorStore, Workspace } from '../storage/types.js'
import { CliError } from './io.js'

/** The workspace named by `--workspace` (id or name) or `--write-key`, or the only one there is. */
export async function pickWorkspace(
  store: CollectorStore,
  options: { workspace?: string; writeKey?: string },
): Promise<Workspace> {
  if (options.writeKey) {
    const found = await store.findWorkspaceByWriteKey(options.writeKey)
    if (!found) throw new CliError('no workspace has this write key')
    return found
  }
  const all = await store.listWorkspaces()
  if (options.workspace) {
    const found = all.filter((ws) => ws.id === options.workspace || ws.name === options.workspace)
    if (found.length === 1) return found[0] as Workspace
    throw new CliError(
      found.length === 0
        ? `no workspace "${options.workspace}"; see \`itinera workspace list\``
        : `several workspaces are named "${options.workspace}"; pass its id`,
    )
  }
  if (all.length === 1) return all[0] as Workspace
  throw new CliError(
    all.length === 0
      ? 'there is no workspace yet; create one with `itinera workspace create --name NAME`'
      : 'several workspaces exist; pass --workspace ID',
  )
}
