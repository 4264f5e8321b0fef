// `npm start`: runs `itinera serve` on the embedded database (./.itinera/itinera.db) from the
// TypeScript sources, creating a demo workspace on first run and printing its keys.
// Extra arguments pass through: `npm start -- --port 9000 --seed-demo`.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../packages/collector/src/cli.ts', import.meta.url))
const child = spawn(
  process.execPath,
  [
    '--conditions=@itinera/source',
    '--import',
    'tsx',
    cli,
    'serve',
    '--ensure-demo-workspace',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0)
})
