// Installs Debian's chromium package (used by the browser tests) when it is missing.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(path)) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n']
  const run = (args) => {
    const [command, ...rest] = [...sudo, ...args]
    execFileSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
  run(['apt-get', 'update'])
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'])
}
console.log(`chromium: ${path}`)
