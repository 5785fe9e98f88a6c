/**
 * POST /mcp: the Model Context Protocol over Streamable HTTP, stateless (no session, no Durable Object):
 * each request gets a fresh server instance bound to the key's chatbot. The SDK serves both protocol eras —
 * 2025-era clients (Claude Desktop, MCP Inspector) through its stateless fallback, 2026-07-28 clients natively.
 *
 * Authentication and rate limits run before the SDK sees the request, so a missing or wrong key answers 401
 * with the product's error envelope, like every other route. GET (a server-to-client event stream) and
 * DELETE (ending a session) have nothing to serve without sessions, so they answer 405 as the transport
 * specification allows.
 */
import { createMcpHandler } from "@modelcontextprotocol/server";
import { Hono } from "hono";
import { LIMITS } from "../../durable-objects/protocol";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { requireKey } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { openBatMcpServer } from "./server";

export const mcp = new Hono<AppEnv>();

mcp.post("/", requireKey("read", "admin"), rateLimit("READ_LIMITER"), (c) => {
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
