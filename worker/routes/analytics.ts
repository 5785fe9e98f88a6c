import { Hono } from "hono";
import { assistantPerformance, assistantQuery } from "../analytics/assistant";
import { conversationsTable, conversationsTableQuery } from "../analytics/conversations-table";
import { insights, insightsQuery } from "../analytics/insights";
import { overview, overviewQuery } from "../analytics/overview";
import { organizationsTable, organizationsTableQuery, usersTable, usersTableQuery } from "../analytics/people-tables";
import { sentimentOverTime, sentimentQuery } from "../analytics/sentiment";
import type { AppEnv } from "../context";
import { readQuery } from "../input";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";

/**
 * Analytics (SPEC §7, §9), mounted twice: `/api/v1/analytics` (the read or admin key names the chatbot)
 * and `/api/v1/chatbots/:chatbotId/analytics` (the dashboard: a member session or a key of that chatbot).
 */
export const analytics = new Hono<AppEnv>();

analytics.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));

analytics.get("/overview", async (c) => c.json({ data: await overview(c.get("db"), c.get("auth").chatbotId, readQuery(c, overviewQuery), Date.now()) }));

analytics.get("/sentiment", async (c) =>
  c.json({ data: await sentimentOverTime(c.get("db"), c.get("auth").chatbotId, readQuery(c, sentimentQuery), Date.now()) }),
);

analytics.get("/conversations", async (c) => c.json(await conversationsTable(c.get("db"), c.get("auth").chatbotId, readQuery(c, conversationsTableQuery))));

analytics.get("/users", async (c) => c.json(await usersTable(c.get("db"), c.get("auth").chatbotId, readQuery(c, usersTableQuery))));

analytics.get("/organizations", async (c) => c.json(await organizationsTable(c.get("db"), c.get("auth").chatbotId, readQuery(c, organizationsTableQuery))));

analytics.get("/insights", async (c) => c.json({ data: await insights(c.get("db"), c.get("auth").chatbotId, readQuery(c, insightsQuery), Date.now()) }));

analytics.get("/assistant", async (c) =>
  c.json({ data: await assistantPerformance(c.get("db"), c.get("auth").chatbotId, readQuery(c, assistantQuery), Date.now()) }),
);
