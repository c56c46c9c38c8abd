// FeedStore on SQLite: subscribed feeds and their fetch health. Each write is one transaction;
// rows are parsed with zod on the way out. Deleting a feed cascades to its articles (and FTS rows)
// and its channel subscriptions (feed_subscribers).
import type { Database, Statement } from "better-sqlite3";
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
import { FeedRowSchema, feedPatchAssignments, originColumnsOf } from "../row-schemas.js";

function parseFeed(row: unknown): Feed {
  return FeedRowSchema.parse(row);
}

export class SqliteFeedStore implements FeedStore {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #byId: Statement;
  readonly #byUrl: Statement;
  readonly #all: Statement;
  readonly #byIds: Statement;
  readonly #renewLease: Statement;
  readonly #delete: Statement;
  readonly #due: Statement;
  readonly #subscribe: Statement;
  readonly #unsubscribe: Statement;
  readonly #subscriberCount: Statement;
  readonly #channelFeeds: Statement;
  readonly #subscribers: Statement;
  /** UPDATE statements per set of patched keys; the poller uses only a few shapes. */
  readonly #updates = new Map<string, Statement>();
  /**
   * Leases this connection handed out and not yet ended (by updateFeed), with the next fetch time
   * each wrote: renewFeedLeases extends a feed only while that time is still there, so it never
   * moves a fetched feed's real next fetch, nor another process's takeover.
   */
  readonly #leases = new Map<number, { holder: string; until: number }>();

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO feeds (url, title, site_link, origin_platform, origin_workspace_id, origin_channel_id,
         origin_user_id, etag, last_modified, created_at, last_attempt_at, last_success_at, next_fetch_at,
         refresh_minutes, fulltext, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#byId = db.prepare("SELECT * FROM feeds WHERE id = ?");
    this.#byUrl = db.prepare("SELECT * FROM feeds WHERE url = ?");
    this.#all = db.prepare("SELECT * FROM feeds ORDER BY id");
    // The ids as one JSON array: one prepared statement whatever their number.
    this.#byIds = db.prepare("SELECT * FROM feeds WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id");
    this.#delete = db.prepare("DELETE FROM feeds WHERE id = ?");
    this.#renewLease = db.prepare("UPDATE feeds SET next_fetch_at = ? WHERE id = ? AND next_fetch_at = ?");
    this.#due = db.prepare(
      `SELECT * FROM feeds WHERE disabled_reason IS NULL AND next_fetch_at <= ?
       ORDER BY next_fetch_at, id LIMIT ?`,
    );
    this.#subscribe = db.prepare(
      `INSERT INTO feed_subscribers (feed_id, platform, workspace_id, channel_id, added_by, added_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#unsubscribe = db.prepare(
      "DELETE FROM feed_subscribers WHERE feed_id = ? AND platform = ? AND workspace_id = ? AND channel_id = ?",
    );
    this.#subscriberCount = db.prepare("SELECT count(*) AS count FROM feed_subscribers WHERE feed_id = ?");
    this.#channelFeeds = db.prepare(
      `SELECT feed_id FROM feed_subscribers WHERE platform = ? AND workspace_id = ? AND channel_id = ?
       ORDER BY feed_id`,
    );
    this.#subscribers = db.prepare(
      "SELECT * FROM feed_subscribers WHERE feed_id = ? ORDER BY added_at, platform, workspace_id, channel_id",
    );
  }

  async addFeed(feed: NewFeed): Promise<Feed> {
    const add = this.#db.transaction((): unknown => {
      const existing = this.#byUrl.get(feed.url);
      if (existing !== undefined) {
        const id = parseFeed(existing).id;
        throw new UserError(
          "feed_exists",
          `${feed.url} is already subscribed as feed #${id}; see \`/feed status ${id}\``,
        );
      }
      return this.#insertRow(feed);
    });
    return parseFeed(add.immediate());
  }

  async importFeeds(feeds: readonly NewFeed[], subscription: NewSubscription | null): Promise<ImportedFeed[]> {
    const subscribe = (feedId: number): boolean => {
      if (subscription === null) return false;
      const { channel, addedBy, at } = subscription;
      return (
        this.#subscribe.run(feedId, channel.platform, channel.workspaceId, channel.channelId, addedBy, at).changes > 0
      );
    };
    return this.#db
      .transaction(() =>
        feeds.map((candidate): ImportedFeed => {
          const row = this.#byUrl.get(candidate.url);
          if (row !== undefined) {
            const feed = parseFeed(row);
            return { feed, status: subscribe(feed.id) ? "joined" : "exists" };
          }
          const feed = parseFeed(this.#insertRow(candidate));
          subscribe(feed.id);
          return { feed, status: "added" };
        }),
      )
      .immediate();
  }

  #insertRow(feed: NewFeed): unknown {
    return this.#insert.get(
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
    );
  }

  async getFeed(id: number): Promise<Feed | undefined> {
    const row = this.#byId.get(id);
    return row === undefined ? undefined : parseFeed(row);
  }

  async findFeedByUrl(url: string): Promise<Feed | undefined> {
    const row = this.#byUrl.get(url);
    return row === undefined ? undefined : parseFeed(row);
  }

  async listFeeds(): Promise<Feed[]> {
    return this.#all.all().map(parseFeed);
  }

  async getFeeds(ids: readonly number[]): Promise<Feed[]> {
    return ids.length === 0 ? [] : this.#byIds.all(JSON.stringify(ids)).map(parseFeed);
  }

  async updateFeed(id: number, patch: FeedPatch): Promise<Feed | undefined> {
    const { columns, values } = feedPatchAssignments(patch);
    if (columns.length === 0) return this.getFeed(id);
    const update = this.#updateStatement(columns);
    const row = this.#db.transaction((): unknown => update.get(...values, id)).immediate();
    if (patch.nextFetchAt !== undefined) this.#leases.delete(id);
    return row === undefined ? undefined : parseFeed(row);
  }

  async removeFeed(id: number): Promise<boolean> {
    // Articles and their FTS rows go with it: ON DELETE CASCADE fires the FTS delete trigger.
    return this.#db.transaction(() => this.#delete.run(id).changes > 0).immediate();
  }

  async dueFeeds(now: number, limit: number): Promise<Feed[]> {
    return this.#due.all(now, limit).map(parseFeed);
  }

  async leaseDueFeeds(now: number, limit: number, holder: string, leaseMs: number): Promise<Feed[]> {
    // SQLite has one writer at a time, so a lease needs no column (issue 8): inside one IMMEDIATE
    // transaction the due feeds' next fetch moves to the lease's end, hiding them from other
    // processes until then; the holder's updateFeed sets the real next fetch time.
    const lease = this.#db.prepare("UPDATE feeds SET next_fetch_at = ? WHERE id = ?");
    return this.#db
      .transaction(() => {
        const due = this.#due.all(now, limit).map(parseFeed);
        for (const feed of due) {
          lease.run(now + leaseMs, feed.id);
          this.#leases.set(feed.id, { holder, until: now + leaseMs });
        }
        return due;
      })
      .immediate();
  }

  async renewFeedLeases(holder: string, leaseUntil: number): Promise<number> {
    const renew = this.#renewLease;
    return this.#db
      .transaction(() => {
        let renewed = 0;
        for (const [id, lease] of this.#leases) {
          if (lease.holder !== holder) continue;
          if (renew.run(leaseUntil, id, lease.until).changes > 0) {
            lease.until = leaseUntil;
            renewed += 1;
          } else {
            this.#leases.delete(id);
          }
        }
        return renewed;
      })
      .immediate();
  }

  async subscribeChannel(feedId: number, channel: ChannelRef, addedBy: string | null, at: number): Promise<boolean> {
    const { platform, workspaceId, channelId } = channel;
    return this.#db
      .transaction(() => this.#subscribe.run(feedId, platform, workspaceId, channelId, addedBy, at).changes > 0)
      .immediate();
  }

  async unsubscribeChannel(feedId: number, channel: ChannelRef): Promise<ChannelUnsubscribe> {
    const { platform, workspaceId, channelId } = channel;
    return this.#db
      .transaction((): ChannelUnsubscribe => {
        const unsubscribed = this.#unsubscribe.run(feedId, platform, workspaceId, channelId).changes > 0;
        const remaining = SubscriberCountRowSchema.parse(this.#subscriberCount.get(feedId));
        const feedRemoved = remaining === 0 && this.#delete.run(feedId).changes > 0;
        return { unsubscribed, remaining, feedRemoved };
      })
      .immediate();
  }

  async channelFeedIds(channel: ChannelRef): Promise<number[]> {
    const rows = this.#channelFeeds.all(channel.platform, channel.workspaceId, channel.channelId);
    return rows.map((row) => FeedIdRowSchema.parse(row));
  }

  async feedSubscribers(feedId: number): Promise<FeedSubscriber[]> {
    return this.#subscribers.all(feedId).map((row) => FeedSubscriberRowSchema.parse(row));
  }

  #updateStatement(columns: string[]): Statement {
    const key = columns.join(",");
    let statement = this.#updates.get(key);
    if (statement === undefined) {
      // Column names come from the fixed map in feedPatchAssignments, never from the caller.
      const set = columns.map((c) => `${c} = ?`).join(", ");
      statement = this.#db.prepare(`UPDATE feeds SET ${set} WHERE id = ? RETURNING *`);
      this.#updates.set(key, statement);
    }
    return statement;
  }
}
