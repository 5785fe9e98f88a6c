/**
 * Rollups stay equal to their raw rows whatever writes them: the index flush (with snapshots out of order,
 * redelivered, updating an earlier hour), direct row changes (an intent approved or renamed, a conversation
 * moving to another organization, an annotation added to an earlier hour or deleted). Each check compares the live rollups with a plain
 * computation in JS over the raw rows and with `rebuildRollups` (a GROUP BY over the same rows).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ConversationState, StoredAnalysis } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { HOUR_MS, QUARTER_MS, rebuildRollups, splitByDay, splitByHour } from "../../worker/analytics/rollups";
import { syncCombinations } from "../../worker/analytics/segment-combinations";
import { createDb } from "../../worker/db/client";
import { sentimentLabel } from "../../worker/analysis/labels";
import { annotations, chatbots, clientOrganizations, clientUsers, conversations, segmentCombinations } from "../../worker/db/schema";
import { indexSnapshotOf } from "../../worker/index-queue/snapshot";
import { writeIndexBatch } from "../../worker/services/conversation-index";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant } from "../helpers/tenant";

const db = createDb(env.DB);
const D1 = env.DB;

/** Writes one snapshot of `s`, as the index queue's consumer does. */
const flushConversationIndex = (d1: D1Database, s: ConversationState, analyses: StoredAnalysis[] = [], _now = Date.now(), messages: StoredMessage[] = []) =>
  writeIndexBatch(d1, [indexSnapshotOf(s, analyses, messages)]);

type Row = Record<string, unknown>;
const TABLES = {
  rollup_conversation_hours: ["dimension", "hour", "value"],
  rollup_annotation_hours: ["kind", "hour", "label", "severity"],
  rollup_organization_flag_hours: ["client_organization_id", "label", "hour"],
  rollup_user_flag_hours: ["label", "hour", "client_user_id"],
  rollup_message_quarters: ["quarter", "role"],
  rollup_client_users: ["client_user_id"],
  rollup_client_organizations: ["client_organization_id"],
  rollup_conversation_labels: ["conversation_id", "kind", "label"],
  rollup_label_first_hours: ["kind", "hour", "label"],
  rollup_segment_conversation_hours: ["segment", "dimension", "hour", "value"],
  rollup_segment_annotation_hours: ["segment", "kind", "hour", "label"],
  rollup_segment_label_first_hours: ["segment", "kind", "hour", "label"],
  rollup_segment_owner_flag_hours: ["segment", "label", "hour", "owner_kind", "owner_id"],
  rollup_conversation_days: ["dimension", "day", "value"],
  rollup_annotation_days: ["kind", "day", "label", "severity"],
  rollup_label_first_days: ["kind", "day", "label"],
  rollup_segment_conversation_days: ["segment", "dimension", "day", "value"],
  rollup_segment_annotation_days: ["segment", "kind", "day", "label"],
  rollup_segment_label_first_days: ["segment", "kind", "day", "label"],
} as const;
type Table = keyof typeof TABLES;
const COUNT: Record<Table, string> = {
  rollup_conversation_hours: "conversations",
  rollup_annotation_hours: "annotations",
  rollup_organization_flag_hours: "annotations",
  rollup_user_flag_hours: "annotations",
  rollup_message_quarters: "messages",
  rollup_client_users: "conversations",
  rollup_client_organizations: "conversations",
  rollup_conversation_labels: "annotations",
  rollup_label_first_hours: "conversations",
  rollup_segment_conversation_hours: "conversations",
  rollup_segment_annotation_hours: "annotations",
  rollup_segment_label_first_hours: "conversations",
  rollup_segment_owner_flag_hours: "annotations",
  rollup_conversation_days: "conversations",
  rollup_annotation_days: "annotations",
  rollup_label_first_days: "conversations",
  rollup_segment_conversation_days: "conversations",
  rollup_segment_annotation_days: "annotations",
  rollup_segment_label_first_days: "conversations",
};
/** The hourly tables with a daily copy (migration 0022): each fact counted in one is counted in its UTC day too. */
const DAILY: Partial<Record<Table, Table>> = {
  rollup_conversation_hours: "rollup_conversation_days",
  rollup_annotation_hours: "rollup_annotation_days",
  rollup_label_first_hours: "rollup_label_first_days",
  rollup_segment_conversation_hours: "rollup_segment_conversation_days",
  rollup_segment_annotation_hours: "rollup_segment_annotation_days",
  rollup_segment_label_first_hours: "rollup_segment_label_first_days",
};

