/**
 * The checks every dashboard socket route makes before handing the upgrade to its Durable Object (the live
 * feed, the notification channel): it is a WebSocket upgrade, and a session cookie only opens one from our
 * own pages.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

/** 426 unless the request asks for a WebSocket. */
export function requireUpgrade(c: Context<AppEnv>): void {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError("upgrade_required", "this endpoint speaks WebSocket: send `Upgrade: websocket`");
  }
}

/**
 * 403 for an upgrade authenticated by the session cookie from another site: cookies ride along on WebSocket
 * upgrades from any site (no CORS, no CSRF token on a GET). An origin that is not a URL (`null` from sandboxed
 * frames and file pages, or garbage) is not ours either; no Origin at all is not a browser page.
 */
export function refuseCrossSite(c: Context<AppEnv>, what: string): void {
  const origin = c.req.header("origin");
  if (origin !== undefined && hostOf(origin) !== new URL(c.req.url).host) {
    throw new ApiError("forbidden", `${what} refuses cross-site connections`);
  }
}

function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}
