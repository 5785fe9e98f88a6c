/**
 * A chatbot's live feed opened with a member session does not outlive it (README "Live feed", Security): log-out
 * closes that session's feed sockets, a password reset all the member's, removal from the organization theirs
 * on its chatbots, and an expired session's socket is closed at the next frame instead of being sent to — all
 * with 4001. Key viewers and other sessions stay.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { ChatbotLive, FeedFrame } from "../../durable-objects/chatbot-live";
import { createDb } from "../../worker/db/client";
import { endOrganizationFeeds, endSessionSockets } from "../../worker/services/session-sockets";
import { call } from "../helpers/http";
import { anotherSession, as, chatbotOf, emailedLink, memberIn, signup, type Member } from "../helpers/member";
import { connect, type TestSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

const feedOf = (chatbotId: string) => env.CHATBOT_LIVE.get(env.CHATBOT_LIVE.idFromName(chatbotId)) as DurableObjectStub<ChatbotLive>;

/** A feed socket past its hello: a member's (cookie) or a key's. */
async function feed(chatbotId: string, who: Pick<Member, "cookie"> | { key: string }): Promise<TestSocket> {
  const socket = "key" in who ? await connect("/api/v1/live-feed", { key: who.key }) : await connect(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: who.cookie } });
  expect(((await socket.next()) as unknown as FeedFrame).type).toBe("hello");
  return socket;
}

/** The socket answers a ping: it is open and still sent to. */
async function stillOpen(socket: TestSocket): Promise<void> {
  socket.send({ type: "ping" });
  expect(((await socket.next(undefined, 10_000)) as unknown as FeedFrame | { type: "pong" }).type).toBe("pong");
}

async function closedWith4001(socket: TestSocket, reason?: string): Promise<void> {
  await expect(socket.next(undefined, 10_000)).rejects.toThrow(/socket closed/);
  expect(socket.closeCode).toBe(4001);
  if (reason !== undefined) expect(socket.closeReason).toBe(reason);
}

describe("a live feed opened with a member session", () => {
  it("closes with 4001 when that session logs out, also after hibernation, while the member's other session and a read key's feed stay open", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "admin");
    const other = await anotherSession(member);
    const [leaving, staying, keyViewer] = [await feed(t.chatbotId, member), await feed(t.chatbotId, other), await feed(t.chatbotId, { key: t.readKey })];
    await evictDurableObject(feedOf(t.chatbotId));
    expect((await as(member, "/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await closedWith4001(leaving, "session ended");
    await stillOpen(staying);
    await stillOpen(keyViewer);
    staying.close();
    keyViewer.close();
  });

  it("closes every feed socket of the member, on each chatbot of their organization, with 4001 when a password reset ends all their sessions", async () => {
    const member = await signup("Reset");
    const [first, second] = [await chatbotOf(member, "First"), await chatbotOf(member, "Second")];
    const sockets = [await feed(first.chatbotId, member), await feed(second.chatbotId, await anotherSession(member))];
    const { link } = await emailedLink(member.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: member.email } }));
    const confirmed = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token: link.searchParams.get("token"), password: "a brand new password" } });
    expect(confirmed.status).toBe(200);
    for (const socket of sockets) await closedWith4001(socket);
  });

  it("closes the feed of a member removed from the organization with 4001 and the reason 'removed from the organization', and not the owner's who removed them", async () => {
    const t = await createTenant();
    const owner = await memberIn(t.organizationId, "owner");
    const removed = await memberIn(t.organizationId, "member");
    const [theirs, ownersFeed] = [await feed(t.chatbotId, removed), await feed(t.chatbotId, owner)];
    expect((await as(owner, `/api/v1/organizations/${t.organizationId}/members/${removed.memberId}`, { method: "DELETE" })).status).toBe(204);
    await closedWith4001(theirs, "removed from the organization");
    // The reason is not "session ended": the removed member's session lives on.
    expect((await as(removed, "/api/v1/auth/session")).status).toBe(200);
    await stillOpen(ownersFeed);
    ownersFeed.close();
  });

  it("closes the feed of a member who leaves the organization with 4001 and the reason 'left the organization'", async () => {
    const t = await createTenant();
    const leaver = await memberIn(t.organizationId, "member");
    const theirs = await feed(t.chatbotId, leaver);
    expect((await as(leaver, `/api/v1/organizations/${t.organizationId}/members/${leaver.memberId}`, { method: "DELETE" })).status).toBe(204);
    await closedWith4001(theirs, "left the organization");
  });

  it("closes, instead of sending the batch to, a socket whose session has expired; a key's viewer gets the batch", async () => {
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "member");
    const [expiring, keyViewer] = [await feed(t.chatbotId, member), await feed(t.chatbotId, { key: t.readKey })];
    const stub = feedOf(t.chatbotId);
    // The session's expiry as the member's socket remembers it, moved to the past (no waiting on a clock).
    await runInDurableObject(stub, (_live: ChatbotLive, state) => {
      for (const ws of state.getWebSockets()) {
        const attachment = ws.deserializeAttachment() as { session?: { expiresAt: number } };
        if (attachment.session) ws.serializeAttachment({ ...attachment, session: { ...attachment.session, expiresAt: Date.now() - 1 } });
      }
    });
    await stub.publish([{ type: "conversation", conversationId: "c1", externalId: "expired-1", status: "started" }]);
    expect((await keyViewer.next(undefined, 10_000)) as unknown as FeedFrame).toMatchObject({ type: "batch", events: [{ externalId: "expired-1" }] });
    await closedWith4001(expiring);
    expect(expiring.frames.map((f) => f.type)).toEqual(["hello"]);
    keyViewer.close();
  });

  it("ignores session headers a client sends: a key's viewer names no session, so no member's session closes it", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live-feed", {
      key: t.readKey,
      headers: { "x-openbat-session-member": "mem_forged", "x-openbat-session-id": "ses_forged", "x-openbat-session-expires": "0" },
    });
    expect(((await socket.next()) as unknown as FeedFrame).type).toBe("hello");
    expect(await feedOf(t.chatbotId).endSessions("mem_forged")).toBe(0);
    await stillOpen(socket);
    socket.close();
  });

  it("never fails log-out, reset or removal when closing fails, and logs it", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const t = await createTenant();
      const member = await memberIn(t.organizationId, "member");
      const unreachable = () => Promise.reject(new Error("object unreachable"));
      const broken = {
        CHATBOT_LIVE: { idFromName: () => ({}), get: () => ({ endSessions: unreachable }) } as unknown as Env["CHATBOT_LIVE"],
        MEMBER_CHANNEL: { idFromName: () => ({}), get: () => ({ endSessions: unreachable }) } as unknown as Env["MEMBER_CHANNEL"],
      };
      const db = createDb(env.DB);
      await expect(endSessionSockets(broken, db, member.memberId, "ses_x")).resolves.toBeUndefined();
      await expect(endOrganizationFeeds(broken, db, t.organizationId, member.memberId, "removed")).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith("closing a member's live feed failed", { memberId: member.memberId, chatbotId: t.chatbotId, error: "Error: object unreachable" });
      expect(error).toHaveBeenCalledWith("closing a session's notification sockets failed", { memberId: member.memberId, error: "Error: object unreachable" });
    } finally {
      error.mockRestore();
    }
  });
});
