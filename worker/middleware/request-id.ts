import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import type { AppEnv } from "../context";

/**
 * Every answer carries an id to quote in support requests. It is always ours: a `cf-ray` header can be
 * sent by anyone (locally, or to a route not behind Cloudflare), so it is only logged next to our id,
 * and only when the request came through Cloudflare's edge (`request.cf` is set).
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("db", createDb(c.env.DB));
  c.header("x-request-id", requestId);
  await next();
});

/** Cloudflare's ray id for log lines, when the request really passed through the edge. */
export const cfRayOf = (request: Request): string | undefined => (request.cf ? (request.headers.get("cf-ray") ?? undefined) : undefined);
