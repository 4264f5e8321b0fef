import { ItineraError } from '@itinera/core'
import pg from 'pg'
import type { PoolClient, QueryResultRow } from 'pg'

/** A query run as a named prepared statement: each connection parses and plans it once. */
export interface Statement {
  name: string
  text: string
}

/** Names each SQL text of `sql` (prefixed with `prefix`) as a {@link Statement}. */
export function namedStatements<T extends Record<string, string>>(
  prefix: string,
  sql: T,
): { [K in keyof T]: Statement } {
  const entries = Object.entries(sql).map(([name, text]) => [
    name,
    { name: `${prefix}_${name}`, text },
  ])
  return Object.fromEntries(entries) as { [K in keyof T]: Statement }
}

/** What runs a query: the pool, or the client of a transaction. */
export interface Queryable {
  rows<R extends QueryResultRow>(statement: Statement | string, values?: unknown[]): Promise<R[]>
}

/** A connection held for a while: several statements, a transaction, a session lock. */
export interface Session extends Queryable {
  /** Closes the connection instead of giving it back to the pool: its state is unknown. */
  discard(reason: Error): void
}

/** Runs `work` in a transaction on `session`: committed if it resolves, else rolled back. */
export async function inTransaction<T>(
  session: Session,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  await session.rows('BEGIN')
  try {
    const result = await work(session)
    await session.rows('COMMIT')
    return result
  } catch (error) {
    await session.rows('ROLLBACK').catch((rollback: unknown) => {
      session.discard(rollback instanceof Error ? rollback : new Error(String(rollback)))
    })
    throw error
  }
}

const INT8_OID = 20

// Sequence numbers and counts are BIGINT, which pg returns as strings; they stay far below 2^53.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? Number
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

const NUL = '\u0000'
const hasNul = (value: unknown): boolean => typeof value === 'string' && value.includes(NUL)

/**
 * `value` with U+0000 replaced by U+FFFD in a string or an array's strings. PostgreSQL text cannot
 * hold NUL: a parameter with one (a key or a cursor someone typed) would fail the query. Stored
 * messages already have U+FFFD there (the collector's prepareMessage), so lookups still match.
 */
function withoutNul(value: unknown): unknown {
  if (hasNul(value)) return (value as string).replaceAll(NUL, '\uFFFD')
  if (Array.isArray(value) && value.some(hasNul)) return value.map(withoutNul)
  return value
}

const run = async <R extends QueryResultRow>(
  on: pg.Pool | PoolClient,
  statement: Statement | string,
  values: unknown[] = [],
): Promise<R[]> => {
  const query = typeof statement === 'string' ? { text: statement } : statement
  const result = await on.query<R>({ ...query, values: values.map(withoutNul) })
  return result.rows
}

/**
 * A connection pool that knows what it is running: `close()` waits for the queries and
 * transactions in flight, then ends the pool; anything started after it is refused.
 */
export class PostgresDatabase implements Queryable {
  private readonly pool: pg.Pool
  private readonly inFlight = new Set<Promise<unknown>>()
  private closing: Promise<void> | undefined

  constructor(options: { url: string; maxConnections: number }) {
    this.pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections, types })
    // An idle connection that breaks (server restart) is dropped by the pool; the next query
    // opens a new one. Without a listener the error would end the process.
    this.pool.on('error', () => undefined)
  }

  rows<R extends QueryResultRow>(statement: Statement | string, values?: unknown[]): Promise<R[]> {
    return this.track(() => run<R>(this.pool, statement, values))
  }

  /** Runs `work` on one connection of its own, given back to the pool afterwards. */
  session<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return this.track(async () => {
      const client = await this.pool.connect()
      let broken: Error | undefined
      const session: Session = {
        rows: (statement, values) => run(client, statement, values),
        discard: (reason) => (broken ??= reason),
      }
      try {
        return await work(session)
      } finally {
        client.release(broken)
      }
    })
  }

  /** Runs `work` in one transaction: committed if it resolves, else rolled back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.session((session) => inTransaction(session, work))
  }

  /** Waits for the work in flight, then closes every connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
      await this.pool.end()
    })()
    return this.closing
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    if (this.closing)
      return Promise.reject(new ItineraError('internal', 'the PostgreSQL store is closed'))
    const promise = work()
    this.inFlight.add(promise)
    const forget = () => this.inFlight.delete(promise)
    promise.then(forget, forget)
    return promise
  }
}
