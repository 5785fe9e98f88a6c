/** Small shapes several answers share. */
import { z } from "@hono/zod-openapi";

export const epochMs = z.number().int().openapi({ description: "Epoch milliseconds" });
export const SENTIMENT_LABELS = ["very_negative", "negative", "neutral", "positive", "very_positive"] as const;
export const sentimentLabel = z.enum(SENTIMENT_LABELS);
export const languageCode = z.string().openapi({ description: "ISO 639-1 code, or `und` when too short to tell" });

/** The range an analytics answer covers, and the previous period of the same length (cut at 1970: params.ts resolveRange). */
export const rangeView = z
  .object({
    from: epochMs,
    to: epochMs,
    previousFrom: epochMs.openapi({
      description: "Epoch milliseconds: `from` minus the range's length, but never before 0 (1970-01-01), where nothing is recorded; 0 to 0 for a range from 0, which has nothing to compare with",
    }),
    previousTo: epochMs.openapi({ description: "Epoch milliseconds: `from`" }),
  })
  .openapi("Range");

export const customValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).openapi("CustomFields");

export const clientRef = z.object({ externalId: z.string(), name: z.string().nullable() });

/** A flag's, intent's, topic's or behaviour's conversations (worker/analytics/label-counts.ts). */
export const labelConversations = z
  .number()
  .int()
  .openapi({ description: "Conversations it first appeared in during the range (one that raised it before counts in that earlier period)" });

/**
 * A number read from a query string. `Number("")` is 0, so `?after=` or `?limit=` left empty would silently mean 0
 * (or be refused as "too small"); an empty value is refused as empty instead, and anything but a decimal number
 * as not a number, each a 400 naming the field. Every numeric query parameter goes through it.
 */
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

export const queryNumber = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v, ctx) => {
    // A parameter given twice never gets here: the route refuses it first (worker/openapi/router.ts).
    if (typeof v !== "string") return v;
    if (v.trim() === "") ctx.addIssue({ code: "custom", message: "must be a number; the value is empty" });
    // Decimal only: `Number()` would also read "0x10", "1e3" and "Infinity".
    else if (!DECIMAL.test(v)) ctx.addIssue({ code: "custom", message: `must be a number, not "${v.slice(0, 40)}"` });
    else return v;
    return z.NEVER;
  }, schema);
