// A fake Discord on 127.0.0.1 for tests of the real discord.js client: REST under /api/v10 (the
// routes briefbot uses, every request and its JSON body recorded, failures on demand; channel
// messages kept, so edits, threads started on messages, deleted messages and archived or locked
// threads answer as Discord does) and a WebSocket gateway (HELLO, IDENTIFY, READY with no guilds,
// heartbeat ACKs, INTERACTION_CREATE).
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface RecordedDiscordRequest {
  /** Order of arrival, from 0. */
  seq: number;
  method: string;
  /** Path without the query string, e.g. /api/v10/channels/1/messages. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, or null when there was none. */
  body: unknown;
  /** The status the fake answered with. */
  status: number;
}

export interface FakeFailure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What the fake does after it has taken a request as usual (the message is created). */
export interface AfterAccepting {
  /** Answer only after this long (ms), past a client's timeout. */
  delayMs?: number;
  /** Answer with this instead of the created message (a 5xx after the post). */
  failure?: FakeFailure;
}

/** Discord's 429: `retry_after` in seconds, both in the body and the Retry-After header. */
export function rateLimited(retryAfterSeconds: number): FakeFailure {
  return {
    status: 429,
    body: { message: "You are being rate limited.", retry_after: retryAfterSeconds, global: false },
    headers: { "retry-after": String(retryAfterSeconds), "x-ratelimit-scope": "user" },
  };
}

export const MISSING_ACCESS: FakeFailure = { status: 403, body: { message: "Missing Access", code: 50001 } };
export const UNKNOWN_CHANNEL: FakeFailure = { status: 404, body: { message: "Unknown Channel", code: 10003 } };

/** A message the fake holds, as its last accepted POST or PATCH left it. */
export interface FakeDiscordMessage {
  id: string;
  channelId: string;
  body: Record<string, unknown>;
  /** How many PATCHes changed it. */
  edits: number;
}

export interface FakeDiscordThread {
  /** The parent message's id (Discord gives the thread the same id). */
  id: string;
  parentId: string;
  name: string;
  archived: boolean;
  locked: boolean;
}

export interface SlashCommandOptions {
  name: string;
  /** The interaction's `data.options`, as Discord sends them. */
  options?: unknown[];
  /** Holds Manage Server (permissions "3104") or not ("3072": view and send only). */
  admin: boolean;
  guildId?: string;
  channelId?: string;
  userId?: string;
}

export interface ButtonClickOptions extends Omit<SlashCommandOptions, "name" | "options"> {
  customId: string;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
}

