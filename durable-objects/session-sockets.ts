/**
 * Dashboard sockets opened with a member session (the notification channel, a chatbot's live feed) must not
 * outlive it: each socket remembers the session in its attachment (which survives hibernation), the Worker
 * closes the sockets of a session that ended (log-out, password reset, removal from the organization), and
 * one that expired is closed at the next frame it would be sent instead of being sent to. One definition for
 * both Durable Objects: the headers the Worker names the session in, what a socket remembers, the close code.
 */
import { z } from "zod";

/** The close code of a socket whose member session ended or expired (the Live protocol's 4001: its credential is gone). */
export const SESSION_ENDED_CLOSE = 4001;

/**
 * The close frame's reason for each way a member's socket loses its credential, so a client can tell "log in
 * again" (the session ended or expired) from "this is no longer yours to watch" (the member was removed from,
 * or left, the chatbot's organization: the session lives on).
 */
export const SESSION_CLOSE_REASONS = {
  ended: "session ended",
  expired: "session expired",
  removed: "removed from the organization",
  left: "left the organization",
} as const;

/** Why the Worker closes a member's sockets (an RPC input): a session ended, or the member is out of the organization. */
export const sessionEndCause = z.enum(["ended", "removed", "left"]);
export type SessionEndCause = z.infer<typeof sessionEndCause>;

/** What the Worker tells a Durable Object about the session a socket is opened with (headers only it sets). */
export const SESSION_MEMBER_HEADER = "x-openbat-session-member";
export const SESSION_ID_HEADER = "x-openbat-session-id";
export const SESSION_EXPIRES_HEADER = "x-openbat-session-expires";

/** The member session a socket was opened with, as its attachment keeps it. */
export const socketSession = z.object({ memberId: z.string().min(1), sessionId: z.string().min(1), expiresAt: z.number().int() });
export type SocketSession = z.infer<typeof socketSession>;

/** The headers naming a session, for the Worker's own upgrade request. */
export const sessionHeaders = (session: { memberId: string; id: string; expiresAt: number }): Record<string, string> => ({
  [SESSION_MEMBER_HEADER]: session.memberId,
  [SESSION_ID_HEADER]: session.id,
  [SESSION_EXPIRES_HEADER]: String(session.expiresAt),
});

/** The session the Worker named, or null when it named none (or named it wrong). */
export function sessionFromHeaders(headers: Headers): SocketSession | null {
  const parsed = socketSession.safeParse({
    memberId: headers.get(SESSION_MEMBER_HEADER),
    sessionId: headers.get(SESSION_ID_HEADER),
    expiresAt: Number(headers.get(SESSION_EXPIRES_HEADER)),
  });
  return parsed.success ? parsed.data : null;
}

/** Whether a socket opened with `session` belongs to what ended: one session of the member, or all of them (no `sessionId`). */
export const endedBy = (session: SocketSession | null | undefined, memberId: string, sessionId?: string): boolean =>
  !!session && session.memberId === memberId && (sessionId === undefined || session.sessionId === sessionId);

export const expired = (session: SocketSession, now: number): boolean => session.expiresAt <= now;

/** Closes a socket that may be closed already. */
export function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // already closed
  }
}
