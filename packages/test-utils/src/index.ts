export { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium, launchChromium } from './chromium.js'
export {
  createTestDatabase,
  ensurePostgres,
  startPostgres,
  type TestDatabase,
  type TestPostgres,
} from './postgres.js'
