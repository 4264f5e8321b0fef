import type { CollectorStore, Workspace } from '../storage/types.js'
import { CliError, type CliIo } from './io.js'

const PAGE = 1000

/** `itinera export profiles|events`: NDJSON on stdout, one profile or message per line. */
export async function exportCommand(
  store: CollectorStore,
  workspace: Workspace,
  what: string | undefined,
  io: CliIo,
): Promise<number> {
  let count = 0
  if (what === 'profiles') {
    let after: string | undefined
    for (;;) {
      const page = await store.listProfiles(workspace.id, { limit: PAGE, after })
      for (const profile of page) io.stdout.write(`${JSON.stringify(profile)}\n`)
      count += page.length
      if (page.length < PAGE) return count
      after = page.at(-1)?.id
    }
  }
  if (what === 'events') {
    let afterSeq = 0
    for (;;) {
      const page = await store.readMessages({ workspaceId: workspace.id, afterSeq, limit: PAGE })
      for (const stored of page) io.stdout.write(`${JSON.stringify(stored.message)}\n`)
      count += page.length
      if (page.length < PAGE) return count
      afterSeq = page.at(-1)?.seq ?? afterSeq
    }
  }
  throw new CliError('usage: itinera export profiles|events [--workspace ID] [--db PATH]')
}