/** A chatbot's rollup rows that count something (a row emptied by a subtraction stays at 0), floats to 9 digits. */
async function rollups(chatbotId: string): Promise<Record<Table, Row[]>> {
  const out = {} as Record<Table, Row[]>;
  for (const table of Object.keys(TABLES) as Table[]) {
    const { results } = await D1.prepare(`SELECT * FROM ${table} WHERE chatbot_id = ? AND ${COUNT[table]} > 0 ORDER BY ${TABLES[table].join(", ")}`).bind(chatbotId).all<Row>();
    out[table] = results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1e9) / 1e9 : v])));
  }
  return out;
}

const band = (s: number | null) => (s === null ? "unscored" : s > 0.2 ? "satisfied" : s < -0.2 ? "dissatisfied" : "neutral");

/**
 * A conversation's segments, as a report widget's filters select it: its country, language, sentiment label and
 * plan (any case) each alone, and every registered combination whose filters it all matches.
 */
function segmentsOf(
  c: typeof conversations.$inferSelect,
  orgs: (typeof clientOrganizations.$inferSelect)[],
  users: (typeof clientUsers.$inferSelect)[],
  combinations: (typeof segmentCombinations.$inferSelect)[],
): string[] {
  const plan = orgs.find((o) => o.id === c.clientOrganizationId)?.plan ?? users.find((u) => u.id === c.clientUserId)?.plan ?? null;
  const values = { plan: plan?.toLowerCase() ?? null, country: c.country, language: c.language, label: c.sentimentAvg === null ? null : sentimentLabel(c.sentimentAvg) };
  const matching = combinations.filter((k) => (["plan", "country", "language", "label"] as const).every((f) => k[f] === null || k[f] === values[f]));
  return [
    values.country === null ? null : `country:${values.country}`,
    values.language === null ? null : `language:${values.language}`,
    values.label === null ? null : `label:${values.label}`,
    values.plan === null ? null : `plan:${values.plan}`,
    ...matching.map((k) => k.segment),
  ].filter((x): x is string => x !== null);
}

