/**
 * A report's layout: one versioned JSON document, validated by this one schema wherever it enters (the
 * API's bodies, and rows read back from D1). Widgets are a discriminated union on `type`, so an unknown
 * type is a 400 naming `layout.widgets.<i>.type`, and each type carries only the options it understands.
 */
import { nameText, withoutControlCharacters } from "../schemas/names";
import { z } from "zod";
import { countryCode } from "../../durable-objects/protocol";
import { SENTIMENT_LABELS } from "../analysis/labels";
import { languageCode } from "../analysis/language";
import { shortFilter } from "../analytics/params";

export const LAYOUT_VERSION = 1;
/** A report fits on a few screens; more widgets would also mean more queries per view. */
export const MAX_WIDGETS = 24;

/** Stats: one figure with its value in the previous period of equal length. */
export const STAT_WIDGETS = [
  "total_conversations",
  "average_sentiment",
  "resolution_rate",
  "churn_risk_count",
  "buying_signal_count",
  "messages_today",
  "mrr_at_risk",
] as const;
/** Charts: a daily series or a distribution over labels. */
export const CHART_WIDGETS = [
  "sentiment_trend",
  "conversation_volume",
  "intent_distribution",
  "sentiment_distribution",
  "flag_distribution",
  "resolution_distribution",
  "language_distribution",
] as const;
/** Lists: rows. */
export const LIST_WIDGETS = ["top_topics", "recent_conversations"] as const;

export const WIDGET_TYPES = [...STAT_WIDGETS, ...CHART_WIDGETS, ...LIST_WIDGETS] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];
export type StatWidgetType = (typeof STAT_WIDGETS)[number];

export const WIDGET_SIZES = ["third", "half", "full"] as const;

/**
 * Which conversations a widget counts: the conversation's plan (its organization's, or its user's), its
 * country, its main language, and `label`, the sentiment label of its average sentiment.
 */
export const widgetFilters = z
  .object({
    plan: shortFilter.optional(),
    country: countryCode.optional(),
    language: languageCode.optional(),
    label: z.enum(SENTIMENT_LABELS).optional(),
  })
  .strict();
export type WidgetFilters = z.infer<typeof widgetFilters>;

const common = {
  /** Stable within the layout: the answer for this widget carries the same id. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "must be 1–40 letters, digits, _ or -"),
  title: nameText(80).optional(),
  size: z.enum(WIDGET_SIZES).default("third"),
  filters: widgetFilters.default({}),
};

const stat = (type: StatWidgetType) => z.object({ type: z.literal(type), ...common }).strict();
const chart = (type: Exclude<(typeof CHART_WIDGETS)[number], "intent_distribution">) => z.object({ type: z.literal(type), ...common }).strict();
const list = (type: (typeof LIST_WIDGETS)[number]) => z.object({ type: z.literal(type), ...common, limit: z.number().int().min(1).max(20).default(10) }).strict();

export const widget = z.discriminatedUnion("type", [
  stat("total_conversations"),
  stat("average_sentiment"),
  stat("resolution_rate"),
  stat("churn_risk_count"),
  stat("buying_signal_count"),
  stat("messages_today"),
  stat("mrr_at_risk"),
  chart("sentiment_trend"),
  chart("conversation_volume"),
  z.object({ type: z.literal("intent_distribution"), ...common, chart: z.enum(["bar", "donut"]).default("bar") }).strict(),
  chart("sentiment_distribution"),
  chart("flag_distribution"),
  chart("resolution_distribution"),
  chart("language_distribution"),
  list("top_topics"),
  list("recent_conversations"),
]);
export type Widget = z.infer<typeof widget>;

export const layoutSchema = z
  .object({
    version: z.literal(LAYOUT_VERSION),
    widgets: z.array(widget).max(MAX_WIDGETS, `a report holds at most ${MAX_WIDGETS} widgets`),
  })
  .strict()
  .superRefine((layout, ctx) => {
    const seen = new Set<string>();
    layout.widgets.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: "custom", path: ["widgets", i, "id"], message: "must be unique within the layout" });
      seen.add(w.id);
    });
  });
export type Layout = z.infer<typeof layoutSchema>;

export const emptyLayout = (): Layout => ({ version: LAYOUT_VERSION, widgets: [] });

/**
 * A stored layout as the schema reads it: a widget title saved before titles refused control characters has each
 * read as a space, so the report still opens (and is saved clean with its next change).
 */
export function storedLayout(stored: unknown): Layout {
  const layout = stored as { widgets?: { title?: unknown }[] } | null;
  const widgets = Array.isArray(layout?.widgets)
    ? layout.widgets.map((w) => (typeof w?.title === "string" ? { ...w, title: withoutControlCharacters(w.title).trim() || undefined } : w))
    : layout?.widgets;
  return layoutSchema.parse({ ...layout, widgets });
}
