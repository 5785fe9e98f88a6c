import { z } from "@hono/zod-openapi";
import { notFound } from "../errors";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { json, jsonData, pageOf } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { conversationDetail as detailSchema, conversationSummary } from "../schemas/conversations";
import { conversationStubById } from "../services/conversation-stub";
import { listConversations, listQuery } from "../services/conversations";
import { conversationWithTriage } from "../triage/detail";
import { conversationTriage } from "./conversation-triage";
import { queryNumber } from "../schemas/common";

export const conversations = apiRouter();

conversations.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));

/** GET /api/v1/conversations — newest activity first, paginated, filterable. */
conversations.openapi(
  apiRoute("read", {
    method: "get",
    path: "/",
    tags: ["Conversations"],
    summary: "List conversations, most recent activity first",
    request: { query: listQuery },
    responses: { 200: json(pageOf(conversationSummary), "A page of conversations") },
  }),
  async (c) => c.json(await listConversations(c.get("db"), c.get("auth").chatbotId, c.req.valid("query")), 200),
);

export const messagesPage = z.object({
  after: queryNumber(z.coerce.number().int().nonnegative().default(0)).openapi({ description: "Messages with a sequence number above this" }),
  limit: queryNumber(z.coerce.number().int().min(1).max(1000).default(500)),
});

/** GET /api/v1/conversations/:id — one conversation with its session, client context and messages. */
conversations.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}",
    tags: ["Conversations"],
    summary: "One conversation with its messages and their analysis",
    description: "`id` is OpenBat's conversation id (64 hex characters, the `conversationId` capture answers), not the integrator's `externalId`. `triage` is its status, assignee and labels (README, Acting on conversations).",
    request: { params: z.object({ id: z.string().openapi({ description: "OpenBat's conversation id (64 hex characters)" }) }), query: messagesPage },
    responses: { 200: jsonData(detailSchema, "The conversation, its client context and a page of messages") },
  }),
  async (c) => {
    const { chatbotId } = c.get("auth");
    const page = c.req.valid("query");
    const stub = conversationStubById(c.env, c.req.valid("param").id);
    // Another chatbot's conversation answers exactly like one that does not exist.
    const snapshot = stub ? await stub.read(chatbotId, page) : null;
    if (!snapshot) throw notFound("conversation");
    return c.json({ data: await conversationWithTriage(c.get("db"), snapshot.state, snapshot.messages, page.limit) }, 200);
  },
);

// Status, assignee, notes, labels and the activity timeline of one conversation.
conversations.route("/", conversationTriage);
