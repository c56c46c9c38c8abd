// The SQLite schema as an ordered list of migrations, applied at open in one IMMEDIATE transaction
// each and tracked in `PRAGMA user_version`. Append new migrations; never edit a released one.
import type { Database } from "better-sqlite3";
import { UserError } from "../../briefing/errors.js";

export interface Migration {
  /** 1, 2, 3 ... in order; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "feeds, articles with FTS5, events outbox",
    sql: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_link TEXT,
        -- origin: null platform means no origin; the other three are nullable on their own
        origin_platform TEXT,
        origin_workspace_id TEXT,
        origin_channel_id TEXT,
        origin_user_id TEXT,
        etag TEXT,
        last_modified TEXT,
        created_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        last_error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        next_fetch_at INTEGER NOT NULL,
        refresh_minutes INTEGER NOT NULL CHECK (refresh_minutes > 0),
        disabled_reason TEXT
      ) STRICT;
      CREATE INDEX feeds_due ON feeds (next_fetch_at) WHERE disabled_reason IS NULL;

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        url TEXT,
        guid TEXT,
        title TEXT NOT NULL,
        author TEXT,
        published_at INTEGER NOT NULL,
        published_at_estimated INTEGER NOT NULL CHECK (published_at_estimated IN (0, 1)),
        fetched_at INTEGER NOT NULL,
        summary TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        language TEXT,
        backlog INTEGER NOT NULL CHECK (backlog IN (0, 1))
      ) STRICT;
      -- Dedup keys are indexed but not UNIQUE: an incoming item can match two stored rows by
      -- different keys (url of one, hash of another), and an update must not fail on that.
      CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
      CREATE INDEX articles_feed_guid ON articles (feed_id, guid);
      CREATE INDEX articles_content_hash ON articles (content_hash);
      CREATE INDEX articles_published ON articles (published_at);

      -- External-content FTS5 index over articles; the triggers keep it in step inside the
      -- writing transaction, including deletes by prune and by ON DELETE CASCADE from feeds.
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
      WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        -- the announcement outlives the feed it is about
        feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
        origin_platform TEXT,
        origin_workspace_id TEXT,
        origin_channel_id TEXT,
        origin_user_id TEXT,
        message TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      ) STRICT;
      CREATE INDEX events_pending ON events (created_at, id) WHERE delivered_at IS NULL;
    `,
  },
  {
    version: 2,
    name: "digest schedules, workspace time zones, the delivery ledger, posted articles per channel",
    sql: `
      CREATE TABLE digest_schedules (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        created_by TEXT,
        minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
        -- weekday numbers (0 = Sunday), ascending, comma-separated: "1,2,3,4,5"
        days TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        topic TEXT,
        max_stories INTEGER NOT NULL CHECK (max_stories BETWEEN 1 AND 10),
        quiet INTEGER NOT NULL CHECK (quiet IN (0, 1)),
        created_at INTEGER NOT NULL,
        active_from INTEGER NOT NULL,
        paused_at INTEGER,
        paused_reason TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0)
      ) STRICT;
      CREATE INDEX digest_schedules_workspace ON digest_schedules (platform, workspace_id);

      CREATE TABLE workspace_settings (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        time_zone TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, workspace_id)
      ) STRICT;

      -- The delivery ledger: one row per schedule and slot, claimed before posting (the primary
      -- key makes the claim unique), settled after. See docs/decisions/005-digest-delivery-ledger.md.
      CREATE TABLE digest_slots (
        schedule_id INTEGER NOT NULL REFERENCES digest_schedules (id) ON DELETE CASCADE,
        slot_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'quiet', 'failed', 'skipped')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        claim_token TEXT,
        lease_until INTEGER,
        message_id TEXT,
        reason TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (schedule_id, slot_at)
      ) STRICT;
      CREATE INDEX digest_slots_claimed ON digest_slots (lease_until) WHERE status = 'claimed';
      CREATE INDEX digest_slots_delivered ON digest_slots (schedule_id, slot_at) WHERE status IN ('posted', 'quiet');

      -- What each channel has been shown, so the next digest brings only what is new (or updated):
      -- one row per posted digest with its articles as a JSON array. One row, not one per article:
      -- a busy minute posts thousands of digests, and their writes must stay cheap.
      CREATE TABLE digest_posted (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        posted_at INTEGER NOT NULL,
        article_ids TEXT NOT NULL CHECK (json_valid(article_ids))
      ) STRICT;
      CREATE INDEX digest_posted_channel ON digest_posted (platform, workspace_id, channel_id, posted_at);
    `,
  },
  {
    version: 3,
    name: "article full text: per-feed fulltext mode, page fields, extraction state, canonical-URL duplicates",
    sql: `
      ALTER TABLE feeds ADD COLUMN fulltext TEXT NOT NULL DEFAULT 'auto' CHECK (fulltext IN ('auto', 'always', 'never'));

      ALTER TABLE articles ADD COLUMN byline TEXT;
      ALTER TABLE articles ADD COLUMN image_url TEXT;
      -- The page's own canonical URL: a fourth dedup key (see docs/decisions/006-article-full-text.md).
      ALTER TABLE articles ADD COLUMN canonical_url TEXT;
      ALTER TABLE articles ADD COLUMN extraction_status TEXT NOT NULL DEFAULT 'none'
        CHECK (extraction_status IN ('none', 'pending', 'extracted', 'kept', 'failed'));
      ALTER TABLE articles ADD COLUMN extraction_attempts INTEGER NOT NULL DEFAULT 0 CHECK (extraction_attempts >= 0);
      ALTER TABLE articles ADD COLUMN extraction_next_at INTEGER;
      ALTER TABLE articles ADD COLUMN extraction_error TEXT;
      -- A row the canonical URL showed to be another article; the other carries the story. SET NULL:
      -- when the survivor's feed is removed, this copy is the story again.
      ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles (id) ON DELETE SET NULL;

      CREATE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
      CREATE INDEX articles_needing_text ON articles (extraction_next_at, id) WHERE extraction_status = 'pending';
      CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: "articles are indexed for search by the writer, not by an insert trigger",
    // A trigger makes every INSERT into articles open a statement savepoint, and FTS5 writes its
    // pending terms to disk at every savepoint: each article became an index segment of its own.
    // Flushing and merging those segments took about a third of the store's write time (100,000
    // articles: 15 s with the trigger, 10 s without). The store now indexes each new row
    // in the same transaction (src/store/sqlite/article-search-index.ts), so a batch is written
    // as one segment (a few when its terms outgrow FTS5's 1 MB buffer). Updates and deletes keep their triggers: they are rare, and deletes also
    // arrive through ON DELETE CASCADE, where no store code runs.
    sql: "DROP TRIGGER articles_fts_insert;",
  },
  {
    version: 5,
    name: "feeds record whether their last document needed the lenient parser",
    sql: "ALTER TABLE feeds ADD COLUMN last_parse_lenient INTEGER NOT NULL DEFAULT 0 CHECK (last_parse_lenient IN (0, 1));",
  },
  {
    version: 6,
    name: "article kind (news, opinion, other) with its reason; per-feed kind setting",
    // Rows from before are `news` with no reason: the card classifies those when it reads them.
    sql: `
      ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'opinion', 'other'));
      ALTER TABLE articles ADD COLUMN kind_reason TEXT;
      ALTER TABLE feeds ADD COLUMN kind TEXT NOT NULL DEFAULT 'auto' CHECK (kind IN ('auto', 'news', 'opinion'));
    `,
  },
  {
    version: 7,
    name: "feed subscribers: the channels that added each feed (issue 17)",
    // Feeds from before have no rows: they belong to the whole install, as they did.
    sql: `
      CREATE TABLE feed_subscribers (
        feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        added_by TEXT,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (feed_id, platform, workspace_id, channel_id)
      ) STRICT;
      CREATE INDEX feed_subscribers_channel ON feed_subscribers (platform, workspace_id, channel_id, feed_id);
    `,
  },
  {
    version: 8,
    name: "articles keep their clustering features, computed at ingest",
    // encodeArticleFeatures (src/briefing/stories/article-features.ts), rewritten whenever the
    // title or text changes. Rows from before stay NULL: /brief computes theirs when it reads them
    // (no backfill: a migration cannot run the core, and retention ages those rows out).
    sql: "ALTER TABLE articles ADD COLUMN features TEXT;",
  },
  {
    version: 9,
    name: "story alerts: watches, channel flood-control settings, alert ledger, thread replies, round-ups, outcomes",
    // Ledger rows are keyed by channel and story, so a story is claimed once per channel across
    // processes; outcomes go with their article (pruned with it) and with their watch.
    sql: `
      CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, workspace_id TEXT NOT NULL, channel_id TEXT NOT NULL,
        created_by TEXT, topic TEXT,
        sources TEXT NOT NULL DEFAULT '[]', min_sources INTEGER NOT NULL DEFAULT 1,
        include_words TEXT NOT NULL DEFAULT '[]', exclude_words TEXT NOT NULL DEFAULT '[]',
        opinion INTEGER NOT NULL DEFAULT 1 CHECK (opinion IN (0, 1)),
        paused_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
      );
      CREATE INDEX watches_channel ON watches (platform, workspace_id, channel_id);
      CREATE TABLE alert_channels (
        platform TEXT NOT NULL, workspace_id TEXT NOT NULL, channel_id TEXT NOT NULL,
        per_minute INTEGER NOT NULL, per_day INTEGER NOT NULL,
        quiet_start INTEGER, quiet_end INTEGER, time_zone TEXT NOT NULL, updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id)
      );
      CREATE TABLE alert_stories (
        platform TEXT NOT NULL, workspace_id TEXT NOT NULL, channel_id TEXT NOT NULL, story_key TEXT NOT NULL,
        watch_id INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'held', 'rounding', 'rounded', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, claim_token TEXT, lease_until INTEGER, message_id TEXT,
        headline TEXT NOT NULL, article_ids TEXT NOT NULL, outlets TEXT NOT NULL,
        edited_sources INTEGER NOT NULL DEFAULT 0, reason TEXT, replies_stopped TEXT,
        created_at INTEGER NOT NULL, posted_at INTEGER, updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id, story_key)
      );
      CREATE INDEX alert_stories_updated ON alert_stories (platform, workspace_id, channel_id, updated_at);
      CREATE TABLE alert_replies (
        platform TEXT NOT NULL, workspace_id TEXT NOT NULL, channel_id TEXT NOT NULL, story_key TEXT NOT NULL,
        outlet TEXT NOT NULL, article_id INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, claim_token TEXT, lease_until INTEGER, message_id TEXT, reason TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id, story_key, outlet),
        FOREIGN KEY (platform, workspace_id, channel_id, story_key)
          REFERENCES alert_stories (platform, workspace_id, channel_id, story_key) ON DELETE CASCADE
      );
      CREATE TABLE alert_roundups (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, workspace_id TEXT NOT NULL, channel_id TEXT NOT NULL,
        message_id TEXT, story_count INTEGER NOT NULL, posted_at INTEGER NOT NULL
      );
      CREATE INDEX alert_roundups_channel ON alert_roundups (platform, workspace_id, channel_id, posted_at);
      CREATE TABLE alert_outcomes (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        watch_id INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        outcome TEXT NOT NULL, detail TEXT NOT NULL, story_key TEXT, at INTEGER NOT NULL,
        PRIMARY KEY (article_id, watch_id)
      );
      CREATE INDEX alert_outcomes_watch ON alert_outcomes (watch_id);
    `,
  },
  {
    version: 10,
    name: "the search index merges its segments eight at a time instead of four",
    // FTS5 merges a level's segments once `automerge` of them are there (default 4). Each batch
    // commit writes one segment, so merging rewrote every posting at each of ~4 levels; at 8 it
    // is rewritten at fewer levels, which cut the index's write CPU (decision 008, 2026-12-07).
    // The index content, and so every search result, is the same; a search reads a few more
    // segments. Kept in the index's own config table, so it applies to existing databases too.
    sql: "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);",
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

function userVersion(db: Database): number {
  const value = db.pragma("user_version", { simple: true });
  return typeof value === "number" ? value : 0;
}

function refuseNewer(db: Database, found: number, latest: number): Error {
  return new UserError(
    "schema_newer",
    `The database ${db.name} has schema version ${found}, newer than this briefbot understands (${latest}). ` +
      "It was written by a newer briefbot: upgrade briefbot, or point it at another database file " +
      "(or restore a backup made before the upgrade).",
  );
}

/**
 * Brings the database up to the latest schema; a no-op when it is already there. Each step runs in
 * a BEGIN IMMEDIATE transaction and re-reads the version inside it, so two processes opening the
 * same new file at once apply every migration exactly once.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const found = userVersion(db);
  if (found > latest) throw refuseNewer(db, found, latest);
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    // Skipping applied steps outside a transaction keeps a re-open free of write locks.
    if (migration.version <= found) continue;
    const apply = db.transaction(() => {
      const current = userVersion(db);
      if (current > latest) throw refuseNewer(db, current, latest);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      // user_version lives in the file header and is written inside this transaction.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    });
    apply.immediate();
  }
  return userVersion(db);
}
