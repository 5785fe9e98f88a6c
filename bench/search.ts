/**
 * Search benchmark: latency of full-text search (`GET /api/v1/search`) over 1,000,000 messages.
 *
 *   npx tsx bench/search.ts [--messages N] [--requests N] [--warmup N] [--runs N]
 *                           [--port P] [--state DIR] [--reseed] [--timeout S] [--json]
 *
 * 1. Seeds a LOCAL D1 database of its own (default `.wrangler/bench-search`, never the one `npm start` uses):
 *    migrations first, then one organization with two chatbots — the measured one holds 90 % of the messages,
 *    the other 10 % (so the chatbot scope filters real rows) — and `--messages` messages (default 1,000,000)
 *    in conversations of 20 alternating user/assistant turns, written into `search_messages` (its triggers
 *    fill the FTS5 index, as the product's flush does). Texts are 6–30 words drawn from a 5,000-word
 *    vocabulary with a Zipf distribution (a few words everywhere, most rare), plus a fixed support phrase in
 *    some messages. Deterministic (fixed PRNG seed). Generated SQL files run by `wrangler d1 execute --local
 *    --file`. Kept between runs: re-seeded only with `--reseed` or when the message count differs.
 * 2. Starts the product with `wrangler dev --local` on 127.0.0.1:`--port` (default 8792) over that state.
 * 3. Per query: `--warmup` requests (default 3) not timed, then `--requests` (default 20), one after another,
 *    each timed from send to the last byte; p50/p95 per query and run, then the median of the runs' figures.
 *
 * Queries: a word in no message (the floor every request pays), a rare word, a mid-frequency word, a
 * common word (in about two messages in five), two words, a phrase, a prefix, a common word with role and
 * date filters, and a common word with a sentiment filter nothing passes (the seeded messages are not
 * analysed: the filter's worst case, which looks at the newest FILTER_REACH matches); semantic search is
 * off locally. Only 127.0.0.1 is used. Run it from
 * a snapshot (`git archive`); local tracing is off unless X_LOCAL_OBSERVABILITY=true.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "../worker/services/crypto";
import { displayPrefix, generateSecret } from "../worker/services/keys";
import { children, d1, Inserts, prng, q, query, sleep, stopAll, stopAndWait, wrangler, wranglerEnv } from "./local-wrangler";

interface Options {
  messages: number;
  requests: number;
  warmup: number;
  runs: number;
  port: number;
  state: string;
  reseed: boolean;
  timeoutSec: number;
  json: boolean;
}

const ORG = "org_bench_search";
const CHATBOT = "cb_bench_search";
const OTHER = "cb_bench_search_other";
const DAY = 86_400_000;
const TURNS = 20;
const VOCABULARY = 5_000;
/** Messages per generated SQL file (one `wrangler d1 execute` each). */
const CHUNK = 50_000;
const PHRASE = "cannot find the export button";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function options(argv: string[]): Options {
  const o: Options = { messages: 1_000_000, requests: 20, warmup: 3, runs: 3, port: 8792, state: ".wrangler/bench-search", reseed: false, timeoutSec: 5400, json: false };
  const usage = "usage: npx tsx bench/search.ts [--messages N] [--requests N] [--warmup N] [--runs N] [--port P] [--state DIR] [--reseed] [--timeout S] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const num = (min: number, max: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min || n > max) fail(`${flag} needs a whole number from ${min} to ${max}`);
      return n;
    };
    if (flag === "--messages") o.messages = num(1_000, 5_000_000);
    else if (flag === "--requests") o.requests = num(1, 250);
    else if (flag === "--warmup") o.warmup = num(0, 50);
    else if (flag === "--runs") o.runs = num(1, 10);
    else if (flag === "--port") o.port = num(1024, 65535);
    else if (flag === "--timeout") o.timeoutSec = num(10, 14_400);
    else if (flag === "--state") o.state = argv[++i] ?? fail(usage);
    else if (flag === "--reseed") o.reseed = true;
    else if (flag === "--json") o.json = true;
    else fail(usage);
  }
  return o;
}

// ---- seeding -----------------------------------------------------------------------------------

