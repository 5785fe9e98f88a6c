/**
 * Member sessions (dashboard). The cookie carries a random token; D1 keeps its SHA-256, the member, the
 * organization being looked at, a CSRF token and an absolute expiry. Every cookie-authenticated change
 * must echo the CSRF token in `x-csrf-token`; SameSite=Lax on the cookie is the second line.
 */
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context";
import type { Db } from "../db/client";
import { chatbots, members, memberships, sessions } from "../db/schema";
import { ApiError, notFound } from "../errors";
import { sha256Hex } from "./crypto";
import { newId, randomBase62 } from "./ids";
import type { KeyScope } from "./keys";
import { endSessionSockets } from "./session-sockets";

export const SESSION_COOKIE = "ob_session";
/** Where and how the session cookie lives, the same when it is set and when it is cleared. */
const SESSION_COOKIE_ATTRIBUTES = { path: "/", secure: true, httpOnly: true, sameSite: "Lax" } as const;
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export type Role = "owner" | "admin" | "member";

export interface Session {
  id: string;
  memberId: string;
  email: string;
  name: string;
  organizationId: string | null;
  csrfToken: string;
  expiresAt: number;
}

/** Starts a session and sets its cookie; returns its id, expiry and the CSRF token the client must echo. */
export async function startSession(c: Context<AppEnv>, memberId: string, organizationId: string | null): Promise<{ id: string; csrfToken: string; expiresAt: number }> {
  const token = randomBase62(32);
  const csrfToken = randomBase62(24);
  const now = Date.now();
  const started = { id: newId("ses"), csrfToken, expiresAt: now + SESSION_TTL_MS };
  await c
    .get("db")
    .insert(sessions)
    .values({ ...started, tokenHash: await sha256Hex(token), memberId, organizationId, createdAt: now });
  setCookie(c, SESSION_COOKIE, token, { ...SESSION_COOKIE_ATTRIBUTES, maxAge: SESSION_TTL_MS / 1000 });
  return started;
}

/** The caller's live session, or null (no cookie, unknown, expired). */
export async function currentSession(c: Context<AppEnv>): Promise<Session | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const row = await c
    .get("authDb")
    .select({
      id: sessions.id,
      memberId: sessions.memberId,
      organizationId: sessions.organizationId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      email: members.email,
      name: members.name,
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, Date.now())))
    .get();
  return row ?? null;
}

/** What a 401 says where an API key would do as well as a session, and where only a session will. */
export const LOG_IN_OR_KEY = "log in, or send an API key as `Authorization: Bearer <key>`";
export const LOG_IN = "log in first: this route takes a member's session (the `ob_session` cookie), not an API key";

/**
 * What a 401 says when the request brought a session cookie that no longer names a live session: the client did send
 * one, so "send a cookie" would mislead; the session was ended (log-out, a password change or reset) or ran out.
 */
export const SESSION_ENDED = "your session has ended (logged out, expired, or ended by a password change): log in again";

/** The session, checked for CSRF on anything but reads; 401 without one. */
export async function requireSession(c: Context<AppEnv>, unauthorized: string = LOG_IN_OR_KEY): Promise<Session> {
  const session = await currentSession(c);
  if (!session) throw new ApiError("unauthorized", getCookie(c, SESSION_COOKIE) ? SESSION_ENDED : unauthorized);
  if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method) && c.req.header("x-csrf-token") !== session.csrfToken) {
    throw new ApiError("forbidden", "missing or wrong x-csrf-token header (cross-site requests are refused)");
  }
  return session;
}

export async function endSession(c: Context<AppEnv>, session: Session): Promise<void> {
  await c.get("db").delete(sessions).where(eq(sessions.id, session.id));
  // Sockets outlive the sessions they were opened with: close this one's (notification channel, live feeds) too.
  await endSessionSockets(c.env, c.get("db"), session.memberId, session.id);
  // With the attributes it was set with (they do not change which cookie is cleared: every Set-Cookie reads alike).
  deleteCookie(c, SESSION_COOKIE, SESSION_COOKIE_ATTRIBUTES);
}

export async function roleIn(db: Db, memberId: string, organizationId: string): Promise<Role | null> {
  const row = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.memberId, memberId), eq(memberships.organizationId, organizationId)))
    .get();
  return row?.role ?? null;
}

/** Members act with their role's reach: owners and admins like an admin key, members like a read key. */
export const kindForRole = (role: Role): "admin" | "read" => (role === "member" ? "read" : "admin");

/** A member's access to a chatbot: 404 unless it belongs to one of the member's organizations. */
export async function memberChatbotScope(c: Context<AppEnv>, session: Session, chatbotId: string): Promise<KeyScope> {
  const db = c.get("authDb");
  const row = await db
    .select({ chatbot: chatbots, role: memberships.role })
    .from(chatbots)
    .innerJoin(memberships, and(eq(memberships.organizationId, chatbots.organizationId), eq(memberships.memberId, session.memberId)))
    .where(eq(chatbots.id, chatbotId))
    .get();
  if (!row) throw notFound("chatbot");
  return {
    keyId: `member:${session.memberId}`,
    kind: kindForRole(row.role),
    organizationId: row.chatbot.organizationId,
    chatbotId: row.chatbot.id,
    chatbotStatus: row.chatbot.status,
    idleTimeoutMinutes: row.chatbot.idleTimeoutMinutes,
    allowedOrigins: null,
    lastUsedAt: null,
    expiresAt: null,
    memberId: session.memberId,
    role: row.role,
  };
}
