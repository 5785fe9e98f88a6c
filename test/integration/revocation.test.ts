import { listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { FEED_SHARDS, feedShardName } from "../../durable-objects/feed-shards";
import { registryShardName, registryShardOf, SocketRegistry, SWEEP_CLOCK_SLACK_MS } from "../../durable-objects/socket-registry";
import { createDb } from "../../worker/db/client";
import { chatbots } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { displayPrefix } from "../../worker/services/keys";
import { eq } from "drizzle-orm";
import { call, capture } from "../helpers/http";
import { as, chatbotOf, signup } from "../helpers/member";
import { syncIndex } from "../helpers/index-queue";
import { connect, openSocket } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";

/** The id of the key whose secret is `secret`, from the key list. */
async function keyId(t: Tenant, secret: string): Promise<string> {
  const res = await call("/api/v1/keys", { key: t.adminKey });
  const { data } = (await res.json()) as { data: { id: string; prefix: string }[] };
  const found = data.find((k) => k.prefix === displayPrefix(secret));
  if (!found) throw new Error("key not listed");
  return found.id;
}

async function mint(t: Tenant, conversationId: string): Promise<string> {
  const res = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: { conversationId } });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

describe("revocation reaches open sockets", () => {
  it("revoking a publishable key closes its sockets, empty conversations included, and leaves other keys' sockets open", async () => {
    const t = await createTenant();
    const browser = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await browser.next("welcome"); // nothing sent: the conversation has no message
    const server = await connect("/api/v1/live/server-side", { key: t.ingestKey });
    await server.next("welcome");

    const revoked = await call(`/api/v1/keys/${await keyId(t, t.publishableKey)}`, { method: "DELETE", key: t.adminKey });
    expect(revoked.status).toBe(200);
    await expect.poll(() => browser.closeCode).toBe(4001);
    expect(browser.closeReason).toBe("key revoked");

    server.send({ type: "message", id: "still-here", role: "user", content: "hello" });
    expect(await server.next("ack")).toMatchObject({ id: "still-here" });
    expect(server.closed).toBe(false);
    server.close();
  });

  it("keeps a conversation's sockets in its shard of the deployment-wide registry, so chatting while nobody watches wakes no object of the chatbot", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/registered", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", id: "m1", role: "user", content: "hello" });
    await socket.next("ack");

    const conversationId = conversationStub(env, t.chatbotId, "registered").id.toString();
    const registry = env.SOCKET_REGISTRY.get(env.SOCKET_REGISTRY.idFromName(registryShardName(registryShardOf(conversationId))));
    const registered = () =>
      runInDurableObject(registry, (_i: SocketRegistry, state) =>
        state.storage.sql.exec<{ chatbot_id: string; key_id: string }>("SELECT chatbot_id, key_id FROM live_sockets WHERE conversation_id = ?", conversationId).toArray(),
      );
    // Registered after the welcome, not before it.
    const ingestKeyId = await keyId(t, t.ingestKey);
    await expect.poll(registered).toEqual([{ chatbot_id: t.chatbotId, key_id: ingestKeyId }]);

    const feedIds = new Set(Array.from({ length: FEED_SHARDS }, (_, shard) => env.CHATBOT_LIVE.idFromName(feedShardName(t.chatbotId, shard)).toString()));
    const woken = (await listDurableObjectIds(env.CHATBOT_LIVE)).filter((id) => feedIds.has(id.toString()));
    expect(woken).toEqual([]);

    socket.close();
    await expect.poll(registered).toEqual([]);
  });

  it("closes a socket welcomed before its key was revoked whose registration reached the registry only after the sweep", async () => {
    const t = await createTenant();
    const revokedKey = await keyId(t, t.ingestKey);
    const conversationId = conversationStub(env, t.chatbotId, "late").id.toString();
    const registry = env.SOCKET_REGISTRY.get(env.SOCKET_REGISTRY.idFromName(registryShardName(registryShardOf(conversationId))));
    // Every registration waits until the sweep has run: the socket is welcomed, then registered too late.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const track = SocketRegistry.prototype.track;
    const late = vi.spyOn(SocketRegistry.prototype, "track").mockImplementation(async function (this: SocketRegistry, ...args) {
      await held;
      return track.apply(this, args);
    });
    try {
      const socket = await connect("/api/v1/live/late", { key: t.ingestKey });
      await socket.next("welcome");
      expect((await call(`/api/v1/keys/${revokedKey}`, { method: "DELETE", key: t.adminKey })).status).toBe(200);
      const swept = () => runInDurableObject(registry, (_i: SocketRegistry, state) => state.storage.sql.exec("SELECT count(*) AS n FROM sweeps WHERE key_id = ?", revokedKey).one().n);
      await expect.poll(swept).toBe(1);
      expect(socket.closed).toBe(false);

      release();
      await expect.poll(() => socket.closeCode).toBe(4001);
      expect(socket.closeReason).toBe("key revoked");
    } finally {
      late.mockRestore();
    }
  });

  it("revoking a read key closes the live feeds watching with it, and leaves another key's feed open", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "read", name: "wallboard" } });
    const { data: wallboard } = (await created.json()) as { data: { id: string; secret: string } };
    const [revokedFeed, otherFeed] = [await connect("/api/v1/live-feed", { key: wallboard.secret }), await connect("/api/v1/live-feed", { key: t.readKey })];
    for (const feed of [revokedFeed, otherFeed]) expect(await feed.next()).toMatchObject({ type: "hello" });

    expect((await call(`/api/v1/keys/${wallboard.id}`, { method: "DELETE", key: t.adminKey })).status).toBe(200);
    await expect.poll(() => revokedFeed.closeCode).toBe(4001);
    expect(revokedFeed.closeReason).toBe("key revoked");
    otherFeed.send({ type: "ping" });
    expect(await otherFeed.next()).toMatchObject({ type: "pong" });
    otherFeed.close();
  });

  it("rotating an ingest key closes its sockets and those opened with conversation tokens it minted, and voids those tokens", async () => {
    const t = await createTenant();
    const token = await mint(t, "order-1");
    const viaToken = await connect(`/api/v1/live?token=${encodeURIComponent(token)}`);
    await viaToken.next("welcome");
    const viaKey = await connect("/api/v1/live/order-2", { key: t.ingestKey });
    await viaKey.next("welcome");

    const rotated = await call(`/api/v1/keys/${await keyId(t, t.ingestKey)}/rotate`, { method: "POST", key: t.adminKey });
    expect(rotated.status).toBe(201);
    await expect.poll(() => viaToken.closeCode).toBe(4001);
    await expect.poll(() => viaKey.closeCode).toBe(4001);

    const again = await openSocket(`/api/v1/live?token=${encodeURIComponent(token)}`);
    expect(again.response.status).toBe(401);
  });

  it("closes the sockets of a key that expires while they are open, each at its next frame, and answers nothing after", async () => {
    const t = await createTenant();
    const expiresAt = Date.now() + 1500;
    const create = async (kind: "ingest" | "read") => {
      const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind, name: `expiring ${kind}`, expiresAt } });
      return ((await res.json()) as { data: { secret: string } }).data.secret;
    };
    const [ingest, read] = [await create("ingest"), await create("read")];
    const tokenRes = await call("/api/v1/conversation-tokens", { method: "POST", key: ingest, json: { conversationId: "via-token" } });
    const token = ((await tokenRes.json()) as { data: { token: string } }).data.token;
    const server = await connect("/api/v1/live/expiring", { key: ingest });
    const viaToken = await connect(`/api/v1/live?token=${encodeURIComponent(token)}`);
    const feed = await connect("/api/v1/live-feed", { key: read });
    const lasting = await connect("/api/v1/live/lasting", { key: t.ingestKey });
    for (const socket of [server, viaToken, lasting]) await socket.next("welcome");
    expect(await feed.next()).toMatchObject({ type: "hello" });
    // Before the expiry the key's sockets work as any other.
    server.send({ type: "message", id: "before", role: "user", content: "hello" });
    expect(await server.next("ack")).toMatchObject({ id: "before" });

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
    server.send({ type: "message", id: "after", role: "user", content: "still there?" });
    viaToken.send({ type: "message", id: "after", role: "user", content: "still there?" });
    feed.send({ type: "ping" });
    for (const socket of [server, viaToken, feed]) {
      await expect.poll(() => socket.closeCode).toBe(4001);
      expect(socket.closeReason).toBe("key expired");
    }
    expect(server.frames.some((f) => f.type === "ack" && f.id === "after")).toBe(false);
    // A key without an expiry is untouched.
    lasting.send({ type: "message", id: "lasting", role: "user", content: "hello" });
    expect(await lasting.next("ack")).toMatchObject({ id: "lasting" });
    lasting.close();
  });

  it("closes a socket that only listens once its key has expired, at the next frame it would be sent, which it never hears", async () => {
    const t = await createTenant();
    const expiresAt = Date.now() + 1500;
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "ingest", name: "expiring listener", expiresAt } });
    const expiring = ((await res.json()) as { data: { secret: string } }).data.secret;
    const listener = await connect("/api/v1/live/listened", { key: expiring });
    const speaker = await connect("/api/v1/live/listened", { key: t.ingestKey });
    for (const socket of [listener, speaker]) await socket.next("welcome");
    speaker.send({ type: "message", id: "before", role: "user", content: "hello" });
    expect(await speaker.next("ack")).toMatchObject({ id: "before" });
    expect(await listener.next("message")).toMatchObject({ message: { content: "hello" } });

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
    speaker.send({ type: "message", id: "after", role: "user", content: "only for the living" });
    expect(await speaker.next("ack")).toMatchObject({ id: "after" });
    await expect.poll(() => listener.closeCode).toBe(4001);
    expect(listener.closeReason).toBe("key expired");
    expect(listener.frames.some((f) => f.type === "message" && JSON.stringify(f).includes("only for the living"))).toBe(false);
    speaker.close();
  });

  it("refuses a conversation token once the key that minted it is revoked, even with no socket open", async () => {
    const t = await createTenant();
    const token = await mint(t, "later");
    await call(`/api/v1/keys/${await keyId(t, t.ingestKey)}`, { method: "DELETE", key: t.adminKey });
    const { response } = await openSocket(`/api/v1/live?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(401);
  });

  it("archiving a chatbot closes the socket of a conversation that has no message yet", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const socket = await connect("/api/v1/live/empty-one", { key: ingestKey });
    await socket.next("welcome");
    await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "PATCH", json: { status: "archived" } });
    await expect.poll(() => socket.closeCode).toBe(4003);
  });

  it("leaves open a socket opened once an archived chatbot is restored: a remembered sweep closes only sockets opened before it", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const chatbot = `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`;
    const conversationId = conversationStub(env, chatbotId, "restored").id.toString();
    const registry = env.SOCKET_REGISTRY.get(env.SOCKET_REGISTRY.idFromName(registryShardName(registryShardOf(conversationId))));
    const inRegistry = (sql: string) => runInDurableObject(registry, (_i: SocketRegistry, state) => state.storage.sql.exec(sql, chatbotId).toArray().length);

    await as(owner, chatbot, { method: "PATCH", json: { status: "archived" } });
    await expect.poll(() => inRegistry("SELECT 1 FROM sweeps WHERE chatbot_id = ?")).toBe(1);
    // Past the slack a chatbot-wide sweep allows for clocks on other machines.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_CLOCK_SLACK_MS + 50));
    await as(owner, chatbot, { method: "PATCH", json: { status: "active" } });

    const socket = await connect("/api/v1/live/restored", { key: ingestKey });
    await socket.next("welcome");
    await expect.poll(() => inRegistry("SELECT 1 FROM live_sockets WHERE chatbot_id = ?")).toBe(1);
    socket.send({ type: "message", id: "m1", role: "user", content: "hello again" });
    expect(await socket.next("ack")).toMatchObject({ id: "m1" });
    expect(socket.closed).toBe(false);
    socket.close();
  });

  it("deleting a chatbot closes and erases a conversation that has no message yet", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const socket = await connect("/api/v1/live/empty-two", { key: ingestKey });
    await socket.next("welcome");
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await expect.poll(() => socket.closeCode).toBe(4004);
    const stub = conversationStub(env, chatbotId, "empty-two");
    await expect.poll(() => runInDurableObject(stub, (_i: Conversation, state) => state.storage.sql.exec("SELECT count(*) AS n FROM state").one().n)).toBe(0);
  });

  it("deleting an organization closes its conversations' sockets and its viewers' feeds and erases every conversation object", async () => {
    const owner = await signup();
    const created = await as(owner, "/api/v1/organizations", { method: "POST", json: { name: "Closing down" } });
    const { data: org } = (await created.json()) as { data: { id: string } };
    const doomed = { ...owner, organizationId: org.id };
    const { chatbotId, ingestKey } = await chatbotOf(doomed);
    const kept = await chatbotOf(owner); // the owner's other organization is left alone
    for (const [key, id] of [[ingestKey, "indexed"], [kept.ingestKey, "other-org"]] as const) {
      expect((await capture(key, { conversationId: id, messages: [{ role: "user", content: "my order never arrived" }] })).status).toBe(200);
    }
    const indexed = conversationStub(env, chatbotId, "indexed");
    await syncIndex(indexed);
    const socket = await connect("/api/v1/live/listening", { key: ingestKey });
    await socket.next("welcome");
    const viewer = await connect(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie } });
    await viewer.next();

    expect((await as(owner, `/api/v1/organizations/${org.id}`, { method: "DELETE" })).status).toBe(204);
    await expect.poll(() => socket.closeCode).toBe(4004);
    await expect.poll(() => viewer.closeCode).toBe(4004);
    const rows = (stub: DurableObjectStub<Conversation>) => runInDurableObject(stub, (_i: Conversation, state) => state.storage.sql.exec("SELECT count(*) AS n FROM state").one().n);
    for (const id of ["indexed", "listening"]) await expect.poll(() => rows(conversationStub(env, chatbotId, id)), { message: id }).toBe(0);
    expect(await rows(conversationStub(env, kept.chatbotId, "other-org"))).toBe(1);
    // Every shard of the chatbot's feed remembered it while the viewer watched; none does now.
    const remembered = (shard: number) =>
      runInDurableObject(env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(feedShardName(chatbotId, shard))), async (_i: unknown, state) => (await state.storage.get("chatbotId")) ?? null);
    for (let shard = 0; shard < FEED_SHARDS; shard++) await expect.poll(() => remembered(shard), { message: `feed shard ${shard}` }).toBeNull();
  });

  it("erases a conversation whose chatbot was deleted before its index write instead of retrying that write", async () => {
    const t = await createTenant();
    expect((await capture(t.ingestKey, { conversationId: "raced", messages: [{ role: "user", content: "hi" }] })).status).toBe(200);
    // The delete raced the conversation's first index write: D1 has no row for it, so the delete could not find it.
    await createDb(env.DB).delete(chatbots).where(eq(chatbots.id, t.chatbotId));
    const stub = conversationStub(env, t.chatbotId, "raced");
    // Its snapshot goes to the index queue, whose consumer finds the chatbot gone and erases the conversation.
    await stub.syncNow();
    await expect.poll(() => stub.read(t.chatbotId, { after: 0, limit: 10 }), { timeout: 10_000 }).toBeNull();
    expect(await runInDurableObject(stub, (_i: Conversation, state) => state.storage.getAlarm())).toBeNull();
  });
});
