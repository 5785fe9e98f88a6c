/**
 * The contract: one real request to every operation of the generated OpenAPI document (both mounts of the
 * chatbot routes), its answer's status among the documented ones and its body valid against the
 * documented schema for that status (JSON Schema 2020-12, Ajv, with the document's components). An
 * operation added without a request here fails the test until it gets one.
 */
import { env } from "cloudflare:workers";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { createDb } from "../../worker/db/client";
import { annotations, conversations, deliveries, workflowRuns } from "../../worker/db/schema";
import { openApiDocument } from "../../worker/openapi/document";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture } from "../helpers/http";
import { as, emailedLink, memberIn, signup, type Member } from "../helpers/member";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { syncIndex } from "../helpers/index-queue";

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Json }> }>;
}
const doc = openApiDocument(app) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json>; responses: Record<string, Json> } };
const db = () => createDb(env.DB);

/** Validates against the document's own schemas: components are reachable as `#/components/...` from each. */
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
const validatorFor = (schema: Json) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));

interface World {
  owner: Member;
  orgId: string;
  chatbotId: string;
  ingestKey: string;
  conversationId: string;
  externalId: string;
  destinationId: string;
  workflowId: string;
  runId: string;
  reportId: string;
}
let w: World;

/** A fresh admin or read key per request, so the matrix never meets a per-key rate limit. */
const freshKey = async (kind: "admin" | "read" | "ingest") => (await createKey(db(), { organizationId: w.orgId, chatbotId: w.chatbotId, kind, name: kind })).secret;
const freshDestination = async () =>
  ((await (await call("/api/v1/webhooks", { method: "POST", key: await freshKey("admin"), json: { name: "d", url: "https://hooks.example.com/x" } })).json()) as { data: { id: string } }).data.id;
const dataId = async (res: Response) => ((await res.json()) as { data: { id: string } }).data.id;

const PHRASES = ["how do I export contacts", "reset my password please", "change the widget colours", "where is the api key", "turn on dark mode"];

/** Candidates of a suggested intent, seeded as the analyzer stores them (3 messages over 2 conversations); its slug. */
async function seedSuggestion(label: string): Promise<string> {
  const phrase = PHRASES.shift()!;
  const base = { organizationId: w.orgId, chatbotId: w.chatbotId };
  const convs = [0, 1].map((i) => `${w.chatbotId}_${label}_${i}`);
  await db().insert(conversations).values(convs.map((id) => ({ ...base, id, externalId: id, createdAt: 1_000 })));
  await db().insert(annotations).values(
    [0, 1, 2].map((i) => ({
      ...base,
      id: `ann_${label}_${i}_${crypto.randomUUID().slice(0, 8)}`,
      conversationId: convs[i % 2]!,
      messageSeq: i + 1,
      kind: "intent" as const,
      label,
      chunk: `${phrase} (${i})`,
      confidence: 0.1,
      status: "pending" as const,
      analyzer: "embedded",
      analyzerVersion: "test",
      createdAt: 1_000 + i,
    })),
  );
  const listed = (await (await call("/api/v1/analysis/suggestions?limit=100", { key: await freshKey("read") })).json()) as { data: { slug: string; example: string | null }[] };
  return listed.data.find((s) => s.example?.startsWith(phrase))!.slug;
}

interface Request {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  key?: string;
  member?: Member | null;
  headers?: Record<string, string>;
}

/** Parameters every route names the same way, from the shared world. */
const common = () => ({ chatbotId: w.chatbotId, orgId: w.orgId, runId: w.runId, conversationId: w.externalId, name: "intent" });

