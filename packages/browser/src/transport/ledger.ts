import { readJson, writeJson } from '../env'

/** `f` in flight, `h` handed to the browser at page exit, `a` acknowledged. */
export type SendState = 'f' | 'h' | 'a'
type Entries = Record<string, [SendState, number]>

const KEEP_ACKED_MS = 10 * 60_000
const MAX_ENTRIES = 5000

/**
 * What every tab knows about messages on their way out, kept in localStorage because a page
 * that is being closed can only write synchronously. Acknowledged ids linger for ten minutes
 * so a closing tab never resends what another tab already delivered.
 */
export interface Ledger {
  read(): Entries
  mark(ids: string[], state: SendState | undefined): void
}

/** Creates the ledger for one write key; falls back to memory without localStorage. */
export function createLedger(writeKey: string): Ledger {
  const key = `itn_ledger_${writeKey}`
  let memory: Entries = {}
  const read = (): Entries => readJson<Entries>(key) ?? memory
  return {
    read,
    mark(ids, state) {
      const entries = read()
      const now = Date.now()
      for (const id of ids) {
        if (state) entries[id] = [state, now]
        else delete entries[id]
      }
      const keys = Object.keys(entries)
      for (const id of keys) {
        const [s, t] = entries[id]!
        if (s === 'a' && (now - t > KEEP_ACKED_MS || keys.length > MAX_ENTRIES)) delete entries[id]
      }
      memory = entries
      writeJson(key, entries)
    },
  }
}
