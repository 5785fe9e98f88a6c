import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/db/client";
import { chatbots, conversations, sessions } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { connect, openSocket } from "../helpers/socket";
import { anotherSession, as, chatbotOf, cookieFrom, emailedLink, invited, signup } from "../helpers/member";
import { syncIndex } from "../helpers/index-queue";

afterEach(() => vi.restoreAllMocks());

const code = async (res: Response) => ((await res.json()) as ErrorBody).error.code;

describe("sign-up and sessions", () => {
  it("signs up a member through the emailed link as owner of a new organization with an HTTP-only, Secure, SameSite session cookie", async () => {
    const { res: asked, link } = await emailedLink("grace@example.com", () =>
      call("/api/v1/auth/signup", { method: "POST", json: { email: "Grace@Example.com", password: "a long enough password", name: "Grace", organizationName: "Navy" } }),
    );
    expect(asked.status).toBe(202);
    expect(asked.headers.get("set-cookie")).toBeNull();
    expect(link.pathname).toBe("/confirm-signup");
    const res = await call("/api/v1/auth/signup/confirm", { method: "POST", json: { token: link.searchParams.get("token") } });
    expect(res.status).toBe(201);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/ob_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = await call("/api/v1/auth/session", { headers: { cookie: cookieFrom(res) } });
    const { data } = (await session.json()) as { data: { member: { email: string }; organizations: { name: string; role: string }[] } };
    expect(data.member.email).toBe("grace@example.com");
    expect(data.organizations).toEqual([expect.objectContaining({ name: "Navy", role: "owner" })]);
    const again = await call("/api/v1/auth/signup/confirm", { method: "POST", json: { token: link.searchParams.get("token") } });
    expect(again.status).toBe(400);
  });

  it("answers a sign-up with a known email exactly like a new one, and emails the owner instead of making an account", async () => {
    const m = await signup();
    const ask = (email: string) => call("/api/v1/auth/signup", { method: "POST", json: { email, password: "whatever else 1", name: "X", organizationName: "Y" } });
    const fresh = `fresh-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { res: known, link: noted } = await emailedLink(m.email, () => ask(m.email));
    const { res: unknown } = await emailedLink(fresh, () => ask(fresh));
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await unknown.json());
    expect(noted.pathname).toBe("/login");
    // The owner's password still works; nobody got a second account or a session.
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: m.password } })).status).toBe(200);
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: "whatever else 1" } })).status).toBe(401);
  });

  it("refuses to confirm a sign-up link once the address has an account", async () => {
    const email = `twice-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const ask = () => call("/api/v1/auth/signup", { method: "POST", json: { email, password: "a long enough password", name: "T", organizationName: "T" } });
    const first = (await emailedLink(email, ask)).link.searchParams.get("token");
    const second = (await emailedLink(email, ask)).link.searchParams.get("token");
    expect((await call("/api/v1/auth/signup/confirm", { method: "POST", json: { token: first } })).status).toBe(201);
    const late = await call("/api/v1/auth/signup/confirm", { method: "POST", json: { token: second } });
    expect(late.status).toBe(409);
    expect(await code(late)).toBe("conflict");
  });

  it("answers 400 naming the field for a short password", async () => {
    const res = await call("/api/v1/auth/signup", { method: "POST", json: { email: "x@example.com", password: "short", name: "X", organizationName: "Y" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("password");
  });

  it("logs in with the right password only, with one answer for unknown emails and wrong passwords, the address in any case and spacing", async () => {
    const m = await signup();
    const wrong = await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: "not the password" } });
    const unknown = await call("/api/v1/auth/login", { method: "POST", json: { email: "nobody@example.com", password: "not the password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as ErrorBody).error.message).toBe(((await unknown.json()) as ErrorBody).error.message);
    // As typed or pasted: another case, spaces around it.
    const right = await call("/api/v1/auth/login", { method: "POST", json: { email: ` ${m.email.toUpperCase()}\t`, password: m.password } });
    expect(right.status).toBe(200);
    expect((await call("/api/v1/auth/session", { headers: { cookie: cookieFrom(right) } })).status).toBe(200);
  });

  it("ends the session on logout, clearing the cookie with the attributes it was set with", async () => {
    const m = await signup();
    const out = await as(m, "/api/v1/auth/logout", { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^ob_session=; Max-Age=0;.*HttpOnly.*Secure.*SameSite=Lax/);
    expect((await as(m, "/api/v1/auth/session")).status).toBe(401);
  });

  it("expires a session after its lifetime", async () => {
    const m = await signup();
    await createDb(env.DB).update(sessions).set({ expiresAt: Date.now() - 1 }).where(eq(sessions.memberId, m.memberId));
    expect((await as(m, "/api/v1/auth/session")).status).toBe(401);
    expect((await as(m, `/api/v1/organizations/${m.organizationId}/chatbots`)).status).toBe(401);
  });

  it("refuses cookie-authenticated changes without the CSRF token, as a cross-site post would be", async () => {
    const m = await signup();
    const path = `/api/v1/organizations/${m.organizationId}/chatbots`;
    const forged = await call(path, { method: "POST", json: { name: "x" }, headers: { cookie: m.cookie, origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    const wrongToken = await call(path, { method: "POST", json: { name: "x" }, headers: { cookie: m.cookie, "x-csrf-token": "guess" } });
    expect(wrongToken.status).toBe(403);
    expect((await as(m, path, { method: "POST", json: { name: "x" } })).status).toBe(201);
    expect((await call("/api/v1/auth/logout", { method: "POST", headers: { cookie: m.cookie } })).status).toBe(403);
  });

  it("resets a forgotten password through a one-time link and ends the old sessions", async () => {
    const m = await signup();
    const unknown = await call("/api/v1/auth/password-reset", { method: "POST", json: { email: "nobody@example.com" } });
    const { res: known, link } = await emailedLink(m.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: m.email } }));
    expect([unknown.status, known.status]).toEqual([202, 202]);
    const token = link.searchParams.get("token")!;
    const confirm = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token, password: "a brand new password" } });
    expect(confirm.status).toBe(200);
    expect((await as(m, "/api/v1/auth/session")).status).toBe(401);
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: m.password } })).status).toBe(401);
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: "a brand new password" } })).status).toBe(200);
    const again = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token, password: "yet another password" } });
    expect(again.status).toBe(400);
  });

  it("spends every earlier reset link of the member with the one used, so an old email cannot set the password again", async () => {
    const m = await signup();
    const request = () => emailedLink(m.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: m.email } }));
    const older = (await request()).link.searchParams.get("token")!;
    const newer = (await request()).link.searchParams.get("token")!;
    const confirm = (token: string, password: string) => call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token, password } });
    expect((await confirm(newer, "the password I chose")).status).toBe(200);
    const stale = await confirm(older, "somebody else's password");
    expect(stale.status).toBe(400);
    // The message and the detail say the same thing, as every refusal's do.
    expect(((await stale.json()) as ErrorBody).error).toMatchObject({
      message: "token: invalid, used or expired reset link",
      details: [{ field: "token", message: "invalid, used or expired reset link" }],
    });
    expect((await call("/api/v1/auth/login", { method: "POST", json: { email: m.email, password: "the password I chose" } })).status).toBe(200);
  });
});

