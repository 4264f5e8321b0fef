// What global setups provide to tests (vitest's inject).
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test run's PostgreSQL server (its `postgres` database), in PostgreSQL suites. */
    postgresUrl?: string
  }
}

export {}
