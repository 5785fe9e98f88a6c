/**
 * One Durable Object per member (idFromName(memberId)): the member's open dashboard tabs, wherever they are in
 * the dashboard, each with one hibernating socket here, and the notifications written for the member pushed to
 * all of them at once (README "Notifications"). It holds no notification: they are in D1 before they are
 * pushed, so a tab that was offline re-reads them, and nothing here needs storage.
 *
 * Each socket remembers the session it was opened with (session-sockets.ts, shared with the live feed): a
 * session that ended (log-out, password reset) has its sockets closed by the Worker, one that expired is
 * closed at the next push instead of being sent to.
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { readFrame } from "./frame-reading";
import { memberClientFrame, notificationView, type MemberFrame, type NotificationView } from "./member-frames";
import { PONG } from "./protocol";
import { SocketRelease } from "./socket-release";
import { closeQuietly, expired, SESSION_CLOSE_REASONS, SESSION_ENDED_CLOSE, sessionFromHeaders, socketSession, type SocketSession } from "./session-sockets";

export class MemberChannel extends DurableObject<Env> {
  /** Lets go of the connections of sockets this object closed itself (socket-release.ts). */
  private readonly release = new SocketRelease(this.ctx);

  /**
   * Sends each notification to every open socket of this member whose session is still current; answers how
   * many sockets it reached. Nobody connected: nothing to do (the notification is read from the API later).
   * @example await env.MEMBER_CHANNEL.getByName(memberId).notify([notification])
   */
  async notify(raw: NotificationView[]): Promise<number> {
    const items = z.array(notificationView).max(1000).parse(raw);
    const now = Date.now();
    let reached = 0;
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      const session = this.sessionOf(ws);
      if (!session || expired(session, now)) {
        closeQuietly(ws, SESSION_ENDED_CLOSE, SESSION_CLOSE_REASONS.expired);
        closed += 1;
        continue;
      }
      try {
        for (const notification of items) ws.send(JSON.stringify({ type: "notification", notification } satisfies MemberFrame));
        reached += 1;
      } catch {
        // a socket that went away is cleaned up by webSocketClose
      }
    }
    if (closed) this.release.afterClosing();
    return reached;
  }

  /**
   * A session of this member ended (log-out), or every one did (a password reset, no `sessionId`): closes the
   * sockets opened with it; answers how many.
   * @example await env.MEMBER_CHANNEL.getByName(memberId).endSessions("ses_123")
   */
  async endSessions(sessionId?: string): Promise<number> {
    const id = z.string().min(1).optional().parse(sessionId);
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (id !== undefined && this.sessionOf(ws)?.sessionId !== id) continue;
      closeQuietly(ws, SESSION_ENDED_CLOSE, SESSION_CLOSE_REASONS.ended);
      closed += 1;
    }
    if (closed) this.release.afterClosing();
    return closed;
  }

  /** The member's sockets, already authenticated by the Worker, which names the session in its own headers. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const session = sessionFromHeaders(request.headers);
    if (!session) return new Response("the Worker names the session", { status: 400 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(session satisfies SocketSession);
    server.send(JSON.stringify({ type: "hello" } satisfies MemberFrame));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // A client that sent anything hears a close without the object resetting (socket-release.ts).
    this.release.heard(ws);
    // Members only listen; a ping keeps proxies from closing an idle socket. Anything else is answered with an
    // error frame, as the live feed answers it, so a client learns so instead of waiting on an answer that never
    // comes; the socket stays open.
    const read = readFrame(message, memberClientFrame);
    try {
      ws.send(read.ok ? PONG : JSON.stringify(read.refusal satisfies MemberFrame));
    } catch {
      // a socket that went away is cleaned up by webSocketClose
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code === 1005 ? 1000 : code, reason);
    this.release.closed(ws);
  }

  private sessionOf(ws: WebSocket): SocketSession | null {
    const parsed = socketSession.safeParse(ws.deserializeAttachment());
    return parsed.success ? parsed.data : null;
  }
}
