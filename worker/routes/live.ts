import { Hono } from "hono";
import { HANDOFF_HEADER, type SocketHandoff } from "../../durable-objects/conversation";
import type { AppEnv } from "../context";
import { ApiError, type ErrorCode } from "../errors";
import { parse } from "../input";
import { checkRateLimit } from "../middleware/rate-limit";
import { edgeSession } from "../geo";
import { externalConversationId } from "../services/capture";
import { assertCapturable, markActive } from "../services/chatbots";
import { conversationStub } from "../services/conversation-stub";
import { authenticateLive, type LiveAuth } from "../services/live-auth";
import { z } from "zod";

export const live = new Hono<AppEnv>();

export const liveQuery = z.object({
  /** Replay every message after this sequence number right after `welcome` (reconnects). */
  after: z.coerce.number().int().nonnegative().optional(),
});

/**
 * GET /api/v1/live/:conversationId? — upgrade to the conversation's WebSocket (see README, Live protocol).
 * Authentication, geolocation and device detection happen here; the Durable Object gets the socket.
 */
live.get("/:conversationId?", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError("upgrade_required", "this endpoint speaks WebSocket: send `Upgrade: websocket`");
  }
  const rawId = c.req.param("conversationId");
  const requestedId = rawId === undefined ? undefined : parse(externalConversationId, rawId, "conversationId");
  const { after } = parse(liveQuery, c.req.query(), "query");
  const auth = await authenticateLive(c, requestedId);
  assertCapturable(auth);
  await limitConnect(c.env, auth, c.req.header("cf-connecting-ip") ?? "local");

  const edge = edgeSession(c.req.raw);
  const handoff: SocketHandoff = {
    scope: {
      organizationId: auth.organizationId,
      chatbotId: auth.chatbotId,
      externalId: auth.externalId,
      idleTimeoutMinutes: auth.idleTimeoutMinutes,
    },
    edge,
    keyKind: auth.keyKind,
    keyId: auth.keyId,
    mustExist: auth.keyKind === "publishable" && requestedId !== undefined,
    after,
  };
  const headers = new Headers(c.req.raw.headers);
  headers.set(HANDOFF_HEADER, JSON.stringify(handoff));
  c.executionCtx.waitUntil(markActive(c.get("db"), auth));
  const stub = conversationStub(c.env, auth.chatbotId, auth.externalId, edge.continent);
  const response = await stub.fetch(new Request(c.req.raw.url, { method: "GET", headers }));
  if (response.webSocket) return response;
  // The conversation refused the socket (e.g. it has as many open as it may): same envelope as any error.
  const refused = (await response.json().catch(() => null)) as { code: ErrorCode; message: string; retryAfter?: number } | null;
  if (!refused) return response;
  throw new ApiError(refused.code, refused.message, undefined, refused.retryAfter);
});

/**
 * A server (ingest key) is one client: its connects count against its key, like capture. Browsers
 * (publishable key, conversation token) count per client address and per conversation first, and only
 * connects that pass those count against the key's own, far higher budget — so one anonymous client
 * exhausts its own allowance, never the widget's.
 */
async function limitConnect(env: Env, auth: LiveAuth, address: string): Promise<void> {
  if (auth.keyKind === "ingest") return checkRateLimit(env, "CAPTURE_LIMITER", auth.rateKey);
  await Promise.all([
    checkRateLimit(env, "LIVE_CLIENT_LIMITER", `${auth.keyId}:${address}`),
    checkRateLimit(env, "LIVE_CONVERSATION_LIMITER", `${auth.chatbotId}:${auth.externalId}`),
  ]);
  await checkRateLimit(env, "LIVE_KEY_LIMITER", auth.keyId);
}
