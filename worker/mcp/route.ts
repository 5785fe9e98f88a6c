/**
 * POST /mcp: the Model Context Protocol over Streamable HTTP, stateless (no session, no Durable Object):
 * each request gets a fresh server instance bound to the key's chatbot. The SDK serves both protocol eras —
 * 2025-era clients (Claude Desktop, MCP Inspector) through its stateless fallback, 2026-07-28 clients natively.
 *
 * Authentication and rate limits run before the SDK sees the request, so a missing or wrong key answers 401
 * with the product's error envelope, like every other route; each message of a JSON-RPC batch counts against
 * the read limit (message-count.ts). GET (a server-to-client event stream) and
 * DELETE (ending a session) have nothing to serve without sessions, so they answer 405 as the transport
 * specification allows.
 */
import { createMcpHandler } from "@modelcontextprotocol/server";
import { z } from "@hono/zod-openapi";
import { LIMITS } from "../../durable-objects/protocol";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { requireKey } from "../middleware/auth";
import { checkRateLimit } from "../middleware/rate-limit";
import { ACCESS, apiRouter } from "../openapi/router";
import { json, noContent } from "../openapi/responses";
import { messageCount } from "./message-count";
import { openBatMcpServer } from "./server";

export const mcp = apiRouter();

/** JSON-RPC 2.0 as MCP uses it; the MCP SDK validates the messages themselves (by the MCP specification). */
const jsonRpcRequest = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.string(), z.number()]).optional().openapi({ description: "Absent on notifications" }),
    method: z.string().openapi({ example: "tools/list" }),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("JsonRpcRequest");
const jsonRpcResponse = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.string(), z.number(), z.null()]),
    result: z.record(z.string(), z.unknown()).optional(),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).optional(),
  })
  .openapi("JsonRpcResponse");

// Documented, not validated here: the MCP SDK reads the raw request and answers JSON-RPC errors itself.
mcp.openAPIRegistry.registerPath({
  method: "post",
  path: "/",
  tags: ["MCP"],
  summary: "Model Context Protocol (Streamable HTTP, stateless): one JSON-RPC message, or a batch of them, per request",
  description: "The tools are listed in the README's MCP section. The client's `Accept` must allow `application/json` and `text/event-stream`. GET and DELETE answer 405. A JSON-RPC batch (an array of up to 100 messages, as protocol 2025-03-26 allows) counts against the key's read limit once per message; one larger than what the key has left answers 429 and none of it runs.",
  request: { body: { required: true, content: { "application/json": { schema: jsonRpcRequest } } } },
  responses: {
    200: { description: "A JSON-RPC response, as `application/json` or a `text/event-stream` of it", content: { "application/json": { schema: jsonRpcResponse }, "text/event-stream": { schema: z.string() } } },
    202: noContent("A notification, accepted"),
    400: json(jsonRpcResponse, "Not a JSON-RPC message the server accepts: a JSON-RPC error"),
  },
  [ACCESS]: "read_key",
});

mcp.post("/", requireKey("read", "admin"), async (c) => {
  // Each message of a batch is a read, so a batch counts once per message, and nothing of it runs when it is refused.
  await checkRateLimit(c.env, "READ_LIMITER", c.get("auth").keyId, await messageCount(c.req.raw, LIMITS.bodyBytes));
  const ctx = { env: c.env, db: c.get("db"), chatbotId: c.get("auth").chatbotId, now: Date.now() };
  const requestId = c.get("requestId");
  const handler = createMcpHandler(() => openBatMcpServer(ctx, requestId), {
    maxRequestBodySize: LIMITS.bodyBytes,
    onerror: (error) => console.error("mcp request refused", { requestId, error: error.message }),
  });
  return handler.fetch(c.req.raw);
});

mcp.all("/", (c) => {
  c.header("allow", "POST");
  throw new ApiError("method_not_allowed", "the MCP endpoint is stateless: send JSON-RPC messages with POST");
});