/** What to send to each operation (by path below the mount, so both mounts share it) beyond its credential. */
const SAMPLES: Record<string, () => Promise<Request>> = {
  "GET /health": async () => ({}),
  "GET /api/v1/openapi.json": async () => ({}),
  "GET /api/docs": async () => ({}),
  "POST /mcp": async () => ({
    key: await freshKey("read"),
    headers: { accept: "application/json, text/event-stream" },
    body: { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "contract", version: "1" } } },
  }),
  "POST /api/v1/capture": async () => ({ key: w.ingestKey, body: { conversationId: "contract-capture", messages: [{ id: "m-1", role: "user", content: "hello there" }] } }),
  "POST /api/v1/capture/end": async () => ({ key: w.ingestKey, body: { conversationId: w.externalId } }),
  "POST /api/v1/conversation-tokens": async () => ({ key: w.ingestKey, body: { conversationId: "contract-token" } }),
  // A plain GET is told to upgrade: a real answer of its own (the socket itself is tested in test/durable-objects).
  "GET /api/v1/live": async () => ({ key: w.ingestKey }),
  "GET /api/v1/live/{conversationId}": async () => ({ key: w.ingestKey }),
  "GET /live-feed": async () => ({}),
  "POST /api/v1/auth/signup": async () => ({ body: { email: `contract-${crypto.randomUUID().slice(0, 8)}@example.com`, password: "a long enough password", name: "C", organizationName: "C org" } }),
  "POST /api/v1/auth/signup/confirm": async () => {
    const email = `contract-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { link } = await emailedLink(email, () => call("/api/v1/auth/signup", { method: "POST", json: { email, password: "a long enough password", name: "C", organizationName: "C org" } }));
    return { body: { token: link.searchParams.get("token") } };
  },
  "POST /api/v1/auth/login": async () => {
    const m = await signup("Login");
    return { body: { email: m.email, password: m.password } };
  },
  "POST /api/v1/auth/logout": async () => ({ member: await memberIn(w.orgId, "member") }),
  "GET /api/v1/auth/session": async () => ({}),
  "POST /api/v1/auth/switch": async () => ({ body: { organizationId: w.orgId } }),
  "POST /api/v1/auth/password": async () => {
    // A member of its own: the change ends every session of the member, and the others here use the owner's.
    const m = await signup("Password");
    return { member: m, body: { currentPassword: m.password, password: "a brand new password" } };
  },
  "PATCH /api/v1/auth/me": async () => ({ body: { name: "Ada Contract" } }),
  "POST /api/v1/auth/password-reset": async () => ({ body: { email: "nobody@example.com" } }),
  "POST /api/v1/auth/password-reset/confirm": async () => {
    const m = await signup("Reset");
    const { link } = await emailedLink(m.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: m.email } }));
    return { body: { token: link.searchParams.get("token"), password: "a brand new password" } };
  },
  "GET /api/v1/auth/invitations/accept": async () => {
    const email = `look-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { link } = await emailedLink(email, () => as(w.owner, `/api/v1/organizations/${w.orgId}/invitations`, { method: "POST", json: { email } }));
    return { member: null, query: `?token=${link.searchParams.get("token")}` };
  },
  "POST /api/v1/auth/invitations/accept": async () => {
    const email = `inv-${crypto.randomUUID().slice(0, 8)}@example.com`;
    // The emailed link: the one that creates an account.
    const { link } = await emailedLink(email, () => as(w.owner, `/api/v1/organizations/${w.orgId}/invitations`, { method: "POST", json: { email } }));
    return { member: null, body: { token: link.searchParams.get("token"), name: "Invitee", password: "a long enough password" } };
  },
  "GET /api/v1/organizations": async () => ({}),
  "POST /api/v1/organizations": async () => ({ member: await memberIn(w.orgId, "owner"), body: { name: "Another org" } }),
  "PATCH /api/v1/organizations/{orgId}": async () => ({ body: { name: "Renamed" } }),
  "DELETE /api/v1/organizations/{orgId}": async () => {
    const m = await signup("Doomed");
    return { member: m, params: { orgId: m.organizationId } };
  },
  "GET /api/v1/organizations/{orgId}/members": async () => ({}),
  "PATCH /api/v1/organizations/{orgId}/members/{memberId}": async () => ({ params: { memberId: (await memberIn(w.orgId, "member")).memberId }, body: { role: "admin" } }),
  "DELETE /api/v1/organizations/{orgId}/members/{memberId}": async () => ({ params: { memberId: (await memberIn(w.orgId, "member")).memberId } }),
  "GET /api/v1/organizations/{orgId}/invitations": async () => ({}),
  "POST /api/v1/organizations/{orgId}/invitations": async () => ({ body: { email: `later-${crypto.randomUUID().slice(0, 8)}@example.com` } }),
  "DELETE /api/v1/organizations/{orgId}/invitations/{id}": async () => ({
    params: { id: await dataId(await as(w.owner, `/api/v1/organizations/${w.orgId}/invitations`, { method: "POST", json: { email: `revoked-${crypto.randomUUID().slice(0, 8)}@example.com` } })) },
  }),
  "GET /api/v1/organizations/{orgId}/chatbots": async () => ({}),
  "POST /api/v1/organizations/{orgId}/chatbots": async () => ({ body: { name: "Second bot" } }),
  "PATCH /api/v1/organizations/{orgId}/chatbots/{chatbotId}": async () => ({ body: { idleTimeoutMinutes: 45 } }),
  "DELETE /api/v1/organizations/{orgId}/chatbots/{chatbotId}": async () => ({
    params: { chatbotId: await dataId(await as(w.owner, `/api/v1/organizations/${w.orgId}/chatbots`, { method: "POST", json: { name: "Doomed bot" } })) },
  }),
  "GET /conversations": async () => ({}),
  "GET /conversations/{id}": async () => ({ params: { id: w.conversationId } }),
  "GET /conversations/{id}/triage": async () => ({ params: { id: w.conversationId } }),
  "PATCH /conversations/{id}/triage": async () => ({ params: { id: w.conversationId }, body: { status: "needs_review", assigneeId: (await memberIn(w.orgId, "admin")).memberId } }),
  "GET /conversations/{id}/notes": async () => ({ params: { id: w.conversationId } }),
  "POST /conversations/{id}/notes": async () => ({ params: { id: w.conversationId }, body: { body: "Called them back." } }),
  "GET /conversations/{id}/activity": async () => ({ params: { id: w.conversationId } }),
  "PUT /conversations/{id}/labels/{labelId}": async () => ({ params: { id: w.conversationId, labelId: await freshLabel() } }),
  "DELETE /conversations/{id}/labels/{labelId}": async () => {
    const labelId = await freshLabel();
    await call(`/api/v1/conversations/${w.conversationId}/labels/${labelId}`, { method: "PUT", key: await freshKey("admin") });
    return { params: { id: w.conversationId, labelId } };
  },
  "GET /labels": async () => ({}),
  "POST /labels": async () => ({ body: { name: `Label ${crypto.randomUUID().slice(0, 8)}`, color: "teal" } }),
  "PATCH /labels/{id}": async () => ({ params: { id: await freshLabel() }, body: { color: "orange" } }),
  "DELETE /labels/{id}": async () => ({ params: { id: await freshLabel() } }),
  "GET /api/v1/notifications": async () => ({ member: await notifiedMember() }),
  // A plain GET with a session is told to upgrade (the channel itself: test/durable-objects/member-channel.test.ts).
  "GET /api/v1/notifications/live": async () => ({ member: await memberIn(w.orgId, "member") }),
  "POST /api/v1/notifications/read-all": async () => ({ member: await notifiedMember() }),
  "POST /api/v1/notifications/{id}/read": async () => {
    const member = await notifiedMember();
    const { data } = (await (await as(member, "/api/v1/notifications")).json()) as { data: { items: { id: string }[] } };
    return { member, params: { id: data.items[0]!.id } };
  },
  "GET /search": async () => ({ query: "?q=hello" }),
  "GET /keys": async () => ({}),
  "POST /keys": async () => ({ body: { kind: "read", name: "contract" } }),
  "POST /keys/{id}/rotate": async () => ({ params: { id: (await createKey(db(), { organizationId: w.orgId, chatbotId: w.chatbotId, kind: "read", name: "r" })).key.id } }),
  "DELETE /keys/{id}": async () => ({ params: { id: (await createKey(db(), { organizationId: w.orgId, chatbotId: w.chatbotId, kind: "read", name: "r" })).key.id } }),
  "GET /analysis/config": async () => ({}),
  "PATCH /analysis/config": async () => ({ body: { topics: true } }),
  "POST /analysis/config/prompts/{name}/revert": async () => ({}),
  "GET /analysis/suggestions": async () => ({}),
  "POST /analysis/suggestions/reject": async () => ({ body: { slugs: ["nothing_here"] } }),
  "POST /analysis/suggestions/{slug}/approve": async () => {
    const slug = await seedSuggestion(`approve_${crypto.randomUUID().slice(0, 6)}`);
    return { params: { slug }, body: { name: "Approved", description: "an approved intent" } };
  },
  "POST /analysis/suggestions/{slug}/reject": async () => {
    const slug = await seedSuggestion(`reject_${crypto.randomUUID().slice(0, 6)}`);
    return { params: { slug } };
  },
  "GET /webhooks": async () => ({}),
  "POST /webhooks": async () => ({ body: { name: "New", url: "https://hooks.example.com/new" } }),
  "GET /webhooks/{id}": async () => ({ params: { id: w.destinationId } }),
  "PATCH /webhooks/{id}": async () => ({ params: { id: w.destinationId }, body: { name: "Renamed" } }),
  "DELETE /webhooks/{id}": async () => ({ params: { id: await freshDestination() } }),
  "POST /webhooks/{id}/rotate": async () => ({ params: { id: await freshDestination() }, body: { overlapSeconds: 60 } }),
  "POST /webhooks/{id}/enable": async () => ({ params: { id: w.destinationId } }),
  "POST /webhooks/{id}/test": async () => ({ params: { id: w.destinationId } }),
  "GET /workflows": async () => ({}),
  "GET /workflows/templates": async () => ({}),
  "POST /workflows": async () => ({ body: { template: "hallucination_flag", destinationId: w.destinationId } }),
  "GET /workflows/runs/{runId}": async () => ({}),
  "POST /workflows/runs/{runId}/retry": async () => ({ params: { runId: await failedRun() } }),
  "GET /workflows/{id}": async () => ({ params: { id: w.workflowId } }),
  "PATCH /workflows/{id}": async () => ({ params: { id: w.workflowId }, body: { name: "Renamed workflow" } }),
  "DELETE /workflows/{id}": async () => ({
    params: { id: await dataId(await call("/api/v1/workflows", { method: "POST", key: await freshKey("admin"), json: { template: "buying_signal_to_sales", destinationId: w.destinationId } })) },
  }),
  "GET /workflows/{id}/runs": async () => ({ params: { id: w.workflowId } }),
  "GET /reports": async () => ({}),
  "POST /reports": async () => ({ body: { name: "Weekly" } }),
  "GET /reports/{id}": async () => ({ params: { id: w.reportId } }),
  "PATCH /reports/{id}": async () => ({ params: { id: w.reportId }, body: { rangeDays: 14 } }),
  "DELETE /reports/{id}": async () => ({ params: { id: await dataId(await call("/api/v1/reports", { method: "POST", key: await freshKey("admin"), json: { name: "Doomed" } })) } }),
  "POST /reports/{id}/duplicate": async () => ({ params: { id: w.reportId }, body: {} }),
  "GET /reports/{id}/data": async () => ({ params: { id: w.reportId } }),
  "GET /analytics/overview": async () => ({}),
  "GET /analytics/sentiment": async () => ({}),
  "GET /analytics/conversations": async () => ({}),
  "GET /analytics/users": async () => ({}),
  "GET /analytics/organizations": async () => ({}),
  "GET /analytics/insights": async () => ({}),
  "GET /analytics/mrr-at-risk": async () => ({}),
  "GET /analytics/attention": async () => ({}),
  "GET /analytics/users/{userId}": async () => ({ params: { userId: "contract-user" } }),
  "GET /analytics/organizations/{clientOrgId}": async () => ({ params: { clientOrgId: "contract-org" } }),
  "GET /analytics/assistant": async () => ({}),
  "GET /exports/conversations": async () => ({}),
  "GET /exports/users": async () => ({ query: "?format=json" }),
  "GET /exports/organizations": async () => ({}),
  "GET /exports/conversations/{id}": async () => ({ params: { id: w.conversationId }, query: "?format=json" }),
};

