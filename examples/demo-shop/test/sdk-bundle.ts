// Builds the browser SDK's script-tag bundle with the repository's rollup configuration into a
// temporary file, so the collector serves exactly what `npm run build` ships, fresh.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rollup, type OutputOptions, type RollupOptions } from 'rollup'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** Writes `itinera.min.js` into `dir` and returns its path. */
export async function writeSdkBundle(dir: string): Promise<string> {
  const mod = (await import(pathToFileURL(`${root}rollup.config.mjs`).href)) as {
    default: RollupOptions[]
  }
  const config = mod.default.find((candidate) =>
    (candidate.output as OutputOptions | undefined)?.file?.endsWith('itinera.min.js'),
  )
  if (!config) throw new Error('rollup.config.mjs has no itinera.min.js output')
  const bundle = await rollup({ ...config, onwarn: () => undefined })
  try {
    const { output } = await bundle.generate(config.output as OutputOptions)
    const file = join(dir, 'itinera.min.js')
    writeFileSync(file, output[0].code)
    return file
  } finally {
    await bundle.close()
  }
}
