import { constants, deflateRawSync, inflateRawSync } from 'node:zlib'
import { DEFLATE_OPTIONS, type Compressor } from './batch-compressor.js'
import { crc32, gzipMember } from './gzip-frame.js'
import type { TakenBatch } from './message-queue.js'

const BATCH_HEAD = '{"batch":['

/**
 * A batch copied out of the queue's slabs as the start of its request body, `{"batch":[` and the
 * messages, compressed once when gzip is on. The slabs are free again as soon as it is sealed,
 * so with gzip a backlog waiting for a request slot costs a fraction of its JSON (about a tenth
 * for bench/node-sdk's events, plus the unfilled end of each compressor's current output buffer).
 */
export interface SealedBatch {
  firstSeq: number
  count: number
  /** Sum of the messages' sizes, without separators. */
  bytes: number
  /** Size of each message in bytes, without its separator. */
  lengths: number[]
  /** The head: raw, or raw deflate ended by a sync flush when `gzip`. */
  head: Buffer
  /** Size of the head uncompressed. */
  headBytes: number
  /** CRC-32 of the head uncompressed (gzip only). */
  headCrc: number
  gzip: boolean
}

/** Either kind of batch the delivery queue reports on. */
export type StoredBatch = TakenBatch | SealedBatch

/** How large an uncompressed head is. */
const headSize = (batch: TakenBatch): number => BATCH_HEAD.length + batch.bytes + batch.count - 1

/**
 * Copies `{"batch":[` and the batch's messages into `target` from 0 and returns the length.
 * Every message is stored after a comma; the first one of the request goes without it.
 */
function writeHead(batch: TakenBatch, target: Buffer): number {
  let offset = target.write(BATCH_HEAD, 0, 'latin1')
  batch.chunks.forEach((chunk, index) => {
    const start = index === 0 ? chunk.start + 1 : chunk.start
    offset += chunk.slab.buffer.copy(target, offset, start, chunk.end)
  })
  return offset
}

// Same settings as BatchCompressor's: the caller's thread seals only when the compressors are busy.
const SYNC_OPTIONS = { ...DEFLATE_OPTIONS, finishFlush: constants.Z_SYNC_FLUSH }

/**
 * Copies a taken batch out of its slabs (into `scratch` when given and large enough), so the
 * caller may settle the slabs at once; the head is still uncompressed.
 */
function copyOut(batch: TakenBatch, gzip: boolean, scratch: Buffer | undefined): SealedBatch {
  const size = headSize(batch)
  const head = scratch && size <= scratch.length ? scratch : Buffer.allocUnsafe(size)
  const headBytes = writeHead(batch, head)
  return {
    firstSeq: batch.firstSeq,
    count: batch.count,
    bytes: batch.bytes,
    lengths: batch.lengths,
    head: head.subarray(0, headBytes),
    headBytes,
    headCrc: gzip ? crc32(head, 0, headBytes) : 0,
    gzip,
  }
}

// deflateRawSync returns a view of a 64 KB buffer of its own; a waiting batch keeps its head, so
// it must not keep that buffer for 20 KB of data.
const exact = (bytes: Buffer): Buffer =>
  bytes.byteLength < bytes.buffer.byteLength ? Buffer.from(bytes) : bytes

/**
 * Compression failed; `uncompressed` is the batch, copied out of the seal's scratch buffer, so
 * its messages can still be named after the slabs and the buffer are reused.
 */
export class SealError extends Error {
  constructor(
    readonly uncompressed: SealedBatch,
    options: { cause: unknown },
  ) {
    super(`could not compress the batch: ${String(options.cause)}`, options)
  }
}

/**
 * Seals a taken batch, compressed by `compressor` on the thread pool, or raw without one; its
 * slabs may be settled on return. `scratch` holds the uncompressed copy until the promise
 * settles. Rejects with a {@link SealError} when compression fails.
 */
export function sealBatch(
  batch: TakenBatch,
  compressor: Compressor | undefined,
  scratch: Buffer | undefined,
): Promise<SealedBatch> {
  const sealed = copyOut(batch, compressor !== undefined, compressor && scratch)
  if (!compressor) return Promise.resolve(sealed)
  return compressor.compress(sealed.head).then(
    (deflated) => {
      sealed.head = deflated
      return sealed
    },
    (error: unknown) => {
      const uncompressed = { ...sealed, head: Buffer.from(sealed.head), gzip: false }
      throw new SealError(uncompressed, { cause: error })
    },
  )
}

/** Seals a taken batch on the calling thread. */
export function sealBatchNow(
  batch: TakenBatch,
  gzip: boolean,
  scratch: Buffer | undefined,
): SealedBatch {
  const sealed = copyOut(batch, gzip, scratch)
  if (gzip) sealed.head = exact(deflateRawSync(sealed.head, SYNC_OPTIONS))
  return sealed
}

/** The request body of a sealed batch, as parts: its head, then `tail`, gzipped when the batch is. */
export function requestBody(batch: SealedBatch, tail: string): Buffer[] {
  if (batch.gzip) return gzipMember(batch.head, batch.headBytes, batch.headCrc, tail)
  return [batch.head, Buffer.from(tail)]
}

/** The JSON of every message of a batch, read back (reports only, not hot). */
function messagesJson(batch: StoredBatch): string[] {
  const out: string[] = []
  if ('chunks' in batch) {
    let index = 0
    for (const chunk of batch.chunks) {
      let offset = chunk.start
      for (let k = 0; k < chunk.count; k++, index++) {
        const length = batch.lengths[index] as number
        out.push(chunk.slab.buffer.toString('utf8', offset + 1, offset + 1 + length))
        offset += length + 1
      }
    }
    return out
  }
  const head = batch.gzip
    ? inflateRawSync(batch.head, { finishFlush: constants.Z_SYNC_FLUSH })
    : batch.head
  let offset = BATCH_HEAD.length
  for (const length of batch.lengths) {
    out.push(head.toString('utf8', offset, offset + length))
    offset += length + 1
  }
  return out
}

/** The messageId of each message of a batch, or of those at `indices`; '' when unreadable. */
export function readMessageIds(batch: StoredBatch, indices?: readonly number[]): string[] {
  const json = messagesJson(batch)
  const at = indices ?? json.map((_, index) => index)
  return at.map((index) => {
    try {
      const parsed = JSON.parse(json[index] ?? '') as { messageId?: unknown }
      return String(parsed.messageId)
    } catch {
      return ''
    }
  })
}
