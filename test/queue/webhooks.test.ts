import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { createDb } from "../../worker/db/client";
import { deliveries, deliveryAttempts, webhookDestinations, workflowRuns } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const db = () => createDb(env.DB);
const CHURN = "I want to cancel my subscription, this is not worth it";

/** Outbound HTTP answered by `statuses` in turn (the last one repeats). */
function receiver(...statuses: (number | { status: number; headers?: Record<string, string> })[]) {
  let n = 0;
  const mock = mockOutbound(() => {
    const next = statuses[Math.min(n++, statuses.length - 1)]!;
    const { status, headers } = typeof next === "number" ? { status: next, headers: {} } : next;
    return new Response(status === 204 ? null : `answer ${n}`, { status, headers });
  }, PUBLIC_DNS);
  restore = mock.restore;
  return mock.received;
}

async function destination(t: Tenant, url = "https://hooks.example.com/openbat", kind = "custom") {
  const res = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "Ops", kind, url } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: string; secret: string } }).data;
}

async function workflow(t: Tenant, body: Record<string, unknown>) {
  const res = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data;
}

/** Captures user messages into one conversation and runs its analysis (and so its workflows). */
async function say(t: Tenant, conversationId: string, ...contents: string[]) {
  await capture(t.ingestKey, {
    conversationId,
    messages: contents.map((content) => ({ role: "user", content })),
    user: { id: "u-1", email: "ada@example.com", plan: "enterprise", mrr: 300 },
    organization: { id: "o-1", name: "Analytical Engines", plan: "enterprise", mrr: 5000 },
  });
  await syncIndex(conversationStub(env, t.chatbotId, conversationId));
}

async function deliveriesOf(chatbotId: string) {
  return db().select().from(deliveries).where(eq(deliveries.chatbotId, chatbotId));
}

/** Runs the webhooks consumer on one delivery, as the Queue would on attempt `attempts`. */
async function consume(deliveryId: string, attempts = 1, queue = "openbat-webhooks") {
  const batch = createMessageBatch(queue, [{ id: `q-${deliveryId}-${attempts}`, timestamp: new Date(), attempts, body: { deliveryId } }]);
  // The test harness records that a message was retried but not the delay asked for: spy on it.
  const retry = vi.spyOn(batch.messages[0]!, "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  const delays = retry.mock.calls.map((args) => (args[0] as QueueRetryOptions | undefined)?.delaySeconds);
  return { ...result, delays };
}

async function runOf(chatbotId: string) {
  return db().select().from(workflowRuns).where(eq(workflowRuns.chatbotId, chatbotId));
}

describe("webhook destinations", () => {
  it("shows the signing secret once and never lists it", async () => {
    receiver(200);
    const t = await createTenant();
    const created = await destination(t);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await (await call("/api/v1/webhooks", { key: t.readKey })).text();
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.secret);
    const stored = await db().select().from(webhookDestinations).where(eq(webhookDestinations.id, created.id)).get();
    expect(stored?.secretCiphertext).not.toContain(created.secret.slice(6));
  });

  for (const url of [
    "http://hooks.example.com/x",
    "https://127.0.0.1/x",
    "https://localhost/x",
    "https://10.1.2.3/x",
    "https://192.168.0.10/x",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/x",
    "https://[fd00:ec2::254]/x",
    "https://printer.local/x",
    "https://private.example.com/x",
    "https://user:pass@hooks.example.com/x",
    // The same refused addresses in other spellings (the URL parser turns the mapped ones into hex).
    "https://[::ffff:a9fe:a9fe]/latest/meta-data",
    "https://[::ffff:169.254.169.254]/latest/meta-data",
    "https://[::ffff:10.0.0.1]/x",
    "https://[0:0:0:0:0:ffff:c0a8:0001]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://[64:ff9b::a9fe:a9fe]/x",
    "https://[2002:a9fe:a9fe::]/x",
    "https://0x7f.1/x",
    "https://2130706433/x",
    "https://mapped.example.com/x",
  ]) {
    it(`refuses ${url}`, async () => {
      restore = mockOutbound(() => new Response("no"), { ...PUBLIC_DNS, "private.example.com": ["10.0.0.7"], "mapped.example.com": ["::ffff:a9fe:a9fe"] }).restore;
      const t = await createTenant();
      const res = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "x", url } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("url");
    });
  }

  it("refuses to delete a destination a workflow still posts to, naming the workflows, and deletes it once none does", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const other = await destination(t);
    const alert = await workflow(t, { name: "Churn alert", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }, { destinationId: d.id }] });
    // An inactive workflow counts too: turned on again, it would post to nothing.
    const paused = await workflow(t, { name: "Paused", trigger: "user_message", status: "inactive", actions: [{ destinationId: d.id, template: "hi" }] });
    await workflow(t, { name: "Elsewhere", trigger: "user_message", actions: [{ destinationId: other.id }] });
    const remove = () => call(`/api/v1/webhooks/${d.id}`, { method: "DELETE", key: t.adminKey });

    const refused = await remove();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({
      code: "conflict",
      message: `webhook destination "Ops" is used by 2 workflows: "Churn alert" (${alert.id}), "Paused" (${paused.id}); remove it from their actions, or delete them, first`,
    });
    expect((await call(`/api/v1/webhooks/${d.id}`, { key: t.adminKey })).status).toBe(200);

    await call(`/api/v1/workflows/${paused.id}`, { method: "DELETE", key: t.adminKey });
    const once = await remove();
    expect(((await once.json()) as ErrorBody).error.message).toBe(
      `webhook destination "Ops" is used by 1 workflow: "Churn alert" (${alert.id}); remove it from its actions, or delete it, first`,
    );
    const patched = await call(`/api/v1/workflows/${alert.id}`, { method: "PATCH", key: t.adminKey, json: { actions: [{ type: "in_app", to: "admins" }] } });
    expect(patched.status).toBe(200);
    expect((await remove()).status).toBe(204);
    expect((await call(`/api/v1/webhooks/${d.id}`, { key: t.adminKey })).status).toBe(404);
  });

  it("test-sends a signed sample and reports the receiver's answer", async () => {
    const received = receiver(202);
    const t = await createTenant();
    const d = await destination(t);
    const res = await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({ ok: true, status: 202, response: "answer 1" });
    expect(() => new Webhook(d.secret).verify(received[0]!.body, received[0]!.headers)).not.toThrow();
  });
});

