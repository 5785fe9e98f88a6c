/**
 * MRR at risk, one definition everywhere: the overview's KPI, Insights, a report's `mrr_at_risk` widget and the
 * breakdown endpoint all answer what a plain computation over the seeded rows gives — organizations, or users
 * without one, with a conversation that raised churn_risk or frustrated_user in the range, each once, with
 * its MRR. A second tenant holds the same rows with other MRRs, so a leak would move every figure.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 6, 6);
const WEEK = `from=${T0}&to=${T0 + 7 * D}`;

interface Org { key: string; name: string; mrr: number | null }
interface User { key: string; name: string; org: string | null; mrr: number | null }
/** A conversation: its user (and so its organization), and the flags it raised when. */
interface Conv { key: string; user: string | null; flags: { label: string; at: number }[] }

const ORGS: Org[] = [
  { key: "wayne", name: "Wayne Financial", mrr: 12_500 },
  { key: "globex", name: "Globex", mrr: 4_200.5 },
  { key: "initech", name: "Initech", mrr: 1_250 },
  { key: "calm", name: "Calm Co", mrr: 9_000 },
  { key: "nomrr", name: "No MRR Ltd", mrr: null },
];
const USERS: User[] = [
  { key: "bruce", name: "Bruce", org: "wayne", mrr: 99 },
  { key: "lucius", name: "Lucius", org: "wayne", mrr: 99 },
  { key: "hank", name: "Hank", org: "globex", mrr: 10 },
  { key: "peter", name: "Peter", org: "initech", mrr: 20 },
  { key: "zen", name: "Zen", org: "calm", mrr: 30 },
  { key: "nobody", name: "Nobody", org: "nomrr", mrr: 40 },
  { key: "solo", name: "Solo Dev", org: null, mrr: 49 },
  { key: "indie", name: "Indie Hacker", org: null, mrr: 15 },
  { key: "happy", name: "Happy Solo", org: null, mrr: 500 },
];
const CONVS: Conv[] = [
  // Wayne: two conversations, both flagged this week (counted once), one with both flags.
  { key: "w1", user: "bruce", flags: [{ label: "churn_risk", at: T0 + H }, { label: "frustrated_user", at: T0 + 2 * H }] },
  { key: "w2", user: "lucius", flags: [{ label: "frustrated_user", at: T0 + 3 * D }, { label: "frustrated_user", at: T0 + 3 * D + 60_000 }] },
  // Globex: churn risk this week; Initech: only the week before; Calm: only other flags.
  { key: "g1", user: "hank", flags: [{ label: "churn_risk", at: T0 + 2 * D + 30 * 60_000 }] },
  { key: "i1", user: "peter", flags: [{ label: "churn_risk", at: T0 - 2 * D }] },
  { key: "k1", user: "zen", flags: [{ label: "confused_user", at: T0 + D }, { label: "buying_signal", at: T0 + D }] },
  // An organization without MRR is at risk and adds nothing.
  { key: "n1", user: "nobody", flags: [{ label: "frustrated_user", at: T0 + 4 * D }] },
  // Users without an organization: Solo twice this week (once), Indie the week before, Happy never.
  { key: "s1", user: "solo", flags: [{ label: "frustrated_user", at: T0 + 5 * D }] },
  { key: "s2", user: "solo", flags: [{ label: "churn_risk", at: T0 + 6 * D }] },
  { key: "x1", user: "indie", flags: [{ label: "frustrated_user", at: T0 - 3 * D }] },
  { key: "h1", user: "happy", flags: [] },
  // Nobody to name: an anonymous conversation's flag counts for no one.
  { key: "anon", user: null, flags: [{ label: "churn_risk", at: T0 + D }] },
  // Outside both periods, and exactly on `to` (the range is half-open).
  { key: "late", user: "zen", flags: [{ label: "churn_risk", at: T0 + 7 * D }] },
];

const orgOf = (c: Conv) => ORGS.find((o) => o.key === USERS.find((u) => u.key === c.user)?.org) ?? null;
const userOf = (c: Conv) => USERS.find((u) => u.key === c.user) ?? null;

