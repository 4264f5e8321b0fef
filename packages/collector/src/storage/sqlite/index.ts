export { SqliteStore, createSqliteStore } from './sqlite-store.js'
export type { SqliteStoreOptions } from './sqlite-store.js'
export { migrations } from './migrations.js'
export type { Migration } from './migrations.js'
