/**
 * The bare baseline for the ingest benchmark: what a WebSocket into a Durable Object costs on this
 * machine before any product work. It speaks the same frames as the product's live protocol
 * (`welcome`, then one `ack` per `message`) but has no auth, no validation and no storage, so the
 * difference between the two is what OpenBat adds.
 */
import { DurableObject } from "cloudflare:workers";

interface Env {
  ECHO: DurableObjectNamespace<EchoConversation>;
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

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ ok: true });
    const match = /^\/live\/([\x21-\x7e]{1,128})$/.exec(url.pathname);
    if (!match) return new Response("not found", { status: 404 });
    return env.ECHO.get(env.ECHO.idFromName(match[1]!)).fetch(request);
  },
} satisfies ExportedHandler<Env>;
