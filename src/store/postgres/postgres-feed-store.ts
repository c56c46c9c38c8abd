// FeedStore on PostgreSQL: subscribed feeds, their fetch health, and fetch leases shared by every
// instance (FOR UPDATE SKIP LOCKED plus a lease expiry, so a feed is fetched by one instance per
// interval and a dead instance's leases pass on). Deleting a feed cascades to its articles and
// its channel subscriptions (feed_subscribers).
import type pg from "pg";
import { UserError } from "../../briefing/errors.js";
import type { Feed, FeedPatch, NewFeed } from "../../briefing/feed.js";
import type {
  ChannelUnsubscribe,
  FeedStore,
  FeedSubscriber,
  ImportedFeed,
  NewSubscription,
} from "../../briefing/ports.js";
import type { ChannelRef } from "../../briefing/schedule.js";
import { FeedIdRowSchema, FeedSubscriberRowSchema, SubscriberCountRowSchema } from "../feed-subscriber-rows.js";
import { feedPatchAssignments } from "../row-schemas.js";
import { withTransaction } from "./postgres-pool.js";
import { originColumnsOf, PgFeedRowSchema } from "./postgres-row-schemas.js";

function parseFeed(row: unknown): Feed {
  return PgFeedRowSchema.parse(row);
}

export class PostgresFeedStore implements FeedStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async addFeed(feed: NewFeed): Promise<Feed> {
    // ON CONFLICT keeps two instances adding one URL at once from failing with a raw unique violation.
    const { rows } = await this.#pool.query(
      `INSERT INTO feeds (url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
         origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, next_fetch_at,
         refresh_minutes, fulltext, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (url) DO NOTHING RETURNING *`,
      [
        feed.url,
        feed.title,
        feed.siteLink,
        ...originColumnsOf(feed.origin),
        feed.etag ?? null,
        feed.lastModified ?? null,
        feed.createdAt,
        feed.lastAttemptAt ?? null,
        feed.lastSuccessAt ?? null,
        feed.nextFetchAt,
        feed.refreshMinutes,
        feed.fulltext ?? "auto",
        feed.kind ?? "auto",
      ],
    );
    if (rows[0] !== undefined) return parseFeed(rows[0]);
    const existing = await this.findFeedByUrl(feed.url);
    const id = existing?.id ?? "?";
    throw new UserError("feed_exists", `${feed.url} is already subscribed as feed #${id}; see \`/feed status ${id}\``);
  }

  async getFeed(id: number): Promise<Feed | undefined> {
    const { rows } = await this.#pool.query("SELECT * FROM feeds WHERE id = $1", [id]);
    return rows[0] === undefined ? undefined : parseFeed(rows[0]);
  }

  async findFeedByUrl(url: string): Promise<Feed | undefined> {
    const { rows } = await this.#pool.query("SELECT * FROM feeds WHERE url = $1", [url]);
    return rows[0] === undefined ? undefined : parseFeed(rows[0]);
  }

  async listFeeds(): Promise<Feed[]> {
    const { rows } = await this.#pool.query("SELECT * FROM feeds ORDER BY id");
    return rows.map(parseFeed);
  }

  async getFeeds(ids: readonly number[]): Promise<Feed[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query("SELECT * FROM feeds WHERE id = ANY($1) ORDER BY id", [ids]);
    return rows.map(parseFeed);
  }

  async updateFeed(id: number, patch: FeedPatch): Promise<Feed | undefined> {
    const { columns, values } = feedPatchAssignments(patch);
    if (columns.length === 0) return this.getFeed(id);
    // Column names come from the fixed map in feedPatchAssignments, never from the caller; values are bound.
    const sets = columns.map((c, i) => `${c} = $${i + 1}`);
    // A new next fetch time is the end of a fetch (or an operator's "fetch now"): the lease is done.
    if (patch.nextFetchAt !== undefined) sets.push("lease_holder = NULL", "lease_until = NULL");
    const { rows } = await this.#pool.query(
      `UPDATE feeds SET ${sets.join(", ")} WHERE id = $${columns.length + 1} RETURNING *`,
      [...values, id],
    );
    return rows[0] === undefined ? undefined : parseFeed(rows[0]);
  }

  async removeFeed(id: number): Promise<boolean> {
    const result = await this.#pool.query("DELETE FROM feeds WHERE id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async dueFeeds(now: number, limit: number): Promise<Feed[]> {
    const { rows } = await this.#pool.query(
      `SELECT * FROM feeds WHERE disabled_reason IS NULL AND next_fetch_at <= $1
       ORDER BY next_fetch_at, id LIMIT $2`,
      [now, Math.max(0, Math.floor(limit))],
    );
    return rows.map(parseFeed);
  }

  async leaseDueFeeds(now: number, limit: number, holder: string, leaseMs: number): Promise<Feed[]> {
    // SKIP LOCKED: instances leasing at the same moment split the due feeds instead of queueing on
    // each other's row locks; the lease columns keep them apart after the statement commits.
    const { rows } = await this.#pool.query(
      `WITH due AS (
         SELECT id FROM feeds
         WHERE disabled_reason IS NULL AND next_fetch_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_fetch_at, id LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE feeds f SET lease_holder = $3, lease_until = $4
       FROM due WHERE f.id = due.id
       RETURNING f.*`,
      [now, Math.max(0, Math.floor(limit)), holder, now + leaseMs],
    );
    return rows.map(parseFeed).sort((a, b) => a.nextFetchAt - b.nextFetchAt || a.id - b.id);
  }

  async renewFeedLeases(holder: string, leaseUntil: number): Promise<number> {
    // updateFeed clears the holder when a fetch ends, and a takeover writes its own: only feeds
    // this holder is still fetching match.
    const result = await this.#pool.query(
      "UPDATE feeds SET lease_until = $2 WHERE lease_holder = $1 AND lease_until IS NOT NULL",
      [holder, leaseUntil],
    );
    return result.rowCount ?? 0;
  }

  async subscribeChannel(feedId: number, channel: ChannelRef, addedBy: string | null, at: number): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO feed_subscribers (feed_id, platform, workspace_id, channel_id, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [feedId, channel.platform, channel.workspaceId, channel.channelId, addedBy, at],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async unsubscribeChannel(feedId: number, channel: ChannelRef): Promise<ChannelUnsubscribe> {
    return withTransaction(this.#pool, async (client) => {
      // The feed row is locked first: a subscription being added at the same moment (its foreign
      // key takes a share lock on the row) either commits before the count below sees it, or
      // waits and finds the feed gone; never is a fresh subscription deleted with the feed.
      const locked = await client.query("SELECT id FROM feeds WHERE id = $1 FOR UPDATE", [feedId]);
      if (locked.rows.length === 0) return { unsubscribed: false, remaining: 0, feedRemoved: false };
      const deleted = await client.query(
        "DELETE FROM feed_subscribers WHERE feed_id = $1 AND platform = $2 AND workspace_id = $3 AND channel_id = $4",
        [feedId, channel.platform, channel.workspaceId, channel.channelId],
      );
      const { rows } = await client.query("SELECT count(*)::int AS count FROM feed_subscribers WHERE feed_id = $1", [
        feedId,
      ]);
      const remaining = SubscriberCountRowSchema.parse(rows[0]);
      const feedRemoved =
        remaining === 0 && ((await client.query("DELETE FROM feeds WHERE id = $1", [feedId])).rowCount ?? 0) > 0;
      return { unsubscribed: (deleted.rowCount ?? 0) > 0, remaining, feedRemoved };
    });
  }

  async channelFeedIds(channel: ChannelRef): Promise<number[]> {
    const { rows } = await this.#pool.query(
      `SELECT feed_id FROM feed_subscribers WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3
       ORDER BY feed_id`,
      [channel.platform, channel.workspaceId, channel.channelId],
    );
    return rows.map((row) => FeedIdRowSchema.parse(row));
  }

  async feedSubscribers(feedId: number): Promise<FeedSubscriber[]> {
    const { rows } = await this.#pool.query(
      "SELECT * FROM feed_subscribers WHERE feed_id = $1 ORDER BY added_at, platform, workspace_id, channel_id",
      [feedId],
    );
    return rows.map((row) => FeedSubscriberRowSchema.parse(row));
  }

  async importFeeds(feeds: readonly NewFeed[], subscription: NewSubscription | null): Promise<ImportedFeed[]> {
    if (feeds.length === 0) return [];
    const urls = feeds.map((f) => f.url);
    const column = <T>(pick: (feed: NewFeed) => T): T[] => feeds.map(pick);
    const origins = feeds.map((f) => originColumnsOf(f.origin));
    // Set-based, three statements for the whole list: ten thousand entries are three round trips,
    // not thirty thousand. WITH ORDINALITY keeps ids in the list's order.
    return withTransaction(this.#pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO feeds (url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
           origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, next_fetch_at,
           refresh_minutes, fulltext, kind)
         SELECT url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id, origin_user_id,
           etag, last_modified, created_at, last_attempt_at, last_success_at, next_fetch_at, refresh_minutes,
           fulltext, kind
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::int[],
           $15::text[], $16::text[])
           WITH ORDINALITY AS t(url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
             origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, next_fetch_at,
             refresh_minutes, fulltext, kind, n)
         ORDER BY n
         ON CONFLICT (url) DO NOTHING RETURNING id`,
        [
          urls,
          column((f) => f.title),
          column((f) => f.siteLink),
          origins.map((o) => o[0]),
          origins.map((o) => o[1]),
          origins.map((o) => o[2]),
          origins.map((o) => o[3]),
          column((f) => f.etag ?? null),
          column((f) => f.lastModified ?? null),
          column((f) => f.createdAt),
          column((f) => f.lastAttemptAt ?? null),
          column((f) => f.lastSuccessAt ?? null),
          column((f) => f.nextFetchAt),
          column((f) => f.refreshMinutes),
          column((f) => f.fulltext ?? "auto"),
          column((f) => f.kind ?? "auto"),
        ],
      );
      const added = new Set(inserted.rows.map((row) => FeedIdRowSchema.parse({ feed_id: row.id })));
      const subscribed = new Set<number>();
      if (subscription !== null) {
        const { channel, addedBy, at } = subscription;
        const result = await client.query(
          `INSERT INTO feed_subscribers (feed_id, platform, workspace_id, channel_id, added_by, added_at)
           SELECT id, $2, $3, $4, $5, $6 FROM feeds WHERE url = ANY($1::text[])
           ON CONFLICT DO NOTHING RETURNING feed_id`,
          [urls, channel.platform, channel.workspaceId, channel.channelId, addedBy, at],
        );
        for (const row of result.rows) subscribed.add(FeedIdRowSchema.parse(row));
      }
      const { rows } = await client.query("SELECT * FROM feeds WHERE url = ANY($1::text[])", [urls]);
      const byUrl = new Map(rows.map(parseFeed).map((feed) => [feed.url, feed]));
      return feeds.map((candidate): ImportedFeed => {
        const feed = byUrl.get(candidate.url);
        if (feed === undefined) throw new Error(`feed ${candidate.url} vanished during its import`);
        const status = added.has(feed.id) ? "added" : subscribed.has(feed.id) ? "joined" : "exists";
        return { feed, status };
      });
    });
  }
}
