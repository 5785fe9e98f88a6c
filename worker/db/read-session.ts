/**
 * Reads near the viewer (D1 read replication): every API request runs its queries in one D1 Sessions API
 * session. A read-only request with nothing to continue may start on the nearest replica; a write starts on
 * the primary. The session's bookmark goes back with the answer (the `x-d1-bookmark` header, and for a
 * member signed in to the dashboard a cookie), and a request that brings one back continues from it, so
 * whoever made a write reads it on their next request, whichever replica serves them. Without replication
 * enabled (and locally) every session is served by the primary and this changes nothing.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context";
import { z } from "zod";
import { fieldError } from "../errors";
import { SESSION_COOKIE } from "../services/sessions";

export const BOOKMARK_HEADER = "x-d1-bookmark";
export const BOOKMARK_COOKIE = "ob_d1_bookmark";

/** A D1 bookmark: four dash-separated hex fields (e.g. `0000007c-00000002-00004fd0-9a4c57b1ec…`). */
export const bookmark = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32,128}$/, "not a D1 bookmark (as sent in the x-d1-bookmark header)");

/** What a query function needs of D1: a database, or one session of it. */
export type D1Queryable = Pick<D1Database, "prepare" | "batch">;

interface RequestLike {
  method: string;
  header(name: string): string | undefined;
}

/**
 * Where this request's session starts: the bookmark it brings (the header, validated, or the member's
 * cookie, which is ignored when it is not one), else anywhere for a read and the primary for a write.
 */
export function sessionStart(req: RequestLike, cookie: string | undefined): string {
  const header = req.header(BOOKMARK_HEADER);
  if (header !== undefined && header !== "") {
    const parsed = bookmark.safeParse(header);
    if (!parsed.success) throw fieldError(BOOKMARK_HEADER, parsed.error.issues[0]?.message ?? "not a D1 bookmark");
    return parsed.data;
  }
  if (cookie && bookmark.safeParse(cookie).success) return cookie;
  return req.method === "GET" || req.method === "HEAD" ? "first-unconstrained" : "first-primary";
}

export function bookmarkCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, BOOKMARK_COOKIE);
}

/**
 * Hands the session's bookmark back: in the header always, in the cookie when the caller is a signed-in
 * member (the dashboard's fetches carry cookies, not headers). A WebSocket upgrade's answer is left alone.
 */
export function returnBookmark(c: Context<AppEnv>, session: D1DatabaseSession): void {
  const current = session.getBookmark();
  if (!current || c.res.status === 101) return;
  c.header(BOOKMARK_HEADER, current);
  if (getCookie(c, SESSION_COOKIE) && getCookie(c, BOOKMARK_COOKIE) !== current) {
    setCookie(c, BOOKMARK_COOKIE, current, { httpOnly: true, secure: true, sameSite: "Lax", path: "/api" });
  }
}
