// Fails when a platform package depends on another one: browser, node and collector depend on core only.
import { readFileSync } from 'node:fs'

const platforms = ['browser', 'node', 'collector']
const problems = []
for (const name of platforms) {
  const manifest = JSON.parse(
    readFileSync(new URL(`../packages/${name}/package.json`, import.meta.url), 'utf8'),
  )
  const deps = {
    ...manifest.dependencies,
    ...manifest.peerDependencies,
    ...manifest.optionalDependencies,
  }
  for (const other of platforms) {
    if (other !== name && `@itinera/${other}` in deps) {
      problems.push(
        `@itinera/${name} depends on @itinera/${other}; platform packages may depend on @itinera/core only`,
      )
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log('dependency graph: browser, node and collector depend on core only')
