/** What GET /analytics/attention answers (worker/analytics/attention.ts computes it). */
import { z } from "@hono/zod-openapi";
import { TRIAGE_STATUSES } from "../db/schema";
import { clientRef, epochMs, sentimentLabel } from "./common";

export const attentionReasonSchema = z
  .object({
    kind: z.enum(["sentiment", "trend", "flag", "waiting", "mrr"]),
    points: z.number().int().openapi({ description: "This part's points; a row's reasons add up to its score" }),
    flag: z.string().optional().openapi({ description: "The flag (kind `flag`)" }),
    value: z.number().optional().openapi({
      description: "The latest user sentiment (`sentiment`), its change from the mean of up to 3 before it (`trend`), minutes waiting for a reply (`waiting`), the MRR (`mrr`)",
    }),
  })
  .openapi("AttentionReason");

export const attentionRowSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    status: z.enum(["open", "ended"]),
    user: z.object({ externalId: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    organization: clientRef.nullable(),
    plan: z.string().nullable().openapi({ description: "The organization's plan, else the user's" }),
    mrr: z.number().nullable().openapi({ description: "The organization's MRR, else the user's" }),
    lastUserMessage: z
      .object({ text: z.string().openapi({ description: "At most 300 characters" }), at: epochMs.nullable() })
      .nullable(),
    lastMessageAt: epochMs.nullable(),
    awaitingReplySince: epochMs.nullable().openapi({ description: "Open conversations: the first user message after the last assistant reply" }),
    sentiment: z
      .object({ current: z.number(), label: sentimentLabel, trend: z.number().nullable() })
      .nullable()
      .openapi({ description: "The latest analysed user message's sentiment and its change from the mean of up to 3 before it" }),
    flags: z.array(z.string()),
    triage: z.object({ status: z.enum(TRIAGE_STATUSES), assigneeId: z.string().nullable() }),
    score: z.number().int(),
    reasons: z.array(attentionReasonSchema).openapi({ description: "The score's parts, largest first" }),
  })
  .openapi("AttentionRow");

export const attentionSchema = z
  .object({
    at: epochMs.openapi({ description: "When the queue was computed (waiting times count up to it)" }),
    total: z.number().int().openapi({ description: "Conversations in the queue (the rows are the first `limit`)" }),
    conversations: z.array(attentionRowSchema),
  })
  .openapi("AttentionQueue");
