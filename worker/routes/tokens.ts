import { z } from "@hono/zod-openapi";
import { requireSecret } from "../services/deployment-secrets";
import { requireKey } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { jsonBody, jsonData } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { conversationToken } from "../schemas/conversations";
import { externalConversationId } from "../services/capture";
import { organizationContext, userContext } from "../../durable-objects/protocol";
import { conversationStub } from "../services/conversation-stub";
import { mintToken } from "../services/conversation-token";
import { publicConversationId } from "../services/live-auth";
import { capturable } from "./capture";

export const tokens = apiRouter();

tokens.use("*", requireKey("ingest"), rateLimit("CAPTURE_LIMITER"));

export const tokenBody = z.object({
  /** The conversation the browser may open; a fresh unguessable one when omitted. */
  conversationId: externalConversationId.optional(),
  ttlSeconds: z.number().int().min(60).max(86_400).default(3_600),
  /** Who the browser's user is: only the server may say (a browser socket cannot). */
  user: userContext.optional(),
  organization: organizationContext.optional(),
}).strict();

/** POST /api/v1/conversation-tokens — mint a short-lived token a browser uses to open one conversation. */
tokens.openapi(
  apiRoute("ingest", {
    method: "post",
    path: "/",
    tags: ["Capture"],
    summary: "Mint a short-lived token a browser opens one conversation with (`?token=` on the live route)",
    middleware: [capturable],
    request: { body: jsonBody(tokenBody) },
    responses: { 201: jsonData(conversationToken, "The token, the conversation it opens and when it expires") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const secret = requireSecret(c.env.CONVERSATION_TOKEN_SECRET, "CONVERSATION_TOKEN_SECRET");
    // Every field is optional, so the body may be left out.
    const body = tokenBody.parse(c.req.valid("json") ?? {});
    const conversationId = body.conversationId ?? publicConversationId();
    const exp = Math.floor(Date.now() / 1000) + body.ttlSeconds;
    const token = await mintToken(secret, { org: auth.organizationId, bot: auth.chatbotId, cid: conversationId, kid: auth.keyId, exp });
    if (body.user || body.organization) {
      const scope = { organizationId: auth.organizationId, chatbotId: auth.chatbotId, externalId: conversationId, idleTimeoutMinutes: auth.idleTimeoutMinutes };
      await conversationStub(c.env, auth.chatbotId, conversationId).identify({ scope, user: body.user, organization: body.organization });
    }
    return c.json({ data: { token, conversationId, expiresAt: exp * 1000 } }, 201);
  },
);
