/**
 * The review_digest tool over a seeded week and the week before, with every expected figure worked out by
 * hand below. A second chatbot holds more of the same flags, intents and behaviours in the same week, so
 * any row of theirs leaking into the digest would change its counts or its picks.
 */
import { Client, StreamableHTTPClientTransport, type CallToolResult } from "@modelcontextprotocol/client";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, conversations } from "../../worker/db/schema";
import { BASE, call } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
/** Monday 1 June 2026, 00:00 UTC: the reviewed week is [T0, T0 + 7 days), the one before [T0 − 7 days, T0). */
const T0 = Date.UTC(2026, 5, 1);

interface Conv { key: string; created: number; messages: number; sentiment: number | null; resolution: "fully_resolved" | "unresolved" | null }
interface Ann { conv: string; at: number; kind: "sentiment" | "flag" | "intent" | "behaviour"; label: string; score?: number; chunk?: string; severity?: "high"; status?: "pending" }

const CONVS: Conv[] = [
  { key: "c1", created: T0 + H, messages: 6, sentiment: -0.6, resolution: "unresolved" },
  { key: "c2", created: T0 + 2 * D, messages: 4, sentiment: -0.3, resolution: "fully_resolved" },
  { key: "c3", created: T0 + 3 * D, messages: 2, sentiment: 0.5, resolution: "fully_resolved" },
  // the week before
  { key: "p1", created: T0 - 3 * D, messages: 5, sentiment: 0.2, resolution: "fully_resolved" },
];

const ANNS: Ann[] = [
  { conv: "c1", at: T0 + H, kind: "sentiment", label: "very_negative", score: -0.6 },
  { conv: "c2", at: T0 + 2 * D, kind: "sentiment", label: "negative", score: -0.3 },
  { conv: "c3", at: T0 + 3 * D, kind: "sentiment", label: "positive", score: 0.5 },
  { conv: "p1", at: T0 - 3 * D, kind: "sentiment", label: "positive", score: 0.2 },
  { conv: "c1", at: T0 + H, kind: "flag", label: "frustrated_user", chunk: "this is useless" },
  { conv: "c1", at: T0 + H + 1000, kind: "flag", label: "churn_risk", chunk: "I will cancel" },
  { conv: "c2", at: T0 + 2 * D, kind: "flag", label: "frustrated_user", chunk: "This is useless " },
  { conv: "c3", at: T0 + 3 * D, kind: "flag", label: "buying_signal" },
  { conv: "p1", at: T0 - 3 * D, kind: "flag", label: "frustrated_user", chunk: "slow" },
  { conv: "c1", at: T0 + H, kind: "intent", label: "cancel_subscription" },
  { conv: "c1", at: T0 + H + 2000, kind: "intent", label: "pricing", status: "pending" },
  { conv: "c2", at: T0 + 2 * D, kind: "intent", label: "cancel_subscription" },
  { conv: "c3", at: T0 + 3 * D, kind: "intent", label: "pricing" },
  { conv: "p1", at: T0 - 3 * D, kind: "intent", label: "cancel_subscription" },
  { conv: "c1", at: T0 + H + 3000, kind: "behaviour", label: "dodging" },
  { conv: "c2", at: T0 + 2 * D + 1000, kind: "behaviour", label: "hallucinating", severity: "high" },
  { conv: "c3", at: T0 + 3 * D + 1000, kind: "behaviour", label: "helpful" },
  { conv: "p1", at: T0 - 3 * D + 1000, kind: "behaviour", label: "dodging" },
];

/**
 * The fixture into one tenant; `copies` times over for the other one, so its rows outnumber ours, with each
 * conversation a little unhappier, so a pick that looked across tenants would pick theirs.
 */
async function seed(t: Tenant, copies: number, sentimentShift = 0): Promise<(key: string) => string> {
  const convId = (key: string, copy = 0) => `conv_${t.chatbotId}_${key}_${copy}`;
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  for (let copy = 0; copy < copies; copy++) {
    // One statement per row: D1 caps the variables of a single statement.
    const statements = [
      ...CONVS.map((c) =>
        db.insert(conversations).values({
          ...base,
          id: convId(c.key, copy),
          externalId: `${c.key}-${copy}`,
          status: "ended" as const,
          createdAt: c.created,
          firstMessageAt: c.created,
          lastMessageAt: c.created + H,
          messageCount: c.messages,
          sentimentAvg: c.sentiment === null ? null : c.sentiment + sentimentShift,
          resolution: c.resolution,
          flags: [...new Set(ANNS.filter((a) => a.conv === c.key && a.kind === "flag").map((a) => a.label))],
        }),
      ),
      ...ANNS.map((a, i) =>
        db.insert(annotations).values({
          ...base,
          id: `ann_${t.chatbotId}_${copy}_${i}`,
          conversationId: convId(a.conv, copy),
          messageSeq: 1,
          messageId: "m1",
          kind: a.kind,
          label: a.label,
          score: a.score ?? null,
          severity: a.severity ?? null,
          chunk: a.chunk ?? null,
          status: a.status ?? "accepted",
          analyzer: "embedded",
          analyzerVersion: "test",
          createdAt: a.at,
        }),
      ),
    ];
    await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  }
  return (key) => convId(key);
}

