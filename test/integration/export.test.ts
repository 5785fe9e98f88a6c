/**
 * Exports (README "Export"): every row of a table as filtered, in its order, as CSV or JSON; a conversation's
 * transcript with its analysis. Checked against the tables' own endpoints read page by page, over more rows
 * than one export page, with text that needs quoting and text a spreadsheet would run as a formula.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { EXPORT_PAGE } from "../../worker/export/stream";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture, type ErrorBody } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const T0 = Date.UTC(2026, 5, 1);
/** More than one export page, so the stream's paging is crossed. */
const MANY = EXPORT_PAGE + 37;
const TRICKY_ORG = 'Babbage, "Engines" & Co\nLondon';
const FORMULA_USER = "=HYPERLINK(\"http://evil.example\",\"click\")";

/** A plain RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** CSV lines as objects keyed by the header. */
const records = (text: string) => {
  const [header, ...lines] = parseCsv(text);
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
};

/** Every row of a table endpoint, page by page, as a client of the API would read it. */
async function allRows<T>(key: string, path: string, query: string): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const res = await call(`${path}?${query}${query ? "&" : ""}page=${page}&limit=100`, { key });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: T[]; pagination: { hasMore: boolean } };
    rows.push(...body.data);
    if (!body.pagination.hasMore) return rows;
  }
}

/** A fresh read key per use: the tests' read limit is 25 requests a minute per key. */
const readKey = async (t: Tenant) => (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "export test" })).secret;

let a: Tenant;
let b: Tenant;

/** Seeds `count` conversations over 3 organizations and 4 users, straight into the index tables. */
async function seed(t: Tenant, count: number, prefix: string) {
  const base = { organization_id: t.organizationId, chatbot_id: t.chatbotId };
  const statements: D1PreparedStatement[] = [];
  const orgs = [
    { id: `${prefix}o1`, ext: "acme", name: "Analytical Engines", plan: "enterprise", mrr: 4200 },
    { id: `${prefix}o2`, ext: "babbage", name: TRICKY_ORG, plan: "pro", mrr: 900 },
    { id: `${prefix}o3`, ext: "lovelace", name: "Lovelace Labs", plan: "starter", mrr: 120 },
  ];
  for (const o of orgs) {
    statements.push(
      env.DB.prepare("INSERT INTO client_organizations (id, organization_id, chatbot_id, external_id, name, plan, mrr, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(o.id, base.organization_id, base.chatbot_id, o.ext, o.name, o.plan, o.mrr, T0, T0),
    );
  }
  const users = [
    { id: `${prefix}u1`, ext: "ada", name: "Ada Lovelace", org: `${prefix}o1`, plan: "pro" },
    { id: `${prefix}u2`, ext: "charles", name: FORMULA_USER, org: `${prefix}o2`, plan: "pro" },
    { id: `${prefix}u3`, ext: "grace", name: "Grace Hopper", org: `${prefix}o3`, plan: "starter" },
    { id: `${prefix}u4`, ext: "solo", name: "-Solo, Dev", org: null, plan: "free" },
  ];
  for (const u of users) {
    statements.push(
      env.DB.prepare("INSERT INTO client_users (id, organization_id, chatbot_id, external_id, client_organization_id, name, email, plan, mrr, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(
        u.id, base.organization_id, base.chatbot_id, u.ext, u.org, u.name, `${u.ext}@example.com`, u.plan, 10, T0, T0,
      ),
    );
  }
  for (let i = 0; i < count; i++) {
    const user = users[i % users.length]!;
    const sentiment = i % 7 === 0 ? null : Math.round((((i * 37) % 200) / 100 - 1) * 1000) / 1000;
    const flags = i % 5 === 0 ? '["churn_risk"]' : i % 5 === 1 ? '["frustrated_user","churn_risk"]' : "[]";
    statements.push(
      env.DB.prepare(
        "INSERT INTO conversations (id, organization_id, chatbot_id, external_id, client_user_id, client_organization_id, status, country, device, language, created_at, last_message_at, message_count, sentiment_avg, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        `${prefix}c${i}`, base.organization_id, base.chatbot_id, `ext-${i}`, user.id, user.org, i % 3 === 0 ? "ended" : "open", ["GB", "FR", "US"][i % 3], "desktop", "en",
        T0 + i * 60_000, T0 + i * 60_000 + ((i * 7919) % 3_600_000), 1 + (i % 9), sentiment, flags,
      ),
    );
  }
  for (let i = 0; i < statements.length; i += 200) await env.DB.batch(statements.slice(i, i + 200));
}

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  await seed(a, MANY, "a-");
  await seed(b, 40, "b-");
  void db;
});

