// Bundle sizes: Itinera's script-tag bundle and minimal ESM import, and the peers' shipped
// script-tag bundles, each measured the same way (min, gzip -9, brotli 11).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { transform } from 'esbuild'
import { rollup, type OutputOptions, type Plugin, type RollupOptions } from 'rollup'

const require = createRequire(import.meta.url)

/** One measured bundle. */
export interface SizeRow {
  sdk: string
  version: string
  file: string
  raw: number
  min: number
  gzip: number
  brotli: number
}

async function rollupConfig(): Promise<RollupOptions> {
  const mod = (await import(new URL('../../rollup.config.mjs', import.meta.url).href)) as {
    default: RollupOptions[]
  }
  const config = mod.default.find((c) =>
    (c.output as OutputOptions | undefined)?.file?.endsWith('itinera.min.js'),
  )
  if (!config) throw new Error('rollup.config.mjs has no itinera.min.js output')
  return config
}

/** Builds Itinera's IIFE, or an ESM bundle of `entry` source, with the repository's rollup setup. */
export async function buildItinera(entry?: string): Promise<string> {
  const config = await rollupConfig()
  const virtual: Plugin = {
    name: 'entry',
    resolveId: (id) => (id === 'bench-entry' ? id : null),
    load: (id) => (id === 'bench-entry' ? entry! : null),
  }
  const bundle = await rollup({
    ...config,
    ...(entry && { input: 'bench-entry' }),
    plugins: [...(entry ? [virtual] : []), ...((config.plugins as Plugin[]) ?? [])],
    onwarn: () => undefined,
  })
  const output = config.output as OutputOptions
  const { output: chunks } = await bundle.generate(
    entry ? { ...output, format: 'es', name: undefined } : output,
  )
  await bundle.close()
  return chunks[0].code
}

const measure = (code: string) => ({
  min: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
})

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`, { paths: [process.cwd()] }))
}

function peerVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version
}

/** The peers' CDN/script-tag files as shipped in their npm packages; `minify` when shipped unminified. */
export const PEERS = [
  { sdk: '@segment/analytics-next', file: 'dist/umd/standalone.js', minify: false },
  { sdk: '@rudderstack/analytics-js', file: 'dist/npm/modern/umd/index.js', minify: true },
  { sdk: 'posthog-js', file: 'dist/array.js', minify: false },
  { sdk: '@amplitude/analytics-browser', file: 'lib/scripts/amplitude-min.js', minify: false },
]

function findPackageDir(name: string): string {
  try {
    return packageDir(name)
  } catch {
    // Packages whose `exports` hide package.json: walk up from the main entry.
    let dir = dirname(require.resolve(name, { paths: [process.cwd()] }))
    while (!dir.endsWith(name.split('/').pop()!)) dir = dirname(dir)
    return dir
  }
}

/** Measures every bundle in one run. */
export async function measureAll(): Promise<SizeRow[]> {
  const ownVersion = (
    JSON.parse(
      readFileSync(new URL('../../packages/browser/package.json', import.meta.url), 'utf8'),
    ) as {
      version: string
    }
  ).version
  const full = await buildItinera()
  const minimal = await buildItinera(
    `import { createAnalytics } from '@itinera/browser'\ncreateAnalytics({ writeKey: 'wk' }).track('Signed Up')`,
  )
  const rows: SizeRow[] = [
    {
      sdk: '@itinera/browser',
      version: ownVersion,
      file: 'dist/itinera.min.js (full tracker, IIFE)',
      raw: full.length,
      ...measure(full),
    },
    {
      sdk: '@itinera/browser',
      version: ownVersion,
      file: 'ESM `{ createAnalytics }` + track()',
      raw: minimal.length,
      ...measure(minimal),
    },
  ]
  for (const peer of PEERS) {
    const dir = findPackageDir(peer.sdk)
    const raw = readFileSync(join(dir, peer.file), 'utf8')
    const code = peer.minify ? (await transform(raw, { minify: true, loader: 'js' })).code : raw
    rows.push({
      sdk: peer.sdk,
      version: peerVersion(dir),
      file: peer.file,
      raw: raw.length,
      ...measure(code),
    })
  }
  return rows
}
