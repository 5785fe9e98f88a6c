/** What the report routes answer with. */
import { z } from "@hono/zod-openapi";
import { layoutSchema, WIDGET_TYPES, widgetFilters } from "../reports/layout";
import { conversationRowSchema } from "./analytics";
import { epochMs, labelConversations, rangeView } from "./common";

export const reportSchema = z
  .object({ id: z.string(), chatbotId: z.string(), name: z.string(), rangeDays: z.number().int(), layout: layoutSchema, createdAt: epochMs, updatedAt: epochMs })
  .openapi("Report");

const trend = z.object({ value: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable() });

const widgetData = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stat"), format: z.enum(["count", "score", "percent", "money"]), changeMode: z.enum(["relative", "absolute"]), trend }),
  z.object({ kind: z.literal("series"), points: z.array(z.object({ start: epochMs, end: epochMs, value: z.number().nullable(), messages: z.number().int().optional() })) }),
  z.object({
    kind: z.literal("categories"),
    items: z.array(z.object({ key: z.string().nullable(), value: z.number(), conversations: z.number().int().optional(), share: z.number().nullable().optional() })),
  }),
  z.object({ kind: z.literal("topics"), rows: z.array(z.object({ topic: z.string(), messages: z.number().int(), conversations: labelConversations })) }),
  z.object({ kind: z.literal("conversations"), rows: z.array(conversationRowSchema) }),
]);

export const reportDataSchema = z
  .object({
    reportId: z.string(),
    range: rangeView,
    today: z.object({ from: epochMs, to: epochMs }),
    timeZone: z.string().openapi({ description: "The zone whose midnight starts `today` (the `timeZone` asked for, else UTC)" }),
    widgets: z.array(z.object({ id: z.string(), type: z.enum(WIDGET_TYPES), filters: widgetFilters, data: widgetData })),
  })
  .openapi("ReportData");
