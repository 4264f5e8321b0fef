// The same 4-step funnel as an analyst would write it in DuckDB SQL, with window functions.
import { DuckDBInstance, timestampValue, type DuckDBConnection } from '@duckdb/node-api'
import type { ProfileEvents } from '@itinera/core'

/** Loads every message as a row `(profile_id, message_id, ts, type, event)`. */
export async function loadEvents(profiles: readonly ProfileEvents[]): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  await connection.run(
    'CREATE TABLE events (profile_id VARCHAR, message_id VARCHAR, ts TIMESTAMP, type VARCHAR, event VARCHAR)',
  )
  const appender = await connection.createAppender('events')
  for (const { id, messages } of profiles) {
    for (const message of messages) {
      appender.appendVarchar(id)
      appender.appendVarchar(message.messageId ?? '')
      appender.appendTimestamp(timestampValue(BigInt(Date.parse(message.timestamp ?? '')) * 1000n))
      appender.appendVarchar(message.type)
      if (message.type === 'track') appender.appendVarchar(message.event)
      else appender.appendNull()
      appender.endRow()
    }
  }
  appender.closeSync()
  return connection
}

/**
 * Ordered funnel: for every first-step event, the earliest next step after it, then the earliest
 * next after that, each within `windowDays` of the first; a profile counts at its deepest attempt.
 * Ties in time are ordered by message_id, as the journey engine does.
 */
export function funnelSql(
  steps: readonly [string, string, string, string],
  windowDays: number,
): string {
  const [a, b, c, d] = steps.map((step) => `'${step.replace(/'/g, "''")}'`)
  return `
WITH s AS (
  SELECT profile_id, ts, event,
         row_number() OVER (PARTITION BY profile_id ORDER BY ts, message_id) AS seq
  FROM events
  WHERE event IN (${a}, ${b}, ${c}, ${d})
),
n AS (
  SELECT *,
         min(CASE WHEN event = ${b} THEN seq END) OVER f AS next_b,
         min(CASE WHEN event = ${c} THEN seq END) OVER f AS next_c,
         min(CASE WHEN event = ${d} THEN seq END) OVER f AS next_d
  FROM s
  WINDOW f AS (PARTITION BY profile_id ORDER BY seq ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
),
attempts AS (
  SELECT s1.profile_id,
         CASE
           WHEN s2.ts IS NULL OR s2.ts > s1.ts + INTERVAL ${windowDays} DAY THEN 1
           WHEN s3.ts IS NULL OR s3.ts > s1.ts + INTERVAL ${windowDays} DAY THEN 2
           WHEN s4.ts IS NULL OR s4.ts > s1.ts + INTERVAL ${windowDays} DAY THEN 3
           ELSE 4
         END AS depth
  FROM n s1
  LEFT JOIN n s2 ON s2.profile_id = s1.profile_id AND s2.seq = s1.next_b
  LEFT JOIN n s3 ON s3.profile_id = s1.profile_id AND s3.seq = s2.next_c
  LEFT JOIN n s4 ON s4.profile_id = s1.profile_id AND s4.seq = s3.next_d
  WHERE s1.event = ${a}
),
best AS (SELECT profile_id, max(depth) AS depth FROM attempts GROUP BY profile_id)
SELECT count(*) FILTER (WHERE depth >= 1) AS step1,
       count(*) FILTER (WHERE depth >= 2) AS step2,
       count(*) FILTER (WHERE depth >= 3) AS step3,
       count(*) FILTER (WHERE depth >= 4) AS step4
FROM best`
}

/** Runs the funnel query and returns the four step counts. */
export async function duckdbFunnel(connection: DuckDBConnection, sql: string): Promise<number[]> {
  const reader = await connection.runAndReadAll(sql)
  const row = reader.getRows()[0] ?? []
  return row.map((value) => Number(value))
}
