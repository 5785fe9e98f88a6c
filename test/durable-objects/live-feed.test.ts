import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { ChatbotLive, type FeedFrame, type LiveCounters, type LiveEvent } from "../../durable-objects/chatbot-live";
import { MAX_EVENTS_PER_BATCH } from "../../durable-objects/chatbot-live";
import { feedShardName, feedShardOf } from "../../durable-objects/feed-shards";
import { LIMITS } from "../../durable-objects/protocol";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { as, chatbotOf, signup } from "../helpers/member";
import { connect, openSocket, type TestSocket } from "../helpers/socket";

type Batch = Extract<FeedFrame, { type: "batch" }>;

/** Collects feed batches until `done` holds for the events seen so far. */
async function until(viewer: TestSocket, done: (events: LiveEvent[]) => boolean, ms = 10_000): Promise<{ events: LiveEvent[]; batches: Batch[] }> {
  const batches: Batch[] = [];
  const events: LiveEvent[] = [];
  while (!done(events)) {
    const frame = (await viewer.next(undefined, ms)) as unknown as FeedFrame;
    if (frame.type !== "batch") continue;
    batches.push(frame);
    events.push(...frame.events);
  }
  return { events, batches };
}

/** Reads frames until an `indexed` frame whose counters satisfy `done` (the counters are read from the index). */
async function countersUntil(viewer: TestSocket, done: (c: LiveCounters) => boolean): Promise<LiveCounters> {
  for (;;) {
    const frame = (await viewer.next(undefined, 10_000)) as unknown as FeedFrame;
    if (frame.type === "indexed" && done(frame.counters)) return frame.counters;
  }
}

/** A new owner's chatbot, its live feed open as that owner; `hello` is the feed's first frame. */
async function watchedChatbot() {
  const owner = await signup();
  const { chatbotId, ingestKey } = await chatbotOf(owner);
  const viewer = await connect(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie } });
  const hello = (await viewer.next()) as unknown as FeedFrame;
  return { chatbotId, ingestKey, viewer, hello };
}

