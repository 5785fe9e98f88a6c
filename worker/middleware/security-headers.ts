import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";

/**
 * Browser hardening on every answer of the Worker. API answers are JSON a browser should never render,
 * frame or sniff into something else, so their policy allows nothing at all. The dashboard's own policy
 * (scripts and styles from self, the live feed's WebSocket) is in dashboard/public/_headers: its files are
 * served as static assets without running the Worker, and the one page the Worker answers (the overview,
 * worker/first-paint) passes on the headers the asset came with.
 */
export const API_SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
} as const;

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // A WebSocket hand-off (101) is not a document, and its Response cannot be re-made around the socket.
  if (c.res.status === 101) return;
  // A response passed through from a Durable Object has immutable headers; a copy can take ours.
  c.res = new Response(c.res.body, c.res);
  // Pages the Worker answers (/api/docs, the dashboard's overview with its figures drawn in) bring their own
  // policy and keep their own headers; every other answer is JSON and gets the policy that allows nothing.
  const page = c.res.headers.has("content-security-policy") && (c.res.headers.get("content-type") ?? "").startsWith("text/html");
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
    if (!page || !c.res.headers.has(name)) c.res.headers.set(name, value);
  }
});
