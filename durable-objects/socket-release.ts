/**
 * Releasing the connections of hibernating sockets an object closed itself.
 *
 * workerd keeps the connection of a hibernatable socket open after a close the object started when the
 * client never sent a frame on it: the close frame reaches the client, the client answers, the object's
 * `webSocketClose` runs, and yet the connection stays up, so the client never fires its close event (seen
 * with `wrangler dev` and both of Node's clients, `ws` and undici; a client that had sent anything, a ping
 * included, closes at once). Listen-only sockets are the common case — a widget waiting for replies, a
 * dashboard tab waiting for notifications — and they are exactly the ones a revoked key, an archived chatbot
 * or an ended session must reach. Resetting the object (`ctx.abort`) releases them; it also drops every other
 * socket, so it is done only when the object closed all it had, once their clients answered the close (or
 * after RELEASE_AFTER_MS). Nothing is lost: what the object holds is in its storage.
 */

/** How long the clients get to answer the close before the object resets anyway. */
export const RELEASE_AFTER_MS = 1_000;

const live = (ws: WebSocket) => ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING;

export class SocketRelease {
  private armed: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: DurableObjectState) {}

  /** The object just closed sockets itself: when none is left open, release their connections. */
  afterClosing(): void {
    if (this.armed !== undefined || this.ctx.getWebSockets().some(live)) return;
    this.armed = setTimeout(() => this.release(), RELEASE_AFTER_MS);
  }

  /** A socket's close finished (`webSocketClose`): the last of those closed above releases them all now. */
  closed(ws: WebSocket): void {
    if (this.armed === undefined) return;
    if (this.ctx.getWebSockets().some((other) => other !== ws && other.readyState !== WebSocket.CLOSED)) return;
    this.release();
  }

  private release(): void {
    clearTimeout(this.armed);
    this.armed = undefined;
    // A socket opened since keeps the object as it is: resetting would drop it too.
    if (this.ctx.getWebSockets().some(live)) return;
    // workerd logs the reason as an uncaught error: it says what happened, so nobody reads it as a crash.
    this.ctx.abort("not a failure: the server closed every socket of this object (key revoked, chatbot archived or deleted, session ended) and resets it to release their connections");
  }
}
