// A fake Slack on loopback for tests: the Web API (auth.test, chat.postMessage with thread_ts,
// chat.update, users.info, apps.connections.open), response_url endpoints, and a Socket Mode
// WebSocket server. It keeps the messages it took (so a deleted parent or an archived channel
// refuses replies and edits as Slack does), records every request and event in one ordered log,
// and answers from defaults or queued one-shot replies.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type LocalHttpServer, startLocalHttpServer } from "./local-http-server.js";

export interface FakeSlackEvent {
  /** Position in the fake's single log: requests, socket acks and the test's own marks share it. */
  seq: number;
  /** When the fake logged it (epoch ms); for Retry-After checks only, never for ordering. */
  at: number;
  kind: "api" | "response_url" | "socket_ack" | "socket_open" | "mark";
  /** API method ("chat.postMessage"), response_url id, envelope id or mark label. */
  name: string;
  headers: IncomingMessage["headers"];
  /** Form fields (JSON-looking values parsed) or the JSON body. */
  body: Record<string, unknown>;
  /** The HTTP status the fake answered (0 for non-HTTP events). */
  status: number;
  /** The fake accepted it: HTTP 200 and, for API methods, `ok: true`. */
  ok: boolean;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Default: the method's usual answer (for chat.postMessage, the posted message). */
  body?: unknown;
  /** Answer only after this long (ms): the request is recorded, and a post posted, at once. */
  delayMs?: number;
  /** Slack posted the message whatever the answer says (a 5xx after the post): counts in accepted(). */
  postedAnyway?: boolean;
}

export interface UserFlags {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** A message the fake holds, as the last accepted call left it. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** The parent's ts for a thread reply. */
  threadTs: string | null;
  text: string;
  blocks: unknown;
  /** How many times chat.update changed it. */
  edits: number;
}

