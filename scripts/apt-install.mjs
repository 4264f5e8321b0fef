// Installs Debian packages with apt-get, through `sudo -n` unless already root.
import { execFileSync } from 'node:child_process'

/** Runs `apt-get update` then installs `packages` without recommends. */
export function aptInstall(...packages) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n']
  const run = (args) => {
    const [command, ...rest] = [...sudo, ...args]
    execFileSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
  run(['apt-get', 'update'])
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages])
}
