import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { json, jsonBody, jsonData, noContent } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { accountCreated, invitationSchema, sent, sessionSchema, sessionStarted } from "../schemas/accounts";
import { memberSession, sessionRequired } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import {
  changePassword,
  changePasswordBody,
  confirmPasswordReset,
  confirmSignup,
  confirmSignupBody,
  countResetRequest,
  countSignupRequest,
  defaultOrganization,
  email,
  login,
  loginBody,
  profileBody,
  renameMember,
  requestPasswordReset,
  requestSignup,
  resetBody,
  signupBody,
} from "../services/accounts";
import { sendEmail } from "../services/mail";
import { acceptBody, acceptInvitation, describeInvitation, invitationLinkQuery, listOrganizations } from "../services/organizations";
import { hashPassword } from "../services/passwords";
import { currentSession, endSession, roleIn, startSession, type Session } from "../services/sessions";
import { endSessionSockets } from "../services/session-sockets";
import { sessions } from "../db/schema";
import { eq } from "drizzle-orm";

/** Dashboard accounts: sign-up, log-in/out, the current session, password reset, invitations. */
export const auth = apiRouter();
const tags = ["Accounts"];

/**
 * Credential endpoints are limited per client address first (AUTH_LIMITER, wrangler.toml), before any
 * password hashing or D1 work; per account and per email the limits are in D1 (services/throttles.ts).
 */
const perAddress = (what: string) => rateLimit("AUTH_LIMITER", (c) => `${what}:${c.req.header("cf-connecting-ip") ?? "local"}`);
auth.use("/login", perAddress("login"));
auth.use("/signup", perAddress("signup"));
auth.use("/signup/confirm", perAddress("signup"));
auth.use("/password-reset", perAddress("reset"));
auth.use("/password-reset/confirm", perAddress("reset"));
auth.use("/invitations/accept", perAddress("accept"));
auth.use("/password", perAddress("password"));

/** The session the request's cookie names, or `given` (one started by this request, whose cookie goes out with the answer). */
async function sessionView(c: Context<AppEnv>, given?: Session) {
  const session = given ?? (await currentSession(c));
  if (!session) throw new ApiError("unauthorized", "not logged in");
  const organizations = await listOrganizations(c.get("db"), session.memberId);
  return {
    member: { id: session.memberId, email: session.email, name: session.name },
    organizations,
    // One the member has left (or was removed from, or that was deleted) is no longer current.
    currentOrganizationId: organizations.some((o) => o.id === session.organizationId) ? session.organizationId : null,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** Work whose outcome must not show in the answer or its timing: done after answering, failures logged. */
function afterAnswering(c: Context<AppEnv>, what: string, work: () => Promise<void>) {
  c.executionCtx.waitUntil(work().catch((error) => console.error(`${what} failed`, { requestId: c.get("requestId"), error: error instanceof Error ? error.stack : String(error) })));
}

/**
 * Always 202 "check your inbox", new address or known, so the answer does not reveal who has an
 * account. A new address gets a link that creates the account (POST /signup/confirm); a known one gets
 * a note that someone tried, with a way to log in or reset the password.
 */
auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/signup",
    tags,
    summary: "Ask for an account: a link to create it is emailed (a known address gets a note instead)",
    request: { body: jsonBody(signupBody) },
    responses: { 202: jsonData(sent, "Always, whether or not the address has an account") },
  }),
  async (c) => {
    const input = c.req.valid("json");
    await countSignupRequest(c.get("db"), input.email);
    const origin = new URL(c.req.url).origin;
    afterAnswering(c, "sign-up request", async () => {
      const outcome = await requestSignup(c.get("db"), input);
      await sendEmail(
        c.env,
        outcome.kind === "confirm"
          ? { kind: "signup_confirm", to: input.email, link: `${origin}/confirm-signup?token=${outcome.token}` }
          : { kind: "signup_exists", to: input.email, link: `${origin}/login` },
      );
    });
    return c.json({ data: { sent: true as const } }, 202);
  },
);

/** The emailed link's page posts its token here: the account is created and a session starts. */
auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/signup/confirm",
    tags,
    summary: "Create the account and its organization with the emailed token; starts a session",
    request: { body: jsonBody(confirmSignupBody) },
    responses: { 201: jsonData(accountCreated, "The new member and organization; the session cookie is set") },
  }),
  async (c) => {
    const { memberId, organizationId } = await confirmSignup(c.get("db"), c.req.valid("json"));
    const { csrfToken } = await startSession(c, memberId, organizationId);
    return c.json({ data: { memberId, organizationId, csrfToken } }, 201);
  },
);

auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/login",
    tags,
    summary: "Log in",
    request: { body: jsonBody(loginBody) },
    responses: { 200: jsonData(sessionStarted, "The member and the session's CSRF token; the session cookie is set") },
  }),
  async (c) => {
    const { memberId } = await login(c.get("db"), c.req.valid("json"));
    const { csrfToken } = await startSession(c, memberId, await defaultOrganization(c.get("db"), memberId));
    return c.json({ data: { memberId, csrfToken } }, 200);
  },
);

auth.openapi(
  apiRoute("member", { method: "post", path: "/logout", tags, summary: "Log out", middleware: [sessionRequired], responses: { 204: noContent("Logged out") } }),
  async (c) => {
    await endSession(c, c.get("session"));
    return c.body(null, 204);
  },
);

auth.openapi(
  apiRoute("member", { method: "get", path: "/session", tags, summary: "The current session", responses: { 200: jsonData(sessionSchema, "The member, their organizations and the CSRF token") } }),
  async (c) => c.json({ data: await sessionView(c, await memberSession(c)) }, 200),
);

