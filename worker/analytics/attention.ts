/**
 * "Needs attention now" (README, "Attention queue"): the chatbot's open and recently active conversations
 * ranked by a score computed in D1, so the queue is the same for every viewer and costs one indexed query
 * however many conversations there are. The score's parts are points:
 *
 *   sentiment  round(−current × 40) when the latest user message's sentiment is below 0        (0–40)
 *   trend      min(20, round(−trend × 20)) when it is getting worse and not positive (< 0.2)   (0–20)
 *   flags      churn_risk 30, frustrated_user 25, urgent_request 20 (raised in the conversation)
 *   waiting    open, with the user waiting ≥ 1 min for a reply: 1 a minute, at most 30
 *   trouble    the sum of the above; a conversation is in the queue when it is above 0
 *   score      round(trouble × (1 + min(MRR, 1000) / 1000)): MRR (the organization's, else the user's)
 *              up to doubles it; `mrr` points = score − trouble
 *
 * A conversation a member marked `reviewed` or `resolved_by_team` leaves the queue until a user message
 * arrives after the status was set (conversation_triage.status_at).
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { sentimentLabel } from "../analysis/labels";
import type { Db } from "../db/client";
import { ATTENTION_CANDIDATE, type TRIAGE_STATUSES } from "../db/schema";
import { DAY_MS, roundOrNull } from "./params";
import { queryNumber } from "../schemas/common";

/** Open conversations and those with a message in this window are candidates ("recently ended"). */
export const ATTENTION_WINDOW_MS = DAY_MS;
/** Points per flag the queue weighs (worker/analysis/labels.ts USER_FLAGS). */
export const FLAG_POINTS = { churn_risk: 30, frustrated_user: 25, urgent_request: 20 } as const;
export const SENTIMENT_POINTS = 40;
export const TREND_POINTS = 20;
export const WAITING_MAX_POINTS = 30;
export const WAITING_AFTER_MS = 60_000;
/** MRR at or above this doubles the score; below it, proportionally less. */
export const MRR_FULL_WEIGHT = 1000;
export const TRIAGE_DONE = ["reviewed", "resolved_by_team"] as const;

export const attentionQuery = z.object({
  limit: queryNumber(z.coerce.number().int().min(1).max(100).default(50)),
});
export type AttentionQuery = z.infer<typeof attentionQuery>;

export type AttentionReasonKind = "sentiment" | "trend" | "flag" | "waiting" | "mrr";

export interface AttentionReason {
  kind: AttentionReasonKind;
  points: number;
  /** The flag (kind `flag`). */
  flag?: string;
  /** The sentiment score (`sentiment`), its change (`trend`), minutes waited (`waiting`), the MRR (`mrr`). */
  value?: number;
}

interface Row {
  id: string;
  external_id: string;
  status: "open" | "ended";
  last_message_at: number | null;
  last_user_message: string | null;
  last_user_message_at: number | null;
  awaiting_reply_since: number | null;
  sentiment_current: number | null;
  sentiment_trend: number | null;
  flags: string | null;
  user_external_id: string | null;
  user_name: string | null;
  user_email: string | null;
  org_external_id: string | null;
  org_name: string | null;
  plan: string | null;
  mrr: number | null;
  triage_status: (typeof TRIAGE_STATUSES)[number] | null;
  assignee_id: string | null;
  p_sentiment: number;
  p_trend: number;
  p_churn_risk: number;
  p_frustrated_user: number;
  p_urgent_request: number;
  p_waiting: number;
  trouble: number;
  score: number;
  total: number;
}

/** A constant of the formula, written into the SQL (a bound `?` cannot be followed by `.0`). */
const raw = (n: number) => sql.raw(String(n));

const flagPoints = (flag: keyof typeof FLAG_POINTS) => sql.raw(`CASE WHEN instr(flags, '"${flag}"') > 0 THEN ${FLAG_POINTS[flag]} ELSE 0 END`);

