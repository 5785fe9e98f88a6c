/**
 * Sign-up (confirmed by email), log-in and password reset for dashboard members (SPEC §1–2), with the
 * per-account throttles of services/throttles.ts.
 */
import { and, eq, exists, gt, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { members, memberships, organizations, passwordResets, sessions, signupRequests } from "../db/schema";
import { ApiError, fieldError } from "../errors";
import { sha256Hex } from "./crypto";
import { newId, randomBase62 } from "./ids";
import { hashPassword, verifyPassword } from "./passwords";
import { countWithin, emailKey, loginSucceeded, reserveLoginAttempt, THROTTLES } from "./throttles";
import { nameText } from "../schemas/names";

const RESET_TTL_MS = 60 * 60 * 1000;

/** An address as typed or pasted: spaces around it are dropped (a pasted address often carries one), case ignored. */
export const email = z.string().trim().meta({ format: "email" }).pipe(z.email().max(256)).transform((e) => e.toLowerCase());
export const password = z.string().min(10, "must be at least 10 characters").max(256, "must be at most 256 characters");

export const signupBody = z.object({
  email,
  password,
  name: nameText(120),
  organizationName: nameText(120),
}).strict();

export const loginBody = z.object({ email, password: z.string().min(1).max(256) }).strict();

const SIGNUP_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What a sign-up request leads to, for the email sent afterwards: a link that creates the account, or —
 * the address already has one — a note to its owner. The HTTP answer is the same either way.
 */
export type SignupOutcome = { kind: "confirm"; token: string } | { kind: "exists" };

/**
 * Records a sign-up request. Both outcomes hash the password and write one row, so neither is the
 * faster; the route runs this after answering, so the answer's timing says nothing either.
 */
export async function requestSignup(db: Db, input: z.infer<typeof signupBody>, now = Date.now()): Promise<SignupOutcome> {
  const token = randomBase62(32);
  const [passwordHash, existing] = await Promise.all([
    hashPassword(input.password),
    db.select({ id: members.id }).from(members).where(eq(members.email, input.email)).get(),
  ]);
  await db.batch([
    db.insert(signupRequests).values({
      tokenHash: await sha256Hex(token),
      email: input.email,
      name: input.name,
      organizationName: input.organizationName,
      passwordHash,
      expiresAt: now + SIGNUP_TTL_MS,
      createdAt: now,
    }),
    db.delete(signupRequests).where(lt(signupRequests.expiresAt, now)),
  ]);
  return existing ? { kind: "exists" } : { kind: "confirm", token };
}

/** Counts a sign-up request against the address's limit, known or not (answered before anything else). */
export async function countSignupRequest(db: Db, address: string): Promise<void> {
  await countWithin(db, await emailKey("signup", address), THROTTLES.signupsPerEmail, "sign-up requests for this email");
}

export const confirmSignupBody = z.object({ token: z.string().min(10).max(200) }).strict();

/** Creates the account of a confirmed sign-up: the member, an organization they own; returns both ids. */
export async function confirmSignup(db: Db, input: z.infer<typeof confirmSignupBody>, now = Date.now()): Promise<{ memberId: string; organizationId: string }> {
  const tokenHash = await sha256Hex(input.token);
  const request = await db
    .select()
    .from(signupRequests)
    .where(and(eq(signupRequests.tokenHash, tokenHash), isNull(signupRequests.usedAt), gt(signupRequests.expiresAt, now)))
    .get();
  if (!request) throw fieldError("token", "invalid, used or expired sign-up link");
  const accountExists = () => new ApiError("conflict", "an account with this email exists; log in instead (or reset the password)");
  if (await db.select({ id: members.id }).from(members).where(eq(members.email, request.email)).get()) throw accountExists();
  const memberId = newId("mem");
  const organizationId = newId("org");
  try {
    await db.batch([
      db.insert(members).values({ id: memberId, email: request.email, name: request.name, passwordHash: request.passwordHash, createdAt: now }),
      db.insert(organizations).values({ id: organizationId, name: request.organizationName, createdAt: now }),
      db.insert(memberships).values({ organizationId, memberId, role: "owner", createdAt: now }),
      db.update(signupRequests).set({ usedAt: now }).where(eq(signupRequests.tokenHash, tokenHash)),
    ]);
  } catch (error) {
    // Two links of the same address confirmed at once: the email's uniqueness let one through.
    if (await db.select({ id: members.id }).from(members).where(eq(members.email, request.email)).get()) throw accountExists();
    throw error;
  }
  return { memberId, organizationId };
}

// Verifying against this when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;

/** The member for valid credentials; one error for unknown email and wrong password alike. */
export async function login(db: Db, input: z.infer<typeof loginBody>): Promise<{ memberId: string }> {
  // Counted before the password is checked: a locked account answers 429 and nothing is verified.
  await reserveLoginAttempt(db, input.email);
  const member = await db.select().from(members).where(eq(members.email, input.email)).get();
  decoyHash ??= hashPassword(randomBase62(16));
  const ok = await verifyPassword(input.password, member?.passwordHash ?? (await decoyHash));
  if (!member || !ok) throw new ApiError("unauthorized", "wrong email or password");
  await loginSucceeded(db, input.email);
  return { memberId: member.id };
}

/** The member's first organization, for a fresh session. */
export async function defaultOrganization(db: Db, memberId: string): Promise<string | null> {
  const row = await db.select({ id: memberships.organizationId }).from(memberships).where(eq(memberships.memberId, memberId)).orderBy(memberships.createdAt).get();
  return row?.id ?? null;
}

/** Counts a reset request against the address's limit (known or not: the answer must not tell). */
export async function countResetRequest(db: Db, address: string): Promise<void> {
  await countWithin(db, await emailKey("reset", address), THROTTLES.passwordResetsPerEmail, "password reset requests for this email");
}

/** Makes a reset token for a known email (null otherwise: the caller answers the same either way). */
export async function requestPasswordReset(db: Db, address: string): Promise<{ token: string; memberId: string } | null> {
  const member = await db.select({ id: members.id }).from(members).where(eq(members.email, address)).get();
  if (!member) return null;
  const token = randomBase62(32);
  await db.insert(passwordResets).values({ tokenHash: await sha256Hex(token), memberId: member.id, expiresAt: Date.now() + RESET_TTL_MS, createdAt: Date.now() });
  return { token, memberId: member.id };
}

export const resetBody = z.object({ token: z.string().min(10).max(200), password }).strict();

/**
 * Sets the new password, spends the token with every other reset link of the member (an older email must not
 * set the password again) and ends every session of the member; answers the member.
 */
export async function confirmPasswordReset(db: Db, input: z.infer<typeof resetBody>): Promise<{ memberId: string }> {
  const tokenHash = await sha256Hex(input.token);
  const now = Date.now();
  const usable = and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now));
  const reset = await db.select().from(passwordResets).where(usable).get();
  if (!reset) throw invalidResetLink();
  const passwordHash = await hashPassword(input.password);
  // One transaction, the password first and only while the link is still unspent: of two confirms of one link
  // racing, the second changes nothing.
  const [updated] = await db.batch([
    db
      .update(members)
      .set({ passwordHash })
      .where(and(eq(members.id, reset.memberId), exists(db.select({ one: sql`1` }).from(passwordResets).where(usable))))
      .returning({ email: members.email }),
    db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.memberId, reset.memberId), isNull(passwordResets.usedAt))),
    db.delete(sessions).where(eq(sessions.memberId, reset.memberId)),
  ]);
  if (!updated[0]) throw invalidResetLink();
  // Proving the inbox is the way out of a log-in lock (also one an attacker caused).
  await loginSucceeded(db, updated[0].email);
  return { memberId: reset.memberId };
}

