/** What the analysis configuration and suggested-intent routes answer with. */
import { z } from "@hono/zod-openapi";
import { analysisConfigSchema, customDefinition, PROMPT_NAMES } from "../analysis/config";
import { epochMs } from "./common";

const prompt = z.object({ text: z.string(), isDefault: z.boolean() });

export const analysisConfigView = analysisConfigSchema
  .extend({
    effectivePrompts: z.object(Object.fromEntries(PROMPT_NAMES.map((name) => [name, prompt])) as Record<(typeof PROMPT_NAMES)[number], typeof prompt>),
    defaultIntents: z.array(customDefinition),
    analyzer: z.enum(["workers-ai", "embedded"]),
    warnings: z.array(z.string()),
  })
  .openapi("AnalysisConfig");

export const suggestionSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    terms: z.array(z.string()).openapi({ description: "The words its messages share" }),
    occurrences: z.number().int().openapi({ description: "Messages it covers" }),
    conversations: z.number().int(),
    example: z.string().nullable(),
    exampleConversationId: z.string().nullable(),
    firstSeenAt: epochMs,
    lastSeenAt: epochMs,
  })
  .openapi("IntentSuggestion");

export const bulkRejectResult = z
  .object({ rejected: z.number().int().openapi({ description: "Messages rejected" }), slugs: z.array(z.string()), notFound: z.array(z.string()) })
  .openapi("BulkRejectResult");
