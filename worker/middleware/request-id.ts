import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { createDb } from "../db/client";
import { bookmarkCookie, returnBookmark, sessionStart } from "../db/read-session";

/**
 * Every answer carries an id to quote in support requests. It is always ours: a `cf-ray` header can be
 * sent by anyone (locally, or to a route not behind Cloudflare), so it is only logged next to our id,
 * and only when the request came through Cloudflare's edge (`request.cf` is set).
 *
 * It also opens the request's D1 session (worker/db/read-session.ts): every query of the request goes
 * through it, and its bookmark is handed back with the answer.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = crypto.randomUUID();
  c.set("requestId", requestId);
  c.header("x-request-id", requestId);
  const session = c.env.DB.withSession(sessionStart(c.req, bookmarkCookie(c)));
  c.set("d1", session);
  // drizzle's D1 driver only calls prepare() and batch(), which a session has.
  c.set("db", createDb(session as unknown as D1Database));
  // A session of its own, on the primary, used only by the checks of who may do what (no query until one runs).
  c.set("authDb", createDb(c.env.DB.withSession("first-primary") as unknown as D1Database));
  await next();
  // A handler that answers with a Response it built itself (an export's stream) drops the header set above.
  if (c.res.status !== 101 && !c.res.headers.has("x-request-id")) c.header("x-request-id", requestId);
  returnBookmark(c, session);
});

/** Cloudflare's ray id for log lines, when the request really passed through the edge. */
export const cfRayOf = (request: Request): string | undefined => (request.cf ? (request.headers.get("cf-ray") ?? undefined) : undefined);
