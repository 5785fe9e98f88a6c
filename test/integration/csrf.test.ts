/**
 * CSRF, generated from the router: every state-changing route a session cookie can authenticate refuses
 * the cookie without the session's `x-csrf-token` (missing, or another session's) with 403 and changes
 * nothing; the state-changing routes that take API keys are not opened by a cookie at all (401).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { as, memberIn, signup } from "../helpers/member";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { fill, forMembers, methodOf, PUBLIC, routes, world, type World } from "../helpers/routes";

/** Account routes that act on the session the cookie names. */
const SESSION_ACTIONS = new Set(["POST /api/v1/auth/logout", "POST /api/v1/auth/switch", "POST /api/v1/auth/invitations/accept", "POST /api/v1/auth/password", "PATCH /api/v1/auth/me"]);

const changing = routes.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(methodOf(r)));
const cookieRoutes = changing.filter((r) => forMembers(r) || r.includes(" /api/v1/organizations") || SESSION_ACTIONS.has(r));
const keyRoutes = changing.filter((r) => !cookieRoutes.includes(r) && !PUBLIC.has(r));

let mine: World;
let invitationToken: string;

beforeAll(async () => {
  const restore = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
  try {
    mine = await world("csrf");
  } finally {
    restore();
  }
  // An invitation for the owner into another organization: accepting it is a change a forged request must not make.
  const other = await signup("Other");
  const res = await as(other, `/api/v1/organizations/${other.organizationId}/invitations`, { method: "POST", json: { email: mine.owner.email, role: "member" } });
  invitationToken = ((await res.json()) as { data: { token: string } }).data.token;
});

/** A body that passes validation, so only the missing token can be what refuses the request. */
function bodyFor(route: string): unknown {
  if (route === "POST /api/v1/auth/invitations/accept") return { token: invitationToken };
  if (route === "POST /api/v1/auth/switch") return { organizationId: mine.organizationId };
  if (route === "POST /api/v1/auth/password") return { currentPassword: "whatever it is", password: "a brand new password" };
  if (route === "PATCH /api/v1/auth/me") return { name: "Forged" };
  return methodOf(route) === "DELETE" ? undefined : {};
}

async function expectCsrfRefusal(res: Response, where: string) {
  expect(res.status, where).toBe(403);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code, where).toBe("forbidden");
  expect(body.error.message, where).toContain("x-csrf-token");
}

describe("CSRF on cookie-authenticated changes", () => {
  it("covers every state-changing route the router has, cookie or key", () => {
    expect(cookieRoutes.length).toBeGreaterThan(20);
    expect(cookieRoutes).toEqual(expect.arrayContaining([...SESSION_ACTIONS, "PATCH /api/v1/organizations/:orgId/chatbots/:chatbotId", "POST /api/v1/chatbots/:chatbotId/keys"]));
    expect(keyRoutes).toEqual(expect.arrayContaining(["POST /api/v1/capture", "POST /api/v1/keys"]));
  });

  it("refuses a session cookie without the x-csrf-token header on every such route", async () => {
    for (const route of cookieRoutes) {
      const owner = await memberIn(mine.organizationId, "owner");
      const res = await call(fill(route, () => mine), { method: methodOf(route), json: bodyFor(route), headers: { cookie: owner.cookie } });
      await expectCsrfRefusal(res, `${route} without a token`);
    }
  });

  it("refuses a session cookie with another session's x-csrf-token on every such route", async () => {
    const stranger = await signup("Stranger");
    for (const route of cookieRoutes) {
      const owner = await memberIn(mine.organizationId, "owner");
      const res = await call(fill(route, () => mine), { method: methodOf(route), json: bodyFor(route), headers: { cookie: owner.cookie, "x-csrf-token": stranger.csrf } });
      await expectCsrfRefusal(res, `${route} with a wrong token`);
    }
  });

  it("never lets a session cookie (even with its token) stand in for an API key", async () => {
    const owner = await memberIn(mine.organizationId, "owner");
    for (const route of keyRoutes) {
      const res = await as(owner, fill(route, () => mine), { method: methodOf(route), json: bodyFor(route) });
      expect(res.status, route).toBe(401);
    }
  });

  it("changed nothing: the owner did not join the inviting organization, and every record is still there", async () => {
    const session = (await (await as(mine.owner, "/api/v1/auth/session")).json()) as { data: { organizations: { id: string }[] } };
    expect(session.data.organizations.map((o) => o.id)).toEqual([mine.organizationId]);
    const chatbots = (await (await as(mine.owner, `/api/v1/organizations/${mine.organizationId}/chatbots`)).json()) as { data: { id: string }[] };
    expect(chatbots.data.map((c) => c.id)).toEqual([mine.chatbotId]);
    const keys = (await (await as(mine.owner, `/api/v1/chatbots/${mine.chatbotId}/keys`)).json()) as { data: { id: string }[] };
    expect(keys.data.map((k) => k.id)).toContain(mine.ids.keyId);
  });

  it("accepts the same invitation once the token is sent, so the refusals above were about the token", async () => {
    const res = await as(mine.owner, "/api/v1/auth/invitations/accept", { method: "POST", json: { token: invitationToken } });
    expect(res.status).toBe(200);
    const session = (await (await as(mine.owner, "/api/v1/auth/session")).json()) as { data: { organizations: { id: string }[] } };
    expect(session.data.organizations).toHaveLength(2);
  });
});
