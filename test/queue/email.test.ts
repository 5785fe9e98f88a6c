import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/db/client";
import { workflowRuns } from "../../worker/db/schema";
import { handleEmailQueue } from "../../worker/email/consumer";
import type { EmailMessage } from "../../worker/email/message";
import { EmailSendError, type EmailTransport, type OutgoingEmail } from "../../worker/email/transport";
import worker from "../../worker/index";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { as, memberIn, signup } from "../helpers/member";
import { createTenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

afterEach(() => vi.restoreAllMocks());

/**
 * What the Worker (a route, or a conversation's Durable Object: they share this isolate and its env)
 * puts on the email queue, recorded instead of queued, so no background consumer sends it first.
 */
function queuedEmails(): EmailMessage[] {
  const queued: EmailMessage[] = [];
  const sent = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendResponse;
  vi.spyOn(env.EMAILS, "send").mockImplementation(async (body) => (queued.push(body as EmailMessage), sent));
  vi.spyOn(env.EMAILS, "sendBatch").mockImplementation(async (batch) => (queued.push(...[...batch].map((m) => m.body as EmailMessage)), sent));
  return queued;
}

/** A transport that keeps what it is given; `failures` first throws that many times. */
function fakeTransport(failures: (Error | null)[] = []): EmailTransport & { sent: OutgoingEmail[]; tries: number } {
  const t = {
    name: "fake",
    sent: [] as OutgoingEmail[],
    tries: 0,
    async send(email: OutgoingEmail) {
      const failure = failures[t.tries++];
      if (failure) throw failure;
      t.sent.push(email);
    },
  };
  return t;
}

/** Runs the email consumer on `messages`, as the Queue would on attempt `attempts`. */
async function consume(messages: EmailMessage[], transport: EmailTransport, attempts = 1, queue = "openbat-email") {
  const batch = createMessageBatch(queue, messages.map((body, i) => ({ id: `e-${i}-${attempts}`, timestamp: new Date(), attempts, body })));
  const retries = batch.messages.map((m) => vi.spyOn(m, "retry"));
  const ctx = createExecutionContext();
  await handleEmailQueue(batch, env, transport);
  const result = await getQueueResult(batch, ctx);
  return { ...result, delays: retries.flatMap((r) => r.mock.calls.map((args) => (args[0] as QueueRetryOptions | undefined)?.delaySeconds)) };
}

async function waitForEmail(queued: EmailMessage[], kind: EmailMessage["kind"]): Promise<EmailMessage> {
  await vi.waitFor(() => {
    if (!queued.some((m) => m.kind === kind)) throw new Error(`no ${kind} email queued yet`);
  });
  return queued.find((m) => m.kind === kind)!;
}

describe("emails a request causes", () => {
  it("sends an invitation with its own link in the plain text and the HTML, after the answer, not the one answered", async () => {
    const owner = await signup("Grace");
    const queued = queuedEmails();
    const invitee = `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}/invitations`, { method: "POST", json: { email: invitee, role: "admin" } });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { link: string } };

    const message = await waitForEmail(queued, "invitation");
    expect(message).toMatchObject({ to: invitee, organizationName: "Grace's org", role: "admin" });
    // The emailed link creates an account; the one answered to whoever invited does not (accounts.test.ts).
    const link = (message as { link: string }).link;
    expect(link).toMatch(/\/accept-invitation\?token=\w+$/);
    expect(link).not.toBe(data.link);
    const transport = fakeTransport();
    const result = await consume([message], transport);
    expect(result.explicitAcks).toEqual(["e-0-1"]);
    const [email] = transport.sent;
    expect(email).toMatchObject({ to: invitee, subject: "You are invited to Grace's org on OpenBat" });
    expect(email!.text).toContain(link);
    expect(email!.html).toContain(`href="${link}"`);
    expect(email!.html).toContain("Grace&#39;s org");
  });

  it("sends a password reset to the account's address with the reset link", async () => {
    const member = await signup("Ada");
    const queued = queuedEmails();
    const res = await call("/api/v1/auth/password-reset", { method: "POST", json: { email: member.email }, headers: { "cf-connecting-ip": "10.77.0.1" } });
    expect(res.status).toBe(202);
    const message = await waitForEmail(queued, "password_reset");
    expect(message.to).toBe(member.email);

    const transport = fakeTransport();
    await consume([message], transport);
    expect(transport.sent[0]!.subject).toBe("Reset your OpenBat password");
    expect(transport.sent[0]!.text).toMatch(/\/reset-password\?token=\w+/);
    expect(transport.sent[0]!.html).toMatch(/href="https:\/\/openbat\.test\/reset-password\?token=\w+"/);
  });

  it("sends the sign-up confirmation link to a new address", async () => {
    const queued = queuedEmails();
    const address = `new-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const res = await call("/api/v1/auth/signup", {
      method: "POST",
      json: { email: address, password: "correct horse battery", name: "Lin", organizationName: "Lin's org" },
      headers: { "cf-connecting-ip": "10.77.0.2" },
    });
    expect(res.status).toBe(202);
    const message = await waitForEmail(queued, "signup_confirm");
    const transport = fakeTransport();
    await consume([message], transport);
    expect(transport.sent[0]).toMatchObject({ to: address, subject: "Confirm your email to create your OpenBat account" });
    expect(transport.sent[0]!.text).toMatch(/\/confirm-signup\?token=\w+/);
  });
});

describe("workflow email alerts", () => {
  async function emailWorkflow(adminKey: string, actions: unknown[]) {
    return call("/api/v1/workflows", {
      method: "POST",
      key: adminKey,
      json: { name: "Churn risk", trigger: "user_message", conditions: [{ field: "flag", op: "detected", value: "churn_risk" }], actions, cooldown: { type: "none" } },
    });
  }

  it("emails every member of the organization when a workflow matches, and the run succeeds once sent", async () => {
    const t = await createTenant();
    const [first, second] = [await memberIn(t.organizationId, "owner"), await memberIn(t.organizationId, "member")];
    const created = await emailWorkflow(t.adminKey, [{ type: "email", to: "members", template: "{{user.email}} wants to cancel: {{message.content}}" }]);
    expect(created.status, await created.clone().text()).toBe(201);

    const queued = queuedEmails();
    await capture(t.ingestKey, { conversationId: "churn-1", messages: [{ role: "user", content: "I want to cancel my subscription, this is not worth it" }], user: { id: "u-1", email: "ada@example.com" } });
    await syncIndex(conversationStub(env, t.chatbotId, "churn-1"));

    const alerts = queued.filter((m) => m.kind === "workflow_alert");
    expect(alerts.map((m) => m.to).sort()).toEqual([first!.email, second!.email].sort());
    const [run] = await createDb(env.DB).select().from(workflowRuns).where(eq(workflowRuns.chatbotId, t.chatbotId));
    expect(run!.status).toBe("pending");

    const transport = fakeTransport();
    await consume(alerts, transport);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[0]!.subject).toBe("OpenBat alert: Churn risk");
    expect(transport.sent[0]!.text).toContain("ada@example.com wants to cancel: I want to cancel my subscription, this is not worth it");
    const [settled] = await createDb(env.DB).select().from(workflowRuns).where(eq(workflowRuns.id, run!.id));
    expect(settled!.status).toBe("success");
  });

  it("emails only the chosen members", async () => {
    const t = await createTenant();
    const chosen = await memberIn(t.organizationId, "admin");
    await memberIn(t.organizationId, "member");
    expect((await emailWorkflow(t.adminKey, [{ type: "email", to: [chosen.memberId], subject: "Someone is leaving" }])).status).toBe(201);
    const queued = queuedEmails();
    await capture(t.ingestKey, { conversationId: "churn-2", messages: [{ role: "user", content: "I want to cancel my subscription, this is not worth it" }] });
    await syncIndex(conversationStub(env, t.chatbotId, "churn-2"));
    expect(queued.map((m) => [m.kind, m.to, "subject" in m ? m.subject : null])).toEqual([["workflow_alert", chosen.email, "Someone is leaving"]]);
  });

  it("refuses an email action naming a member of another organization", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const stranger = await memberIn(other.organizationId, "owner");
    const res = await emailWorkflow(t.adminKey, [{ type: "email", to: [stranger.memberId] }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details).toEqual([{ field: "actions.0.to.0", message: "no such member in this organization" }]);
  });
});

describe("sending failures", () => {
  const reset: EmailMessage = { kind: "password_reset", to: "grace@example.com", link: "https://openbat.test/reset-password?token=abcdefghijklmnopqrstuvwxyz0123456789" };

  it("retries a failed send with a growing delay and sends on a later attempt, never logging the link", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const transport = fakeTransport([new Error("provider unavailable"), new EmailSendError("HTTP 503", false)]);
    const first = await consume([reset], transport, 1);
    expect(first.retryMessages).toEqual([{ msgId: "e-0-1" }]);
    expect(first.delays).toEqual([10]);
    const second = await consume([reset], transport, 2);
    expect(second.delays).toEqual([30]);
    const third = await consume([reset], transport, 3);
    expect(third.explicitAcks).toEqual(["e-0-3"]);
    expect(transport.sent.map((e) => e.to)).toEqual(["grace@example.com"]);

    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain("email not sent, retrying");
    expect(logged).toContain("g***@example.com");
    expect(logged).not.toContain("grace@example.com");
    expect(logged).not.toContain("abcdefghijklmnop");
  });

  it("does not retry what the carrier refuses for good, and marks the workflow run failed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const t = await createTenant();
    const member = await memberIn(t.organizationId, "owner");
    await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "Anything", trigger: "user_message", actions: [{ type: "email", to: "members" }] },
    });
    const queued = queuedEmails();
    await capture(t.ingestKey, { conversationId: "any-1", messages: [{ role: "user", content: "hello" }] });
    await syncIndex(conversationStub(env, t.chatbotId, "any-1"));
    expect(queued.map((m) => m.to)).toEqual([member.email]);

    const result = await consume(queued, fakeTransport([new EmailSendError("HTTP 422: invalid recipient", true)]));
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual(["e-0-1"]);
    const [run] = await createDb(env.DB).select().from(workflowRuns).where(eq(workflowRuns.chatbotId, t.chatbotId));
    expect(run).toMatchObject({ status: "failed" });
    expect(run!.reason).toContain("HTTP 422");
    expect(run!.reason).not.toContain(member.email);
  });

  it("logs an email whose retries ran out (the dead-letter queue) as not sent", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const transport = fakeTransport();
    const result = await consume([reset], transport, 1, "openbat-email-dlq");
    expect(result.explicitAcks).toEqual(["e-0-1"]);
    expect(transport.tries).toBe(0);
    expect(JSON.stringify(error.mock.calls)).toContain("email not sent: retries exhausted");
  });

  it("drops a message that is not an email instead of retrying it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await consume([{ kind: "nonsense" } as unknown as EmailMessage], fakeTransport());
    expect(result.explicitAcks).toEqual(["e-0-1"]);
    expect(result.retryMessages).toEqual([]);
  });

  it("reaches the email consumer through the Worker's queue() for the email queue", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const batch = createMessageBatch("openbat-email", [{ id: "w-1", timestamp: new Date(), attempts: 1, body: reset }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["w-1"]);
    // LOG_EMAILS=true in the tests: the log transport prints the link last.
    expect(info.mock.calls.map((c) => String(c[0]))).toContain(`[email to grace@example.com] Reset your OpenBat password: ${reset.link}`);
  });
});
