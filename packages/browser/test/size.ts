// Bundle size check: builds the script-tag bundle and a minimal `{ createAnalytics }` + `track`
// import with the repository's rollup setup, and reports min and min+gzip bytes.
// Run: `npm run size -w @itinera/browser` (fails over budget); the `bundle-size` test runs it in CI.
import { gzipSync } from 'node:zlib'
import { rollup, type OutputOptions, type Plugin } from 'rollup'
import { buildIife, rollupConfigFor } from './bundle.js'

/** Budgets in bytes of min+gzip (gzip level 9). Raise only in the commit that causes the growth. */
export const BUDGETS = { full: 8 * 1024, minimal: 8 * 1024 }

/** Identifiers that must never reach the browser bundle. */
export const MUST_NOT_APPEAR = [
  'ZodError',
  '$ZodType',
  'libphonenumber',
  'process.env',
  'eval(',
  'new Function',
]

/** One measured bundle. */
export interface SizeReport {
  name: keyof typeof BUDGETS
  min: number
  gzip: number
  budget: number
  code: string
}

const gzip = (code: string) => gzipSync(code, { level: 9 }).length

const MINIMAL = `import { createAnalytics } from '@itinera/browser'
createAnalytics({ writeKey: 'wk' }).track('Signed Up')`

/** Bundles the minimal import shape as ESM with the same plugins as the script-tag build. */
export async function buildMinimal(): Promise<string> {
  const config = await rollupConfigFor('itinera.min.js')
  const entry: Plugin = {
    name: 'minimal-entry',
    resolveId: (id) => (id === 'minimal-entry' ? id : null),
    load: (id) => (id === 'minimal-entry' ? MINIMAL : null),
  }
  const bundle = await rollup({
    ...config,
    input: 'minimal-entry',
    plugins: [entry, ...((config.plugins as Plugin[]) ?? [])],
    onwarn: () => undefined,
  })
  try {
    const { output } = await bundle.generate({
      ...(config.output as OutputOptions),
      format: 'es',
      name: undefined,
    })
    return output[0].code
  } finally {
    await bundle.close()
  }
}

/** Builds and measures both shapes. */
export async function measureSizes(): Promise<SizeReport[]> {
  const [full, minimal] = await Promise.all([buildIife(), buildMinimal()])
  return [
    { name: 'full', code: full, min: full.length, gzip: gzip(full), budget: BUDGETS.full },
    {
      name: 'minimal',
      code: minimal,
      min: minimal.length,
      gzip: gzip(minimal),
      budget: BUDGETS.minimal,
    },
  ]
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const reports = await measureSizes()
  for (const r of reports) {
    const verdict = r.gzip <= r.budget ? 'ok' : 'OVER BUDGET'
    process.stdout.write(
      `${r.name.padEnd(8)} min ${r.min} B  min+gzip ${r.gzip} B  budget ${r.budget} B  ${verdict}\n`,
    )
  }
  if (reports.some((r) => r.gzip > r.budget)) process.exitCode = 1
}
