import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FeedFrame, LiveEvent } from "../../durable-objects/chatbot-live";
import { MAX_EVENTS_PER_BATCH } from "../../durable-objects/chatbot-live";
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
    const { events, batches } = await until(viewer, (e) => e.some((x) => x.type === "annotation"));
    expect(events.find((e) => e.type === "conversation")).toMatchObject({ status: "started", externalId: "live-1" });
    expect(events.find((e) => e.type === "message")).toMatchObject({ externalId: "live-1", message: { id: "m1", role: "user" }, user: { email: "ada@example.com" } });
    const annotation = events.find((e) => e.type === "annotation") as Extract<LiveEvent, { type: "annotation" }>;
    expect(annotation.sentiment?.score).toBeLessThan(0);
    expect(annotation.flags).toContain("churn_risk");
    expect(batches.at(-1)?.counters).toMatchObject({ messagesToday: 1, analysedToday: 1 });
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
    const { events, batches } = await until(viewer, (e) => e.filter((x) => x.type === "annotation").length >= 2);
    const annotations = events.filter((e): e is Extract<LiveEvent, { type: "annotation" }> => e.type === "annotation");
    // Both messages were analysed; only the user's has a sentiment.
    expect(annotations.map((a) => a.sentiment === null)).toEqual([false, true]);
    expect(batches.at(-1)?.counters).toMatchObject({ messagesToday: 2, analysedToday: 1 });
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
    expect(first.counters.messagesToday).toBe(1000);
    // The newest events are the ones kept.
    expect((first.events.at(-1) as Extract<LiveEvent, { type: "message" }>).message.id).toBe("b99");
    viewer.close();
  });

  it("counts what a conversation left out of a burst and tells viewers it was left out", async () => {
    const { chatbotId, viewer } = await watchedChatbot();
    const stub = env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId));
    const sent: LiveEvent[] = [
      { type: "message", conversationId: "c", externalId: "burst", message: { id: "last", seq: 41, role: "user", content: "x", receivedAt: Date.now() }, user: null },
    ];
    await stub.publish(sent, { events: 60, messages: 40, analysed: 12 });
    const { batches } = await until(viewer, (e) => e.length > 0);
    expect(batches[0]).toMatchObject({ dropped: 60, counters: { messagesToday: 41, analysedToday: 12 } });
    viewer.close();
  });

  it("keeps counting while nobody watches", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    await capture(ingestKey, { conversationId: "quiet", messages: [{ role: "user", content: "hello" }, { role: "assistant", content: "hi" }] });
    const stub = env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId));
    await expect.poll(async () => (await stub.snapshot()).messagesToday).toBe(2);
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
    const [seenInUtc, seenInKiritimati] = await Promise.all([until(utc, (e) => e.some((x) => x.type === "message")), until(kiritimati, (e) => e.some((x) => x.type === "message"))]);
    expect(seenInUtc.batches.at(-1)!.counters).toMatchObject({ timeZone: "UTC", messagesToday: 1 });
    expect(seenInKiritimati.batches.at(-1)!.counters).toMatchObject({ timeZone: "Pacific/Kiritimati", day: kiritimatiDay, messagesToday: 1 });
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

  it("refuses a cross-site page riding on a member's cookie", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner);
    const { response } = await openSocket(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie, origin: "https://evil.example" } });
    expect(response.status).toBe(403);
  });
});
