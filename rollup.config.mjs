import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import { dts } from 'rollup-plugin-dts'
import esbuild from 'rollup-plugin-esbuild'

// Every package builds ESM plus bundled type declarations; the browser also a minified IIFE.
// `ITINERA_PACKAGES=browser rollup -c` builds a subset (npm start only needs the browser bundle).
const packages = (process.env.ITINERA_PACKAGES ?? 'core,browser,node,collector').split(',')
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])

function externalFor(dir) {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
  return (id) => nodeBuiltins.has(id) || deps.some((dep) => id === dep || id.startsWith(`${dep}/`))
}

function entriesOf(dir) {
  const entries = { index: `${dir}/src/index.ts` }
  if (existsSync(`${dir}/src/cli.ts`)) entries.cli = `${dir}/src/cli.ts`
  // @itinera/core/wire and /validation: parts of the root for SDKs (they share its modules).
  for (const part of ['wire', 'validation']) {
    if (existsSync(`${dir}/src/${part}.ts`)) entries[part] = `${dir}/src/${part}.ts`
  }
  return entries
}

const configs = packages.flatMap((name) => {
  const dir = `packages/${name}`
  const external = externalFor(dir)
  const input = entriesOf(dir)
  const target = name === 'browser' ? 'es2022' : 'node20'
  // core's dist builds its zod schemas when loaded (both entries): the browser ESM build inlines
  // the few core helpers it uses instead of importing it, so apps never bundle zod through it.
  const coreSources = /[\\/]packages[\\/]core[\\/]src[\\/]/
  const esm =
    name === 'browser'
      ? {
          external: (id) => id === 'idb',
          plugins: [
            nodeResolve({ browser: true, exportConditions: ['@itinera/source'] }),
            esbuild({ target, tsconfig: `${dir}/tsconfig.json` }),
          ],
          treeshake: { moduleSideEffects: (id) => !coreSources.test(id) },
        }
      : { external, plugins: [esbuild({ target, tsconfig: `${dir}/tsconfig.json` })] }
  const builds = [
    {
      input,
      ...esm,
      output: {
        dir: `${dir}/dist`,
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'shared-[hash].js',
        sourcemap: true,
      },
    },
    {
      input: {
        index: input.index,
        ...(input.wire && { wire: input.wire, validation: input.validation }),
      },
      external,
      plugins: [dts({ tsconfig: `${dir}/tsconfig.json`, compilerOptions: { composite: false } })],
      output: {
        dir: `${dir}/dist`,
        format: 'es',
        entryFileNames: '[name].d.ts',
        chunkFileNames: 'shared-[hash].d.ts',
      },
    },
  ]
  if (name === 'browser') {
    const iifeInput = existsSync(`${dir}/src/iife.ts`) ? `${dir}/src/iife.ts` : input.index
    builds.push({
      input: iifeInput,
      plugins: [
        nodeResolve({ browser: true, exportConditions: ['@itinera/source'] }),
        esbuild({ target, tsconfig: `${dir}/tsconfig.json` }),
        terser({ compress: { passes: 2 }, format: { comments: false } }),
      ],
      // core sources resolve through rollup-plugin-esbuild, which does not read core's
      // `sideEffects: false`; say it here so unused spec schemas (and zod) stay out.
      treeshake: { moduleSideEffects: (id) => !coreSources.test(id) },
      output: { file: `${dir}/dist/itinera.min.js`, format: 'iife', name: 'Itinera' },
    })
  }
  return builds
})

export default configs
