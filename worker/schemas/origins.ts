/**
 * Browser origins, as a publishable key's `allowedOrigins` lists them. A browser sends its `Origin` header
 * serialized — lower case, no default port, no path, no trailing slash — so a key is stored that way too: a
 * list holding `https://shop.example/` or `HTTPS://Shop.Example` would otherwise never match a real browser.
 */
import { z } from "@hono/zod-openapi";

/** `value` as a browser serializes its origin, or null when it is not an http(s) origin (a path, query, user or other scheme). */
export function originOf(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash || value.endsWith("?") || value.endsWith("#")) return null;
  return url.origin;
}

/** Whether a request's `Origin` header is one of `allowed` (stored lists from before origins were normalized included). */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  const asked = origin === undefined ? null : originOf(origin);
  return asked !== null && allowed.some((o) => (originOf(o) ?? o) === asked);
}

export const browserOrigin = z
  .string()
  .max(512)
  .refine((v) => originOf(v) !== null, "must be an origin: http(s), host and optional port, no path, e.g. https://shop.example")
  .overwrite((v) => originOf(v) ?? v)
  .openapi({ description: "A browser origin, e.g. `https://shop.example`; stored as browsers send it (lower case, no trailing slash)", example: "https://shop.example" });
