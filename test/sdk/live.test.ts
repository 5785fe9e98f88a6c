import { describe, expect, it } from "vitest";
import { clientFrame } from "../../durable-objects/protocol";
import { type Ack, OpenBatError } from "../../sdk/src/index";
import { call } from "../helpers/http";
import { createTenant } from "../helpers/tenant";
import { collect, fast, next, sdk, stored } from "./fixtures";

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

describe("SDK live conversations against the Worker", () => {
  it("rejects send() with unsupported, saying what to pass, where the runtime has no WebSocket (Node 20)", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey, { WebSocket: undefined });
    const saved = (globalThis as { WebSocket?: unknown }).WebSocket;
    (globalThis as { WebSocket?: unknown }).WebSocket = undefined;
    try {
      const error = await openbat.connect({ conversationId: "no-ws", ...fast }).send({ role: "user", content: "hi" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenBatError);
      expect(error).toMatchObject({ code: "unsupported", message: expect.stringMatching(/no WebSocket in this runtime.*`WebSocket` option.*ws/) });
    } finally {
      (globalThis as { WebSocket?: unknown }).WebSocket = saved;
    }
  });

  it("replaces a connection that opens but whose welcome never arrives, and then delivers", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    // The first socket opens, but every frame from the server (its welcome first) is lost on the way.
    net.configure = (socket, index) => {
      if (index === 0) socket.deaf = true;
    };
    const conversation = openbat.connect({ conversationId: "sdk-no-welcome", reconnect: { minDelayMs: 5, maxDelayMs: 20 }, heartbeatMs: 40 });
    const ack = await conversation.send({ id: "m1", role: "user", content: "hello" });
    expect(ack).toMatchObject({ id: "m1", seq: 1 });
    expect(net.sockets.length).toBeGreaterThanOrEqual(2);
    await conversation.close();
  });

  it("resolves send() with the server's acknowledgement once the message is stored", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-basic", ...fast });
    const ack = await conversation.send({ id: "hello", role: "user", content: "Hello there" });
    expect(ack).toMatchObject({ id: "hello", seq: 1, duplicate: false });
    const { messages } = await stored(t, "sdk-basic");
    expect(messages.map((m) => [m.id, m.seq, m.content])).toEqual([["hello", 1, "Hello there"]]);
    await conversation.close();
  });

  it("offers a secret key as the openbat subprotocol and never puts it in the URL", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-proto", ...fast });
    await conversation.send({ role: "user", content: "hi" });
    expect(net.current.protocols).toEqual(["openbat", t.ingestKey]);
    expect(net.current.protocol).toBe("openbat");
    expect(net.current.url).toBe("wss://openbat.test/api/v1/live/sdk-proto");
    await conversation.close();
  });

  it("gives every message an id and resolves a repeated id's send() with the same promise", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-ids", ...fast });
    const first = conversation.send({ id: "same", role: "user", content: "once" });
    const again = conversation.send({ id: "same", role: "user", content: "once" });
    const anonymous = await conversation.send({ role: "assistant", content: "no id given" });
    expect(again).toBe(first);
    expect(await first).toMatchObject({ id: "same", seq: 1 });
    expect(anonymous.id).toMatch(/^m_[0-9a-f]{32}$/);
    expect((await stored(t, "sdk-ids")).messages.map((m) => m.id)).toEqual(["same", anonymous.id]);
    expect(net.current.sent.filter((f) => f.includes('"same"'))).toHaveLength(1);
    await conversation.close();
  });

  it("stores all of a 500-message stream exactly once and in order across a forced disconnect", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-500", ...fast });
    const own = collect(conversation, "message");
    const disconnects = collect(conversation, "disconnect");
    const first = await net.opened(1);
    await next(conversation, "open");

    // The connection breaks mid-stream, in both directions: the client stops hearing acks after the
    // 100th, and frames after the 300th never reach the server. Only then is the drop noticed.
    first.deafAfter = (f) => f.type === "ack" && f.seq === 100;
    const acks: Promise<Ack>[] = [];
    for (const i of range(500)) {
      if (i === 301) first.mute = true;
      acks.push(conversation.send({ id: `m${i}`, role: i % 2 ? "user" : "assistant", content: `message ${i}` }));
    }
    await first.serverSent((f) => f.type === "ack" && f.id === "m300");
    first.cut();

    const resolved = await Promise.all(acks);
    const second = await net.opened(2);
    expect(disconnects).toHaveLength(1);
    // The reconnect resumed after the highest seq the client had seen and resent what was unacked.
    expect(second.url).toBe("wss://openbat.test/api/v1/live/sdk-500?after=100");
    expect(second.sent.filter((f) => f.includes('"type":"message"'))).toHaveLength(400);

    const { messages } = await stored(t, "sdk-500");
    expect(messages.map((m) => m.id)).toEqual(range(500).map((i) => `m${i}`));
    expect(messages.map((m) => m.seq)).toEqual(range(500));
    // Each send() resolved once, with the message's one stored seq; the 200 the server already had
    // were acknowledged as duplicates of their original seq.
    expect(resolved.map((a) => [a.id, a.seq])).toEqual(range(500).map((i) => [`m${i}`, i]));
    expect(resolved.filter((a) => a.duplicate).map((a) => a.seq)).toEqual(range(200, 101));
    // The replay of its own unacknowledged messages is not passed off as someone else's.
    expect(own).toEqual([]);
    await conversation.close();
  });

  it("buffers messages while offline and sends them in order once the connection is back", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-offline", ...fast });
    await conversation.send({ id: "before", role: "user", content: "online" });
    net.offline = true;
    net.current.cut();
    const pending = range(5).map((i) => conversation.send({ id: `off${i}`, role: "user", content: `offline ${i}` }));
    expect(net.sockets.every((s) => s.sent.every((f) => !f.includes("off1")))).toBe(true);
    net.offline = false;
    const acks = await Promise.all(pending);
    expect(acks.map((a) => a.seq)).toEqual([2, 3, 4, 5, 6]);
    expect((await stored(t, "sdk-offline")).messages.map((m) => m.id)).toEqual(["before", "off1", "off2", "off3", "off4", "off5"]);
    await conversation.close();
  });

  it("refuses the newest send() with buffer_full when the buffer is full and keeps every earlier message", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-full", maxBuffered: 3, ...fast });
    const errors = collect(conversation, "error");
    await next(conversation, "open");
    net.offline = true;
    net.current.cut();
    const kept = [1, 2, 3].map((i) => conversation.send({ id: `k${i}`, role: "user", content: `kept ${i}` }));
    const refused = conversation.send({ id: "k4", role: "user", content: "one too many" });
    const error = await refused.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenBatError);
    expect(error).toMatchObject({ code: "buffer_full", id: "k4" });
    expect(errors.map((e) => e.code)).toContain("buffer_full");

    net.offline = false;
    expect((await Promise.all(kept)).map((a) => a.id)).toEqual(["k1", "k2", "k3"]);
    // With room again, sending works as before.
    expect(await conversation.send({ id: "k5", role: "user", content: "room again" })).toMatchObject({ seq: 4 });
    expect((await stored(t, "sdk-full")).messages.map((m) => m.id)).toEqual(["k1", "k2", "k3", "k5"]);
    await conversation.close();
  });

  it("passes on messages from other participants, replaying what was said while it was offline, but not its own", async () => {
    const t = await createTenant();
    const widget = sdk(t.ingestKey);
    const bot = sdk(t.ingestKey);
    const user = widget.openbat.connect({ conversationId: "sdk-two", ...fast });
    const assistant = bot.openbat.connect({ conversationId: "sdk-two", ...fast });
    const heardByUser = collect(user, "message");
    const heardByBot = collect(assistant, "message");
    await next(assistant, "open");

    await user.send({ id: "q1", role: "user", content: "Do you ship to Norway?" });
    const userHeardA1 = next(user, "message");
    await assistant.send({ id: "a1", role: "assistant", content: "Yes, in 3 to 5 days." });
    await userHeardA1;
    // The widget loses its connection; the bot keeps talking.
    widget.net.offline = true;
    widget.net.current.cut();
    await assistant.send({ id: "a2", role: "assistant", content: "Anything else?" });
    await assistant.send({ id: "a3", role: "assistant", content: "I'm here if you need me." });
    widget.net.offline = false;
    await user.send({ id: "q2", role: "user", content: "No, thanks!" });

    const reconnect = await widget.net.opened(2);
    expect(reconnect.url).toContain("after=2");
    expect(heardByUser.map((m) => m.id)).toEqual(["a1", "a2", "a3"]);
    expect(heardByBot.map((m) => m.id)).toContain("q1");
    expect(heardByBot.map((m) => m.id)).not.toContain("a1");
    await user.close();
    await assistant.close();
  });

  it("keeps its place when the connection drops again in the middle of a replay", async () => {
    const t = await createTenant();
    const widget = sdk(t.ingestKey);
    const bot = sdk(t.ingestKey);
    const user = widget.openbat.connect({ conversationId: "sdk-replay-drop", ...fast });
    const assistant = bot.openbat.connect({ conversationId: "sdk-replay-drop", ...fast });
    const heard = collect(user, "message");
    await user.send({ id: "q1", role: "user", content: "Hello?" });
    await assistant.send({ id: "a1", role: "assistant", content: "Hi! How can I help?" });
    widget.net.offline = true;
    widget.net.current.cut();
    for (const i of [2, 3, 4]) await assistant.send({ id: `a${i}`, role: "assistant", content: `answer ${i}` });

    // The first reconnect hears its welcome (lastSeq 5) and then loses the replay that follows.
    widget.net.configure = (socket) => {
      socket.deafAfter = (f) => f.type === "welcome";
      widget.net.configure = undefined;
    };
    widget.net.offline = false;
    const broken = await widget.net.opened(2);
    await broken.serverSent((f) => f.type === "replayed");
    broken.cut();
    await user.send({ id: "q2", role: "user", content: "Still there?" });

    expect(broken.url).toContain("after=2");
    expect(widget.net.current.url).toContain("after=2"); // not 5: the replay of 3–5 was never seen
    expect(heard.map((m) => m.id)).toEqual(["a1", "a2", "a3", "a4"]);
    await user.close();
    await assistant.close();
  });

  it("emits analysis annotations for the messages of the conversation", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-annotations", ...fast });
    const annotation = next(conversation, "annotation");
    await conversation.send({ id: "happy", role: "user", content: "Thank you so much, this is perfect!" });
    expect(await annotation).toMatchObject({ type: "annotation", messageId: "happy", seq: 1, analyzer: "embedded" });
    await conversation.close();
  });

  it("states the user, organization and session in a context frame the server stores", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const conversation = openbat.connect({
      conversationId: "sdk-context",
      user: { id: "u-42", email: "ada@example.com", plan: "pro", mrr: 99 },
      organization: { id: "o-7", name: "Analytical Engines", plan: "enterprise", mrr: 4200 },
      session: { country: "JP", device: "tablet" },
      custom: { cohort: "beta" },
      ...fast,
    });
    await conversation.send({ role: "user", content: "hi" });
    conversation.setContext({ custom: { experiment: "b" } });
    await conversation.end(); // ordered after the context frames, so they are stored by now
    const { state } = await stored(t, "sdk-context");
    expect(state?.user).toMatchObject({ id: "u-42", plan: "pro", mrr: 99 });
    expect(state?.organization).toMatchObject({ id: "o-7", mrr: 4200 });
    expect(state?.session).toMatchObject({ country: "JP", device: "tablet" });
    expect(state?.custom).toEqual({ cohort: "beta", experiment: "b" });
    await conversation.close();
  });

  it("ends the conversation after the messages sent before end(), and a later send() reopens it", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-end", ...fast });
    const statuses = collect(conversation, "status");
    void conversation.send({ id: "last", role: "user", content: "bye" });
    await conversation.end();
    expect((await stored(t, "sdk-end")).state).toMatchObject({ status: "ended", endReason: "explicit" });
    expect(statuses.map((s) => s.status)).toEqual(["ended"]);
    // Ending an ended conversation still resolves (the server says nothing, the barrier answers).
    await conversation.end();
    await conversation.send({ id: "again", role: "user", content: "one more thing" });
    expect((await stored(t, "sdk-end")).state?.status).toBe("open");
    await conversation.close();
  });

  it("stops reconnecting once its key is revoked: what waits is rejected with refused, and the conversation closes", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "ingest", name: "sdk revoked" } });
    const key = ((await created.json()) as { data: { id: string; secret: string } }).data;
    const { openbat, net } = sdk(key.secret);
    const conversation = openbat.connect({ conversationId: "sdk-revoked", ...fast });
    const errors = collect(conversation, "error");
    expect(await conversation.send({ role: "user", content: "before" })).toMatchObject({ seq: 1 });
    net.current.mute = true; // the next message waits in the outbox, unacknowledged
    const waiting = conversation.send({ id: "waiting", role: "user", content: "after" }).catch((e: unknown) => e);
    const closed = next(conversation, "close");

    await call(`/api/v1/keys/${key.id}`, { method: "DELETE", key: t.adminKey });
    await closed;
    expect(await waiting).toMatchObject({ code: "refused", id: "waiting" });
    expect(errors.map((e) => e.code)).toEqual(["refused"]);
    expect(errors[0]?.message).toMatch(/revoked or has expired.*close code 4001/);
    const attempts = net.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 100)); // many reconnect delays of `fast`
    expect(net.sockets.length).toBe(attempts);
    expect(await conversation.send({ role: "user", content: "later" }).catch((e: unknown) => e)).toMatchObject({ code: "closed" });
  });

  it("says why at once when the key is refused at the handshake, rather than retrying for ever: an unknown key, a read key", async () => {
    const t = await createTenant();
    for (const [key, reason] of [
      ["ob_live_not_a_key_at_all_0000000000", /^the server refused the connection \(HTTP 401\): /],
      [t.readKey, /^the server refused the connection \(HTTP 403\): /],
    ] as const) {
      const { openbat, net } = sdk(key);
      const conversation = openbat.connect({ conversationId: "sdk-wrong-key", ...fast });
      const errors = collect(conversation, "error");
      const closed = next(conversation, "close");
      const sent = conversation.send({ id: "m1", role: "user", content: "hello" }).catch((e: unknown) => e);
      await closed;
      expect(await sent).toMatchObject({ code: "refused", id: "m1", message: expect.stringMatching(reason) });
      // Refused, and only that: no `connection_failed` announcing retries that will not come.
      expect(errors.map((e) => e.code)).toEqual(["refused"]);
      const attempts = net.sockets.length;
      await new Promise((resolve) => setTimeout(resolve, 100)); // many reconnect delays of `fast`
      expect(net.sockets.length).toBe(attempts);
    }
  });

  it("says why at once when a browser names a pub_ conversation nobody opened, rather than retrying for ever", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.publishableKey);
    const conversation = openbat.connect({ conversationId: "pub_AAAAAAAAAAAAAAAAAAAAAA", ...fast });
    const closed = next(conversation, "close");
    const sent = conversation.send({ id: "m1", role: "user", content: "hello" }).catch((e: unknown) => e);
    await closed;
    expect(await sent).toMatchObject({ code: "refused", message: expect.stringMatching(/^the server refused the connection \(HTTP 404\): conversation not found/) });
    const attempts = net.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(net.sockets.length).toBe(attempts);
  });

  it("keeps reconnecting after a 4001 when a token function can fetch a fresh token", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "ingest", name: "sdk minting" } });
    const first = ((await created.json()) as { data: { id: string; secret: string } }).data;
    // The integrator's server mints with whichever key it has now: the first one, then the tenant's other one.
    let mintingKey = first.secret;
    const mint = async () => {
      const res = await call("/api/v1/conversation-tokens", { method: "POST", key: mintingKey, json: { conversationId: "sdk-renewed" } });
      return ((await res.json()) as { data: { token: string } }).data.token;
    };
    const { openbat } = sdk(undefined);
    const conversation = openbat.connect({ token: mint, ...fast });
    expect(await conversation.send({ role: "user", content: "first" })).toMatchObject({ seq: 1 });
    const dropped = next(conversation, "disconnect");
    mintingKey = t.ingestKey;
    await call(`/api/v1/keys/${first.id}`, { method: "DELETE", key: t.adminKey });
    expect(await dropped).toMatchObject({ code: 4001 });
    expect(await conversation.send({ role: "user", content: "second" })).toMatchObject({ seq: 2 });
    await conversation.close();
  });

  it("rejects a message the server refuses and keeps the conversation going", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-refused", ...fast });
    const tooLong = "é".repeat(20_000); // 40,000 UTF-8 bytes: over the 32 KB content limit, under the frame limit
    const refused = await conversation.send({ id: "big", role: "user", content: tooLong }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "invalid_frame", id: "big" });
    const huge = await conversation.send({ id: "huge", role: "user", content: "x".repeat(50_000) }).catch((e: unknown) => e);
    expect(huge).toMatchObject({ code: "payload_too_large", id: "huge" });
    expect(await conversation.send({ id: "fine", role: "user", content: "short" })).toMatchObject({ seq: 1 });
    await conversation.close();
  });

  it("sends only frames the server's protocol schema accepts", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({
      conversationId: "sdk-schema",
      user: { id: "u-1", createdAt: new Date("2026-01-02T03:04:05Z") },
      session: { country: "br" },
      ...fast,
    });
    await conversation.send({ role: "user", content: "hi", sentAt: new Date() });
    await conversation.send({ role: "assistant", content: "hello", sentAt: Date.now() });
    await conversation.end();
    const frames = net.sockets.flatMap((s) => s.sent).map((f) => JSON.parse(f) as unknown);
    expect(frames.map((f) => (f as { type: string }).type)).toEqual(["context", "message", "message", "end", "context"]);
    for (const frame of frames) expect(clientFrame.safeParse(frame).success).toBe(true);
    await conversation.close();
  });

  it("waits in close() for unacknowledged messages, then rejects further sends", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey);
    const conversation = openbat.connect({ conversationId: "sdk-close", ...fast });
    const closed = next(conversation, "close");
    const pending = conversation.send({ id: "in-flight", role: "user", content: "sent just before close" });
    await conversation.close();
    await closed;
    expect(await pending).toMatchObject({ id: "in-flight", seq: 1 });
    expect(net.current.readyState).toBe(net.current.CLOSED);
    await expect(conversation.send({ role: "user", content: "too late" })).rejects.toMatchObject({ code: "closed" });
  });

  it("opens a fresh pub_ conversation with a publishable key in the URL and reconnects to the same one", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.publishableKey);
    const conversation = openbat.connect(fast);
    const welcome = await next(conversation, "open");
    expect(welcome.externalId).toMatch(/^pub_/);
    expect(conversation.id).toBe(welcome.externalId);
    expect(net.current.url).toBe(`wss://openbat.test/api/v1/live?key=${t.publishableKey}`);
    expect(net.current.protocols).toEqual([]);
    await conversation.send({ id: "w1", role: "user", content: "from the widget" });
    net.current.cut();
    await conversation.send({ id: "w2", role: "user", content: "after the drop" });
    expect(net.current.url).toBe(`wss://openbat.test/api/v1/live/${welcome.externalId}?key=${t.publishableKey}&after=1`);
    expect((await stored(t, welcome.externalId)).messages.map((m) => m.id)).toEqual(["w1", "w2"]);
    await conversation.close();
  });

  it("paces a browser's burst to the server's frame budget, so it is stored whole, in order, on one socket", async () => {
    const t = await createTenant();
    const { openbat, net, log } = sdk(t.publishableKey);
    const conversation = openbat.connect(fast);
    const refused: string[] = [];
    conversation.on("error", (e) => refused.push(e.code));
    const disconnects = collect(conversation, "disconnect");
    const welcome = await next(conversation, "open");
    // A browser socket takes 40 frames at once, then 10 a second, and is closed with 1008 after 20 refused: 70 sent at
    // once without pacing would lose the socket; paced (36 at once, a tenth held back), the rest take a few seconds.
    const acks = await Promise.all(range(70).map((i) => conversation.send({ id: `burst-${i}`, role: "user", content: `message ${i}` })));
    expect(acks.map((a) => a.duplicate)).not.toContain(undefined);
    expect(refused).toEqual([]);
    expect(disconnects).toEqual([]);
    expect(net.sockets).toHaveLength(1);
    expect(log.lines.join("\n")).not.toContain("frame rate limit");
    const ids = (await stored(t, welcome.externalId)).messages.map((m) => m.id);
    expect(ids).toEqual(range(70).map((i) => `burst-${i}`));
    await conversation.close();
  }, 30_000);

  it("never throws into the caller: bad input is refused through the promise, a throwing listener is logged", async () => {
    const t = await createTenant();
    const { openbat, log } = sdk(t.ingestKey);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    let conversation!: ReturnType<typeof openbat.connect>;
    expect(() => {
      conversation = openbat.connect({ conversationId: "sdk-robust", custom: circular as never, ...fast });
    }).not.toThrow();
    conversation.on("open", () => {
      throw new Error("a bug in the integrator's listener");
    });
    const nothing = conversation.send(null as never);
    const loop = conversation.send({ role: "user", content: circular as never });
    await expect(nothing).rejects.toMatchObject({ code: "invalid_frame" });
    await expect(loop).rejects.toMatchObject({ code: "invalid_message" });
    expect(await conversation.send({ id: "ok", role: "user", content: "still works" })).toMatchObject({ seq: 1 });
    expect(log.lines.join("\n")).toContain("cannot be sent as JSON");
    expect(log.lines.join("\n")).toContain('"open" listener threw');
    await conversation.close();
  });

  it("does nothing at all when disabled", async () => {
    const t = await createTenant();
    const { openbat, net } = sdk(t.ingestKey, { enabled: false });
    const conversation = openbat.connect({ conversationId: "sdk-off", ...fast });
    expect(await conversation.send({ id: "x", role: "user", content: "not recorded" })).toMatchObject({ id: "x", seq: 0 });
    await conversation.end();
    await conversation.close();
    expect(net.sockets).toEqual([]);
    expect((await stored(t, "sdk-off")).messages).toEqual([]);
  });
});
