/**
 * Every route of the app, generated from the router itself. Without credentials it answers 401. With
 * valid credentials of one tenant, every combination where exactly one path id belongs to another tenant
 * — their organization, or my organization with their chatbot, their member, their invitation; my chatbot
 * with their key, webhook, workflow, run, conversation — answers 404 (or 403 where the credential's role
 * or kind is refused before any id is read), with an owner's and a plain member's session and with a key
 * of each kind. A route added later is picked up automatically; one whose ids cannot be classified fails
 * the test until it is.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import type { ApiKeyKind } from "../../worker/db/schema";
import { createKey } from "../../worker/services/keys";
import { call, type ErrorBody } from "../helpers/http";
import { as, memberIn } from "../helpers/member";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { fill, forMembers, isOwned, memberOnly, methodOf, positionsOf, PUBLIC, routes, world, type Owned, type World } from "../helpers/routes";

const db = () => createDb(env.DB);
let mine: World;
let theirs: World;

beforeAll(async () => {
  const restore = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
  try {
    mine = await world("mine");
    theirs = await world("theirs");
  } finally {
    restore();
  }
});

/** Every path of `route` where exactly one id is the other tenant's, the rest mine. */
function crossings(route: string): { path: string; crossed: Owned }[] {
  const [, path] = route.split(" ") as [string, string];
  return positionsOf(path)
    .filter((p) => isOwned(p.kind))
    .map((crossed) => ({ path: fill(route, (p) => (p.segment === crossed.segment ? theirs : mine)), crossed: crossed.kind as Owned }));
}

/** A valid body where the route checks its body before looking the id up. */
const bodyFor = (method: string, route = "") =>
  route.endsWith("/approve")
    ? { name: "Intent", description: "an approved intent" }
    : route.endsWith("/notes") && method === "POST"
      ? { body: "a note" }
      : route.endsWith("/members/:memberId") && method === "PATCH"
        ? { role: "member" }
        : method === "GET" || method === "DELETE"
        ? undefined
        : {};

/** Query parameters a readable route cannot answer 200 without, by its last path segment. */
const REQUIRED_QUERY: Record<string, string> = { search: "?q=hello" };

const ownedIds = (route: string) => positionsOf(route.split(" ")[1]!).filter((p) => isOwned(p.kind)).length;
const crossable = routes.filter((r) => !PUBLIC.has(r) && ownedIds(r) > 0);

/** A credential of mine, fresh for each route so no rate limit is shared across the matrix. */
type Credential = { label: string; allowed: number[]; request: (path: string, init: Parameters<typeof call>[1]) => Promise<Response> };

async function sessionCredential(role: "owner" | "member"): Promise<Credential> {
  const member = await memberIn(mine.organizationId, role);
  // An owner reaches everything, so only "not found" may stop it; a plain member may be refused first.
  return { label: `${role} session`, allowed: role === "owner" ? [404] : [403, 404], request: (path, init) => as(member, path, init) };
}

async function keyCredential(kind: ApiKeyKind): Promise<Credential> {
  const { secret } = await createKey(db(), { organizationId: mine.organizationId, chatbotId: mine.chatbotId, kind, name: kind });
  return { label: `${kind} key`, allowed: kind === "admin" ? [404] : [403, 404], request: (path, init) => call(path, { ...init, key: secret }) };
}

async function expectRefused(credential: Credential, route: string) {
  const method = methodOf(route);
  for (const { path, crossed } of crossings(route)) {
    const res = await credential.request(path, { method, json: bodyFor(method, route) });
    const where = `${credential.label}: ${method} ${path} (their ${crossed})`;
    expect(credential.allowed, where).toContain(res.status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code, where).toBe(res.status === 404 ? "not_found" : "forbidden");
  }
}

