// Installs Debian's chromium package (used by the browser tests) when it is missing.
import { existsSync } from 'node:fs'
import { aptInstall } from './apt-install.mjs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(path)) aptInstall('chromium')
console.log(`chromium: ${path}`)