describe("a test-send to a chat", () => {
  it("escapes the destination's name as a delivery escapes its text, so a test cannot ping anyone", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const named = async (name: string, kind: string, url: string) => {
      const res = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name, kind, url } });
      return ((await res.json()) as { data: { id: string } }).data;
    };
    const slack = await named("<!channel> <http://a|b>", "slack", "https://hooks.example.com/slack");
    const discord = await named("@everyone <@123> **x**", "discord", "https://other.example.com/discord");
    for (const d of [slack, discord]) expect((await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey })).status).toBe(200);
    expect(JSON.parse(received.find((r) => r.url.endsWith("/slack"))!.body)).toEqual({
      text: 'Test from OpenBat: your destination "&lt;!channel&gt; &lt;http://a|b&gt;" is wired up.',
    });
    expect(JSON.parse(received.find((r) => r.url.endsWith("/discord"))!.body)).toEqual({
      content: 'Test from OpenBat: your destination "@\u200beveryone \\<@\u200b123\\> \\*\\*x\\*\\*" is wired up.',
      allowed_mentions: { parse: [] },
    });
  });
});

describe("changing a destination", () => {
  it("reads one destination without its secret and changes its name, kind and URL", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const read = await call(`/api/v1/webhooks/${d.id}`, { key: t.readKey });
    expect(read.status).toBe(200);
    const text = await read.text();
    // A read key sees where it goes, not the URL itself (a Slack or Discord URL is a credential); an admin key sees it all.
    expect(JSON.parse(text).data).toMatchObject({ id: d.id, name: "Ops", kind: "custom", url: "https://hooks.example.com/…", previousSecretExpiresAt: null });
    expect(text).not.toContain(d.secret);
    expect(text).not.toContain("/openbat");
    const listed = (await (await call("/api/v1/webhooks", { key: t.readKey })).json()) as { data: { url: string }[] };
    expect(listed.data.map((x) => x.url)).toEqual(["https://hooks.example.com/…"]);
    expect(((await (await call(`/api/v1/webhooks/${d.id}`, { key: t.adminKey })).json()) as { data: { url: string } }).data.url).toBe("https://hooks.example.com/openbat");
    const res = await call(`/api/v1/webhooks/${d.id}`, { method: "PATCH", key: t.adminKey, json: { name: "Sales", kind: "slack", url: "https://other.example.com/hook" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({ id: d.id, name: "Sales", kind: "slack", url: "https://other.example.com/hook" });
    expect(((await (await call(`/api/v1/webhooks/${d.id}`, { key: t.readKey })).json()) as { data: { name: string } }).data.name).toBe("Sales");
  });

  it("refuses a changed URL the address check refuses, naming the field, and keeps the old one", async () => {
    restore = mockOutbound(() => new Response("ok"), { ...PUBLIC_DNS, "private.example.com": ["10.0.0.7"] }).restore;
    const t = await createTenant();
    const d = await destination(t);
    const res = await call(`/api/v1/webhooks/${d.id}`, { method: "PATCH", key: t.adminKey, json: { url: "https://private.example.com/x" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("url");
    const bad = await call(`/api/v1/webhooks/${d.id}`, { method: "PATCH", key: t.adminKey, json: { kind: "teams" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("kind");
    expect(((await (await call(`/api/v1/webhooks/${d.id}`, { key: t.adminKey })).json()) as { data: { url: string } }).data.url).toBe("https://hooks.example.com/openbat");
  });

  it("rotates the signing secret: shown once, both secrets sign during the overlap, only the new one after it", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const before = Date.now();
    const res = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, json: { overlapSeconds: 3600 } });
    expect(res.status).toBe(200);
    const rotated = ((await res.json()) as { data: { secret: string; secretPrefix: string; previousSecretExpiresAt: number } }).data;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(d.secret);
    expect(rotated.secretPrefix).toBe(rotated.secret.slice(0, 12));
    expect(rotated.previousSecretExpiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    const stored = await db().select().from(webhookDestinations).where(eq(webhookDestinations.id, d.id)).get();
    expect(stored?.previousSecretCiphertext).toMatch(/^v1\./);
    expect(stored?.previousSecretCiphertext).not.toContain(d.secret.slice(6));
    expect(await (await call(`/api/v1/webhooks/${d.id}`, { key: t.readKey })).text()).not.toContain(rotated.secret);

    await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    const during = received[0]!;
    expect(during.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(during.body, during.headers)).not.toThrow();
    expect(() => new Webhook(d.secret).verify(during.body, during.headers)).not.toThrow();

    // The window has passed: the old secret no longer signs.
    await db().update(webhookDestinations).set({ previousSecretExpiresAt: Date.now() - 1 }).where(eq(webhookDestinations.id, d.id));
    await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    const after = received[1]!;
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(after.body, after.headers)).not.toThrow();
    expect(() => new Webhook(d.secret).verify(after.body, after.headers)).toThrow();
    expect(((await (await call(`/api/v1/webhooks/${d.id}`, { key: t.readKey })).json()) as { data: { previousSecretExpiresAt: unknown } }).data.previousSecretExpiresAt).toBeNull();
  });

  it("rotates with a day's overlap when no body is sent, and with none when asked for 0", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const res = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey });
    const first = ((await res.json()) as { data: { secret: string; previousSecretExpiresAt: number } }).data;
    expect(first.previousSecretExpiresAt - Date.now()).toBeGreaterThan(86_000_000);
    const second = ((await (await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, json: { overlapSeconds: 0 } })).json()) as {
      data: { secret: string; previousSecretExpiresAt: unknown };
    }).data;
    expect(second.previousSecretExpiresAt).toBeNull();
    await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    expect(() => new Webhook(second.secret).verify(received[0]!.body, received[0]!.headers)).not.toThrow();
    expect(() => new Webhook(first.secret).verify(received[0]!.body, received[0]!.headers)).toThrow();
    // curl -X POST through wrangler dev arrives with an empty body stream, not a null body: still no body.
    const emptyStream = new ReadableStream({ start: (controller) => controller.close() });
    const third = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, body: emptyStream });
    expect(third.status).toBe(200);
    expect(((await third.json()) as { data: { previousSecretExpiresAt: number } }).data.previousSecretExpiresAt - Date.now()).toBeGreaterThan(86_000_000);
    const notJson = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, body: "overlapSeconds=0" });
    expect(notJson.status).toBe(415);
    const bad = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, json: { overlapSeconds: 700_000 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("overlapSeconds");
  });

  it("signs a queued delivery with both secrets during the overlap", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    const rotated = ((await (await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, json: {} })).json()) as { data: { secret: string } }).data;
    await say(t, "c-rotated", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id);
    expect(() => new Webhook(d.secret).verify(received[0]!.body, received[0]!.headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(received[0]!.body, received[0]!.headers)).not.toThrow();
  });
});

