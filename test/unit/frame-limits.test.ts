import { describe, expect, it } from "vitest";
import { admitFrame, conversationLimits, FRAME_LIMITS, socketLimits, TokenBucket } from "../../durable-objects/frame-limits";

const T0 = 1_000_000;

/** Frames admitted out of `count` sent at one instant. */
function burst(socket: ReturnType<typeof socketLimits>, conversation: ReturnType<typeof conversationLimits>, count: number, now = T0): number {
  let admitted = 0;
  for (let i = 0; i < count; i++) if (admitFrame(socket, conversation, now).ok) admitted += 1;
  return admitted;
}

describe("frame token buckets", () => {
  it("admits a burst, then refills at the sustained rate and never beyond the burst", () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, T0);
    expect([1, 2, 3, 4].map(() => bucket.take(T0))).toEqual([true, true, true, false]);
    expect(bucket.wait(T0)).toBe(500);
    expect(bucket.take(T0 + 500)).toBe(true);
    expect(bucket.take(T0 + 500)).toBe(false);
    expect(bucket.wait(T0 + 60_000)).toBe(0);
    expect([1, 2, 3, 4].map(() => bucket.take(T0 + 60_000))).toEqual([true, true, true, false]);
  });

  it("limits one server socket to its burst and tells it when to retry", () => {
    const socket = socketLimits(true, T0);
    expect(burst(socket, conversationLimits(T0), FRAME_LIMITS.server.burst + 10)).toBe(FRAME_LIMITS.server.burst);
    const refused = admitFrame(socket, conversationLimits(T0), T0);
    expect(refused).toMatchObject({ ok: false, retryAfterMs: Math.ceil(1000 / FRAME_LIMITS.server.perSecond) });
  });

  it("limits all server sockets of a conversation together to the conversation's burst", () => {
    const conversation = conversationLimits(T0);
    const a = burst(socketLimits(true, T0), conversation, 700);
    const b = burst(socketLimits(true, T0), conversation, 700);
    expect(a + b).toBe(FRAME_LIMITS.conversation.burst);
    expect(b).toBeLessThan(700);
  });

  it("limits the browser sockets of a conversation together more tightly than server sockets", () => {
    const conversation = conversationLimits(T0);
    const browsers = [1, 2, 3, 4].map(() => burst(socketLimits(false, T0), conversation, FRAME_LIMITS.browser.burst));
    expect(browsers.reduce((x, y) => x + y, 0)).toBe(FRAME_LIMITS.conversationBrowsers.burst);
    // The server socket still has the rest of the conversation's budget.
    expect(burst(socketLimits(true, T0), conversation, FRAME_LIMITS.server.burst)).toBe(FRAME_LIMITS.conversation.burst - FRAME_LIMITS.conversationBrowsers.burst);
  });

  it("asks to close a socket once it has ignored more refusals than it may", () => {
    const socket = socketLimits(false, T0);
    const conversation = conversationLimits(T0);
    burst(socket, conversation, FRAME_LIMITS.browser.burst);
    const verdicts = Array.from({ length: FRAME_LIMITS.ignoredRefusals.burst + 1 }, () => admitFrame(socket, conversation, T0));
    expect(verdicts.slice(0, -1).every((v) => !v.ok && !v.close)).toBe(true);
    expect(verdicts.at(-1)).toMatchObject({ ok: false, close: true });
  });
});