export interface FakeSlackApi {
  readonly origin: string;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  readonly apiUrl: string;
  /** The Socket Mode URL apps.connections.open hands out. */
  readonly socketUrl: string;
  readonly log: readonly FakeSlackEvent[];
  /** Requests to one API method, in order (whatever the fake answered). */
  calls(method: string): FakeSlackEvent[];
  /** Requests to one API method that the fake accepted (200 and ok: true). */
  accepted(method: string): FakeSlackEvent[];
  /** A response_url on the fake, under a name the test chooses. */
  responseUrl(id: string): string;
  /** What was posted to one response_url. */
  responses(id: string): FakeSlackEvent[];
  setUser(userId: string, flags: UserFlags): void;
  /** One-shot replies for a method, used in order before the defaults. */
  queue(method: string, ...replies: FakeReply[]): void;
  /** Records a test-side moment in the same ordered log (say, "the ack arrived"). */
  mark(label: string): FakeSlackEvent;
  /** Resolves with the first non-undefined value of `check`, re-checked after every logged event. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Sends a Socket Mode envelope to every connected client; resolves with the client's ack. */
  sendEnvelope(type: string, payload: Record<string, unknown>): Promise<FakeSlackEvent>;
  /** Messages the fake holds in a channel, top-level and replies, in posting order. */
  messages(channel: string): FakeSlackMessage[];
  /** The replies in the thread of `ts`. */
  thread(channel: string, ts: string): FakeSlackMessage[];
  /** Deletes a message: chat.update answers message_not_found, a reply in its thread thread_not_found. */
  deleteMessage(channel: string, ts: string): void;
  /** Archives a channel: every post and update there answers is_archived. */
  archiveChannel(channel: string): void;
  /** Locks one thread: replies answer restricted_action_thread_locked (the parent can still be edited). */
  lockThread(channel: string, ts: string): void;
  /** Socket Mode connections opened so far. */
  readonly socketConnections: number;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient form-encodes nested values (blocks) as JSON strings.
    if (/^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {}
    }
    out[key] = value;
  }
  return out;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const log: FakeSlackEvent[] = [];
  const queued = new Map<string, FakeReply[]>();
  const users = new Map<string, UserFlags>();
  const waiters = new Set<() => void>();
  const messages: FakeSlackMessage[] = [];
  const deleted = new Set<string>();
  const archived = new Set<string>();
  const locked = new Set<string>();
  const messageKey = (channel: unknown, ts: unknown) => `${String(channel)}/${String(ts)}`;
  let seq = 0;
  let socketConnections = 0;
  let envelopes = 0;

  const record = (event: Omit<FakeSlackEvent, "seq" | "at">): FakeSlackEvent => {
    const full = { ...event, seq: ++seq, at: Date.now() };
    log.push(full);
    for (const wake of [...waiters]) wake();
    return full;
  };

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on("connection", (socket, request) => {
    socketConnections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (message.envelope_id)
        record({
          kind: "socket_ack",
          name: message.envelope_id,
          headers: {},
          body: message.payload ?? {},
          status: 0,
          ok: true,
        });
    });
    record({ kind: "socket_open", name: request.url ?? "", headers: request.headers, body: {}, status: 0, ok: true });
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
  });

  const defaults = (method: string, body: Record<string, unknown>): FakeReply => {
    switch (method) {
      case "auth.test":
        return {
          body: {
            ok: true,
            url: "https://fake.slack.test/",
            team: "Fake Team",
            user: "briefbot",
            team_id: "T1",
            user_id: "UBOT",
            bot_id: "B1",
          },
        };
      case "chat.postMessage": {
        if (archived.has(String(body.channel))) return { body: { ok: false, error: "is_archived" } };
        const parent = body.thread_ts;
        if (parent !== undefined) {
          const known = messages.some((m) => m.channel === body.channel && m.ts === parent && m.threadTs === null);
          if (!known || deleted.has(messageKey(body.channel, parent)))
            return { body: { ok: false, error: "thread_not_found" } };
          if (locked.has(messageKey(body.channel, parent)))
            return { body: { ok: false, error: "restricted_action_thread_locked" } };
        }
        return {
          body: {
            ok: true,
            channel: body.channel,
            ts: `1700000000.${String(seq + 1).padStart(6, "0")}`,
            message: { text: body.text, ...(parent === undefined ? {} : { thread_ts: parent }) },
          },
        };
      }
      case "chat.update": {
        if (archived.has(String(body.channel))) return { body: { ok: false, error: "is_archived" } };
        const found = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!found || deleted.has(messageKey(body.channel, body.ts)))
          return { body: { ok: false, error: "message_not_found" } };
        return {
          body: { ok: true, channel: body.channel, ts: body.ts, text: body.text, message: { text: body.text } },
        };
      }
      case "users.info": {
        const flags = users.get(String(body.user));
        if (!flags) return { body: { ok: false, error: "user_not_found" } };
        return {
          body: {
            ok: true,
            user: { id: body.user, is_admin: false, is_owner: false, is_primary_owner: false, ...flags },
          },
        };
      }
      case "apps.connections.open":
        return { body: { ok: true, url: socketUrl } };
      default:
        return { body: { ok: false, error: "unknown_method" } };
    }
  };

  /** What an accepted post or update leaves in the channel (a 5xx "posted anyway" included). */
  const keep = (method: string, body: Record<string, unknown>, answered: unknown): void => {
    const text = String(body.text ?? "");
    if (method === "chat.postMessage") {
      const ts = (answered as { ts?: unknown } | undefined)?.ts;
      messages.push({
        channel: String(body.channel),
        ts: typeof ts === "string" ? ts : `1700000000.${String(seq).padStart(6, "0")}`,
        threadTs: typeof body.thread_ts === "string" ? body.thread_ts : null,
        text,
        blocks: body.blocks,
        edits: 0,
      });
    }
    if (method === "chat.update") {
      const found = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
      if (found) Object.assign(found, { text, blocks: body.blocks, edits: found.edits + 1 });
    }
  };

  const answer = (response: ServerResponse, reply: FakeReply): void => {
    response.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    response.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  };

  const server: LocalHttpServer = await startLocalHttpServer();
  const apiRoute = (method: string) => async (request: IncomingMessage, response: ServerResponse) => {
    const body = parseBody(await readBody(request), request.headers["content-type"]);
    const queuedReply = queued.get(method)?.shift();
    const reply = { ...defaults(method, body), ...queuedReply };
    const status = reply.status ?? 200;
    const ok =
      reply.postedAnyway === true || (status === 200 && (reply.body as { ok?: unknown } | undefined)?.ok === true);
    record({ kind: "api", name: method, headers: request.headers, body, status, ok });
    if (ok) keep(method, body, reply.body);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    // A client that gave up has closed the socket; the post stands either way.
    if (!response.destroyed) answer(response, reply);
  };
  for (const method of ["auth.test", "chat.postMessage", "chat.update", "users.info", "apps.connections.open"])
    server.route(`/api/${method}`, apiRoute(method));

  function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(attempt);
      };
      waiters.add(attempt);
      attempt();
    });
  }

  return {
    origin: server.origin,
    apiUrl: `${server.origin}/api/`,
    socketUrl,
    get log() {
      return log;
    },
    get socketConnections() {
      return socketConnections;
    },
    calls: (method) => log.filter((e) => e.kind === "api" && e.name === method),
    accepted: (method) => log.filter((e) => e.kind === "api" && e.name === method && e.ok),
    responseUrl(id) {
      const path = `/respond/${id}`;
      server.route(path, async (request, response) => {
        const body = parseBody(await readBody(request), request.headers["content-type"]);
        record({ kind: "response_url", name: id, headers: request.headers, body, status: 200, ok: true });
        answer(response, { status: 200, headers: { "content-type": "text/plain" }, body: undefined });
      });
      return server.url(path);
    },
    responses: (id) => log.filter((e) => e.kind === "response_url" && e.name === id),
    setUser: (userId, flags) => {
      users.set(userId, flags);
    },
    queue(method, ...replies) {
      queued.set(method, [...(queued.get(method) ?? []), ...replies]);
    },
    messages: (channel) => messages.filter((m) => m.channel === channel && !deleted.has(messageKey(channel, m.ts))),
    thread: (channel, ts) => messages.filter((m) => m.channel === channel && m.threadTs === ts),
    deleteMessage: (channel, ts) => {
      deleted.add(messageKey(channel, ts));
    },
    archiveChannel: (channel) => {
      archived.add(channel);
    },
    lockThread: (channel, ts) => {
      locked.add(messageKey(channel, ts));
    },
    mark: (label) => record({ kind: "mark", name: label, headers: {}, body: {}, status: 0, ok: true }),
    waitFor,
    sendEnvelope(type, payload) {
      const envelopeId = `env-${++envelopes}`;
      const message = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true });
      for (const socket of sockets) socket.send(message);
      return waitFor(`the ack of ${envelopeId}`, () =>
        log.find((e) => e.kind === "socket_ack" && e.name === envelopeId),
      );
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await server.close();
    },
  };
}
