import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { conversationStub } from "../../worker/services/conversation-stub";
import { FRAME_LIMITS } from "../../durable-objects/frame-limits";
import { LIMITS } from "../../durable-objects/protocol";
import type { ErrorBody } from "../helpers/http";
import { connect, openSocket, type TestSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

const from = (address: string) => ({ headers: { "cf-connecting-ip": address } });

describe("live connect limits", () => {
  // The limiter's windows are aligned to the wall-clock minute: a test that crosses a boundary sees the
  // count start again, so these connect until refused (within twice the limit) rather than exactly once more.
  it("counts publishable-key connects per client address, so one address over its limit leaves other visitors connecting", async () => {
    const t = await createTenant();
    const opened: TestSocket[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const { socket, response } = await openSocket(`/api/v1/live?key=${t.publishableKey}`, from("203.0.113.7"));
      if (socket) opened.push(socket);
      else refused = response;
    }
    expect(refused?.status).toBe(429);
    expect(((await refused!.json()) as ErrorBody).error.code).toBe("rate_limited");

    const other = await connect(`/api/v1/live?key=${t.publishableKey}`, from("198.51.100.2"));
    expect((await other.next("welcome")).externalId).toMatch(/^pub_/);
    for (const socket of [...opened, other]) socket.close();
  });

  it("counts connects to one browser conversation per conversation, whatever the client address", async () => {
    const t = await createTenant();
    const first = await connect(`/api/v1/live?key=${t.publishableKey}`, from("192.0.2.1"));
    const { externalId } = await first.next("welcome");
    first.close();
    let refused: Response | null = null;
    for (let i = 2; i <= 20 && !refused; i++) {
      const { socket, response } = await openSocket(`/api/v1/live/${externalId}?key=${t.publishableKey}`, from(`192.0.2.${i}`));
      if (socket) socket.close();
      else refused = response;
    }
    expect(refused?.status).toBe(429);
  });

  it(`refuses one socket more than ${LIMITS.socketsPerConversation} on a conversation and accepts again once one closes`, async () => {
    const t = await createTenant();
    const opened: TestSocket[] = [];
    for (let i = 0; i < LIMITS.socketsPerConversation; i++) {
      const socket = await connect("/api/v1/live/crowded", { key: t.ingestKey });
      await socket.next("welcome");
      opened.push(socket);
    }
    const refused = await openSocket("/api/v1/live/crowded", { key: t.ingestKey });
    expect(refused.response.status).toBe(429);
    const body = (await refused.response.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "rate_limited" });
    expect(body.error.message).toContain(`${LIMITS.socketsPerConversation} open sockets`);

    opened.pop()!.close();
    const stub = conversationStub(env, t.chatbotId, "crowded");
    await expect.poll(() => runInDurableObject(stub, (_i: Conversation, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length)).toBe(
      LIMITS.socketsPerConversation - 1,
    );
    const again = await connect("/api/v1/live/crowded", { key: t.ingestKey });
    await again.next("welcome");
    for (const socket of [...opened, again]) socket.close();
  });
});

const message = (id: string) => ({ type: "message", id, role: "user", content: `message ${id}` });
type Answer = { type: string; code?: string; id?: string; retryAfterMs?: number; message?: string };
const answers = (socket: TestSocket) => socket.frames.filter((f) => f.type === "ack" || f.type === "error") as Answer[];

describe("frame rate limits", () => {
  it(`answers frames beyond a browser socket's budget (${FRAME_LIMITS.browser.burst} at once) with a rate_limited error naming the message and when to retry, and keeps the socket open`, async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    const sent = FRAME_LIMITS.browser.burst + 15; // fewer over the burst than the refusals a socket may ignore
    for (let i = 1; i <= sent; i++) socket.send(message(`b${i}`));
    await expect.poll(() => answers(socket).length).toBe(sent);

    const refused = answers(socket).filter((f) => f.type === "error");
    expect(answers(socket).filter((f) => f.type === "ack").length).toBeGreaterThanOrEqual(FRAME_LIMITS.browser.burst);
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error.code).toBe("rate_limited");
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.id).toMatch(/^b\d+$/);
      // The socket's own burst was spent, not the conversation's: the message says which.
      expect(error.message).toMatch(/^too many frames on this socket/);
    }
    expect(socket.closed).toBe(false);
    socket.close();
  });

  it("answers every ping the protocol accepts with pong without counting it against the frame rate limit, while messages still count", async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    // Only the exact text {"type":"ping"} is answered by the runtime itself; these reach the conversation.
    const pings = ['{"type": "ping"}', '{"type":"ping","id":1}', '{ "type" : "ping", "sentAt": 1700000000000 }'];
    const sent = FRAME_LIMITS.browser.burst * 2;
    for (let i = 0; i < sent; i++) socket.send(pings[i % pings.length]!);
    const pongs = await socket.take("pong", sent);
    expect(pongs).toHaveLength(sent);
    expect(socket.frames.filter((f) => f.type === "error")).toEqual([]);

    // The socket's budget is whole: a burst of messages is acknowledged, and the messages beyond it are refused.
    const messages = FRAME_LIMITS.browser.burst + 10;
    for (let i = 1; i <= messages; i++) socket.send(message(`p${i}`));
    await expect.poll(() => answers(socket).length).toBe(messages);
    expect(answers(socket).filter((f) => f.type === "ack").length).toBeGreaterThanOrEqual(FRAME_LIMITS.browser.burst);
    expect(answers(socket).some((f) => f.type === "error" && f.code === "rate_limited")).toBe(true);
    expect(socket.closed).toBe(false);
    socket.close();
  });

  it("closes a browser socket with 1008 when it keeps sending after being told to wait", async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    for (let i = 1; i <= FRAME_LIMITS.browser.burst + FRAME_LIMITS.ignoredRefusals.burst + 40; i++) socket.send(message(`f${i}`));
    await expect.poll(() => socket.closeCode).toBe(1008);
    expect(socket.closeReason).toBe("rate limit exceeded");
  });

  it("limits the browser sockets of a conversation together, beyond what each socket may send on its own", async () => {
    const t = await createTenant();
    const first = await connect(`/api/v1/live?key=${t.publishableKey}`, from("198.51.100.1"));
    const { externalId } = await first.next("welcome");
    const sockets = [first];
    for (let i = 2; i <= 8; i++) {
      const socket = await connect(`/api/v1/live/${externalId}?key=${t.publishableKey}`, from(`198.51.100.${i}`));
      await socket.next("welcome");
      sockets.push(socket);
    }
    const each = FRAME_LIMITS.browser.burst - 5; // within every socket's own burst; 8 of them are well over the conversation's
    for (let i = 1; i <= each; i++) sockets.forEach((socket, n) => socket.send(message(`s${n}-${i}`)));
    const settled = (s: TestSocket) => s.closed || answers(s).length === each;
    await expect.poll(() => sockets.every(settled), { timeout: 30_000 }).toBe(true);
    const all = sockets.flatMap(answers);
    expect(all.some((f) => f.type === "error" && f.code === "rate_limited" && /^too many frames on this conversation/.test(String(f.message)))).toBe(true);
    expect(all.filter((f) => f.type === "ack").length).toBeLessThan(sockets.length * each);
    for (const socket of sockets) socket.close();
  }, 60_000);
});
