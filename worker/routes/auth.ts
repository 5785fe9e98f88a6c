import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { readJson } from "../input";
import { rateLimit } from "../middleware/rate-limit";
import {
  confirmPasswordReset,
  confirmSignup,
  confirmSignupBody,
  countResetRequest,
  countSignupRequest,
  defaultOrganization,
  email,
  login,
  loginBody,
  requestPasswordReset,
  requestSignup,
  resetBody,
  signupBody,
} from "../services/accounts";
import { sendEmail } from "../services/mail";
import { acceptBody, acceptInvitation, listOrganizations } from "../services/organizations";
import { hashPassword } from "../services/passwords";
import { currentSession, endSession, requireSession, roleIn, startSession } from "../services/sessions";
import { sessions } from "../db/schema";
import { eq } from "drizzle-orm";

/** Dashboard accounts: sign-up, log-in/out, the current session, password reset, invitations. */
export const auth = new Hono<AppEnv>();

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

async function sessionView(c: Context<AppEnv>) {
  const session = await currentSession(c);
  if (!session) throw new ApiError("unauthorized", "not logged in");
  return {
    member: { id: session.memberId, email: session.email, name: session.name },
    organizations: await listOrganizations(c.get("db"), session.memberId),
    currentOrganizationId: session.organizationId,
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
auth.post("/signup", async (c) => {
  const input = await readJson(c, signupBody);
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
  return c.json({ data: { sent: true } }, 202);
});

/** The emailed link's page posts its token here: the account is created and a session starts. */
auth.post("/signup/confirm", async (c) => {
  const { memberId, organizationId } = await confirmSignup(c.get("db"), await readJson(c, confirmSignupBody));
  const { csrfToken } = await startSession(c, memberId, organizationId);
  return c.json({ data: { memberId, organizationId, csrfToken } }, 201);
});

auth.post("/login", async (c) => {
  const input = await readJson(c, loginBody);
  const { memberId } = await login(c.get("db"), input);
  const { csrfToken } = await startSession(c, memberId, await defaultOrganization(c.get("db"), memberId));
  return c.json({ data: { memberId, csrfToken } });
});

auth.post("/logout", async (c) => {
  await endSession(c, await requireSession(c));
  return c.body(null, 204);
});

auth.get("/session", async (c) => c.json({ data: await sessionView(c) }));

/** Switches the organization the dashboard looks at. */
auth.post("/switch", async (c) => {
  const session = await requireSession(c);
  const { organizationId } = await readJson(c, z.object({ organizationId: z.string().min(1) }));
  if (!(await roleIn(c.get("db"), session.memberId, organizationId))) throw new ApiError("not_found", "organization not found");
  await c.get("db").update(sessions).set({ organizationId }).where(eq(sessions.id, session.id));
  return c.json({ data: await sessionView(c) });
});

/** Always 202, known address or not, so the answer (and its timing) does not reveal who has an account. */
auth.post("/password-reset", async (c) => {
  const { email: address } = await readJson(c, z.object({ email }));
  await countResetRequest(c.get("db"), address);
  const origin = new URL(c.req.url).origin;
  afterAnswering(c, "password reset request", async () => {
    const reset = await requestPasswordReset(c.get("db"), address);
    if (reset) await sendEmail(c.env, { kind: "password_reset", to: address, link: `${origin}/reset-password?token=${reset.token}` });
  });
  return c.json({ data: { sent: true } }, 202);
});

auth.post("/password-reset/confirm", async (c) => {
  await confirmPasswordReset(c.get("db"), await readJson(c, resetBody));
  return c.json({ data: { reset: true } });
});

/** Accepting an invitation is an explicit POST: as the logged-in member, or creating the account. */
auth.post("/invitations/accept", async (c) => {
  const input = await readJson(c, acceptBody);
  const session = await currentSession(c);
  if (session && c.req.header("x-csrf-token") !== session.csrfToken) {
    throw new ApiError("forbidden", "missing or wrong x-csrf-token header (cross-site requests are refused)");
  }
  const current = session ? { memberId: session.memberId, email: session.email } : null;
  const joined = await acceptInvitation(c.get("db"), input, current, hashPassword);
  const csrfToken = session ? session.csrfToken : (await startSession(c, joined.memberId, joined.organizationId)).csrfToken;
  return c.json({ data: { ...joined, csrfToken } });
});
