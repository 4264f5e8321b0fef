// Browser SDK benchmark: bundle sizes (ours and the peers' shipped bundles) and the main-thread
// cost of track() in Chromium beside Segment analytics-next and posthog-js.
// Run: `npm run bench -- browser` or `node --conditions=@itinera/source --import tsx bench/browser/run.ts`
import { fileURLToPath } from 'node:url'
import { buildItinera, measureAll } from './sizes.js'
import { measureTrackCost } from './track-cost.js'

// rollup.config.mjs resolves package paths from the repository root.
process.chdir(fileURLToPath(new URL('../..', import.meta.url)))

const sizes = await measureAll()
console.log('\nBundle sizes (bytes; gzip -9 and brotli 11 of the minified file)\n')
console.log('| SDK | version | file | min | min+gzip | min+brotli |')
console.log('| --- | --- | --- | ---: | ---: | ---: |')
for (const r of sizes)
  console.log(`| ${r.sdk} | ${r.version} | ${r.file} | ${r.min} | ${r.gzip} | ${r.brotli} |`)

const cost = await measureTrackCost(await buildItinera())
console.log('\nMain-thread cost of one track() in Chromium (microseconds per call)\n')
console.log(
  '| SDK | synchronous call (median of 7 rounds × 200) | main-thread time caused (300 calls, 6 s) | requests for 300 calls |',
)
console.log('| --- | ---: | ---: | ---: |')
for (const r of cost) console.log(`| ${r.sdk} | ${r.syncUs} | ${r.totalUs} | ${r.requests} |`)
