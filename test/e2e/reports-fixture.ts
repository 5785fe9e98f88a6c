/** A report layout with every widget type, at every size and with a filter, for the browser tests. */
export const WIDGET_TYPES = [
  "total_conversations",
  "average_sentiment",
  "resolution_rate",
  "churn_risk_count",
  "buying_signal_count",
  "messages_today",
  "mrr_at_risk",
  "sentiment_trend",
  "conversation_volume",
  "intent_distribution",
  "sentiment_distribution",
  "flag_distribution",
  "resolution_distribution",
  "language_distribution",
  "top_topics",
  "recent_conversations",
] as const;

const SIZES: Partial<Record<(typeof WIDGET_TYPES)[number], "third" | "half" | "full">> = {
  sentiment_trend: "half",
  conversation_volume: "half",
  intent_distribution: "third",
  sentiment_distribution: "third",
  flag_distribution: "third",
  resolution_distribution: "half",
  language_distribution: "half",
  top_topics: "half",
  recent_conversations: "half",
};

export function everyWidgetLayout() {
  return {
    version: 1,
    widgets: WIDGET_TYPES.map((type, i) => ({
      id: `w${i}`,
      type,
      size: SIZES[type] ?? "third",
      ...(type === "resolution_distribution" ? { title: "Outcomes on the pro plan", filters: { plan: "pro" } } : {}),
      ...(type === "intent_distribution" ? { chart: "donut" } : {}),
    })),
  };
}
