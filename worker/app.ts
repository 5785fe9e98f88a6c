/**
 * The Hono app: middleware order, the single error envelope, and the routes.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { ApiError, envelope } from "./errors";
import { requestContext } from "./middleware/request-id";
import { analysis } from "./routes/analysis";
import { capture } from "./routes/capture";
import { conversations } from "./routes/conversations";
import { keys } from "./routes/keys";
import { live } from "./routes/live";
import { tokens } from "./routes/tokens";
import { webhooks } from "./routes/webhooks";
import { workflowRoutes } from "./routes/workflows";

export const app = new Hono<AppEnv>();

app.use("*", requestContext);

app.get("/health", (c) => c.json({ ok: true }));

app.route("/api/v1/capture", capture);
app.route("/api/v1/conversations", conversations);
app.route("/api/v1/live", live);
app.route("/api/v1/keys", keys);
app.route("/api/v1/conversation-tokens", tokens);
app.route("/api/v1/analysis", analysis);
app.route("/api/v1/webhooks", webhooks);
app.route("/api/v1/workflows", workflowRoutes);

app.notFound((c) => c.json(envelope(new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`), c.get("requestId")), 404));

app.onError((error, c) => {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  if (error instanceof ApiError) {
    if (error.retryAfter !== undefined) c.header("retry-after", String(error.retryAfter));
    return c.json(envelope(error, requestId), error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const apiError = new ApiError(error.status === 405 ? "method_not_allowed" : "invalid_request", error.message);
    return c.json(envelope(apiError, requestId), apiError.status);
  }
  // Unknown failures are logged with the request id and answered without internals.
  console.error("unhandled error", { requestId, error: error instanceof Error ? error.stack : String(error) });
  return c.json(envelope(new ApiError("internal_error", "something went wrong on our side"), requestId), 500);
});
