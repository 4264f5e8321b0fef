// A gzip member assembled from parts (as pigz does): a deflate stream compressed once and ended
// with a sync flush, then a final stored block written per request, then the trailer. Any gzip
// decoder reads it as one ordinary member (RFC 1951 §3.2.4, RFC 1952 §2.3).
import { crc32 as zlibCrc32 } from 'node:zlib'

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
/** Largest payload of one stored block. */
const MAX_STORED_BYTES = 0xffff

/** CRC-32 (as gzip uses it) of `bytes[start, end)`, continuing from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  // Native: about 13x faster than the JS table loop it replaced, on a 400 KB batch head.
  return zlibCrc32(bytes.subarray(start, end), crc)
}

/**
 * A whole gzip member as the parts of a request body: header, `deflated` (raw deflate of
 * `deflatedBytes` bytes whose CRC-32 is `deflatedCrc`, ended by a sync flush, never finished)
 * as given, then `tail` as the final stored block and the trailer. The deflated bytes are not
 * copied: a request writes the parts one after the other.
 */
export function gzipMember(
  deflated: Buffer,
  deflatedBytes: number,
  deflatedCrc: number,
  tail: string,
): Buffer[] {
  const tailBytes = Buffer.byteLength(tail)
  if (tailBytes > MAX_STORED_BYTES) throw new RangeError('the stored tail exceeds 65535 bytes')
  const end = Buffer.allocUnsafe(5 + tailBytes + 8)
  end[0] = 0x01 // BFINAL = 1, BTYPE = 00 (stored), padded to the byte boundary
  end.writeUInt16LE(tailBytes, 1)
  end.writeUInt16LE(~tailBytes & 0xffff, 3)
  const tailEnd = 5 + end.write(tail, 5, 'utf8')
  end.writeUInt32LE(crc32(end, 5, tailEnd, deflatedCrc), tailEnd)
  end.writeUInt32LE((deflatedBytes + tailBytes) >>> 0, tailEnd + 4)
  return [GZIP_HEADER, deflated, end]
}
