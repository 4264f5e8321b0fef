// A collector on a temporary database serving the demo shop, the explorer and a fresh SDK bundle.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createCollector,
  createWorkspace,
  registerDemoShopConfig,
  type Collector,
  type CreatedWorkspace,
} from '@itinera/collector'
import { writeSdkBundle } from './sdk-bundle.js'

export interface ShopServer {
  url: string
  collector: Collector
  workspace: CreatedWorkspace
  close(): Promise<void>
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Where screenshots go (gitignored). */
export const RESULTS_DIR = here('../../../test-results/demo-shop/')

export async function startShopServer(): Promise<ShopServer> {
  const dir = mkdtempSync(join(tmpdir(), 'itinera-demo-shop-'))
  const errors: unknown[] = []
  const collector = await createCollector({
    db: join(dir, 'itinera.db'),
    rateLimit: false,
    onError: (error) => errors.push(error),
    webDirectory: here('../../../packages/collector/src/web/public'),
    demoDirectory: here('../public'),
    sdkFile: await writeSdkBundle(dir),
  })
  const workspace = await createWorkspace(collector.store, { name: 'demo' })
  registerDemoShopConfig(collector, { writeKey: workspace.writeKey })
  const server = await collector.listen({ port: 0 })
  mkdirSync(RESULTS_DIR, { recursive: true })
  return {
    url: server.url,
    collector,
    workspace,
    close: async () => {
      await collector.close()
      rmSync(dir, { recursive: true, force: true })
      if (errors.length > 0) throw errors[0]
    },
  }
}
