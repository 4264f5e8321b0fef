import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

/** Debian's Chromium; the test setup installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// The network here is closed: without these flags Chromium keeps dialling out at start-up.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Installs Debian's chromium package when it is not on the machine yet. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return
  const script = fileURLToPath(new URL('../../../scripts/ensure-chromium.mjs', import.meta.url))
  execFileSync(process.execPath, [script], { stdio: 'inherit' })
}

/** Starts headless Debian Chromium through playwright-core. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  })
}
