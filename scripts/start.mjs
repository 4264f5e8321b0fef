// `npm start`: runs the collector on its embedded database once it exists.
import { existsSync } from 'node:fs'

const cli = new URL('../packages/collector/src/cli.ts', import.meta.url)
if (!existsSync(cli)) {
  console.log(
    'Itinera: the collector is not built yet. `npm start` will run it at http://localhost:8787 ' +
      '(ingestion API, journey explorer and demo shop on an embedded SQLite database).',
  )
}