/** The plain computation: owner → MRR for everyone at risk in [from, to). */
function atRisk(from: number, to: number, mrrOf: (m: number) => number = (m) => m) {
  const owners = new Map<string, { kind: "organization" | "user"; externalId: string; mrr: number | null; conversations: Set<string>; flags: Set<string> }>();
  for (const c of CONVS) {
    for (const f of c.flags) {
      if (!["churn_risk", "frustrated_user"].includes(f.label) || f.at < from || f.at >= to) continue;
      const org = orgOf(c);
      const user = userOf(c);
      if (!org && !user) continue;
      const kind = org ? "organization" : "user";
      const externalId = org ? org.key : user!.key;
      const raw = org ? org.mrr : user!.mrr;
      const o = owners.get(`${kind}:${externalId}`) ?? { kind, externalId, mrr: raw === null ? null : mrrOf(raw), conversations: new Set(), flags: new Set() };
      o.conversations.add(c.key);
      o.flags.add(f.label);
      owners.set(`${kind}:${externalId}`, o);
    }
  }
  const list = [...owners.values()];
  return { list, total: Math.round(list.reduce((s, o) => s + (o.mrr ?? 0), 0) * 100) / 100 };
}

async function seed(t: Tenant, mrrOf: (m: number) => number = (m) => m) {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const id = (prefix: string, key: string) => `${prefix}_${t.chatbotId}_${key}`;
  const m = (v: number | null) => (v === null ? null : mrrOf(v));
  const statements = [
    ...ORGS.map((o) => db.insert(clientOrganizations).values({ ...base, id: id("corg", o.key), externalId: o.key, name: o.name, plan: "pro", mrr: m(o.mrr), updatedAt: T0 })),
    ...USERS.map((u) =>
      db.insert(clientUsers).values({ ...base, id: id("cusr", u.key), externalId: u.key, name: u.name, clientOrganizationId: u.org ? id("corg", u.org) : null, plan: "free", mrr: m(u.mrr), updatedAt: T0 }),
    ),
    ...CONVS.map((c) => {
      const user = userOf(c);
      return db.insert(conversations).values({
        ...base,
        id: id("conv", c.key),
        externalId: c.key,
        clientUserId: user ? id("cusr", user.key) : null,
        clientOrganizationId: user?.org ? id("corg", user.org) : null,
        createdAt: T0 - 10 * D,
        lastMessageAt: Math.max(T0 - 10 * D, ...c.flags.map((f) => f.at)),
        messageCount: 2,
        flags: [...new Set(c.flags.map((f) => f.label))],
      });
    }),
    ...CONVS.flatMap((c) =>
      c.flags.map((f, i) =>
        db.insert(annotations).values({
          ...base,
          id: id(`ann${i}`, c.key),
          conversationId: id("conv", c.key),
          messageSeq: i + 1,
          kind: "flag",
          label: f.label,
          analyzer: "embedded",
          analyzerVersion: "test",
          createdAt: f.at,
        }),
      ),
    ),
  ];
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
}

async function get<T>(t: Tenant, path: string, key = t.readKey): Promise<T> {
  const res = await call(path, { key });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

interface Breakdown {
  data: {
    definition: string;
    total: { mrr: number; organizations: number; users: number };
    rows: { kind: string; externalId: string; name: string | null; mrr: number | null; conversations: number; flags: { flag: string; conversations: number }[]; latestConversationId: string }[];
  };
  pagination: { page: number; limit: number; total: number; hasMore: boolean };
}

let mine: Tenant;
let theirs: Tenant;
const distort = (m: number) => m * 10 + 7;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant();
  await seed(mine);
  await seed(theirs, distort);
});

