// Runs every benchmark (`bench/<area>/run.ts`) one after another, or the areas named on the command line.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))
const wanted = process.argv.slice(2)
const areas = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${root}/${entry.name}/run.ts`))
  .map((entry) => entry.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name))

for (const area of areas) {
  console.log(`\n## ${area}\n`)
  const result = spawnSync(
    process.execPath,
    ['--conditions=@itinera/source', '--import', 'tsx', `${root}/${area}/run.ts`],
    { stdio: 'inherit' },
  )
  if (result.status !== 0) process.exitCode = 1
}
