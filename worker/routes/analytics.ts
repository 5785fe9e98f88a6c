import { assistantPerformance, assistantQuery } from "../analytics/assistant";
import { attentionQueue, attentionQuery } from "../analytics/attention";
import { conversationsTable, conversationsTableQuery } from "../analytics/conversations-table";
import { insights, insightsQuery } from "../analytics/insights";
import { mrrAtRiskBreakdown, mrrAtRiskQuery } from "../analytics/mrr-at-risk";
import { overview, overviewQuery } from "../analytics/overview";
import { organizationProfile, profileParam, profileQuery, userProfile } from "../analytics/profiles";
import { organizationsTable, organizationsTableQuery, usersTable, usersTableQuery } from "../analytics/people-tables";
import { sentimentOverTime, sentimentQuery } from "../analytics/sentiment";
import { requireChatbot } from "../middleware/auth";
import { checkedFilters } from "../services/filter-references";
import { rateLimit } from "../middleware/rate-limit";
import { json, jsonData, pageOf } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import {
  assistantPerformanceSchema,
  clientOrganizationRowSchema,
  clientUserRowSchema,
  conversationRowSchema,
  insightsSchema,
  mrrAtRiskBreakdownSchema,
  overviewSchema,
  sentimentOverTimeSchema,
} from "../schemas/analytics";
import { attentionSchema } from "../schemas/attention";
import { organizationProfileSchema, userProfileSchema } from "../schemas/profiles";
import { z } from "@hono/zod-openapi";

/**
 * Analytics (SPEC §7, §9), mounted twice: `/api/v1/analytics` (the read or admin key names the chatbot)
 * and `/api/v1/chatbots/:chatbotId/analytics` (the dashboard: a member session or a key of that chatbot).
 */
export const analytics = apiRouter();

analytics.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const tags = ["Analytics"];

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/overview",
    tags,
    summary: "KPIs for a date range with the previous period: conversations, messages, average sentiment, analysed today, resolution rate, MRR at risk",
    request: { query: overviewQuery },
    responses: { 200: jsonData(overviewSchema, "The KPIs and their trends") },
  }),
  async (c) => c.json({ data: await overview(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/mrr-at-risk",
    tags,
    summary: "MRR at risk for a date range and who makes it up: each organization (or user without one) with a churn_risk or frustrated_user conversation, once, with its MRR, flags and conversations",
    request: { query: mrrAtRiskQuery },
    responses: { 200: json(mrrAtRiskBreakdownSchema, "The total (the overview's KPI) and a page of the organizations and users behind it, most MRR first") },
  }),
  async (c) => c.json(await mrrAtRiskBreakdown(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()), 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/sentiment",
    tags,
    summary: "Average user-message sentiment per hour, day, week or month (empty buckets included) and conversation sentiment bands",
    request: { query: sentimentQuery },
    responses: { 200: jsonData(sentimentOverTimeSchema, "The series and the bands") },
  }),
  async (c) => c.json({ data: await sentimentOverTime(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/conversations",
    tags,
    summary: "The conversations table: search, filters, sort, pages",
    request: { query: conversationsTableQuery },
    responses: { 200: json(pageOf(conversationRowSchema), "A page of rows") },
  }),
  async (c) => c.json(await conversationsTable(c.get("db"), c.get("auth").chatbotId, await checkedFilters(c.get("db"), c.get("auth"), c.req.valid("query"))), 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/users",
    tags,
    summary: "Client users with plan, industry, MRR, conversations, average sentiment, last activity",
    request: { query: usersTableQuery },
    responses: { 200: json(pageOf(clientUserRowSchema), "A page of client users") },
  }),
  async (c) => c.json(await usersTable(c.get("db"), c.get("auth").chatbotId, c.req.valid("query")), 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/organizations",
    tags,
    summary: "Client organizations with plan, industry, MRR, users, conversations, average sentiment, last activity",
    request: { query: organizationsTableQuery },
    responses: { 200: json(pageOf(clientOrganizationRowSchema), "A page of client organizations") },
  }),
  async (c) => c.json(await organizationsTable(c.get("db"), c.get("auth").chatbotId, c.req.valid("query")), 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/users/{userId}",
    tags,
    summary: "One client user's profile: plan, MRR, activity, sentiment over the range, flags, latest conversations, the team's notes",
    request: { params: z.object({ userId: profileParam.openapi({ description: "Your id for the user (the `user.id` you send)" }) }), query: profileQuery },
    responses: { 200: jsonData(userProfileSchema, "The user's profile") },
  }),
  async (c) => c.json({ data: await userProfile(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").userId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/organizations/{clientOrgId}",
    tags,
    summary: "One client organization's profile: plan, MRR, users, activity, sentiment over the range, flags, latest conversations, the team's notes",
    request: { params: z.object({ clientOrgId: profileParam.openapi({ description: "Your id for the organization (the `organization.id` you send)" }) }), query: profileQuery },
    responses: { 200: jsonData(organizationProfileSchema, "The organization's profile") },
  }),
  async (c) => c.json({ data: await organizationProfile(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").clientOrgId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/insights",
    tags,
    summary: "Most dissatisfied users, top frustrations, revenue signals, top intents, sentiment by segment",
    request: { query: insightsQuery },
    responses: { 200: jsonData(insightsSchema, "The insights") },
  }),
  async (c) => c.json({ data: await insights(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/assistant",
    tags,
    summary: "Assistant behaviours, resolution outcomes and recent hallucinations",
    request: { query: assistantQuery },
    responses: { 200: jsonData(assistantPerformanceSchema, "The assistant's performance") },
  }),
  async (c) => c.json({ data: await assistantPerformance(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()) }, 200),
);

analytics.openapi(
  apiRoute("read", {
    method: "get",
    path: "/attention",
    tags,
    summary: "Needs attention now: open and recently active conversations ranked by a score of sentiment, its trend, flags, waiting time and MRR, each with the reasons",
    request: { query: attentionQuery },
    responses: { 200: jsonData(attentionSchema, "The queue, highest score first") },
  }),
  async (c) => c.json({ data: await attentionQueue(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()) }, 200),
);
