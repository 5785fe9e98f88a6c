/**
 * The suggested-intents API: suggestions only from recurring phrasing (through capture and the
 * embedded analyzer), paged and sorted by messages covered, approve/reject one, reject many, and
 * each chatbot seeing and changing only its own.
 */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { approveSuggestion } from "../../worker/services/intent-suggestions";
import { call, capture, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const db = createDb(env.DB);

/**
 * A database on which marking annotations fails: a batch that updates them fails at its end, once all its statements
 * ran (D1 then rolls the whole batch back, as it would for an error or an isolate killed mid-way), and such an update
 * sent on its own fails outright.
 */
function markingFails(d1: D1Database): D1Database {
  const marks = (sql: string) => /^update "annotations"/i.test(sql);
  const failure = () => d1.prepare("select no_such_column from annotations");
  // The real statement behind each one handed out, and its SQL: D1's batch takes only its own statements.
  const real = new WeakMap<D1PreparedStatement, { statement: D1PreparedStatement; sql: string }>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const own = marks(sql) ? failure() : statement;
    const wrapped = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: (column?: string) => (column === undefined ? own.first() : own.first(column)),
      run: () => own.run(),
      all: () => own.all(),
      raw: (options?: { columnNames?: false }) => own.raw(options),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, { statement, sql });
    return wrapped;
  };
  return {
    prepare: (sql: string) => wrap(d1.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      const known = statements.map((s) => real.get(s) ?? { statement: s, sql: "" });
      const batch = known.map((k) => k.statement);
      return d1.batch(known.some((k) => marks(k.sql)) ? [...batch, failure()] : batch);
    },
    exec: (sql: string) => d1.exec(sql),
  } as unknown as D1Database;
}

interface Suggestion {
  slug: string;
  name: string;
  occurrences: number;
  conversations: number;
  example: string | null;
}
interface ListBody {
  data: Suggestion[];
  pagination: { page: number; limit: number; total: number; hasMore: boolean };
}

async function list(t: Tenant, query = ""): Promise<ListBody> {
  const res = await call(`/api/v1/analysis/suggestions${query}`, { key: t.readKey });
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
}

/** Captures one user message and waits for the index; answers the conversation's id (OpenBat's). */
async function say(t: Tenant, conversationId: string, content: string): Promise<string> {
  const res = await capture(t.ingestKey, { conversationId, messages: [{ role: "user", content }] });
  await syncIndex(conversationStub(env, t.chatbotId, conversationId));
  return ((await res.json()) as { conversationId: string }).conversationId;
}

/** Seeds candidates as the analyzer stores them: `count` messages over `conversations` conversations. */
async function seed(t: Tenant, groups: { label: string; text: string; count: number; conversations: number }[]) {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const convs = new Set<string>();
  const rows: (typeof annotations.$inferInsert)[] = [];
  let n = 0;
  for (const g of groups) {
    for (let i = 0; i < g.count; i++) {
      const conv = `${t.chatbotId}_${g.label}_${i % g.conversations}`;
      convs.add(conv);
      n += 1;
      rows.push({
        ...base,
        id: `ann_${t.chatbotId}_${n}`,
        conversationId: conv,
        messageSeq: n,
        kind: "intent",
        label: g.label,
        chunk: `${g.text} (${i})`,
        confidence: 0.1,
        status: "pending",
        analyzer: "embedded",
        analyzerVersion: "test",
        createdAt: 1_000 + n,
      });
    }
  }
  await db.batch([
    ...[...convs].map((id) => db.insert(conversations).values({ ...base, id, externalId: id, createdAt: 1_000 })),
    ...rows.map((r) => db.insert(annotations).values(r)),
  ] as unknown as Parameters<typeof db.batch>[0]);
}

const GROUPS = [
  { label: "export_contacts", text: "How do I export contacts", count: 5, conversations: 3 },
  { label: "reset_password", text: "reset my password please", count: 7, conversations: 4 },
  { label: "widget_colours", text: "change the widget colours", count: 3, conversations: 2 },
  { label: "api_key", text: "where is the api key", count: 4, conversations: 2 },
  { label: "dark_mode", text: "turn on dark mode", count: 6, conversations: 6 },
  // Recurring, but only within one conversation: never a suggestion.
  { label: "webhook_retries", text: "webhook retries", count: 5, conversations: 1 },
];

describe("intent suggestions from recurring messages", () => {
  it("suggests nothing for a one-off message, and one named suggestion with a real example once similar messages recur across conversations", async () => {
    const t = await createTenant();
    const messages = ["How do I export my contacts to CSV?", "Can I export contacts from the mobile version?", "export of all contacts with their tags"];
    await say(t, "s1", messages[0] ?? "");
    expect((await list(t)).data).toEqual([]);
    await say(t, "s2", messages[1] ?? "");
    await say(t, "s2", messages[2] ?? "");
    const { data, pagination } = await list(t);
    expect(pagination.total).toBe(1);
    expect(data[0]).toMatchObject({ slug: "export_contacts", name: "Export contacts", occurrences: 3, conversations: 2 });
    expect(messages).toContain(data[0]?.example);
  });
});

