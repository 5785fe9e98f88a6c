/**
 * Profiles of a client user and a client organization, against rows seeded here and figures computed in
 * plain JS from the same arrays; another tenant holds a user and organization of the same external ids
 * (with other figures), so a profile that read across tenants would show theirs.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversationNotes, conversations } from "../../worker/db/schema";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 7, 3);
const WEEK = `from=${T0}&to=${T0 + 7 * D}`;

interface Conv { key: string; user: string | null; org: string | null; at: number; sentiment: number | null; flags: string[]; scores: { at: number; score: number }[]; notes: string[] }

const CONVS: Conv[] = [
  { key: "a1", user: "ada", org: "acme", at: T0 + H, sentiment: -0.5, flags: ["churn_risk", "frustrated_user"], scores: [{ at: T0 + H, score: -0.6 }, { at: T0 + 2 * H, score: -0.4 }], notes: ["Called her back", "Refund issued"] },
  { key: "a2", user: "ada", org: "acme", at: T0 + 2 * D, sentiment: 0.3, flags: ["frustrated_user"], scores: [{ at: T0 + 2 * D, score: 0.3 }], notes: [] },
  { key: "b1", user: "bob", org: "acme", at: T0 + 3 * D, sentiment: 0.8, flags: [], scores: [{ at: T0 + 3 * D, score: 0.8 }], notes: ["Bob's note"] },
  { key: "s1", user: "solo", org: null, at: T0 + 4 * D, sentiment: null, flags: [], scores: [], notes: [] },
  // Ada's conversation before the range: in her activity and flags (all time), not in the range's series.
  { key: "a0", user: "ada", org: "acme", at: T0 - 10 * D, sentiment: -1, flags: ["churn_risk"], scores: [{ at: T0 - 10 * D, score: -1 }], notes: [] },
];

async function seed(t: Tenant, mrr: number) {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const id = (p: string, k: string) => `${p}_${t.chatbotId}_${k}`;
  await db.batch([
    db.insert(clientOrganizations).values({ ...base, id: id("corg", "acme"), externalId: "acme", name: "Acme Corp", plan: "enterprise", industry: "retail", mrr, updatedAt: T0 }),
    db.insert(clientUsers).values({ ...base, id: id("cusr", "ada"), externalId: "ada", name: "Ada", email: "ada@acme.example", clientOrganizationId: id("corg", "acme"), plan: "pro", mrr: 99, signedUpAt: T0 - 100 * D, updatedAt: T0 }),
    db.insert(clientUsers).values({ ...base, id: id("cusr", "bob"), externalId: "bob", name: "Bob", email: null, clientOrganizationId: id("corg", "acme"), plan: "pro", mrr: 49, updatedAt: T0 }),
    db.insert(clientUsers).values({ ...base, id: id("cusr", "solo"), externalId: "solo", name: null, email: "solo@example.org", clientOrganizationId: null, plan: "free", mrr: 0, updatedAt: T0 }),
    ...CONVS.map((c) =>
      db.insert(conversations).values({
        ...base,
        id: id("conv", c.key),
        externalId: c.key,
        clientUserId: c.user ? id("cusr", c.user) : null,
        clientOrganizationId: c.org ? id("corg", c.org) : null,
        status: "ended",
        createdAt: c.at,
        lastMessageAt: c.at + H,
        messageCount: 3,
        sentimentAvg: c.sentiment,
        flags: c.flags,
      }),
    ),
    ...CONVS.flatMap((c) =>
      c.scores.map((s, i) =>
        db.insert(annotations).values({ ...base, id: id(`ann${i}`, c.key), conversationId: id("conv", c.key), messageSeq: i + 1, kind: "sentiment", label: "neutral", score: s.score, analyzer: "embedded", analyzerVersion: "test", createdAt: s.at }),
      ),
    ),
    ...CONVS.flatMap((c) =>
      c.notes.map((body, i) =>
        db.insert(conversationNotes).values({ ...base, id: id(`note${i}`, c.key), conversationId: id("conv", c.key), authorName: "Grace", body, createdAt: c.at + (i + 1) * 60_000 }),
      ),
    ),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

interface Facts {
  activity: { conversations: number; averageSentiment: number | null; lastActivityAt: number | null };
  sentiment: { series: { start: number; averageSentiment: number | null; messages: number }[]; bands: Record<string, number> };
  flags: { flag: string; conversations: number }[];
  conversations: { total: number; latest: { externalId: string; user: { externalId: string } | null }[] };
  notes: { body: string; conversationExternalId: string; authorName: string }[];
}
interface UserProfile extends Facts { user: { externalId: string; name: string | null; email: string | null; plan: string | null; mrr: number | null; signedUpAt: number | null; organization: { externalId: string; name: string | null } | null } }
interface OrgProfile extends Facts { organization: { externalId: string; name: string | null; mrr: number | null }; users: { externalId: string }[] }

/** What a profile should say for the conversations `mine` picks. */
function expected(mine: (c: Conv) => boolean) {
  const cs = CONVS.filter(mine);
  const scored = cs.filter((c) => c.sentiment !== null);
  const flagCounts = new Map<string, number>();
  for (const c of cs) for (const f of c.flags) flagCounts.set(f, (flagCounts.get(f) ?? 0) + 1);
  const days = Array.from({ length: 7 }, (_, i) => T0 + i * D);
  return {
    activity: {
      conversations: cs.length,
      averageSentiment: scored.length ? Math.round((scored.reduce((s, c) => s + c.sentiment!, 0) / scored.length) * 1000) / 1000 : null,
      lastActivityAt: Math.max(...cs.map((c) => c.at + H)),
    },
    flags: [...flagCounts].map(([flag, n]) => ({ flag, conversations: n })).sort((a, b) => b.conversations - a.conversations || a.flag.localeCompare(b.flag)),
    latest: [...cs].sort((a, b) => b.at - a.at).map((c) => c.key),
    notes: cs.flatMap((c) => c.notes.map((body, i) => ({ body, at: c.at + (i + 1) * 60_000 }))).sort((a, b) => b.at - a.at).map((n) => n.body),
    series: days.map((start) => {
      const s = cs.flatMap((c) => c.scores).filter((x) => x.at >= start && x.at < start + D);
      return { start, messages: s.length, averageSentiment: s.length ? Math.round((s.reduce((a, x) => a + x.score, 0) / s.length) * 1000) / 1000 : null };
    }),
  };
}