describe("workflow delivery", () => {
  it("delivers exactly one signed webhook per action of a matching workflow", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const ops = await destination(t);
    const sales = await destination(t, "https://other.example.com/hook");
    const wf = await workflow(t, {
      name: "Churn watch",
      trigger: "user_message",
      conditions: [{ field: "flag", op: "detected", value: "churn_risk" }],
      actions: [{ destinationId: ops.id, template: "{{user.email}} may churn ({{flag}})" }, { destinationId: sales.id }],
    });
    await say(t, "c-match", CHURN);
    const sent = await deliveriesOf(t.chatbotId);
    expect(sent).toHaveLength(2);
    for (const d of sent) expect((await consume(d.id)).explicitAcks).toEqual([`q-${d.id}-1`]);

    expect(received.map((r) => r.url).sort()).toEqual(["https://hooks.example.com/openbat", "https://other.example.com/hook"]);
    const toOps = received.find((r) => r.url.startsWith("https://hooks"))!;
    const verified = new Webhook(ops.secret).verify(toOps.body, toOps.headers) as Record<string, any>;
    expect(verified).toMatchObject({
      type: "workflow.triggered",
      workflow: { id: wf.id, name: "Churn watch" },
      message: { role: "user", content: CHURN },
      user: { email: "ada@example.com", plan: "enterprise", mrr: 300 },
      organization: { name: "Analytical Engines", mrr: 5000 },
      text: "ada@example.com may churn (churn_risk)",
    });
    expect(verified.analysis.flags.map((f: { slug: string }) => f.slug)).toContain("churn_risk");
    const [run] = await runOf(t.chatbotId);
    expect(run?.status).toBe("success");
  });

  it("delivers two actions to the same destination as two webhooks, each with its own text and webhook-id", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const ops = await destination(t);
    await workflow(t, {
      name: "Twice",
      trigger: "user_message",
      conditions: [{ field: "flag", op: "detected", value: "churn_risk" }],
      actions: [
        { destinationId: ops.id, template: "FIRST {{flag}}" },
        { destinationId: ops.id, template: "SECOND {{flag}}" },
      ],
    });
    await say(t, "c-twice", CHURN);
    const sent = await deliveriesOf(t.chatbotId);
    expect(sent).toHaveLength(2);
    for (const d of sent) await consume(d.id);
    const texts = received.map((r) => (new Webhook(ops.secret).verify(r.body, r.headers) as { text: string }).text);
    expect(texts.sort()).toEqual(["FIRST churn_risk", "SECOND churn_risk"]);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(2);
  });

  it("matches nothing and sends nothing when the conditions do not hold", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", conditions: [{ field: "flag", op: "detected", value: "churn_risk" }], actions: [{ destinationId: d.id }] });
    await say(t, "c-quiet", "Thanks, the export works great!");
    expect(await deliveriesOf(t.chatbotId)).toEqual([]);
    expect(await runOf(t.chatbotId)).toEqual([]);
  });

  it("retries a 500 and delivers once on the 200 that follows, with the same webhook-id", async () => {
    const received = receiver(500, 200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-retry", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    const first = await consume(delivery!.id, 1);
    expect(first.retryMessages).toEqual([{ msgId: `q-${delivery!.id}-1` }]);
    expect(first.delays[0]).toBeGreaterThanOrEqual(8); // 10 s ± 20 % jitter
    expect(first.delays[0]).toBeLessThanOrEqual(12);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("triggered");
    const second = await consume(delivery!.id, 2);
    expect(second.explicitAcks).toHaveLength(1);
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["webhook-id"]).toBe(delivery!.id);
    expect(received[1]!.headers["webhook-id"]).toBe(delivery!.id);
    const attempts = await db().select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, delivery!.id)).orderBy(deliveryAttempts.attempt);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.response])).toEqual([
      [1, 500, "answer 1"],
      [2, 200, "answer 2"],
    ]);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("success");
    // A late copy of the message (at-least-once) sends nothing more.
    await consume(delivery!.id, 3);
    expect(received).toHaveLength(2);
  });

  it("honours Retry-After when it asks for longer than the backoff", async () => {
    receiver({ status: 429, headers: { "retry-after": "600" } });
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-429", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    expect((await consume(delivery!.id, 1)).delays).toEqual([600]);
  });

  it("fails at once on a 400", async () => {
    const received = receiver(400);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-400", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    const result = await consume(delivery!.id, 1);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect((await runOf(t.chatbotId))[0]).toMatchObject({ status: "failed", reason: "permanent error: HTTP 400" });
  });

  it("disables the destination on a 410", async () => {
    receiver(410);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-410", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id, 1);
    const stored = await db().select().from(webhookDestinations).where(eq(webhookDestinations.id, d.id)).get();
    expect(stored).toMatchObject({ status: "disabled", disabledReason: "the receiver answered 410 Gone" });
    // Later matches are recorded as skipped, with the reason.
    await say(t, "c-410-later", "hello again");
    const later = (await runOf(t.chatbotId)).find((r) => r.status === "skipped");
    expect(later?.reason).toBe("every destination of this workflow is disabled or deleted");
  });

  it("ends failed through the dead-letter queue once retries are exhausted", async () => {
    receiver(503);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-dlq", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    expect((await consume(delivery!.id, 1)).retryMessages).toHaveLength(1);
    const dead = await consume(delivery!.id, 1, "openbat-webhooks-dlq");
    expect(dead.explicitAcks).toHaveLength(1);
    expect((await runOf(t.chatbotId))[0]).toMatchObject({ status: "failed", reason: "retries exhausted (dead-letter queue)" });
  });

  it("gives up by itself on its last attempt", async () => {
    receiver(503);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-last", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    const result = await consume(delivery!.id, 11);
    expect(result.retryMessages).toEqual([]);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("failed");
  });

  it("drops a delivery whose workflow is deleted while it is being sent: acknowledged, not retried, said at info level and not as an error", async () => {
    const t = await createTenant();
    // The workflow is deleted (its runs and deliveries with it) while the receiver is answering.
    let deleteWorkflow = async () => {};
    const mock = mockOutbound(async () => {
      await deleteWorkflow();
      return new Response("ok", { status: 200 });
    }, PUBLIC_DNS);
    restore = mock.restore;
    const d = await destination(t);
    const wf = await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    deleteWorkflow = async () => expect((await call(`/api/v1/workflows/${wf.id}`, { method: "DELETE", key: t.adminKey })).status).toBe(204);
    await say(t, "c-deleted-mid-send", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    const error = vi.spyOn(console, "error");
    const info = vi.spyOn(console, "info");
    try {
      const result = await consume(delivery!.id, 1);
      expect(result.explicitAcks).toEqual([`q-${delivery!.id}-1`]);
      expect(result.retryMessages).toEqual([]);
      expect(error).not.toHaveBeenCalled();
      expect(info).toHaveBeenCalledWith("webhook delivery dropped: its workflow was deleted while it was being sent", { deliveryId: delivery!.id, workflowId: wf.id, destinationId: d.id });
      // A copy of the message that arrives later finds nothing to send, and says so the same quiet way.
      const late = await consume(delivery!.id, 2);
      expect(late.explicitAcks).toHaveLength(1);
      expect(info).toHaveBeenLastCalledWith("webhook delivery dropped: it was deleted (with its workflow, destination, conversation or chatbot) before it was sent", { deliveryId: delivery!.id });
      expect(mock.received).toHaveLength(1);
      expect(error).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      info.mockRestore();
    }
  });

  it("retries after 30 s, logging an error, when recording an attempt fails on our side while the delivery still exists", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-d1-down", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    // D1 refuses the transaction that records the attempt; every other query still answers.
    const DB = new Proxy(env.DB, {
      get: (target, name) => (name === "batch" ? () => Promise.reject(new Error("D1_ERROR: storage unavailable")) : (Reflect.get(target, name) as unknown as () => unknown).bind?.(target) ?? Reflect.get(target, name)),
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const batch = createMessageBatch("openbat-webhooks", [{ id: "q-d1-down", timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } }]);
      const retry = vi.spyOn(batch.messages[0]!, "retry");
      await worker.queue(batch, { ...env, DB });
      const result = await getQueueResult(batch, createExecutionContext());
      expect(result.explicitAcks).toEqual([]);
      expect(retry.mock.calls).toEqual([[{ delaySeconds: 30 }]]);
      expect(error).toHaveBeenCalledWith("delivery failed on our side", { deliveryId: delivery!.id, error: "Error: D1_ERROR: storage unavailable" });
      expect((await deliveriesOf(t.chatbotId))[0]?.status).toBe("pending");
    } finally {
      error.mockRestore();
    }
  });

  it("lets a person retry a failed run", async () => {
    const received = receiver(400, 200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-manual", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id, 1);
    const [run] = await runOf(t.chatbotId);
    const before = Date.now();
    const retried = await call(`/api/v1/workflows/runs/${run!.id}/retry`, { method: "POST", key: t.adminKey });
    const answer = ((await retried.json()) as { data: { status: string; requeued: number; updatedAt: number } }).data;
    expect(answer).toMatchObject({ status: "pending", requeued: 1 });
    // The answer is the run as it now stands, its update time the retry's.
    expect(answer.updatedAt).toBeGreaterThanOrEqual(before);
    await consume(delivery!.id, 1);
    expect(received).toHaveLength(2);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("success");
    // The manual retry sends the same webhook-id, so a receiver that saw the first copy can deduplicate.
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
  });

  it("keeps a retried run failed while its destination is disabled, and delivers it once the destination is enabled", async () => {
    const received = receiver(410, 200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-disabled-retry", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id, 1);
    const [run] = await runOf(t.chatbotId);
    const retry = () => call(`/api/v1/workflows/runs/${run!.id}/retry`, { method: "POST", key: t.adminKey });
    expect(((await (await retry()).json()) as { data: { requeued: number } }).data.requeued).toBe(1);
    await consume(delivery!.id, 1);
    expect(received).toHaveLength(1);
    expect((await runOf(t.chatbotId))[0]).toMatchObject({ status: "failed", reason: "destination Ops is disabled: enable it, then retry the run" });
    expect((await call(`/api/v1/webhooks/${d.id}/enable`, { method: "POST", key: t.adminKey })).status).toBe(200);
    expect((await retry()).status).toBe(200);
    await consume(delivery!.id, 1);
    expect(received).toHaveLength(2);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("success");
  });

  it("answers 409 to a retry with nothing to send again, and leaves the run failed", async () => {
    receiver(400);
    const t = await createTenant();
    const d = await destination(t);
    const wf = await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-gone", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id, 1);
    // Deleting the destination (once the workflow no longer posts to it) takes its deliveries with it: the failed
    // run has none left to send.
    await call(`/api/v1/workflows/${wf.id}`, { method: "PATCH", key: t.adminKey, json: { actions: [{ type: "in_app", to: "admins" }] } });
    expect((await call(`/api/v1/webhooks/${d.id}`, { method: "DELETE", key: t.adminKey })).status).toBe(204);
    const [run] = await runOf(t.chatbotId);
    const retried = await call(`/api/v1/workflows/runs/${run!.id}/retry`, { method: "POST", key: t.adminKey });
    expect(retried.status).toBe(409);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("failed");
  });

  it("answers one run with its deliveries and every attempt", async () => {
    receiver(500, 200);
    const t = await createTenant();
    const d = await destination(t);
    const wf = await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-one-run", "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    await consume(delivery!.id, 1);
    await consume(delivery!.id, 2);
    const [run] = await runOf(t.chatbotId);
    const res = await call(`/api/v1/workflows/runs/${run!.id}`, { key: t.readKey });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown> & { deliveries: Record<string, unknown>[] } };
    expect(body.data).toMatchObject({ id: run!.id, workflowId: wf.id, status: "success" });
    expect(body.data.deliveries).toEqual([
      expect.objectContaining({
        id: delivery!.id,
        destinationId: d.id,
        status: "success",
        attempts: [expect.objectContaining({ attempt: 1, statusCode: 500 }), expect.objectContaining({ attempt: 2, statusCode: 200 })],
      }),
    ]);
    expect(body.data.deliveries[0]).not.toHaveProperty("payload");
  });

  it("fires once per conversation by default and records later matches as skipped, saying why", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, "c-cool", "first", "second");
    const runs = (await runOf(t.chatbotId)).sort((a, b) => (a.messageSeq ?? 0) - (b.messageSeq ?? 0));
    expect(runs.map((r) => r.status)).toEqual(["pending", "skipped"]);
    expect(runs[1]?.reason).toBe("cooldown: already fired in this conversation");
    expect(await deliveriesOf(t.chatbotId)).toHaveLength(1);
    // Another conversation is not cooled down.
    await say(t, "c-cool-2", "third");
    expect((await runOf(t.chatbotId)).filter((r) => r.status === "pending")).toHaveLength(2);
  });

  it("fires on every match with cooldown none", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", cooldown: { type: "none" }, actions: [{ destinationId: d.id }] });
    await say(t, "c-nocool", "first", "second");
    expect(await deliveriesOf(t.chatbotId)).toHaveLength(2);
  });

  it("sends Slack and Discord their native message shapes", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const slack = await destination(t, "https://hooks.example.com/slack", "slack");
    const discord = await destination(t, "https://other.example.com/discord", "discord");
    await workflow(t, {
      name: "x",
      trigger: "user_message",
      actions: [{ destinationId: slack.id, template: "Churn: {{user.email}}" }, { destinationId: discord.id, template: "Churn: {{user.email}}" }],
    });
    await say(t, "c-chat", CHURN);
    for (const delivery of await deliveriesOf(t.chatbotId)) await consume(delivery.id);
    expect(JSON.parse(received.find((r) => r.url.endsWith("/slack"))!.body)).toEqual({ text: "Churn: ada@example.com" });
    expect(JSON.parse(received.find((r) => r.url.endsWith("/discord"))!.body)).toMatchObject({ content: "Churn: ada@example.com" });
  });

  it("escapes end-user content in Slack and Discord text so it cannot ping a channel or disguise a link", async () => {
    const received = receiver(200);
    const t = await createTenant();
    const slack = await destination(t, "https://hooks.example.com/slack", "slack");
    const discord = await destination(t, "https://other.example.com/discord", "discord");
    const attack = "<!channel> @everyone pay <https://evil.example|your invoice> or [docs](https://evil.example) <@123> <#456> & more";
    // The template's own markup (the admin's) is kept; only the filled-in values are escaped.
    const template = "<!here> said: {{message.content}}";
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: slack.id, template }, { destinationId: discord.id, template }] });
    await say(t, "c-escape", attack);
    for (const delivery of await deliveriesOf(t.chatbotId)) await consume(delivery.id);
    expect(JSON.parse(received.find((r) => r.url.endsWith("/slack"))!.body)).toEqual({
      text: "<!here> said: &lt;!channel&gt; @everyone pay &lt;https://evil.example|your invoice&gt; or [docs](https://evil.example) &lt;@123&gt; &lt;#456&gt; &amp; more",
    });
    expect(JSON.parse(received.find((r) => r.url.endsWith("/discord"))!.body)).toEqual({
      content:
        "<!here> said: \\<!channel\\> @\u200beveryone pay \\<https://evil.example\\|your invoice\\> or \\[docs\\]\\(https://evil.example\\) \\<@\u200b123\\> \\<\\#456\\> & more",
      allowed_mentions: { parse: [] },
    });
  });

  it("runs conversation_ended workflows on the conversation's resolution", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    await workflow(t, {
      name: "Unresolved",
      trigger: "conversation_ended",
      conditions: [{ field: "resolution", op: "=", value: "unresolved" }],
      actions: [{ destinationId: d.id }],
    });
    await say(t, "c-end", "This is broken and nobody helps me!");
    await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "c-end" } });
    await syncIndex(conversationStub(env, t.chatbotId, "c-end"));
    const [delivery] = await deliveriesOf(t.chatbotId);
    expect(JSON.parse(delivery!.payload)).toMatchObject({ message: null, conversation: { externalId: "c-end", resolution: "unresolved" } });
  });
});

