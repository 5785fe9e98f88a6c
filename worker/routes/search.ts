import { Hono } from "hono";
import type { AppEnv } from "../context";
import { readQuery } from "../input";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { searchQuery } from "../search/query";
import { semanticOf } from "../search/semantic";
import { searchMessages } from "../search/service";

export const search = new Hono<AppEnv>();

// Rate limited with the other reads: a semantic search costs an AI call.
search.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));

/** GET /api/v1/search?q=… — the chatbot's messages matching the query, best first. */
search.get("/", async (c) => {
  const query = readQuery(c, searchQuery);
  return c.json(await searchMessages(c.env.DB, semanticOf(c.env), c.get("auth").chatbotId, query));
});
