/**
 * A report's figures, every widget in one request: each answered by the analytics domain functions the
 * fixed pages use (overview, sentiment over time, the conversations table, top intents, resolution
 * counts) or by the distributions the pages lack, narrowed to the widget's filters. Widgets that share a
 * filter set share each computation, so a report of sixteen unfiltered widgets costs one overview, one
 * sentiment series, one distributions batch and a few single statements.
 */
import { z } from "zod";
import { SENTIMENT_LABELS, USER_FLAGS } from "../analysis/labels";
import { resolutionCounts, resolutionOutcomes } from "../analytics/assistant";
import { conversationRowsQuery, conversationRowView, type ConversationRow } from "../analytics/conversations-table";
import { distributions } from "../analytics/distributions";
import { intentRow, topIntents } from "../analytics/insights";
import { overview } from "../analytics/overview";
import { checkPeriod, DAY_MS, rangeFields, rangeView, relativeTrend, resolveRange, type Range, type Trend } from "../analytics/params";
import { conversationScope } from "../analytics/scope";
import { combinationOf, registeredCombinations } from "../analytics/segment-combinations";
import { sentimentOverTime } from "../analytics/sentiment";
import { startOfDay, timeZone } from "../analytics/time-zone";
import type { Db } from "../db/client";
import type { Widget, WidgetFilters } from "./layout";
import { MAX_RANGE_DAYS, type ReportView } from "./service";
import { queryNumber } from "../schemas/common";

/** The range of one view: `days` (the last N days up to now, default the report's own) or `from`/`to`; "today" starts at midnight in `timeZone`. */
export const reportDataQuery = z
  .object({
    days: queryNumber(z.coerce.number().int().min(1).max(MAX_RANGE_DAYS)).optional(),
    ...rangeFields,
    timeZone: timeZone.optional().meta({ description: "The zone whose midnight starts today for `messages_today` and whose days `sentiment_trend` counts (UTC when absent; the dashboard sends the viewer's)" }),
  })
  .superRefine(checkPeriod)
  .superRefine((q, ctx) => {
    if (q.days !== undefined && (q.from !== undefined || q.to !== undefined)) ctx.addIssue({ code: "custom", path: ["days"], message: "send either `days` or `from`/`to`, not both" });
    // `from` alone runs to now (resolveRange), so it is held to the same span.
    const to = q.to ?? (q.from !== undefined ? Date.now() : undefined);
    if (q.from !== undefined && to !== undefined && to - q.from > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
    }
  });
export type ReportDataQuery = z.infer<typeof reportDataQuery>;

/** How a stat is shown, and whether its change is relative (counts, money) or in points (scores, rates). */
export type StatFormat = "count" | "score" | "percent" | "money";

export type WidgetData =
  | { kind: "stat"; format: StatFormat; changeMode: "relative" | "absolute"; trend: Trend }
  | { kind: "series"; points: { start: number; end: number; value: number | null; messages?: number }[] }
  | { kind: "categories"; items: { key: string | null; value: number; conversations?: number; share?: number | null }[] }
  | { kind: "topics"; rows: { topic: string; messages: number; conversations: number }[] }
  | { kind: "conversations"; rows: ConversationRow[] };

export interface WidgetAnswer {
  id: string;
  type: Widget["type"];
  filters: WidgetFilters;
  data: WidgetData;
}

export function reportRange(report: Pick<ReportView, "rangeDays">, q: ReportDataQuery, now: number): Range {
  if (q.from !== undefined || q.to !== undefined) return resolveRange(q, now);
  return resolveRange({ from: now - (q.days ?? report.rangeDays) * DAY_MS, to: now }, now);
}

/** One computation per (what, filter set), started on first use. */
function memo() {
  const started = new Map<string, Promise<unknown>>();
  return <T>(key: string, run: () => Promise<T>): Promise<T> => {
    if (!started.has(key)) started.set(key, run());
    return started.get(key) as Promise<T>;
  };
}

const filterKey = (f: WidgetFilters) => JSON.stringify([f.plan ?? null, f.country ?? null, f.language ?? null, f.label ?? null]);