describe("the address check before every send", () => {
  /** A receiver that answers `reply`, with DNS the test may change after the destination is saved. */
  function changingDns(reply: () => Response = () => new Response("ok")) {
    const dns: Record<string, string[] | "unavailable"> = { ...PUBLIC_DNS };
    const mock = mockOutbound(reply, dns);
    restore = mock.restore;
    return { dns, received: mock.received };
  }

  async function pendingDelivery(t: Tenant, conversationId: string) {
    const d = await destination(t);
    await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(t, conversationId, "hello");
    const [delivery] = await deliveriesOf(t.chatbotId);
    return { destinationId: d.id, deliveryId: delivery!.id };
  }

  for (const [answer, range] of [
    ["10.0.0.7", "private"],
    ["::ffff:a9fe:a9fe", "link-local (cloud metadata), as IPv4-mapped 169.254.169.254"],
  ] as const) {
    it(`refuses at send a name that has come to resolve to ${answer} since it was saved, sending nothing and failing the run`, async () => {
      const { dns, received } = changingDns();
      const t = await createTenant();
      const { deliveryId } = await pendingDelivery(t, `c-rebind-${answer}`);
      dns["hooks.example.com"] = [answer];
      const result = await consume(deliveryId, 1);
      expect(result.retryMessages).toEqual([]);
      expect(result.explicitAcks).toHaveLength(1);
      expect(received).toEqual([]);
      const reason = `url: hooks.example.com resolves to ${answer}, a non-public address (${range})`;
      const [attempt] = await db().select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, deliveryId));
      expect(attempt).toMatchObject({ statusCode: null, response: reason });
      expect((await runOf(t.chatbotId))[0]).toMatchObject({ status: "failed", reason: `destination refused: ${reason}` });
    });
  }

  it("refuses a test-send to a name that has come to resolve to a private address", async () => {
    const { dns, received } = changingDns();
    const t = await createTenant();
    const d = await destination(t);
    dns["hooks.example.com"] = ["::ffff:10.0.0.1"];
    const res = await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({ ok: false, status: null, response: expect.stringContaining("non-public address (private") });
    expect(received).toEqual([]);
  });

  it("retries, rather than fails, a send whose name the resolver cannot look up right now", async () => {
    const { dns, received } = changingDns();
    const t = await createTenant();
    const { deliveryId } = await pendingDelivery(t, "c-resolver-down");
    dns["hooks.example.com"] = "unavailable";
    const result = await consume(deliveryId, 1);
    expect(result.retryMessages).toHaveLength(1);
    expect(received).toEqual([]);
    expect((await runOf(t.chatbotId))[0]?.status).toBe("triggered");
  });

  it("never follows a redirect: one request, asked with redirect manual, and the run fails at once saying where it pointed", async () => {
    const { received } = changingDns(() => new Response("moved", { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } }));
    const t = await createTenant();
    const { deliveryId } = await pendingDelivery(t, "c-redirect");
    const result = await consume(deliveryId, 1);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(received.map((r) => [r.url, r.redirect])).toEqual([["https://hooks.example.com/openbat", "manual"]]);
    const reason = "HTTP 302 redirect to http://169.254.169.254/latest/meta-data not followed (webhooks never follow redirects)";
    const [attempt] = await db().select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, deliveryId));
    expect(attempt).toMatchObject({ statusCode: 302, response: `${reason}; answer: moved` });
    expect((await runOf(t.chatbotId))[0]).toMatchObject({ status: "failed", reason });
  });

  it("reports a redirect on test-send as not ok, with where it pointed", async () => {
    const { received } = changingDns(() => new Response(null, { status: 307, headers: { location: "https://[::ffff:a9fe:a9fe]/" } }));
    const t = await createTenant();
    const d = await destination(t);
    const res = await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey });
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      ok: false,
      status: 307,
      response: "HTTP 307 redirect to https://[::ffff:a9fe:a9fe]/ not followed (webhooks never follow redirects)",
    });
    expect(received).toHaveLength(1);
  });
});

