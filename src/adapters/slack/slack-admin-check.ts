// Who may change feeds and schedules on Slack: the user ids in BRIEFBOT_SLACK_ADMINS, or workspace
// admins and owners per users.info. Answers are cached briefly; a failed lookup means "not admin".
import { z } from "zod";
import type { Clock, Logger } from "../../briefing/ports.js";

/** The slice of the Web API the check needs (a Bolt WebClient fits). */
export interface UsersInfoClient {
  users: { info(args: { user: string }): Promise<unknown> };
}

const UsersInfoSchema = z.object({
  user: z.object({
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
  }),
});

/**
 * A minute: long enough that a burst of /feed commands asks Slack once, short enough that a
 * demoted admin loses the right soon after.
 */
export const ADMIN_CACHE_MS = 60_000;

export interface SlackAdminCheckOptions {
  /** User ids that are admins whatever Slack says (BRIEFBOT_SLACK_ADMINS). */
  admins: readonly string[];
  logger: Logger;
  clock: Clock;
  cacheMs?: number;
}

export class SlackAdminCheck {
  readonly #client: UsersInfoClient;
  readonly #admins: ReadonlySet<string>;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, { isAdmin: boolean; until: number }>();

  constructor(client: UsersInfoClient, options: SlackAdminCheckOptions) {
    this.#client = client;
    this.#admins = new Set(options.admins);
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#cacheMs = options.cacheMs ?? ADMIN_CACHE_MS;
  }

  async isAdmin(userId: string): Promise<boolean> {
    if (this.#admins.has(userId)) return true;
    const now = this.#clock.now();
    const cached = this.#cache.get(userId);
    if (cached && cached.until > now) return cached.isAdmin;
    let isAdmin: boolean;
    try {
      const { user } = UsersInfoSchema.parse(await this.#client.users.info({ user: userId }));
      isAdmin = user.is_admin === true || user.is_owner === true || user.is_primary_owner === true;
    } catch (error) {
      // Failing closed: a refusal the person can retry beats an unchecked change. Not cached.
      this.#logger.warn(
        { component: "slack", userId, err: error instanceof Error ? error.message : String(error) },
        "users.info failed; treating the user as not an admin (is the users:read scope granted?)",
      );
      return false;
    }
    this.#cache.set(userId, { isAdmin, until: now + this.#cacheMs });
    return isAdmin;
  }
}
