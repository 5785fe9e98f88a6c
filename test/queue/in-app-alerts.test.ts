/**
 * Workflow alerts without a webhook (README "Workflows and webhooks"): an in-app action notifies members
 * in the dashboard's notification centre, live on each recipient's notification channel; starter templates
 * default to it.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MemberFrame } from "../../durable-objects/member-frames";
import { createDb } from "../../worker/db/client";
import { workflowRuns } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { as, memberIn, signup } from "../helpers/member";
import { syncIndex } from "../helpers/index-queue";
import { connect } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

interface Inbox {
  items: { kind: string; title: string; body: string | null; chatbotId: string; conversationId: string }[];
  unread: number;
}
const inboxOf = async (member: Parameters<typeof as>[0]) => ((await (await as(member, "/api/v1/notifications")).json()) as { data: Inbox }).data;

/** The member's notification channel, past its hello. */
async function channelOf(member: Parameters<typeof as>[0]) {
  const socket = await connect("/api/v1/notifications/live", { headers: { cookie: member.cookie } });
  await socket.next();
  return socket;
}

const FRUSTRATED = "This is the third time I ask, nobody helps me, this is ridiculous and I am fed up!";

describe("in-app workflow alerts", () => {
  it("a starter template without a destination notifies every owner and admin in the app, live on their channels, not plain members, and the run succeeds", async () => {
    const t = await createTenant();
    const [owner, admin, member] = [await memberIn(t.organizationId, "owner"), await memberIn(t.organizationId, "admin"), await memberIn(t.organizationId, "member")];
    const channels = [await channelOf(owner), await channelOf(admin)];
    const created = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { template: "frustration_escalation" } });
    expect(created.status, await created.clone().text()).toBe(201);
    const workflow = ((await created.json()) as { data: { actions: unknown[] } }).data;
    expect(workflow.actions).toEqual([{ type: "in_app", to: "admins", template: expect.stringContaining("Frustrated user") }]);

    const res = await capture(t.ingestKey, { conversationId: "angry-1", messages: [{ role: "user", content: FRUSTRATED }], user: { id: "u-1", email: "ada@example.com" } });
    const { conversationId } = (await res.json()) as { conversationId: string };
    await syncIndex(conversationStub(env, t.chatbotId, "angry-1"));

    for (const who of [owner, admin]) {
      const inbox = await inboxOf(who);
      expect(inbox.unread).toBe(1);
      expect(inbox.items[0]).toMatchObject({ kind: "workflow", title: "Escalation on frustration", chatbotId: t.chatbotId, conversationId });
      expect(inbox.items[0]!.body).toContain("Frustrated user ada@example.com");
    }
    expect((await inboxOf(member)).unread).toBe(0);
    for (const channel of channels) {
      expect(await channel.next(undefined, 10_000)).toMatchObject({ type: "notification", notification: { kind: "workflow", title: "Escalation on frustration", conversationId } });
      channel.close();
    }
    const [run] = await createDb(env.DB).select().from(workflowRuns).where(eq(workflowRuns.chatbotId, t.chatbotId));
    expect(run).toMatchObject({ status: "success", reason: null });
  });

  it("notifies the members an action names, and delivers it live to their notification channels, not to others'", async () => {
    const t = await createTenant();
    const [chosen, other] = [await memberIn(t.organizationId, "member"), await memberIn(t.organizationId, "admin")];
    const created = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "Churn watch", trigger: "user_message", conditions: [{ field: "flag", op: "detected", value: "churn_risk" }], actions: [{ type: "in_app", to: [chosen.memberId], template: "{{user.email}} may leave" }] },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const [mine, theirs] = [await channelOf(chosen), await channelOf(other)];

    const res = await capture(t.ingestKey, { conversationId: "churn-1", messages: [{ role: "user", content: "I want to cancel my subscription, this is not worth it" }], user: { id: "u-2", email: "bo@example.com" } });
    const { conversationId } = (await res.json()) as { conversationId: string };
    const frame = (await mine.next(undefined, 10_000)) as unknown as MemberFrame;
    expect(frame).toMatchObject({ type: "notification", notification: { kind: "workflow", title: "Churn watch", body: "bo@example.com may leave", chatbotId: t.chatbotId, conversationId, readAt: null } });
    expect((await inboxOf(chosen)).unread).toBe(1);
    expect((await inboxOf(other)).unread).toBe(0);
    // The other member's channel got nothing before its pong.
    theirs.send({ type: "ping" });
    expect(await theirs.next(undefined, 10_000)).toEqual({ type: "pong" });
    mine.close();
    theirs.close();
  });

  it("no longer reaches a member removed from the organization: their notification channel stays open and gets nothing of it", async () => {
    const t = await createTenant();
    const [owner, removed] = [await memberIn(t.organizationId, "owner"), await memberIn(t.organizationId, "member")];
    const created = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "Churn watch", trigger: "user_message", conditions: [{ field: "flag", op: "detected", value: "churn_risk" }], actions: [{ type: "in_app", to: [removed.memberId] }] },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const theirs = await channelOf(removed);
    expect((await as(owner, `/api/v1/organizations/${t.organizationId}/members/${removed.memberId}`, { method: "DELETE" })).status).toBe(204);

    await capture(t.ingestKey, { conversationId: "churn-gone", messages: [{ role: "user", content: "I want to cancel my subscription, this is not worth it" }] });
    await syncIndex(conversationStub(env, t.chatbotId, "churn-gone"));
    // The run read who is still in the organization when it fired: nobody it names.
    await expect
      .poll(async () => (await createDb(env.DB).select().from(workflowRuns).where(eq(workflowRuns.chatbotId, t.chatbotId)))[0], { timeout: 10_000 })
      .toMatchObject({ status: "skipped", reason: "no usable destination and no member left to tell" });
    // The channel is the member's, across their organizations: open, and nothing came before its pong.
    theirs.send({ type: "ping" });
    expect(await theirs.next(undefined, 10_000)).toEqual({ type: "pong" });
    expect((await inboxOf(removed)).items).toEqual([]);
    theirs.close();
  }, 20_000);

  it("refuses an in-app action naming a member of another organization with 400 naming the member", async () => {
    const t = await createTenant();
    const stranger = await signup("Stranger");
    const res = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "Wrong people", trigger: "user_message", actions: [{ type: "in_app", to: [stranger.memberId] }] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([{ field: "actions.0.to.0", message: "no such member in this organization" }]);
  });

  it("refuses an in-app action with an unknown audience with the 400 envelope", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { name: "Everyone", trigger: "user_message", actions: [{ type: "in_app", to: "everyone" }] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("invalid_request");
  });
});