describe("exporting the conversations table", () => {
  it("writes every row of the filtered, sorted table, in the table's order, across export pages", async () => {
    const query = "sort=sentiment&order=asc";
    const table = await allRows<{ id: string }>(await readKey(a), "/api/v1/analytics/conversations", query);
    expect(table).toHaveLength(MANY);
    const res = await call(`/api/v1/exports/conversations?${query}`, { key: await readKey(a) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="conversations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("x-export-rows")).toBe(String(MANY));
    const rows = records(await res.text());
    expect(rows.map((r) => r.id)).toEqual(table.map((r) => r.id));
  });

  it("takes the table's filters, and its JSON rows are the table's rows", async () => {
    const query = "plan=pro&flags=churn_risk&status=open&sort=createdAt&order=desc";
    const table = await allRows<Record<string, unknown>>(await readKey(a), "/api/v1/analytics/conversations", query);
    expect(table.length).toBeGreaterThan(50);
    expect(table.length).toBeLessThan(MANY / 2);
    const json = (await (await call(`/api/v1/exports/conversations?${query}&format=json`, { key: await readKey(a) })).json()) as unknown[];
    expect(json).toEqual(table);
    const csv = records(await (await call(`/api/v1/exports/conversations?${query}`, { key: await readKey(a) })).text());
    expect(csv.map((r) => r.external_id)).toEqual(table.map((r) => r.externalId));
  });

  it("writes each row's fields, times in ISO 8601, lists joined with semicolons", async () => {
    const [row] = await allRows<{
      id: string;
      externalId: string;
      sentiment: { average: number; label: string } | null;
      flags: string[];
      mrr: number | null;
      createdAt: number;
      messageCount: number;
      triage: { status: string; assigneeId: string | null };
      labels: { name: string }[];
      lastUserMessage: { text: string; at: number } | null;
    }>(
      await readKey(a),
      "/api/v1/analytics/conversations",
      "q=ext-1&flags=frustrated_user&sort=createdAt&order=asc",
    );
    const [line] = records(await (await call("/api/v1/exports/conversations?q=ext-1&flags=frustrated_user&sort=createdAt&order=asc", { key: await readKey(a) })).text());
    expect(line).toMatchObject({
      id: row!.id,
      external_id: row!.externalId,
      flags: row!.flags.join(";"),
      mrr: String(row!.mrr),
      messages: String(row!.messageCount),
      created_at: new Date(row!.createdAt).toISOString(),
      sentiment: row!.sentiment ? String(row!.sentiment.average) : "",
      // What the table shows of triage and the last user message, as in the JSON rows.
      triage_status: row!.triage.status,
      assignee_id: row!.triage.assigneeId ?? "",
      labels: row!.labels.map((l) => l.name).join(";"),
      last_user_message: row!.lastUserMessage?.text ?? "",
    });
    expect(Object.keys(line!)).toEqual(expect.arrayContaining(["triage_status", "assignee_id", "labels", "last_user_message", "last_user_message_at"]));
  });

  it("keeps quotes, commas and line breaks in a cell, and writes formula-like text as text", async () => {
    const rows = records(await (await call("/api/v1/exports/conversations?organization=babbage", { key: await readKey(a) })).text());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.organization_name === TRICKY_ORG)).toBe(true);
    expect(rows.every((r) => r.user_name === `'${FORMULA_USER}`)).toBe(true);
  });

  it("answers a bad filter or format with the error envelope, not a download", async () => {
    for (const query of ["format=xml", "sentimentMin=0.5&sentimentMax=-0.5", "sort=nonsense", "page=2"]) {
      const res = await call(`/api/v1/exports/conversations?${query}`, { key: await readKey(a) });
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code).toBe("invalid_request");
      // A parameter the export does not take (it writes every page) is refused, not ignored.
      if (query === "page=2") expect(error.details).toEqual([{ field: "page", message: 'Unrecognized key: "page"' }]);
    }
  });

  it("never contains another tenant's rows", async () => {
    const rows = records(await (await call("/api/v1/exports/conversations", { key: await readKey(b) })).text());
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.id!.startsWith("b-"))).toBe(true);
  });

  it("refuses ingest and publishable keys, which cannot read", async () => {
    for (const key of [a.ingestKey, a.publishableKey]) {
      const res = await call("/api/v1/exports/conversations", { key });
      expect(res.status).toBe(403);
    }
  });
});