let mine: Tenant;
let theirs: Tenant;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant();
  await seed(mine, 5000);
  await seed(theirs, 7777);
  // Theirs alone: one more conversation for Ada there, so counts would differ on a leak.
  const base = { organizationId: theirs.organizationId, chatbotId: theirs.chatbotId };
  await db.insert(conversations).values({ ...base, id: `conv_${theirs.chatbotId}_extra`, externalId: "extra", clientUserId: `cusr_${theirs.chatbotId}_ada`, clientOrganizationId: `corg_${theirs.chatbotId}_acme`, createdAt: T0 + D, messageCount: 1, flags: ["buying_signal"] });
});

async function get<T>(t: Tenant, path: string): Promise<T> {
  const res = await call(path, { key: t.readKey });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as { data: T }).data;
}

describe("GET /analytics/users/:userId", () => {
  it("answers the user's plan, MRR, organization, activity, flags, latest conversations and notes from their conversations only", async () => {
    const p = await get<UserProfile>(mine, `/api/v1/analytics/users/ada?${WEEK}`);
    const want = expected((c) => c.user === "ada");
    expect(p.user).toMatchObject({ externalId: "ada", name: "Ada", email: "ada@acme.example", plan: "pro", mrr: 99, signedUpAt: T0 - 100 * D, organization: { externalId: "acme", name: "Acme Corp" } });
    expect(p.activity).toEqual(want.activity);
    expect(p.flags).toEqual(want.flags);
    expect(p.conversations.total).toBe(3);
    expect(p.conversations.latest.map((c) => c.externalId)).toEqual(want.latest);
    expect(p.notes.map((n) => n.body)).toEqual(want.notes);
    expect(p.notes[0]).toMatchObject({ authorName: "Grace", conversationExternalId: "a1" });
  });

  it("gives the user's sentiment over the range by day, from their messages only", async () => {
    const p = await get<UserProfile>(mine, `/api/v1/analytics/users/ada?${WEEK}`);
    const want = expected((c) => c.user === "ada").series;
    expect(p.sentiment.series.map(({ start, messages, averageSentiment }) => ({ start, messages, averageSentiment }))).toEqual(want);
    expect(want.some((d) => d.messages > 0)).toBe(true);
    // Bands count the range's conversations: a1 dissatisfied, a2 satisfied (a0 is before the range).
    expect(p.sentiment.bands).toMatchObject({ satisfied: 1, dissatisfied: 1, neutral: 0, unscored: 0 });
  });

  it("answers a user without an organization or any sentiment with nulls, not errors", async () => {
    const p = await get<UserProfile>(mine, `/api/v1/analytics/users/solo?${WEEK}`);
    expect(p.user.organization).toBeNull();
    expect(p.activity).toEqual({ conversations: 1, averageSentiment: null, lastActivityAt: T0 + 4 * D + H });
    expect(p.flags).toEqual([]);
    expect(p.notes).toEqual([]);
  });

  it("answers 404 for an unknown user and for another tenant's chatbot, 400 naming a bad parameter", async () => {
    const unknown = await call("/api/v1/analytics/users/nobody", { key: mine.readKey });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe("not_found");
    expect((await call(`/api/v1/chatbots/${theirs.chatbotId}/analytics/users/ada`, { key: mine.readKey })).status).toBe(404);
    const bad = await call(`/api/v1/analytics/users/ada?interval=fortnight`, { key: mine.readKey });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("interval");
  });

  it("finds an id with characters a path must escape", async () => {
    const base = { organizationId: mine.organizationId, chatbotId: mine.chatbotId };
    await db.insert(clientUsers).values({ ...base, id: `cusr_${mine.chatbotId}_odd`, externalId: "team/ops #1", name: "Odd", updatedAt: T0 });
    const p = await get<UserProfile>(mine, `/api/v1/analytics/users/${encodeURIComponent("team/ops #1")}`);
    expect(p.user.name).toBe("Odd");
  });
});

