/**
 * How a KPI's change against the previous period reads: the arrow, the amount, and whether it is good news.
 * Pure, without React: the dashboard's TrendLabel and the Worker's first paint of the overview
 * (worker/first-paint) read the same words.
 */
import type { Trend } from "../api/types";

export interface TrendOptions {
  /** `relative` changes are shares (0.25 → 25%), `absolute` ones points on the figure's own scale. */
  mode: "relative" | "absolute";
  /** false turns a rise into bad news (MRR at risk). */
  higherIsBetter?: boolean;
  /** An absolute change of a rate, shown as percentage points. */
  pointsAsPercent?: boolean;
}

export type TrendWords =
  | { kind: "none" }
  | { kind: "flat" }
  | { kind: "moved"; up: boolean; good: boolean; arrow: "▲" | "▼"; amount: string };

export function trendWords(trend: Trend, { mode, higherIsBetter = true, pointsAsPercent = false }: TrendOptions): TrendWords {
  const change = trend.change;
  if (change === null) return { kind: "none" };
  if (Math.abs(change) < 1e-9) return { kind: "flat" };
  const up = change > 0;
  const amount = mode === "relative" ? `${Math.abs(change * 100).toFixed(0)}%` : pointsAsPercent ? `${Math.abs(change * 100).toFixed(1)} pts` : Math.abs(change).toFixed(2);
  return { kind: "moved", up, good: up === higherIsBetter, arrow: up ? "▲" : "▼", amount };
}
