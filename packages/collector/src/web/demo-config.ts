import type { Collector } from '../collector.js'

/** Options for {@link registerDemoShopConfig}. */
export interface DemoShopConfigOptions {
  /** Write key the demo shop sends with (public: it can only ingest). */
  writeKey: string
  /** Collector origin the tracker posts to. @default '' (the page's own origin) */
  host?: string
}

/**
 * Serves `GET /demo/config.js`, which tells the demo shop's inline snippet which write key to use,
 * so a person opening `/demo/` after `npm start` is tracked without pasting a key.
 */
export function registerDemoShopConfig(
  collector: Pick<Collector, 'route'>,
  options: DemoShopConfigOptions,
): void {
  const config = JSON.stringify({ writeKey: options.writeKey, host: options.host ?? '' })
  // Escaped so the JSON can never close the script it is embedded in.
  const body = `window.ITINERA_DEMO = ${config.replace(/</g, '\\u003c')}\n`
  collector.route('GET', '/demo/config.js', (ctx) => {
    ctx.res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(body),
    })
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body)
  })
}
