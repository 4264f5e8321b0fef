// Builds the browser tracker's <script> bundle when it is missing: the demo shop loads it.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
if (!existsSync(`${root}/packages/browser/dist/itinera.min.js`)) {
  console.log('Building the browser tracker bundle for the demo shop…')
  execFileSync(
    process.execPath,
    [`${root}/node_modules/rollup/dist/bin/rollup`, '-c', 'rollup.config.mjs', '--silent'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ITINERA_PACKAGES: 'browser' },
    },
  )
}
