/**
 * A message's analysis, as the read API answers it and the live protocol's `annotation` frame sends it
 * (durable-objects/protocol.ts): one schema for both, in a file of its own so the protocol can import it
 * without importing the read API's shapes (which import the protocol).
 */
import { z } from "@hono/zod-openapi";
import { sentimentLabel } from "./common";

export const detection = z
  .object({
    slug: z.string(),
    confidence: z.number(),
    reason: z.string(),
    chunk: z.string().optional(),
    severity: z.enum(["low", "medium", "high"]).optional(),
    pending: z.boolean().optional(),
    autoDiscovered: z.boolean().optional(),
    custom: z.boolean().optional(),
  })
  .openapi("Detection");

export const messageAnalysis = z
  .object({
    sentiment: z.object({ score: z.number(), label: sentimentLabel, chunk: z.string(), reason: z.string() }).optional(),
    flags: z.array(detection),
    behaviours: z.array(detection),
    intent: detection.optional(),
    topics: z.array(detection),
    language: z.string().optional(),
  })
  .openapi("MessageAnalysis");