const invalidResetLink = () => fieldError("token", "invalid, used or expired reset link");

export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), password }).strict();

/**
 * A logged-in member's new password, given the current one. The current one is checked under the log-in
 * throttle (a borrowed session must not be a way to guess it); then the password, every unspent reset link and
 * every session of the member change in one transaction — the caller starts a fresh session afterwards.
 */
export async function changePassword(db: Db, member: { memberId: string; email: string }, input: z.infer<typeof changePasswordBody>): Promise<void> {
  await reserveLoginAttempt(db, member.email);
  const row = await db.select({ passwordHash: members.passwordHash }).from(members).where(eq(members.id, member.memberId)).get();
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw fieldError("currentPassword", "not your current password");
  }
  await loginSucceeded(db, member.email);
  const passwordHash = await hashPassword(input.password);
  await db.batch([
    db.update(members).set({ passwordHash }).where(eq(members.id, member.memberId)),
    db.update(passwordResets).set({ usedAt: Date.now() }).where(and(eq(passwordResets.memberId, member.memberId), isNull(passwordResets.usedAt))),
    db.delete(sessions).where(eq(sessions.memberId, member.memberId)),
  ]);
}

/** Like every PATCH body, each field optional: `{}` changes nothing. */
export const profileBody = z.object({ name: nameText(120).optional() }).strict();

/** The member's own name, as organizations' member lists, assignments and notifications show it. */
export async function renameMember(db: Db, memberId: string, input: { name: string }): Promise<void> {
  await db.update(members).set({ name: input.name }).where(eq(members.id, memberId));
}
