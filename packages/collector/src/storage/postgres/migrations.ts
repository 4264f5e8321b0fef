import type { Migration } from '../sqlite/migrations.js'

// The PostgreSQL dialect of each SQLite migration, under the same version and name. Text that is
// ordered or paged on (ids, timestamps) is COLLATE "C": byte order, as SQLite compares text,
// whatever the database's locale. Sequence numbers are BIGINT.
/** The collector's schema history on PostgreSQL. Never edit an applied migration; append one. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'workspaces and raw messages',
    sql: `
      CREATE TABLE workspaces (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        write_key TEXT NOT NULL UNIQUE,
        secret_key_hash TEXT NOT NULL UNIQUE,
        allowed_origins TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE messages (
        seq BIGSERIAL PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        type TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        received_at TEXT NOT NULL,
        skew_ms BIGINT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE message_ids (
        workspace_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (workspace_id, message_id)
      );
      CREATE INDEX messages_by_workspace ON messages (workspace_id, seq);
    `,
  },
  {
    version: 2,
    name: 'derived profiles, identifiers, merges, timelines and identity audit',
    sql: `
      CREATE TABLE profiles (
        workspace_id TEXT NOT NULL,
        profile_id TEXT COLLATE "C" NOT NULL,
        identifiers TEXT NOT NULL,
        traits TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        stage TEXT,
        message_count BIGINT NOT NULL,
        journey TEXT NOT NULL,
        PRIMARY KEY (workspace_id, profile_id)
      );
      CREATE TABLE profile_identifiers (
        workspace_id TEXT NOT NULL,
        id_type TEXT NOT NULL,
        id_value TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        PRIMARY KEY (workspace_id, id_type, id_value)
      );
      CREATE INDEX profile_identifiers_by_profile ON profile_identifiers (workspace_id, profile_id);
      CREATE TABLE profile_merges (
        workspace_id TEXT NOT NULL,
        merged_id TEXT NOT NULL,
        survivor_id TEXT NOT NULL,
        PRIMARY KEY (workspace_id, merged_id)
      );
      CREATE INDEX profile_merges_by_survivor ON profile_merges (workspace_id, survivor_id);
      CREATE TABLE profile_messages (
        seq BIGINT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        profile_id TEXT COLLATE "C" NOT NULL,
        timestamp TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX profile_messages_timeline ON profile_messages (workspace_id, profile_id, timestamp, seq);
      CREATE TABLE identity_events (
        id BIGSERIAL PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX identity_events_by_profile ON identity_events (workspace_id, profile_id, id);
    `,
  },
  {
    version: 3,
    name: 'deletion requests and suppressed identifiers',
    sql: `
      CREATE TABLE deletions (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        profile_id TEXT,
        created_at TEXT NOT NULL,
        result TEXT NOT NULL
      );
      CREATE TABLE suppressions (
        workspace_id TEXT NOT NULL,
        id_type TEXT COLLATE "C" NOT NULL,
        id_value TEXT COLLATE "C" NOT NULL,
        deletion_id TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (workspace_id, id_type, id_value)
      );
    `,
  },
  {
    version: 4,
    name: 'projection watermark',
    sql: `
      CREATE TABLE projection_state (
        workspace_id TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'profile API: profiles in order of their first message',
    // Profile ids can change as messages arrive; the first message's seq cannot (issue 7).
    sql: `
      CREATE INDEX profile_messages_by_profile_seq ON profile_messages (workspace_id, profile_id, seq);
    `,
  },
  {
    version: 6,
    name: 'identifiers of each message, so start-up rebuilds identity graphs without parsing bodies',
    // NULL for rows stored before this version: those are read from the body.
    sql: `
      ALTER TABLE messages ADD COLUMN identifiers TEXT;
    `,
  },
]
