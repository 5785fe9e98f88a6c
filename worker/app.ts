/**
 * The Hono app: middleware order, the single error envelope, and the routes.
 */
import { z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { ApiError, envelope } from "./errors";
import { notJson } from "./input";
import { refuseSecretInUrl } from "./middleware/auth";
import { cfRayOf, requestContext } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { overviewPage } from "./first-paint/overview-page";
import { mcp } from "./mcp/route";
import { openApiDocument } from "./openapi/document";
import { registerFrames } from "./openapi/frames";
import { errorEnvelope, json } from "./openapi/responses";
import { apiRoute, apiRouter } from "./openapi/router";
import { analysis } from "./routes/analysis";
import { analytics } from "./routes/analytics";
import { auth } from "./routes/auth";
import { capture } from "./routes/capture";
import { conversations } from "./routes/conversations";
import { docs } from "./routes/docs";
import { exportRoutes } from "./routes/exports";
import { keys } from "./routes/keys";
import { labelRoutes } from "./routes/labels";
import { live } from "./routes/live";
import { liveFeed } from "./routes/live-feed";
import { notificationRoutes } from "./routes/notifications";
import { organizationRoutes } from "./routes/organizations";
import { reportRoutes } from "./routes/reports";
import { search } from "./routes/search";
import { tokens } from "./routes/tokens";
import { webhooks } from "./routes/webhooks";
import { workflowRoutes } from "./routes/workflows";

export const app = apiRouter();
app.openAPIRegistry.register("Error", errorEnvelope);
registerFrames(app);

app.use("*", securityHeaders, requestContext);
// A secret key in any URL of the API is refused before anything else reads the request.
app.use("/api/*", refuseSecretInUrl);
app.use("/mcp", refuseSecretInUrl);
app.use("/mcp/*", refuseSecretInUrl);

app.openapi(
  apiRoute("public", { method: "get", path: "/health", tags: ["Service"], summary: "Liveness", responses: { 200: json(z.object({ ok: z.literal(true) }), "Alive") } }),
  (c) => c.json({ ok: true as const }, 200),
);

// Capture and live sessions: ingest, publishable keys and conversation tokens.
app.route("/api/v1/capture", capture);
app.route("/api/v1/live", live);
app.route("/api/v1/conversation-tokens", tokens);

// Dashboard accounts (member sessions).
app.route("/api/v1/auth", auth);
app.route("/api/v1/organizations", organizationRoutes);
// The signed-in member's in-app notifications (never an API key's).
app.route("/api/v1/notifications", notificationRoutes);

// One chatbot's data: at /api/v1/<thing> the key names the chatbot; at /api/v1/chatbots/:chatbotId/<thing>
// a member session (or a key of that chatbot) does.
const chatbotScoped = [
  ["conversations", conversations],
  ["keys", keys],
  ["analysis", analysis],
  ["webhooks", webhooks],
  ["workflows", workflowRoutes],
  ["live-feed", liveFeed],
  ["search", search],
  ["reports", reportRoutes],
  ["exports", exportRoutes],
  ["labels", labelRoutes],
] as const;
for (const [path, router] of chatbotScoped) {
  app.route(`/api/v1/${path}`, router);
  app.route(`/api/v1/chatbots/:chatbotId/${path}`, router);
}

// Analytics: the same sub-app at both mounts; requireChatbot reads :chatbotId from the mount path.
app.route("/api/v1/analytics", analytics);
app.route("/api/v1/chatbots/:chatbotId/analytics", analytics);

// The dashboard's overview page, its KPIs drawn in by the Worker (every other page is a static file).
app.get("/chatbots/:chatbotId/overview", overviewPage);

// The Model Context Protocol (read or admin key): the same data as tools for AI assistants.
app.route("/mcp", mcp);

// The public API described (no auth): generated from the routes' zod schemas.
app.route("/api/docs", docs);

app.openapi(
  apiRoute("public", {
    method: "get",
    path: "/api/v1/openapi.json",
    tags: ["Service"],
    summary: "This document: OpenAPI 3.1, generated from the routes' own schemas",
    responses: { 200: json(z.record(z.string(), z.unknown()).openapi({ description: "An OpenAPI 3.1 document" }), "The document") },
  }),
  // The server is this host, named in full: tools that join "/" and "/api/…" would ask for "//api/…".
  (c) => c.json({ ...openApiDocument(app), servers: [{ url: new URL(c.req.url).origin }] }, 200),
);

app.notFound((c) => c.json(envelope(new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`), c.get("requestId")), 404));

app.onError((error, c) => {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  if (error instanceof ApiError) {
    if (error.retryAfter !== undefined) c.header("retry-after", String(error.retryAfter));
    return c.json(envelope(error, requestId), error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    // zod-openapi's media-type gate (an optional body sent as another type) answers 415 in the words readJsonBody uses.
    const apiError = error.status === 415 ? notJson() : new ApiError(error.status === 405 ? "method_not_allowed" : "invalid_request", error.message);
    return c.json(envelope(apiError, requestId), apiError.status);
  }
  // Unknown failures are logged with the request id and answered without internals.
  console.error("unhandled error", { requestId, cfRay: cfRayOf(c.req.raw), error: error instanceof Error ? error.stack : String(error) });
  return c.json(envelope(new ApiError("internal_error", "something went wrong on our side"), requestId), 500);
});