describe("the chatbot live feed", () => {
  it("delivers a captured message and then its annotation to a joined viewer", async () => {
    const { chatbotId, ingestKey, viewer, hello } = await watchedChatbot();
    expect(hello).toMatchObject({ type: "hello", counters: { messagesToday: 0, analysedToday: 0 } });

    await capture(ingestKey, { conversationId: "live-1", messages: [{ id: "m1", role: "user", content: "I am furious and I want to cancel my subscription!" }], user: { id: "u1", email: "ada@example.com" } });
    const { events } = await until(viewer, (e) => e.some((x) => x.type === "annotation"));
    expect(events.find((e) => e.type === "conversation")).toMatchObject({ status: "started", externalId: "live-1" });
    expect(events.find((e) => e.type === "message")).toMatchObject({ externalId: "live-1", message: { id: "m1", role: "user" }, user: { email: "ada@example.com" } });
    const annotation = events.find((e) => e.type === "annotation") as Extract<LiveEvent, { type: "annotation" }>;
    expect(annotation.sentiment?.score).toBeLessThan(0);
    expect(annotation.flags).toContain("churn_risk");
    // The counters follow once the index has the message.
    await syncIndex(conversationStub(env, chatbotId, "live-1"));
    expect(await countersUntil(viewer, (c) => c.messagesToday > 0)).toMatchObject({ messagesToday: 1, analysedToday: 1 });
    viewer.close();
  });

  it("counts as analysed only user messages given a sentiment, as the overview's KPI does, not assistant replies", async () => {
    const { chatbotId, ingestKey, viewer } = await watchedChatbot();
    await capture(ingestKey, {
      conversationId: "live-analysed",
      messages: [
        { id: "q1", role: "user", content: "My invoice is wrong and nobody answers, this is terrible." },
        { id: "a1", role: "assistant", content: "I am sorry, I have corrected the invoice and emailed it to you." },
      ],
    });
    const { events } = await until(viewer, (e) => e.filter((x) => x.type === "annotation").length >= 2);
    const annotations = events.filter((e): e is Extract<LiveEvent, { type: "annotation" }> => e.type === "annotation");
    // Both messages were analysed; only the user's has a sentiment.
    expect(annotations.map((a) => a.sentiment === null)).toEqual([false, true]);
    await syncIndex(conversationStub(env, chatbotId, "live-analysed"));
    expect(await countersUntil(viewer, (c) => c.messagesToday > 0)).toMatchObject({ messagesToday: 2, analysedToday: 1 });
    viewer.close();
  });

  it("tells viewers which conversations the index queue wrote, after the message, with the organization and plan", async () => {
    const { chatbotId, ingestKey, viewer } = await watchedChatbot();
    await capture(ingestKey, {
      conversationId: "indexed-1",
      messages: [{ id: "m1", role: "user", content: "Where is my invoice?" }],
      user: { id: "u1", plan: "free" },
      organization: { id: "o1", name: "Analytical Engines", plan: "enterprise" },
    });
    const stub = conversationStub(env, chatbotId, "indexed-1");
    await syncIndex(stub);
    const frames: FeedFrame[] = [];
    const events = () => frames.flatMap((f) => (f.type === "batch" ? f.events : []));
    while (!frames.some((f) => f.type === "indexed") || !events().some((e) => e.type === "message")) {
      frames.push((await viewer.next(undefined, 10_000)) as unknown as FeedFrame);
    }
    const indexed = frames.find((f) => f.type === "indexed") as Extract<FeedFrame, { type: "indexed" }>;
    const row = await env.DB.prepare("SELECT id FROM conversations WHERE chatbot_id = ? AND external_id = 'indexed-1'").bind(chatbotId).first<{ id: string }>();
    expect(indexed.conversationIds).toEqual([row!.id]);
    const message = events().find((e) => e.type === "message");
    expect(message).toMatchObject({ organization: { id: "o1", name: "Analytical Engines" }, plan: "enterprise" });
    viewer.close();
  });

  it("coalesces a burst into a few bounded batches instead of one frame per event", async () => {
    const { chatbotId, viewer } = await watchedChatbot();
    const stub = env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId));
    const burst = (n: number): LiveEvent[] =>
      Array.from({ length: n }, (_, i) => ({
        type: "message",
        conversationId: "c",
        externalId: "burst",
        message: { id: `b${i}`, seq: i + 1, role: "user", content: "x", receivedAt: Date.now() },
        user: null,
      }));
    // 1,000 events published as fast as they come.
    for (let i = 0; i < 10; i++) await stub.publish(burst(100));
    const { batches } = await until(viewer, (e) => e.length > 0);
    const first = batches[0]!;
    expect(first.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_BATCH);
    expect(first.events.length + first.dropped).toBeGreaterThan(MAX_EVENTS_PER_BATCH);
    // The newest events are the ones kept.
    expect((first.events.at(-1) as Extract<LiveEvent, { type: "message" }>).message.id).toBe("b99");
    viewer.close();
  });

  it("tells viewers how many events a conversation left out of a burst", async () => {
    const { chatbotId, viewer } = await watchedChatbot();
    const stub = env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId));
    const sent: LiveEvent[] = [
      { type: "message", conversationId: "c", externalId: "burst", message: { id: "last", seq: 41, role: "user", content: "x", receivedAt: Date.now() }, user: null },
    ];
    await stub.publish(sent, 60);
    const { batches } = await until(viewer, (e) => e.length > 0);
    expect(batches[0]).toMatchObject({ dropped: 60 });
    viewer.close();
  });

  it("costs its feed nothing while nobody watches, and counts today from the index when someone does", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    // The feed objects run in this isolate: their methods are seen here whoever calls them.
    const publish = vi.spyOn(ChatbotLive.prototype, "publish");
    const indexed = vi.spyOn(ChatbotLive.prototype, "indexed");
    try {
      await capture(ingestKey, { conversationId: "quiet", messages: [{ role: "user", content: "hello, my invoice is wrong" }, { role: "assistant", content: "hi" }] });
      await syncIndex(conversationStub(env, chatbotId, "quiet"));
      expect(publish).not.toHaveBeenCalled();
      expect(indexed).not.toHaveBeenCalled();

      const viewer = await connect(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie } });
      expect(((await viewer.next()) as unknown as FeedFrame & { type: "hello" }).counters).toMatchObject({ messagesToday: 2, analysedToday: 1 });
      const mark = await env.DB.prepare("SELECT until FROM live_watches WHERE chatbot_id = ?").bind(chatbotId).first<{ until: number }>();
      expect(mark!.until).toBeGreaterThan(Date.now());
      // Watched now: the conversation's next message reaches the feed (once its cached "unwatched" runs out).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await capture(ingestKey, { conversationId: "quiet", messages: [{ role: "user", content: "anyone there?" }] });
      await until(viewer, (e) => e.some((x) => x.type === "message"));
      expect(publish).toHaveBeenCalled();
      viewer.close();
    } finally {
      publish.mockRestore();
      indexed.mockRestore();
    }
    // The last viewer gone, the mark ends (conversations stop publishing once their cached answer runs out):
    // set to the feed's now, not a minute ahead (clocks here move only between I/O, hence the margin).
    await expect.poll(async () => (await env.DB.prepare("SELECT until FROM live_watches WHERE chatbot_id = ?").bind(chatbotId).first<{ until: number }>())!.until).toBeLessThan(Date.now() + 1_000);
  });

  it("spreads a chatbot's conversations over the feed's shards, which one socket relays with shard 0's counters", async () => {
    const { chatbotId, ingestKey, viewer } = await watchedChatbot();
    // Conversations on at least three shards, one of them not shard 0.
    const shardOf = (externalId: string) => feedShardOf(conversationStub(env, chatbotId, externalId).id.toString());
    const externalIds = Array.from({ length: 40 }, (_, i) => `sharded-${i}`);
    const chosen = [...new Map(externalIds.map((id) => [shardOf(id), id])).entries()].slice(0, 3);
    expect(chosen.length).toBe(3);
    expect(chosen.some(([shard]) => shard !== 0)).toBe(true);

    const publish = vi.spyOn(ChatbotLive.prototype, "publish");
    try {
      for (const [, externalId] of chosen) await capture(ingestKey, { conversationId: externalId, messages: [{ id: "m1", role: "user", content: "hello" }] });
      const { batches, events } = await until(viewer, (e) => chosen.every(([, id]) => e.some((x) => x.type === "message" && x.externalId === id)));
      // Every frame the viewer got has counters, the other shards' included.
      for (const batch of batches) expect(batch.counters).toMatchObject({ timeZone: "UTC", day: expect.any(String) });
      expect(events.filter((e) => e.type === "message")).toHaveLength(3);
      // Three conversations on three shards: three feed objects were called, not one.
      const objects = new Set(publish.mock.contexts.map((feed) => (feed as unknown as { ctx: DurableObjectState }).ctx.id.toString()));
      expect(objects.size).toBe(3);
    } finally {
      publish.mockRestore();
    }
    viewer.close();
  });

  it("has the index queue tell the feed shard of the conversation it wrote, and never moves a viewer's counters back", async () => {
    const { chatbotId, ingestKey, viewer } = await watchedChatbot();
    const idOf = (externalId: string) => conversationStub(env, chatbotId, externalId).id.toString();
    const externalId = Array.from({ length: 40 }, (_, i) => `told-${i}`).find((id) => feedShardOf(idOf(id)) !== 0)!;
    const indexed = vi.spyOn(ChatbotLive.prototype, "indexed");
    try {
      await capture(ingestKey, { conversationId: externalId, messages: [{ id: "m1", role: "user", content: "hello, where is my invoice?" }] });
      await syncIndex(conversationStub(env, chatbotId, externalId));
      expect(await countersUntil(viewer, (c) => c.messagesToday > 0)).toMatchObject({ messagesToday: 1 });
      const told = new Set(indexed.mock.contexts.map((feed) => (feed as unknown as { ctx: DurableObjectState }).ctx.id.toString()));
      expect(told).toEqual(new Set([env.CHATBOT_LIVE.idFromName(feedShardName(chatbotId, feedShardOf(idOf(externalId)))).toString()]));
    } finally {
      indexed.mockRestore();
    }
    // Shard 0 last read the counters for the viewer's hello (nothing counted then): its next batch reaches the
    // viewer with the newer counters the other shard read.
    await env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId)).publish([{ type: "conversation", conversationId: "c", externalId: "later", status: "started" }]);
    const { batches } = await until(viewer, (e) => e.some((x) => x.type === "conversation" && x.externalId === "later"));
    expect(batches.at(-1)!.counters).toMatchObject({ messagesToday: 1 });
    viewer.close();
  });

  it("answers a ping however it is spaced, and a viewer's close without a code with 1000", async () => {
    const { viewer } = await watchedChatbot();
    viewer.send('{ "type": "ping" }');
    expect(((await viewer.next(undefined, 10_000)) as unknown as FeedFrame).type).toBe("pong");
    viewer.ws.close();
    await expect.poll(() => viewer.closed, { timeout: 10_000 }).toBe(true);
    expect(viewer.closeCode).toBe(1000);
  });

  it("answers a frame that is not a ping with an error frame, as a conversation socket does, and stays open", async () => {
    const { viewer } = await watchedChatbot();
    viewer.send("{not json");
    expect(await viewer.next("error", 10_000)).toEqual({ type: "error", code: "invalid_json", message: "frame is not valid JSON" });
    viewer.send({ type: "subscribe" });
    expect(await viewer.next("error", 10_000)).toEqual({
      type: "error",
      code: "invalid_frame",
      message: 'type: Invalid input: expected "ping"',
      details: [{ field: "type", message: 'Invalid input: expected "ping"' }],
    });
    viewer.send({});
    expect(await viewer.next("error", 10_000)).toMatchObject({ code: "invalid_frame", message: "type: required", details: [{ field: "type", message: "required" }] });
    viewer.ws.send(new Uint8Array([1, 2, 3]));
    expect(await viewer.next("error", 10_000)).toMatchObject({ code: "invalid_frame", message: "binary frames are not supported; send JSON text" });
    viewer.send({ type: "ping", padding: "x".repeat(LIMITS.frameBytes) });
    expect(await viewer.next("error", 10_000)).toMatchObject({ code: "payload_too_large", message: `frames are limited to ${LIMITS.frameBytes} bytes` });
    // Still open, and still answering; a field beside the ping's type is ignored, as on a conversation socket.
    viewer.send({ type: "ping", sentBy: "a probe" });
    expect(((await viewer.next(undefined, 10_000)) as unknown as FeedFrame).type).toBe("pong");
    expect(viewer.closed).toBe(false);
    viewer.close();
  });

  it("counts today in each viewer's own time zone, and refuses a zone that does not exist", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const feed = `/api/v1/chatbots/${chatbotId}/live-feed`;
    const utc = await connect(feed, { headers: { cookie: owner.cookie } });
    const kiritimati = await connect(`${feed}?timeZone=Pacific/Kiritimati`, { headers: { cookie: owner.cookie } });
    expect(((await utc.next()) as unknown as FeedFrame & { type: "hello" }).counters).toMatchObject({ timeZone: "UTC", day: new Date().toISOString().slice(0, 10) });
    const hello = (await kiritimati.next()) as unknown as FeedFrame & { type: "hello" };
    // UTC+14: its date is never the UTC date's day before.
    const kiritimatiDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(Date.now());
    expect(hello.counters).toMatchObject({ timeZone: "Pacific/Kiritimati", day: kiritimatiDay });

    await capture(ingestKey, { conversationId: "zones", messages: [{ id: "z1", role: "user", content: "hello there" }] });
    await syncIndex(conversationStub(env, chatbotId, "zones"));
    const [inUtc, inKiritimati] = await Promise.all([countersUntil(utc, (c) => c.messagesToday > 0), countersUntil(kiritimati, (c) => c.messagesToday > 0)]);
    expect(inUtc).toMatchObject({ timeZone: "UTC", messagesToday: 1 });
    expect(inKiritimati).toMatchObject({ timeZone: "Pacific/Kiritimati", day: kiritimatiDay, messagesToday: 1 });
    utc.close();
    kiritimati.close();

    const { response } = await openSocket(`${feed}?timeZone=Mars/Olympus_Mons`, { headers: { cookie: owner.cookie } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });

  it("lets a read key watch and refuses a viewer without credentials or from another tenant", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner);
    const other = await signup();
    expect((await openSocket(`/api/v1/chatbots/${chatbotId}/live-feed`)).response.status).toBe(401);
    expect((await openSocket(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: other.cookie } })).response.status).toBe(404);
    const key = (await (await as(owner, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind: "read", name: "feed" } })).json()) as { data: { secret: string } };
    const viewer = await connect("/api/v1/live-feed", { key: key.data.secret });
    expect(((await viewer.next()) as unknown as FeedFrame).type).toBe("hello");
    viewer.close();
  });

  it("takes a read key offered as a subprotocol, for clients that cannot set headers, and names the protocol it chose", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner);
    const key = (await (await as(owner, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind: "read", name: "feed" } })).json()) as { data: { secret: string } };
    const { socket, response } = await openSocket("/api/v1/live-feed", { headers: { "sec-websocket-protocol": `openbat, ${key.data.secret}` } });
    expect(response.status).toBe(101);
    expect(response.headers.get("sec-websocket-protocol")).toBe("openbat");
    expect(((await socket!.next()) as unknown as FeedFrame).type).toBe("hello");
    socket!.close();
    // Only on an upgrade, and only beside `openbat`: a bare key in the header is no credential.
    expect((await openSocket("/api/v1/live-feed", { headers: { "sec-websocket-protocol": key.data.secret } })).response.status).toBe(401);
    const { ingestKey } = await chatbotOf(owner);
    expect((await openSocket("/api/v1/live-feed", { headers: { "sec-websocket-protocol": `openbat, ${ingestKey}` } })).response.status).toBe(403);
  });

  it("refuses a cross-site page riding on a member's cookie", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner);
    const { response } = await openSocket(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie, origin: "https://evil.example" } });
    expect(response.status).toBe(403);
  });
});
