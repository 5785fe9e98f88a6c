/**
 * Scale benchmark: what one message costs the shared parts of a deployment, counted rather than timed.
 *
 *   npm run bench:scale [-- --conversations 200] [--interval 5] [--duration 60] [--viewers 1]
 *                       [--port 8795] [--state DIR] [--timeout 1800] [--json]
 *
 * Drives `--conversations` live conversations through the SDK (`openbat`, one socket each) at chat pacing,
 * one message per `--interval` seconds each (user and assistant in turn, starts spread over the interval),
 * for `--duration` seconds, twice: first while nobody watches the chatbot, then with `--viewers` dashboard
 * viewers on its live feed. Then counts, per 1,000 acknowledged messages of each phase, from wrangler's
 * local trace store (every span the product made: .../v3/observability/…/*.sqlite, table `spans`):
 *
 *   - D1 write transactions (a `batch()` is one, so is a lone write) and the statements in them, D1 reads;
 *   - Queue sends (and the messages in them);
 *   - RPCs into Durable Objects, by class and method; those into shared objects (any class but the
 *     per-conversation one), of which those into the chatbot's own feed objects (ChatbotLive) and their
 *     busiest shard's part, and the most calls any one shared object received;
 *   - alarms run, `setAlarm` calls and SQL statements inside Durable Objects.
 *
 * The product runs from this checkout with local tracing ON (it must, to be counted; everything runs
 * slower, which does not change what is counted), on a fresh state of its own (default
 * `.wrangler/bench-scale`, wiped at the start) with the demo tenant. Spans are attributed to a phase by
 * their start time, from the phase's first message to a settle time after its last (index flushes and
 * queue batches land then). docs/capacity.md turns these counts into messages per second.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import ts from "typescript";
import { seedDemoTenant } from "../scripts/seed";
import { wrangler } from "../scripts/wrangler";
import { freePort, stopServer } from "./local-wrangler";
import { FEED_SHARDS, feedShardOf } from "../durable-objects/feed-shards";
import { OpenBat } from "../sdk/src/index";
import type { Conversation } from "../sdk/src/conversation";

interface Options {
  conversations: number;
  intervalSec: number;
  durationSec: number;
  viewers: number;
  port: number;
  state: string;
  timeoutSec: number;
  json: boolean;
}

const LIMITS = {
  conversations: [1, 5_000],
  interval: [1, 600],
  duration: [5, 3_600],
  viewers: [1, 50],
  port: [1024, 65_535],
  timeout: [60, 7_200],
} as const;

function options(): Options {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`usage: npm run bench:scale -- [${Object.keys(LIMITS).map((k) => `--${k} N`).join("] [")}] [--state DIR] [--json] (bench/README.md, "Scale benchmark")`);
    process.exit(0);
  }
  const known = new Set(["--json", ...Object.keys(LIMITS).map((k) => `--${k}`), "--state"]);
  for (const arg of args) if (arg.startsWith("--") && !known.has(arg)) fail(`unknown option ${arg}; usage: see the comment at the top of bench/scale.ts`);
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: keyof typeof LIMITS, def: number) => {
    const raw = value(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    const [min, max] = LIMITS[name];
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name}: expected an integer from ${min} to ${max}, got ${raw}`);
    return n;
  };
  return {
    conversations: num("conversations", 200),
    intervalSec: num("interval", 5),
    durationSec: num("duration", 60),
    viewers: num("viewers", 1),
    port: num("port", 8795),
    timeoutSec: num("timeout", 1800),
    state: value("state") ?? ".wrangler/bench-scale",
    json: args.includes("--json"),
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const repo = path.resolve(import.meta.dirname, "..");
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/**
 * After a phase's last message the work it caused (index flushes, queue batches, alarms) goes on for a
 * while, longer on a busy machine: a phase ends once the trace store has recorded nothing new for
 * QUIET_MS (at most SETTLE_MAX_MS after its last message).
 */
