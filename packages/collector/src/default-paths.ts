import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// This file sits directly in src/ (and is bundled into dist/), so `..` is the package folder.
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const repoDir = fileURLToPath(new URL('../../..', import.meta.url))

const firstExisting = (...paths: string[]): string | undefined =>
  paths.find((path) => existsSync(path))

/** The explorer's static pages, when present. */
export const defaultWebDirectory = (): string | undefined =>
  firstExisting(`${packageDir}src/web/public`, `${packageDir}dist/web/public`)

/** The demo shop's static pages, when present in the repository. */
export const defaultDemoDirectory = (): string | undefined =>
  firstExisting(`${repoDir}examples/demo-shop/public`)

/** The browser SDK's minified bundle, when built. */
export const defaultSdkFile = (): string | undefined =>
  firstExisting(`${repoDir}packages/browser/dist/itinera.min.js`)
