// Installs Debian's PostgreSQL server (used by the PostgreSQL storage tests) when it is missing.
import { existsSync, readdirSync } from 'node:fs'
import { aptInstall } from './apt-install.mjs'

const root = '/usr/lib/postgresql'
/** Installed server versions, newest first. */
const versions = () =>
  existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(`${root}/${version}/bin/postgres`))
        .sort((a, b) => Number(b) - Number(a))
    : []

if (versions().length === 0) aptInstall('postgresql')
console.log(`postgresql: ${root}/${versions()[0]}/bin`)
