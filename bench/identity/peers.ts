// The two comparison points of bench/identity: plain union-find (no rules) and SQL connected
// components in DuckDB over the same extracted identifiers, as warehouse-native CDPs do it.
import { writeFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import type { Message } from '@itinera/core'

const rawValues = (message: Message): string[] => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deliberately rule-free reader
  const m = message as unknown as Record<string, any>
  const out: string[] = []
  if (m.userId != null) out.push(`user_id:${m.userId}`)
  if (m.anonymousId != null) out.push(`anonymous_id:${m.anonymousId}`)
  if (m.previousId != null) out.push(`anonymous_id:${m.previousId}`)
  if (m.type === 'identify' && m.traits?.email != null) out.push(`email:${m.traits.email}`)
  if (m.type === 'identify' && m.traits?.phone != null) out.push(`phone:${m.traits.phone}`)
  if (m.context?.traits?.email != null) out.push(`email:${m.context.traits.email}`)
  if (m.context?.traits?.phone != null) out.push(`phone:${m.context.traits.phone}`)
  if (m.context?.device?.id != null) out.push(`device_id:${m.context.device.id}`)
  for (const e of m.context?.externalIds ?? []) out.push(`${e.type}:${e.id}`)
  return out
}

/**
 * Plain union-find over raw identifier values: no normalization, no blocklist, no limits.
 * The over-merging floor. Returns a cluster label per message (messages deduplicated).
 */
export function plainUnionFind(messages: readonly Message[]): Int32Array {
  const index = new Map<string, number>()
  let parent = new Int32Array(1 << 16)
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  const first = new Int32Array(messages.length).fill(-1)
  messages.forEach((message, i) => {
    let root = -1
    for (const key of rawValues(message)) {
      let x = index.get(key)
      if (x === undefined) {
        x = index.size
        index.set(key, x)
        if (x >= parent.length) {
          const next = new Int32Array(parent.length * 2)
          next.set(parent)
          parent = next
        }
        parent[x] = x
      }
      const r = find(x)
      if (root < 0) root = r
      else if (r !== root) parent[r] = root
    }
    first[i] = root
  })
  const labels = new Int32Array(messages.length)
  for (let i = 0; i < labels.length; i++) labels[i] = first[i]! < 0 ? -1 - i : find(first[i]!)
  return labels
}

/** Timings and labels of the DuckDB connected-components run. */
export interface DuckDbResult {
  loadMs: number
  stitchMs: number
  /** CPU time of the whole process during the stitch: DuckDB's worker threads included. */
  stitchCpuMs: number
  iterations: number
  labels: Int32Array
}

/**
 * Loads `(message, identifier)` rows into DuckDB and computes connected components with
 * iterative min-label propagation plus pointer jumping, until no label changes.
 */
export async function duckDbComponents(
  occurrences: readonly (readonly [number, string])[],
  messageCount: number,
  csvPath: string,
  /** DuckDB worker threads; by default one per core. */
  threads?: number,
): Promise<DuckDbResult> {
  writeFileSync(
    csvPath,
    'msg,node\n' +
      occurrences.map(([m, node]) => `${m},"${node.replaceAll('"', '""')}"`).join('\n'),
  )
  const instance = await DuckDBInstance.create(
    ':memory:',
    threads === undefined ? undefined : { threads: String(threads) },
  )
  const db = await instance.connect()
  let started = performance.now()
  await db.run(
    `CREATE TABLE ids AS SELECT * FROM read_csv('${csvPath}', header = true, columns = {'msg': 'INTEGER', 'node': 'VARCHAR'})`,
  )
  const loadMs = performance.now() - started
  started = performance.now()
  const cpu = process.cpuUsage()
  await db.run(
    `CREATE TABLE nodes AS SELECT node, (row_number() OVER ())::INTEGER AS id FROM (SELECT DISTINCT node FROM ids)`,
  )
  await db.run(`CREATE TABLE occ AS SELECT msg, id FROM ids JOIN nodes USING (node)`)
  await db.run(
    `CREATE TABLE edges AS SELECT DISTINCT o.id AS a, m.mn AS b FROM occ o JOIN (SELECT msg, min(id) AS mn FROM occ GROUP BY msg) m USING (msg) WHERE o.id <> m.mn`,
  )
  await db.run(`CREATE TABLE labels AS SELECT id, id AS label FROM nodes`)
  let iterations = 0
  for (;;) {
    iterations++
    await db.run(`CREATE OR REPLACE TABLE next AS
      WITH cand AS (
        SELECT e.a AS id, l.label FROM edges e JOIN labels l ON l.id = e.b
        UNION ALL SELECT e.b AS id, l.label FROM edges e JOIN labels l ON l.id = e.a
        UNION ALL SELECT id, label FROM labels
      ), m AS (SELECT id, min(label) AS label FROM cand GROUP BY id)
      SELECT m.id, j.label FROM m JOIN m AS j ON j.id = m.label`)
    const reader = await db.runAndReadAll(
      `SELECT count(*)::INTEGER FROM next n JOIN labels l USING (id) WHERE n.label <> l.label`,
    )
    const changed = Number(reader.getRows()[0]![0])
    await db.run(`DROP TABLE labels`)
    await db.run(`ALTER TABLE next RENAME TO labels`)
    if (changed === 0 || iterations > 100) break
  }
  await db.run(
    `CREATE TABLE msg_component AS SELECT o.msg, min(l.label) AS label FROM occ o JOIN labels l USING (id) GROUP BY o.msg`,
  )
  const stitchMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  const stitchCpuMs = (used.user + used.system) / 1000
  const rows = (await db.runAndReadAll(`SELECT msg, label FROM msg_component`)).getRows()
  const labels = new Int32Array(messageCount)
  for (let i = 0; i < messageCount; i++) labels[i] = -1 - i
  for (const [msg, label] of rows) labels[Number(msg)] = Number(label)
  db.closeSync()
  return { loadMs, stitchMs, stitchCpuMs, iterations, labels }
}