// Each test walks every route (more with every route added): minutes on a loaded machine, not vitest's default 5 s.
describe("every route", { timeout: 120_000 }, () => {
  it("is known to this matrix, and routes naming several ids are crossed at each", () => {
    expect(routes.length).toBeGreaterThan(40);
    // Socket routes are routes like any other: the 401 check below opens each with `Upgrade: websocket`.
    expect(routes).toEqual(expect.arrayContaining(["GET /api/v1/chatbots/:chatbotId/live-feed", "GET /api/v1/notifications/live"]));
    expect(crossable.length).toBeGreaterThan(25);
    const multi = crossable.filter((r) => ownedIds(r) > 1);
    expect(multi).toEqual(
      expect.arrayContaining([
        "PATCH /api/v1/organizations/:orgId/chatbots/:chatbotId",
        "DELETE /api/v1/organizations/:orgId/members/:memberId",
        "DELETE /api/v1/organizations/:orgId/invitations/:id",
        "PATCH /api/v1/chatbots/:chatbotId/workflows/:id",
        "DELETE /api/v1/chatbots/:chatbotId/keys/:id",
        "GET /api/v1/chatbots/:chatbotId/conversations/:id",
        "POST /api/v1/chatbots/:chatbotId/workflows/runs/:runId/retry",
        "GET /api/v1/chatbots/:chatbotId/workflows/runs/:runId",
        "PATCH /api/v1/chatbots/:chatbotId/webhooks/:id",
        "POST /api/v1/chatbots/:chatbotId/webhooks/:id/rotate",
        "PATCH /api/v1/chatbots/:chatbotId/reports/:id",
        "GET /api/v1/chatbots/:chatbotId/reports/:id/data",
        "PATCH /api/v1/chatbots/:chatbotId/conversations/:id/triage",
        "PUT /api/v1/chatbots/:chatbotId/conversations/:id/labels/:labelId",
        "DELETE /api/v1/chatbots/:chatbotId/labels/:id",
      ]),
    );
  });

  it("answers 401 without credentials (except the public ones)", async () => {
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const method = methodOf(route);
      const headers = route.includes("/live") ? { upgrade: "websocket" } : undefined;
      const res = await call(fill(route, () => theirs), { method, json: bodyFor(method), headers });
      expect(res.status, route).toBe(401);
    }
  });

  it("resolves every id of mine on every readable route, so a 404 below comes from the crossed id", async () => {
    const adminKey = (await keyCredential("admin")).request;
    for (const route of crossable) {
      if (methodOf(route) !== "GET") continue;
      const path = fill(route, () => mine) + (REQUIRED_QUERY[route.split("/").at(-1)!] ?? "");
      const owner = await memberIn(mine.organizationId, "owner");
      const res = forMembers(route) ? await as(owner, path) : await adminKey(path, {});
      // The live feed is a WebSocket: a plain GET that got past its ids is told to upgrade.
      expect(res.status, route).toBe(route.endsWith("/live-feed") ? 426 : 200);
    }
  });

  it("answers 404 with an owner's session when any one id is another tenant's", async () => {
    for (const route of crossable.filter(forMembers)) await expectRefused(await sessionCredential("owner"), route);
  });

  it("never serves another tenant's ids to a plain member's session (404, or 403 for what the role may not do)", async () => {
    for (const route of crossable.filter(forMembers)) await expectRefused(await sessionCredential("member"), route);
  });

  for (const kind of ["admin", "read", "ingest", "publishable"] as const) {
    it(`never serves another tenant's ids to this tenant's ${kind} key (${kind === "admin" ? "404" : "404, or 403 for its kind"})`, async () => {
      // Member-only routes (notifications) refuse every key before reading an id (test/integration/triage.test.ts).
      for (const route of crossable.filter((r) => !r.includes(":orgId") && !memberOnly(r))) await expectRefused(await keyCredential(kind), route);
    });
  }

  it("still serves the other tenant its own data, so the 404s above are about tenancy", async () => {
    const readKey = (await createKey(db(), { organizationId: theirs.organizationId, chatbotId: theirs.chatbotId, kind: "read", name: "r" })).secret;
    expect((await call(`/api/v1/conversations/${theirs.ids.conversationId}`, { key: readKey })).status).toBe(200);
    expect((await as(theirs.owner, `/api/v1/chatbots/${theirs.chatbotId}/workflows/${theirs.ids.workflowId}`)).status).toBe(200);
  });

  it("leaves the other tenant's records as they were after the whole matrix", async () => {
    const chatbots = (await (await as(theirs.owner, `/api/v1/organizations/${theirs.organizationId}/chatbots`)).json()) as { data: { id: string; name: string; status: string }[] };
    expect(chatbots.data).toEqual([expect.objectContaining({ id: theirs.chatbotId, name: "Support bot", status: "active" })]);
    const members = (await (await as(theirs.owner, `/api/v1/organizations/${theirs.organizationId}/members`)).json()) as { data: { id: string }[] };
    expect(members.data.map((m) => m.id)).toContain(theirs.ids.memberId);
    const keys = (await (await as(theirs.owner, `/api/v1/chatbots/${theirs.chatbotId}/keys`)).json()) as { data: { id: string }[] };
    expect(keys.data.map((k) => k.id)).toContain(theirs.ids.keyId);
    const reports = (await (await as(theirs.owner, `/api/v1/chatbots/${theirs.chatbotId}/reports`)).json()) as { data: { id: string; name: string }[] };
    expect(reports.data).toEqual([expect.objectContaining({ id: theirs.ids.reportId, name: "Weekly review of theirs" })]);
  });
});