/** The rollups computed in plain JS from the raw rows. */
async function plain(chatbotId: string): Promise<Record<Table, Row[]>> {
  const convs = await db.select().from(conversations).where(eq(conversations.chatbotId, chatbotId));
  const anns = await db.select().from(annotations).where(eq(annotations.chatbotId, chatbotId));
  const orgs = await db.select().from(clientOrganizations).where(eq(clientOrganizations.chatbotId, chatbotId));
  const users = await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, chatbotId));
  const combinations = await db.select().from(segmentCombinations).where(eq(segmentCombinations.chatbotId, chatbotId));
  const segments = new Map(convs.map((c) => [c.id, segmentsOf(c, orgs, users, combinations)]));
  const { results: messages } = await D1.prepare("SELECT at, role FROM search_messages WHERE chatbot_id = ?").bind(chatbotId).all<{ at: number; role: string }>();
  const groups = new Map<string, Row>();
  const add = (table: Table, key: Row, sums: Record<string, number>, max?: Record<string, number>) => {
    const id = `${table}|${JSON.stringify(key)}`;
    const row = groups.get(id) ?? { table, chatbot_id: chatbotId, ...key, ...Object.fromEntries(Object.keys({ ...sums, ...max }).map((k) => [k, 0])) };
    for (const [k, v] of Object.entries(sums)) row[k] = (row[k] as number) + v;
    for (const [k, v] of Object.entries(max ?? {})) row[k] = Math.max(row[k] as number, v);
    groups.set(id, row);
    const daily = DAILY[table];
    if (daily) {
      const { hour, ...rest } = key;
      add(daily, { ...rest, day: Math.floor((hour as number) / 24) }, sums);
    }
  };
  for (const c of convs) {
    const hour = Math.floor(c.createdAt / HOUR_MS);
    const dims: [string, string][] = [["all", ""], ["band", band(c.sentimentAvg)], ["language", c.language ?? ""]];
    if (c.resolution) dims.push(["resolution", c.resolution]);
    for (const [dimension, value] of dims) {
      add("rollup_conversation_hours", { dimension, hour, value }, { conversations: 1, messages: c.messageCount });
      for (const segment of segments.get(c.id)!) add("rollup_segment_conversation_hours", { segment, dimension, hour, value }, { conversations: 1, messages: c.messageCount });
    }
    const owner = { conversations: 1, scored: c.sentimentAvg === null ? 0 : 1, sentiment_sum: c.sentimentAvg ?? 0 };
    const last = { last_activity: c.lastMessageAt ?? c.createdAt };
    if (c.clientUserId) add("rollup_client_users", { client_user_id: c.clientUserId }, owner, last);
    if (c.clientOrganizationId) add("rollup_client_organizations", { client_organization_id: c.clientOrganizationId }, owner, last);
  }
  for (const a of anns) {
    const hour = Math.floor(a.createdAt / HOUR_MS);
    if (a.kind !== "resolution" && (a.kind !== "intent" || a.status === "accepted")) {
      add("rollup_annotation_hours", { kind: a.kind, hour, label: a.label, severity: a.severity ?? "" }, { annotations: 1, scored: a.score === null ? 0 : 1, score_sum: a.score ?? 0 });
      if (a.kind !== "behaviour") {
        for (const segment of segments.get(a.conversationId) ?? []) {
          add("rollup_segment_annotation_hours", { segment, kind: a.kind, hour, label: a.label }, { annotations: 1, scored: a.score === null ? 0 : 1, score_sum: a.score ?? 0 });
        }
      }
    }
    const conv = convs.find((c) => c.id === a.conversationId);
    const org = conv?.clientOrganizationId;
    if (a.kind === "flag" && org) add("rollup_organization_flag_hours", { client_organization_id: org, label: a.label, hour }, { annotations: 1 });
    const owner = org ?? conv?.clientUserId;
    if (a.kind === "flag" && owner) {
      for (const segment of segments.get(a.conversationId) ?? []) {
        add("rollup_segment_owner_flag_hours", { segment, label: a.label, hour, owner_kind: org ? "organization" : "user", owner_id: owner }, { annotations: 1 });
      }
    }
    if (a.kind === "flag" && !org && conv?.clientUserId) add("rollup_user_flag_hours", { label: a.label, hour, client_user_id: conv.clientUserId }, { annotations: 1 });
  }
  // Per conversation and counted label, its first analysis; then those counted by that hour.
  const labels = new Map<string, { key: Row; annotations: number; first: number }>();
  for (const a of anns.filter((a) => ["flag", "topic", "behaviour"].includes(a.kind) || (a.kind === "intent" && a.status === "accepted"))) {
    const id = JSON.stringify([a.conversationId, a.kind, a.label]);
    const known = labels.get(id) ?? { key: { conversation_id: a.conversationId, kind: a.kind, label: a.label }, annotations: 0, first: Infinity };
    labels.set(id, { ...known, annotations: known.annotations + 1, first: Math.min(known.first, a.createdAt) });
  }
  for (const l of labels.values()) {
    add("rollup_conversation_labels", l.key, { annotations: l.annotations }, { first_at: l.first });
    add("rollup_label_first_hours", { kind: l.key.kind, hour: Math.floor(l.first / HOUR_MS), label: l.key.label }, { conversations: 1 });
    if (l.key.kind === "behaviour") continue;
    for (const segment of segments.get(l.key.conversation_id as string) ?? []) {
      add("rollup_segment_label_first_hours", { segment, kind: l.key.kind, hour: Math.floor(l.first / HOUR_MS), label: l.key.label }, { conversations: 1 });
    }
  }
  for (const m of messages) add("rollup_message_quarters", { quarter: Math.floor(m.at / QUARTER_MS), role: m.role }, { messages: 1 });
  const out = {} as Record<Table, Row[]>;
  for (const table of Object.keys(TABLES) as Table[]) {
    const cols = TABLES[table];
    out[table] = [...groups.values()]
      .filter((r) => r.table === table)
      .map(({ table: _, ...r }) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1e9) / 1e9 : v])))
      .sort((x, y) => {
        for (const c of cols) if (x[c] !== y[c]) return (x[c] as string | number) < (y[c] as string | number) ? -1 : 1;
        return 0;
      });
  }
  return out;
}

/** Live rollups equal the plain computation, and a rebuild from the raw rows changes nothing. */
async function expectExact(chatbotId: string) {
  const live = await rollups(chatbotId);
  // Integers stay integers but a float column holding a whole number reads back as an integer: compare numerically.
  expect(normalize(live)).toEqual(normalize(await plain(chatbotId)));
  await rebuildRollups(D1, chatbotId);
  expect(await rollups(chatbotId)).toEqual(live);
  return live;
}

