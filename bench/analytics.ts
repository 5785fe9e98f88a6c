/**
 * Analytics benchmark: latency of the analytics API over one chatbot with 100,000 conversations.
 *
 *   npx tsx bench/analytics.ts [--conversations N] [--requests N] [--warmup N] [--runs N] [--all]
 *                              [--port P] [--state DIR] [--reseed] [--timeout S] [--json]
 *
 * 1. Seeds a LOCAL D1 database of its own (default `.wrangler/bench-analytics`, never the one `npm start`
 *    uses): migrations first, then one organization and chatbot with `--conversations` conversations
 *    (default 100,000) over the last 90 days, 20,000 client users, 2,000 client organizations with plans,
 *    industries and MRR, and their annotations (a sentiment per scored conversation, flags on some, intents,
 *    assistant behaviours), as generated SQL files run by `wrangler d1 execute --local --file` in chunks, with
 *    the rollup triggers set aside while they load; the rollups are then computed by the rebuild's GROUP BY
 *    (worker/analytics/rollups.ts) and the triggers put back.
 *    Deterministic (fixed PRNG seed). Kept between runs: a later run applies any new migration to it and
 *    re-seeds only with `--reseed` or when the conversation count differs. No ANALYZE is run, as a fresh
 *    production database has no planner statistics. Fresh read keys are written on every run (SHA-256
 *    hashes, as the product stores them), one per endpoint and run, so the per-key read limit (300/min)
 *    is never reached.
 * 2. Starts the product with `wrangler dev --local` on 127.0.0.1:`--port` (default 8791) over that state, in
 *    its own process group, and stops the whole group at the end, on error, on Ctrl+C and on `--timeout`.
 * 3. Per endpoint: `--warmup` requests (default 5) not timed, then `--requests` (default 50) one after
 *    another, each timed from send to the last byte of the body; prints p50/p95/mean/max per endpoint and run.
 *
 * Endpoints: (a) the overview (default range, the last 7 days; and the last 90 days, every row),
 * (b) the conversations table filtered by plan and country and sorted by sentiment, (c) the users table
 * (sorted by last activity); `--all` adds sentiment over time, organizations, insights, assistant, and the
 * data of a saved report with 14 unfiltered widgets (its default range, 7 days, and 90 days) and of the same
 * report with every widget filtered to the enterprise plan (one segment: 7 and 90 days), to the enterprise
 * plan in the US (two filters, their combination registered by saving the report through the API, which is
 * timed: 7 and 90 days).
 * Only 127.0.0.1 is used. `wrangler dev` reloads when product files change: run from a snapshot in a busy
 * tree (bench/README.md, "Analytics benchmark").
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rebuildRollupsSql, SEGMENT_ROLLUP_TABLES } from "../worker/analytics/rollups";
import { sha256Hex } from "../worker/services/crypto";
import { displayPrefix, generateSecret } from "../worker/services/keys";
import { children, d1, Inserts, prng, q, query, sleep, stopAll, stopAndWait, wrangler } from "./local-wrangler";

interface Options {
  conversations: number;
  requests: number;
  warmup: number;
  runs: number;
  all: boolean;
  port: number;
  state: string;
  reseed: boolean;
  timeoutSec: number;
  json: boolean;
}

const ORG = "org_bench_analytics";
const CHATBOT = "cb_bench_analytics";
const DAY = 86_400_000;
const REPORT = "rep_bench_analytics";
const FILTERED_REPORT = "rep_bench_analytics_enterprise";
const TWO_FILTER_REPORT = "rep_bench_analytics_enterprise_us";
const USERS = 20_000;
const ORGS = 2_000;
/** Conversations per generated SQL file (one `wrangler d1 execute` each). */
const CHUNK = 12_500;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function options(argv: string[]): Options {
  const o: Options = { conversations: 100_000, requests: 50, warmup: 5, runs: 1, all: false, port: 8791, state: ".wrangler/bench-analytics", reseed: false, timeoutSec: 1800, json: false };
  const usage = "usage: npx tsx bench/analytics.ts [--conversations N] [--requests N] [--warmup N] [--runs N] [--all] [--port P] [--state DIR] [--reseed] [--timeout S] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const num = (min: number, max: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min || n > max) fail(`${flag} needs a whole number from ${min} to ${max}`);
      return n;
    };
    if (flag === "--conversations") o.conversations = num(1_000, 1_000_000);
    else if (flag === "--requests") o.requests = num(1, 250);
    else if (flag === "--warmup") o.warmup = num(0, 50);
    else if (flag === "--runs") o.runs = num(1, 10);
    else if (flag === "--port") o.port = num(1024, 65535);
    else if (flag === "--timeout") o.timeoutSec = num(10, 7200);
    else if (flag === "--state") o.state = argv[++i] ?? fail(usage);
    else if (flag === "--all") o.all = true;
    else if (flag === "--reseed") o.reseed = true;
    else if (flag === "--json") o.json = true;
    else fail(usage);
  }
  return o;
}

