/** What the analytics and search routes answer with. */
import { z } from "@hono/zod-openapi";
import { paginationSchema } from "../openapi/responses";
import { TRIAGE_STATUSES } from "../db/schema";
import { clientRef, epochMs, labelConversations, languageCode, rangeView, sentimentLabel } from "./common";

const trend = z
  .object({
    value: z.number().nullable(),
    previous: z.number().nullable(),
    change: z.number().nullable().openapi({ description: "Relative for counts and MRR (0.25 = +25 %), the difference for sentiment and resolution rate; null when there was nothing before" }),
  })
  .openapi("Trend");

export const overviewSchema = z
  .object({
    range: rangeView,
    today: rangeView,
    timeZone: z.string().openapi({ description: "The zone whose midnight starts `today` (the `timeZone` asked for, else UTC)" }),
    kpis: z.object({
      conversations: trend,
      messages: trend,
      averageSentiment: trend,
      analysedToday: trend,
      resolutionRate: trend,
      mrrAtRisk: trend,
    }),
  })
  .openapi("Overview");

export const sentimentOverTimeSchema = z
  .object({
    range: rangeView,
    interval: z.enum(["hour", "day", "week", "month"]),
    timeZone: z.string().openapi({ description: "The zone whose midnights start the day, week and month buckets (the `timeZone` asked for, else UTC)" }),
    series: z.array(z.object({ start: epochMs, end: epochMs, averageSentiment: z.number().nullable(), messages: z.number().int() })),
    bands: z.object({
      satisfied: z.number().int(),
      neutral: z.number().int(),
      dissatisfied: z.number().int(),
      unscored: z.number().int(),
      thresholds: z.object({ satisfiedAbove: z.number(), dissatisfiedBelow: z.number() }),
    }),
  })
  .openapi("SentimentOverTime");

const nullableText = z.string().nullable();

export const conversationRowSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    status: z.enum(["open", "ended"]),
    user: z.object({ externalId: z.string(), name: nullableText, email: nullableText }).nullable(),
    organization: clientRef.nullable(),
    plan: nullableText,
    industry: nullableText,
    mrr: z.number().nullable(),
    device: nullableText,
    country: nullableText,
    language: languageCode.nullable(),
    messageCount: z.number().int(),
    sentiment: z.object({ average: z.number().nullable(), label: sentimentLabel }).nullable(),
    flags: z.array(z.string()),
    lastMessageAt: epochMs.nullable(),
    createdAt: epochMs,
    lastUserMessage: z
      .object({ text: z.string().openapi({ description: "At most 300 characters" }), at: epochMs.nullable() })
      .nullable()
      .openapi({ description: "The last user message (null for conversations indexed before it was kept, until their next message)" }),
    triage: z.object({ status: z.enum(TRIAGE_STATUSES), assigneeId: z.string().nullable() }),
    labels: z.array(z.object({ id: z.string(), name: z.string(), color: z.string() })),
  })
  .openapi("ConversationRow");

export const clientUserRowSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    name: nullableText,
    email: nullableText,
    organization: clientRef.nullable(),
    plan: nullableText,
    industry: nullableText,
    mrr: z.number().nullable(),
    signedUpAt: epochMs.nullable(),
    firstSeenAt: epochMs,
    conversations: z.number().int(),
    averageSentiment: z.number().nullable(),
    lastActivityAt: epochMs.nullable(),
  })
  .openapi("ClientUserRow");

export const clientOrganizationRowSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    name: nullableText,
    plan: nullableText,
    industry: nullableText,
    mrr: z.number().nullable(),
    firstSeenAt: epochMs,
    users: z.number().int(),
    conversations: z.number().int(),
    averageSentiment: z.number().nullable(),
    lastActivityAt: epochMs.nullable(),
  })
  .openapi("ClientOrganizationRow");

export const mrrAtRiskTotalSchema = z
  .object({
    mrr: z.number().openapi({ description: "Sum of the MRR of every organization (or user without one) at risk, each once" }),
    organizations: z.number().int(),
    users: z.number().int().openapi({ description: "Users without an organization at risk" }),
  })
  .openapi("MrrAtRiskTotal");

