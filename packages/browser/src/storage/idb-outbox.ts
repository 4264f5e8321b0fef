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
    async add(record) {
      const { tx, box, meta } = rw()
      // Count and bytes are checked in the same transaction as the write, so tabs cannot race.
      let bytes = ((await meta.get('bytes')) as number | undefined) ?? 0
      let count = await box.count()
      const evicted: OutboxRecord[] = []
      let cursor = count ? await box.openCursor() : null
      while (cursor && (count >= caps.maxMessages || bytes + record.b > caps.maxBytes)) {
        const old = cursor.value as OutboxRecord
        evicted.push(old)
        bytes -= old.b
        count--
        await cursor.delete()
        cursor = await cursor.continue()
      }
      const { k: _k, ...value } = record
      await box.add(value)
      await meta.put(bytes + record.b, 'bytes')
      await tx.done
      return evicted
    },
    async peek(limit) {
      return (await db.getAll(OUTBOX, null, limit)) as OutboxRecord[]
    },
    async remove(keys) {
      const { tx, box, meta } = rw()
      let bytes = ((await meta.get('bytes')) as number | undefined) ?? 0
      for (const k of keys) {
        const old = (await box.get(k)) as OutboxRecord | undefined
        if (!old) continue
        bytes -= old.b
        await box.delete(k)
      }
      await meta.put(Math.max(0, bytes), 'bytes')
      await tx.done
    },
    async clear() {
      const { tx, box, meta } = rw()
      await box.clear()
      await meta.put(0, 'bytes')
      await tx.done
    },
    async lease(owner, ms) {
      const { tx, meta } = rw()
      const now = Date.now()
      const held = (await meta.get('lease')) as { o: string; u: number } | undefined
      const free = !held || held.o === owner || held.u < now
      if (free) await meta.put({ o: owner, u: now + ms }, 'lease')
      await tx.done
      return free
    },
  }
}
