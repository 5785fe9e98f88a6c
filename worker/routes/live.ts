import type { Context } from "hono";
import { HANDOFF_HEADER, NOT_OPENED, type SocketHandoff } from "../../durable-objects/conversation";
import { ApiError, type ErrorCode } from "../errors";
import type { AppEnv } from "../context";
import { errorResponse, noContent } from "../openapi/responses";
import { conversationFrames } from "../openapi/frames";
import { apiRoute, apiRouter } from "../openapi/router";
import { checkRateLimit } from "../middleware/rate-limit";
import { edgeSession } from "../geo";
import { externalConversationId } from "../services/capture";
import { queryNumber } from "../schemas/common";
import { assertCapturable, markActive } from "../services/chatbots";
import { conversationStub } from "../services/conversation-stub";
import { authenticateLive, type LiveAuth } from "../services/live-auth";
import { z } from "@hono/zod-openapi";

export const live = apiRouter();

export const liveQuery = z.object({
  /** Replay every message after this sequence number right after `welcome` (reconnects). */
  after: queryNumber(z.coerce.number().int().nonnegative()).optional(),
  /** Browsers cannot set headers on a WebSocket: a publishable key or a conversation token rides in the query. */
  key: z.string().optional().openapi({ description: "A publishable key (`ob_pub_…`), for browsers" }),
  token: z.string().optional().openapi({ description: "A conversation token from `POST /api/v1/conversation-tokens`" }),
});

const socketResponses = {
  101: noContent("Switching protocols: the conversation's socket, which takes `ClientFrame` and sends `ServerFrame` frames (see the schemas)"),
  404: errorResponse("A publishable key named a conversation nobody opened (the upgrade and a plain GET alike)"),
  426: errorResponse("Not a WebSocket upgrade"),
};
const liveDescription =
  "Send `Upgrade: websocket`. Authenticate with `Authorization: Bearer ob_live_…` (servers), `?key=ob_pub_…` (browsers; the conversation id is made up when left out) or `?token=…` (a conversation token). Frames: the `ClientFrame` and `ServerFrame` schemas, every field; close codes and error frame codes: README, Live protocol.";

/**
 * GET /api/v1/live/:conversationId? — upgrade to the conversation's WebSocket (see README, Live protocol).
 * Authentication, geolocation and device detection happen here; the Durable Object gets the socket.
 */
live.openapi(
  apiRoute("ingest_or_publishable", {
    method: "get",
    path: "/",
    tags: ["Capture"],
    summary: "Open a new conversation's WebSocket (the id is made up for you)",
    description: liveDescription,
    request: { query: liveQuery },
    responses: socketResponses,
    ...conversationFrames,
  }),
  async (c) => connect(c, undefined, c.req.valid("query").after),
);

live.openapi(
  apiRoute("ingest_or_publishable", {
    method: "get",
    path: "/{conversationId}",
    tags: ["Capture"],
    summary: "Open the conversation's WebSocket",
    description: liveDescription,
    request: { params: z.object({ conversationId: externalConversationId.openapi({ description: "Your conversation id (the `externalId`)" }) }), query: liveQuery },
    responses: socketResponses,
    ...conversationFrames,
  }),
  async (c) => connect(c, c.req.valid("param").conversationId, c.req.valid("query").after),
);

async function connect(c: Context<AppEnv>, requestedId: string | undefined, after: number | undefined): Promise<Response> {
  // The credential first: a client told only that its handshake failed (a WebSocket is told nothing more) can ask
  // the same URL over plain HTTP why, and hear 401/403 with the reason, 404 for a browser's id nobody opened (as the
  // upgrade would), or 426 when the rest is good.
  const auth = await authenticateLive(c, requestedId);
  assertCapturable(auth);
  // A browser names only a conversation opened before (its id came in a welcome frame).
  const mustExist = auth.keyKind === "publishable" && requestedId !== undefined;
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    if (mustExist && !(await conversationStub(c.env, auth.chatbotId, auth.externalId).opened())) {
      throw new ApiError("not_found", NOT_OPENED);
    }
    throw new ApiError("upgrade_required", "this endpoint speaks WebSocket: send `Upgrade: websocket`");
  }
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
    keyExpiresAt: auth.keyExpiresAt,
    mustExist,
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
}

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