describe("a suggestion decided, as its messages read", () => {
  interface Detail { messages: { seq: number; analysis: { analysis: { intent?: { slug: string; pending?: boolean } } } | null }[] }
  const intentsOf = async (t: Tenant, conversation: string) => {
    const res = await call(`/api/v1/conversations/${conversation}`, { key: t.readKey });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: Detail }).data.messages.map((m) => m.analysis?.analysis.intent ?? null);
  };
  const transcriptIntents = async (t: Tenant, conversation: string) => {
    const res = await call(`/api/v1/exports/conversations/${conversation}?format=json`, { key: t.readKey });
    expect(res.status).toBe(200);
    return ((await res.json()) as Detail).messages.map((m) => m.analysis?.analysis.intent ?? null);
  };

  it("gives an approved suggestion's messages its intent, no longer pending, and takes a rejected one's away, in the conversation and its transcript", async () => {
    const t = await createTenant();
    const s1 = await say(t, "s1", "How do I export my contacts to CSV?");
    const s2 = await say(t, "s2", "Can I export contacts from the mobile version?");
    await say(t, "s2", "export of all contacts with their tags");
    expect((await intentsOf(t, s2)).map((i) => i?.pending)).toEqual([true, true]);

    const approved = await call("/api/v1/analysis/suggestions/export_contacts/approve", { method: "POST", key: t.adminKey, json: { name: "Export contacts", description: "exporting contacts" } });
    expect(approved.status).toBe(200);
    for (const intents of [await intentsOf(t, s2), await transcriptIntents(t, s2), await intentsOf(t, s1)]) {
      for (const intent of intents) expect(intent).toMatchObject({ slug: "export_contacts", pending: false, confidence: 1, reason: expect.stringMatching(/^Approved/) });
    }

    await say(t, "s3", "How do I import my recipes from Excel?");
    const s4 = await say(t, "s4", "Can I import recipes from the desktop version?");
    await say(t, "s4", "import of all recipes with their notes");
    expect((await list(t)).data.map((s) => s.slug)).toEqual(["import_recipes"]);
    expect((await call("/api/v1/analysis/suggestions/import_recipes/reject", { method: "POST", key: t.adminKey })).status).toBe(200);
    expect(await intentsOf(t, s4)).toEqual([null, null]);
    expect(await transcriptIntents(t, s4)).toEqual([null, null]);
  });
});

describe("GET /api/v1/analysis/suggestions", () => {
  it("pages suggestions sorted by how many messages each covers, with the total", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const first = await list(t, "?limit=2");
    expect(first.data.map((s) => [s.slug, s.occurrences])).toEqual([
      ["reset_password", 7],
      ["dark_mode", 6],
    ]);
    expect(first.pagination).toEqual({ page: 1, limit: 2, total: 5, hasMore: true });
    const last = await list(t, "?limit=2&page=3");
    expect(last.data.map((s) => s.slug)).toEqual(["widget_colours"]);
    expect(last.pagination.hasMore).toBe(false);
    const all = await list(t, "?limit=100");
    // webhook_retries recurs only inside one conversation, so it is no suggestion.
    expect(all.data.map((s) => [s.slug, s.occurrences, s.conversations])).toEqual([
      ["reset_password", 7, 4],
      ["dark_mode", 6, 6],
      ["export_contacts", 5, 3],
      ["api_key", 4, 2],
      ["widget_colours", 3, 2],
    ]);
    expect(all.data.find((s) => s.slug === "api_key")?.example).toMatch(/^where is the api key \(\d\)$/);
  });

  it("answers 400 naming the field for a limit above 100 or a page below 1", async () => {
    const t = await createTenant();
    for (const [query, field] of [["?limit=101", "limit"], ["?page=0", "page"], ["?limit=abc", "limit"]] as const) {
      const res = await call(`/api/v1/analysis/suggestions${query}`, { key: t.readKey });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe(field);
    }
  });
});