let mine: Tenant;
let id: (key: string) => string;

beforeAll(async () => {
  mine = await createTenant();
  id = await seed(mine, 1);
  await seed(await createTenant(), 3, -0.1);
});

async function digest(args: Record<string, unknown>) {
  const client = new Client({ name: "digest-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${mine.readKey}` } },
      fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    }),
  );
  const result = (await client.callTool({ name: "review_digest", arguments: args })) as CallToolResult;
  return result;
}

describe("review_digest", () => {
  it("gives the week's headline figures with their change against the week before, as the overview does", async () => {
    const result = await digest({ from: T0, to: T0 + 7 * D });
    expect(result.isError ?? false).toBe(false);
    const { data } = result.structuredContent as { data: Record<string, unknown> & { headline: Record<string, unknown> } };
    expect(data.range).toEqual({ from: T0, to: T0 + 7 * D, previousFrom: T0 - 7 * D, previousTo: T0 });
    expect(data.headline).toEqual({
      conversations: { value: 3, previous: 1, change: 2 },
      messages: { value: 12, previous: 5, change: 1.4 },
      // (−0.6 − 0.3 + 0.5) / 3 against 0.2: a difference in points.
      averageSentiment: { value: -0.133, previous: 0.2, change: -0.333 },
      // 2 of 3 judged conversations fully resolved, against 1 of 1.
      resolutionRate: { value: 0.6667, previous: 1, change: -0.3333 },
      mrrAtRisk: { value: 0, previous: 0, change: null },
    });
    // The dashboard's overview for the same range says the same.
    const overview = (await (await call(`/api/v1/analytics/overview?from=${T0}&to=${T0 + 7 * D}`, { key: mine.adminKey })).json()) as { data: { kpis: Record<string, unknown> } };
    expect(data.headline).toEqual({ ...overview.data.kpis, analysedToday: undefined });
  });

  it("ranks the flags, intents and assistant behaviours of the week with their counts the week before", async () => {
    const { data } = (await digest({ from: T0, to: T0 + 7 * D })).structuredContent as { data: Record<string, unknown> };
    expect(data.topFlags).toEqual([
      { flag: "frustrated_user", value: 2, previous: 1, change: 1, conversations: 2 },
      { flag: "buying_signal", value: 1, previous: 0, change: null, conversations: 1 },
      { flag: "churn_risk", value: 1, previous: 0, change: null, conversations: 1 },
    ]);
    // The pending intent is a suggestion, not counted.
    expect(data.topIntents).toEqual([
      { intent: "cancel_subscription", value: 2, previous: 1, change: 1, conversations: 2 },
      { intent: "pricing", value: 1, previous: 0, change: null, conversations: 1 },
    ]);
    expect(data.topIssues).toEqual({
      // "helpful" is not an issue.
      assistantBehaviours: [
        { behaviour: "dodging", value: 1, previous: 1, change: 0, conversations: 1 },
        { behaviour: "hallucinating", value: 1, previous: 0, change: null, conversations: 1 },
      ],
      hallucinations: { total: 1, bySeverity: { low: 0, medium: 0, high: 1, unspecified: 0 } },
      unresolved: { resolution: "unresolved", count: 1, share: 0.3333 },
      // Texts compared without case or surrounding spaces; the week before's "slow" is not this week's.
      userFrustrations: [
        { flag: "frustrated_user", conversations: 2, saidMostOften: [{ text: "This is useless", count: 2 }] },
        { flag: "confused_user", conversations: 0, saidMostOften: [] },
      ],
    });
  });

  it("picks representative conversations, each once, with every reason it was picked for", async () => {
    const { data } = (await digest({ from: T0, to: T0 + 7 * D })).structuredContent as { data: { representativeConversations: { id: string; reasons: string[]; externalId: string; flags: string[] }[] } };
    expect(data.representativeConversations.map((c) => [c.id, c.reasons])).toEqual([
      // Lowest sentiment, and the unhappiest to raise two of the top flags.
      [id("c1"), ["lowest average sentiment", "raised frustrated_user", "raised churn_risk"]],
      [id("c3"), ["raised buying_signal"]],
      [id("c2"), ["latest hallucination"]],
    ]);
    expect(data.representativeConversations[0]).toMatchObject({ externalId: "c1-0", sentimentAvg: -0.6, resolution: "unresolved", messageCount: 6 });
    expect(data.representativeConversations[0]!.flags.sort()).toEqual(["churn_risk", "frustrated_user"]);
  });

  it("answers an empty window with zero figures and no picks", async () => {
    const { data } = (await digest({ from: T0 + 30 * D, to: T0 + 31 * D })).structuredContent as { data: Record<string, unknown> & { headline: { conversations: unknown } } };
    expect(data.headline.conversations).toEqual({ value: 0, previous: 0, change: null });
    expect(data.topFlags).toEqual([]);
    expect(data.topIntents).toEqual([]);
    expect(data.representativeConversations).toEqual([]);
  });

  it("refuses a window whose end comes before its start, naming `from`", async () => {
    const result = await digest({ from: T0 + D, to: T0 });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/from/);
  });
});
