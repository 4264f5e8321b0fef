import { openDB } from 'idb'
import type { Outbox, OutboxCaps, OutboxRecord } from './outbox'

const OUTBOX = 'outbox'
const META = 'meta'

/** Opens the IndexedDB outbox; rejects where IndexedDB is missing or refuses to open. */
export async function openIdbOutbox(name: string, caps: OutboxCaps): Promise<Outbox> {
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore(OUTBOX, { keyPath: 'k', autoIncrement: true })
      d.createObjectStore(META)
    },
  })
  const rw = () => {
    const tx = db.transaction([OUTBOX, META], 'readwrite')
    return { tx, box: tx.objectStore(OUTBOX), meta: tx.objectStore(META) }
  }
  return {
    async add(records) {
      const { tx, box, meta } = rw()
      // Count and bytes are checked in the same transaction as the writes, so tabs cannot race.
      let bytes = ((await meta.get('bytes')) as number | undefined) ?? 0
      let count = await box.count()
      const evicted: OutboxRecord[] = []
      const writes: Promise<unknown>[] = []
      for (const record of records) {
        const full = () => count >= caps.maxMessages || bytes + record.b > caps.maxBytes
        let cursor = count && full() ? await box.openCursor() : null
        while (cursor && full()) {
          const old = cursor.value as OutboxRecord
          evicted.push(old)
          bytes -= old.b
          count--
          await cursor.delete()
          cursor = await cursor.continue()
        }
        const { k: _k, w: _w, ...value } = record
        writes.push(box.add(value))
        bytes += record.b
        count++
      }
      // Requests queue inside the transaction: wait for them together, not one by one.
      await Promise.all([...writes, meta.put(bytes, 'bytes'), tx.done])
      return evicted
    },
    async peek(limit) {
      return (await db.getAll(OUTBOX, null, limit)) as OutboxRecord[]
    },
    async remove(keys) {
      const { tx, box, meta } = rw()
      const [stored, ...old] = await Promise.all([
        meta.get('bytes'),
        ...keys.map((k) => box.get(k)),
      ])
      let bytes = (stored as number | undefined) ?? 0
      const deletes = keys.map((k, i) => {
        bytes -= (old[i] as OutboxRecord | undefined)?.b ?? 0
        return box.delete(k)
      })
      await Promise.all([...deletes, meta.put(Math.max(0, bytes), 'bytes'), tx.done])
    },
    async clear() {
      const { tx, box, meta } = rw()
      await box.clear()
      await meta.put(0, 'bytes')
      await tx.done
    },
  }
}
