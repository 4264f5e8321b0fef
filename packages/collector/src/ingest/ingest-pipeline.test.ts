import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../storage/sqlite/sqlite-store.js'
import { IngestPipeline } from './ingest-pipeline.js'

const workspace = {
  id: 'ws',
  name: 'ws',
  writeKey: 'wk_ws',
  allowedOrigins: ['*'],
  createdAt: '2026-01-01T00:00:00.000Z',
}

// Its JSON is `bytes` long as sent; stored, it gains receivedAt, timestamps and a messageId.
function trackOfSize(messageId: string, bytes: number) {
  const message = { type: 'track', event: 'e', userId: 'u1', messageId, properties: { pad: '' } }
  message.properties.pad = 'x'.repeat(bytes - JSON.stringify(message).length)
  return message
}

describe('IngestPipeline', () => {
  it('applies the message size limit to the message as sent, not to what the server adds', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace({ ...workspace, secretKeyHash: 'h'.repeat(64) })
    const pipeline = new IngestPipeline(store, { maxMessageBytes: 1000 })
    const outcome = await pipeline.ingestBatch(workspace, {
      batch: [trackOfSize('fits', 1000), trackOfSize('over', 1001), trackOfSize('small', 200)],
    })
    expect(outcome.stored.map((m) => m.messageId)).toEqual(['fits', 'small'])
    expect(outcome.accepted).toBe(2)
    expect(outcome.rejected).toEqual([
      {
        index: 1,
        messageId: 'over',
        errors: [
          {
            index: 1,
            path: '',
            message: 'is 1001 bytes serialized; the limit is 1000 bytes (1 KB)',
          },
        ],
      },
    ])
    await store.close()
  })

  it('measures a message as sent even when its stored form is smaller (no writeKey, no nulls)', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace({ ...workspace, secretKeyHash: 'h'.repeat(64) })
    const pipeline = new IngestPipeline(store, { maxMessageBytes: 1000 })
    const sent: Record<string, unknown> = {
      ...trackOfSize('over', 800),
      writeKey: 'k'.repeat(63),
      anonymousId: null,
      context: null,
    }
    const pad = (sent.properties as { pad: string }).pad
    ;(sent.properties as { pad: string }).pad = pad + 'x'.repeat(1001 - JSON.stringify(sent).length)
    expect(JSON.stringify(sent).length).toBe(1001)
    const outcome = await pipeline.ingestBatch(workspace, { batch: [sent] })
    expect(outcome.stored).toEqual([])
    expect(outcome.rejected[0]?.errors[0]?.message).toBe(
      'is 1001 bytes serialized; the limit is 1000 bytes (1 KB)',
    )
    await store.close()
  })

  it('keeps stored suppressions when a deletion arrives before the first ingest', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace({ ...workspace, secretKeyHash: 'h'.repeat(64) })
    // Erased before a restart: stored, and not yet in this (fresh) pipeline's memory.
    await store.addSuppressions('ws', [
      { type: 'user_id', value: 'u-old', deletionId: 'del_1', createdAt: workspace.createdAt },
    ])
    const pipeline = new IngestPipeline(store)
    pipeline.suppress('ws', [{ type: 'user_id', value: 'u-new' }])
    const outcome = await pipeline.ingestBatch(workspace, {
      batch: [
        { type: 'track', event: 'e', userId: 'u-old', messageId: 'm1' },
        { type: 'track', event: 'e', userId: 'u-new', messageId: 'm2' },
        { type: 'track', event: 'e', userId: 'u-kept', messageId: 'm3' },
      ],
    })
    expect(outcome.stored.map((m) => m.messageId)).toEqual(['m3'])
    expect(outcome.suppressed).toEqual(['m1', 'm2'])
    await store.close()
  })
})
