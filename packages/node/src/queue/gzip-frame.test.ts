import { constants, deflateRawSync, gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32, gzipMember } from './gzip-frame.js'

describe('crc32', () => {
  it('matches the gzip check value and continues across parts', () => {
    const bytes = Buffer.from('123456789')
    expect(crc32(bytes, 0, 9)).toBe(0xcbf43926)
    expect(crc32(bytes, 4, 9, crc32(bytes, 0, 4))).toBe(0xcbf43926)
  })
})

describe('gzipMember', () => {
  it('decodes to the deflated part followed by the tail', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ maxLength: 200 }), (head, tail) => {
        const raw = Buffer.from(head)
        const deflated = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH })
        const member = gzipMember(deflated, raw.length, crc32(raw, 0, raw.length), tail)
        expect(member[1]).toBe(deflated)
        expect(gunzipSync(Buffer.concat(member)).toString()).toBe(head + tail)
      }),
    )
  })
})
