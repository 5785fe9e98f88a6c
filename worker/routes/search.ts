import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { json } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { searchResultSchema } from "../schemas/analytics";
import { searchQuery } from "../search/query";
import { semanticOf } from "../search/semantic";
import { searchMessages } from "../search/service";
import { checkedFilters } from "../services/filter-references";

export const search = apiRouter();

// Rate limited with the other reads: a semantic search costs an AI call.
search.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));

/** GET /api/v1/search?q=… — the chatbot's messages matching the query, best first. */
search.openapi(
  apiRoute("read", {
    method: "get",
    path: "/",
    tags: ["Search"],
    summary: "Search the chatbot's messages",
    description:
      'Words (all must occur), `"a phrase"`, `prefix*`; bm25-ranked, merged with semantic matches (reciprocal-rank fusion) where Workers AI and Vectorize are configured. Rate limited with the other reads.',
    request: { query: searchQuery },
    responses: { 200: json(searchResultSchema, "A page of hits, best first, and whether semantic search was used") },
  }),
  async (c) => {
    const q = await checkedFilters(c.get("db"), c.get("auth"), c.req.valid("query"));
    return c.json(await searchMessages(c.get("d1"), semanticOf(c.env), c.get("auth").chatbotId, q), 200);
  },
);
