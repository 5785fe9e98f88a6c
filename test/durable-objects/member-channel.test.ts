/**
 * A member's notification channel (README "Notifications"): GET /api/v1/notifications/live, one Durable
 * Object per member. Who may open it, what it sends, that each member's sockets get only their own
 * notifications, that it survives hibernation, and that sockets close when their session ends.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { MemberChannel } from "../../durable-objects/member-channel";
import type { MemberFrame, NotificationView } from "../../durable-objects/member-frames";
import { LIMITS } from "../../durable-objects/protocol";
import { channelOf, pushNotifications } from "../../worker/notifications/channel";
import { BASE, call, type ErrorBody } from "../helpers/http";
import { anotherSession, as, emailedLink, memberIn, signup, type Member } from "../helpers/member";
import { connect, openSocket, type TestSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

const LIVE = "/api/v1/notifications/live";

/** The member's channel, past its hello. */
async function channel(member: Pick<Member, "cookie">): Promise<TestSocket> {
  const socket = await connect(LIVE, { headers: { cookie: member.cookie } });
  expect((await socket.next()) as unknown as MemberFrame).toEqual({ type: "hello" });
  return socket;
}

const nextFrame = async (socket: TestSocket) => (await socket.next(undefined, 10_000)) as unknown as MemberFrame;

let counter = 0;
const notification = (title: string): NotificationView => ({
  id: `ntf_test${++counter}`,
  kind: "workflow",
  title,
  body: null,
  chatbotId: null,
  conversationId: null,
  createdAt: Date.now(),
  readAt: null,
});

