/** Reports as the API answers them (README "Reports"; worker/reports/). */
import type { ConversationRow, SentimentLabel, Trend } from "./types";

export const WIDGET_SIZES = ["third", "half", "full"] as const;
export type WidgetSize = (typeof WIDGET_SIZES)[number];

export interface WidgetFilters {
  plan?: string;
  country?: string;
  language?: string;
  label?: SentimentLabel;
}

export type WidgetType =
  | "total_conversations"
  | "average_sentiment"
  | "resolution_rate"
  | "churn_risk_count"
  | "buying_signal_count"
  | "messages_today"
  | "mrr_at_risk"
  | "sentiment_trend"
  | "conversation_volume"
  | "intent_distribution"
  | "sentiment_distribution"
  | "flag_distribution"
  | "resolution_distribution"
  | "language_distribution"
  | "top_topics"
  | "recent_conversations";

export interface ReportWidget {
  id: string;
  type: WidgetType;
  title?: string;
  size: WidgetSize;
  filters: WidgetFilters;
  /** Lists only. */
  limit?: number;
  /** intent_distribution only. */
  chart?: "bar" | "donut";
}

export interface ReportLayout {
  version: 1;
  widgets: ReportWidget[];
}

export interface Report {
  id: string;
  chatbotId: string;
  name: string;
  rangeDays: number;
  layout: ReportLayout;
  createdAt: number;
  updatedAt: number;
}

export type WidgetData =
  | { kind: "stat"; format: "count" | "score" | "percent" | "money"; changeMode: "relative" | "absolute"; trend: Trend }
  | { kind: "series"; points: { start: number; end: number; value: number | null; messages?: number }[] }
  | { kind: "categories"; items: { key: string | null; value: number; conversations?: number; share?: number | null }[] }
  | { kind: "topics"; rows: { topic: string; messages: number; conversations: number }[] }
  | { kind: "conversations"; rows: ConversationRow[] };

export interface ReportData {
  reportId: string;
  range: { from: number; to: number; previousFrom: number; previousTo: number };
  today: { from: number; to: number };
  widgets: { id: string; type: WidgetType; filters: WidgetFilters; data: WidgetData }[];
}
