/**
 * When an object that closed its sockets itself resets (durable-objects/socket-release.ts). The reset releases the
 * connection of a socket whose client never sent anything, which workerd keeps open after the close; workerd logs it
 * as an uncaught error, so it is made only for such a socket: a client that sent a frame, or a ping the runtime
 * answered, hears a plain close. The clients here live in the runtime, where a close is always heard; that the
 * connections of real clients are released is test/e2e/listen-only-sockets. Here: whether the object reset, seen as a
 * mark on its instance that a reset wipes.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RELEASE_AFTER_MS } from "../../durable-objects/socket-release";
import { channelOf } from "../../worker/notifications/channel";
import { conversationStub } from "../../worker/services/conversation-stub";
import { displayPrefix } from "../../worker/services/keys";
import { call } from "../helpers/http";
import { anotherSession, as, memberIn } from "../helpers/member";
import { connect, type TestSocket } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";

type Marked = { releaseTestMark?: string };

/** Leaves a mark on the object's instance in memory. */
async function mark(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, (instance) => {
    (instance as Marked).releaseTestMark = "before";
  });
}

/**
 * Whether the instance marked is still the one running, once any reset has had time to happen. A stub that reached
 * the object before a reset is broken by it, so `stub` makes a new one.
 */
async function stillMarked(stub: () => DurableObjectStub): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, RELEASE_AFTER_MS + 500));
  return runInDurableObject(stub(), (instance) => (instance as Marked).releaseTestMark === "before");
}

async function closedWith(socket: TestSocket, code: number): Promise<void> {
  await expect.poll(() => socket.closeCode, { timeout: 5_000 }).toBe(code);
}

async function notificationTab(cookie: string): Promise<TestSocket> {
  const socket = await connect("/api/v1/notifications/live", { headers: { cookie } });
  expect(await socket.next()).toEqual({ type: "hello" });
  return socket;
}

async function ping(socket: TestSocket): Promise<void> {
  socket.send({ type: "ping" });
  expect(await socket.next()).toEqual({ type: "pong" });
}

async function keyId(t: Tenant, secret: string): Promise<string> {
  const res = await call("/api/v1/keys", { key: t.adminKey });
  const { data } = (await res.json()) as { data: { id: string; prefix: string }[] };
  return data.find((k) => k.prefix === displayPrefix(secret))!.id;
}

describe("releasing the sockets an object closed itself", () => {
  it("does not reset the notification channel when the tab it closed on log-out had pinged", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "admin");
    const stub = () => channelOf(env, member.memberId);
    const tab = await notificationTab(member.cookie);
    await ping(tab);
    await mark(stub());
    expect((await as(member, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await closedWith(tab, 4001);
    expect(await stillMarked(stub)).toBe(true);
  });

  it("still resets the notification channel when the tab it closed on log-out had never sent anything", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "admin");
    const stub = () => channelOf(env, member.memberId);
    const tab = await notificationTab(member.cookie);
    await mark(stub());
    expect((await as(member, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await closedWith(tab, 4001);
    expect(await stillMarked(stub)).toBe(false);
  });

  it("does not reset a conversation whose socket, closed by its key's revocation, had sent only the ping the runtime answers", async () => {
    const t = await createTenant();
    const stub = () => conversationStub(env, t.chatbotId, "release-pinged");
    const socket = await connect("/api/v1/live/release-pinged", { key: t.ingestKey });
    await socket.next("welcome");
    await ping(socket);
    await mark(stub());
    const revoked = await call(`/api/v1/keys/${await keyId(t, t.ingestKey)}`, { method: "DELETE", key: t.adminKey });
    expect(revoked.status).toBe(200);
    await closedWith(socket, 4001);
    expect(await stillMarked(stub)).toBe(true);
  });

  it("resets, once it closes the last socket, for a silent one closed earlier while another stayed open, across hibernation", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "admin");
    const other = await anotherSession(member);
    const stub = () => channelOf(env, member.memberId);
    const [silent, pinged] = [await notificationTab(member.cookie), await notificationTab(other.cookie)];
    await ping(pinged);
    expect((await as(member, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await closedWith(silent, 4001);
    await evictDurableObject(stub());
    await mark(stub());
    expect((await as(other, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await closedWith(pinged, 4001);
    expect(await stillMarked(stub)).toBe(false);
  });
});
