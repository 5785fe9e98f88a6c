import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { API_KEY_KINDS } from "../db/schema";
import { readJson } from "../input";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { createKey, listKeys, revokeKey, rotateKey } from "../services/keys";
import { closeKeySockets } from "../services/live-sockets";

/** Key management for automation, with an admin key. Secrets appear in a response exactly once. */
export const keys = new Hono<AppEnv>();

keys.use("*", requireChatbot("admin"), rateLimit("READ_LIMITER"));

export const newKeyBody = z.object({
  kind: z.enum(API_KEY_KINDS),
  name: z.string().trim().min(1).max(100),
  allowedOrigins: z.array(z.url().max(512)).max(50).optional(),
  expiresAt: z.number().int().positive().optional(),
});

keys.get("/", async (c) => c.json({ data: await listKeys(c.get("db"), c.get("auth").chatbotId) }));

keys.post("/", async (c) => {
  const auth = c.get("auth");
  const body = await readJson(c, newKeyBody);
  const { key, secret } = await createKey(c.get("db"), { ...body, organizationId: auth.organizationId, chatbotId: auth.chatbotId });
  return c.json({ data: { ...key, secret } }, 201);
});

keys.post("/:id/rotate", async (c) => {
  const { chatbotId } = c.get("auth");
  const { key, secret } = await rotateKey(c.get("db"), chatbotId, c.req.param("id"));
  // The old secret is dead: so are its open sockets and the conversation tokens it minted.
  c.executionCtx.waitUntil(closeKeySockets(c.env, chatbotId, c.req.param("id")));
  return c.json({ data: { ...key, secret } }, 201);
});

keys.delete("/:id", async (c) => {
  const { chatbotId } = c.get("auth");
  const revoked = await revokeKey(c.get("db"), chatbotId, c.req.param("id"));
  c.executionCtx.waitUntil(closeKeySockets(c.env, chatbotId, revoked.id));
  return c.json({ data: revoked });
});
