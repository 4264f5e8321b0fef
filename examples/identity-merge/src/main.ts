// Usage: node --conditions=@itinera/source --import tsx src/main.ts <file.ndjson> [--country US]
import { readFileSync } from 'node:fs'
import { formatProfiles, mergeNdjson } from './merge-profiles.js'

const [file, ...rest] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: main.ts <messages.ndjson> [--country US]\n')
  process.exit(2)
}
const country = rest[rest.indexOf('--country') + 1]
const options = rest.includes('--country') && country ? { phone: { defaultCountry: country } } : {}
process.stdout.write(formatProfiles(mergeNdjson(readFileSync(file, 'utf8'), options)))