const QUIET_MS = 4_000;
const SETTLE_MAX_MS = 90_000;
/** Socket opens per ingest key per minute stay under the product's CAPTURE_LIMITER (600/min, wrangler.toml). */
const OPENS_PER_KEY = 500;

// ---- the product ------------------------------------------------------------------------------

async function startProduct(o: Options): Promise<{ server: ChildProcess; url: string }> {
  const url = `http://127.0.0.1:${o.port}`;
  // Another server on the port would answer the health check and take the traffic this run counts.
  if (await fetch(`${url}/health`).then(() => true, () => false)) throw new Error(`something already answers on ${url}: stop it or pass --port`);
  const vars = { CONVERSATION_TOKEN_SECRET: randomBytes(32).toString("hex"), SECRETS_KEY: randomBytes(32).toString("hex") };
  const server = spawn(
    "npx",
    ["wrangler", "dev", "--local", "--ip", "127.0.0.1", "--port", String(o.port), "--inspector-port", String(await freePort()), "--persist-to", o.state, "--show-interactive-dev-session=false", ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])],
    // Tracing on: the trace store is the instrument. Metrics off: nothing leaves this machine.
    { cwd: repo, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, X_LOCAL_OBSERVABILITY: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
  );
  const log = createWriteStream(path.join(o.state, "server.log"));
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with code ${server.exitCode} (its output: ${o.state}/server.log)`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { server, url };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`no answer on ${url}/health within 120 s`);
}

/** One ingest key per OPENS_PER_KEY conversations: the demo's, then more made with the admin key. */
async function ingestKeys(url: string, demo: { ingestKey: string; adminKey: string }, conversations: number): Promise<string[]> {
  const keys = [demo.ingestKey];
  while (keys.length * OPENS_PER_KEY < conversations) {
    const res = await fetch(`${url}/api/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${demo.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "ingest", name: `bench:scale ${keys.length}` }),
    });
    if (res.status !== 201) throw new Error(`creating an ingest key failed: ${res.status} ${await res.text()}`);
    keys.push(((await res.json()) as { data: { secret: string } }).data.secret);
  }
  return keys;
}

// ---- the traffic ------------------------------------------------------------------------------

const LINES = [
  "I want to cancel my subscription, the export keeps failing.",
  "Sorry to hear that. Which export are you running?",
  "The CSV one, it has been broken for two days and my team is blocked.",
  "Thanks for the detail. A fix is rolling out today; I can extend your trial meanwhile.",
  "That would help, thank you.",
  "Done: your trial now ends next month. Anything else?",
];

interface Phase {
  name: string;
  startMs: number;
  endMs: number;
  /** When the work the phase caused had died down: its spans are those that start before this. */
  settledMs: number;
  sent: number;
  acked: number;
  failed: number;
  /** Acknowledged messages by conversation (the index in the list driven). */
  ackedBy: number[];
}

/**
 * Each conversation sends one message per interval, its first at a random point of the first interval,
 * so the load is steady; sends are not awaited before the next tick (a slow ack must not slow the pace).
 */
async function drive(name: string, conversations: Conversation[], o: Options): Promise<Phase> {
  const phase: Phase = { name, startMs: Date.now(), endMs: 0, settledMs: 0, sent: 0, acked: 0, failed: 0, ackedBy: conversations.map(() => 0) };
  const stopAt = phase.startMs + o.durationSec * 1000;
  const pending: Promise<void>[] = [];
  await Promise.all(
    conversations.map(async (conversation, i) => {
      await sleep(Math.random() * o.intervalSec * 1000);
      for (let turn = 0; Date.now() < stopAt; turn++) {
        const line = LINES[(i + turn) % LINES.length]!;
        phase.sent++;
        pending.push(
          conversation.send({ role: turn % 2 ? "assistant" : "user", content: `${line} (${name} ${turn})` }).then(
            () => {
              phase.acked++;
              phase.ackedBy[i]!++;
            },
            () => void phase.failed++,
          ),
        );
        await sleep(o.intervalSec * 1000);
      }
    }),
  );
  await Promise.all(pending);
  phase.endMs = Date.now();
  return phase;
}

