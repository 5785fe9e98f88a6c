import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { LIMITS } from "../../durable-objects/protocol";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture } from "../helpers/http";
import { connect, openSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const msg = (id: string, content = `message ${id}`, role: "user" | "assistant" = "user") => ({ type: "message", id, role, content });

describe("live conversations over WebSocket", () => {
  it("welcomes the socket and acknowledges a message once it is stored", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-1", { key: t.ingestKey });
    const welcome = await socket.next("welcome");
    expect(welcome).toMatchObject({ externalId: "chat-1", lastSeq: 0, status: "open" });
    socket.send(msg("a"));
    expect(await socket.next("ack")).toMatchObject({ id: "a", seq: 1, duplicate: false });
    socket.close();
  });

  it("stores a resent message id once and answers it with the same acknowledgement marked duplicate", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-dup", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("same"));
    socket.send(msg("other"));
    socket.send(msg("same"));
    const acks = await socket.take("ack", 3);
    expect(acks.map((a) => [a.id, a.seq, a.duplicate])).toEqual([
      ["same", 1, false],
      ["other", 2, false],
      ["same", 1, true],
    ]);
    // The same message again is a resend, not a mistake: nothing to warn of.
    expect(acks.map((a) => a.warning)).toEqual([undefined, undefined, undefined]);
    const snapshot = await conversationStub(env, t.chatbotId, "chat-dup").read(t.chatbotId, { after: 0, limit: 100 });
    expect(snapshot?.messages.map((m) => m.id)).toEqual(["same", "other"]);
    socket.close();
  });

  it("keeps the first message of an id sent again with another text or role, and says so in the ack", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-reused", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("m1", "I want a refund"));
    socket.send(msg("m1", "Never mind, it works now"));
    socket.send(msg("m1", "I want a refund", "assistant"));
    const acks = await socket.take("ack", 3);
    expect(acks[0]).toMatchObject({ id: "m1", seq: 1, duplicate: false });
    expect(acks[0]?.warning).toBeUndefined();
    for (const ack of acks.slice(1)) {
      expect(ack).toMatchObject({ id: "m1", seq: 1, duplicate: true, warning: expect.stringContaining('message id "m1" is already stored with another role or text') });
    }
    const snapshot = await conversationStub(env, t.chatbotId, "chat-reused").read(t.chatbotId, { after: 0, limit: 100 });
    expect(snapshot?.messages.map((m) => [m.role, m.content])).toEqual([["user", "I want a refund"]]);
    socket.close();
  });

  it("recognises over the socket a message id first captured over REST", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "chat-mixed", messages: [{ id: "r1", role: "user", content: "via REST" }] });
    const socket = await connect("/api/v1/live/chat-mixed", { key: t.ingestKey });
    expect((await socket.next("welcome")).lastSeq).toBe(1);
    socket.send(msg("r1", "via REST"));
    expect(await socket.next("ack")).toMatchObject({ id: "r1", seq: 1, duplicate: true });
    socket.close();
  });

  it("keeps 1,000 messages sent over one socket in order with no gaps", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-1000", { key: t.ingestKey });
    await socket.next("welcome");
    for (let i = 1; i <= 1000; i++) socket.send(msg(`m${i}`));
    const acks = await socket.take("ack", 1000, 30_000);
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(acks.map((a) => a.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `m${i + 1}`));

    const reader = await connect("/api/v1/live/chat-1000?after=0", { key: t.ingestKey });
    await reader.next("welcome");
    const replayed = await reader.take("message", 1000, 30_000);
    expect(replayed.map((f) => f.message.seq)).toEqual(acks.map((a) => a.seq));
    expect((await reader.next("replayed")).lastSeq).toBe(1000);
    socket.close();
    reader.close();
    // Its waits allow 30 s each (a loaded machine); the test's own limit must not be shorter than they are.
  }, 60_000);

  it("lets a client that reconnects mid-stream resume without losing or doubling a message", async () => {
    const t = await createTenant();
    const first = await connect("/api/v1/live/chat-resume", { key: t.ingestKey });
    await first.next("welcome");
    for (let i = 1; i <= 50; i++) first.send(msg(`m${i}`));
    // The server has stored at least 25; the client heard only the first 20 acks before the drop, so at
    // least 5 of what it resends are already stored (and more may have landed in flight).
    const acked = await first.take("ack", 25);
    const lastSeen = acked[19]!.seq;
    first.ws.close(1001, "network lost"); // dropped while the rest may still be in flight

    // The client resends everything it has no ack for (ids make that safe), then resumes.
    const second = await connect(`/api/v1/live/chat-resume?after=${lastSeen}`, { key: t.ingestKey });
    await second.next("welcome");
    for (let i = 21; i <= 50; i++) second.send(msg(`m${i}`));
    const acks = await second.take("ack", 30);
    const stored = await conversationStub(env, t.chatbotId, "chat-resume").read(t.chatbotId, { after: 0, limit: 1000 });
    expect(stored?.messages.map((m) => m.id)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 1}`));
    expect(stored?.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // What the first socket stored after the cut reached the second one (replayed, or broadcast as it
    // landed) and its resend was acknowledged as a duplicate with the original sequence number.
    const seen = second.frames.flatMap((f) => (f.type === "message" ? [f.message] : []));
    const duplicates = acks.filter((a) => a.duplicate);
    expect(duplicates.map((a) => [a.id, a.seq])).toEqual(seen.map((m) => [m.id, m.seq]));
    expect(duplicates.map((a) => a.id)).toEqual(expect.arrayContaining(["m21", "m22", "m23", "m24", "m25"]));
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 21));
    second.close();
  });

  it("broadcasts a message to every other socket of the conversation", async () => {
    const t = await createTenant();
    const bot = await connect("/api/v1/live/chat-bc", { key: t.ingestKey });
    const viewer = await connect("/api/v1/live/chat-bc", { key: t.ingestKey });
    await bot.next("welcome");
    await viewer.next("welcome");
    bot.send(msg("hello", "Hello from the bot", "assistant"));
    await bot.next("ack");
    const seen = await viewer.next("message");
    expect(seen.message).toMatchObject({ id: "hello", seq: 1, role: "assistant", content: "Hello from the bot" });
    bot.close();
    viewer.close();
  });

  it("answers a malformed frame with an error frame and keeps the socket usable", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-bad", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send("{not json");
    expect(await socket.next("error")).toMatchObject({ code: "invalid_json" });
    socket.send({ type: "message", id: "x1", role: "robot", content: "hi" });
    const invalid = await socket.next("error");
    expect(invalid).toMatchObject({ code: "invalid_frame", id: "x1" });
    expect(invalid.message).toContain("role");
    socket.send({ type: "teleport" });
    expect(await socket.next("error")).toMatchObject({ code: "invalid_frame" });
    socket.send(msg("ok"));
    expect(await socket.next("ack")).toMatchObject({ id: "ok", seq: 1 });
    socket.close();
  });

  it("names the message it refuses for being too large, wherever the frame puts its id", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-big", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", id: "huge-1", role: "user", content: "x".repeat(50_000) });
    expect(await socket.next("error")).toMatchObject({ code: "payload_too_large", id: "huge-1" });
    // Wherever the id is: after the content too, as a client serialising its fields in another order sends it.
    socket.send({ type: "message", role: "user", content: "x".repeat(50_000), id: "huge-2" });
    expect(await socket.next("error")).toMatchObject({ code: "payload_too_large", id: "huge-2" });
    socket.close();
  });

  it("counts a frame's size in bytes, so fewer characters than the limit can be over it", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-bytes", { key: t.ingestKey });
    await socket.next("welcome");
    // 21,000 characters of two bytes each: under 40,960 characters, over 40,960 bytes.
    const frame = { type: "message", id: "wide-1", role: "user", content: "é".repeat(21_000) };
    expect(JSON.stringify(frame).length).toBeLessThan(LIMITS.frameBytes);
    socket.send(frame);
    expect(await socket.next("error")).toMatchObject({ code: "payload_too_large", id: "wide-1" });
    socket.close();
  });

  it("answers an end frame for a conversation that already ended", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-end-twice", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("said"));
    await socket.next("ack");
    socket.send({ type: "end" });
    expect(await socket.next("status")).toMatchObject({ status: "ended", reason: "explicit" });
    socket.send({ type: "end" });
    expect(await socket.next("status")).toMatchObject({ status: "ended", reason: "explicit" });
    socket.close();
  });

  it("keeps messages and sockets through hibernation (eviction)", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-evict", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("before"));
    await socket.next("ack");
    const stub = conversationStub(env, t.chatbotId, "chat-evict");
    await evictDurableObject(stub);
    socket.send(msg("after"));
    expect(await socket.next("ack")).toMatchObject({ id: "after", seq: 2, duplicate: false });
    socket.send(msg("before"));
    expect(await socket.next("ack")).toMatchObject({ id: "before", seq: 1, duplicate: true });
    socket.close();
  });

  it("answers keep-alive pings with pongs", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-ping", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "ping" });
    expect((await socket.next()).type).toBe("pong");
    socket.close();
  });

  it("ends the conversation on an end frame and reopens it on a later message", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-end", { key: t.ingestKey });
    const watcher = await connect("/api/v1/live/chat-end", { key: t.ingestKey });
    await socket.next("welcome");
    await watcher.next("welcome");
    socket.send(msg("first"));
    await socket.next("ack");
    socket.send({ type: "end" });
    expect(await watcher.next("status")).toMatchObject({ status: "ended", reason: "explicit" });
    socket.send(msg("again"));
    expect(await watcher.next("status")).toMatchObject({ status: "open", reason: "message" });
    socket.close();
    watcher.close();
  });

  it("ends an idle conversation from its alarm", async () => {
    const t = await createTenant({ idleTimeoutMinutes: 1 });
    const socket = await connect("/api/v1/live/chat-idle", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("only"));
    await socket.next("ack");
    const stub = conversationStub(env, t.chatbotId, "chat-idle");
    // The message's analysis (run right after its ack) saves the state: let it finish before editing the row.
    await syncIndex(stub);
    // Move the idle deadline into the past rather than waiting a minute.
    await runInDurableObject(stub, (_instance: Conversation, state) => {
      const row = state.storage.sql.exec<{ body: string }>("SELECT body FROM state").one();
      const s = JSON.parse(row.body);
      s.idleDueAt = Date.now() - 1;
      state.storage.sql.exec("UPDATE state SET body = ?", JSON.stringify(s));
    });
    await evictDurableObject(stub); // drop the cached state so the edited row is what the alarm sees
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await socket.next("status")).toMatchObject({ status: "ended", reason: "idle_timeout" });
    const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state).toMatchObject({ status: "ended", endReason: "idle_timeout" });
    socket.close();
  });

  it("records country and device from the request's edge headers", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/chat-geo", {
      key: t.ingestKey,
      headers: {
        "cf-ipcountry": "br",
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      },
    });
    await socket.next("welcome");
    // Read once written in (an empty conversation reads as none); the session is the connect's.
    socket.send(msg("hello"));
    await socket.next("ack");
    const snapshot = await conversationStub(env, t.chatbotId, "chat-geo").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.session).toMatchObject({ country: "BR", device: "mobile" });
    socket.close();
  });

  it("refuses a plain HTTP request to the live endpoint with 426, after its credential: a refused key hears why", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/live/chat-x", { key: t.ingestKey });
    expect(res.status).toBe(426);
    const unknown = await call("/api/v1/live/chat-x", { key: "ob_live_not_a_key_at_all_0000000000" });
    expect(unknown.status).toBe(401);
    expect((await call("/api/v1/live/chat-x", { key: t.readKey })).status).toBe(403);
  });

  it("refuses a socket without a key with 401", async () => {
    const { socket, response } = await openSocket("/api/v1/live/chat-x");
    expect(socket).toBeNull();
    expect(response.status).toBe(401);
  });
});
