/** Small shapes several answers share. */
import { z } from "@hono/zod-openapi";

export const epochMs = z.number().int().openapi({ description: "Epoch milliseconds" });
export const SENTIMENT_LABELS = ["very_negative", "negative", "neutral", "positive", "very_positive"] as const;
export const sentimentLabel = z.enum(SENTIMENT_LABELS);
export const languageCode = z.string().openapi({ description: "ISO 639-1 code, or `und` when too short to tell" });

/** The range an analytics answer covers, and the previous period of the same length. */
export const rangeView = z.object({ from: epochMs, to: epochMs, previousFrom: epochMs, previousTo: epochMs }).openapi("Range");

export const customValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).openapi("CustomFields");

export const clientRef = z.object({ externalId: z.string(), name: z.string().nullable() });
