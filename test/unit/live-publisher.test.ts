import { describe, expect, it } from "vitest";
import type { LiveEvent } from "../../durable-objects/chatbot-live";
import { MAX_EVENTS_PER_BATCH, trimBatch } from "../../durable-objects/feed-frames";
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

/**
 * D1 as the watch mark's reader sees it: `until` for the chatbot's mark (null: no mark; an Error: the read
 * fails). Counts the reads.
 */
function fakeDb(until: () => number | null | Error) {
  let reads = 0;
  const db = {
    prepare: () => ({
      bind: () => ({
        first: async () => {
          reads += 1;
          const mark = until();
          if (mark instanceof Error) throw mark;
          return mark === null ? null : { until: mark };
        },
      }),
    }),
  };
  return { db, reads: () => reads };
}

/** A feed whose calls are recorded and answered only when the test says so; watched unless told otherwise. */
function fakeFeed(until: () => number | null | Error = () => Date.now() + 60_000) {
  const calls: { events: LiveEvent[]; dropped?: number; answer: () => void }[] = [];
  let stubs = 0;
  const stub = {
    publish: (events: LiveEvent[], dropped?: number) => new Promise<void>((answer) => calls.push({ events, dropped, answer })),
  };
  const d1 = fakeDb(until);
  const env = {
    DB: d1.db,
    CHATBOT_LIVE: {
      idFromName: (name: string) => name,
      get: () => {
        stubs += 1;
        return stub;
      },
    },
  } as unknown as Env;
  return { env, calls, stubs: () => stubs, reads: d1.reads };
}

/** The watch mark is cached per isolate and chatbot: each test has chatbots of its own. */
let chatbots = 0;
const newChatbot = () => `cb-${++chatbots}`;

