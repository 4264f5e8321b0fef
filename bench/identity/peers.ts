// The two comparison points of bench/identity: plain union-find (no rules) and SQL connected
// components in DuckDB over the same extracted identifiers, as warehouse-native CDPs do it.
import { writeFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import { BLOCKED_EMAILS, BLOCKED_VALUES } from '@itinera/core'
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

/** Timings and labels of a DuckDB run. */
export interface DuckDbResult {
  loadMs: number
  stitchMs: number
  /** CPU time of the whole process during the stitch: DuckDB's worker threads included. */
  stitchCpuMs: number
  iterations: number
  labels: Int32Array
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>

/** A CSV field: quoted, or empty (NULL) when absent. */
const field = (value: unknown): string =>
  value == null ? '' : `"${String(value).replaceAll('"', '""')}"`

async function open(threads: number | undefined): Promise<Connection> {
  const instance = await DuckDBInstance.create(
    ':memory:',
    threads === undefined ? undefined : { threads: String(threads) },
  )
  return instance.connect()
}

/**
 * Times `stitch` (which leaves `msg_component(msg, label)`) and reads one label per message;
 * messages without a component get a label of their own.
 */
async function timed(
  db: Connection,
  loadMs: number,
  messageCount: number,
  stitch: () => Promise<number>,
): Promise<DuckDbResult> {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const iterations = await stitch()
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
    'msg,node\n' + occurrences.map(([m, node]) => `${m},${field(node)}`).join('\n'),
  )
  const db = await open(threads)
  const started = performance.now()
  await db.run(
    `CREATE TABLE ids AS SELECT * FROM read_csv('${csvPath}', header = true, columns = {'msg': 'INTEGER', 'node': 'VARCHAR'})`,
  )
  return timed(db, performance.now() - started, messageCount, () => connectedComponents(db))
}

/** Columns of the flattened event table, as a warehouse loader writes them. */
const EVENT_COLUMNS = {
  msg: 'INTEGER',
  message_id: 'VARCHAR',
  type: 'VARCHAR',
  user_id: 'VARCHAR',
  anonymous_id: 'VARCHAR',
  previous_id: 'VARCHAR',
  traits_email: 'VARCHAR',
  traits_phone: 'VARCHAR',
  context_traits_email: 'VARCHAR',
  context_traits_phone: 'VARCHAR',
  context_device_id: 'VARCHAR',
  context_external_id: 'VARCHAR',
  context_external_type: 'VARCHAR',
}

/** One event as a CSV row of {@link EVENT_COLUMNS}; `msg` is the message's unique index. */
function eventRow(message: Message, msg: number): string {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a warehouse loader's reader
  const m = message as unknown as Record<string, any>
  const external = m.context?.externalIds?.[0]
  return [
    msg,
    field(m.messageId),
    field(m.type),
    field(m.userId),
    field(m.anonymousId),
    field(m.previousId),
    field(m.traits?.email),
    field(m.traits?.phone),
    field(m.context?.traits?.email),
    field(m.context?.traits?.phone),
    field(m.context?.device?.id),
    field(external?.id),
    field(external?.type),
  ].join(',')
}

const sqlList = (values: Iterable<string>) =>
  [...values].map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')

/**
 * The warehouse-native pipeline end to end, as a CDP running on a warehouse does it: the raw
 * deliveries sit in a flattened event table (loaded from CSV, not timed), then SQL deduplicates
 * them by `message_id`, extracts and normalizes the identifiers (trim; emails lower-cased and
 * checked for a `local@domain` shape; phones reduced to `+` and digits and checked for E.164
 * shape; the same blocklists as Itinera) and computes the same connected components.
 */
export async function duckDbWarehouse(
  deliveries: readonly Message[],
  uniqueIndexOf: (messageId: string) => number,
  messageCount: number,
  csvPath: string,
  threads?: number,
): Promise<DuckDbResult> {
  const rows = deliveries.map((message) => eventRow(message, uniqueIndexOf(message.messageId!)))
  writeFileSync(csvPath, `${Object.keys(EVENT_COLUMNS).join(',')}\n${rows.join('\n')}`)
  rows.length = 0
  const db = await open(threads)
  const started = performance.now()
  const columns = Object.entries(EVENT_COLUMNS)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ')
  await db.run(
    `CREATE TABLE events AS SELECT * FROM read_csv('${csvPath}', header = true, columns = {${columns}})`,
  )
  return timed(db, performance.now() - started, messageCount, async () => {
    await db.run(
      `CREATE TABLE msgs AS SELECT * FROM events QUALIFY row_number() OVER (PARTITION BY message_id) = 1`,
    )
    const phone = (column: string) => `regexp_replace(trim(${column}), '[^0-9+]', '', 'g')`
    await db.run(`CREATE TABLE raw_ids AS
      SELECT msg, 'user_id' AS type, trim(user_id) AS value FROM msgs WHERE user_id IS NOT NULL
      UNION ALL SELECT msg, 'anonymous_id', trim(previous_id) FROM msgs WHERE type = 'alias' AND previous_id IS NOT NULL
      UNION ALL SELECT msg, 'email', lower(trim(traits_email)) FROM msgs WHERE type = 'identify' AND traits_email IS NOT NULL
      UNION ALL SELECT msg, 'phone', ${phone('traits_phone')} FROM msgs WHERE type = 'identify' AND traits_phone IS NOT NULL
      UNION ALL SELECT msg, 'email', lower(trim(context_traits_email)) FROM msgs WHERE context_traits_email IS NOT NULL
      UNION ALL SELECT msg, 'phone', ${phone('context_traits_phone')} FROM msgs WHERE context_traits_phone IS NOT NULL
      UNION ALL SELECT msg, 'device_id', trim(context_device_id) FROM msgs WHERE context_device_id IS NOT NULL
      UNION ALL SELECT msg, lower(trim(context_external_type)), trim(context_external_id) FROM msgs
        WHERE context_external_id IS NOT NULL AND trim(context_external_type) <> ''
      UNION ALL SELECT msg, 'anonymous_id', trim(anonymous_id) FROM msgs WHERE anonymous_id IS NOT NULL`)
    await db.run(`CREATE TABLE ids AS SELECT DISTINCT msg, type || ':' || value AS node FROM raw_ids
      WHERE NOT regexp_full_match(value, '[0\\- ]*')
        AND lower(value) NOT IN (${sqlList(BLOCKED_VALUES)})
        AND (type <> 'email' OR (regexp_full_match(value, '[^ ]+@[^ @]+') AND value NOT IN (${sqlList(BLOCKED_EMAILS)})))
        AND (type <> 'phone' OR regexp_full_match(value, '\\+[1-9][0-9]{6,14}'))`)
    return connectedComponents(db)
  })
}

/**
 * Connected components of the identifiers in `ids(msg, node)`, by iterative min-label
 * propagation plus pointer jumping until no label changes; leaves `msg_component(msg, label)`.
 * Returns the number of rounds.
 */
async function connectedComponents(db: Connection): Promise<number> {
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
  return iterations
}
