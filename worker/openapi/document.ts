/**
 * The OpenAPI 3.1 document, generated from the routes' own definitions (worker/openapi/router.ts) and
 * served at GET /api/v1/openapi.json. What the definitions leave to the house rules is added here, the
 * same way for every operation: security and a sentence from the route's access rule, path parameters
 * that come from a mount (`/chatbots/{chatbotId}/…`, `/organizations/{orgId}/…`), and the error answers
 * each kind of route can give, all with the one error envelope.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { ACCESS, type Access } from "./router";

type Json = Record<string, unknown>;
interface Operation extends Json {
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  description?: string;
  security?: Record<string, string[]>[];
}

const WHO: Record<Access, string> = {
  ingest: "an ingest key (`ob_live_`)",
  ingest_or_publishable: "an ingest key, a publishable key (`?key=ob_pub_…`) or a conversation token (`?token=…`)",
  read: "a read or admin key",
  read_key: "a read or admin key",
  admin: "an admin key",
  member: "a member session (cookie `ob_session`; changes also need the `x-csrf-token` header)",
  public: "nothing",
};

export const DASHBOARD_PREFIX = "/api/v1/chatbots/{chatbotId}/";
const ERROR = { $ref: "#/components/responses/Error" };
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function finish(path: string, method: string, op: Operation): void {
  const access = (op[ACCESS] as Access | undefined) ?? "public";
  delete op[ACCESS];
  const dashboard = path.startsWith(DASHBOARD_PREFIX);
  // Parameters a mount adds to the path are declared like the route's own.
  const declared = new Set((op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name));
  const missing = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !declared.has(name));
  op.parameters = [...missing.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })), ...(op.parameters ?? [])];
  if (!op.parameters.length) delete op.parameters;

  const who = dashboard ? `${WHO[access]} of this chatbot, or a member session with access to it` : WHO[access];
  op.description = [op.description, `Needs ${who}.`].filter(Boolean).join("\n\n");
  op.security = access === "public" ? [] : access === "member" ? [{ session: [] }] : dashboard ? [{ bearer: [] }, { session: [] }] : [{ bearer: [] }];

  const errors: Record<string, unknown> = {};
  const hasInput = op.requestBody !== undefined || (op.parameters?.length ?? 0) > 0;
  if (hasInput) errors["400"] = ERROR;
  if (access !== "public") {
    errors["401"] = ERROR;
    errors["403"] = ERROR;
  }
  if (path.includes("{")) errors["404"] = ERROR;
  if (op.requestBody !== undefined) {
    errors["413"] = ERROR;
    errors["415"] = ERROR;
  }
  // Keys are limited per key; credential endpoints per address and email; members' creations per member.
  if (access !== "public" || path.startsWith("/api/v1/auth/")) errors["429"] = ERROR;
  op.responses = { ...op.responses, ...Object.fromEntries(Object.entries(errors).filter(([status]) => !(status in op.responses))) };
  // A stable, unique name per operation, for generated clients: `getApiV1ChatbotsChatbotIdWebhooksId`.
  op.operationId = `${method}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`;
}

const cached = new WeakMap<object, Json>();

/** Built once per isolate: the routes and their schemas are fixed at deploy time. */
export function openApiDocument(app: OpenAPIHono<AppEnv>): Json {
  const hit = cached.get(app);
  if (hit) return hit;
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "OpenBat on the edge",
      version: "1",
      description: [
        "Conversation analytics for chatbots. JSON everywhere. Times are epoch milliseconds; query instants also take ISO-8601.",
        "**Envelope rule**: every success answers `{ data }` (lists add `pagination`); every failure answers `{ error: { code, message, details?, requestId } }`; 204 has no body.",
        "Exceptions, for compatibility: `POST /api/v1/capture` answers its result bare (`{ ok, conversationId, inserted, … }`, the answer OpenBat's `recordMessages` documents); `GET /health` answers `{ ok: true }`; this document is itself; `POST /mcp` speaks JSON-RPC; the WebSocket routes answer 101.",
      ].join("\n\n"),
    },
  }) as unknown as Json & { paths: Record<string, Record<string, Operation>>; components?: Json };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) if (item[method]) finish(path, method, item[method]!);
  }
  doc.tags = [...new Set(Object.values(doc.paths).flatMap((item) => METHODS.flatMap((m) => ((item[m]?.tags as string[] | undefined) ?? []))))].map((name) => ({ name }));
  const components = (doc.components ??= {}) as Json;
  components.securitySchemes = {
    bearer: { type: "http", scheme: "bearer", description: "An API key: `ob_live_` ingest, `ob_pub_` publishable, `ob_read_` read, `ob_admin_` admin" },
    session: { type: "apiKey", in: "cookie", name: "ob_session", description: "A dashboard member session (log in first)" },
  };
  components.responses = { Error: { description: "The error envelope", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } };
  cached.set(app, doc);
  return doc;
}