/** Lets the publisher's zero-delay send, and what it chains, run (two timer turns: the send may be queued after this one). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0)).then(() => new Promise((resolve) => setTimeout(resolve, 0)));
const quietly = async (act: () => Promise<void>) => {
  const log = console.error;
  console.error = () => undefined; // the failure is logged; not this test's concern
  try {
    await act();
  } finally {
    console.error = log;
  }
};

describe("a conversation's live publisher", () => {
  it("sends one call at a time, the events that waited going together when it returns", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    publisher.push(cb, message(1));
    await settle();
    publisher.push(cb, annotation(1, true));
    publisher.push(cb, message(2));
    await settle();
    expect(feed.calls.map((c) => c.events.length)).toEqual([1]);
    feed.calls[0]!.answer();
    await settle();
    expect(feed.calls.map((c) => c.events.length)).toEqual([1, 2]);
    expect(feed.calls[1]!.dropped).toBe(0);
    expect(feed.stubs()).toBe(1);
    // Asked once: the answer is cached.
    expect(feed.reads()).toBe(1);
  });

  it("sends a message and the annotation its turn's analysis produced in one call", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    publisher.push(cb, message(1));
    // The embedded analyzer runs in a microtask of the message's turn.
    queueMicrotask(() => publisher.push(cb, annotation(1, true)));
    await settle();
    expect(feed.calls.map((c) => c.events.map((e) => e.type))).toEqual([["message", "annotation"]]);
  });

  it("sends at most the events a viewer could be shown, letting annotations go before messages, and counts the rest", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    publisher.push(cb, message(0));
    await settle(); // the first call is on its way; everything below waits for it
    for (let seq = 1; seq <= 150; seq++) {
      publisher.push(cb, message(seq));
      publisher.push(cb, annotation(seq, seq % 2 === 0)); // every other one scored
    }
    feed.calls[0]!.answer();
    await settle();
    const second = feed.calls[1]!;
    // 300 waited, 100 sent: every annotation went first, then the oldest messages; the newest 100 messages are shown.
    expect(second.events).toEqual(Array.from({ length: MAX_EVENTS_PER_BATCH }, (_, i) => message(51 + i)));
    expect(second.dropped).toBe(200);
    // Counted once: the next call starts from nothing left out.
    second.answer();
    publisher.push(cb, message(151));
    await settle();
    expect(feed.calls[2]!.dropped).toBe(0);
  });

  it("shows a capture of 100 messages as the conversation starting and its messages, not annotations of unseen ones", async () => {
    const feed = fakeFeed();
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    const started: LiveEvent = { type: "conversation", conversationId: "c", externalId: "x", status: "started" };
    // One turn: the capture's messages, then their annotations from the embedded analyzer's microtask.
    publisher.push(cb, started);
    for (let seq = 1; seq <= 100; seq++) publisher.push(cb, message(seq));
    for (let seq = 1; seq <= 100; seq++) publisher.push(cb, annotation(seq, true));
    await settle();
    const call = feed.calls[0]!;
    expect(call.events[0]).toEqual(started);
    expect(call.events.slice(1)).toEqual(Array.from({ length: 99 }, (_, i) => message(2 + i)));
    expect(call.dropped).toBe(101);
  });

  it("never lets go what a person did, however large the burst", () => {
    const triage = { type: "labels" } as LiveEvent;
    const events = [triage, ...Array.from({ length: 120 }, (_, i) => message(i))];
    const { kept, dropped } = trimBatch(events);
    expect(kept[0]).toBe(triage);
    expect(kept).toHaveLength(MAX_EVENTS_PER_BATCH);
    expect(dropped).toBe(21);
    expect(trimBatch(events.slice(0, 50))).toEqual({ kept: events.slice(0, 50), dropped: 0 });
  });

  it("makes a new stub after a call failed, as a broken stub may stay broken", async () => {
    let stubs = 0;
    const env = {
      DB: fakeDb(() => Date.now() + 60_000).db,
      CHATBOT_LIVE: {
        idFromName: (name: string) => name,
        get: () => {
          stubs += 1;
          return { publish: () => (stubs === 1 ? Promise.reject(new Error("overloaded")) : Promise.resolve()) };
        },
      },
    } as unknown as Env;
    const publisher = new LivePublisher(env);
    const cb = newChatbot();
    await quietly(async () => {
      publisher.push(cb, message(1));
      await settle();
      publisher.push(cb, message(2));
      await settle();
      publisher.push(cb, message(3));
      await settle();
    });
    expect(stubs).toBe(2);
  });

  it("calls nothing while nobody watches the chatbot's feed, asking whether anyone does at most once a second", async () => {
    const feed = fakeFeed(() => Date.now() - 1); // a mark the last viewer ended
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    for (let seq = 1; seq <= 20; seq++) {
      publisher.push(cb, message(seq));
      await settle();
    }
    expect(feed.calls).toHaveLength(0);
    expect(feed.stubs()).toBe(0);
    expect(feed.reads()).toBe(1);
    // No mark at all is the same as an ended one.
    const never = fakeFeed(() => null);
    new LivePublisher(never.env).push(newChatbot(), message(1));
    await settle();
    expect(never.calls).toHaveLength(0);
  });

  it("still sends what it let go in the second before a viewer's mark appeared, once its cached answer runs out", async () => {
    let until: number | null = null;
    const feed = fakeFeed(() => until);
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    publisher.push(cb, message(1));
    await settle();
    expect(feed.calls).toHaveLength(0);
    // A viewer joins: the cached "nobody" runs out within a second, and message 1 is offered again.
    until = Date.now() + 60_000;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    publisher.push(cb, message(2));
    await settle();
    const sent = () => feed.calls.flatMap((c) => c.events.map((e) => (e.type === "message" ? e.message.id : e.type)));
    expect(sent()).toEqual(["m1"]);
    feed.calls[0]!.answer();
    await settle();
    expect(sent()).toEqual(["m1", "m2"]);
  });

  it("lets go for good what nobody watched for two seconds", async () => {
    let until: number | null = null;
    const feed = fakeFeed(() => until);
    const publisher = new LivePublisher(feed.env);
    const cb = newChatbot();
    publisher.push(cb, message(1));
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    until = Date.now() + 60_000;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    publisher.push(cb, message(2));
    await settle();
    expect(feed.calls.flatMap((c) => c.events.map((e) => (e.type === "message" ? e.message.id : e.type)))).toEqual(["m2"]);
  });

  it("publishes anyway when the watch mark cannot be read: a blank feed is worse than a call", async () => {
    const feed = fakeFeed(() => new Error("D1 is unavailable"));
    const publisher = new LivePublisher(feed.env);
    await quietly(async () => {
      publisher.push(newChatbot(), message(1));
      await settle();
    });
    expect(feed.calls).toHaveLength(1);
  });
});