/** Switches the organization the dashboard looks at. */
auth.openapi(
  apiRoute("member", {
    method: "post",
    path: "/switch",
    tags,
    summary: "Switch the organization the dashboard looks at",
    middleware: [sessionRequired],
    request: { body: jsonBody(z.object({ organizationId: z.string().min(1) }).strict()) },
    responses: { 200: jsonData(sessionSchema, "The session") },
  }),
  async (c) => {
    const session = c.get("session");
    const { organizationId } = c.req.valid("json");
    if (!(await roleIn(c.get("db"), session.memberId, organizationId))) throw new ApiError("not_found", "organization not found");
    await c.get("db").update(sessions).set({ organizationId }).where(eq(sessions.id, session.id));
    return c.json({ data: await sessionView(c) }, 200);
  },
);

/**
 * A logged-in member changes their password with the current one. Every session of the member ends (another
 * browser, a stolen cookie) and their sockets close; this browser gets a fresh session, in the answer.
 */
auth.openapi(
  apiRoute("member", {
    method: "post",
    path: "/password",
    tags,
    summary: "Change your password (the current one required); ends every other session, and this one is renewed",
    middleware: [sessionRequired],
    request: { body: jsonBody(changePasswordBody) },
    responses: { 200: jsonData(sessionSchema, "The renewed session, its new CSRF token included") },
  }),
  async (c) => {
    const session = c.get("session");
    await changePassword(c.get("db"), session, c.req.valid("json"));
    await endSessionSockets(c.env, c.get("db"), session.memberId);
    const renewed = await startSession(c, session.memberId, session.organizationId);
    return c.json({ data: await sessionView(c, { ...session, ...renewed }) }, 200);
  },
);

/** A member's own name (their email is their log-in: it does not change here). */
auth.openapi(
  apiRoute("member", {
    method: "patch",
    path: "/me",
    tags,
    summary: "Change your name",
    middleware: [sessionRequired],
    request: { body: jsonBody(profileBody) },
    responses: { 200: jsonData(sessionSchema, "The session, with the new name") },
  }),
  async (c) => {
    const session = c.get("session");
    const { name } = c.req.valid("json");
    if (name !== undefined) await renameMember(c.get("db"), session.memberId, { name });
    // From what was just written, not read back: the session's own reads may go to a replica behind the write.
    return c.json({ data: await sessionView(c, { ...session, name: name ?? session.name }) }, 200);
  },
);

/** Always 202, known address or not, so the answer (and its timing) does not reveal who has an account. */
auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/password-reset",
    tags,
    summary: "Ask for a password reset email",
    request: { body: jsonBody(z.object({ email }).strict()) },
    responses: { 202: jsonData(sent, "Always, whether or not the address has an account") },
  }),
  async (c) => {
    const { email: address } = c.req.valid("json");
    await countResetRequest(c.get("db"), address);
    const origin = new URL(c.req.url).origin;
    afterAnswering(c, "password reset request", async () => {
      const reset = await requestPasswordReset(c.get("db"), address);
      if (reset) await sendEmail(c.env, { kind: "password_reset", to: address, link: `${origin}/reset-password?token=${reset.token}` });
    });
    return c.json({ data: { sent: true as const } }, 202);
  },
);

auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/password-reset/confirm",
    tags,
    summary: "Set a new password with the emailed token (ends every session of the member)",
    request: { body: jsonBody(resetBody) },
    responses: { 200: jsonData(z.object({ reset: z.literal(true) }), "Done") },
  }),
  async (c) => {
    const { memberId } = await confirmPasswordReset(c.get("db"), c.req.valid("json"));
    // Sockets outlive the sessions they were opened with: close all the member's (notification channel, live feeds) too.
    await endSessionSockets(c.env, c.get("db"), memberId);
    return c.json({ data: { reset: true as const } }, 200);
  },
);

/** What the link invites to, as its page says it before anyone accepts: the invitation's own fields, and its organization's name. */
const invitationPreview = invitationSchema
  .pick({ email: true, role: true, expiresAt: true })
  .extend({ organization: z.object({ name: z.string() }) })
  .openapi("InvitationPreview");

/** Read before accepting, by whoever holds either link (a session is not needed, and changes nothing). */
auth.openapi(
  apiRoute("public", {
    method: "get",
    path: "/invitations/accept",
    tags,
    summary: "What an invitation link invites to: the organization's name, the role and the invited address",
    request: { query: invitationLinkQuery },
    responses: { 200: jsonData(invitationPreview, "The pending invitation the token names") },
  }),
  async (c) => c.json({ data: await describeInvitation(c.get("db"), c.req.valid("query").token) }, 200),
);

/** Accepting an invitation is an explicit POST: as the logged-in member, or creating the account. */
auth.openapi(
  apiRoute("public", {
    method: "post",
    path: "/invitations/accept",
    tags,
    summary: "Accept an invitation, as the logged-in member or creating the account",
    request: { body: jsonBody(acceptBody) },
    responses: { 200: jsonData(accountCreated, "The member and the organization joined") },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const session = await currentSession(c);
    if (session && c.req.header("x-csrf-token") !== session.csrfToken) {
      throw new ApiError("forbidden", "missing or wrong x-csrf-token header (cross-site requests are refused)");
    }
    const current = session ? { memberId: session.memberId, email: session.email } : null;
    const joined = await acceptInvitation(c.get("db"), input, current, hashPassword);
    const csrfToken = session ? session.csrfToken : (await startSession(c, joined.memberId, joined.organizationId)).csrfToken;
    return c.json({ data: { ...joined, csrfToken } }, 200);
  },
);
