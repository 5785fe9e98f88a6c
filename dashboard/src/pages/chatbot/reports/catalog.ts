/** The widget library as the dashboard names and places it (README "Reports"). */
import type { ReportWidget, WidgetSize, WidgetType } from "../../../api/types";

interface WidgetInfo {
  label: string;
  group: "Stats" | "Charts" | "Lists";
  size: WidgetSize;
  help: string;
}

export const WIDGETS: Record<WidgetType, WidgetInfo> = {
  total_conversations: { label: "Total conversations", group: "Stats", size: "third", help: "Conversations started in the range, against the period of the same length before." },
  average_sentiment: { label: "Average sentiment", group: "Stats", size: "third", help: "Average sentiment of the user messages analysed in the range, −1 to +1." },
  resolution_rate: { label: "Resolution rate", group: "Stats", size: "third", help: "Share of judged conversations that were fully resolved." },
  churn_risk_count: { label: "Churn risk", group: "Stats", size: "third", help: "Conversations that first raised a churn-risk flag in the range." },
  buying_signal_count: { label: "Buying signals", group: "Stats", size: "third", help: "Conversations that first raised a buying-signal flag in the range." },
  messages_today: { label: "Messages today", group: "Stats", size: "third", help: "User messages analysed since midnight in your time zone, live, against yesterday up to the same time." },
  mrr_at_risk: { label: "MRR at risk", group: "Stats", size: "third", help: "MRR of every client organization — or user without one — with a churn-risk or frustrated conversation in the range, each counted once." },
  sentiment_trend: { label: "Sentiment trend", group: "Charts", size: "half", help: "Average user sentiment per day." },
  conversation_volume: { label: "Conversation volume", group: "Charts", size: "half", help: "Conversations started per day." },
  intent_distribution: { label: "Intents", group: "Charts", size: "half", help: "User messages per intent." },
  sentiment_distribution: { label: "Sentiment by label", group: "Charts", size: "half", help: "User messages per sentiment label." },
  flag_distribution: { label: "Flags", group: "Charts", size: "half", help: "User messages per flag raised." },
  resolution_distribution: { label: "Resolution outcomes", group: "Charts", size: "half", help: "Judged conversations by resolution." },
  language_distribution: { label: "Languages", group: "Charts", size: "half", help: "Conversations per main language." },
  top_topics: { label: "Top topics", group: "Lists", size: "half", help: "The topics of the range's user messages, most frequent first." },
  recent_conversations: { label: "Recent conversations", group: "Lists", size: "full", help: "Conversations started in the range, last activity first, with their user and sentiment." },
};

export const WIDGET_OPTIONS = (["Stats", "Charts", "Lists"] as const).map((group) => ({
  group,
  items: (Object.keys(WIDGETS) as WidgetType[]).filter((t) => WIDGETS[t].group === group).map((t) => ({ value: t, label: WIDGETS[t].label })),
}));

export const widgetTitle = (w: Pick<ReportWidget, "type" | "title">) => w.title ?? WIDGETS[w.type].label;

/** A widget of `type` with its usual size and an id not yet used in the layout. */
export function newWidget(type: WidgetType, taken: string[]): ReportWidget {
  let n = taken.length + 1;
  while (taken.includes(`w${n}`)) n += 1;
  const widget = { id: `w${n}`, type, size: WIDGETS[type].size, filters: {} };
  // The two lists are the widgets with a `limit` (the layout's schema requires it there and nowhere else).
  return (type === "top_topics" || type === "recent_conversations" ? { ...widget, limit: 10 } : widget) as ReportWidget;
}

/** Grid columns (of 6) a size spans on wide screens; phones show every widget full width. */
export const SPAN: Record<WidgetSize, number> = { third: 2, half: 3, full: 6 };

export const RANGE_OPTIONS = [1, 7, 14, 30, 90].map((d) => ({ value: String(d), label: d === 1 ? "1 day" : `${d} days` }));

export function filterSummary(f: ReportWidget["filters"]): string {
  const parts = [f.plan && `plan ${f.plan}`, f.country && `country ${f.country}`, f.language && `language ${f.language}`, f.label && `sentiment ${f.label.replace("_", " ")}`].filter(Boolean);
  return parts.join(", ");
}