describe("a logged-in member's own account", () => {
  const logIn = (email: string, password: string) => call("/api/v1/auth/login", { method: "POST", json: { email, password }, headers: { "cf-connecting-ip": `10.77.0.${Math.floor(Math.random() * 250)}` } });

  it("changes the password with the current one: every other session ends, this browser goes on with a renewed one", async () => {
    const m = await signup();
    const elsewhere = await anotherSession(m);
    const { link } = await emailedLink(m.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: m.email } }));
    const changed = await as(m, "/api/v1/auth/password", { method: "POST", json: { currentPassword: m.password, password: "a password of my own" } });
    expect(changed.status).toBe(200);
    const { data } = (await changed.json()) as { data: { member: { id: string }; csrfToken: string; currentOrganizationId: string } };
    expect(data).toMatchObject({ member: { id: m.memberId }, currentOrganizationId: m.organizationId });
    const renewed = { cookie: cookieFrom(changed), csrf: data.csrfToken };
    expect(renewed.cookie).not.toBe(m.cookie);
    expect((await as(renewed, "/api/v1/auth/session")).status).toBe(200);
    expect((await as(renewed, "/api/v1/organizations", { method: "POST", json: { name: "After the change" } })).status).toBe(201);
    // The old cookie, another browser's, and a reset link sent before: all spent. A cookie was sent, so the 401 says
    // the session has ended rather than asking for one.
    for (const ended of [m, elsewhere]) {
      const refused = await as(ended, "/api/v1/auth/session");
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as ErrorBody).error.message).toBe("your session has ended (logged out, expired, or ended by a password change): log in again");
    }
    const chatbots = await as(m, `/api/v1/organizations/${m.organizationId}/chatbots`);
    expect(((await chatbots.json()) as ErrorBody).error.message).toMatch(/^your session has ended/);
    const reset = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token: link.searchParams.get("token"), password: "somebody else's password" } });
    expect(reset.status).toBe(400);
    expect((await logIn(m.email, m.password)).status).toBe(401);
    expect((await logIn(m.email, "a password of my own")).status).toBe(200);
  });

  it("refuses a wrong current password naming it, counts it as a failed log-in, and refuses a short new one", async () => {
    const m = await signup();
    const change = (currentPassword: string, password = "a password of my own") => as(m, "/api/v1/auth/password", { method: "POST", json: { currentPassword, password } });
    const wrong = await change("not my password");
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error).toMatchObject({ message: "currentPassword: not your current password", details: [{ field: "currentPassword" }] });
    const short = await change(m.password, "short");
    expect(short.status).toBe(400);
    expect(((await short.json()) as ErrorBody).error.details?.[0]?.field).toBe("password");
    // The session stayed, and the guesses count as the log-in's do: the sixth wrong one is throttled.
    for (let i = 0; i < 4; i++) expect((await change("still not it")).status).toBe(400);
    expect((await change("nor this")).status).toBe(429);
    expect((await logIn(m.email, m.password)).status).toBe(429);
  });

  it("takes a session only, with its CSRF token: an API key answers 403, a cross-site post 403", async () => {
    const m = await signup();
    const { chatbotId } = await chatbotOf(m);
    const created = await as(m, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind: "admin", name: "ops" } });
    const { data: key } = (await created.json()) as { data: { secret: string } };
    const json = { currentPassword: m.password, password: "a password of my own" };
    expect((await call("/api/v1/auth/password", { method: "POST", json, key: key.secret })).status).toBe(403);
    expect((await call("/api/v1/auth/password", { method: "POST", json, headers: { cookie: m.cookie } })).status).toBe(403);
    expect((await call("/api/v1/auth/me", { method: "PATCH", json: { name: "Mallory" }, headers: { cookie: m.cookie } })).status).toBe(403);
    expect((await logIn(m.email, m.password)).status).toBe(200);
  });

  it("changes the member's own name, as the session and their organization's member list show it", async () => {
    const m = await signup();
    const renamed = await as(m, "/api/v1/auth/me", { method: "PATCH", json: { name: "  Ada Lovelace " } });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { data: { member: { name: string } } }).data.member.name).toBe("Ada Lovelace");
    const members = (await (await as(m, `/api/v1/organizations/${m.organizationId}/members`)).json()) as { data: { id: string; name: string }[] };
    expect(members.data.find((x) => x.id === m.memberId)?.name).toBe("Ada Lovelace");
    for (const name of ["", "   ", "a\u0007b", "x".repeat(121)]) {
      const bad = await as(m, "/api/v1/auth/me", { method: "PATCH", json: { name } });
      expect(bad.status, JSON.stringify(name)).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("name");
    }
    expect((await as(m, "/api/v1/auth/me", { method: "PATCH", json: { name: "Ada", email: "x@example.com" } })).status).toBe(400);
    // An empty PATCH changes nothing and answers the session as it is, as every PATCH does.
    const unchanged = await as(m, "/api/v1/auth/me", { method: "PATCH", json: {} });
    expect(unchanged.status).toBe(200);
    expect(((await unchanged.json()) as { data: { member: { name: string } } }).data.member.name).toBe("Ada Lovelace");
  });
});

