/**
 * The baselines for the ingest benchmark, speaking the product's live protocol (`welcome`, then one
 * `ack` per `message`) with no auth and no validation:
 * - the bare echo (`/live/:id`): what a WebSocket into a Durable Object costs on this machine before
 *   any product work; no storage at all;
 * - the storing floor (`/store/:id`): the same echo that inserts each message into its SQLite (a lookup
 *   by id, so a resent id is not stored twice, and an insert) and acks after the write — the least a
 *   durable chat store must do. The output gate holds the ack until the write is durable, as in the product.
 */
import { DurableObject } from "cloudflare:workers";

interface Env {
  ECHO: DurableObjectNamespace<EchoConversation>;
  STORE: DurableObjectNamespace<StoringConversation>;
}

export class EchoConversation extends DurableObject<Env> {
  /** In memory only: if the object is evicted the count restarts, which a short bench never sees. */
  private lastSeq = 0;

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    // The Hibernation API, as the product uses, so both pay the same runtime dispatch path.
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "welcome", conversationId: this.ctx.id.toString(), externalId: "", lastSeq: this.lastSeq, status: "open" }));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    if (typeof data !== "string") return;
    // Parsing the frame is the least any real handler does; anything that is not a message is ignored.
    const frame = JSON.parse(data) as { type?: unknown; id?: unknown };
    if (frame.type !== "message" || typeof frame.id !== "string") return;
    this.lastSeq += 1;
    ws.send(JSON.stringify({ type: "ack", id: frame.id, seq: this.lastSeq, duplicate: false, receivedAt: Date.now() }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed by the runtime.
    }
  }
}

export class StoringConversation extends DurableObject<Env> {
  private lastSeq: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, role TEXT NOT NULL, content TEXT NOT NULL, received_at INTEGER NOT NULL)",
    );
    this.lastSeq = ctx.storage.sql.exec<{ seq: number }>("SELECT coalesce(max(seq), 0) AS seq FROM messages").one().seq;
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "welcome", conversationId: this.ctx.id.toString(), externalId: "", lastSeq: this.lastSeq, status: "open" }));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    if (typeof data !== "string") return;
    const frame = JSON.parse(data) as { type?: unknown; id?: unknown; role?: unknown; content?: unknown };
    if (frame.type !== "message" || typeof frame.id !== "string") return;
    const receivedAt = Date.now();
    // Two statements a message: the lookup that makes a resent id a duplicate, and the insert.
    const existing = this.ctx.storage.sql.exec<{ seq: number; received_at: number }>("SELECT seq, received_at FROM messages WHERE id = ?", frame.id).toArray()[0];
    if (existing) {
      ws.send(JSON.stringify({ type: "ack", id: frame.id, seq: existing.seq, duplicate: true, receivedAt: existing.received_at }));
      return;
    }
    const seq = this.lastSeq + 1;
    this.ctx.storage.sql.exec(
      "INSERT INTO messages (seq, id, role, content, received_at) VALUES (?, ?, ?, ?, ?)",
      seq,
      frame.id,
      String(frame.role),
      String(frame.content),
      receivedAt,
    );
    this.lastSeq = seq;
    ws.send(JSON.stringify({ type: "ack", id: frame.id, seq, duplicate: false, receivedAt }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed by the runtime.
    }
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ ok: true });
    const match = /^\/(live|store)\/([\x21-\x7e]{1,128})$/.exec(url.pathname);
    if (!match) return new Response("not found", { status: 404 });
    const ns = match[1] === "store" ? env.STORE : env.ECHO;
    return ns.get(ns.idFromName(match[2]!)).fetch(request);
  },
} satisfies ExportedHandler<Env>;
