// Event validation: `validateMessage` (with its fast path for well-formed input) against the same
// message checked by the zod schema alone, on identical typical messages in one process.
//   node --conditions=@itinera/source --import tsx bench/validation/run.ts [--messages 200000]
import { parseArgs } from 'node:util'
import { messageSchemas, validateMessage } from '@itinera/core'

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200000' } } })
const count = Number(values.messages)

const messages = Array.from({ length: count }, (_, i) => ({
  type: 'track' as const,
  event: 'Product Viewed',
  userId: `user-${i % 5000}`,
  anonymousId: `anon-${i}`,
  messageId: `msg-${i}`,
  timestamp: new Date(1_760_000_000_000 + i * 1000).toISOString(),
  properties: { product_id: `p-${i % 100}`, price: 19.99, name: 'Linen shirt', currency: 'EUR' },
  context: {
    library: { name: '@itinera/node', version: '0.1.0' },
    page: { url: 'https://shop.example/p/linen-shirt', path: '/p/linen-shirt' },
    ip: '203.0.113.7',
  },
}))

// The same messages with the numeric user ids back ends often send (read as strings).
const numericIds = messages.map((message, i) => ({ ...message, userId: 1000 + (i % 5000) }))

function rate(
  label: string,
  check: (message: Record<string, unknown>) => boolean,
  input: readonly Record<string, unknown>[] = messages,
): void {
  const runs: number[] = []
  for (let run = 0; run < 5; run++) {
    const start = performance.now()
    let valid = 0
    for (const message of input) if (check(message)) valid++
    const ms = performance.now() - start
    if (valid !== count) throw new Error(`${label}: ${count - valid} messages rejected`)
    runs.push((count / ms) * 1000)
  }
  runs.sort((a, b) => a - b)
  const median = Math.round(runs[2] ?? 0).toLocaleString('en-US')
  console.log(`| ${label} | ${count.toLocaleString('en-US')} | ${median} |`)
}

console.log(`node ${process.version}, median of 5 passes\n`)
console.log('| validator | messages | messages/s |')
console.log('| --- | ---: | ---: |')
rate('`validateMessage` (fast path + 32 KB size check)', (m) => validateMessage(m).ok)
rate(
  'zod schema alone (`messageSchemas.track.safeParse`)',
  (m) => messageSchemas.track.safeParse(m).success,
)
rate('`validateMessage`, numeric user ids', (m) => validateMessage(m).ok, numericIds)
rate(
  'zod schema alone, numeric user ids',
  (m) => messageSchemas.track.safeParse(m).success,
  numericIds,
)
