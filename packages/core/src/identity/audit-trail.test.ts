import { describe, expect, it } from 'vitest'
import { AuditTrail, MERGE, REFUSED } from './audit-trail.js'
import type { RecomputedRecord } from './types.js'

const merge = (m: number, survivor: number, absorbed: number) =>
  ({ kind: MERGE, m, p: survivor, q: absorbed, x: 0, y: 1, detail: 0 }) as const
const refused = (m: number, p: number, q: number) =>
  ({ kind: REFUSED, m, p, q, x: 0, y: 1, detail: 2 }) as const
const cause: RecomputedRecord = { kind: 'recomputed', cause: 'block', subjects: ['email:x'] }

describe('AuditTrail', () => {
  it('reads a history oldest first, across joined histories', () => {
    const trail = new AuditTrail()
    const first = trail.add(merge(10, 1, 2), 1)
    const second = trail.add(merge(11, 3, 4), 3)
    const third = trail.add(merge(12, 1, 5), 1)
    trail.join(1, 3)
    expect(trail.rowsOf(1)).toEqual([first, second, third])
    expect(trail.rowsOf(3)).toEqual([])
    expect(trail.m[trail.rowsOf(1)[1]!]).toBe(11)
  })

  it('lists a refused link once when both of its profiles merge', () => {
    const trail = new AuditTrail()
    const row = trail.add(refused(7, 1, 2), 1)
    trail.attach(row, 2)
    expect(trail.rowsOf(1)).toEqual([row])
    expect(trail.rowsOf(2)).toEqual([row])
    trail.join(1, 2)
    expect(trail.rowsOf(1)).toEqual([row])
  })

  it('frees a row only when no history holds it, and reuses it in creation order', () => {
    const trail = new AuditTrail()
    const shared = trail.add(refused(7, 1, 2), 1)
    trail.attach(shared, 2)
    const kept = trail.add(merge(8, 3, 4), 3)
    trail.drop(1)
    expect(trail.rowsOf(2)).toEqual([shared])
    trail.drop(2)
    const reused = trail.add(merge(9, 3, 5), 3)
    expect(reused).toBe(shared)
    // The reused slot is newer than `kept`, so it reads after it.
    expect(trail.rowsOf(3)).toEqual([kept, reused])
  })

  it('keeps one cause for every profile a recompute rebuilt and releases it with them', () => {
    const trail = new AuditTrail()
    trail.addRecomputed(cause, [1, 2])
    trail.join(1, 2)
    const rows = trail.rowsOf(1)
    expect(rows).toHaveLength(1)
    expect(trail.causeAt(rows[0]!)).toBe(cause)
    trail.drop(1)
    expect(trail.rowsOf(1)).toEqual([])
  })

  it('keeps no cause when a recompute left no profile (an erasure)', () => {
    const trail = new AuditTrail()
    trail.addRecomputed(cause, [])
    expect((trail as unknown as { causes: unknown[] }).causes).toEqual([])
  })

  it('grows past its initial size', () => {
    const trail = new AuditTrail()
    for (let i = 0; i < 5_000; i++) trail.add(merge(i, i % 700, 700 + i), i % 700)
    const rows = trail.rowsOf(3)
    expect(rows.length).toBeGreaterThan(7)
    expect(rows.map((row) => trail.m[row]! % 700)).toEqual(rows.map(() => 3))
  })
})