// ---- seeding -----------------------------------------------------------------------------------

function weighted<T>(rand: () => number, choices: [T, number][]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}

const PLANS: [string, number][] = [["free", 40], ["starter", 30], ["pro", 20], ["enterprise", 10]];
const INDUSTRIES: [string, number][] = [["fintech", 15], ["retail", 20], ["health", 10], ["education", 10], ["saas", 25], ["travel", 8], ["media", 7], ["logistics", 5]];
const COUNTRIES: [string, number][] = [["US", 30], ["GB", 12], ["FR", 10], ["DE", 10], ["IN", 10], ["BR", 8], ["NL", 5], ["ES", 5], ["JP", 5], ["CA", 5]];
const DEVICES: [string | null, number][] = [["desktop", 55], ["mobile", 38], ["tablet", 5], [null, 2]];
const MRR: Record<string, [number, number]> = { free: [0, 0], starter: [20, 200], pro: [200, 2_000], enterprise: [2_000, 50_000] };

function sentimentLabel(s: number): string {
  return s <= -0.6 ? "very_negative" : s <= -0.2 ? "negative" : s < 0.2 ? "neutral" : s < 0.6 ? "positive" : "very_positive";
}

interface Generated {
  files: string[];
  rows: { organizations: number; users: number; conversations: number; annotations: number };
}

