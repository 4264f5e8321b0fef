// Child process of the node-sdk benchmark: one SDK, one scenario, a fresh process for fair RSS.
import { ADAPTERS } from './adapters.js'

interface ChildArgs {
  sdk: string
  host: string
  n: number
  /** Calls per event-loop turn (a busy server interleaving I/O). */
  chunk: number
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs
let unhandled = 0
process.on('unhandledRejection', () => unhandled++)
// Node prints warnings (MaxListeners, deprecations) on stderr; they must not crash or skew a run.
process.removeAllListeners('warning')

const send = (message: unknown, then?: () => void) => process.send?.(message, undefined, {}, then)

const create = ADAPTERS[args.sdk]
if (!create) throw new Error(`unknown sdk ${args.sdk}`)
const adapter = await create(args.host)
const cpuStart = process.cpuUsage()
const startedAt = Date.now()
send({ type: 'started', startedAt, version: adapter.version })
for (let i = 0; i < args.n; i += args.chunk) {
  const end = Math.min(args.n, i + args.chunk)
  for (let seq = i; seq < end; seq++) {
    const wait = adapter.track(seq)
    if (wait) await wait
  }
  await new Promise((resolve) => setImmediate(resolve))
}
const enqueuedAt = Date.now()
await adapter.drain()
const closedAt = Date.now()
const cpu = process.cpuUsage(cpuStart)
send(
  {
    type: 'done',
    startedAt,
    enqueuedAt,
    closedAt,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    errors: adapter.errors(),
    unhandled,
    extra: adapter.extra?.(),
  },
  () => process.disconnect?.(),
)
