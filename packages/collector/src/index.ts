/**
 * Itinera collector: Segment-compatible ingestion, durable storage, identity at ingest,
 * workspaces and the `itinera` CLI.
 *
 * @module @itinera/collector
 */
export const VERSION = '0.1.0'
export { createCollector, startServer } from './collector.js'
export type { Collector, CollectorLimits, CollectorOptions, RunningServer } from './collector.js'
export type { CollectorContext } from './http/context.js'
export { runCli } from './cli/run-cli.js'
export type { CliIo } from './cli/io.js'
export type { SeedDemoContext } from './cli/serve-command.js'
export { ProfileApiError, registerProfileApi } from './api/index.js'
export type { ProfileApiDeps } from './api/index.js'
export { HttpError } from './http/http-error.js'
export { RateLimiter } from './http/rate-limit.js'
export type { RateDecision, RateLimitOptions } from './http/rate-limit.js'
export { sendJson } from './http/respond.js'
export { Router } from './http/router.js'
export type { HttpMethod, RequestContext, RouteHandler, RouteMatch } from './http/router.js'
export { sendFile, sendFromDirectory } from './http/static-files.js'
export { IngestPipeline } from './ingest/ingest-pipeline.js'
export type {
  IngestLimits,
  IngestOutcome,
  StoredListener,
  SuppressedListener,
} from './ingest/ingest-pipeline.js'
export { Projector } from './projection/projector.js'
export type { ProjectorOptions } from './projection/projector.js'
export type { ErasedProfile } from './projection/erase-profile.js'
export { buildProfile } from './projection/build-profile.js'
export { describeDatabase, isPostgresUrl, openStore } from './storage/open-store.js'
export { createPostgresStore } from './storage/postgres/index.js'
export type { PostgresStoreOptions } from './storage/postgres/index.js'
export { SqliteStore, createSqliteStore, migrations } from './storage/sqlite/index.js'
export type { Migration, SqliteStoreOptions } from './storage/sqlite/index.js'
export type {
  AnalyticsRow,
  AppendResult,
  CollectorStore,
  DeletionRecord,
  EventCursor,
  IdentifierRef,
  IdentityEventRecord,
  IdentityRecord,
  NewMessage,
  NewWorkspaceRecord,
  ProfileProjection,
  ProfileRecord,
  ProjectionChange,
  StoredMessage,
  SuppressionRecord,
  Workspace,
} from './storage/types.js'
export { createWorkspace, hashSecretKey } from './workspaces/index.js'
export type { CreateWorkspaceOptions, CreatedWorkspace } from './workspaces/index.js'
export { registerDemoShopConfig } from './web/index.js'
export type { DemoShopConfigOptions } from './web/index.js'
export { generateDemoMessages, seedDemo } from './demo/index.js'
export type {
  DemoBatchSender,
  DemoDataset,
  DemoMessage,
  DemoPersona,
  DemoProduct,
  GenerateDemoOptions,
  SeedDemoOptions,
  SeedDemoSummary,
} from './demo/index.js'
