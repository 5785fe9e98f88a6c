/**
 * Every route of the app, generated from the router itself: without credentials it answers 401, and
 * with valid credentials of one tenant pointed at another tenant's ids it answers 404. A route added
 * later is picked up automatically; one that cannot be classified fails the test until it is.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { as, chatbotOf, invited, signup, type Member } from "../helpers/member";

/** Routes anyone may call: they create or prove credentials themselves. */
const PUBLIC = new Set([
  "GET /health",
  "POST /api/v1/auth/signup",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/password-reset",
  "POST /api/v1/auth/password-reset/confirm",
  "POST /api/v1/auth/invitations/accept",
  "GET /api/v1/openapi.json",
]);

/** Routes that name something by id in their path: those can be pointed at another tenant's. */
const namesAnId = (route: string) => /\/:(orgId|chatbotId|id|memberId|runId|slug)\b/.test(route);
/** Dashboard routes (member session); the rest take API keys. */
const forMembers = (route: string) => route.includes(":orgId") || route.includes(":chatbotId");

interface Theirs {
  member: Member;
  chatbotId: string;
  ingestKey: string;
  readKey: string;
  adminKey: string;
  ids: Record<string, string>;
}

const routes = app.routes
  .filter((r) => r.method !== "ALL")
  .map((r) => `${r.method} ${r.path}`)
  .filter((r, i, all) => all.indexOf(r) === i);

let mine: { member: Member; chatbotId: string; adminKey: string; readKey: string };
let theirs: Theirs;

async function keyOf(member: Member, chatbotId: string, kind: "read" | "admin") {
  const res = await as(member, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind, name: kind } });
  return ((await res.json()) as { data: { secret: string } }).data.secret;
}

beforeAll(async () => {
  const restore = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
  try {
    const me = await signup("Me");
    const myBot = await chatbotOf(me);
    mine = { member: me, chatbotId: myBot.chatbotId, adminKey: await keyOf(me, myBot.chatbotId, "admin"), readKey: await keyOf(me, myBot.chatbotId, "read") };

    const them = await signup("Them");
    const bot = await chatbotOf(them);
    const adminKey = await keyOf(them, bot.chatbotId, "admin");
    const readKey = await keyOf(them, bot.chatbotId, "read");
    const colleague = await invited(them, "member");
    const captured = (await (await capture(bot.ingestKey, { conversationId: "theirs", messages: [{ role: "user", content: "hi" }] })).json()) as { conversationId: string };
    await conversationStub(env, bot.chatbotId, "theirs").syncNow();
    const keys = (await (await call("/api/v1/keys", { key: adminKey })).json()) as { data: { id: string }[] };
    const destination = (await (await call("/api/v1/webhooks", { method: "POST", key: adminKey, json: { name: "d", url: "https://hooks.example.com/x" } })).json()) as {
      data: { id: string };
    };
    const workflow = (await (await call("/api/v1/workflows", { method: "POST", key: adminKey, json: { template: "hallucination_flag", destinationId: destination.data.id } })).json()) as {
      data: { id: string };
    };
    const invitation = (await (await as(them, `/api/v1/organizations/${them.organizationId}/invitations`, { method: "POST", json: { email: "later@example.com" } })).json()) as {
      data: { id: string };
    };
    theirs = {
      member: them,
      chatbotId: bot.chatbotId,
      ingestKey: bot.ingestKey,
      readKey,
      adminKey,
      ids: {
        orgId: them.organizationId,
        chatbotId: bot.chatbotId,
        memberId: colleague.memberId,
        conversationId: captured.conversationId,
        keyId: keys.data[0]!.id,
        webhookId: destination.data.id,
        workflowId: workflow.data.id,
        invitationId: invitation.data.id,
        runId: "run_of_someone_else",
        slug: "some_intent",
        name: "intent",
      },
    };
  } finally {
    restore();
  }
});

/** The path with the other tenant's ids filled in. */
function foreignPath(route: string): string {
  const [, path] = route.split(" ") as [string, string];
  const ids = theirs.ids;
  return path
    .replace(":orgId", ids.orgId!)
    .replace(":chatbotId", ids.chatbotId!)
    .replace(":memberId", ids.memberId!)
    .replace(":runId", ids.runId!)
    .replace(":slug", ids.slug!)
    .replace(":name", ids.name!)
    .replace(/\/keys\/:id/, `/keys/${ids.keyId}`)
    .replace(/\/webhooks\/:id/, `/webhooks/${ids.webhookId}`)
    .replace(/\/workflows\/:id/, `/workflows/${ids.workflowId}`)
    .replace(/\/invitations\/:id/, `/invitations/${ids.invitationId}`)
    .replace(/\/conversations\/:id/, `/conversations/${ids.conversationId}`)
    .replace(/\/live\/:conversationId\?/, "/live/theirs")
    .replace(/\/:[A-Za-z]+\??/g, "/unclassified");
}

/** A valid body where the route checks its body before looking the id up. */
const bodyFor = (method: string, route = "") =>
  route.endsWith("/approve") ? { name: "Intent", description: "an approved intent" } : method === "GET" || method === "DELETE" ? undefined : {};

describe("every route", () => {
  it("is known to this matrix", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => namesAnId(r) && !PUBLIC.has(r)).length).toBeGreaterThan(25);
    for (const route of routes) expect(foreignPath(route), route).not.toContain("unclassified");
  });

  it("answers 401 without credentials (except the public ones)", async () => {
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const [method] = route.split(" ") as [string];
      const headers = route.includes("/live") ? { upgrade: "websocket" } : undefined;
      const res = await call(foreignPath(route), { method, json: bodyFor(method), headers });
      expect(res.status, route).toBe(401);
    }
  });

  it("answers 404 for another tenant's ids, with a member session of an owner", async () => {
    for (const route of routes) {
      if (PUBLIC.has(route) || !namesAnId(route) || !forMembers(route)) continue;
      const [method] = route.split(" ") as [string];
      const res = await as(mine.member, foreignPath(route), { method, json: bodyFor(method, route) });
      expect(res.status, route).toBe(404);
    }
  });

  it("answers 404 for another tenant's ids, with this tenant's admin key", async () => {
    for (const route of routes) {
      if (PUBLIC.has(route) || !namesAnId(route) || route.includes(":orgId")) continue;
      const [method] = route.split(" ") as [string];
      const res = await call(foreignPath(route), { method, key: mine.adminKey, json: bodyFor(method, route) });
      expect(res.status, route).toBe(404);
    }
  });

  it("still serves the other tenant its own data, so the 404s above are about tenancy", async () => {
    expect((await call(`/api/v1/conversations/${theirs.ids.conversationId}`, { key: theirs.readKey })).status).toBe(200);
    expect((await as(theirs.member, `/api/v1/chatbots/${theirs.chatbotId}/workflows/${theirs.ids.workflowId}`)).status).toBe(200);
  });
});
