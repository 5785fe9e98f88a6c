/**
 * Frame rate limits on open sockets (README, Live protocol): token buckets per socket and per
 * conversation, checked in memory before a frame is even parsed, so a client flooding its socket spends
 * its own allowance and cannot slow anyone else's acknowledgements.
 *
 * The buckets live in the Durable Object's memory, not in storage or the socket attachment: writing them
 * per frame would cost more than the check. When the object hibernates they start full again on waking;
 * for the frame buckets that grants nothing, since a conversation only hibernates after ~10 s without a frame,
 * longer than they take to refill; `ignoredRefusals` takes 20 s, so a socket that ignored refusals and then
 * fell silent may be refused a few more times before it is closed.
 */

export interface BucketSize {
  /** Frames that may arrive at once. */
  burst: number;
  /** Frames per second refilled, i.e. the sustained rate. */
  perSecond: number;
}

export const FRAME_LIMITS = {
  /** A browser socket (publishable key or conversation token). */
  browser: { burst: 40, perSecond: 10 },
  /** A server socket (ingest key), e.g. importing a conversation's history at once. */
  server: { burst: 1_000, perSecond: 200 },
  /** All sockets of one conversation together. */
  conversation: { burst: 1_000, perSecond: 200 },
  /** The browser sockets of one conversation together (a person typing, in a few tabs at most). */
  conversationBrowsers: { burst: 100, perSecond: 20 },
  /** Frames a socket may send after being told to wait (refilled 1/s) before it is closed with 1008. */
  ignoredRefusals: { burst: 20, perSecond: 1 },
} as const satisfies Record<string, BucketSize>;

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly size: BucketSize,
    now = Date.now(),
  ) {
    this.tokens = size.burst;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.size.burst, this.tokens + ((now - this.at) / 1000) * this.size.perSecond);
      this.at = now;
    }
  }

  /** Milliseconds until one token is there (0: one is there now). */
  wait(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.size.perSecond) * 1000);
  }

  take(now: number): boolean {
    if (this.wait(now) > 0) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A socket's buckets, kept next to (not inside) the WebSocket. */
export interface SocketLimits {
  server: boolean;
  frames: TokenBucket;
  refusals: TokenBucket;
}

export function socketLimits(server: boolean, now = Date.now()): SocketLimits {
  return { server, frames: new TokenBucket(server ? FRAME_LIMITS.server : FRAME_LIMITS.browser, now), refusals: new TokenBucket(FRAME_LIMITS.ignoredRefusals, now) };
}

/** A conversation's shared buckets. */
export interface ConversationLimits {
  all: TokenBucket;
  browsers: TokenBucket;
}

export function conversationLimits(now = Date.now()): ConversationLimits {
  return { all: new TokenBucket(FRAME_LIMITS.conversation, now), browsers: new TokenBucket(FRAME_LIMITS.conversationBrowsers, now) };
}

/**
 * Admits a frame when every bucket it counts against (its socket's, the conversation's, and for a
 * browser the conversation's browser one) has a token, taking one from each; otherwise says how long
 * to wait, and whether the socket has now ignored that once too often.
 */
export function admitFrame(
  socket: SocketLimits,
  conversation: ConversationLimits,
  now: number,
): { ok: true } | { ok: false; retryAfterMs: number; close: boolean; limit: "socket" | "conversation" } {
  const buckets = socket.server ? [socket.frames, conversation.all] : [socket.frames, conversation.all, conversation.browsers];
  const waits = buckets.map((b) => b.wait(now));
  const wait = Math.max(...waits);
  if (wait === 0) {
    for (const bucket of buckets) bucket.take(now);
    return { ok: true };
  }
  // Named so the refusal says which limit was hit: one socket's own burst, or the conversation's shared one.
  const limit = waits[0] === wait ? "socket" : "conversation";
  return { ok: false, retryAfterMs: wait, close: !socket.refusals.take(now), limit };
}
