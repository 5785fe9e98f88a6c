/**
 * Sign-up, log-in and password reset for dashboard members (SPEC §1–2).
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { members, memberships, organizations, passwordResets, sessions } from "../db/schema";
import { ApiError } from "../errors";
import { sha256Hex } from "./crypto";
import { newId, randomBase62 } from "./ids";
import { hashPassword, verifyPassword } from "./passwords";

const RESET_TTL_MS = 60 * 60 * 1000;

export const email = z.email().max(256).transform((e) => e.toLowerCase());
export const password = z.string().min(10, "must be at least 10 characters").max(256);

export const signupBody = z.object({
  email,
  password,
  name: z.string().trim().min(1).max(120),
  organizationName: z.string().trim().min(1).max(120),
});

export const loginBody = z.object({ email, password: z.string().min(1).max(256) });

export async function signup(db: Db, input: z.infer<typeof signupBody>) {
  const existing = await db.select({ id: members.id }).from(members).where(eq(members.email, input.email)).get();
  if (existing) throw new ApiError("conflict", "an account with this email exists; log in instead", [{ field: "email", message: "already registered" }]);
  const memberId = newId("mem");
  const organizationId = newId("org");
  const now = Date.now();
  await db.batch([
    db.insert(members).values({ id: memberId, email: input.email, name: input.name, passwordHash: await hashPassword(input.password), createdAt: now }),
    db.insert(organizations).values({ id: organizationId, name: input.organizationName, createdAt: now }),
    db.insert(memberships).values({ organizationId, memberId, role: "owner", createdAt: now }),
  ]);
  return { memberId, organizationId };
}

// Verifying against this when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;

/** The member for valid credentials; one error for unknown email and wrong password alike. */
export async function login(db: Db, input: z.infer<typeof loginBody>): Promise<{ memberId: string }> {
  const member = await db.select().from(members).where(eq(members.email, input.email)).get();
  decoyHash ??= hashPassword(randomBase62(16));
  const ok = await verifyPassword(input.password, member?.passwordHash ?? (await decoyHash));
  if (!member || !ok) throw new ApiError("unauthorized", "wrong email or password");
  return { memberId: member.id };
}

/** The member's first organization, for a fresh session. */
export async function defaultOrganization(db: Db, memberId: string): Promise<string | null> {
  const row = await db.select({ id: memberships.organizationId }).from(memberships).where(eq(memberships.memberId, memberId)).orderBy(memberships.createdAt).get();
  return row?.id ?? null;
}

/** Makes a reset token for a known email (null otherwise: the caller answers the same either way). */
export async function requestPasswordReset(db: Db, address: string): Promise<{ token: string; memberId: string } | null> {
  const member = await db.select({ id: members.id }).from(members).where(eq(members.email, address)).get();
  if (!member) return null;
  const token = randomBase62(32);
  await db.insert(passwordResets).values({ tokenHash: await sha256Hex(token), memberId: member.id, expiresAt: Date.now() + RESET_TTL_MS, createdAt: Date.now() });
  return { token, memberId: member.id };
}

export const resetBody = z.object({ token: z.string().min(10).max(200), password });

/** Sets the new password, spends the token and ends every session of the member. */
export async function confirmPasswordReset(db: Db, input: z.infer<typeof resetBody>): Promise<void> {
  const tokenHash = await sha256Hex(input.token);
  const reset = await db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, Date.now())))
    .get();
  if (!reset) throw new ApiError("invalid_request", "token: invalid, used or expired reset link", [{ field: "token", message: "invalid, used or expired" }]);
  await db.batch([
    db.update(members).set({ passwordHash: await hashPassword(input.password) }).where(eq(members.id, reset.memberId)),
    db.update(passwordResets).set({ usedAt: Date.now() }).where(eq(passwordResets.tokenHash, tokenHash)),
    db.delete(sessions).where(eq(sessions.memberId, reset.memberId)),
  ]);
}