describe("organizations, members and roles", () => {
  it("creates, renames, switches to and deletes an organization", async () => {
    const m = await signup();
    const created = await as(m, "/api/v1/organizations", { method: "POST", json: { name: "Second" } });
    const { data: org } = (await created.json()) as { data: { id: string } };
    const renamed = await as(m, `/api/v1/organizations/${org.id}`, { method: "PATCH", json: { name: "Renamed" } });
    expect(renamed.status).toBe(200);
    // The same shape as GET and POST answer: with the caller's role.
    const listed = (await (await as(m, "/api/v1/organizations")).json()) as { data: { id: string }[] };
    expect(((await renamed.json()) as { data: unknown }).data).toEqual({ ...listed.data.find((o) => o.id === org.id), name: "Renamed" });
    expect(((await (await as(m, `/api/v1/organizations/${org.id}`, { method: "PATCH", json: {} })).json()) as { data: unknown }).data).toMatchObject({ role: "owner", name: "Renamed" });
    const switched = await as(m, "/api/v1/auth/switch", { method: "POST", json: { organizationId: org.id } });
    expect(((await switched.json()) as { data: { currentOrganizationId: string } }).data.currentOrganizationId).toBe(org.id);
    expect((await as(m, `/api/v1/organizations/${org.id}`, { method: "DELETE" })).status).toBe(204);
    const list = (await (await as(m, "/api/v1/organizations")).json()) as { data: { id: string }[] };
    expect(list.data.map((o) => o.id)).toEqual([m.organizationId]);
  });

  it("lets an invited person join only through an explicit POST, with the invited role", async () => {
    const owner = await signup();
    const admin = await invited(owner, "admin");
    const members = (await (await as(owner, `/api/v1/organizations/${owner.organizationId}/members`)).json()) as { data: { email: string; role: string }[] };
    expect(members.data).toEqual(expect.arrayContaining([expect.objectContaining({ email: admin.email, role: "admin" })]));
  });

  it("keeps a member read-only", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner);
    const viewer = await invited(owner, "member");
    const org = owner.organizationId;
    // Reads work…
    expect((await as(viewer, `/api/v1/organizations/${org}/chatbots`)).status).toBe(200);
    expect((await as(viewer, `/api/v1/chatbots/${chatbotId}/conversations`)).status).toBe(200);
    expect((await as(viewer, `/api/v1/chatbots/${chatbotId}/workflows`)).status).toBe(200);
    // …and every change is refused.
    const changes: [string, string, unknown?][] = [
      ["PATCH", `/api/v1/organizations/${org}`, { name: "mine" }],
      ["DELETE", `/api/v1/organizations/${org}`],
      ["POST", `/api/v1/organizations/${org}/invitations`, { email: "x@example.com" }],
      ["DELETE", `/api/v1/organizations/${org}/members/${owner.memberId}`],
      ["POST", `/api/v1/organizations/${org}/chatbots`, { name: "x" }],
      ["PATCH", `/api/v1/organizations/${org}/chatbots/${chatbotId}`, { status: "archived" }],
      ["DELETE", `/api/v1/organizations/${org}/chatbots/${chatbotId}`],
      ["GET", `/api/v1/chatbots/${chatbotId}/keys`],
      ["POST", `/api/v1/chatbots/${chatbotId}/keys`, { kind: "read", name: "x" }],
      ["PATCH", `/api/v1/chatbots/${chatbotId}/analysis/config`, { topics: true }],
      ["POST", `/api/v1/chatbots/${chatbotId}/webhooks`, { name: "x", url: "https://hooks.example.com" }],
      ["POST", `/api/v1/chatbots/${chatbotId}/workflows`, { template: "hallucination_flag", destinationId: "dst_x" }],
    ];
    for (const [method, path, json] of changes) {
      const res = await as(viewer, path, { method, json });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it("lets an admin manage chatbots and members but not delete the organization or remove its owner", async () => {
    const owner = await signup();
    const admin = await invited(owner, "admin");
    const org = owner.organizationId;
    expect((await as(admin, `/api/v1/organizations/${org}/chatbots`, { method: "POST", json: { name: "By admin" } })).status).toBe(201);
    expect((await as(admin, `/api/v1/organizations/${org}`, { method: "DELETE" })).status).toBe(403);
    expect((await as(admin, `/api/v1/organizations/${org}/members/${owner.memberId}`, { method: "DELETE" })).status).toBe(403);
    expect((await as(admin, `/api/v1/organizations/${org}/invitations`, { method: "POST", json: { email: "boss@example.com", role: "owner" } })).status).toBe(403);
    // Nor take back an owner's invitation of an owner; an invitation they could send themselves, they can.
    const invitation = async (role: string, email: string) =>
      ((await (await as(owner, `/api/v1/organizations/${org}/invitations`, { method: "POST", json: { email, role } })).json()) as { data: { id: string } }).data.id;
    const toOwner = await invitation("owner", "boss@example.com");
    const toAdmin = await invitation("admin", "helper@example.com");
    expect((await as(admin, `/api/v1/organizations/${org}/invitations/${toOwner}`, { method: "DELETE" })).status).toBe(403);
    expect((await as(admin, `/api/v1/organizations/${org}/invitations/${toAdmin}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(owner, `/api/v1/organizations/${org}/invitations/${toOwner}`, { method: "DELETE" })).status).toBe(204);
    const viewer = await invited(owner, "member");
    expect((await as(admin, `/api/v1/organizations/${org}/members/${viewer.memberId}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(viewer, `/api/v1/organizations/${org}/chatbots`)).status).toBe(404);
  });

  it("never leaves an organization without an owner", async () => {
    const owner = await signup();
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}/members/${owner.memberId}`, { method: "DELETE" });
    expect(res.status).toBe(409);
    const demote = await as(owner, `/api/v1/organizations/${owner.organizationId}/members/${owner.memberId}`, { method: "PATCH", json: { role: "admin" } });
    expect(demote.status).toBe(409);
  });

  it("keeps an owner when two owners demote each other, or remove each other, at the same moment", async () => {
    for (const change of ["demote", "remove"] as const) {
      const first = await signup();
      const org = first.organizationId;
      const second = await invited(first, "admin");
      expect((await as(first, `/api/v1/organizations/${org}/members/${second.memberId}`, { method: "PATCH", json: { role: "owner" } })).status).toBe(200);
      const act = (actor: typeof first, target: typeof first) =>
        as(actor, `/api/v1/organizations/${org}/members/${target.memberId}`, change === "demote" ? { method: "PATCH", json: { role: "admin" } } : { method: "DELETE" });
      const answers = await Promise.all([act(first, second), act(second, first)]);
      const statuses = answers.map((r) => r.status).sort();
      // One of them goes through; the other would leave nobody owning the organization (or, removed, cannot act).
      expect(statuses[0], change).toBe(change === "demote" ? 200 : 204);
      expect([403, 404, 409], change).toContain(statuses[1]);
      const left = await as(statuses[0] === answers[0]!.status ? first : second, `/api/v1/organizations/${org}/members`);
      const roles = ((await left.json()) as { data: { role: string }[] }).data.map((m) => m.role);
      expect(roles.filter((r) => r === "owner"), change).toHaveLength(1);
    }
  });

  it("changes a member's role: admins between member and admin, only an owner to or from owner", async () => {
    const owner = await signup();
    const admin = await invited(owner, "admin");
    const viewer = await invited(owner, "member");
    const org = owner.organizationId;
    const roleOf = async (m: { memberId: string }) =>
      ((await (await as(owner, `/api/v1/organizations/${org}/members`)).json()) as { data: { id: string; role: string }[] }).data.find((x) => x.id === m.memberId)?.role;
    const patch = (by: typeof owner, who: { memberId: string }, role: string) => as(by, `/api/v1/organizations/${org}/members/${who.memberId}`, { method: "PATCH", json: { role } });

    const promoted = await patch(admin, viewer, "admin");
    expect(promoted.status).toBe(200);
    expect(((await promoted.json()) as { data: { role: string } }).data.role).toBe("admin");
    expect(await roleOf(viewer)).toBe("admin");
    expect((await patch(admin, viewer, "owner")).status).toBe(403);
    expect((await patch(admin, owner, "member")).status).toBe(403);
    expect((await patch(viewer, admin, "member")).status).toBe(200);
    expect((await patch(admin, viewer, "member")).status).toBe(403);
    // An owner makes another owner; then the first may step down.
    expect((await patch(owner, viewer, "owner")).status).toBe(200);
    expect((await patch(owner, owner, "admin")).status).toBe(200);
    expect(await roleOf(owner)).toBe("admin");
    expect((await patch(viewer, viewer, "banana")).status).toBe(400);
    // `{}` changes nothing and answers the member as they are, even an owner asked about by an admin.
    const unchanged = await as(owner, `/api/v1/organizations/${org}/members/${viewer.memberId}`, { method: "PATCH", json: {} });
    expect(unchanged.status).toBe(200);
    expect(((await unchanged.json()) as { data: { role: string } }).data.role).toBe("owner");
  });

  it("lets any member leave, with their own id, and forgets the organization as their current one", async () => {
    const owner = await signup();
    const viewer = await invited(owner, "member");
    const org = owner.organizationId;
    const other = await invited(owner, "member");
    expect((await as(viewer, `/api/v1/organizations/${org}/members/${other.memberId}`, { method: "DELETE" })).status).toBe(403);
    expect((await as(viewer, `/api/v1/organizations/${org}/members/${viewer.memberId}`, { method: "DELETE" })).status).toBe(204);
    const session = (await (await as(viewer, "/api/v1/auth/session")).json()) as { data: { organizations: { id: string }[]; currentOrganizationId: string | null } };
    expect(session.data.organizations.map((o) => o.id)).not.toContain(org);
    expect(session.data.currentOrganizationId).toBeNull();
    expect((await as(viewer, `/api/v1/organizations/${org}/chatbots`)).status).toBe(404);
  });

  it("replaces an address's pending invitation when it is invited again: one row, the new role, the earlier link dead", async () => {
    const owner = await signup();
    const admin = await invited(owner, "admin");
    const org = owner.organizationId;
    const invite = async (by: typeof owner, email: string, role: string) => as(by, `/api/v1/organizations/${org}/invitations`, { method: "POST", json: { email, role } });
    const pending = async () => ((await (await as(owner, `/api/v1/organizations/${org}/invitations`)).json()) as { data: { email: string; role: string }[] }).data;

    // Each invitation's email is awaited, so the second's is the one read (the first's arrives after its answer).
    const first = (await emailedLink("twice@example.com", () => invite(admin, "twice@example.com", "member"))).link.searchParams.get("token")!;
    // The emailed link of the second invitation: the one that creates an account.
    const second = (await emailedLink("twice@example.com", () => invite(admin, "Twice@Example.com", "admin"))).link.searchParams.get("token")!;
    expect((await pending()).filter((i) => i.email.toLowerCase() === "twice@example.com").map((i) => i.role)).toEqual(["admin"]);
    const accept = (token: string) =>
      call("/api/v1/auth/invitations/accept", { method: "POST", json: { token, name: "Twice", password: "another good password" }, headers: { "cf-connecting-ip": "10.9.1.1" } });
    expect((await accept(first)).status).toBe(400);

    // An owner's invitation of an owner is the owner's to replace, as it is theirs to revoke.
    expect((await invite(owner, "boss2@example.com", "owner")).status).toBe(201);
    expect((await invite(admin, "boss2@example.com", "member")).status).toBe(403);
    expect((await pending()).find((i) => i.email === "boss2@example.com")?.role).toBe("owner");
    // Creating the account needs both fields, and a refusal names every one missing.
    const bare = await call("/api/v1/auth/invitations/accept", { method: "POST", json: { token: second }, headers: { "cf-connecting-ip": "10.9.1.2" } });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as ErrorBody).error).toMatchObject({
      message: "name: required to create your account",
      details: [
        { field: "name", message: "required to create your account" },
        { field: "password", message: "required to create your account" },
      ],
    });
    expect((await accept(second)).status).toBe(200);
  }, 15_000);

  it("creates an account only from the emailed link: the link answered to the inviter asks to log in, saying nothing of the address", async () => {
    const owner = await signup();
    const org = owner.organizationId;
    const existing = await signup("Existing");
    const invite = (email: string) => emailedLink(email, () => as(owner, `/api/v1/organizations/${org}/invitations`, { method: "POST", json: { email, role: "member" } }));
    const accept = (token: string, ip: string) =>
      call("/api/v1/auth/invitations/accept", { method: "POST", json: { token, name: "Someone", password: "a password of my own" }, headers: { "cf-connecting-ip": ip } });

    const fresh = await invite("fresh-invitee@example.com");
    const known = await invite(existing.email);
    const shared = async (sent: typeof fresh) => ((await sent.res.json()) as { data: { token: string; link: string } }).data;
    const freshShared = await shared(fresh);
    const knownShared = await shared(known);
    // Two links: the one answered is not the emailed one.
    expect(freshShared.token).not.toBe(fresh.link.searchParams.get("token"));
    expect(freshShared.link).toContain(`token=${freshShared.token}`);

    // Whoever invited cannot make an account in the invited person's name with the link they were given, and its
    // answer is the same whether the address has an account or not.
    const refusals = [await accept(freshShared.token, "10.7.1.1"), await accept(knownShared.token, "10.7.1.2")];
    expect(refusals.map((r) => r.status)).toEqual([401, 401]);
    const messages = await Promise.all(refusals.map(async (r) => ((await r.json()) as ErrorBody).error.message.replace(/\S+@example\.com/g, "<address>")));
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).toMatch(/open the link in the invitation email/);

    // The invited person with an account accepts the shared link logged in; the emailed link creates the new account.
    expect((await as(existing, "/api/v1/auth/invitations/accept", { method: "POST", json: { token: knownShared.token } })).status).toBe(200);
    expect((await accept(fresh.link.searchParams.get("token")!, "10.7.1.3")).status).toBe(200);
    const members = ((await (await as(owner, `/api/v1/organizations/${org}/members`)).json()) as { data: { email: string }[] }).data.map((m) => m.email);
    expect(members).toEqual(expect.arrayContaining([existing.email, "fresh-invitee@example.com"]));
  }, 15_000);

  it("tells an invitation link's page, by either link and without a session, which organization, role and address it invites, and refuses a used or unknown link naming `token`", async () => {
    const owner = await signup();
    const org = owner.organizationId;
    expect((await as(owner, `/api/v1/organizations/${org}`, { method: "PATCH", json: { name: "Tellmore Ltd" } })).status).toBe(200);
    const sent = await emailedLink("preview@example.com", () => as(owner, `/api/v1/organizations/${org}/invitations`, { method: "POST", json: { email: "preview@example.com", role: "admin" } }));
    const answered = ((await sent.res.json()) as { data: { token: string } }).data.token;
    const emailed = sent.link.searchParams.get("token")!;
    const look = (query: string) => call(`/api/v1/auth/invitations/accept${query}`, { headers: { "cf-connecting-ip": "10.9.2.1" } });

    for (const token of [emailed, answered]) {
      const res = await look(`?token=${token}`);
      expect(res.status).toBe(200);
      const { data } = (await res.json()) as { data: { organization: { name: string }; role: string; email: string; expiresAt: number } };
      expect(data).toEqual({ organization: { name: "Tellmore Ltd" }, role: "admin", email: "preview@example.com", expiresAt: expect.any(Number) });
      expect(data.expiresAt).toBeGreaterThan(Date.now());
    }

    const accepted = await call("/api/v1/auth/invitations/accept", { method: "POST", json: { token: emailed, name: "Pre View", password: "a good long password" }, headers: { "cf-connecting-ip": "10.9.2.2" } });
    expect(accepted.status).toBe(200);
    for (const query of [`?token=${emailed}`, `?token=${answered}`, `?token=${"x".repeat(40)}`, ""]) {
      const res = await look(query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.map((d) => d.field), query).toEqual(["token"]);
    }
  }, 15_000);

  it("answers an invitation of someone already in the organization with the role change to make instead", async () => {
    const owner = await signup();
    const admin = await invited(owner, "admin");
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}/invitations`, { method: "POST", json: { email: admin.email.toUpperCase(), role: "owner" } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`/members/${admin.memberId}`);
  });
});

describe("chatbots", () => {
  it("refuses capture into an archived chatbot and accepts it again once unarchived", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const path = `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`;
    await as(owner, path, { method: "PATCH", json: { status: "archived" } });
    const refused = await capture(ingestKey, { conversationId: "c", messages: [{ role: "user", content: "hi" }] });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe("chatbot_archived");
    await as(owner, path, { method: "PATCH", json: { status: "active" } });
    expect((await capture(ingestKey, { conversationId: "c", messages: [{ role: "user", content: "hi" }] })).status).toBe(200);
  });

  it("keeps a chatbot pending until its first message, unarchived too; one with conversations comes back active", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const path = `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`;
    const status = async (json: { status: "active" | "archived" }) => ((await (await as(owner, path, { method: "PATCH", json })).json()) as { data: { status: string } }).data.status;
    expect(await status({ status: "active" })).toBe("pending");
    expect(await status({ status: "archived" })).toBe("archived");
    expect(await status({ status: "active" })).toBe("pending");
    await capture(ingestKey, { conversationId: "first", messages: [{ role: "user", content: "hi" }] });
    await syncIndex(conversationStub(env, chatbotId, "first"));
    expect(await status({ status: "archived" })).toBe("archived");
    expect(await status({ status: "active" })).toBe("active");
  });

  it("brings a chatbot archived right after its first capture back active, before the index holds its conversation", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const path = `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`;
    const db = createDb(env.DB);
    await capture(ingestKey, { conversationId: "just-now", messages: [{ role: "user", content: "hi" }] });
    // The capture marks it active after answering (waitUntil); the conversation reaches the index a moment later.
    await expect.poll(async () => (await db.select().from(chatbots).where(eq(chatbots.id, chatbotId)).get())?.status).toBe("active");
    await as(owner, path, { method: "PATCH", json: { status: "archived" } });
    expect(await db.select().from(conversations).where(eq(conversations.chatbotId, chatbotId)).all()).toEqual([]);
    const back = (await (await as(owner, path, { method: "PATCH", json: { status: "active" } })).json()) as { data: { status: string } };
    expect(back.data.status).toBe("active");
  });

  it("closes the open sockets of a chatbot when it is archived", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const socket = await connect("/api/v1/live/still-open", { key: ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", id: "m1", role: "user", content: "hello" });
    await socket.next("ack");
    await syncIndex(conversationStub(env, chatbotId, "still-open")); // the index knows it is recent
    await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "PATCH", json: { status: "archived" } });
    await expect.poll(() => socket.closed).toBe(true);
    const { response } = await openSocket("/api/v1/live/still-open", { key: ingestKey });
    expect(response.status).toBe(403);
  });

  it("deletes a chatbot with its keys and conversations", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const captured = (await (await capture(ingestKey, { conversationId: "gone", messages: [{ role: "user", content: "hi" }] })).json()) as { conversationId: string };
    expect((await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "DELETE" })).status).toBe(204);
    expect((await capture(ingestKey, { conversationId: "gone", messages: [{ role: "user", content: "again" }] })).status).toBe(401);
    expect((await as(owner, `/api/v1/chatbots/${chatbotId}/conversations/${captured.conversationId}`)).status).toBe(404);
  });

  it("manages keys from the dashboard: list shows prefixes only, rotate and revoke", async () => {
    const owner = await signup();
    const { chatbotId, ingestKey } = await chatbotOf(owner);
    const listed = (await (await as(owner, `/api/v1/chatbots/${chatbotId}/keys`)).json()) as { data: { id: string; prefix: string }[] };
    expect(JSON.stringify(listed)).not.toContain(ingestKey);
    const id = listed.data[0]!.id;
    const rotated = (await (await as(owner, `/api/v1/chatbots/${chatbotId}/keys/${id}/rotate`, { method: "POST" })).json()) as { data: { secret: string } };
    expect((await capture(ingestKey, { conversationId: "c", messages: [{ role: "user", content: "hi" }] })).status).toBe(401);
    expect((await capture(rotated.data.secret, { conversationId: "c", messages: [{ role: "user", content: "hi" }] })).status).toBe(200);
  });
});
