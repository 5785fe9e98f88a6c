/**
 * GET /api/docs — the interactive API reference (Scalar, from the maintained `@scalar/api-reference`
 * package). The page loads Scalar's standalone bundle from this host (`/api-docs/scalar.js`, copied into
 * the dashboard's static assets by scripts/build-dashboard.mjs), never from a CDN, so it works offline.
 * It reads /api/v1/openapi.json; "try it" calls go to this same host with the key the reader enters.
 */
import { z } from "@hono/zod-openapi";
import { apiRoute, apiRouter } from "../openapi/router";

export const docs = apiRouter();

/** Where the bundle is served from (a static asset; see scripts/build-dashboard.mjs). */
export const SCALAR_BUNDLE_PATH = "/api-docs/scalar.js";

/**
 * No third-party fonts or proxies (the page must work offline and call only this host). Scalar injects its
 * styles at run time, hence 'unsafe-inline' for styles only; scripts come from this host and nowhere else.
 */
const configuration = {
  withDefaultFonts: false,
  proxyUrl: "",
  hideClientButton: true,
  telemetry: false,
  authentication: { preferredSecurityScheme: "bearer" },
};

export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>OpenBat API reference</title>
  </head>
  <body>
    <script id="api-reference" data-url="/api/v1/openapi.json" data-configuration="${JSON.stringify(configuration).replaceAll('"', "&quot;")}"></script>
    <script src="${SCALAR_BUNDLE_PATH}"></script>
  </body>
</html>
`;

docs.openapi(
  apiRoute("public", {
    method: "get",
    path: "/",
    tags: ["Service"],
    summary: "This API's interactive reference (Scalar): read every operation and try it with your key",
    responses: { 200: { description: "The reference page", content: { "text/html": { schema: z.string() } } } },
  }),
  (c) => {
    c.header("content-security-policy", DOCS_CSP);
    c.header("cache-control", "no-cache");
    return c.html(page, 200);
  },
);
