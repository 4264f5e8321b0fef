// Installs Debian's PostgreSQL server (used by the PostgreSQL storage tests) when it is missing.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const root = '/usr/lib/postgresql'
const hasServer = () =>
  existsSync(root) &&
  readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/postgres`))

if (!hasServer()) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n']
  const run = (args) => {
    const [command, ...rest] = [...sudo, ...args]
    execFileSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
  run(['apt-get', 'update'])
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'postgresql'])
}
const versions = readdirSync(root).filter((version) =>
  existsSync(`${root}/${version}/bin/postgres`),
)
console.log(`postgresql: ${root}/${versions.sort((a, b) => Number(b) - Number(a))[0]}/bin`)