export const mrrAtRiskBreakdownSchema = z
  .object({
    data: z.object({
      range: rangeView,
      definition: z.string(),
      total: mrrAtRiskTotalSchema,
      rows: z.array(
        z
          .object({
            kind: z.enum(["organization", "user"]).openapi({ description: "An organization, or a user whose flagged conversations have none" }),
            externalId: z.string().openapi({ description: "Your id for the organization or user: the profile's address and the conversations table's `organization`/`user` filter" }),
            name: nullableText,
            email: nullableText,
            plan: nullableText,
            mrr: z.number().nullable(),
            conversations: z.number().int().openapi({ description: "Its conversations that raised churn_risk or frustrated_user in the range" }),
            flags: z.array(z.object({ flag: z.enum(["churn_risk", "frustrated_user"]), conversations: z.number().int() })),
            lastFlaggedAt: epochMs,
            latestConversationId: z.string().openapi({ description: "The conversation flagged last (GET /conversations/:id)" }),
          })
          .openapi("MrrAtRiskRow"),
      ),
    }),
    pagination: paginationSchema,
  })
  .openapi("MrrAtRiskBreakdown");

const segmentRow = z.object({ value: nullableText, averageSentiment: z.number().nullable(), conversations: z.number().int() });
const counted = z.object({ text: z.string(), count: z.number().int() });

export const insightsSchema = z
  .object({
    range: rangeView,
    mostDissatisfiedUsers: z.array(
      z.object({
        externalId: z.string(),
        name: nullableText,
        email: nullableText,
        plan: nullableText,
        mrr: z.number().nullable(),
        organization: clientRef.nullable(),
        averageSentiment: z.number().nullable(),
        scoredConversations: z.number().int(),
      }),
    ),
    topFrustrations: z.array(
      z.object({ flag: z.string(), signals: z.number().int(), conversations: labelConversations, topChunks: z.array(counted), topReasons: z.array(counted) }),
    ),
    revenueSignals: z.array(
      z.object({ flag: z.string(), signals: z.number().int(), conversations: labelConversations, organizations: z.number().int(), mrr: z.number() }),
    ),
    topIntents: z.array(z.object({ intent: z.string(), count: z.number().int(), conversations: labelConversations })),
    mrrAtRisk: mrrAtRiskTotalSchema,
    sentimentBySegment: z.object({ plan: z.array(segmentRow), industry: z.array(segmentRow), device: z.array(segmentRow), country: z.array(segmentRow) }),
  })
  .openapi("Insights");

export const assistantPerformanceSchema = z
  .object({
    range: rangeView,
    behaviours: z.array(z.object({ behaviour: z.string(), count: z.number().int(), conversations: labelConversations })),
    resolutions: z.object({
      judged: z.number().int(),
      outcomes: z.array(z.object({ resolution: z.string(), count: z.number().int(), share: z.number().nullable() })),
    }),
    hallucinations: z.object({
      total: z.number().int(),
      bySeverity: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), unspecified: z.number().int() }),
      recent: z.array(
        z.object({
          conversationId: z.string(),
          externalId: nullableText,
          messageSeq: z.number().int().nullable(),
          messageId: nullableText,
          severity: nullableText,
          reason: nullableText,
          chunk: nullableText,
          analyzedAt: epochMs,
        }),
      ),
    }),
  })
  .openapi("AssistantPerformance");

export const searchResultSchema = z
  .object({
    data: z.array(
      z
        .object({
          messageId: z.string(),
          conversationId: z.string(),
          conversationExternalId: z.string(),
          seq: z.number().int(),
          role: z.string(),
          at: epochMs,
          snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
          user: z.object({ externalId: z.string(), name: nullableText, email: nullableText }).nullable(),
          sentiment: z.object({ label: z.string(), score: z.number().nullable() }).nullable(),
          matchedBy: z.array(z.enum(["fulltext", "semantic"])),
          score: z.number().openapi({ description: "Higher is better: the fused (reciprocal-rank) score, or minus the bm25 rank when full-text ranks alone" }),
        })
        .openapi("SearchHit"),
    ),
    pagination: z.object({ page: z.number().int(), limit: z.number().int(), hasMore: z.boolean() }),
    semantic: z.object({
      enabled: z.boolean(),
      used: z.boolean(),
      model: z.string().optional(),
      reason: z.string().optional(),
    }),
  })
  .openapi("SearchResult");
