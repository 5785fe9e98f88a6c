/**
 * The server's frame budget for one socket, kept on this side too (README "Live protocol", frame rate limits).
 * The server drops a frame over its budget with `rate_limited`, and closes a socket that goes on sending 20 more
 * while refused with 1008: a burst written all at once (a page's queue after a reconnect, 60 quick `send()`s
 * from a browser) would be dropped and the socket closed. Paced here, the same burst goes out as fast as the server
 * takes it, in order, and nothing is refused.
 */
export interface FrameBudget {
  /** Frames at once: the bucket's size, full on a new socket. */
  burst: number;
  /** Frames a second refilled. */
  perSecond: number;
}

/** The server's per-socket budgets (durable-objects/frame-limits.ts; test/sdk/pacing.test.ts holds them equal). */
export const FRAME_BUDGETS = {
  /** A publishable key or a conversation token. */
  browser: { burst: 40, perSecond: 10 },
  /** An ingest key. */
  server: { burst: 1_000, perSecond: 200 },
} as const satisfies Record<string, FrameBudget>;

export interface Pacer {
  /** Runs `write` (one frame) now if the budget allows and nothing waits before it, else in order as the budget refills. */
  send(write: () => void): void;
  /**
   * A new socket, or none: the server's bucket for the next one starts full. What still waited was for the old
   * socket, which took none of it, and is dropped; the conversation resends what it still needs on `welcome`.
   */
  reset(): void;
}

/**
 * A token bucket in front of a socket's `send` (a closure rather than a class: the SDK's bundle stays small). It holds
 * a tenth of the server's burst back: frames paced here can still reach the server bunched (network and scheduling
 * jitter), and that reserve — 400 ms of a browser's rate — takes them without a refusal.
 */
export function pacer(budget: FrameBudget, now: () => number = Date.now): Pacer {
  const burst = budget.burst - Math.max(1, Math.floor(budget.burst / 10));
  let tokens = burst;
  let at = now();
  let waiting: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drain = () => {
    timer = undefined;
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) * budget.perSecond) / 1000);
    at = t;
    while (waiting.length && tokens >= 1) {
      tokens--;
      waiting.shift()!();
    }
    // Due when the next whole frame has refilled.
    if (waiting.length) timer = setTimeout(drain, Math.ceil(((1 - tokens) * 1000) / budget.perSecond));
  };
  return {
    send(write) {
      waiting.push(write);
      if (timer === undefined) drain();
    },
    reset() {
      waiting = [];
      clearTimeout(timer);
      timer = undefined;
      // Full, however long ago `at` was: the next refill is capped at the burst.
      tokens = burst;
    },
  };
}