const normalize = (r: Record<Table, Row[]>) =>
  Object.fromEntries(Object.entries(r).map(([t, rows]) => [t, rows.map((row) => Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]])))]));

/** A captured conversation's stored snapshot, to flush variants of by hand. */
async function snapshotOf(t: Awaited<ReturnType<typeof createTenant>>, conversationId: string) {
  await capture(t.ingestKey, {
    conversationId,
    messages: [{ role: "user", content: "hello" }, { role: "assistant", content: "hi" }],
    user: { id: `user-${conversationId}`, plan: "pro" },
    organization: { id: "org-1", name: "Org", mrr: 500 },
  });
  const stub = conversationStub(env, t.chatbotId, conversationId);
  await syncIndex(stub);
  const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 1 });
  if (!snapshot) throw new Error("the conversation was not stored");
  return snapshot.state;
}

function analysis(seq: number, score: number, flags: string[], intent?: { slug: string; pending?: boolean }): StoredAnalysis {
  return {
    seq,
    messageId: `m${seq}`,
    analysedAt: Date.now(),
    analyzer: "test",
    analyzerVersion: "1",
    analysis: {
      sentiment: { score, label: score > 0 ? "positive" : "negative", chunk: "", reason: "r" },
      flags: flags.map((slug) => ({ slug, confidence: 0.9, reason: "r", chunk: "c", severity: "medium" as const })),
      behaviours: [],
      topics: [{ slug: "billing", confidence: 0.8, reason: "r" }],
      intent: intent ? { slug: intent.slug, confidence: 0.7, reason: "r", pending: intent.pending } : undefined,
    },
  };
}

const message = (seq: number, receivedAt: number): StoredMessage => ({ seq, id: `m${seq}`, role: "user", content: `message ${seq}`, receivedAt }) as StoredMessage;

