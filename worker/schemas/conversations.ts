/**
 * What the conversation and capture routes answer with. `id` is OpenBat's conversation id (64 hex characters,
 * what the read routes take); `externalId` is the integrator's `conversationId` as sent to capture.
 */
import { z } from "@hono/zod-openapi";
import { ROLES } from "../../durable-objects/protocol";
import { customValues, epochMs, languageCode } from "./common";
import { messageAnalysis } from "./message-analysis";
import { triageSchema } from "./triage";

const nullableText = z.string().nullable();

export const sessionView = z
  .object({
    id: nullableText.optional(),
    pageUrl: nullableText.optional(),
    referrer: nullableText.optional(),
    device: nullableText.optional(),
    country: nullableText.optional(),
    city: nullableText.optional(),
    continent: nullableText.optional(),
    timezone: nullableText.optional(),
  })
  .openapi("Session");

/** A client user as D1 holds it (`id` null while the index has not caught up with the conversation). */
export const clientUserView = z
  .object({
    id: z.string().nullable(),
    externalId: z.string(),
    name: nullableText.optional(),
    email: nullableText.optional(),
    plan: nullableText.optional(),
    industry: nullableText.optional(),
    mrr: z.number().nullable().optional(),
    signedUpAt: epochMs.nullable().optional(),
    createdAt: epochMs.nullable().optional(),
  })
  .openapi("ClientUser");

export const clientOrganizationView = z
  .object({
    id: z.string().nullable(),
    externalId: z.string(),
    name: nullableText.optional(),
    plan: nullableText.optional(),
    industry: nullableText.optional(),
    mrr: z.number().nullable().optional(),
  })
  .openapi("ClientOrganization");

export const conversationSummary = z
  .object({
    id: z.string().openapi({ description: "OpenBat's conversation id (64 hex characters)" }),
    externalId: z.string().openapi({ description: "The integrator's `conversationId`" }),
    status: z.enum(["open", "ended"]),
    createdAt: epochMs,
    firstMessageAt: epochMs.nullable(),
    lastMessageAt: epochMs.nullable(),
    endedAt: epochMs.nullable(),
    messageCount: z.number().int(),
    userMessageCount: z.number().int(),
    language: languageCode.nullable(),
    session: sessionView,
    custom: customValues,
    user: clientUserView.nullable(),
    organization: clientOrganizationView.nullable(),
    aggregates: z.object({
      sentimentAvg: z.number().nullable(),
      resolution: nullableText,
      flags: z.array(z.string()),
      behaviours: z.array(z.string()),
    }),
  })
  .openapi("ConversationSummary");

export const conversationState = z
  .object({
    id: z.string(),
    externalId: z.string(),
    status: z.enum(["open", "ended"]),
    createdAt: epochMs,
    firstMessageAt: epochMs.nullable(),
    lastMessageAt: epochMs.nullable(),
    endedAt: epochMs.nullable(),
    endReason: nullableText,
    messageCount: z.number().int(),
    userMessageCount: z.number().int(),
    lastSeq: z.number().int(),
    language: languageCode.nullable(),
    session: sessionView,
    custom: customValues,
    aggregates: z.object({
      sentimentAvg: z.number().nullable(),
      resolution: nullableText,
      resolutionReason: nullableText,
      flags: z.array(z.string()),
      behaviours: z.array(z.string()),
    }),
  })
  .openapi("Conversation");

export const analysedMessage = z
  .object({
    id: z.string().openapi({ description: "The integrator's message id, or one OpenBat made (`msg_…`)" }),
    seq: z.number().int().openapi({ description: "Orders the conversation's messages, from 1" }),
    role: z.enum(ROLES),
    content: z.string(),
    sentAt: epochMs.nullable(),
    receivedAt: epochMs,
    language: languageCode.nullable(),
    analysis: z
      .object({
        analysis: messageAnalysis,
        analyzer: z.string(),
        analyzerVersion: z.string(),
        fallback: z.boolean().optional(),
        translation: z.string().optional(),
        language: z.string().optional(),
      })
      .nullable(),
  })
  .openapi("AnalysedMessage");

export const conversationDetail = conversationState
  .extend({
    user: clientUserView.nullable(),
    organization: clientOrganizationView.nullable(),
    messages: z.array(analysedMessage),
    triage: triageSchema,
    messagesPage: z.object({
      limit: z.number().int(),
      nextAfter: z.number().int().nullable().openapi({ description: "Pass as `?after=` for the next messages; null at the end" }),
    }),
  })
  .openapi("ConversationDetail");

export const captureResult = z
  .object({
    ok: z.literal(true),
    conversationId: z.string().openapi({ description: "OpenBat's conversation id (64 hex characters)" }),
    externalId: z.string().openapi({ description: "The `conversationId` you sent" }),
    inserted: z.number().int(),
    duplicates: z.number().int().openapi({ description: "Messages whose id was already stored: ignored, never stored twice" }),
    analysisQueued: z.number().int(),
    warnings: z.array(z.string()),
    messages: z.array(z.object({ id: z.string(), seq: z.number().int(), duplicate: z.boolean() })),
  })
  .openapi("CaptureResult", { description: "Answered bare, not in `{ data }`: the answer OpenBat's `recordMessages` documents" });

export const conversationToken = z
  .object({
    token: z.string(),
    conversationId: z.string().openapi({ description: "The conversation the token opens (yours, or a fresh unguessable one)" }),
    expiresAt: epochMs,
  })
  .openapi("ConversationToken");
