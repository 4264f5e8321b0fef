// Builds the shipped script-tag bundle with the repository's own rollup configuration, in memory,
// so browser tests run against exactly what `npm run build` produces without depending on it.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rollup, type OutputOptions, type RollupOptions } from 'rollup'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** The rollup options of one output file of the repository's configuration. */
export async function rollupConfigFor(file: string): Promise<RollupOptions> {
  const mod = (await import(pathToFileURL(`${root}rollup.config.mjs`).href)) as {
    default: RollupOptions[]
  }
  const config = mod.default.find((c) =>
    (c.output as OutputOptions | undefined)?.file?.endsWith(file),
  )
  if (!config) throw new Error(`no rollup output ${file}`)
  return config
}

/** Builds `dist/itinera.min.js` (IIFE, global `Itinera`) and returns its code. */
export async function buildIife(): Promise<string> {
  const config = await rollupConfigFor('itinera.min.js')
  const bundle = await rollup({ ...config, onwarn: () => undefined })
  try {
    const { output } = await bundle.generate(config.output as OutputOptions)
    return output[0].code
  } finally {
    await bundle.close()
  }
}