describe("GET /analytics/organizations/:clientOrgId", () => {
  it("answers the organization with its users and everything its conversations say", async () => {
    const p = await get<OrgProfile>(mine, `/api/v1/analytics/organizations/acme?${WEEK}`);
    const want = expected((c) => c.org === "acme");
    expect(p.organization).toMatchObject({ externalId: "acme", name: "Acme Corp", mrr: 5000 });
    expect(p.users.map((u) => u.externalId)).toEqual(["ada", "bob"]);
    expect(p.activity).toEqual(want.activity);
    expect(p.flags).toEqual(want.flags);
    expect(p.conversations.latest.map((c) => c.externalId)).toEqual(want.latest);
    expect(p.notes.map((n) => n.body)).toEqual(want.notes);
    expect(p.sentiment.series.map((d) => d.messages)).toEqual(want.series.map((d) => d.messages));
  });

  it("answers another tenant its own organization of the same id", async () => {
    const p = await get<OrgProfile>(theirs, `/api/v1/analytics/organizations/acme?${WEEK}`);
    expect(p.organization.mrr).toBe(7777);
    expect(p.activity.conversations).toBe(CONVS.filter((c) => c.org === "acme").length + 1);
  });

  it("answers 404 for an unknown organization", async () => {
    const res = await call("/api/v1/analytics/organizations/nope", { key: mine.readKey });
    expect(res.status).toBe(404);
  });
});
