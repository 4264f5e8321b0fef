export { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium, launchChromium } from './chromium.js'
export { ensurePostgres, startPostgres, type TestPostgres } from './postgres.js'
