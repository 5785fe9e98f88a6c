/**
 * The MCP server's tools: each one a thin adapter over the domain function its REST twin calls, with that
 * route's zod schema as its input and that route's JSON body as its answer. Every call is scoped to the
 * chatbot the API key belongs to; nothing here takes a chatbot id from the caller.
 */
import { z } from "zod";
import { overview, overviewQuery } from "../analytics/overview";
import { sentimentOverTime, sentimentQuery } from "../analytics/sentiment";
import type { Db } from "../db/client";
import { notFound } from "../errors";
import { messagesPage } from "../routes/conversations";
import { conversationStubById } from "../services/conversation-stub";
import { listConversations, listQuery } from "../services/conversations";
import { conversationWithTriage } from "../triage/detail";
import { listRuns, listWorkflows, runsQuery } from "../workflows/service";
import { reviewDigest, reviewDigestQuery } from "./review-digest";

/** What a tool call may use: the key's chatbot, never one the caller names. */
export interface ToolContext {
  env: Env;
  db: Db;
  chatbotId: string;
  now: number;
}

export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: S;
  run: (ctx: ToolContext, input: z.output<S>) => Promise<object>;
}

/** Keeps each tool's input type tied to its schema inside the heterogeneous list below. */
const tool = <S extends z.ZodObject>(definition: ToolDefinition<S>) => definition as unknown as ToolDefinition;

const RANGE = "`from` (inclusive) and `to` (exclusive) are epoch milliseconds or ISO-8601 with an offset; the default is the 7 days up to now.";

export const TOOLS: ToolDefinition[] = [
  tool({
    name: "list_conversations",
    title: "List conversations",
    description: `Conversations of this chatbot, most recent activity first, with session, client user and organization, and analysis aggregates (average sentiment, resolution, flags, behaviours). Filters: from/to (creation time), user (the client user's external id), country, device, status, externalId, language. Paginated by page and limit (at most 100).`,
    input: listQuery,
    run: ({ db, chatbotId }, q) => listConversations(db, chatbotId, q),
  }),
  tool({
    name: "get_conversation",
    title: "Get a conversation",
    description:
      "One conversation by its id (the `id` from list_conversations, not the external id): its session and client context, and its messages in order, each with its language and its analysis (sentiment, flags, intent, behaviours), and its triage (status, assignee, labels). Messages come in pages: pass `after` (a message seq) and `limit` (at most 1000); `messagesPage.nextAfter` is the next page's `after`, null at the end.",
    input: z.object({ id: z.string().min(1).max(128), ...messagesPage.shape }),
    run: async ({ env, db, chatbotId }, { id, ...page }) => {
      const stub = conversationStubById(env, id);
      // Another chatbot's conversation answers exactly like one that does not exist.
      const snapshot = stub ? await stub.read(chatbotId, page) : null;
      if (!snapshot) throw notFound("conversation");
      return { data: await conversationWithTriage(db, snapshot.state, snapshot.messages, page.limit) };
    },
  }),
  tool({
    name: "analytics_overview",
    title: "Analytics overview",
    description: `Headline figures for a date range, each with its value in the previous period of equal length and the change: conversations, messages, average sentiment, messages analysed today, resolution rate, MRR at risk. ${RANGE}`,
    input: overviewQuery,
    run: async ({ db, chatbotId, now }, q) => ({ data: await overview(db, chatbotId, q, now) }),
  }),
  tool({
    name: "analytics_sentiment",
    title: "Sentiment over time",
    description: `Average user-message sentiment (−1 to 1) per hour, day, week or month (\`interval\`, default day; empty buckets included) and how many conversations were satisfied, neutral, dissatisfied or unscored. ${RANGE}`,
    input: sentimentQuery,
    run: async ({ db, chatbotId, now }, q) => ({ data: await sentimentOverTime(db, chatbotId, q, now) }),
  }),
  tool({
    name: "review_digest",
    title: "Review digest",
    description: `A review of one time window against the previous window of equal length: headline figures with their change, the most raised flags and most common intents (with previous counts), issues (assistant behaviours other than helpful, hallucinations, unresolved conversations, what frustrated or confused users said most often), and representative conversations with why each was picked (open them with get_conversation). ${RANGE}`,
    input: reviewDigestQuery,
    run: async ({ db, chatbotId, now }, q) => ({ data: await reviewDigest(db, chatbotId, q, now) }),
  }),
  tool({
    name: "list_workflows",
    title: "List workflows",
    description: "The chatbot's workflows (automations that send a webhook when a message or conversation matches): trigger, conditions, actions, cooldown, status.",
    input: z.object({}),
    run: async ({ db, chatbotId }) => ({ data: await listWorkflows(db, chatbotId) }),
  }),
  tool({
    name: "list_workflow_runs",
    title: "List a workflow's runs",
    description:
      "The runs of one workflow (`workflowId` from list_workflows), newest first, each with its webhook deliveries and every delivery attempt. Filter by `status` (pending, triggered, success, failed, skipped); paginated by page and limit (at most 100).",
    input: runsQuery.extend({ workflowId: z.string().min(1).max(128) }),
    run: ({ db, chatbotId }, { workflowId, ...q }) => listRuns(db, chatbotId, workflowId, q),
  }),
];
