import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { readJson } from "../input";
import { rateLimit } from "../middleware/rate-limit";
import { confirmPasswordReset, defaultOrganization, email, login, loginBody, requestPasswordReset, resetBody, signup, signupBody } from "../services/accounts";
import { acceptBody, acceptInvitation, listOrganizations } from "../services/organizations";
import { hashPassword } from "../services/passwords";
import { currentSession, endSession, requireSession, roleIn, startSession } from "../services/sessions";
import { sessions } from "../db/schema";
import { eq } from "drizzle-orm";

/** Dashboard accounts: sign-up, log-in/out, the current session, password reset, invitations. */
export const auth = new Hono<AppEnv>();

// Credential endpoints are rate limited per client address, before any password hashing.
auth.use("/login", rateLimit("READ_LIMITER", (c) => `login:${c.req.header("cf-connecting-ip") ?? "local"}`));
auth.use("/signup", rateLimit("READ_LIMITER", (c) => `signup:${c.req.header("cf-connecting-ip") ?? "local"}`));
auth.use("/password-reset/*", rateLimit("READ_LIMITER", (c) => `reset:${c.req.header("cf-connecting-ip") ?? "local"}`));

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

auth.post("/signup", async (c) => {
  const input = await readJson(c, signupBody);
  const { memberId, organizationId } = await signup(c.get("db"), input);
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

/** Always 202, known address or not, so the answer does not reveal who has an account. */
auth.post("/password-reset", async (c) => {
  const { email: address } = await readJson(c, z.object({ email }));
  const reset = await requestPasswordReset(c.get("db"), address);
  if (reset && c.env.LOG_EMAILS === "true") {
    // Local development has no mail server: the "email" is this log line.
    console.info(`[email to ${address}] reset your OpenBat password: ${new URL(c.req.url).origin}/reset-password?token=${reset.token}`);
  }
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
