import { readJson, writeJson } from '../env'

/** `f` in flight, `h` handed to the browser at page exit. */
export type SendState = 'f' | 'h'
type Entries = Record<string, [SendState, number]>

// Entries whose record vanished (evicted, cleared) are forgotten after an hour.
const FORGET_MS = 3_600_000

/**
 * Messages on their way out, shared by every tab through localStorage because a page that is
 * being closed can only write synchronously. Only in-flight and handed-off ids are kept, so it
 * stays small however much is tracked.
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
      for (const id in entries) if (now - entries[id]![1] > FORGET_MS) delete entries[id]
      memory = entries
      writeJson(key, Object.keys(entries).length ? entries : undefined)
    },
  }
}
