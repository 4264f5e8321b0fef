import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources, so tests never need a build.
const conditions = ['@itinera/source']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    restoreMocks: true,
    setupFiles: ['./packages/test-utils/src/fail-on-console.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['packages/browser/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser-e2e',
          include: ['packages/browser/test/**/*.test.ts'],
          globalSetup: ['./packages/test-utils/src/ensure-chromium.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/node/src/**/*.test.ts', 'packages/node/test/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'collector',
          include: ['packages/collector/src/**/*.test.ts', 'packages/collector/test/**/*.test.ts'],
          exclude: [
            'packages/collector/src/storage/postgres/**',
            'packages/collector/test/postgres/**',
          ],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'collector-postgres',
          // The collector's end-to-end suites run again with PostgreSQL as the store.
          include: [
            'packages/collector/src/storage/postgres/**/*.test.ts',
            'packages/collector/test/postgres/**/*.test.ts',
            ...[
              'ingest',
              'profiles',
              'security',
              'api-profiles',
              'api-pagination',
              'api-analytics',
              'api-deletion',
              'segment-client',
              'posthog-clients',
              'amplitude-clients',
              'crash-recovery',
              'cli',
              'fuzz',
            ].map((name) => `packages/collector/test/${name}.test.ts`),
          ],
          // One PostgreSQL server for the run (installed when missing); each test gets a database.
          globalSetup: ['./packages/test-utils/src/postgres-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'examples',
          include: ['examples/*/test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
          globalSetup: ['./packages/test-utils/src/ensure-chromium.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
