import { describe, expect, it } from 'vitest'
import { describeDatabase, isPostgresUrl, openStore } from './open-store.js'

describe('openStore', () => {
  it('takes postgres:// and postgresql:// URLs for PostgreSQL, anything else for a SQLite file', () => {
    expect(isPostgresUrl('postgres://itinera@db.internal:5432/itinera')).toBe(true)
    expect(isPostgresUrl('POSTGRESQL://db/itinera')).toBe(true)
    expect(isPostgresUrl('./.itinera/itinera.db')).toBe(false)
    expect(isPostgresUrl('/var/lib/postgres/itinera.db')).toBe(false)
  })

  it('shows a database without its password', () => {
    expect(describeDatabase('postgres://itinera:s3cr%40t@db.internal:5432/itinera')).toBe(
      'postgres://itinera:***@db.internal:5432/itinera',
    )
    expect(describeDatabase('postgres://itinera@db.internal/itinera')).toBe(
      'postgres://itinera@db.internal/itinera',
    )
    expect(describeDatabase('./.itinera/itinera.db')).toBe('./.itinera/itinera.db')
  })

  it('names the database it could not open, without its password', async () => {
    // Port 1 on loopback refuses connections.
    await expect(openStore('postgres://itinera:s3cret@127.0.0.1:1/itinera')).rejects.toThrow(
      'cannot open the PostgreSQL database postgres://itinera:***@127.0.0.1:1/itinera: connect ECONNREFUSED',
    )
  })
})