/** Writes the tenant as SQL files under `<state>/seed/`. */
function generate(o: Options, now: number): Generated {
  const rand = prng(42);
  const dir = join(o.state, "seed");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, statements: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, statements.join("\n") + "\n");
    files.push(file);
  };
  const at = now - 100 * DAY;

  const head = [
    `INSERT INTO organizations (id, name, created_at) VALUES (${q(ORG)}, 'Bench analytics', ${at});`,
    `INSERT INTO chatbots (id, organization_id, name, status, idle_timeout_minutes, created_at, activated_at) VALUES (${q(CHATBOT)}, ${q(ORG)}, 'Bench bot', 'active', 30, ${at}, ${at});`,
  ];
  const orgs = new Inserts("INSERT INTO client_organizations (id, organization_id, chatbot_id, external_id, name, plan, industry, mrr, created_at, updated_at)");
  const orgPlan: string[] = [];
  for (let i = 0; i < ORGS; i++) {
    const plan = weighted(rand, PLANS);
    const [lo, hi] = MRR[plan]!;
    orgPlan.push(plan);
    orgs.add([`corg_b${i}`, ORG, CHATBOT, `org-${i}`, `Company ${i}`, plan, weighted(rand, INDUSTRIES), Math.round(lo + rand() * (hi - lo)), at, at]);
  }
  const users = new Inserts(
    "INSERT INTO client_users (id, organization_id, chatbot_id, external_id, client_organization_id, name, email, plan, industry, mrr, signed_up_at, created_at, updated_at)",
  );
  const userOrg: (number | null)[] = [];
  for (let i = 0; i < USERS; i++) {
    const org = rand() < 0.85 ? Math.floor(rand() * ORGS) : null;
    userOrg.push(org);
    const plan = org === null ? weighted(rand, PLANS) : orgPlan[org]!;
    users.add([`cusr_b${i}`, ORG, CHATBOT, `user-${i}`, org === null ? null : `corg_b${org}`, `User ${i}`, `user${i}@example.com`, plan, weighted(rand, INDUSTRIES), Math.round(rand() * 100), at, at, at]);
  }
  write("000-tenant.sql", [...head, ...orgs.take(), ...users.take()]);

  let annotationCount = 0;
  for (let start = 0, part = 1; start < o.conversations; start += CHUNK, part++) {
    const conversations = new Inserts(
      "INSERT INTO conversations (id, organization_id, chatbot_id, external_id, client_user_id, client_organization_id, status, device, country, created_at, first_message_at, last_message_at, ended_at, message_count, user_message_count, sentiment_avg, resolution, flags, behaviours, index_version)",
    );
    const annotations = new Inserts(
      "INSERT INTO annotations (id, organization_id, chatbot_id, conversation_id, message_seq, message_id, kind, label, score, confidence, severity, reason, chunk, status, analyzer, analyzer_version, created_at)",
    );
    for (let n = start; n < Math.min(o.conversations, start + CHUNK); n++) {
      const id = `conv_b${n}`;
      const user = rand() < 0.97 ? Math.floor(rand() * USERS) : null;
      const org = user === null ? null : userOrg[user]!;
      const created = Math.floor(now - rand() * 90 * DAY);
      const messages = 2 + Math.floor(rand() * 38);
      const last = created + Math.floor(rand() * 2 * 3_600_000);
      // Roughly normal around a mildly positive mean, clamped to the score range.
      const gauss = (rand() + rand() + rand() - 1.5) * 0.8 + 0.1;
      const sentiment = rand() < 0.95 ? Math.round(Math.max(-1, Math.min(1, gauss)) * 1000) / 1000 : null;
      const ended = rand() < 0.7;
      const resolution = ended ? weighted(rand, [["fully_resolved", 55], ["partially_resolved", 25], ["unresolved", 20]] as [string, number][]) : null;
      const flags = (
        [["churn_risk", 0.1], ["frustrated_user", 0.12], ["buying_signal", 0.05], ["confused_user", 0.06], ["urgent_request", 0.04]] as [string, number][]
      )
        .filter(([, p]) => rand() < p)
        .map(([f]) => f);
      const behaviour = weighted(rand, [["helpful", 50], ["verbose", 10], ["over_apologizing", 5], ["hallucinating", 2], ["dodging", 3], [null, 30]] as [string | null, number][]);
      conversations.add([
        id, ORG, CHATBOT, `bench-${n}`, user === null ? null : `cusr_b${user}`, org === null ? null : `corg_b${org}`, ended ? "ended" : "open",
        weighted(rand, DEVICES), weighted(rand, COUNTRIES), created, created, last, ended ? last + 60_000 : null, messages, Math.ceil(messages / 2),
        sentiment, resolution, JSON.stringify(flags), JSON.stringify(behaviour ? [behaviour] : []), 1,
      ]);
      const ann = (seq: number | null, kind: string, label: string, extra: { score?: number; severity?: string; reason?: string; chunk?: string; offset: number }) => {
        annotationCount++;
        annotations.add([
          `ann_b${n}_${kind}_${label}`, ORG, CHATBOT, id, seq, seq === null ? null : `m${seq}`, kind, label, extra.score ?? null, 0.9, extra.severity ?? null,
          extra.reason ?? null, extra.chunk ?? null, "accepted", "embedded", "bench", created + extra.offset,
        ]);
      };
      if (sentiment !== null) ann(1, "sentiment", sentimentLabel(sentiment), { score: sentiment, chunk: "the part that mattered", reason: "Generated.", offset: 1_000 });
      for (const f of flags) ann(1, "flag", f, { chunk: weighted(rand, [["cancel my plan", 3], ["this is useless", 3], ["how do I", 2], ["pricing for teams", 2]] as [string, number][]), reason: "Generated.", offset: 1_000 });
      if (rand() < 0.6) ann(1, "intent", weighted(rand, [["billing", 3], ["cancellation", 1], ["pricing", 2], ["how_to", 4], ["bug_report", 2]] as [string, number][]), { offset: 1_000 });
      if (behaviour) ann(2, "behaviour", behaviour, { severity: behaviour === "hallucinating" ? weighted(rand, [["low", 2], ["medium", 2], ["high", 1]] as [string, number][]) : undefined, reason: "Generated.", offset: 2_000 });
      if (resolution) ann(null, "resolution", resolution, { offset: last - created + 60_000 });
    }
    write(`${String(part).padStart(3, "0")}-conversations.sql`, [...conversations.take(), ...annotations.take()]);
  }
  return { files, rows: { organizations: ORGS, users: USERS, conversations: o.conversations, annotations: annotationCount } };
}