describe("approving and rejecting suggestions", () => {
  it("approves one suggestion: it joins the intent list, its messages take the intent, and it leaves the list", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const res = await call("/api/v1/analysis/suggestions/api_key/approve", { method: "POST", key: t.adminKey, json: { name: "API key", description: "asks where the API key is" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { accepted: number } }).data.accepted).toBe(4);
    expect((await list(t, "?limit=100")).data.map((s) => s.slug)).not.toContain("api_key");
    const rows = await db.select().from(annotations).where(and(eq(annotations.chatbotId, t.chatbotId), eq(annotations.label, "api_key")));
    expect(rows.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
  });

  it("answers 409 and changes nothing when approving would take the custom intents past 100", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const customIntents = Array.from({ length: 100 }, (_, i) => ({ slug: `custom_${i}`, name: `Custom ${i}`, description: `custom intent number ${i}` }));
    expect((await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { customIntents } })).status).toBe(200);
    const res = await call("/api/v1/analysis/suggestions/api_key/approve", { method: "POST", key: t.adminKey, json: { name: "API key", description: "asks where the API key is" } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/100 custom intents/);
    expect((await list(t, "?limit=100")).data.map((s) => s.slug)).toContain("api_key");
    const rows = await db.select().from(annotations).where(and(eq(annotations.chatbotId, t.chatbotId), eq(annotations.label, "api_key")));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["pending"]));
    const config = (await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as { data: { customIntents: unknown[] } };
    expect(config.data.customIntents).toHaveLength(100);
  });

  it("saves nothing when marking the messages fails during an approval: the intent is not added, the messages stay pending, the suggestion stays listed and approving it again works", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const definition = { name: "API key", description: "asks where the API key is" };
    const failed = await approveSuggestion(createDb(markingFails(env.DB)), t, "api_key", definition).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/no_such_column/);
    const config = (await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as { data: { customIntents: { slug: string }[] } };
    expect(config.data.customIntents.map((i) => i.slug)).not.toContain("api_key");
    const rows = await db.select().from(annotations).where(and(eq(annotations.chatbotId, t.chatbotId), eq(annotations.label, "api_key")));
    expect(rows.map((r) => r.status)).toEqual(["pending", "pending", "pending", "pending"]);
    expect((await list(t, "?limit=100")).data.map((s) => s.slug)).toContain("api_key");
    const retry = await call("/api/v1/analysis/suggestions/api_key/approve", { method: "POST", key: t.adminKey, json: definition });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { data: { accepted: number } }).data.accepted).toBe(4);
  });

  it("rejects one suggestion and only its messages", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const res = await call("/api/v1/analysis/suggestions/dark_mode/reject", { method: "POST", key: t.adminKey });
    expect(((await res.json()) as { data: { rejected: number } }).data.rejected).toBe(6);
    expect((await list(t, "?limit=100")).data.map((s) => s.slug)).toEqual(["reset_password", "export_contacts", "api_key", "widget_colours"]);
  });

  it("rejects several suggestions at once and reports the slugs that are not suggestions", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const res = await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: t.adminKey, json: { slugs: ["reset_password", "api_key", "no_such_thing", "webhook_retries"] } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ rejected: 11, slugs: ["reset_password", "api_key"], notFound: ["no_such_thing", "webhook_retries"] });
    const after = await list(t, "?limit=100");
    expect(after.data.map((s) => s.slug)).toEqual(["dark_mode", "export_contacts", "widget_colours"]);
    expect(after.pagination.total).toBe(3);
  });

  it("rejects every pending candidate with all: true, so the list starts over", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    const res = await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: t.adminKey, json: { all: true } });
    expect(((await res.json()) as { data: { rejected: number } }).data.rejected).toBe(GROUPS.reduce((n, g) => n + g.count, 0));
    expect((await list(t)).pagination.total).toBe(0);
  });

  it("answers 400 naming the field for a bulk reject without slugs, with bad slugs, or with both slugs and all", async () => {
    const t = await createTenant();
    for (const [json, field] of [
      [{}, "slugs"],
      [{ slugs: [] }, "slugs"],
      [{ slugs: ["Not A Slug"] }, "slugs.0"],
      [{ slugs: ["api_key"], all: true }, "slugs"],
      [{ all: false }, "all"],
    ] as const) {
      const res = await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: t.adminKey, json });
      expect(res.status).toBe(400);
      expect({ json, field: ((await res.json()) as ErrorBody).error.details?.[0]?.field }).toEqual({ json, field });
    }
  });

  it("lets a read key list suggestions but not reject them", async () => {
    const t = await createTenant();
    await seed(t, GROUPS);
    expect((await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: t.readKey, json: { all: true } })).status).toBe(403);
    expect((await list(t)).pagination.total).toBe(5);
  });
});

describe("suggestions per tenant", () => {
  it("neither shows, approves nor rejects another chatbot's suggestions", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await seed(a, GROUPS);
    expect((await list(b)).pagination.total).toBe(0);
    expect((await call("/api/v1/analysis/suggestions/reset_password/approve", { method: "POST", key: b.adminKey, json: { name: "Reset", description: "reset" } })).status).toBe(404);
    expect((await call("/api/v1/analysis/suggestions/reset_password/reject", { method: "POST", key: b.adminKey })).status).toBe(404);
    const bulk = await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: b.adminKey, json: { slugs: ["reset_password"] } });
    expect(((await bulk.json()) as { data: unknown }).data).toEqual({ rejected: 0, slugs: [], notFound: ["reset_password"] });
    await call("/api/v1/analysis/suggestions/reject", { method: "POST", key: b.adminKey, json: { all: true } });
    expect((await list(a)).pagination.total).toBe(5);
  });
});
