import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { readJson } from "../input";
import { requireKey } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { captureBody, captureMessages, externalConversationId } from "../services/capture";
import { assertCapturable, markActive } from "../services/chatbots";
import { conversationStub } from "../services/conversation-stub";
import { conversationView } from "../services/conversations";

export const capture = new Hono<AppEnv>();

capture.use("*", requireKey("ingest"), rateLimit("CAPTURE_LIMITER"));

/** POST /api/v1/capture — store 1–100 messages of one conversation; answers before analysis runs. */
capture.post("/", async (c) => {
  const auth = c.get("auth");
  assertCapturable(auth);
  const body = await readJson(c, captureBody);
  const result = await captureMessages(c.env, auth, body, c.req.raw);
  c.executionCtx.waitUntil(markActive(c.get("db"), auth));
  return c.json(result, 200);
});

/** POST /api/v1/capture/end — end a conversation explicitly (the REST twin of the `end` frame). */
capture.post("/end", async (c) => {
  const auth = c.get("auth");
  const { conversationId } = await readJson(c, z.object({ conversationId: externalConversationId }));
  const state = await conversationStub(c.env, auth.chatbotId, conversationId).end(auth.chatbotId);
  if (!state) throw notFound("conversation");
  return c.json({ data: conversationView(state) });
});