describe("rollups kept by the index writes", () => {
  it("equal a plain computation after snapshots flush out of order, again, and with late changes to an earlier hour", async () => {
    const t = await createTenant();
    const base = await snapshotOf(t, "flush-order");
    const hourAgo = base.createdAt - 3 * HOUR_MS;
    // A conversation created three hours ago (an earlier bucket), written at v+1 with two analyses.
    const early: ConversationState = { ...base, conversationId: `${base.conversationId}-early`, externalId: "flush-order-early", createdAt: hourAgo, version: base.version + 1, messageCount: 4, aggregates: { ...base.aggregates, sentimentSum: -0.5, sentimentCount: 1 } };
    const analyses = [analysis(1, -0.5, ["churn_risk"], { slug: "cancel" }), analysis(3, 0.4, [], { slug: "suggested", pending: true })];
    await flushConversationIndex(D1, early, analyses, Date.now(), [message(3, hourAgo + 60_000)]);
    await expectExact(t.chatbotId);

    // An older snapshot arrives late: the guard keeps the row, so nothing moves.
    const before = await rollups(t.chatbotId);
    await flushConversationIndex(D1, { ...early, version: base.version, messageCount: 2, aggregates: base.aggregates });
    expect(await rollups(t.chatbotId)).toEqual(before);
    // The same snapshot redelivered, analyses and messages included: still nothing moves.
    await flushConversationIndex(D1, early, analyses, Date.now(), [message(3, hourAgo + 60_000)]);
    expect(await rollups(t.chatbotId)).toEqual(before);

    // A later snapshot changes the earlier hour's figures (messages, sentiment band, resolution) and re-analyses message 1.
    const later: ConversationState = {
      ...early,
      version: early.version + 1,
      messageCount: 9,
      aggregates: { ...early.aggregates, sentimentSum: 0.9, sentimentCount: 1, resolution: { resolution: "fully_resolved", reason: "done", analyzer: "test", analyzerVersion: "1" } as never },
    };
    await flushConversationIndex(D1, later, [analysis(1, 0.9, ["buying_signal"])], Date.now(), [message(5, Date.now())]);
    const after = await expectExact(t.chatbotId);
    expect(after.rollup_conversation_hours).toContainEqual(expect.objectContaining({ dimension: "band", hour: Math.floor(hourAgo / HOUR_MS), value: "satisfied", conversations: 1, messages: 9 }));
    expect(after.rollup_annotation_hours.filter((r) => r.kind === "flag")).toEqual([expect.objectContaining({ label: "buying_signal", annotations: 1 })]);
  });

  it("equal a plain computation for a conversation whose messages and analyses span several hours", async () => {
    const t = await createTenant();
    const state = await snapshotOf(t, "spanning");
    const start = Math.floor(state.createdAt / HOUR_MS) * HOUR_MS - 5 * HOUR_MS + 1_234;
    const conv = (await db.select().from(conversations).where(eq(conversations.chatbotId, t.chatbotId)))[0]!;
    await db.update(conversations).set({ createdAt: start, lastMessageAt: start + 4 * HOUR_MS }).where(eq(conversations.id, conv.id));
    // Annotations of the same conversation in three different hours.
    await db.insert(annotations).values(
      [0, 2, 4].map((h, i) => ({
        id: `ann_span_${i}`,
        organizationId: t.organizationId,
        chatbotId: t.chatbotId,
        conversationId: conv.id,
        messageSeq: 10 + i,
        kind: "sentiment" as const,
        label: "positive",
        score: 0.1 * (i + 1),
        analyzer: "test",
        analyzerVersion: "1",
        createdAt: start + h * HOUR_MS,
      })),
    );
    const live = await expectExact(t.chatbotId);
    expect(live.rollup_annotation_hours.filter((r) => r.kind === "sentiment" && r.label === "positive")).toHaveLength(3);
    expect(live.rollup_client_users).toEqual([expect.objectContaining({ conversations: 1, last_activity: start + 4 * HOUR_MS })]);
  });

  it("follow direct row changes: an intent approved, a conversation moving organization and user, annotations deleted, a conversation erased", async () => {
    const t = await createTenant();
    await snapshotOf(t, "moves-a");
    await snapshotOf(t, "moves-b");
    const convs = await db.select().from(conversations).where(eq(conversations.chatbotId, t.chatbotId));
    const [a, b] = convs as [(typeof convs)[number], (typeof convs)[number]];
    const org2 = "corg_rollups_2";
    await db.insert(clientOrganizations).values({ id: org2, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: "org-2", mrr: 40, updatedAt: 0 });
    const at = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
    const ann = (id: string, conversationId: string, kind: "flag" | "intent", label: string, status: "accepted" | "pending", createdAt: number) => ({
      id, organizationId: t.organizationId, chatbotId: t.chatbotId, conversationId, messageSeq: 1, kind, label, status, analyzer: "test", analyzerVersion: "1", createdAt,
    });
    await db.insert(annotations).values([
      ann("ann_m1", a.id, "flag", "churn_risk", "accepted", at),
      ann("ann_m2", a.id, "flag", "churn_risk", "accepted", at + 10),
      ann("ann_m3", b.id, "flag", "frustrated_user", "accepted", at + HOUR_MS),
      ann("ann_m4", b.id, "intent", "refund_status", "pending", at + HOUR_MS),
    ]);
    await expectExact(t.chatbotId);

    await db.update(annotations).set({ status: "accepted" }).where(eq(annotations.id, "ann_m4"));
    await db.update(conversations).set({ clientOrganizationId: org2, clientUserId: b.clientUserId, sentimentAvg: -0.7 }).where(eq(conversations.id, a.id));
    await db.delete(annotations).where(eq(annotations.id, "ann_m3"));
    const live = await expectExact(t.chatbotId);
    expect(live.rollup_organization_flag_hours).toEqual([expect.objectContaining({ client_organization_id: org2, label: "churn_risk", annotations: 2 })]);
    expect(live.rollup_client_users).toEqual([expect.objectContaining({ client_user_id: b.clientUserId, conversations: 2 })]);

    // A flag raised an hour earlier moves the conversation's first churn risk to that hour; deleted, it moves back.
    // An accepted intent renamed moves its conversation to the new name.
    await db.insert(annotations).values(ann("ann_m5", a.id, "flag", "churn_risk", "accepted", at - HOUR_MS));
    const earlier = await expectExact(t.chatbotId);
    expect(earlier.rollup_label_first_hours.filter((r) => r.label === "churn_risk")).toEqual([expect.objectContaining({ hour: Math.floor(at / HOUR_MS) - 1, conversations: 1 })]);
    await db.delete(annotations).where(eq(annotations.id, "ann_m5"));
    await db.update(annotations).set({ label: "refund_request" }).where(eq(annotations.id, "ann_m4"));
    const back = await expectExact(t.chatbotId);
    expect(back.rollup_label_first_hours.filter((r) => r.label === "churn_risk")).toEqual([expect.objectContaining({ hour: Math.floor(at / HOUR_MS), conversations: 1 })]);
    expect(back.rollup_conversation_labels.filter((r) => r.kind === "intent" && String(r.label).startsWith("refund"))).toEqual([expect.objectContaining({ label: "refund_request", annotations: 1 })]);

    // The organization deleted: its conversations lose it (set null) and its rollup rows go with it; their flags
    // now count for their user. The user deleted too: nobody owns them.
    await db.delete(clientOrganizations).where(eq(clientOrganizations.id, org2));
    const userOwned = await expectExact(t.chatbotId);
    expect(userOwned.rollup_user_flag_hours).toEqual([expect.objectContaining({ client_user_id: b.clientUserId, label: "churn_risk", annotations: 2 })]);
    await db.delete(clientUsers).where(eq(clientUsers.id, b.clientUserId!));
    expect((await expectExact(t.chatbotId)).rollup_user_flag_hours).toEqual([]);

    // A conversation erased, its annotations first (their triggers still find it), then its row: it leaves the
    // conversation hours of every dimension.
    const allHours = (r: Record<Table, Row[]>) => r.rollup_conversation_hours.filter((h) => h.dimension === "all").reduce((n, h) => n + Number(h.conversations), 0);
    expect(allHours(await rollups(t.chatbotId))).toBe(2);
    await db.delete(annotations).where(eq(annotations.conversationId, b.id));
    await db.delete(conversations).where(eq(conversations.id, b.id));
    expect(allHours(await expectExact(t.chatbotId))).toBe(1);
  });
});