export async function reportData(db: Db, chatbotId: string, report: ReportView, q: ReportDataQuery, now: number) {
  const range = reportRange(report, q, now);
  const zone = q.timeZone ?? "UTC";
  const once = memo();
  const period = { from: range.from, to: range.to };
  // Widgets combining filters read their combination's rollups when it is registered (saving the report does).
  const combines = report.layout.widgets.some((w) => combinationOf(w.filters));
  const registered = combines ? await registeredCombinations(db, chatbotId) : new Set<string>();

  const answer = async (w: Widget): Promise<WidgetData> => {
    const key = filterKey(w.filters);
    const scope = conversationScope(db, chatbotId, w.filters, registered);
    const kpis = () => once(`overview${key}`, () => overview(db, chatbotId, { ...period, timeZone: zone }, now, scope)).then((o) => o.kpis);
    const dist = () => once(`distributions${key}`, () => distributions(db, chatbotId, range, scope));
    const stat = async (format: StatFormat, changeMode: "relative" | "absolute", trend: Promise<Trend>): Promise<WidgetData> => ({ kind: "stat", format, changeMode, trend: await trend });
    const flagTrend = async (flag: string) => {
      const row = (await dist()).flags.find((f) => f.flag === flag);
      return relativeTrend(row?.conversations ?? 0, row?.previousConversations ?? 0);
    };

    switch (w.type) {
      case "total_conversations":
        return stat("count", "relative", kpis().then((k) => k.conversations));
      case "average_sentiment":
        return stat("score", "absolute", kpis().then((k) => k.averageSentiment));
      case "resolution_rate":
        return stat("percent", "absolute", kpis().then((k) => k.resolutionRate));
      case "churn_risk_count":
        return stat("count", "relative", flagTrend("churn_risk"));
      case "buying_signal_count":
        return stat("count", "relative", flagTrend("buying_signal"));
      case "messages_today":
        return stat("count", "relative", kpis().then((k) => k.analysedToday));
      case "mrr_at_risk":
        return stat("money", "relative", kpis().then((k) => k.mrrAtRisk));
      case "sentiment_trend": {
        const s = await once(`sentiment${key}`, () => sentimentOverTime(db, chatbotId, { ...period, interval: "day", timeZone: zone }, now, scope));
        return { kind: "series", points: s.series.map((p) => ({ start: p.start, end: p.end, value: p.averageSentiment, messages: p.messages })) };
      }
      case "conversation_volume":
        return { kind: "series", points: (await dist()).volume.map((p) => ({ start: p.start, end: p.start + DAY_MS, value: p.conversations })) };
      case "intent_distribution": {
        const rows = (await once(`intents${key}`, () => topIntents(db, chatbotId, period, scope, 20))).map(intentRow);
        return { kind: "categories", items: rows.map((r) => ({ key: r.intent, value: r.count, conversations: r.conversations })) };
      }
      case "sentiment_distribution": {
        const labels = (await dist()).sentimentLabels;
        return { kind: "categories", items: SENTIMENT_LABELS.map((label) => ({ key: label, value: labels.find((l) => l.label === label)?.messages ?? 0 })) };
      }
      case "flag_distribution": {
        const flags = (await dist()).flags;
        const known = new Set<string>(USER_FLAGS);
        // Every built-in flag keeps its bar, seen or not; custom flags follow when raised.
        const items = [...USER_FLAGS.map((flag) => flags.find((f) => f.flag === flag) ?? { flag, signals: 0, conversations: 0 }), ...flags.filter((f) => !known.has(f.flag) && f.signals > 0)];
        return { kind: "categories", items: items.map((f) => ({ key: f.flag, value: f.signals, conversations: f.conversations })) };
      }
      case "resolution_distribution": {
        const rows = await once(`resolutions${key}`, () => resolutionCounts(db, chatbotId, period, scope));
        return { kind: "categories", items: resolutionOutcomes(rows).outcomes.map((o) => ({ key: o.resolution, value: o.count, share: o.share })) };
      }
      case "language_distribution":
        return { kind: "categories", items: (await dist()).languages.map((l) => ({ key: l.language, value: l.conversations })) };
      case "top_topics":
        return { kind: "topics", rows: (await dist()).topics.slice(0, w.limit).map((t) => ({ topic: t.topic, messages: t.messages, conversations: t.conversations })) };
      case "recent_conversations": {
        // The table's rows without its total (a count over the whole range the widget does not show).
        const rows = await conversationRowsQuery(db, chatbotId, { ...period, ...w.filters, sort: "lastMessageAt", order: "desc" }, w.limit, 0);
        return { kind: "conversations", rows: rows.map(conversationRowView) };
      }
    }
  };

  const widgets: WidgetAnswer[] = await Promise.all(report.layout.widgets.map(async (w) => ({ id: w.id, type: w.type, filters: w.filters, data: await answer(w) })));
  return { reportId: report.id, range: rangeView(range), today: { from: startOfDay(now, zone), to: now }, timeZone: zone, widgets };
}