/** Pronounceable made-up words, so the vocabulary has no accidental stems in common with the queries. */
function vocabulary(rand: () => number): string[] {
  const consonants = "bcdfghjklmnprstvz";
  const vowels = "aeiou";
  const words = new Set<string>(["export", "button", "invoice", "refund", "password", "login", "account", "cancel", "subscription", "billing"]);
  while (words.size < VOCABULARY) {
    let w = "";
    const syllables = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < syllables; i++) w += consonants[Math.floor(rand() * consonants.length)]! + vowels[Math.floor(rand() * vowels.length)]!;
    words.add(w);
  }
  return [...words];
}

/** Zipf (s = 1) over the vocabulary: word k is drawn with weight 1/k. */
function zipf(rand: () => number, words: string[]): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= words.length; k++) cumulative.push((total += 1 / k));
  return () => {
    const r = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

/** The query words picked by rank in the vocabulary (1 = most frequent), so what they match is known. */
function queryWords(words: string[]) {
  return { common: words[3]!, mid: words[120]!, rare: words[3_000]!, pair: [words[40]!, words[200]!] as const, prefix: words[60]!.slice(0, 4) };
}

function generate(o: Options, now: number): string[] {
  const rand = prng(7);
  const words = vocabulary(rand);
  const draw = zipf(rand, words);
  const dir = join(o.state, "seed");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const at = now - 100 * DAY;
  files.push(join(dir, "000-tenant.sql"));
  writeFileSync(
    files[0]!,
    [
      `INSERT INTO organizations (id, name, created_at) VALUES (${q(ORG)}, 'Bench search', ${at});`,
      `INSERT INTO chatbots (id, organization_id, name, status, idle_timeout_minutes, created_at, activated_at) VALUES (${q(CHATBOT)}, ${q(ORG)}, 'Bench bot', 'active', 30, ${at}, ${at});`,
      `INSERT INTO chatbots (id, organization_id, name, status, idle_timeout_minutes, created_at, activated_at) VALUES (${q(OTHER)}, ${q(ORG)}, 'Other bot', 'active', 30, ${at}, ${at});`,
    ].join("\n") + "\n",
  );
  const conversations = Math.ceil(o.messages / TURNS);
  let written = 0;
  for (let part = 1; written < o.messages; part++) {
    const convs = new Inserts(
      "INSERT INTO conversations (id, organization_id, chatbot_id, external_id, status, created_at, first_message_at, last_message_at, message_count, user_message_count, flags, behaviours, index_version)",
    );
    const msgs = new Inserts("INSERT INTO search_messages (organization_id, chatbot_id, conversation_id, seq, message_id, role, content, at)");
    const stop = Math.min(o.messages, written + CHUNK);
    while (written < stop) {
      const n = Math.floor(written / TURNS);
      const chatbot = n % 10 === 9 ? OTHER : CHATBOT;
      const id = `conv_s${n}`;
      const created = Math.floor(now - (1 - n / conversations) * 90 * DAY);
      const count = Math.min(TURNS, o.messages - n * TURNS);
      convs.add([id, ORG, chatbot, `bench-${n}`, "ended", created, created, created + count * 30_000, count, Math.ceil(count / 2), "[]", "[]", 1]);
      for (let seq = 1; seq <= count; seq++, written++) {
        const length = 6 + Math.floor(rand() * 25);
        const text = Array.from({ length }, draw);
        if (rand() < 0.002) text.splice(Math.floor(rand() * text.length), 0, ...PHRASE.split(" "));
        msgs.add([ORG, chatbot, id, seq, `m${seq}`, seq % 2 ? "user" : "assistant", text.join(" "), created + seq * 30_000]);
      }
    }
    const file = join(dir, `${String(part).padStart(3, "0")}-messages.sql`);
    writeFileSync(file, [...convs.take(), ...msgs.take()].join("\n") + "\n");
    files.push(file);
  }
  return files;
}

async function seed(o: Options): Promise<void> {
  if (existsSync(o.state) && !o.reseed) {
    await wrangler([...d1(o, "migrations", "apply", "DB")], 900_000);
    const count = await query<{ n: number }>(o, "SELECT count(*) AS n FROM search_messages").catch(() => []);
    if (count[0]?.n === o.messages) {
      console.log(`Reusing the seeded messages in ${o.state} (${o.messages.toLocaleString("en-US")}; --reseed to rebuild).`);
      return;
    }
  }
  rmSync(o.state, { recursive: true, force: true });
  console.log(`Applying migrations to ${o.state}…`);
  await wrangler([...d1(o, "migrations", "apply", "DB")], 300_000);
  const started = Date.now();
  const files = generate(o, started);
  console.log(`Seeding ${o.messages.toLocaleString("en-US")} messages in ${files.length} files…`);
  for (const [i, file] of files.entries()) {
    const t = Date.now();
    await wrangler([...d1(o, "execute", "DB"), "--file", file, "--yes"], 1_800_000);
    console.log(`  ${i + 1}/${files.length} ${file} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** One fresh read key per query and run: the read limit is 300 requests a minute per key. */
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
    { env: wranglerEnv({ CLOUDFLARE_CF_FETCH_ENABLED: "false" }), detached: true, stdio: ["ignore", "pipe", "pipe"] },
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

interface Search {
  name: string;
  query: Record<string, string>;
}

interface Figures {
  search: string;
  run: number;
  p50: number;
  p95: number;
  max: number;
  hits: number;
  hasMore: boolean;
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

async function measure(o: Options, base: string, search: Search, key: string, run: number): Promise<Figures> {
  const url = `${base}/api/v1/search?${new URLSearchParams(search.query)}`;
  for (let i = 0; i < o.warmup; i++) await timed(url, key);
  const times: number[] = [];
  let last: { data: unknown[]; pagination: { hasMore: boolean } } | undefined;
  for (let i = 0; i < o.requests; i++) {
    const { ms, body } = await timed(url, key);
    times.push(ms);
    last = body as typeof last;
  }
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { search: search.name, run, p50: r(percentile(times, 50)), p95: r(percentile(times, 95)), max: r(times[times.length - 1]!), hits: last?.data.length ?? 0, hasMore: last?.pagination.hasMore ?? false };
}

function searches(now: number): Search[] {
  const w = queryWords(vocabulary(prng(7)));
  return [
    // Every request's fixed cost (key lookup, rate limit, one FTS5 lookup that finds nothing): the floor under the rest.
    { name: "word in no message", query: { q: "qqqzzzx" } },
    { name: `rare word (${w.rare})`, query: { q: w.rare } },
    { name: `mid-frequency word (${w.mid})`, query: { q: w.mid } },
    { name: `common word (${w.common})`, query: { q: w.common } },
    { name: `two words (${w.pair.join(" ")})`, query: { q: w.pair.join(" ") } },
    { name: "phrase", query: { q: `"${PHRASE}"` } },
    { name: `prefix (${w.prefix}*)`, query: { q: `${w.prefix}*` } },
    { name: `common word, user messages, last 30 days`, query: { q: w.common, role: "user", from: String(now - 30 * DAY) } },
    // No message has a sentiment here (nothing is analysed): the filter passes nothing, the worst case.
    { name: `common word, negative sentiment (none)`, query: { q: w.common, sentiment: "negative" } },
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

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
    const list = searches(Date.now());
    const keys = await freshKeys(o, list.length * o.runs);
    product = await startProduct(o, base);
    console.log(`Product on ${base}; ${o.warmup} warm-up + ${o.requests} timed requests per query and run, ${o.runs} run(s).`);
    const results: Figures[] = [];
    for (let run = 1; run <= o.runs; run++) {
      for (const [i, search] of list.entries()) {
        const f = await measure(o, base, search, keys[(run - 1) * list.length + i]!, run);
        results.push(f);
        console.log(`run ${run}  ${f.search.padEnd(48)} p50 ${f.p50.toFixed(1).padStart(7)} ms  p95 ${f.p95.toFixed(1).padStart(7)} ms  max ${f.max.toFixed(1).padStart(7)} ms  (${f.hits} hits${f.hasMore ? ", more" : ""})`);
      }
    }
    console.log(`\nMedians of ${o.runs} run(s) over ${o.messages.toLocaleString("en-US")} messages:`);
    for (const search of list) {
      const mine = results.filter((r) => r.search === search.name);
      const p50 = median(mine.map((r) => r.p50));
      const p95 = median(mine.map((r) => r.p95));
      console.log(`  ${search.name.padEnd(48)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ${p95 < 150 ? "p95<150ms" : "p95≥150ms"}`);
    }
    if (o.json) console.log(JSON.stringify({ messages: o.messages, runs: o.runs, requests: o.requests, results }));
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