describe("exporting the users and organizations tables", () => {
  it("writes every user of the filtered table, as CSV and as the table's JSON rows", async () => {
    const table = await allRows<{ externalId: string; conversations: number }>(await readKey(a), "/api/v1/analytics/users", "plan=pro&sort=name&order=asc");
    // "=" sorts before "A": the formula-named user comes first.
    expect(table.map((u) => u.externalId)).toEqual(["charles", "ada"]);
    const csv = records(await (await call("/api/v1/exports/users?plan=pro&sort=name&order=asc", { key: await readKey(a) })).text());
    expect(csv.map((r) => r.external_id)).toEqual(["charles", "ada"]);
    expect(csv[0]).toMatchObject({ name: `'${FORMULA_USER}`, organization_name: TRICKY_ORG, conversations: String(table[0]!.conversations) });
    expect(await (await call("/api/v1/exports/users?plan=pro&sort=name&order=asc&format=json", { key: await readKey(a) })).json()).toEqual(table);
  });

  it("writes every organization of the filtered table, as CSV and as the table's JSON rows", async () => {
    const table = await allRows<{ externalId: string; users: number }>(await readKey(a), "/api/v1/analytics/organizations", "mrrMin=500");
    expect(table.map((o) => o.externalId).sort()).toEqual(["acme", "babbage"]);
    const csv = records(await (await call("/api/v1/exports/organizations?mrrMin=500", { key: await readKey(a) })).text());
    expect(csv.map((r) => r.external_id)).toEqual(table.map((o) => o.externalId));
    expect(csv.map((r) => r.users)).toEqual(table.map((o) => String(o.users)));
    expect(await (await call("/api/v1/exports/organizations?mrrMin=500&format=json", { key: await readKey(a) })).json()).toEqual(table);
  });
});

describe("exporting a transcript", () => {
  let conversationId: string;
  const texts = ["I want to cancel my subscription, this is useless", 'The "Pro" plan,\nper seat?', "=SUM(A1:A9) broke my sheet"];

  beforeAll(async () => {
    const res = await capture(a.ingestKey, {
      conversationId: "transcript-1",
      user: { id: "ada", name: "Ada Lovelace" },
      messages: [
        { id: "m1", role: "user", content: texts[0] },
        { id: "m2", role: "assistant", content: texts[1] },
        { id: "m3", role: "user", content: texts[2] },
      ],
    });
    expect(res.status).toBe(200);
    conversationId = ((await res.json()) as { conversationId: string }).conversationId;
    await syncIndex(conversationStub(env, a.chatbotId, "transcript-1"));
  });

  it("writes one line per message with what the analysis found, in order", async () => {
    const res = await call(`/api/v1/exports/conversations/${conversationId}`, { key: await readKey(a) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="conversation-transcript-1.csv"');
    const lines = records(await res.text());
    expect(lines.map((l) => [l.seq, l.message_id, l.role])).toEqual([
      ["1", "m1", "user"],
      ["2", "m2", "assistant"],
      ["3", "m3", "user"],
    ]);
    expect(lines.map((l) => l.content)).toEqual([texts[0], texts[1], `'${texts[2]}`]);
    // The same analysis the read API shows for each message.
    const detail = (await (await call(`/api/v1/conversations/${conversationId}`, { key: await readKey(a) })).json()) as {
      data: { messages: { analysis: { analysis: { sentiment?: { label: string }; flags: { slug: string }[] } } | null }[] };
    };
    expect(lines.map((l) => l.sentiment_label)).toEqual(detail.data.messages.map((m) => m.analysis?.analysis.sentiment?.label ?? ""));
    expect(lines.map((l) => l.flags)).toEqual(detail.data.messages.map((m) => (m.analysis?.analysis.flags ?? []).map((f) => f.slug).join(";")));
    expect(lines[0]!.flags).toContain("churn_risk");
  });

  it("as JSON is the conversation and its messages as the read API describes them", async () => {
    const body = (await (await call(`/api/v1/exports/conversations/${conversationId}?format=json`, { key: await readKey(a) })).json()) as {
      conversation: { id: string; externalId: string; user: { externalId: string } | null };
      messages: unknown[];
    };
    const detail = (await (await call(`/api/v1/conversations/${conversationId}`, { key: await readKey(a) })).json()) as { data: { messages: unknown[]; messagesPage: unknown } };
    expect(body.conversation).toMatchObject({ id: conversationId, externalId: "transcript-1", user: { externalId: "ada" } });
    expect(body.messages).toEqual(detail.data.messages);
    // The conversation is the read API's, triage included, without the page of messages the download replaces.
    const { messages: _messages, messagesPage: _page, ...conversation } = detail.data;
    expect(body.conversation).toEqual(conversation);
  });

  it("answers another tenant's conversation, or none, exactly like a missing one", async () => {
    for (const [key, id] of [
      [await readKey(b), conversationId],
      [await readKey(a), "0".repeat(64)],
      [await readKey(a), "not-an-id"],
    ] as const) {
      const res = await call(`/api/v1/exports/conversations/${id}`, { key });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
    }
  });
});
