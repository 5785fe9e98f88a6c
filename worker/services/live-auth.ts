/**
 * Who may open a live conversation, and which one (SPEC §2):
 * - an ingest key (server side, `Authorization` header) opens any conversation of its chatbot;
 * - a publishable key (browser, `?key=`) opens only conversations with an unguessable `pub_` id: a
 *   fresh one (128 random bits, made here) when none is given, or one that already exists when named —
 *   never one under an id the browser chose — and only from its allowed origins;
 * - a signed conversation token (browser, `?token=`) opens exactly the conversation it names.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { apiKeys, chatbots } from "../db/schema";
import { ApiError, fieldError } from "../errors";
import { authenticate, bearerToken } from "../middleware/auth";
import { verifyToken } from "./conversation-token";
import { randomBase62 } from "./ids";
import { requireSecret } from "./deployment-secrets";
import { originAllowed } from "../schemas/origins";
import { protocolKey } from "./socket-protocol";

const PUBLIC_ID = /^pub_[0-9A-Za-z]{22,}$/;

export function publicConversationId(): string {
  return `pub_${randomBase62(16)}`;
}

export interface LiveAuth {
  organizationId: string;
  chatbotId: string;
  chatbotStatus: "pending" | "active" | "archived";
  idleTimeoutMinutes: number;
  keyKind: "ingest" | "publishable" | "token";
  /** The key the socket is opened with; for a token, the key that minted it. */
  keyId: string;
  /** When that key expires (null: never): the socket is closed with 4001 at its first frame after. */
  keyExpiresAt: number | null;
  /** What rate limits count against. */
  rateKey: string;
  externalId: string;
}

export async function authenticateLive(c: Context<AppEnv>, requestedId: string | undefined): Promise<LiveAuth> {
  const token = c.req.query("token");
  if (token) return fromToken(c, token, requestedId);

  const queryKey = c.req.query("key");
  if (queryKey && !queryKey.startsWith("ob_pub_")) {
    // A secret in a URL ends up in logs and browser history; refuse it rather than accept it once.
    throw new ApiError("unauthorized", "only publishable keys may be sent in the URL; send secret keys in the Authorization header");
  }
  const scope = await authenticate(c, bearerToken(c.req.header("authorization")) ?? protocolKey(c.req.header("sec-websocket-protocol")) ?? queryKey, [
    "ingest",
    "publishable",
  ]);
  const base = {
    organizationId: scope.organizationId,
    chatbotId: scope.chatbotId,
    chatbotStatus: scope.chatbotStatus,
    idleTimeoutMinutes: scope.idleTimeoutMinutes,
    keyId: scope.keyId,
    keyExpiresAt: scope.expiresAt,
    rateKey: scope.keyId,
  };
  if (scope.kind === "ingest") {
    if (!requestedId) throw fieldError("conversationId", "required in the path for ingest keys");
    return { ...base, keyKind: "ingest", externalId: requestedId };
  }
  const origin = c.req.header("origin");
  if (scope.allowedOrigins?.length && !originAllowed(scope.allowedOrigins, origin)) {
    throw new ApiError("forbidden", `origin ${origin ?? "(none)"} is not allowed for this publishable key`);
  }
  if (requestedId !== undefined && !PUBLIC_ID.test(requestedId)) {
    throw new ApiError("forbidden", "publishable keys may only open conversations created for them (ids starting with pub_)");
  }
  return { ...base, keyKind: "publishable", externalId: requestedId ?? publicConversationId() };
}

async function fromToken(c: Context<AppEnv>, token: string, requestedId: string | undefined): Promise<LiveAuth> {
  const claims = await verifyToken(requireSecret(c.env.CONVERSATION_TOKEN_SECRET, "CONVERSATION_TOKEN_SECRET"), token);
  if (!claims) throw new ApiError("unauthorized", "invalid or expired conversation token");
  if (requestedId !== undefined && requestedId !== claims.cid) {
    throw new ApiError("forbidden", "this token is for another conversation");
  }
  // The minting key must still be live: revoking or rotating it voids every token it minted.
  const row = await c
    .get("authDb")
    .select({ chatbot: chatbots, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .innerJoin(chatbots, eq(chatbots.id, apiKeys.chatbotId))
    .where(and(eq(apiKeys.id, claims.kid), eq(apiKeys.chatbotId, claims.bot), isNull(apiKeys.revokedAt)))
    .get();
  const chatbot = row?.chatbot;
  if (!row || !chatbot || chatbot.organizationId !== claims.org || (row.expiresAt !== null && row.expiresAt <= Date.now())) {
    throw new ApiError("unauthorized", "invalid or expired conversation token, or the key that minted it was revoked");
  }
  return {
    organizationId: chatbot.organizationId,
    chatbotId: chatbot.id,
    chatbotStatus: chatbot.status,
    idleTimeoutMinutes: chatbot.idleTimeoutMinutes,
    keyKind: "token",
    keyId: claims.kid,
    keyExpiresAt: row.expiresAt,
    rateKey: `token:${claims.bot}:${claims.cid}`,
    externalId: claims.cid,
  };
}