export interface FakeDiscord {
  /** For `rest.api` / DISCORD_API_URL: origin + "/api". */
  readonly apiUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly requests: readonly RecordedDiscordRequest[];
  /** The `d` of the last IDENTIFY (op 2) received: intents, token, properties. */
  readonly identify: unknown;
  /** Bodies that are messages (they carry content or embeds), in order. */
  messageBodies(): Array<Record<string, unknown>>;
  /** The next `times` requests whose method and path match get this answer instead. */
  fail(method: string, path: RegExp, failure: FakeFailure, times?: number): void;
  /** The next `times` matching requests are taken as usual (a message is posted), then answered late or with a failure. */
  acceptThen(method: string, path: RegExp, after: AfterAccepting, times?: number): void;
  /** Messages posted in a channel (or a thread: its id), not deleted, in order. */
  channelMessages(channelId: string): FakeDiscordMessage[];
  /** The thread started on a message, if any. */
  thread(messageId: string): FakeDiscordThread | undefined;
  /** Deletes a message: PATCH and starting a thread on it answer 10008 Unknown Message. */
  deleteMessage(messageId: string): void;
  /** Archives (50083 Thread is archived) or locks (160005 Thread is locked) a message's thread. */
  closeThread(messageId: string, how: "archived" | "locked"): void;
  /** Resolves once a client has identified and been sent READY. */
  whenReady(): Promise<void>;
  /** Sends an application command interaction (type 2) over the gateway. */
  slashCommand(options: SlashCommandOptions): DispatchedInteraction;
  /** Sends a click on a message's button (type 3, MESSAGE_COMPONENT) with this custom_id. */
  button(options: ButtonClickOptions): DispatchedInteraction;
  /** Sends an autocomplete interaction (type 4). */
  autocomplete(options: SlashCommandOptions): DispatchedInteraction;
  /** Resolves with the first recorded request (past or future) matching `test`. */
  waitForRequest(test: (request: RecordedDiscordRequest) => boolean): Promise<RecordedDiscordRequest>;
  close(): Promise<void>;
}

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const USER = "300000000000000001";
const MANAGE_SERVER = "3104";
const MEMBER = "3072";

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const applicationId = "400000000000000001";
  const botUserId = "400000000000000002";
  const bot = { id: botUserId, username: "briefbot", discriminator: "0", global_name: null, avatar: null, bot: true };
  const requests: RecordedDiscordRequest[] = [];
  const failures: Array<{ method: string; path: RegExp; failure: FakeFailure; left: number }> = [];
  const afterAccepting: Array<{ method: string; path: RegExp; after: AfterAccepting; left: number }> = [];
  const events = new EventEmitter();
  const tokenChannels = new Map<string, string>();
  const kept = new Map<string, FakeDiscordMessage>();
  const deleted = new Set<string>();
  const threads = new Map<string, FakeDiscordThread>();
  const sockets = new Set<Socket>();
  const gatewaySockets = new Set<WebSocket>();
  let nextId = 500000000000000000n;
  let sequence = 0;
  let ready = false;
  let identify: unknown = null;
  const snowflake = () => String(nextId++);

  const message = (channelId: string, body: Record<string, unknown>, webhook: boolean) => ({
    id: snowflake(),
    channel_id: channelId,
    type: webhook ? 20 : 0,
    content: typeof body.content === "string" ? body.content : "",
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    author: bot,
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    components: [],
    pinned: false,
    flags: typeof body.flags === "number" ? body.flags : 0,
    ...(webhook ? { webhook_id: applicationId, application_id: applicationId } : {}),
  });

  /** The fake's REST answers: [status, JSON body or undefined for an empty 204]. */
  const route = (method: string, path: string, body: Record<string, unknown>): [number, unknown] => {
    const api = path.replace(/^\/api\/v10/, "");
    if (method === "GET" && api === "/gateway/bot") {
      const session_start_limit = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 };
      return [200, { url: `ws://127.0.0.1:${port}/gateway`, shards: 1, session_start_limit }];
    }
    if (method === "GET" && api === "/users/@me") return [200, bot];
    // Discord answers an interaction callback with 204 and no body (no JSON content type either).
    if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(api)) return [204, undefined];
    const original = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(api);
    if (original && method === "DELETE") return [204, undefined];
    if (original && method === "PATCH")
      return [200, message(tokenChannels.get(original[1] ?? "") ?? CHANNEL, body, true)];
    const followUp = /^\/webhooks\/\d+\/([^/]+)$/.exec(api);
    if (followUp && method === "POST")
      return [200, message(tokenChannels.get(followUp[1] ?? "") ?? CHANNEL, body, true)];
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(api) && Array.isArray(body)) {
      const commands = body as Array<Record<string, unknown>>;
      return [
        200,
        commands.map((command) => ({
          ...command,
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
        })),
      ];
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(api);
    if (channelMessages && method === "POST") {
      const channelId = channelMessages[1] ?? "";
      // A message id used as a channel is a thread: only once it was started, and while it is open.
      if (kept.has(channelId) || deleted.has(channelId)) {
        const thread = threads.get(channelId);
        if (!thread) return [404, { message: "Unknown Channel", code: 10003 }];
        if (thread.locked) return [403, { message: "Thread is locked", code: 160005 }];
        if (thread.archived) return [400, { message: "Thread is archived", code: 50083 }];
      }
      const created = message(channelId, body, false);
      kept.set(created.id, { id: created.id, channelId, body, edits: 0 });
      return [200, created];
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(api);
    if (oneMessage && method === "PATCH") {
      const found = kept.get(oneMessage[2] ?? "");
      if (!found || found.channelId !== oneMessage[1]) return [404, { message: "Unknown Message", code: 10008 }];
      found.body = body;
      found.edits += 1;
      return [
        200,
        { ...message(found.channelId, body, false), id: found.id, edited_timestamp: new Date(1).toISOString() },
      ];
    }
    const startThread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(api);
    if (startThread && method === "POST") {
      const parentId = startThread[1] ?? "";
      const messageId = startThread[2] ?? "";
      const found = kept.get(messageId);
      if (!found || found.channelId !== parentId) return [404, { message: "Unknown Message", code: 10008 }];
      if (threads.has(messageId))
        return [400, { message: "A thread has already been created for this message", code: 160004 }];
      const name = String(body.name ?? "");
      threads.set(messageId, { id: messageId, parentId, name, archived: false, locked: false });
      const metadata = {
        archived: false,
        locked: false,
        auto_archive_duration: body.auto_archive_duration ?? 1440,
        archive_timestamp: new Date(0).toISOString(),
      };
      return [
        201,
        { id: messageId, type: 11, parent_id: parentId, name, owner_id: botUserId, thread_metadata: metadata },
      ];
    }
    if (method === "POST" && api === "/users/@me/channels") {
      const recipient = { id: String(body.recipient_id), username: "owner", discriminator: "0" };
      return [200, { id: snowflake(), type: 1, recipients: [recipient] }];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    // discord.js encodes "@original" as "%40original".
    const path = decodeURIComponent(url.pathname);
    const method = request.method ?? "GET";
    let body: unknown = null;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const failure = failures.find((f) => f.left > 0 && f.method === method && f.path.test(path));
    let status: number;
    let payload: unknown;
    let headers: Record<string, string> = {};
    if (failure) {
      failure.left -= 1;
      ({ status, body: payload } = failure.failure);
      headers = failure.failure.headers ?? {};
    } else {
      [status, payload] = route(method, path, (body ?? {}) as Record<string, unknown>);
    }
    const late = failure
      ? undefined
      : afterAccepting.find((a) => a.left > 0 && a.method === method && a.path.test(path));
    if (late) {
      late.left -= 1;
      if (late.after.failure) {
        ({ status, body: payload } = late.after.failure);
        headers = late.after.failure.headers ?? {};
      }
    }
    const recorded: RecordedDiscordRequest = {
      seq: requests.length,
      method,
      path,
      query: url.searchParams,
      headers: request.headers,
      body,
      status,
    };
    requests.push(recorded);
    if (late?.after.delayMs) {
      events.emit("request", recorded);
      await new Promise((r) => setTimeout(r, late.after.delayMs));
      // A client that gave up has closed the socket; the message stands either way.
      if (response.destroyed) return;
    }
    // Discord answers an interaction callback with 204 and no content type (discord.js must cope).
    if (payload === undefined) response.writeHead(status, headers).end();
    else response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(payload));
    if (!late?.after.delayMs) events.emit("request", recorded);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });

  const gateway = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    gateway.handleUpgrade(request, socket, head, (ws) => gateway.emit("connection", ws, request));
  });
  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));
  gateway.on("connection", (ws: WebSocket) => {
    gatewaySockets.add(ws);
    ws.once("close", () => gatewaySockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on("message", (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: unknown };
      if (packet.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (packet.op === 2) {
        identify = packet.d;
        sequence += 1;
        send(ws, {
          op: 0,
          t: "READY",
          s: sequence,
          d: {
            v: 10,
            user: bot,
            // No guilds: with any, discord.js would wait (15 s) for their GUILD_CREATE.
            guilds: [],
            session_id: "fake-session",
            resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
            shard: [0, 1],
            application: { id: applicationId, flags: 0 },
          },
        });
        ready = true;
        events.emit("ready");
      }
    });
  });

  const dispatch = (type: 2 | 3 | 4, options: SlashCommandOptions & { customId?: string }): DispatchedInteraction => {
    const id = snowflake();
    const token = `token-${id}`;
    const guildId = options.guildId ?? GUILD;
    const channelId = options.channelId ?? CHANNEL;
    tokenChannels.set(token, channelId);
    const user = {
      id: options.userId ?? USER,
      username: "someone",
      discriminator: "0",
      global_name: null,
      avatar: null,
    };
    const payload = {
      id,
      application_id: applicationId,
      type,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: "news" },
      member: {
        user,
        roles: [],
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: options.admin ? MANAGE_SERVER : MEMBER,
      },
      ...(type === 3
        ? {
            // The message the button was on (Discord sends it whole), and which button.
            message: message(channelId, { content: "a card" }, false),
            data: { custom_id: options.customId ?? "", component_type: 2 },
          }
        : { data: { id: snowflake(), name: options.name, type: 1, options: options.options ?? [] } }),
      app_permissions: "19456",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": guildId },
      context: 0,
    };
    sequence += 1;
    for (const ws of gatewaySockets) send(ws, { op: 0, t: "INTERACTION_CREATE", s: sequence, d: payload });
    return { id, token };
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    applicationId,
    botUserId,
    get requests() {
      return requests;
    },
    get identify() {
      return identify;
    },
    messageBodies: () =>
      requests
        .map((r) => r.body)
        .filter(
          (body): body is Record<string, unknown> =>
            typeof body === "object" &&
            body !== null &&
            !Array.isArray(body) &&
            ("content" in body || "embeds" in body),
        ),
    fail: (method, path, failure, times = 1) => {
      failures.push({ method, path, failure, left: times });
    },
    acceptThen: (method, path, after, times = 1) => {
      afterAccepting.push({ method, path, after, left: times });
    },
    channelMessages: (channelId) => [...kept.values()].filter((m) => m.channelId === channelId),
    thread: (messageId) => threads.get(messageId),
    deleteMessage: (messageId) => {
      kept.delete(messageId);
      deleted.add(messageId);
    },
    closeThread: (messageId, how) => {
      const thread = threads.get(messageId);
      if (!thread) throw new Error(`fake Discord: no thread on message ${messageId}`);
      thread[how] = true;
    },
    whenReady: async () => {
      if (!ready) await once(events, "ready");
    },
    slashCommand: (options) => dispatch(2, options),
    autocomplete: (options) => dispatch(4, options),
    button: (options) => dispatch(3, { ...options, name: "" }),
    waitForRequest: (test) => {
      const seen = requests.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const listener = (request: RecordedDiscordRequest) => {
          if (!test(request)) return;
          events.off("request", listener);
          resolve(request);
        };
        events.on("request", listener);
      });
    },
    close: async () => {
      for (const ws of gatewaySockets) ws.terminate();
      gateway.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
