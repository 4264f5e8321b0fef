import { describe, expect, it } from 'vitest'
import type { NewMessage } from '../types.js'
import { decodeRows, encodeRows, rowCount, type MessageColumns } from './encoded-rows.js'

const message = (messageId: string, identifiers?: NewMessage['identifiers']): NewMessage => ({
  messageId,
  type: 'identify',
  timestamp: '2026-01-01T00:00:00.000Z',
  receivedAt: '2026-01-01T00:00:01.000Z',
  skewMs: -1500,
  message: { type: 'identify', userId: 'ü', messageId } as NewMessage['message'],
  identifiers,
})

describe('encodeRows', () => {
  it('packs rows that decodeRows unpacks column by column, NULL identifiers included', () => {
    const inputs = [
      message('a🙂', [{ type: 'user_id', value: 'ü' }]),
      message(''),
      message('c', [{ type: 'email', value: 'tab\tinside' }]),
    ]
    const encoded = encodeRows(inputs)
    const rows: MessageColumns[] = []
    decodeRows(encoded, (row) => rows.push(row))
    expect(rowCount(encoded)).toBe(3)
    expect(rows.map((row) => [row.messageId, row.identifiers])).toEqual([
      ['a🙂', 'user_id\tü'],
      ['', null],
      ['c', null],
    ])
    expect(rows[0]).toMatchObject({
      type: 'identify',
      timestamp: '2026-01-01T00:00:00.000Z',
      receivedAt: '2026-01-01T00:00:01.000Z',
      skewMs: -1500,
    })
    expect(JSON.parse(rows[1]?.body ?? '')).toEqual(inputs[1]?.message)
  })
})