describe("segment rollups (a report widget's one filter, or a registered combination)", () => {
  /** Conversations counted in one segment (its creation-hour rows of every hour). */
  const inSegment = (r: Record<Table, Row[]>, segment: string) =>
    r.rollup_segment_conversation_hours.filter((h) => h.segment === segment && h.dimension === "all").reduce((n, h) => n + Number(h.conversations), 0);
  /** The owners (MRR at risk) whose flags a segment counts. */
  const ownersIn = (r: Record<Table, Row[]>, segment: string) => [...new Set(r.rollup_segment_owner_flag_hours.filter((h) => h.segment === segment).map((h) => h.owner_id))];
  const flagsIn = (r: Record<Table, Row[]>, segment: string) =>
    r.rollup_segment_annotation_hours.filter((h) => h.segment === segment && h.kind === "flag").reduce((n, h) => n + Number(h.annotations), 0);

  it("move a conversation's figures, annotations and labels when its label, country or owner's plan changes, and leave with a deleted owner", async () => {
    const t = await createTenant();
    await snapshotOf(t, "segments-a");
    await snapshotOf(t, "segments-b");
    const [a, b] = (await db.select().from(conversations).where(eq(conversations.chatbotId, t.chatbotId))).sort((x, y) => (x.externalId < y.externalId ? -1 : 1)) as [
      typeof conversations.$inferSelect,
      typeof conversations.$inferSelect,
    ];
    const at = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 3 * HOUR_MS;
    await db.insert(annotations).values(
      (["churn_risk", "urgent_request"] as const).map((label, i) => ({
        id: `ann_seg_${i}`, organizationId: t.organizationId, chatbotId: t.chatbotId, conversationId: a.id, messageSeq: 1, kind: "flag" as const, label,
        status: "accepted" as const, analyzer: "test", analyzerVersion: "1", createdAt: at + i,
      })),
    );
    await db.update(conversations).set({ country: "FR", sentimentAvg: 0.1 }).where(eq(conversations.id, a.id));
    await db.update(conversations).set({ sentimentAvg: 0.5 }).where(eq(conversations.id, b.id));
    // Three filter combinations registered (back-filled from the rows so far), moving with the single segments.
    const combinations = [{ country: "FR", label: "very_negative" }, { plan: "Enterprise", country: "FR" }, { plan: "pro", label: "positive" }, { country: "FR" }] as const;
    await syncCombinations(db, t.chatbotId, combinations);
    // Both belong to org-1 (no plan) and their own users on "pro".
    let r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:pro&label:positive"), inSegment(r, "country:FR&label:very_negative"), inSegment(r, "plan:enterprise&country:FR")]).toEqual([1, 0, 0]);
    expect([inSegment(r, "plan:pro"), inSegment(r, "country:FR"), inSegment(r, "label:neutral"), flagsIn(r, "country:FR")]).toEqual([2, 1, 1, 2]);
    expect(ownersIn(r, "country:FR")).toEqual([a.clientOrganizationId]);

    // More messages and nothing else: its segments' rows count them in place.
    await db.update(conversations).set({ messageCount: b.messageCount + 5 }).where(eq(conversations.id, b.id));
    await expectExact(t.chatbotId);

    // Its sentiment falls: the conversation and its two flags go from neutral to very negative.
    await db.update(conversations).set({ sentimentAvg: -0.7 }).where(eq(conversations.id, a.id));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "label:neutral"), inSegment(r, "label:very_negative"), flagsIn(r, "label:neutral"), flagsIn(r, "label:very_negative")]).toEqual([0, 1, 0, 2]);
    expect(r.rollup_segment_label_first_hours.filter((h) => h.segment === "label:very_negative" && h.kind === "flag").map((h) => h.label)).toEqual(["churn_risk", "urgent_request"]);
    expect([inSegment(r, "country:FR&label:very_negative"), flagsIn(r, "country:FR&label:very_negative")]).toEqual([1, 2]);

    // The organization takes a plan (any case): it wins over the users' plans; a user's plan then moves nothing.
    const org = a.clientOrganizationId!;
    await db.update(clientOrganizations).set({ plan: "Enterprise" }).where(eq(clientOrganizations.id, org));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:pro"), inSegment(r, "plan:enterprise"), flagsIn(r, "plan:enterprise")]).toEqual([0, 2, 2]);
    expect([inSegment(r, "plan:enterprise&country:FR"), flagsIn(r, "plan:enterprise&country:FR"), inSegment(r, "plan:pro&label:positive")]).toEqual([1, 2, 0]);
    expect(ownersIn(r, "plan:enterprise&country:FR")).toEqual([org]);
    await db.update(clientUsers).set({ plan: "team" }).where(eq(clientUsers.id, a.clientUserId!));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:team"), inSegment(r, "plan:enterprise")]).toEqual([0, 2]);

    // Without the organization's plan, each user's counts again; the organization deleted, the same.
    await db.update(clientOrganizations).set({ plan: null }).where(eq(clientOrganizations.id, org));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:team"), inSegment(r, "plan:pro"), flagsIn(r, "plan:team")]).toEqual([1, 1, 2]);
    await db.update(clientOrganizations).set({ plan: "enterprise" }).where(eq(clientOrganizations.id, org));
    await db.delete(clientOrganizations).where(eq(clientOrganizations.id, org));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:enterprise"), inSegment(r, "plan:team"), inSegment(r, "plan:pro")]).toEqual([0, 1, 1]);
    // Its flags now count for its user, the owner left.
    expect([ownersIn(r, "plan:enterprise"), ownersIn(r, "plan:team")]).toEqual([[], [a.clientUserId]]);

    // A user deleted: its conversation has no plan left. The country changed: the flags follow.
    await db.delete(clientUsers).where(eq(clientUsers.id, b.clientUserId!));
    await db.update(conversations).set({ country: "DE" }).where(eq(conversations.id, a.id));
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:pro"), flagsIn(r, "country:FR"), flagsIn(r, "country:DE")]).toEqual([0, 0, 2]);
    // A combination registered now is back-filled with what is there already.
    const team = { plan: "TEAM", country: "DE", label: "very_negative" } as const;
    await syncCombinations(db, t.chatbotId, [...combinations, team]);
    r = await expectExact(t.chatbotId);
    expect([inSegment(r, "plan:team&country:DE&label:very_negative"), flagsIn(r, "plan:team&country:DE&label:very_negative")]).toEqual([1, 2]);
    // No longer used, it goes, rows and all.
    const rowsOf = async (segment: string) => {
      let n = 0;
      for (const table of Object.keys(TABLES).filter((name) => name.startsWith("rollup_segment_"))) {
        n += (await D1.prepare(`SELECT count(*) AS n FROM ${table} WHERE chatbot_id = ? AND segment = ?`).bind(t.chatbotId, segment).first<{ n: number }>())!.n;
      }
      return n;
    };
    expect(await rowsOf("plan:team&country:DE&label:very_negative")).toBeGreaterThan(0);
    await syncCombinations(db, t.chatbotId, combinations);
    expect(await rowsOf("plan:team&country:DE&label:very_negative")).toBe(0);
    await expectExact(t.chatbotId);

    // Erased with its annotations (deleted by the foreign key after the row): nothing of it stays in a segment.
    // (Only the segment tables compared: the users' flag hours count a flag out through its conversation, gone by
    // then — no product path deletes a conversation but the chatbot's, which takes every rollup row with it.)
    await db.delete(conversations).where(eq(conversations.id, a.id));
    r = await rollups(t.chatbotId);
    const want = normalize(await plain(t.chatbotId));
    for (const table of (Object.keys(TABLES) as Table[]).filter((name) => name.startsWith("rollup_segment_"))) {
      expect(normalize(r)[table], table).toEqual(want[table]);
    }
    expect([inSegment(r, "country:DE"), flagsIn(r, "label:very_negative"), r.rollup_segment_label_first_hours.filter((h) => h.segment === "country:DE").length]).toEqual([0, 0, 0]);

    // The chatbot deleted: its rows go with it, and its conversations cascading away write none back.
    await db.delete(chatbots).where(eq(chatbots.id, t.chatbotId));
    for (const table of ["rollup_segment_conversation_hours", "rollup_segment_conversation_days", "rollup_annotation_days"]) {
      const left = await D1.prepare(`SELECT count(*) AS n FROM ${table} WHERE chatbot_id = ?`).bind(t.chatbotId).first<{ n: number }>();
      expect(left?.n, table).toBe(0);
    }
  });
});

