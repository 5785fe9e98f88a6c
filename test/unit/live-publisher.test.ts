import { describe, expect, it } from "vitest";
import type { LiveEvent } from "../../durable-objects/chatbot-live";
import { MAX_EVENTS_PER_BATCH, type DroppedEvents } from "../../durable-objects/feed-frames";
import { LivePublisher } from "../../durable-objects/live-publisher";

const message = (seq: number): LiveEvent => ({
  type: "message",
  conversationId: "c",
  externalId: "x",
  message: { id: `m${seq}`, seq, role: "user", content: "hello", receivedAt: 0 },
  user: null,
});
const annotation = (seq: number, scored: boolean): LiveEvent => ({
  type: "annotation",
  conversationId: "c",
  externalId: "x",
  seq,
  messageId: `m${seq}`,
  sentiment: scored ? { score: 0.5, label: "positive" } : null,
  flags: [],
  behaviours: [],
});

/** A feed whose calls are recorded and answered only when the test says so. */
function fakeFeed() {
  const calls: { events: LiveEvent[]; dropped?: DroppedEvents; answer: () => void }[] = [];
  let stubs = 0;
  const stub = {
    publish: (events: LiveEvent[], dropped?: DroppedEvents) => new Promise<void>((answer) => calls.push({ events, dropped, answer })),
  };
  const env = {
    CHATBOT_LIVE: {
      idFromName: (name: string) => name,
      get: () => {
        stubs += 1;
        return stub;
      },
    },
  } as unknown as Env;
  return { env, calls, stubs: () => stubs };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("a conversation's live publisher", () => {
  it("sends one call at a time, the events that waited going together when it returns", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    publisher.push("cb", message(1));
    await settle();
    publisher.push("cb", annotation(1, true));
    publisher.push("cb", message(2));
    await settle();
    expect(feed.calls.map((c) => c.events.length)).toEqual([1]);
    feed.calls[0]!.answer();
    await settle();
    expect(feed.calls.map((c) => c.events.length)).toEqual([1, 2]);
    expect(feed.calls[1]!.dropped).toBeUndefined();
    expect(feed.stubs()).toBe(1);
  });

  it("sends only the newest events a viewer could be shown, and counts the rest so today's counters stay exact", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    publisher.push("cb", message(0));
    await settle(); // the first call is on its way; everything below waits for it
    for (let seq = 1; seq <= 150; seq++) {
      publisher.push("cb", message(seq));
      publisher.push("cb", annotation(seq, seq % 2 === 0)); // every other one scored
    }
    feed.calls[0]!.answer();
    await settle();
    const second = feed.calls[1]!;
    expect(second.events).toHaveLength(MAX_EVENTS_PER_BATCH);
    expect(second.events.at(-1)).toEqual(annotation(150, true));
    // 300 waited, 100 sent: the 200 left out are the first 100 messages and their annotations.
    expect(second.dropped).toEqual({ events: 200, messages: 100, analysed: 50 });
    // Counted once: the next call starts from nothing left out.
    second.answer();
    publisher.push("cb", message(151));
    await settle();
    expect(feed.calls[2]!.dropped).toBeUndefined();
  });

  it("makes a new stub after a call failed, as a broken stub may stay broken", async () => {
    let stubs = 0;
    const env = {
      CHATBOT_LIVE: {
        idFromName: (name: string) => name,
        get: () => {
          stubs += 1;
          return { publish: () => (stubs === 1 ? Promise.reject(new Error("overloaded")) : Promise.resolve()) };
        },
      },
    } as unknown as Env;
    const publisher = new LivePublisher(env);
    const log = console.error;
    console.error = () => undefined; // the failure is logged; not this test's concern
    try {
      publisher.push("cb", message(1));
      await settle();
      publisher.push("cb", message(2));
      await settle();
      publisher.push("cb", message(3));
      await settle();
    } finally {
      console.error = log;
    }
    expect(stubs).toBe(2);
  });
});