async function seed(o: Options): Promise<void> {
  if (existsSync(o.state) && !o.reseed) {
    // Migrations added since the last seeding (new indexes, say) are applied to the kept data.
    await wrangler([...d1(o, "migrations", "apply", "DB")], 900_000);
    const count = await query<{ n: number }>(o, `SELECT count(*) AS n FROM conversations WHERE chatbot_id = '${CHATBOT}'`).catch(() => []);
    if (count[0]?.n === o.conversations) {
      console.log(`Reusing the seeded tenant in ${o.state} (${o.conversations.toLocaleString("en-US")} conversations; --reseed to rebuild).`);
      return;
    }
  }
  // The state directory is this benchmark's alone: rebuilding it is simpler and faster than deleting rows.
  rmSync(o.state, { recursive: true, force: true });
  console.log(`Applying migrations to ${o.state}…`);
  await wrangler([...d1(o, "migrations", "apply", "DB")], 300_000);
  const started = Date.now();
  const generated = generate(o, started);
  console.log(
    `Seeding ${Object.entries(generated.rows).map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`).join(", ")} in ${generated.files.length} files…`,
  );
  // The rollup triggers (migration 0012) add a dozen small upserts to every seeded row, which makes loading a
  // million conversations impractical: they are set aside while the raw rows load, the rollups are then
  // computed by the same GROUP BY as rebuildRollups (worker/analytics/rollups.ts), and the triggers put back.
  // Not the hourly rollups' own triggers: the rebuild leaves the daily rollups to them (migration 0022), and
  // without them every whole day read back empty.
  const triggers = await query<{ name: string; sql: string }>(
    o,
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%' AND tbl_name NOT GLOB 'rollup_*_hours' ORDER BY name",
  );
  if (!triggers.length) throw new Error("the rollup triggers are missing: were the migrations applied?");
  const dir = join(o.state, "seed");
  writeFileSync(join(dir, "drop-triggers.sql"), triggers.map((t) => `DROP TRIGGER ${t.name};`).join("\n") + "\n");
  writeFileSync(join(dir, "rollups.sql"), `${rebuildRollupsSql(CHATBOT)}\n${triggers.map((t) => `${t.sql};`).join("\n")}\n`);
  await wrangler([...d1(o, "execute", "DB"), "--file", join(dir, "drop-triggers.sql"), "--yes"], 300_000);
  for (const [i, file] of generated.files.entries()) {
    const t = Date.now();
    await wrangler([...d1(o, "execute", "DB"), "--file", file, "--yes"], 900_000);
    console.log(`  ${i + 1}/${generated.files.length} ${file} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const rolled = Date.now();
  await wrangler([...d1(o, "execute", "DB"), "--file", join(dir, "rollups.sql"), "--yes"], 1_800_000);
  console.log(`  rollups computed and ${triggers.length} triggers restored (${((Date.now() - rolled) / 1000).toFixed(1)} s)`);
  // No ANALYZE: a D1 database in production has no planner statistics unless someone gathers them,
  // so the query plans measured here are the ones it would get.
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * Saved reports of the chatbot with one of each widget OpenBat's reports offer (every stat, chart and list
 * but the live messages-today figure, which is the overview's): unfiltered, every widget filtered to the
 * enterprise plan, and to the enterprise plan in the US. Rewritten on every run, with the filter combinations
 * (and their rollup rows) taken away: `registerCombination` saves the last one again.
 */