/** Waits until the trace store has recorded no span for QUIET_MS; returns that moment. */
async function settle(state: string, phase: Phase): Promise<void> {
  const deadline = phase.endMs + SETTLE_MAX_MS;
  for (;;) {
    await sleep(1_000);
    const db = traceStore(state);
    const last = Number((db.prepare("SELECT max(start_ms) AS last FROM spans").get() as { last: number | null }).last ?? 0);
    db.close();
    const now = Date.now();
    if (now - last >= QUIET_MS || now >= deadline) {
      phase.settledMs = now;
      return;
    }
  }
}

/** A dashboard viewer on the chatbot's live feed (read key), counting the events it receives. */
function openViewer(url: string, readKey: string): Promise<{ events: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    let events = 0;
    // Node's WebSocket (undici) takes headers as its one extension to the browser API: the key goes there.
    const NodeWebSocket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
    const ws = new NodeWebSocket(`${url.replace(/^http/, "ws")}/api/v1/live-feed`, { headers: { authorization: `Bearer ${readKey}` } });
    ws.addEventListener("error", () => reject(new Error("the live feed viewer could not connect")));
    ws.addEventListener("message", (ev) => {
      const frame = JSON.parse(String(ev.data)) as { type?: string; events?: unknown[] };
      if (frame.type === "hello") resolve({ events: () => events, close: () => ws.close(1000) });
      events += frame.events?.length ?? 0;
    });
  });
}

// ---- counting ---------------------------------------------------------------------------------

/** Durable Object classes (exported classes extending DurableObject) and their methods, from the source. */
function objectClasses(): Map<string, string> {
  const methodToClass = new Map<string, string>();
  const dir = path.join(repo, "durable-objects");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = ts.createSourceFile(file, readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsDo = node.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(source) === "DurableObject"));
      if (!extendsDo) return;
      for (const member of node.members) {
        const isPrivate = ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
        if (ts.isMethodDeclaration(member) && member.name && !isPrivate && !ts.isPrivateIdentifier(member.name)) methodToClass.set(member.name.getText(source), node.name.text);
      }
    });
  }
  return methodToClass;
}

function traceStore(state: string): DatabaseSync {
  const dir = path.join(state, "v3/observability/miniflare-wobs-trace-store");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : undefined;
  if (!file) throw new Error(`no trace store under ${dir}: was local tracing on?`);
  return new DatabaseSync(path.join(dir, file), { readOnly: true });
}

interface Counts {
  messages: number;
  d1WriteTransactions: number;
  d1WriteStatements: number;
  /** Wall time of the write spans (the caller's view: queueing and transfer included), ms. */
  d1WriteWallMs: number;
  /** SQL time D1 reported for them, ms, over the spans that report it (`sqlReported` of them). */
  d1WriteSqlMs: number;
  sqlReported: number;
  d1Reads: number;
  queueSends: number;
  queueMessages: number;
  rpcsByMethod: Record<string, number>;
  sharedObjectRpcs: number;
  /** Of those, the calls into a chatbot's own objects (its live feed's shards). */
  chatbotObjectRpcs: number;
  /** Their busiest shard's part, from the share of the messages its conversations sent (busiestFeedShare). */
  busiestFeedShard: number;
  maxIntoOneSharedObject: { calls: number; ofNamed: number; unnamed: number };
  alarms: number;
  setAlarms: number;
  objectSql: number;
}

const attr = (key: string) => `json_extract(attributes, '$."${key}"')`;

/**
 * The largest share of a phase's messages that one feed shard's conversations sent (feedShardOf their ids, which
 * the SDK learns from `welcome`): each conversation publishes to its shard, and the index queue tells the
 * shard of a batch's first conversation, so that share of the calls into the feed is the busiest shard's.
 */
function busiestFeedShare(phase: Phase, conversations: readonly Conversation[]): number {
  const perShard = new Array<number>(FEED_SHARDS).fill(0);
  conversations.forEach((c, i) => {
    if (c.serverId !== undefined) perShard[feedShardOf(c.serverId)]! += phase.ackedBy[i]!;
  });
  return phase.acked ? Math.max(...perShard) / phase.acked : 0;
}

