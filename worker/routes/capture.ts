import { z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { requireKey } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { jsonBody, json, jsonData } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { captureResult, conversationState } from "../schemas/conversations";
import { captureBody, captureMessages, externalConversationId } from "../services/capture";
import { assertCapturable, markActive } from "../services/chatbots";
import { conversationStub } from "../services/conversation-stub";
import { conversationView } from "../services/conversations";

export const capture = apiRouter();

capture.use("*", requireKey("ingest"), rateLimit("CAPTURE_LIMITER"));

/** An archived chatbot refuses capture before its body is read. */
export const capturable = createMiddleware<AppEnv>(async (c, next) => {
  assertCapturable(c.get("auth"));
  await next();
});

/** POST /api/v1/capture — store 1–100 messages of one conversation; answers before analysis runs. */
capture.openapi(
  apiRoute("ingest", {
    method: "post",
    path: "/",
    tags: ["Capture"],
    summary: "Store 1–100 messages of one conversation (OpenBat `recordMessages` compatible)",
    description:
      "Creates the conversation if new, appends otherwise, upserts user, organization and session; answers before analysis runs. A message `id` already stored is ignored (counted in `duplicates`). Messages stored here are also sent to every socket open on the conversation.",
    middleware: [capturable],
    request: { body: jsonBody(captureBody) },
    responses: { 200: json(captureResult, "What was stored (answered bare, for `recordMessages` compatibility)") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const result = await captureMessages(c.env, auth, c.req.valid("json"), c.req.raw);
    c.executionCtx.waitUntil(markActive(c.get("db"), auth));
    return c.json(result, 200);
  },
);

/** POST /api/v1/capture/end — end a conversation explicitly (the REST twin of the `end` frame). */
capture.openapi(
  apiRoute("ingest", {
    method: "post",
    path: "/end",
    tags: ["Capture"],
    summary: "End a conversation (the REST twin of the `end` frame); a later message reopens it",
    // An archived chatbot refuses it as it refuses capture (403 chatbot_archived): its conversations are left as they were.
    middleware: [capturable],
    request: { body: jsonBody(z.object({ conversationId: externalConversationId })) },
    responses: { 200: jsonData(conversationState, "The conversation, ended") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const { conversationId } = c.req.valid("json");
    // Null too when a socket opened it and nobody wrote: empty conversations are not conversations (README), left as they are.
    const state = await conversationStub(c.env, auth.chatbotId, conversationId).end(auth.chatbotId);
    if (!state) throw notFound("conversation");
    return c.json({ data: conversationView(state) }, 200);
  },
);
