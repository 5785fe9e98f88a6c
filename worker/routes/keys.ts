import { z } from "@hono/zod-openapi";
import { API_KEY_KINDS } from "../db/schema";
import { MAX_EPOCH_MS, TOO_FAR } from "../../durable-objects/protocol";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { jsonBody, jsonData } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { apiKeySchema, apiKeyWithSecret } from "../schemas/accounts";
import { createKey, listKeys, revokeKey, rotateKey } from "../services/keys";
import { closeKeySockets } from "../services/live-sockets";
import { nameText } from "../schemas/names";
import { browserOrigin } from "../schemas/origins";

/** Key management for automation, with an admin key. Secrets appear in a response exactly once. */
export const keys = apiRouter();

keys.use("*", requireChatbot("admin"), rateLimit("READ_LIMITER"));
const tags = ["Keys"];
const keyId = z.object({ id: z.string().openapi({ description: "An API key id (`key_…`)" }) });

export const newKeyBody = z.object({
  kind: z.enum(API_KEY_KINDS),
  name: nameText(100),
  // An empty list would read as "no origin allowed" yet the runtime would let any in: leaving it out is "any origin".
  allowedOrigins: z.array(browserOrigin).min(1, "list at least one origin, or leave allowedOrigins out to allow any").max(50).optional(),
  expiresAt: z.number().int().positive().max(MAX_EPOCH_MS, { error: TOO_FAR }).optional(),
}).strict().refine((body) => body.allowedOrigins === undefined || body.kind === "publishable", {
  // Only a browser's key is checked against its Origin; on a server's key the list would be a promise nothing keeps.
  path: ["allowedOrigins"],
  error: "only a publishable key is limited to browser origins: ingest, read and admin keys are for servers",
});

keys.openapi(
  apiRoute("admin", { method: "get", path: "/", tags, summary: "List API keys (prefix only, never the secret)", responses: { 200: jsonData(z.array(apiKeySchema), "The keys") } }),
  async (c) => c.json({ data: await listKeys(c.get("db"), c.get("auth").chatbotId) }, 200),
);

keys.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/",
    tags,
    summary: "Create an API key",
    request: { body: jsonBody(newKeyBody) },
    responses: { 201: jsonData(apiKeyWithSecret, "The key with its `secret`, shown this once") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const { key, secret } = await createKey(c.get("db"), { ...c.req.valid("json"), organizationId: auth.organizationId, chatbotId: auth.chatbotId });
    return c.json({ data: { ...key, secret } }, 201);
  },
);

keys.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/rotate",
    tags,
    summary: "Rotate a key: a new secret, the old one revoked at once (its sockets and conversation tokens too)",
    request: { params: keyId },
    responses: { 201: jsonData(apiKeyWithSecret, "The key with its new `secret`") },
  }),
  async (c) => {
    const { chatbotId } = c.get("auth");
    const { id } = c.req.valid("param");
    const { key, secret } = await rotateKey(c.get("db"), chatbotId, id);
    // The old secret is dead: so are its open sockets and the conversation tokens it minted.
    c.executionCtx.waitUntil(closeKeySockets(c.env, chatbotId, id));
    return c.json({ data: { ...key, secret } }, 201);
  },
);

keys.openapi(
  apiRoute("admin", { method: "delete", path: "/{id}", tags, summary: "Revoke a key", request: { params: keyId }, responses: { 200: jsonData(apiKeySchema, "The revoked key") } }),
  async (c) => {
    const { chatbotId } = c.get("auth");
    const revoked = await revokeKey(c.get("db"), chatbotId, c.req.valid("param").id);
    c.executionCtx.waitUntil(closeKeySockets(c.env, chatbotId, revoked.id));
    return c.json({ data: revoked }, 200);
  },
);
