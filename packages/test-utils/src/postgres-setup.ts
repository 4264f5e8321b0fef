import type { TestProject } from 'vitest/node'
import { startPostgres } from './postgres.js'
import './provided.js'

/**
 * vitest global setup for suites that need PostgreSQL: starts one server for the run (installing
 * Debian's package when missing) and provides its URL; each test creates its own database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres()
  project.provide('postgresUrl', server.url)
  return () => server.stop()
}
