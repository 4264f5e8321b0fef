import type { Collector } from '../collector.js'
import type { CliIo } from './io.js'
import { describeDatabase } from '../storage/open-store.js'
import { registerDemoShopConfig } from '../web/demo-config.js'
import { ensureDemoWorkspace } from './demo-workspace.js'

/** Options of `itinera serve`. */
export interface ServeOptions {
  port: number
  host: string
  dbPath: string
  ensureDemoWorkspace: boolean
  seedDemo: boolean
}

/** What a `seedDemo` module receives (packages/collector/src/demo/index.ts). */
export interface SeedDemoContext {
  collector: Collector
  url: string
  writeKey: string
  secretKey: string | undefined
  workspaceId: string
  io: CliIo
}

type SeedDemo = (context: SeedDemoContext) => Promise<unknown>

async function loadSeedDemo(): Promise<SeedDemo | undefined> {
  // Loaded only when asked for; the bundler splits the demo data generator into its own chunk.
  try {
    const module: { seedDemo?: SeedDemo } = await import('../demo/index.js')
    return module.seedDemo
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined
    throw error
  }
}

/** `itinera serve`: listens until SIGINT/SIGTERM, then closes gracefully. */
export async function serveCommand(
  collector: Collector,
  io: CliIo,
  options: ServeOptions,
): Promise<void> {
  const demo = options.ensureDemoWorkspace
    ? await ensureDemoWorkspace(collector.store, options.dbPath)
    : undefined
  // The demo shop reads its write key from /demo/config.js.
  if (demo) registerDemoShopConfig(collector, { writeKey: demo.keys.writeKey })
  const server = await collector.listen({ port: options.port, host: options.host })
  const database = describeDatabase(options.dbPath)
  io.stdout.write(`Itinera collector listening on ${server.url} (database ${database})\n`)
  if (demo) {
    io.stdout.write(
      `${demo.created ? 'Created the demo workspace' : 'Demo workspace'} ${demo.keys.workspace.id}\n` +
        `  write key:  ${demo.keys.writeKey}\n  secret key: ${demo.keys.secretKey}\n` +
        `  (keys kept in ${demo.keysFile})\n` +
        `Journey explorer: ${server.url}/  (paste the secret key)\n` +
        `Demo shop:        ${server.url}/demo/?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale\n`,
    )
  }
  if (options.seedDemo) {
    const seedDemo = await loadSeedDemo()
    if (!seedDemo) io.stderr.write('--seed-demo: no demo seeder is available in this build\n')
    else {
      const workspace = demo?.keys.workspace ?? (await collector.store.listWorkspaces())[0]
      if (!workspace) io.stderr.write('--seed-demo: create a workspace first\n')
      else {
        await seedDemo({
          collector,
          url: server.url,
          writeKey: workspace.writeKey,
          secretKey: demo?.keys.secretKey,
          workspaceId: workspace.id,
          io,
        })
      }
    }
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  io.stderr.write('Shutting down…\n')
  await collector.close()
}
