import { Hono } from "hono";
import { HANDOFF_HEADER, type SocketHandoff } from "../../durable-objects/conversation";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { parse } from "../input";
import { checkRateLimit } from "../middleware/rate-limit";
import { edgeSession } from "../geo";
import { externalConversationId } from "../services/capture";
import { assertCapturable, markActive } from "../services/chatbots";
import { conversationStub } from "../services/conversation-stub";
import { authenticateLive } from "../services/live-auth";
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
  await checkRateLimit(c.env, "CAPTURE_LIMITER", auth.rateKey);

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
    after,
  };
  const headers = new Headers(c.req.raw.headers);
  headers.set(HANDOFF_HEADER, JSON.stringify(handoff));
  c.executionCtx.waitUntil(markActive(c.get("db"), auth));
  const stub = conversationStub(c.env, auth.chatbotId, auth.externalId, edge.continent);
  return stub.fetch(new Request(c.req.raw.url, { method: "GET", headers }));
});
