/** What the profile routes answer with: one client user or organization and what their conversations say. */
import { z } from "@hono/zod-openapi";
import { conversationRowSchema, sentimentOverTimeSchema } from "./analytics";
import { clientRef, epochMs } from "./common";

const nullableText = z.string().nullable();

const ownerFacts = {
  activity: z.object({
    conversations: z.number().int().openapi({ description: "All their conversations, all time" }),
    averageSentiment: z.number().nullable().openapi({ description: "Mean of their scored conversations' average sentiment, all time" }),
    lastActivityAt: epochMs.nullable(),
  }),
  sentiment: sentimentOverTimeSchema.openapi({ description: "The sentiment endpoint's series and bands over the range, narrowed to their conversations" }),
  flags: z.array(z.object({ flag: z.string(), conversations: z.number().int() })).openapi({ description: "Flags their conversations raised (all time), most conversations first" }),
  conversations: z.object({
    total: z.number().int(),
    latest: z.array(conversationRowSchema).openapi({ description: "The 20 most recently active (the conversations table with `user` or `organization` lists them all)" }),
  }),
  notes: z
    .array(z.object({ id: z.string(), conversationId: z.string(), conversationExternalId: z.string(), authorName: z.string(), body: z.string(), createdAt: epochMs }))
    .openapi({ description: "The team's notes on their conversations, newest first (at most 50)" }),
};

export const userProfileSchema = z
  .object({
    user: z.object({
      externalId: z.string(),
      name: nullableText,
      email: nullableText,
      plan: nullableText,
      industry: nullableText,
      mrr: z.number().nullable(),
      signedUpAt: epochMs.nullable(),
      firstSeenAt: epochMs,
      organization: clientRef.nullable(),
    }),
    ...ownerFacts,
  })
  .openapi("UserProfile");

export const organizationProfileSchema = z
  .object({
    organization: z.object({ externalId: z.string(), name: nullableText, plan: nullableText, industry: nullableText, mrr: z.number().nullable(), firstSeenAt: epochMs }),
    users: z
      .array(z.object({ externalId: z.string(), name: nullableText, email: nullableText, plan: nullableText, mrr: z.number().nullable() }))
      .openapi({ description: "Its users (at most 100), by name" }),
    ...ownerFacts,
  })
  .openapi("OrganizationProfile");
