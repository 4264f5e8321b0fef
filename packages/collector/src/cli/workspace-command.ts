import type { CollectorStore } from '../storage/types.js'
import { createWorkspace } from '../workspaces/create-workspace.js'
import { CliError, type CliIo } from './io.js'

/** `itinera workspace create|list`. */
export async function workspaceCommand(
  store: CollectorStore,
  io: CliIo,
  action: string | undefined,
  options: { name?: string; origin?: string[]; json?: boolean },
): Promise<void> {
  if (action === 'create') {
    if (!options.name) throw new CliError('workspace create needs --name NAME')
    const created = await createWorkspace(store, {
      name: options.name,
      allowedOrigins: options.origin && options.origin.length > 0 ? options.origin : undefined,
    })
    if (options.json) io.stdout.write(`${JSON.stringify(created)}\n`)
    else {
      io.stdout.write(
        `Workspace ${created.workspace.name} (${created.workspace.id})\n` +
          `  write key:  ${created.writeKey}   (public: ingest only)\n` +
          `  secret key: ${created.secretKey}   (read and delete; shown once, store it now)\n`,
      )
    }
    return
  }
  if (action === 'list') {
    const all = await store.listWorkspaces()
    if (options.json) io.stdout.write(`${JSON.stringify(all)}\n`)
    else if (all.length === 0) io.stdout.write('No workspaces yet.\n')
    else {
      for (const ws of all) {
        io.stdout.write(
          `${ws.id}  ${ws.name}  write key ${ws.writeKey}  origins ${ws.allowedOrigins.join(',')}\n`,
        )
      }
    }
    return
  }
  throw new CliError(
    'usage: itinera workspace create --name NAME [--origin URL] [--json] | itinera workspace list [--json]',
  )
}
