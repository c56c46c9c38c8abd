// The one contract every chat platform meets (Slack, Discord; Mattermost or Teams would be one more
// folder): a name, start/stop for its connection, and a publisher serve posts digests and announcements through.
import type { AlertPublisher } from "../../briefing/alerts/alert-publisher.js";
import type { Platform } from "../../briefing/feed.js";
import type { Announcement, Logger, Publisher, PublishResult } from "../../briefing/ports.js";
import type { App } from "../../compose-app.js";

/** Why a channel could not take an announcement, as its publisher answered. */
export interface Undelivered {
  /** The channel that was tried; null when none was recorded. */
  channelId: string | null;
  failure: Extract<PublishResult, { ok: false }> | null;
}

/** A Publisher that can also reach one person directly: the fallback when a channel is out of reach. */
export interface ChatPublisher extends Publisher {
  /** Tells the person who set something up that its announcement could not be posted, why, and the fix. */
  tellOwner(
    owner: { workspaceId: string; userId: string },
    announcement: Announcement,
    undelivered: Undelivered,
  ): Promise<PublishResult>;
}

export interface ChatPlatform {
  /** The platform that origins and schedules name, so events and digests are routed here. */
  readonly name: Platform;
  /** For people: "Slack", "Discord". */
  readonly title: string;
  /**
   * `every-instance`: each instance connects (the platform hands each event to one of them);
   * `one-per-fleet`: one leader seat per database holds the connection (Discord's gateway would
   * deliver every interaction to every connection).
   */
  readonly connection: "every-instance" | "one-per-fleet";
  /** Works before start() and on standby instances: posting needs no live connection. */
  readonly publisher: ChatPublisher;
  /** Story alerts (threads, edits); absent while a platform does not support them. */
  readonly alerts?: AlertPublisher;
  /** Connects; resolves with how (for the operator: "Socket Mode"); throws PlatformError when refused or unreachable. */
  start(): Promise<string>;
  /** Disconnects after in-flight work; safe when never started. */
  stop(): Promise<void>;
}

/** Null when the platform is not configured at all; throws PlatformError when it is half-configured. */
export type ChatPlatformFactory = (app: App, logger: Logger) => ChatPlatform | null;