async function freshLabel(): Promise<string> {
  return dataId(await call("/api/v1/labels", { method: "POST", key: await freshKey("admin"), json: { name: `Label ${crypto.randomUUID().slice(0, 8)}`, color: "red" } }));
}

/** A member with one unread notification: assigned the world's conversation. */
async function notifiedMember(): Promise<Member> {
  const member = await memberIn(w.orgId, "admin");
  await call(`/api/v1/conversations/${w.conversationId}/triage`, { method: "PATCH", key: await freshKey("admin"), json: { assigneeId: member.memberId } });
  return member;
}

/** A failed run with a failed delivery to the sample's destination: what a retry sends again. */
async function failedRun(): Promise<string> {
  const id = `run_${crypto.randomUUID().replaceAll("-", "")}`;
  await db().insert(workflowRuns).values({ id, organizationId: w.orgId, chatbotId: w.chatbotId, workflowId: w.workflowId, conversationId: w.conversationId, status: "failed", updatedAt: Date.now() });
  await db()
    .insert(deliveries)
    .values({ id: `dlv_${crypto.randomUUID().replaceAll("-", "")}`, runId: id, chatbotId: w.chatbotId, destinationId: w.destinationId, status: "failed", payload: "{}", attempts: 1, updatedAt: Date.now() });
  return id;
}

