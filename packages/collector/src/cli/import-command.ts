import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { formatIssue } from '@itinera/core'
import type { IngestPipeline } from '../ingest/ingest-pipeline.js'
import type { Workspace } from '../storage/types.js'
import { CliError, type CliIo } from './io.js'

/** Totals of an import. */
export interface ImportSummary {
  lines: number
  accepted: number
  stored: number
  duplicates: number
  suppressed: number
  rejected: number
}

const MAX_SHOWN_ERRORS = 10

function progressBar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1
  const width = 30
  const filled = Math.round(ratio * width)
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(ratio * 100)}%`
}

/**
 * `itinera import FILE.ndjson`: one message per line, through the same pipeline as HTTP
 * (validation, skew correction, deduplication, identity), in batches.
 */
export async function importCommand(
  pipeline: IngestPipeline,
  workspace: Workspace,
  file: string,
  io: CliIo,
  options: { batchSize?: number; json?: boolean } = {},
): Promise<ImportSummary> {
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) throw new CliError(`no such file: ${file}`)
  const batchSize = options.batchSize ?? 500
  const summary: ImportSummary = {
    lines: 0,
    accepted: 0,
    stored: 0,
    duplicates: 0,
    suppressed: 0,
    rejected: 0,
  }
  const stream = createReadStream(file)
  let shownErrors = 0
  const report = (line: number, message: string) => {
    if (shownErrors++ < MAX_SHOWN_ERRORS) io.stderr.write(`line ${line}: ${message}\n`)
  }
  let pending: { line: number; value: unknown }[] = []
  let lastProgress = 0
  const progress = (force = false) => {
    const now = Date.now()
    if (!force && now - lastProgress < 200) return
    lastProgress = now
    const text = `${progressBar(stream.bytesRead, info.size)} ${summary.lines} lines, ${summary.stored} stored`
    io.stderr.write(io.stderr.isTTY ? `\r${text}` : `${text}\n`)
  }
  const flush = async () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    const outcome = await pipeline.ingestMessages(
      workspace,
      batch.map((entry) => entry.value),
    )
    summary.accepted += outcome.accepted
    summary.stored += outcome.stored.length
    summary.duplicates += outcome.duplicates.length
    summary.suppressed += outcome.suppressed.length
    summary.rejected += outcome.rejected.length
    for (const rejected of outcome.rejected) {
      const line = batch[rejected.index]?.line ?? 0
      report(
        line,
        rejected.errors.map((issue) => formatIssue({ ...issue, index: undefined })).join('; '),
      )
    }
    progress()
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const text of lines) {
    summary.lines += 1
    if (text.trim() === '') continue
    try {
      pending.push({ line: summary.lines, value: JSON.parse(text) as unknown })
    } catch {
      summary.rejected += 1
      report(summary.lines, 'not valid JSON')
    }
    if (pending.length >= batchSize) await flush()
  }
  await flush()
  progress(true)
  if (io.stderr.isTTY) io.stderr.write('\n')
  if (shownErrors > MAX_SHOWN_ERRORS)
    io.stderr.write(`… and ${shownErrors - MAX_SHOWN_ERRORS} more rejected lines\n`)
  if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`)
  else {
    io.stdout.write(
      `Imported ${file}: ${summary.accepted} accepted (${summary.stored} stored, ` +
        `${summary.duplicates} duplicates, ${summary.suppressed} suppressed), ${summary.rejected} rejected\n`,
    )
  }
  return summary
}