describe("workflows API", () => {
  it("creates a workflow from a starter template with its runs listed", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const templates = (await (await call("/api/v1/workflows/templates", { key: t.readKey })).json()) as { data: { slug: string }[] };
    expect(templates.data.map((x) => x.slug)).toHaveLength(6);
    const wf = await workflow(t, { template: "churn_risk_high_mrr", destinationId: d.id });
    await say(t, "c-template", CHURN);
    const runs = (await (await call(`/api/v1/workflows/${wf.id}/runs`, { key: t.readKey })).json()) as {
      data: { id: string; conversationExternalId: string | null; status: string; deliveries: { status: string; attempts: unknown[] }[] }[];
    };
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]?.deliveries).toHaveLength(1);
    // The conversation by the id the integrator gave it, as every other page names it; the run alone says the same.
    expect(runs.data[0]?.conversationExternalId).toBe("c-template");
    const one = (await (await call(`/api/v1/workflows/runs/${runs.data[0]!.id}`, { key: t.readKey })).json()) as { data: { conversationExternalId: string | null } };
    expect(one.data.conversationExternalId).toBe("c-template");
  });

  it("keeps the starter a workflow came from, and refuses a template that names no starter, in full or in a change", async () => {
    const t = await createTenant();
    const made = await workflow(t, { template: "buying_signal_to_sales" });
    expect(made).toMatchObject({ template: "buying_signal_to_sales" });
    const full = { name: "x", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }] };
    const invented = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { ...full, template: "whatever-I-want" } });
    expect(invented.status).toBe(400);
    expect(((await invented.json()) as ErrorBody).error.details?.[0]?.field).toBe("template");
    const patch = (json: unknown) => call(`/api/v1/workflows/${made.id}`, { method: "PATCH", key: t.adminKey, json });
    const relabelled = await patch({ template: "no_such_template_at_all" });
    expect(relabelled.status).toBe(400);
    expect(((await relabelled.json()) as ErrorBody).error.details?.[0]?.field).toBe("template");
    const renamed = await patch({ name: "Leads" });
    expect(((await renamed.json()) as { data: { name: string; template: string } }).data).toMatchObject({ name: "Leads", template: "buying_signal_to_sales" });
  });

  it("disables and re-enables a workflow", async () => {
    receiver(200);
    const t = await createTenant();
    const d = await destination(t);
    const wf = await workflow(t, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await call(`/api/v1/workflows/${wf.id}`, { method: "PATCH", key: t.adminKey, json: { status: "inactive" } });
    await say(t, "c-off", "hello");
    expect(await runOf(t.chatbotId)).toEqual([]);
  });

  it("answers 400 naming the field for an unknown operator or a foreign destination", async () => {
    receiver(200);
    const t = await createTenant();
    const other = await createTenant();
    const theirs = await destination(other);
    const badOp = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "x", trigger: "user_message", conditions: [{ field: "user_mrr", op: "=", value: 5 }], actions: [{ destinationId: theirs.id }] },
    });
    expect(badOp.status).toBe(400);
    expect(((await badOp.json()) as ErrorBody).error.details?.[0]?.field).toBe("conditions.0.op");
    const foreign = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "x", trigger: "user_message", actions: [{ destinationId: theirs.id }] },
    });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as ErrorBody).error.details?.[0]?.field).toBe("actions.0.destinationId");
    // From a template the destination is the body's own field, and the refusal names it so.
    const fromTemplate = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { template: "hallucination_flag", destinationId: theirs.id } });
    expect(fromTemplate.status).toBe(400);
    const body = (await fromTemplate.json()) as ErrorBody;
    expect(body.error.details?.[0]?.field).toBe("destinationId");
    expect(body.error.message).toBe("destinationId: no such webhook destination");
  });

  it("refuses a flag or behaviour the chatbot does not have, naming the condition, and takes its own custom ones", async () => {
    const t = await createTenant();
    const inApp = [{ type: "in_app", to: "admins" }];
    const post = (conditions: unknown[]) => call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { name: "x", trigger: "any_message", conditions, actions: inApp } });
    const misspelt = await post([{ field: "user_plan", op: "=", value: "pro" }, { field: "flag", op: "detected", value: "churn_rsik" }]);
    expect(misspelt.status).toBe(400);
    const { error } = (await misspelt.json()) as ErrorBody;
    expect(error.details?.[0]?.field).toBe("conditions.1.value");
    expect(error.message).toMatch(/^conditions\.1\.value: the chatbot has no flag "churn_rsik" \(its flags: churn_risk, /);
    expect((await post([{ field: "behaviour", op: "=", value: "halucinating" }])).status).toBe(400);
    // Intents and topics stay open: suggestions and discovered topics name new ones.
    expect((await post([{ field: "intent", op: "=", value: "export_contacts" }])).status).toBe(201);

    const custom = { customFlags: [{ slug: "refund_demand", name: "Refund demand", description: "asks for money back" }], customBehaviours: [{ slug: "upsell", name: "Upsell", description: "offers a bigger plan" }] };
    expect((await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: custom })).status).toBe(200);
    const made = await post([{ field: "flag", op: "detected", value: "refund_demand" }, { field: "behaviour", op: "!=", value: "upsell" }]);
    expect(made.status).toBe(201);
    // A change of conditions is checked too; a change of anything else is not held up by them.
    const { data } = (await made.json()) as { data: { id: string } };
    const patch = (json: unknown) => call(`/api/v1/workflows/${data.id}`, { method: "PATCH", key: t.adminKey, json });
    expect((await patch({ conditions: [{ field: "flag", op: "detected", value: "nope" }] })).status).toBe(400);
    expect((await patch({ name: "renamed" })).status).toBe(200);
  });

  it("answers 404 for another tenant's workflows, runs and destinations", async () => {
    receiver(400);
    const mine = await createTenant();
    const theirs = await createTenant();
    const d = await destination(theirs);
    const wf = await workflow(theirs, { name: "x", trigger: "user_message", actions: [{ destinationId: d.id }] });
    await say(theirs, "c-theirs", "hello");
    const [delivery] = await deliveriesOf(theirs.chatbotId);
    await consume(delivery!.id);
    const [run] = await runOf(theirs.chatbotId);
    for (const [method, path] of [
      ["GET", `/api/v1/workflows/${wf.id}`],
      ["PATCH", `/api/v1/workflows/${wf.id}`],
      ["DELETE", `/api/v1/workflows/${wf.id}`],
      ["GET", `/api/v1/workflows/${wf.id}/runs`],
      ["POST", `/api/v1/workflows/runs/${run!.id}/retry`],
      ["GET", `/api/v1/workflows/runs/${run!.id}`],
      ["GET", `/api/v1/webhooks/${d.id}`],
      ["PATCH", `/api/v1/webhooks/${d.id}`],
      ["POST", `/api/v1/webhooks/${d.id}/rotate`],
      ["DELETE", `/api/v1/webhooks/${d.id}`],
      ["POST", `/api/v1/webhooks/${d.id}/test`],
      ["POST", `/api/v1/webhooks/${d.id}/enable`],
    ] as const) {
      const res = await call(path, { method, key: mine.adminKey, json: method === "PATCH" ? { name: "mine now" } : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it("lets a read key look but not change", async () => {
    const t = await createTenant();
    expect((await call("/api/v1/workflows", { key: t.readKey })).status).toBe(200);
    expect((await call("/api/v1/webhooks", { method: "POST", key: t.readKey, json: { name: "x", url: "https://hooks.example.com" } })).status).toBe(403);
    receiver(200);
    const d = await destination(t);
    expect((await call(`/api/v1/webhooks/${d.id}`, { method: "PATCH", key: t.readKey, json: { name: "y" } })).status).toBe(403);
    expect((await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.readKey, json: {} })).status).toBe(403);
  });
});
