/**
 * The overview's six KPIs: their names, how each value is written and how its trend reads. Pure, without
 * React: OverviewPage draws them as cards, and the Worker paints the same figures into the page before the
 * application has loaded (worker/first-paint), so both say the same thing in the same words.
 */
import type { Overview } from "../../api/types";
import type { FigureFormat } from "../../lib/format";
import type { TrendOptions } from "../../lib/trend";

export interface KpiSpec extends TrendOptions {
  /** The card's test id (`kpi-<id>`, its value `kpi-<id>-value`). */
  id: string;
  field: keyof Overview["kpis"];
  label: string;
  format: FigureFormat;
}

export const OVERVIEW_KPIS = {
  conversations: { id: "conversations", field: "conversations", label: "Conversations", format: "number", mode: "relative" },
  messages: { id: "messages", field: "messages", label: "Messages", format: "number", mode: "relative" },
  sentiment: { id: "sentiment", field: "averageSentiment", label: "Avg. sentiment", format: "score", mode: "absolute" },
  analysed: { id: "analysed", field: "analysedToday", label: "Analysed today", format: "number", mode: "relative" },
  resolution: { id: "resolution", field: "resolutionRate", label: "Resolution rate", format: "percent", mode: "absolute", pointsAsPercent: true },
  mrr: { id: "mrr", field: "mrrAtRisk", label: "MRR at risk", format: "money", mode: "relative", higherIsBetter: false },
} as const satisfies Record<string, KpiSpec>;

/** The trend's reading of a KPI (TrendLabel's options). */
export const trendOptions = (spec: KpiSpec): TrendOptions => ({ mode: spec.mode, higherIsBetter: spec.higherIsBetter, pointsAsPercent: spec.pointsAsPercent });