/** The sample's key: the path below a chatbot mount (`/webhooks/{id}`), or the whole path elsewhere. */
const sampleKey = (method: string, path: string) => {
  const below = path.replace(/^\/api\/v1\/chatbots\/\{chatbotId\}(?=\/)/, "").replace(/^\/api\/v1(?=\/(conversations|search|keys|analysis|webhooks|workflows|live-feed|analytics|reports|exports|labels)\b)/, "");
  return `${method.toUpperCase()} ${below}`;
};

const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));

/** The JSON a response carries (an MCP answer may come as one server-sent event). */
async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (/^text\/(html|csv)/.test(res.headers.get("content-type") ?? "")) return text;
  if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    const data = text.split("\n").find((line) => line.startsWith("data:"));
    return data ? JSON.parse(data.slice(5)) : undefined;
  }
  return text ? JSON.parse(text) : undefined;
}

/** The documented content for the response's body: a CSV export's text, else the JSON (an MCP event carries JSON too) or the HTML. */
function contentOf(content: Record<string, { schema: Json }> | undefined, type: string | null) {
  const csv = (type ?? "").startsWith("text/csv") ? content?.["text/csv"] : undefined;
  return csv ?? content?.["application/json"] ?? content?.["text/html"];
}

beforeAll(async () => {
  const restore = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
  try {
    const owner = await signup("Contract");
    const bot = await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots`, { method: "POST", json: { name: "Contract bot" } });
    const chatbotId = await dataId(bot);
    w = { owner, orgId: owner.organizationId, chatbotId, ingestKey: "", conversationId: "", externalId: "contract-conversation", destinationId: "", workflowId: "", runId: "", reportId: "" };
    w.ingestKey = await freshKey("ingest");
    const captured = (await (await capture(w.ingestKey, { conversationId: w.externalId, messages: [{ role: "user", content: "I want to cancel, this is broken" }, { role: "assistant", content: "Sorry to hear that." }], user: { id: "contract-user", name: "Contract User" }, organization: { id: "contract-org", name: "Contract Org", mrr: 100 } })).json()) as {
      conversationId: string;
    };
    w.conversationId = captured.conversationId;
    await syncIndex(conversationStub(env, chatbotId, w.externalId));
    w.destinationId = await freshDestination();
    w.workflowId = await dataId(await call("/api/v1/workflows", { method: "POST", key: await freshKey("admin"), json: { template: "churn_risk_high_mrr", destinationId: w.destinationId } }));
    w.runId = await failedRun();
    // One widget of each kind of answer, so the report data's every shape is checked.
    const layout = {
      version: 1,
      widgets: [
        { id: "a", type: "total_conversations" },
        { id: "b", type: "sentiment_trend" },
        { id: "c", type: "flag_distribution" },
        { id: "d", type: "top_topics" },
        { id: "e", type: "recent_conversations" },
      ],
    };
    w.reportId = await dataId(await call("/api/v1/reports", { method: "POST", key: await freshKey("admin"), json: { name: "Contract", layout } }));
  } finally {
    restore();
  }
});

describe("every documented operation, replayed", () => {
  it("has a request here for each operation of the document", () => {
    const missing = operations.map(({ method, path }) => sampleKey(method, path)).filter((k) => !(k in SAMPLES));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
  });

  for (const { method, path, op } of operations) {
    it(`answers ${method.toUpperCase()} ${path} as documented`, async () => {
      const restore = mockOutbound(() => new Response("received", { status: 200 }), PUBLIC_DNS).restore;
      try {
        const sample = await SAMPLES[sampleKey(method, path)]!();
        const params: Record<string, string> = { ...common(), ...sample.params };
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `missing-${name}`) + (sample.query ?? "");
        const memberRoute = /^\/api\/v1\/(chatbots|organizations|auth\/(logout|session|switch|me|password))\b/.test(path) || path === "/api/v1/organizations";
        const init = { method: method.toUpperCase(), json: sample.body, headers: sample.headers };
        const member = sample.member === undefined ? (memberRoute ? await memberIn(w.orgId, "owner") : null) : sample.member;
        const key = sample.key ?? (memberRoute || path.startsWith("/api/v1/auth/") || path === "/health" || path.endsWith("openapi.json") || path === "/api/docs" ? undefined : await freshKey("admin"));
        const res = member ? await as(member, url, init) : await call(url, { ...init, key });
        const status = String(res.status);
        const body = await bodyOf(res);
        const where = `${method.toUpperCase()} ${url} → ${status} ${JSON.stringify(body)?.slice(0, 300)}`;
        expect(Object.keys(op.responses), where).toContain(status);
        // A success, except the WebSocket routes asked without an upgrade: their documented 426.
        if (!/\/live(-feed)?(\/|$)/.test(path)) expect(res.status, where).toBeLessThan(300);
        const response = op.responses[status]!;
        const schema = response.$ref ? { $ref: "#/components/schemas/Error" } : contentOf(response.content, res.headers.get("content-type"))?.schema;
        if (!schema) {
          expect(body, `${where}: documented without a body`).toBeUndefined();
          return;
        }
        const validate = validatorFor(schema);
        expect(validate(body), `${where}\n${ajv.errorsText(validate.errors)}`).toBe(true);
      } finally {
        restore();
      }
    });
  }
});