describe("splitByHour", () => {
  const H = HOUR_MS;
  it("reads whole hours from rollups and only the partial hours at the edges raw", () => {
    expect(splitByHour({ from: 10 * H + 5, to: 20 * H + 7 })).toEqual({
      rollup: { from: 11, to: 20 },
      exclude: [],
      raw: [{ from: 10 * H + 5, to: 11 * H }, { from: 20 * H, to: 20 * H + 7 }],
    });
  });

  it("reads nothing raw for a period on the hour, and the hour of a cut inside it raw", () => {
    expect(splitByHour({ from: 10 * H, to: 20 * H })).toEqual({ rollup: { from: 10, to: 20 }, exclude: [], raw: [] });
    expect(splitByHour({ from: 10 * H, to: 20 * H }, [15 * H + 1])).toEqual({ rollup: { from: 10, to: 20 }, exclude: [15], raw: [{ from: 15 * H, to: 16 * H }] });
  });

  it("reads a period inside one hour raw only", () => {
    expect(splitByHour({ from: 10 * H + 5, to: 10 * H + 9 })).toEqual({ rollup: { from: 11, to: 11 }, exclude: [], raw: [{ from: 10 * H + 5, to: 10 * H + 9 }] });
  });
});

describe("splitByDay", () => {
  const H = HOUR_MS;
  const D = 24 * H;
  it("reads whole UTC days from the daily rollups and the hours around them hourly", () => {
    const period = { from: 10 * D + 5 * H + 7, to: 40 * D + 3 * H };
    expect(splitByDay(splitByHour(period))).toEqual({ days: { from: 11, to: 40 }, excludeDays: [], hours: [{ from: 10 * 24 + 6, to: 11 * 24 }, { from: 40 * 24, to: 40 * 24 + 3 }] });
  });

  it("reads a day holding a cut hourly, and a cut at midnight splits nothing", () => {
    const period = { from: 10 * D, to: 20 * D };
    expect(splitByDay(splitByHour(period, [15 * D + 2 * H]), [15 * D + 2 * H])).toEqual({ days: { from: 10, to: 20 }, excludeDays: [15], hours: [{ from: 15 * 24, to: 16 * 24 }] });
    expect(splitByDay(splitByHour(period, [15 * D]), [15 * D])).toEqual({ days: { from: 10, to: 20 }, excludeDays: [], hours: [] });
  });

  it("reads a period shorter than a whole day hourly", () => {
    expect(splitByDay(splitByHour({ from: 10 * D + 2 * H, to: 11 * D + H }))).toEqual({ days: { from: 11, to: 11 }, excludeDays: [], hours: [{ from: 10 * 24 + 2, to: 11 * 24 + 1 }] });
    expect(splitByDay(splitByHour({ from: 10 * D + 2 * H + 1, to: 10 * D + 2 * H + 5 }))).toEqual({ days: { from: 11, to: 11 }, excludeDays: [], hours: [] });
  });
});