describe("the member's notification channel", () => {
  it("answers 401 with the error envelope without a session, 403 to an API key and to a cross-site page, and 426 to a plain GET", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "owner");
    const anonymous = await openSocket(LIVE);
    expect(anonymous.socket).toBeNull();
    expect(anonymous.response.status).toBe(401);
    expect(((await anonymous.response.json()) as ErrorBody).error).toMatchObject({ code: "unauthorized", requestId: expect.any(String) });
    expect((await openSocket(LIVE, { key: t.readKey })).response.status).toBe(403);
    const crossSite = await openSocket(LIVE, { headers: { cookie: member.cookie, origin: "https://evil.example" } });
    expect(crossSite.response.status).toBe(403);
    expect(((await crossSite.response.json()) as ErrorBody).error.code).toBe("forbidden");
    expect((await openSocket(LIVE, { headers: { cookie: member.cookie, origin: "null" } })).response.status).toBe(403);
    const plain = await as(member, LIVE);
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as ErrorBody).error.code).toBe("upgrade_required");
  });

  it("opens from the dashboard's own origin with hello, and answers a ping with pong", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "member");
    const socket = await connect(LIVE, { headers: { cookie: member.cookie, origin: BASE } });
    expect(await nextFrame(socket)).toEqual({ type: "hello" });
    socket.send({ type: "ping" });
    expect(await nextFrame(socket)).toEqual({ type: "pong" });
    socket.close();
  });

  it("answers a ping however it is spaced and whatever fields sit beside its type", async () => {
    const t = await createTenant();
    const socket = await channel(await memberIn(t.organizationId, "member"));
    socket.send('{ "type": "ping" }');
    expect(await nextFrame(socket)).toEqual({ type: "pong" });
    socket.send({ type: "ping", id: 1 });
    expect(await nextFrame(socket)).toEqual({ type: "pong" });
    socket.close();
  });

  it("answers a frame that is not a ping with an error frame, as the live feed does, and stays open", async () => {
    const t = await createTenant();
    const socket = await channel(await memberIn(t.organizationId, "member"));
    socket.send("{not json");
    expect(await nextFrame(socket)).toEqual({ type: "error", code: "invalid_json", message: "frame is not valid JSON" });
    socket.send({ type: "subscribe" });
    expect(await nextFrame(socket)).toEqual({
      type: "error",
      code: "invalid_frame",
      message: 'type: Invalid input: expected "ping"',
      details: [{ field: "type", message: 'Invalid input: expected "ping"' }],
    });
    socket.send({});
    expect(await nextFrame(socket)).toMatchObject({ code: "invalid_frame", message: "type: required", details: [{ field: "type", message: "required" }] });
    socket.ws.send(new Uint8Array([1, 2, 3]));
    expect(await nextFrame(socket)).toMatchObject({ code: "invalid_frame", message: "binary frames are not supported; send JSON text" });
    socket.send({ type: "ping", padding: "x".repeat(LIMITS.frameBytes) });
    expect(await nextFrame(socket)).toMatchObject({ code: "payload_too_large", message: `frames are limited to ${LIMITS.frameBytes} bytes` });
    socket.send({ type: "ping" });
    expect(await nextFrame(socket)).toEqual({ type: "pong" });
    expect(socket.closed).toBe(false);
    socket.close();
  });

  it("pushes each member's notifications to every socket of theirs and to no other member's", async () => {
    const t = await createTenant();
    const [ada, bo] = [await memberIn(t.organizationId, "admin"), await memberIn(t.organizationId, "member")];
    const [adaTab1, adaTab2, boTab] = [await channel(ada), await channel(await anotherSession(ada)), await channel(bo)];
    const forAda = [notification("for Ada 1"), notification("for Ada 2")];
    const forBo = notification("for Bo");
    await pushNotifications(env, [
      { memberId: ada.memberId, notification: forAda[0]! },
      { memberId: bo.memberId, notification: forBo },
      { memberId: ada.memberId, notification: forAda[1]! },
    ]);
    for (const tab of [adaTab1, adaTab2]) {
      expect(await nextFrame(tab)).toEqual({ type: "notification", notification: forAda[0] });
      expect(await nextFrame(tab)).toEqual({ type: "notification", notification: forAda[1] });
    }
    expect(await nextFrame(boTab)).toEqual({ type: "notification", notification: forBo });
    // Bo's next frame is the pong: nothing of Ada's came before it.
    boTab.send({ type: "ping" });
    expect(await nextFrame(boTab)).toEqual({ type: "pong" });
    for (const tab of [adaTab1, adaTab2, boTab]) tab.close();
  });

  it("keeps its sockets and their sessions across hibernation", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "member");
    const socket = await channel(member);
    await evictDurableObject(channelOf(env, member.memberId));
    const after = notification("after a nap");
    expect(await channelOf(env, member.memberId).notify([after])).toBe(1);
    expect(await nextFrame(socket)).toEqual({ type: "notification", notification: after });
    socket.close();
  });

  it("never fails the caller when a push fails, and logs it", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const broken = { idFromName: () => ({}), get: () => ({ notify: () => Promise.reject(new Error("channel unreachable")) }) } as unknown as Env["MEMBER_CHANNEL"];
      await expect(pushNotifications({ MEMBER_CHANNEL: broken }, [{ memberId: "mem_x", notification: notification("lost push") }])).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith("notification push failed", { memberId: "mem_x", error: "Error: channel unreachable" });
    } finally {
      error.mockRestore();
    }
  });

  it("closes the sockets of a session that logs out with 4001, and keeps the member's other sessions", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "admin");
    const other = await anotherSession(member);
    const [leaving, staying] = [await channel(member), await channel(other)];
    expect((await as(member, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await expect(leaving.next(undefined, 10_000)).rejects.toThrow(/socket closed/);
    expect(leaving.closeCode).toBe(4001);
    staying.send({ type: "ping" });
    expect(await nextFrame(staying)).toEqual({ type: "pong" });
    staying.close();
  });

  it("closes every socket of the member with 4001 when a password reset ends all their sessions", async () => {
    const member = await signup("Reset");
    const tabs = [await channel(member), await channel(await anotherSession(member))];
    const { link } = await emailedLink(member.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: member.email } }));
    const confirmed = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token: link.searchParams.get("token"), password: "a brand new password" } });
    expect(confirmed.status).toBe(200);
    for (const tab of tabs) {
      await expect(tab.next(undefined, 10_000)).rejects.toThrow(/socket closed/);
      expect(tab.closeCode).toBe(4001);
    }
  });

  it("closes, instead of sending to, a socket whose session has expired", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "member");
    const socket = await channel(member);
    const stub = channelOf(env, member.memberId);
    // The session's expiry as the socket remembers it, moved to the past (no waiting on a clock).
    await runInDurableObject(stub, (_i: MemberChannel, state) => {
      for (const ws of state.getWebSockets()) ws.serializeAttachment({ ...(ws.deserializeAttachment() as object), expiresAt: Date.now() - 1 });
    });
    expect(await stub.notify([notification("too late")])).toBe(0);
    await expect(socket.next(undefined, 10_000)).rejects.toThrow(/socket closed/);
    expect(socket.closeCode).toBe(4001);
    expect(socket.frames).toHaveLength(1);
  });

  it("ignores session headers a client sends: the Worker names the session itself", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "member");
    const socket = await connect(LIVE, { headers: { cookie: member.cookie, "x-openbat-session-id": "ses_forged", "x-openbat-session-expires": "0" } });
    expect(await nextFrame(socket)).toEqual({ type: "hello" });
    const pushed = notification("still mine");
    expect(await channelOf(env, member.memberId).notify([pushed])).toBe(1);
    expect(await nextFrame(socket)).toEqual({ type: "notification", notification: pushed });
    socket.close();
  });
});

// The 401 path through the app's own fetch, without the WebSocket helper: the envelope as any client sees it.
describe("GET /api/v1/notifications/live without an upgrade", () => {
  it("answers 401 before anything else when there is no session", async () => {
    const res = await call(LIVE);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe("unauthorized");
  });
});
