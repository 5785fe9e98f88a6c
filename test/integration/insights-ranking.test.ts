/**
 * Insights' lists at their cuts. Most dissatisfied users: the lowest average conversation sentiment first, equal averages by
 * the user's external id, ten at most, each with the organization the user belongs to. The users are grouped
 * and cut before their organizations are joined (insights.ts), so ties at the tenth place and the join after the
 * limit are pinned here; the fixture of analytics.test.ts has no two users with the same average. Top texts
 * (five per flag and kind) and segments (twenty values) are cut after grouping, in the same statement as their
 * neighbours; that fixture has fewer of each.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insights } from "../../worker/analytics/insights";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const D = 86_400_000;
const T0 = Date.UTC(2026, 8, 7);
const RANGE = { from: T0, to: T0 + 7 * D };

/** Each user's scored conversations in the range (their sentiment averages), and their organization. */
const USERS: { key: string; org: string | null; sentiments: number[] }[] = [
  { key: "u11", org: null, sentiments: [-0.9] },
  { key: "u05", org: null, sentiments: [-0.9] },
  { key: "u03", org: "acme", sentiments: [-0.9] },
  { key: "u07", org: "acme", sentiments: [-0.5] },
  { key: "u02", org: null, sentiments: [-0.5] },
  { key: "u01", org: "initech", sentiments: [-0.4, 0] },
  { key: "u09", org: null, sentiments: [-0.1] },
  { key: "u04", org: null, sentiments: [0] },
  // Three at 0.3 for the last two places: u06 and u08 make it, u10 does not.
  { key: "u10", org: null, sentiments: [0.3] },
  { key: "u08", org: "initech", sentiments: [0.3] },
  { key: "u06", org: null, sentiments: [0.3] },
  { key: "u12", org: null, sentiments: [0.8] },
];

async function seed(t: Tenant) {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const id = (prefix: string, key: string) => `${prefix}_${t.chatbotId}_${key}`;
  const orgs = ["acme", "initech"].map((key) => db.insert(clientOrganizations).values({ ...base, id: id("corg", key), externalId: key, name: key.toUpperCase(), updatedAt: T0 }));
  const users = USERS.map((u) =>
    db.insert(clientUsers).values({ ...base, id: id("cusr", u.key), externalId: u.key, name: u.key, clientOrganizationId: u.org ? id("corg", u.org) : null, updatedAt: T0 }),
  );
  const conversation = (key: string, user: string, createdAt: number, sentimentAvg: number | null) =>
    db.insert(conversations).values({ ...base, id: id("conv", key), externalId: key, clientUserId: id("cusr", user), createdAt, lastMessageAt: createdAt, messageCount: 2, sentimentAvg });
  const scored = USERS.flatMap((u) => u.sentiments.map((s, i) => conversation(`${u.key}-${i}`, u.key, T0 + D + i * 60_000, s)));
  // Neither counts: u12's unscored conversation in the range, and its lowest one the week before.
  const ignored = [conversation("u12-unscored", "u12", T0 + 2 * D, null), conversation("u12-before", "u12", T0 - D, -1)];
  await db.batch([...orgs, ...users, ...scored, ...ignored] as unknown as Parameters<typeof db.batch>[0]);
}

describe("insights: most dissatisfied users", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant();
    await seed(t);
  });

  it("ranks by average, breaks ties by external id at every place including the tenth, and stops at ten", async () => {
    const { mostDissatisfiedUsers } = await insights(db, t.chatbotId, RANGE, T0 + 8 * D);
    expect(mostDissatisfiedUsers.map((u) => u.externalId)).toEqual(["u03", "u05", "u11", "u02", "u07", "u01", "u09", "u04", "u06", "u08"]);
    expect(mostDissatisfiedUsers.find((u) => u.externalId === "u01")).toMatchObject({ averageSentiment: -0.2, scoredConversations: 2 });
  });

  it("names each user's own organization, joined after the cut", async () => {
    const { mostDissatisfiedUsers } = await insights(db, t.chatbotId, RANGE, T0 + 8 * D);
    const orgOf = (key: string) => mostDissatisfiedUsers.find((u) => u.externalId === key)?.organization;
    expect(orgOf("u03")).toEqual({ externalId: "acme", name: "ACME" });
    expect(orgOf("u08")).toEqual({ externalId: "initech", name: "INITECH" });
    expect(orgOf("u05")).toBeNull();
  });
});

describe("insights: top texts and segments at their cuts", () => {
  let t: Tenant;
  /** Seven chunks of frustration, two of them tied for fifth place (the first by text wins); one reason. */
  const CHUNKS: [string, number][] = [["refund", 7], ["slow", 6], ["crash", 5], ["login", 4], ["billing", 3], ["apps", 3], ["zzz", 1]];
  /** 22 countries, XA with 22 conversations down to XV with one: XU and XV are past the twentieth place. */
  const COUNTRIES = Array.from({ length: 22 }, (_, i) => ({ country: `X${String.fromCharCode(65 + i)}`, conversations: 22 - i }));

  beforeAll(async () => {
    t = await createTenant();
    const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
    const rows = COUNTRIES.flatMap(({ country, conversations: n }) =>
      Array.from({ length: n }, (_, i) =>
        db.insert(conversations).values({ ...base, id: `conv_${t.chatbotId}_${country}${i}`, externalId: `${country}-${i}`, country, createdAt: T0 + D, messageCount: 1, sentimentAvg: 0.1 }),
      ),
    );
    let k = 0;
    const flags = CHUNKS.flatMap(([chunk, n]) =>
      Array.from({ length: n }, () =>
        db.insert(annotations).values({
          ...base,
          id: `ann_${t.chatbotId}_${k}`,
          conversationId: `conv_${t.chatbotId}_XA${k++ % 22}`,
          messageSeq: k,
          kind: "flag",
          label: "frustrated_user",
          chunk,
          reason: "Said so.",
          analyzer: "embedded",
          analyzerVersion: "test",
          createdAt: T0 + 2 * D,
        }),
      ),
    );
    await db.batch([...rows, ...flags] as unknown as Parameters<typeof db.batch>[0]);
  });

  it("keeps the five most common chunks per flag, ties by text, and every reason", async () => {
    const { topFrustrations } = await insights(db, t.chatbotId, RANGE, T0 + 8 * D);
    const frustrated = topFrustrations.find((f) => f.flag === "frustrated_user")!;
    expect(frustrated.topChunks).toEqual([
      { text: "refund", count: 7 },
      { text: "slow", count: 6 },
      { text: "crash", count: 5 },
      { text: "login", count: 4 },
      { text: "apps", count: 3 },
    ]);
    expect(frustrated.topReasons).toEqual([{ text: "Said so.", count: 29 }]);
  });

  it("keeps the twenty largest values of a segment, largest first", async () => {
    const { sentimentBySegment } = await insights(db, t.chatbotId, RANGE, T0 + 8 * D);
    expect(sentimentBySegment.country.map((r) => [r.value, r.conversations])).toEqual(COUNTRIES.slice(0, 20).map((c) => [c.country, c.conversations]));
    expect(sentimentBySegment.device).toEqual([{ value: null, averageSentiment: 0.1, conversations: 253 }]);
  });
});