async function saveReport(o: Options): Promise<void> {
  const types = [
    "total_conversations", "average_sentiment", "resolution_rate", "churn_risk_count", "buying_signal_count", "mrr_at_risk",
    "sentiment_trend", "conversation_volume", "intent_distribution", "sentiment_distribution", "flag_distribution",
    "resolution_distribution", "top_topics", "recent_conversations",
  ];
  const reports = [
    [REPORT, "Weekly review", {}],
    [FILTERED_REPORT, "Enterprise review", { plan: "enterprise" }],
    [TWO_FILTER_REPORT, "Enterprise in the US", { plan: "enterprise", country: "US" }],
  ] as const;
  for (const [id, name, filters] of reports) {
    const layout = { version: 1, widgets: types.map((type, i) => ({ id: `w${i}`, type, size: "third", filters })) };
    await query(o, `DELETE FROM reports WHERE id = ${q(id)}`);
    await query(o, `INSERT INTO reports (id, organization_id, chatbot_id, name, range_days, layout, updated_at) VALUES (${q(id)}, ${q(ORG)}, ${q(CHATBOT)}, ${q(name)}, 7, ${q(JSON.stringify(layout))}, ${Date.now()})`);
  }
  await query(o, `DELETE FROM segment_combinations WHERE chatbot_id = ${q(CHATBOT)}`);
  for (const table of SEGMENT_ROLLUP_TABLES) {
    await query(o, `DELETE FROM ${table} WHERE chatbot_id = ${q(CHATBOT)} AND segment LIKE '%&%'`);
  }
}

/**
 * Saves the two-filter report's layout again through the API, as an admin would, which registers its filter
 * combination and back-fills its rollups; returns how long that took.
 */
