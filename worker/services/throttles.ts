/**
 * Abuse limits that must hold across isolates and Cloudflare locations, counted in D1 (one consistent
 * database): failed log-ins per account, reset and sign-up requests per email, organizations and
 * invitations per member. Per client address, the cheaper rate limiting binding answers first
 * (routes/auth.ts); it counts per location, which suits an address but not an account an attacker
 * can reach from everywhere at once.
 *
 * Every check is one atomic upsert, so concurrent requests each get their own count: a burst of
 * parallel guesses cannot all slip in before the first failure is recorded.
 */
import { and, eq, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { throttles } from "../db/schema";
import { ApiError } from "../errors";
import { sha256Hex } from "./crypto";

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;

/** The limits, in one place (README "Security" quotes them). */
export const THROTTLES = {
  /** Wrong passwords per account before it is locked; then 30 s, doubling per further failure, at most 15 min. */
  login: { freeAttempts: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 24 * HOUR },
  passwordResetsPerEmail: { limit: 5, windowMs: HOUR },
  signupsPerEmail: { limit: 5, windowMs: HOUR },
  organizationsPerMember: { limit: 10, windowMs: 24 * HOUR },
  invitationsPerMember: { limit: 50, windowMs: 24 * HOUR },
} as const;

/** Rows idle this long are deleted as new ones are written, so the table stays small. */
const KEEP_MS = 2 * 24 * HOUR;

/** An email as a throttle subject: hashed, so addresses typed by strangers are not stored. */
export const emailKey = async (what: string, email: string) => `${what}:${await sha256Hex(email.toLowerCase())}`;

const retryAfterSeconds = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

/**
 * Counts one event against a fixed window; beyond the limit throws 429 `rate_limited` with Retry-After
 * (the end of the window). Refused events count too, so hammering does not shorten the wait.
 */
export async function countWithin(db: Db, key: string, { limit, windowMs }: WindowLimit, what: string, now = Date.now()): Promise<void> {
  const expired = sql`${throttles.windowStart} <= ${now - windowMs}`;
  const [[row]] = await db.batch([
    db
    .insert(throttles)
    .values({ key, count: 1, windowStart: now, lockedUntil: 0 })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${throttles.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${throttles.windowStart} END`,
      },
    })
    .returning({ count: throttles.count, windowStart: throttles.windowStart }),
    forgetIdle(db, now),
  ]);
  if (row && row.count > limit) {
    const retryAfter = retryAfterSeconds(row.windowStart + windowMs, now);
    throw new ApiError("rate_limited", `too many ${what}; try again in ${retryAfter} seconds`, undefined, retryAfter);
  }
}

/** The lock that follows the n-th failed attempt in a row (none before the free ones are used up). */
export function lockAfter(failures: number): number {
  const { freeAttempts, firstLockMs, maxLockMs } = THROTTLES.login;
  if (failures < freeAttempts) return 0;
  return Math.min(maxLockMs, firstLockMs * 2 ** Math.min(failures - freeAttempts, 20));
}

/**
 * Reserves one log-in attempt for the account before its password is checked. While the account is
 * locked nothing is checked and the answer is 429 `too_many_attempts` with Retry-After. The attempt is
 * counted as a failure at once (and, from the fifth on, locks the account for the next one); a
 * successful log-in then clears it with `loginSucceeded`. Unknown emails are counted the same way, so
 * the answers do not tell which addresses have accounts.
 */
export async function reserveLoginAttempt(db: Db, email: string, now = Date.now()): Promise<void> {
  const key = await emailKey("login", email);
  const { freeAttempts, firstLockMs, maxLockMs, forgetAfterMs } = THROTTLES.login;
  const failures = sql`CASE WHEN ${throttles.windowStart} <= ${now - forgetAfterMs} THEN 1 ELSE ${throttles.count} + 1 END`;
  // The same schedule as lockAfter, in SQL: min(max, first · 2^(failures − free)) once failures ≥ free.
  const lock = sql`CASE WHEN ${failures} >= ${freeAttempts} THEN ${now} + MIN(${maxLockMs}, ${firstLockMs} * (1 << MIN(${failures} - ${freeAttempts}, 20))) ELSE 0 END`;
  const [reserved] = await db.batch([
    db
    .insert(throttles)
    .values({ key, count: 1, windowStart: now, lockedUntil: lockAfter(1) ? now + lockAfter(1) : 0 })
    .onConflictDoUpdate({
      target: throttles.key,
      set: { count: failures, windowStart: now, lockedUntil: lock },
      // A locked account is left as it is: no row comes back, and nothing is checked.
      setWhere: lte(throttles.lockedUntil, now),
    })
    .returning({ count: throttles.count }),
    forgetIdle(db, now),
  ]);
  if (reserved.length) return;
  const row = await db.select({ lockedUntil: throttles.lockedUntil }).from(throttles).where(eq(throttles.key, key)).get();
  const retryAfter = retryAfterSeconds(row?.lockedUntil ?? now, now);
  throw new ApiError("too_many_attempts", `too many failed log-ins for this account; try again in ${retryAfter} seconds, or reset the password`, undefined, retryAfter);
}

/** A right password (or a completed password reset) wipes the account's failures and lock. */
export async function loginSucceeded(db: Db, email: string): Promise<void> {
  await db.delete(throttles).where(eq(throttles.key, await emailKey("login", email)));
}

/** Sent in the same batch (one round-trip) as each count. */
const forgetIdle = (db: Db, now: number) => db.delete(throttles).where(and(lt(throttles.windowStart, now - KEEP_MS), lte(throttles.lockedUntil, now)));
