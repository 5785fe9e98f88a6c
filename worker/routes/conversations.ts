import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { readQuery } from "../input";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { conversationStubById } from "../services/conversation-stub";
import { conversationDetail, listConversations, listQuery } from "../services/conversations";

export const conversations = new Hono<AppEnv>();

conversations.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));

/** GET /api/v1/conversations — newest activity first, paginated, filterable. */
conversations.get("/", async (c) => {
  const query = readQuery(c, listQuery);
  return c.json(await listConversations(c.get("db"), c.get("auth").chatbotId, query));
});

export const messagesPage = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** GET /api/v1/conversations/:id — one conversation with its session, client context and messages. */
conversations.get("/:id", async (c) => {
  const { chatbotId } = c.get("auth");
  const page = readQuery(c, messagesPage);
  const stub = conversationStubById(c.env, c.req.param("id"));
  // Another chatbot's conversation answers exactly like one that does not exist.
  const snapshot = stub ? await stub.read(chatbotId, page) : null;
  if (!snapshot) throw notFound("conversation");
  return c.json({ data: await conversationDetail(c.get("db"), snapshot.state, snapshot.messages, page.limit) });
});