async function registerCombination(base: string, adminKey: string): Promise<number> {
  const headers = { authorization: `Bearer ${adminKey}` };
  const report = (await (await fetch(`${base}/api/v1/reports/${TWO_FILTER_REPORT}`, { headers })).json()) as { data: { layout: unknown } };
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/reports/${TWO_FILTER_REPORT}`, {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ layout: report.data.layout }),
    signal: AbortSignal.timeout(120_000),
  });
  if (!res.ok) fail(`saving the two-filter report answered ${res.status}: ${await res.text()}`);
  return performance.now() - started;
}

/** An admin key, to save a report (inserted before the product starts, as every key here). */
async function adminKey(o: Options): Promise<string> {
  const key = generateSecret("admin");
  await query(o, `INSERT INTO api_keys (id, organization_id, chatbot_id, kind, name, prefix, hash, created_at) VALUES (${q(`key_bench_admin_${Date.now()}`)}, ${q(ORG)}, ${q(CHATBOT)}, 'admin', 'bench', ${q(displayPrefix(key))}, ${q(await sha256Hex(key))}, ${Date.now()})`);
  return key;
}

/** One fresh read key per endpoint and run: the read limit is 300 requests a minute per key. */
async function freshKeys(o: Options, n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, () => generateSecret("read"));
  const now = Date.now();
  const values = await Promise.all(
    keys.map(async (k, i) => `(${q(`key_bench_${now}_${i}`)}, ${q(ORG)}, ${q(CHATBOT)}, 'read', 'bench', ${q(displayPrefix(k))}, ${q(await sha256Hex(k))}, ${now})`),
  );
  await query(o, `DELETE FROM api_keys WHERE chatbot_id = '${CHATBOT}'`);
  await query(o, `INSERT INTO api_keys (id, organization_id, chatbot_id, kind, name, prefix, hash, created_at) VALUES ${values.join(", ")}`);
  return keys;
}

// ---- the product under wrangler dev ----------------------------------------------------------

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startProduct(o: Options, url: string): Promise<ChildProcess> {
  if (await answers(url)) fail(`something already answers on ${url}; stop it or pass --port`);
  const child = spawn(
    "npx",
    ["wrangler", "dev", "--local", "--ip", "127.0.0.1", "--port", String(o.port), "--persist-to", o.state, "--show-interactive-dev-session=false", "--inspector-port", String(o.port + 1)],
    { env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.add(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(String(chunk));
    if (log.length > 50) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const until = Date.now() + 120_000;
  while (Date.now() < until && child.exitCode === null) {
    if (await answers(url)) return child;
    await sleep(300);
  }
  await stopAndWait(child);
  throw new Error(`the product did not start on ${url}:\n${log.join("").split("\n").slice(-20).join("\n")}`);
}

// ---- measuring -------------------------------------------------------------------------------

interface Endpoint {
  name: string;
  path: string;
}

interface Figures {
  endpoint: string;
  run: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
  requests: number;
  /** What the answer said, to show the measured query did real work. */
  note: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

async function timed(url: string, key: string): Promise<{ ms: number; body: unknown }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text) };
}

function describe(body: unknown): string {
  const b = body as { data?: unknown; pagination?: { total: number } };
  if (b.pagination) return `${b.pagination.total.toLocaleString("en-US")} rows match`;
  const kpis = (b.data as { kpis?: { conversations: { value: number } } } | undefined)?.kpis;
  if (kpis) return `${kpis.conversations.value.toLocaleString("en-US")} conversations in range`;
  return "";
}

/** A segment's scored conversations and their average sentiment, as insights gives them. */
interface SegmentFigure {
  value: string | null;
  conversations: number;
  average: number;
}

/** What the overview must say of a range, and insights of the 7-day one: the seeded rows counted plainly. */
interface Expected {
  ranges: { days: number; from: number; to: number; conversations: number; messages: number }[];
  /** Over the last 7 days, sentiment by device and by plan (the organization's, else the user's; any case). */
  week: { from: number; to: number; segments: Record<"device" | "plan", SegmentFigure[]> };
}

/** Counts the seeded conversations of the last 7 and 90 days before `now` (read before the product starts). */
async function expectedFigures(o: Options, now: number): Promise<Expected> {
  const created = (from: number) => `c.chatbot_id = '${CHATBOT}' AND c.created_at >= ${from} AND c.created_at < ${now}`;
  const ranges = await Promise.all(
    [7, 90].map(async (days) => {
      const from = now - days * DAY;
      const [row] = await query<{ n: number; m: number }>(o, `SELECT count(*) AS n, coalesce(sum(message_count), 0) AS m FROM conversations AS c WHERE ${created(from)}`);
      return { days, from, to: now, conversations: row?.n ?? 0, messages: row?.m ?? 0 };
    }),
  );
  const from = now - 7 * DAY;
  const bySegment = (value: string) =>
    query<SegmentFigure>(
      o,
      `SELECT ${value} AS value, count(*) AS conversations, avg(c.sentiment_avg) AS average FROM conversations AS c
        LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id
        WHERE ${created(from)} AND c.sentiment_avg IS NOT NULL GROUP BY 1`,
    );
  const segments = { device: await bySegment("c.device"), plan: await bySegment("lower(coalesce(o.plan, u.plan))") };
  return { ranges, week: { from, to: now, segments } };
}

/**
 * The overview's counts over those ranges must equal the plain ones before anything is timed: an answer read
 * from rollups that miss rows is fast and wrong, and no figure at all.
 */
async function checkFigures(base: string, key: string, expected: Expected): Promise<void> {
  for (const e of expected.ranges) {
    const { body } = await timed(`${base}/api/v1/analytics/overview?from=${e.from}&to=${e.to}`, key);
    const kpis = (body as { data: { kpis: { conversations: { value: number }; messages: { value: number } } } }).data.kpis;
    if (kpis.conversations.value !== e.conversations || kpis.messages.value !== e.messages) {
      throw new Error(
        `the overview of the last ${e.days} days says ${kpis.conversations.value} conversations and ${kpis.messages.value} messages; ` +
          `the seeded rows hold ${e.conversations} and ${e.messages}. The rollups disagree with the raw rows: run again with --reseed.`,
      );
    }
    console.log(`Checked: the overview of the last ${e.days} days counts the ${e.conversations.toLocaleString("en-US")} seeded conversations and their ${e.messages.toLocaleString("en-US")} messages.`);
  }
  const { week } = expected;
  const { body } = await timed(`${base}/api/v1/analytics/insights?from=${week.from}&to=${week.to}`, key);
  const bySegment = (body as { data: { sentimentBySegment: Record<"device" | "plan", { value: string | null; averageSentiment: number | null; conversations: number }[]> } }).data
    .sentimentBySegment;
  for (const segment of ["device", "plan"] as const) {
    const said = new Map(bySegment[segment].map((r) => [r.value?.toLowerCase() ?? null, r]));
    for (const plain of week.segments[segment]) {
      const row = said.get(plain.value);
      // insights rounds an average to three decimals
      if (!row || row.conversations !== plain.conversations || Math.abs((row.averageSentiment ?? NaN) - plain.average) > 0.0005) {
        throw new Error(
          `insights over the last 7 days says ${segment} ${plain.value} has ${row ? `${row.conversations} scored conversations averaging ${row.averageSentiment}` : "no row"}; ` +
            `the seeded rows hold ${plain.conversations} averaging ${plain.average.toFixed(4)}.`,
        );
      }
    }
    if (said.size !== week.segments[segment].length) throw new Error(`insights over the last 7 days gives ${said.size} ${segment} segments; the seeded rows have ${week.segments[segment].length}.`);
  }
  console.log("Checked: insights' sentiment by device and by plan over the last 7 days equals the seeded rows' (counts, and averages to three decimals).");
}

const timedOut = (error: unknown) => error instanceof Error && error.name === "TimeoutError";

/** An endpoint's figures; one request over the client's 30 s ends that endpoint's run (figures NaN, said in the note). */
async function measure(o: Options, base: string, endpoint: Endpoint, key: string, run: number): Promise<Figures> {
  const url = `${base}${endpoint.path}`;
  let last: unknown;
  const times: number[] = [];
  try {
    for (let i = 0; i < o.warmup; i++) last = (await timed(url, key)).body;
    for (let i = 0; i < o.requests; i++) {
      const { ms, body } = await timed(url, key);
      times.push(ms);
      last = body;
    }
  } catch (error) {
    if (!timedOut(error)) throw error;
    return { endpoint: endpoint.name, run, p50: NaN, p95: NaN, mean: NaN, max: NaN, requests: times.length, note: "a request took over 30 s: timed out" };
  }
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    endpoint: endpoint.name,
    run,
    p50: r(percentile(times, 50)),
    p95: r(percentile(times, 95)),
    mean: r(times.reduce((s, x) => s + x, 0) / times.length),
    max: r(times[times.length - 1]!),
    requests: times.length,
    note: describe(last),
  };
}

function endpoints(o: Options, now: number): Endpoint[] {
  const list: Endpoint[] = [
    { name: "(a) overview, default range (7 days)", path: "/api/v1/analytics/overview" },
    { name: "(a) overview, last 90 days", path: `/api/v1/analytics/overview?from=${now - 90 * DAY}` },
    { name: "(b) conversations, plan+country, sort sentiment", path: "/api/v1/analytics/conversations?plan=enterprise&country=US&sort=sentiment&order=asc" },
    { name: "(c) users, sort last activity", path: "/api/v1/analytics/users" },
  ];
  if (o.all) {
    list.push(
      { name: "sentiment by day, 30 days", path: `/api/v1/analytics/sentiment?from=${now - 30 * DAY}` },
      { name: "organizations, sort last activity", path: "/api/v1/analytics/organizations" },
      { name: "insights, default range", path: "/api/v1/analytics/insights" },
      { name: "assistant, default range", path: "/api/v1/analytics/assistant" },
      { name: "report data, 14 widgets, 7 days", path: `/api/v1/reports/${REPORT}/data` },
      { name: "report data, 14 widgets, 90 days", path: `/api/v1/reports/${REPORT}/data?days=90` },
      { name: "report data, 14 widgets on plan=enterprise, 7 days", path: `/api/v1/reports/${FILTERED_REPORT}/data` },
      { name: "report data, 14 widgets on plan=enterprise, 90 days", path: `/api/v1/reports/${FILTERED_REPORT}/data?days=90` },
      { name: "report data, 14 widgets on plan=enterprise and country=US, 7 days", path: `/api/v1/reports/${TWO_FILTER_REPORT}/data` },
      { name: "report data, 14 widgets on plan=enterprise and country=US, 90 days", path: `/api/v1/reports/${TWO_FILTER_REPORT}/data?days=90` },
    );
  }
  return list;
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const base = `http://127.0.0.1:${o.port}`;
  const deadline = setTimeout(() => {
    console.error(`timed out after ${o.timeoutSec} s; stopping`);
    stopAll();
    setTimeout(() => {
      stopAll("SIGKILL");
      process.exit(1);
    }, 5_000);
  }, o.timeoutSec * 1000);
  const onSignal = () => {
    stopAll();
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let product: ChildProcess | undefined;
  try {
    await seed(o);
    const now = Date.now();
    const list = endpoints(o, now);
    const keys = await freshKeys(o, list.length * o.runs + 1);
    const expected = await expectedFigures(o, now);
    if (o.all) await saveReport(o);
    const admin = o.all ? await adminKey(o) : undefined;
    const indexes = await query<{ name: string }>(o, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    product = await startProduct(o, base);
    await checkFigures(base, keys.at(-1)!, expected);
    console.log(`Product on ${base}; ${o.warmup} warm-up + ${o.requests} timed requests per endpoint and run, ${o.runs} run(s).`);
    const registration = admin ? await registerCombination(base, admin) : undefined;
    if (registration !== undefined) console.log(`Saving the report on plan=enterprise and country=US registered that combination and back-filled its rollups in ${(registration / 1000).toFixed(1)} s.`);
    const results: Figures[] = [];
    for (let run = 1; run <= o.runs; run++) {
      for (const [i, endpoint] of list.entries()) {
        const figures = await measure(o, base, endpoint, keys[(run - 1) * list.length + i]!, run);
        results.push(figures);
        console.log(
          `run ${run}  ${figures.endpoint.padEnd(50)} p50 ${figures.p50.toFixed(1).padStart(7)} ms  p95 ${figures.p95.toFixed(1).padStart(7)} ms  mean ${figures.mean.toFixed(1).padStart(7)} ms  max ${figures.max.toFixed(1).padStart(7)} ms  ${Number.isNaN(figures.p95) ? "timed out" : figures.p95 < 100 ? "p95<100ms" : "p95≥100ms"}  (${figures.note})`,
        );
      }
    }
    console.log(`Indexes present: ${indexes.map((i) => i.name).join(", ")}`);
    if (o.json) console.log(JSON.stringify({ conversations: o.conversations, runs: o.runs, requests: o.requests, registrationMs: registration, results }));
  } finally {
    clearTimeout(deadline);
    if (product) await stopAndWait(product);
    stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll();
  process.exitCode = 1;
});
