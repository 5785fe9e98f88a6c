import { API_SECURITY_HEADERS } from "../middleware/security-headers";

/**
 * The dashboard's hashed files (`/assets/*`). Static assets answer unknown paths with the dashboard's page (the
 * single-page-application fallback), and `_headers` marks everything under `/assets/` immutable for a year: a
 * stale chunk's URL (a tab open across a deploy) would get the HTML page, cached as that script forever. The
 * Worker runs first for these paths (wrangler.toml) and answers a file that is not there with a 404 instead,
 * hardened as the API's answers are (it runs outside the Hono app and its middleware).
 */
export async function hashedAsset(request: Request, env: Env): Promise<Response> {
  const res = await env.ASSETS.fetch(request);
  // Vite writes no page under /assets/: an HTML answer there is the fallback.
  if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) return res;
  const path = new URL(request.url).pathname;
  return new Response(request.method === "HEAD" ? null : `Not found: ${path}\n`, {
    status: 404,
    headers: { ...API_SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export const isHashedAsset = (request: Request) => new URL(request.url).pathname.startsWith("/assets/");