function count(db: DatabaseSync, phase: Phase, methodToClass: Map<string, string>, perConversationClass: string, perChatbotClass: string, feedShare: number): Counts {
  const window = [phase.startMs, phase.settledMs] as const;
  const one = (sql: string) => Number((db.prepare(sql).get(...window) as { n: number | null }).n ?? 0);
  const inWindow = "start_ms >= ? AND start_ms < ?";

  const rpcRows = db.prepare(`SELECT ${attr("jsrpc.method")} AS method, count(*) AS n FROM spans WHERE name = 'jsrpc' AND ${inWindow} GROUP BY 1`).all(...window) as { method: string; n: number }[];
  const rpcsByMethod: Record<string, number> = {};
  let sharedObjectRpcs = 0;
  let chatbotObjectRpcs = 0;
  for (const { method, n } of rpcRows) {
    const cls = methodToClass.get(method) ?? "?";
    rpcsByMethod[`${cls}.${method}`] = n;
    if (cls !== perConversationClass) sharedObjectRpcs += n;
    if (cls === perChatbotClass) chatbotObjectRpcs += n;
  }

  // The caller's subrequest span names its target object, though not always (workerd leaves it out on
  // some calls): the busiest shared object is counted over the calls that name theirs.
  const targets = db
    .prepare(
      `SELECT json_extract(s.attributes, '$.objectId') AS object, ${attr("jsrpc.method").replace("attributes", "c.attributes")} AS method
       FROM spans s
       JOIN spans ses ON ses.trace_id = s.trace_id AND ses.parent_id = s.span_id AND ses.name = 'jsRpcSession'
       JOIN spans c ON c.trace_id = ses.trace_id AND c.parent_id = ses.span_id AND c.name = 'jsRpcCall'
       WHERE s.name = 'durable_object_subrequest' AND s.start_ms >= ? AND s.start_ms < ?`,
    )
    .all(...window) as { object: string | null; method: string }[];
  const perObject = new Map<string, number>();
  let unnamed = 0;
  let named = 0;
  for (const { object, method } of targets) {
    if ((methodToClass.get(method) ?? "?") === perConversationClass) continue;
    if (object === null) unnamed++;
    else {
      named++;
      perObject.set(object, (perObject.get(object) ?? 0) + 1);
    }
  }

  return {
    messages: phase.acked,
    d1WriteTransactions: one(`SELECT count(*) AS n FROM spans WHERE kind = 'd1' AND ${attr("cloudflare.d1.response.changed_db")} = 1 AND ${inWindow}`),
    d1WriteStatements: one(`SELECT sum(coalesce(${attr("db.operation.batch.size")}, 1)) AS n FROM spans WHERE kind = 'd1' AND ${attr("cloudflare.d1.response.changed_db")} = 1 AND ${inWindow}`),
    d1WriteWallMs: one(`SELECT sum(duration_ms) AS n FROM spans WHERE kind = 'd1' AND ${attr("cloudflare.d1.response.changed_db")} = 1 AND ${inWindow}`),
    d1WriteSqlMs: one(`SELECT sum(${attr("cloudflare.d1.response.sql_duration_ms")}) AS n FROM spans WHERE kind = 'd1' AND ${attr("cloudflare.d1.response.changed_db")} = 1 AND ${inWindow}`),
    sqlReported: one(`SELECT count(${attr("cloudflare.d1.response.sql_duration_ms")}) AS n FROM spans WHERE kind = 'd1' AND ${attr("cloudflare.d1.response.changed_db")} = 1 AND ${inWindow}`),
    d1Reads: one(`SELECT count(*) AS n FROM spans WHERE kind = 'd1' AND coalesce(${attr("cloudflare.d1.response.changed_db")}, 0) = 0 AND ${inWindow}`),
    queueSends: one(`SELECT count(*) AS n FROM spans WHERE name IN ('queue_send', 'queue_sendBatch') AND ${inWindow}`),
    queueMessages: one(`SELECT sum(coalesce(${attr("cloudflare.queue.batch_size")}, 1)) AS n FROM spans WHERE name IN ('queue_send', 'queue_sendBatch') AND ${inWindow}`),
    rpcsByMethod,
    sharedObjectRpcs,
    chatbotObjectRpcs,
    busiestFeedShard: Math.round(chatbotObjectRpcs * feedShare),
    // The busiest object's share of the calls that name their target, applied to all calls into shared objects.
    maxIntoOneSharedObject: { calls: named ? Math.round((Math.max(...perObject.values()) / named) * sharedObjectRpcs) : 0, ofNamed: named, unnamed },
    alarms: one(`SELECT count(*) AS n FROM spans WHERE name = 'alarm' AND ${inWindow}`),
    setAlarms: one(`SELECT count(*) AS n FROM spans WHERE name = 'durable_object_storage_setAlarm' AND ${inWindow}`),
    objectSql: one(`SELECT count(*) AS n FROM spans WHERE name = 'durable_object_storage_exec' AND ${inWindow}`),
  };
}