describe("MRR at risk", () => {
  it("is the MRR of the organizations and organization-less users flagged in the range, each once, less than the total MRR", async () => {
    const expected = atRisk(T0, T0 + 7 * D);
    const everyone = ORGS.reduce((s, o) => s + (o.mrr ?? 0), 0) + USERS.filter((u) => !u.org).reduce((s, u) => s + (u.mrr ?? 0), 0);
    // The fixture means something: some at risk, some not, an organization flagged twice, users without one.
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(everyone);
    expect(expected.list.find((o) => o.externalId === "wayne")!.conversations.size).toBe(2);
    expect(expected.list.some((o) => o.kind === "user")).toBe(true);

    const overview = await get<{ data: { kpis: { mrrAtRisk: { value: number; previous: number } } } }>(mine, `/api/v1/analytics/overview?${WEEK}`);
    expect(overview.data.kpis.mrrAtRisk.value).toBe(expected.total);
    expect(overview.data.kpis.mrrAtRisk.previous).toBe(atRisk(T0 - 7 * D, T0).total);
    expect(overview.data.kpis.mrrAtRisk.value).toBe(12_500 + 4_200.5 + 49);
  });

  it("lists who makes it up in the breakdown (most MRR first, why, how many conversations), and the rows add up to the KPI", async () => {
    const expected = atRisk(T0, T0 + 7 * D);
    const { data, pagination } = await get<Breakdown>(mine, `/api/v1/analytics/mrr-at-risk?${WEEK}`);
    expect(data.total).toEqual({ mrr: expected.total, organizations: expected.list.filter((o) => o.kind === "organization").length, users: expected.list.filter((o) => o.kind === "user").length });
    expect(pagination).toEqual({ page: 1, limit: 50, total: expected.list.length, hasMore: false });
    expect(data.rows.map((r) => r.externalId)).toEqual(["wayne", "globex", "solo", "nomrr"]);
    expect(data.rows.reduce((s, r) => s + (r.mrr ?? 0), 0)).toBe(data.total.mrr);
    for (const row of data.rows) {
      const o = expected.list.find((x) => x.externalId === row.externalId)!;
      expect(row.kind).toBe(o.kind);
      expect(row.mrr).toBe(o.mrr);
      expect(row.conversations).toBe(o.conversations.size);
      expect(row.flags.map((f) => f.flag).sort()).toEqual([...o.flags].sort());
    }
    const wayne = data.rows[0]!;
    expect(wayne.flags).toEqual([
      { flag: "churn_risk", conversations: 1 },
      { flag: "frustrated_user", conversations: 2 },
    ]);
    expect(wayne.latestConversationId).toBe(`conv_${mine.chatbotId}_w2`);
    expect(data.definition).toContain("each counted once");
  });

  it("pages the breakdown while the total stays the whole figure", async () => {
    const { data, pagination } = await get<Breakdown>(mine, `/api/v1/analytics/mrr-at-risk?${WEEK}&limit=2&page=2`);
    expect(data.rows.map((r) => r.externalId)).toEqual(["solo", "nomrr"]);
    expect(pagination).toEqual({ page: 2, limit: 2, total: 4, hasMore: false });
    expect(data.total.mrr).toBe(atRisk(T0, T0 + 7 * D).total);
  });

  it("gives Insights and a report's widget the same figure as the KPI", async () => {
    const expected = atRisk(T0, T0 + 7 * D);
    const insights = await get<{ data: { mrrAtRisk: { mrr: number; organizations: number; users: number } } }>(mine, `/api/v1/analytics/insights?${WEEK}`);
    expect(insights.data.mrrAtRisk).toEqual({ mrr: expected.total, organizations: 3, users: 1 });

    const created = await call("/api/v1/reports", { method: "POST", key: mine.adminKey, json: { name: "Risk", layout: { version: 1, widgets: [{ id: "m", type: "mrr_at_risk" }] } } });
    expect(created.status).toBe(201);
    const report = ((await created.json()) as { data: { id: string } }).data;
    const body = await get<{ data: { widgets: { id: string; data: { value: number } }[] } }>(mine, `/api/v1/reports/${report.id}/data?${WEEK}`);
    expect(JSON.stringify(body.data)).toContain(`"value":${expected.total}`);
  });

  it("counts a flag exactly at `from` and leaves out one exactly at `to`", async () => {
    const [from, to] = [T0 + H, T0 + 7 * D];
    const { data } = await get<Breakdown>(mine, `/api/v1/analytics/mrr-at-risk?from=${from}&to=${to}`);
    expect(data.total.mrr).toBe(atRisk(from, to).total);
    const { data: late } = await get<Breakdown>(mine, `/api/v1/analytics/mrr-at-risk?from=${T0 + 7 * D}&to=${T0 + 7 * D + H}`);
    expect(late.rows.map((r) => r.externalId)).toEqual(["calm"]);
  });

  it("never counts another tenant's rows, and answers the other tenant its own figure", async () => {
    const { data } = await get<Breakdown>(theirs, `/api/v1/analytics/mrr-at-risk?${WEEK}`);
    expect(data.total.mrr).toBe(atRisk(T0, T0 + 7 * D, distort).total);
    const empty = await createTenant();
    const { data: none } = await get<Breakdown>(empty, `/api/v1/analytics/mrr-at-risk?${WEEK}`);
    expect(none).toMatchObject({ total: { mrr: 0, organizations: 0, users: 0 }, rows: [] });
  });

  it("answers 404 for another tenant's chatbot and 400 naming the field for a bad range or limit", async () => {
    const res = await call(`/api/v1/chatbots/${theirs.chatbotId}/analytics/mrr-at-risk`, { key: mine.readKey });
    expect(res.status).toBe(404);
    for (const [query, field] of [
      [`from=${T0 + D}&to=${T0}`, "from"],
      ["limit=500", "limit"],
      ["from=yesterday", "from"],
    ] as const) {
      const bad = await call(`/api/v1/analytics/mrr-at-risk?${query}`, { key: mine.readKey });
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field, query).toBe(field);
    }
  });
});