/** The queue of `chatbotId` at `now`, highest score first, with how many conversations it holds in all. */
export async function attentionQueue(db: Db, chatbotId: string, q: AttentionQuery, now: number) {
  const done = sql.raw(TRIAGE_DONE.map((s) => `'${s}'`).join(", "));
  const rows = await db.all<Row>(sql`
    WITH candidates AS (
      -- The partial index conversations_attention holds exactly these rows (same condition, same columns).
      SELECT * FROM conversations
      WHERE chatbot_id = ${chatbotId} AND last_message_at >= ${now - ATTENTION_WINDOW_MS} AND ${ATTENTION_CANDIDATE}
    ),
    parts AS (
      SELECT c.*,
        u.external_id AS user_external_id, u.name AS user_name, u.email AS user_email,
        o.external_id AS org_external_id, o.name AS org_name,
        coalesce(o.plan, u.plan) AS plan, coalesce(o.mrr, u.mrr) AS mrr,
        t.status AS triage_status, t.assignee_id AS assignee_id,
        CASE WHEN c.sentiment_current < 0 THEN CAST(round(-c.sentiment_current * ${raw(SENTIMENT_POINTS)}) AS INTEGER) ELSE 0 END AS p_sentiment,
        CASE WHEN c.sentiment_trend < 0 AND c.sentiment_current < 0.2
          THEN min(${raw(TREND_POINTS)}, CAST(round(-c.sentiment_trend * ${raw(TREND_POINTS)}) AS INTEGER)) ELSE 0 END AS p_trend,
        ${flagPoints("churn_risk")} AS p_churn_risk,
        ${flagPoints("frustrated_user")} AS p_frustrated_user,
        ${flagPoints("urgent_request")} AS p_urgent_request,
        CASE WHEN c.status = 'open' AND c.awaiting_reply_since <= ${now - WAITING_AFTER_MS}
          THEN min(${raw(WAITING_MAX_POINTS)}, CAST((${now} - c.awaiting_reply_since) / 60000 AS INTEGER)) ELSE 0 END AS p_waiting
      FROM candidates AS c
      LEFT JOIN client_users AS u ON u.id = c.client_user_id
      LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id
      LEFT JOIN conversation_triage AS t ON t.conversation_id = c.id
      WHERE coalesce(t.status, 'open') NOT IN (${done}) OR c.last_user_message_at > t.status_at
    ),
    scored AS (
      SELECT *, p_sentiment + p_trend + p_churn_risk + p_frustrated_user + p_urgent_request + p_waiting AS trouble
      FROM parts
    )
    SELECT *,
      CAST(round(trouble * (1.0 + min(max(coalesce(mrr, 0), 0), ${raw(MRR_FULL_WEIGHT)}) / ${raw(MRR_FULL_WEIGHT)}.0)) AS INTEGER) AS score,
      count(*) OVER () AS total
    FROM scored WHERE trouble > 0
    ORDER BY score DESC, last_user_message_at DESC, id
    LIMIT ${q.limit}`);
  return { at: now, total: rows[0]?.total ?? 0, conversations: rows.map(attentionRow) };
}

function attentionRow(r: Row) {
  const reasons: AttentionReason[] = [];
  if (r.p_churn_risk) reasons.push({ kind: "flag", flag: "churn_risk", points: r.p_churn_risk });
  if (r.p_frustrated_user) reasons.push({ kind: "flag", flag: "frustrated_user", points: r.p_frustrated_user });
  if (r.p_urgent_request) reasons.push({ kind: "flag", flag: "urgent_request", points: r.p_urgent_request });
  if (r.p_sentiment) reasons.push({ kind: "sentiment", value: roundOrNull(r.sentiment_current)!, points: r.p_sentiment });
  if (r.p_trend) reasons.push({ kind: "trend", value: roundOrNull(r.sentiment_trend)!, points: r.p_trend });
  if (r.p_waiting) reasons.push({ kind: "waiting", value: r.p_waiting, points: r.p_waiting });
  if (r.score > r.trouble) reasons.push({ kind: "mrr", value: r.mrr ?? 0, points: r.score - r.trouble });
  reasons.sort((a, b) => b.points - a.points);
  return {
    id: r.id,
    externalId: r.external_id,
    status: r.status,
    user: r.user_external_id === null ? null : { externalId: r.user_external_id, name: r.user_name, email: r.user_email },
    organization: r.org_external_id === null ? null : { externalId: r.org_external_id, name: r.org_name },
    plan: r.plan,
    mrr: r.mrr,
    lastUserMessage: r.last_user_message === null ? null : { text: r.last_user_message, at: r.last_user_message_at },
    lastMessageAt: r.last_message_at,
    awaitingReplySince: r.status === "open" ? r.awaiting_reply_since : null,
    sentiment:
      r.sentiment_current === null
        ? null
        : { current: roundOrNull(r.sentiment_current)!, label: sentimentLabel(r.sentiment_current), trend: roundOrNull(r.sentiment_trend) },
    flags: r.flags ? (JSON.parse(r.flags) as string[]) : [],
    triage: { status: r.triage_status ?? "open", assigneeId: r.assignee_id },
    score: r.score,
    reasons,
  };
}