// ---- the report -------------------------------------------------------------------------------

const per1k = (n: number, messages: number) => (messages ? Math.round((n / messages) * 1000 * 10) / 10 : NaN);

function report(o: Options, phases: Phase[], counts: Counts[], viewerEvents: number): void {
  const rows: [string, (c: Counts) => string][] = [
    ["acknowledged messages (raw)", (c) => String(c.messages)],
    ["D1 write transactions", (c) => String(per1k(c.d1WriteTransactions, c.messages))],
    ["D1 statements in them", (c) => String(per1k(c.d1WriteStatements, c.messages))],
    ["  their wall time, ms", (c) => String(per1k(c.d1WriteWallMs, c.messages))],
    ["  their SQL time, ms ²", (c) => (c.sqlReported ? String(Math.round((c.d1WriteSqlMs / c.sqlReported) * c.d1WriteTransactions * (1000 / c.messages) * 10) / 10) : "n/a")],
    ["D1 reads", (c) => String(per1k(c.d1Reads, c.messages))],
    ["Queue sends (messages)", (c) => `${per1k(c.queueSends, c.messages)} (${per1k(c.queueMessages, c.messages)})`],
    ["RPCs into shared objects", (c) => String(per1k(c.sharedObjectRpcs, c.messages))],
    ["  of which into the chatbot's feed objects", (c) => String(per1k(c.chatbotObjectRpcs, c.messages))],
    ["    into its busiest feed shard ³", (c) => String(per1k(c.busiestFeedShard, c.messages))],
    ["  most into one shared object ¹", (c) => `${per1k(c.maxIntoOneSharedObject.calls, c.messages)}`],
    ["alarms run", (c) => String(per1k(c.alarms, c.messages))],
    ["setAlarm calls", (c) => String(per1k(c.setAlarms, c.messages))],
    ["SQL statements in objects", (c) => String(per1k(c.objectSql, c.messages))],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  console.log(`\nbench:scale — ${o.conversations} conversations × 1 message per ${o.intervalSec} s, ${o.durationSec} s per phase; per 1,000 messages\n`);
  console.log("".padEnd(width) + phases.map((p) => p.name.padStart(22)).join(""));
  for (const [label, cell] of rows) console.log(label.padEnd(width) + counts.map((c) => cell(c).padStart(22)).join(""));
  console.log("\nRPCs by class.method, per 1,000 messages:");
  const methods = [...new Set(counts.flatMap((c) => Object.keys(c.rpcsByMethod)))].sort();
  for (const m of methods) console.log("  " + m.padEnd(width - 2) + counts.map((c) => String(per1k(c.rpcsByMethod[m] ?? 0, c.messages)).padStart(22)).join(""));
  console.log(
    `\n¹ the busiest object's share of the calls whose trace names their target (workerd leaves the name out on some),\n  applied to all calls into shared objects: ${counts.map((c) => `${c.maxIntoOneSharedObject.ofNamed} named, ${c.maxIntoOneSharedObject.unnamed} unnamed`).join(" / ")}.`,
  );
  console.log(
    `² D1's own SQL time for the write transactions (the average over those that report it, ${counts.map((c) => `${c.sqlReported} of ${c.d1WriteTransactions}`).join(" / ")}, times all of them).`,
  );
  console.log("³ the calls into the feed times the largest share of the messages one shard's conversations sent (their ids hashed as the product does).");
  for (const p of phases) if (p.failed) console.log(`${p.name}: ${p.failed} of ${p.sent} sends failed`);
  console.log(`Events the viewers received in the watched phase: ${viewerEvents}.`);
  if (o.json) console.log(JSON.stringify({ options: o, phases, counts, viewerEvents }));
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = options();
  let server: ChildProcess | undefined;
  const timer = setTimeout(() => {
    console.error(`timed out after ${o.timeoutSec} s`);
    stopServer(server);
    process.exit(1);
  }, o.timeoutSec * 1000);
  process.on("SIGINT", () => {
    stopServer(server);
    process.exit(130);
  });

  // The Worker serves the dashboard's files: wrangler refuses to start without them.
  if (!existsSync(path.join(repo, "dashboard/dist/index.html")) && spawnSync(process.execPath, [path.join(repo, "scripts/build-dashboard.mjs")], { stdio: "inherit" }).status !== 0) {
    throw new Error("the dashboard build failed");
  }
  // A fresh state: the trace store then holds this run only.
  rmSync(o.state, { recursive: true, force: true });
  mkdirSync(o.state, { recursive: true });
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", o.state], { quiet: true });
  const demo = await seedDemoTenant(`http://127.0.0.1:${o.port}`, { persistTo: o.state, credentialsFile: path.join(o.state, "demo-credentials.json") });
  const started = await startProduct(o);
  server = started.server;
  const { url } = started;

  const conversations: Conversation[] = [];
  try {
    const keys = await ingestKeys(url, demo, o.conversations);
    const clients = keys.map((apiKey) => new OpenBat({ apiKey, baseUrl: url, logger: { warn: () => {}, error: (...a: unknown[]) => console.error(...a) } }));
    const run = randomBytes(3).toString("hex");
    for (let i = 0; i < o.conversations; i++) {
      const client = clients[Math.floor(i / OPENS_PER_KEY)]!;
      conversations.push(
        client.connect({
          conversationId: `scale-${run}-${i}`,
          user: { id: `scale-user-${i}`, plan: i % 3 ? "pro" : "free", mrr: i % 3 ? 99 : 0 },
          organization: { id: `scale-org-${i % 50}`, name: `Org ${i % 50}`, mrr: 1_000 + (i % 50) * 100 },
        }),
      );
    }

    console.log(`phase 1 of 2: ${o.conversations} conversations, nobody watching (${o.durationSec} s)…`);
    const unwatched = await drive("nobody watching", conversations, o);
    await settle(o.state, unwatched);

    const viewers = await Promise.all(Array.from({ length: o.viewers }, () => openViewer(url, demo.readKey)));
    await sleep(2_000);
    console.log(`phase 2 of 2: the same, ${o.viewers} viewer(s) on the live feed (${o.durationSec} s)…`);
    const watched = await drive(`${o.viewers} viewer(s)`, conversations, o);
    // The last events reach the viewers within a feed tick; then they leave, so the feed falls quiet too.
    await sleep(2_000);
    const viewerEvents = viewers.reduce((sum, v) => sum + v.events(), 0);
    for (const v of viewers) v.close();
    await settle(o.state, watched);

    const db = traceStore(o.state);
    const methodToClass = objectClasses();
    const phases = [unwatched, watched];
    report(o, phases, phases.map((p) => count(db, p, methodToClass, "Conversation", "ChatbotLive", busiestFeedShare(p, conversations))), viewerEvents);
  } finally {
    await Promise.all(conversations.map((c) => c.close(1_000).catch(() => {})));
    clearTimeout(timer);
    stopServer(server);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
