/**
 * Ingest benchmark: how fast the locally running product takes live messages, next to two baselines
 * measured in the same run on the same machine: the storing floor (a Durable Object that stores each
 * message in its SQLite and acks after the write) and a bare Durable Object that only acknowledges.
 *
 *   npm start                # in another terminal: the product on 127.0.0.1:8787
 *   npm run bench:ingest     # starts both baselines (bench/echo) on 127.0.0.1:8788 itself
 *
 * Options (flag or env): --messages / BENCH_MESSAGES (one conversation, default 1000: a server socket's frame burst),
 * --conversations / BENCH_CONVERSATIONS (default 100), --per-conversation / BENCH_PER_CONVERSATION
 * (default 100), --window / BENCH_WINDOW (unacknowledged messages in flight per socket, default 64),
 * --paced-messages / BENCH_PACED_MESSAGES (per socket in the latency run, default 200),
 * --timeout / BENCH_TIMEOUT (seconds for the whole run, default 300), --url / BENCH_URL (the
 * product, default http://127.0.0.1:8787), --content / BENCH_CONTENT (`sentence`, the default: every
 * message the same short question with its number; `support`: the user messages of bench/eval's support
 * sets in turn, every language and length there; `dialogue`: a user's question and the assistant's reply in
 * turn, from bench/eval's assistant sets, so half the messages are replies the analyzer reads for behaviours),
 * --json (also print the figures as one JSON line).
 * The ingest and read keys come from `npm run --silent demo:credentials` unless OPENBAT_INGEST_KEY (and
 * OPENBAT_READ_KEY, for the live-feed viewer) are set (needed when the product under test runs from
 * another checkout with its own demo tenant).
 *
 * Every ack is checked: exactly one per message, not marked duplicate, seqs consecutive per
 * conversation. Anything else is printed as an error line and makes the exit code 1.
 * See bench/README.md for what the figures mean and what they leave out.
 */
import { UNWATCHED_TTL_MS } from "../durable-objects/live-watch";

// The repo has no @types/node (the code targets workerd), so Node built-ins are reached through
// process.getBuiltinModule with the few signatures this script needs declared locally (as bench/eval.ts).
interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
  argv: string[];
  env: Record<string, string | undefined>;
  version: string;
  exitCode?: number;
  exit(code: number): never;
  on(event: "SIGINT" | "SIGTERM", listener: () => void): void;
  kill(pid: number, signal: string | number): void;
}
interface ChildProcess {
  pid?: number;
  exitCode: number | null;
  stdout: { on(event: "data", cb: (chunk: unknown) => void): void } | null;
  stderr: { on(event: "data", cb: (chunk: unknown) => void): void } | null;
  on(event: "exit", cb: (code: number | null) => void): void;
}
interface NodeChildProcess {
  spawn(cmd: string, args: string[], options: { cwd: string; env: Record<string, string | undefined>; detached: boolean; stdio: string[] }): ChildProcess;
  execFileSync(cmd: string, args: string[], options: { cwd: string; encoding: "utf8"; stdio: string[]; timeout: number }): string;
}
interface NodeOs {
  cpus(): unknown[];
}
interface NodeModule {
  createRequire(from: string): (id: string) => unknown;
}
interface NodeUrl {
  fileURLToPath(url: string | URL): string;
}

/** The part of the WebSocket API both `ws` and undici implement, as used here. */
interface Socket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: "message", cb: (ev: { data: unknown }) => void): void;
  addEventListener(type: "close", cb: (ev: { code: number; reason: string }) => void): void;
  addEventListener(type: "error", cb: (ev: { message?: string }) => void): void;
}
type SocketCtor = new (url: string, init: { headers: Record<string, string>; perMessageDeflate?: boolean }) => Socket;

const proc: NodeProcess = (globalThis as unknown as { process: NodeProcess }).process;
const builtin: (id: string) => unknown =
  proc.getBuiltinModule?.bind(proc) ??
  fail(`bench:ingest needs Node >= 22.3 (this is ${proc.version}); run it with \`npm run bench:ingest\`, which uses the repo's Node.`);
const childProcess = builtin("node:child_process") as NodeChildProcess;
const os = builtin("node:os") as NodeOs;
const requireCjs = (builtin("node:module") as NodeModule).createRequire(import.meta.url);
const REPO = (builtin("node:url") as NodeUrl).fileURLToPath(new URL("..", import.meta.url));

const ECHO_PORT = 8788;
const ECHO_URL = `http://127.0.0.1:${ECHO_PORT}`;
const PACED_SOCKETS = 10;
/** After the last ack, how long a socket keeps listening so a late duplicate ack is still seen. */
const LINGER_MS = 200;
/** A phase fails when no socket is welcomed or acked for this long. */
const STALL_MS = 30_000;
/** Waiting for the product's analysis stops when no annotation has arrived for this long. */
const ANALYSIS_STALL_MS = 15_000;
/** The product flushes its D1 index ~1 s after a write; after its analysis has caught up, let that flush run too. */
const SETTLE_MS = 2_000;
/** The product's CAPTURE_LIMITER allows 600 socket opens per key per minute (wrangler.toml). */
const PRODUCT_OPENS_PER_MINUTE = 600;

// ---- options -------------------------------------------------------------------------------

/** What the messages say: the one short question (comparable with every earlier figure) or real support messages. */
const CONTENTS = ["sentence", "support", "dialogue"] as const;
type Content = (typeof CONTENTS)[number];

interface Options {
  content: Content;
  messages: number;
  conversations: number;
  perConversation: number;
  window: number;
  pacedMessages: number;
  timeoutSec: number;
  url: string;
  json: boolean;
}

const NUMERIC = {
  messages: { flag: "--messages", def: 1_000, max: 1_000_000 },
  conversations: { flag: "--conversations", def: 100, max: 500 },
  perConversation: { flag: "--per-conversation", def: 100, max: 100_000 },
  window: { flag: "--window", def: 64, max: 10_000 },
  pacedMessages: { flag: "--paced-messages", def: 200, max: 100_000 },
  timeoutSec: { flag: "--timeout", def: 300, max: 3_600 },
} as const;

const KNOWN_FLAGS = new Set<string>([...Object.values(NUMERIC).map((n) => n.flag), "--url", "--content"]);

function fail(message: string): never {
  console.error(message);
  proc.exit(1);
}

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") fail("usage: npm run bench:ingest -- [--messages N] [--conversations N] [--per-conversation N] [--window N] [--paced-messages N] [--timeout S] [--url URL] [--content sentence|support|dialogue] [--json]");
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      // Named before its value is looked for: "--bogus" is an unknown option, not one missing a value.
      if (!KNOWN_FLAGS.has(flag)) fail(`unknown option ${flag} (try --help)`);
      if (eq > 0) flags.set(flag, arg.slice(eq + 1));
      else if (i + 1 < argv.length) flags.set(arg, argv[++i]!);
      else fail(`${arg}: missing value`);
    } else fail(`unexpected argument ${arg}`);
  }
  const envName = (flag: string) => "BENCH_" + flag.slice(2).toUpperCase().replace(/-/g, "_");
  const num = (key: keyof typeof NUMERIC): number => {
    const { flag, def, max } = NUMERIC[key];
    const raw = flags.get(flag) ?? proc.env[envName(flag)];
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) fail(`${flag}: expected an integer from 1 to ${max}, got ${raw}`);
    return n;
  };
  const url = (flags.get("--url") ?? proc.env.BENCH_URL ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
  const content = flags.get("--content") ?? proc.env.BENCH_CONTENT ?? "sentence";
  if (!(CONTENTS as readonly string[]).includes(content)) fail(`--content: expected one of ${CONTENTS.join(", ")}, got ${content}`);
  return {
    content: content as Content,
    messages: num("messages"),
    conversations: num("conversations"),
    perConversation: num("perConversation"),
    window: num("window"),
    pacedMessages: num("pacedMessages"),
    timeoutSec: num("timeoutSec"),
    url,
    json,
  };
}

/** A benchmark opens hundreds of sockets as fast as it can: never point it at anything but this machine. */
function assertLocal(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    fail(`--url: not a URL: ${url}`);
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) fail(`--url: only 127.0.0.1 or localhost targets are allowed, got ${host}`);
}

// ---- processes -----------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

interface Keys {
  ingest: string;
  /** For the live feed a dashboard viewer watches; absent, the viewer figure is left out. */
  read: string | null;
}

function keys(): Keys {
  if (proc.env.OPENBAT_INGEST_KEY) return { ingest: proc.env.OPENBAT_INGEST_KEY, read: proc.env.OPENBAT_READ_KEY ?? null };
  let out: string;
  try {
    out = childProcess.execFileSync("npm", ["run", "--silent", "demo:credentials"], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 30_000 });
  } catch {
    fail("could not read the demo credentials (npm run --silent demo:credentials); run `npm start` once, it seeds them");
  }
  const printed = JSON.parse(out) as { ingestKey?: unknown; readKey?: unknown };
  if (typeof printed.ingestKey !== "string") fail("demo:credentials printed no ingestKey");
  return { ingest: printed.ingestKey, read: typeof printed.readKey === "string" ? printed.readKey : null };
}

/** The baselines' Worker (bench/echo) under `wrangler dev`, in its own process group so it can be stopped whole. */
class EchoServer {
  private child: ChildProcess | null = null;
  private log: string[] = [];

  async start(deadline: number): Promise<void> {
    if (await answers(ECHO_URL)) fail(`something already answers on ${ECHO_URL}; stop it first (a leftover bench echo?)`);
    this.child = childProcess.spawn(
      "npx",
      ["wrangler", "dev", "--local", "--config", "bench/echo/wrangler.toml", "--port", String(ECHO_PORT), "--ip", "127.0.0.1",
        "--persist-to", ".wrangler/bench-echo", "--show-interactive-dev-session=false"],
      {
        cwd: REPO,
        // Local tracing off, as `npm start` has it (scripts/wrangler.ts), unless the caller asks for it.
        env: { ...proc.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", X_LOCAL_OBSERVABILITY: proc.env.X_LOCAL_OBSERVABILITY ?? "false" },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // Kept only to explain a failed start; wrangler logs every upgrade, so the tail is enough.
    const keep = (chunk: unknown) => {
      this.log.push(String(chunk));
      if (this.log.length > 50) this.log.shift();
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    const until = Math.min(deadline, Date.now() + 90_000);
    while (Date.now() < until) {
      if (this.child.exitCode !== null) break;
      if (await answers(ECHO_URL)) return;
      await sleep(250);
    }
    const tail = this.log.join("").split("\n").slice(-20).join("\n");
    await this.stopAndWait();
    throw new Error(`the baselines' echo Worker did not start on ${ECHO_URL}:\n${tail}`);
  }

  /** Synchronous so it can run from signal handlers; the whole group goes (npx, wrangler, workerd). */
  stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
    const pid = this.child?.pid;
    if (pid !== undefined && groupAlive(pid)) proc.kill(-pid, signal);
  }

  /** Stops the group and waits until it is gone; wrangler takes a few seconds to shut workerd down. */
  async stopAndWait(): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    this.stop();
    for (let i = 0; i < 40 && groupAlive(pid); i++) await sleep(250);
    if (groupAlive(pid)) this.stop("SIGKILL");
    this.child = null;
  }
}

/** Signal 0 only asks whether any process of the group is still there. */
function groupAlive(pid: number): boolean {
  try {
    proc.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---- one socket ----------------------------------------------------------------------------

interface Target {
  readonly name: string;
  /** ws:// URL the conversation id is appended to. */
  base: string;
  headers: Record<string, string>;
  /** Whether it sends `annotation` frames to wait for (the product does, the baselines do not). */
  analyses: boolean;
}

/** Everything wrong with acks, across the run: the benchmark doubles as a correctness check. */
const problems: string[] = [];

/** When each product message was sent, by `conversation/message id`, for the live viewer to time. */
const sentForViewer = new Map<string, number>();

/**
 * A dashboard viewer on the chatbot's live feed (read key) during the paced phase: times each of the
 * phase's messages from its send to the feed batch that carries it.
 */
class Viewer {
  readonly latencies: number[] = [];
  private ws: Socket | null = null;

  constructor(
    private readonly WS: SocketCtor,
    private readonly url: string,
    private readonly readKey: string,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new this.WS(`${this.url}/api/v1/live-feed`, { headers: { authorization: `Bearer ${this.readKey}` }, perMessageDeflate: false });
      this.ws = ws;
      ws.addEventListener("error", (ev) => reject(new Error(`live feed viewer: ${ev.message ?? "socket error"}`)));
      ws.addEventListener("message", (ev) => {
        const now = performance.now();
        const frame = JSON.parse(String(ev.data)) as { type?: string; events?: { type: string; externalId?: string; message?: { id: string } }[] };
        if (frame.type === "hello") return resolve();
        for (const event of frame.events ?? []) {
          if (event.type !== "message" || !event.message) continue;
          const key = `${event.externalId}/${event.message.id}`;
          const sent = sentForViewer.get(key);
          if (sent === undefined) continue;
          sentForViewer.delete(key);
          this.latencies.push(now - sent);
        }
      });
    });
  }

  close(): void {
    this.ws?.close(1000);
  }
}

interface BenchMessage {
  role: "user" | "assistant";
  content: string;
}

/**
 * A socket's message `n`, the socket starting at text `first` of the phase; `--content support` and `dialogue`
 * replace it before the first phase. The sentence keeps the socket's own number, as in every earlier figure.
 */
let messageOf = (n: number, _first: number): BenchMessage => ({ role: "user", content: `bench message ${n}: how do I export last month's conversations?` });

/** The user messages of the support eval sets (bench/eval/support-*.csv), every language, in file order. */
async function supportMessages(): Promise<string[]> {
  // Imported here: bench/eval's helpers need Node's built-ins, which the version check above guards.
  const { loadSupportUser } = await import("./eval/data");
  const files = ["support-user.csv", "support-user-2.csv", "support-multilingual.csv", "support-multilingual-2.csv"];
  return files.flatMap((file) => loadSupportUser(file).map((row) => row.text));
}

/** The question-and-reply pairs of the assistant eval sets (bench/eval/support-assistant*.csv), in file order. */
async function dialogueTurns(): Promise<[BenchMessage, BenchMessage][]> {
  const { ASSISTANT_SETS, loadSupportAssistant } = await import("./eval/data");
  return ASSISTANT_SETS.flatMap((file) =>
    loadSupportAssistant(file).map((row): [BenchMessage, BenchMessage] => [
      { role: "user", content: row.question },
      { role: "assistant", content: row.reply },
    ]),
  );
}

/**
 * One conversation over one socket. Sends are pipelined up to `window` unacknowledged messages;
 * every ack is matched to its message, timed, and checked for exactly-once and consecutive seqs.
 */
class LiveSocket {
  latencies: number[] = [];
  lastAckAt = 0;
  welcomed = false;
  /** Seqs the product has sent an `annotation` frame for (its analysis runs after the ack). */
  readonly annotated = new Set<number>();
  lastAnnotationAt = 0;
  /** Milliseconds from sending a message to receiving its annotation frame. */
  annotationLatencies: number[] = [];
  private readonly sentAt = new Map<string, number>();
  private ws!: Socket;
  private readonly inFlight = new Map<string, number>();
  private readonly acked = new Set<string>();
  private expectedSeq = 1;
  private sent = 0;
  private done = 0;
  private finished = false;
  private onProgress: () => void = () => {};
  private onFailure: (e: Error) => void = () => {};

  constructor(
    private readonly WS: SocketCtor,
    private readonly target: Target,
    readonly conversationId: string,
    /** Where in the message texts this socket starts (`messageOf`). */
    private readonly firstText = 0,
  ) {}

  get outstanding(): number {
    return this.inFlight.size;
  }

  /** Resolves on `welcome`: from then on the conversation exists and its seqs continue from `lastSeq`. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.onFailure = reject;
      this.ws = new this.WS(this.target.base + encodeURIComponent(this.conversationId), { headers: this.target.headers, perMessageDeflate: false });
      this.ws.addEventListener("message", (ev) => this.frame(String(ev.data), resolve));
      this.ws.addEventListener("error", (ev) => {
        const message = ev.message ?? "socket error";
        const hint = message.includes("429") ? ` (over the product's ${PRODUCT_OPENS_PER_MINUTE} socket opens per key per minute: wait a minute)` : "";
        this.onFailure(new Error(`${this.label}: ${message}${hint}`));
      });
      this.ws.addEventListener("close", (ev) => {
        if (this.finished) return;
        // 1006 = no close frame: the server process went away, most often wrangler dev reloading
        // the Worker because a source file changed.
        const hint = ev.code === 1006 ? " — did wrangler dev reload (a source file changed) or the server stop?" : "";
        this.onFailure(new Error(`${this.label}: socket closed early (code ${ev.code}${ev.reason ? `, ${ev.reason}` : ""}) with ${this.inFlight.size} acks outstanding${hint}`));
      });
    });
  }

  /** Sends `count` messages, at most `window` unacknowledged; resolves when every one is answered. */
  run(count: number, window: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.onFailure = reject;
      const pump = () => {
        while (this.sent < count && this.sent - this.done < window) this.sendOne(this.sent++);
      };
      this.onProgress = () => {
        if (++this.done === count) resolve();
        else pump();
      };
      pump();
    });
  }

  /** Lingers for late (duplicate) acks, then closes and waits briefly for the server's close frame. */
  async close(): Promise<void> {
    await sleep(LINGER_MS);
    this.finished = true;
    if (this.ws.readyState > 1) return;
    const closed = new Promise<void>((resolve) => this.ws.addEventListener("close", () => resolve()));
    this.ws.close(1000);
    await Promise.race([closed, sleep(1_000)]);
  }

  private get label(): string {
    return `${this.target.name} ${this.conversationId}`;
  }

  private sendOne(n: number): void {
    const id = `m-${n}`;
    const now = performance.now();
    this.inFlight.set(id, now);
    this.sentAt.set(id, now);
    if (this.target.analyses) sentForViewer.set(`${this.conversationId}/${id}`, now);
    this.ws.send(JSON.stringify({ type: "message", id, ...messageOf(n, this.firstText) }));
  }

  private frame(text: string, welcomed: () => void): void {
    const now = performance.now();
    let f: { type?: string; id?: string; seq?: number; duplicate?: boolean; lastSeq?: number; code?: string; message?: string };
    try {
      f = JSON.parse(text) as typeof f;
    } catch {
      problems.push(`${this.label}: frame is not JSON: ${text.slice(0, 120)}`);
      return;
    }
    if (f.type === "welcome") {
      this.expectedSeq = (f.lastSeq ?? 0) + 1;
      if (f.lastSeq !== 0) problems.push(`${this.label}: fresh conversation welcomed with lastSeq ${f.lastSeq}`);
      this.welcomed = true;
      return welcomed();
    }
    if (f.type === "error") {
      problems.push(`${this.label}: error frame ${f.code}: ${f.message}${f.id ? ` (message ${f.id})` : ""}`);
      // A rejected message is answered, just not with an ack; count it so the run still ends.
      if (f.id && this.inFlight.delete(f.id)) this.onProgress();
      return;
    }
    if (f.type === "annotation" && typeof f.seq === "number") {
      const messageId = (f as { messageId?: string }).messageId;
      const sent = messageId === undefined ? undefined : this.sentAt.get(messageId);
      if (!this.annotated.has(f.seq) && sent !== undefined) this.annotationLatencies.push(now - sent);
      this.annotated.add(f.seq);
      this.lastAnnotationAt = now;
      return;
    }
    if (f.type === "status" || f.type === "resolution") return;
    if (f.type !== "ack") {
      // Each conversation has one socket, so no other participant's message is broadcast to it.
      problems.push(`${this.label}: unexpected ${f.type} frame`);
      return;
    }
    const id = String(f.id);
    const sentAt = this.inFlight.get(id);
    if (sentAt === undefined) {
      problems.push(`${this.label}: ${this.acked.has(id) ? "duplicate ack" : "ack for a message never sent"}: id ${id} seq ${f.seq}`);
      return;
    }
    this.inFlight.delete(id);
    this.acked.add(id);
    if (f.duplicate) problems.push(`${this.label}: fresh message ${id} acked as duplicate (seq ${f.seq})`);
    if (f.seq !== this.expectedSeq) problems.push(`${this.label}: seq gap: expected ${this.expectedSeq}, got ${f.seq} for ${id}`);
    this.expectedSeq = (f.seq ?? this.expectedSeq) + 1;
    this.latencies.push(now - sentAt);
    this.lastAckAt = now;
    this.onProgress();
  }
}

// ---- scenarios -----------------------------------------------------------------------------

interface Figures {
  messages: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Seconds from the last ack until every message had its annotation; null when they did not all come. */
  analysisLag: number | null;
  annotated: number;
  /** Message sent → its annotation frame, over every annotated message (NaN without annotations). */
  annotationP50: number;
  annotationP99: number;
}

/** Nearest-rank percentile: a value that was actually observed. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Rejects once the run's global deadline passes, or when `progress` has not moved for STALL_MS (a
 * server that stops answering, e.g. wrangler reloading under an open socket, fails fast), naming
 * what was still outstanding.
 */
function bounded<T>(work: Promise<T>, deadline: number, progress: () => number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = progress();
  let lastMovedAt = Date.now();
  const timeout = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const now = Date.now();
      const current = progress();
      if (current !== last) [last, lastMovedAt] = [current, now];
      if (now >= deadline) reject(new Error(`global timeout reached during ${what()}`));
      else if (now - lastMovedAt >= STALL_MS) reject(new Error(`no progress for ${STALL_MS / 1000}s during ${what()}`));
    }, 250);
  });
  return Promise.race([work, timeout]).finally(() => clearInterval(timer));
}

/**
 * Waits until every acked message has its annotation frame, or annotations stop coming. Besides
 * giving the analysis lag, this keeps the product's analysis backlog out of the next measurement.
 */
async function analysisDrained(sockets: LiveSocket[], deadline: number): Promise<{ annotated: number; lag: number | null }> {
  const annotated = () => sockets.reduce((n, s) => n + s.annotated.size, 0);
  const expected = sockets.reduce((n, s) => n + s.latencies.length, 0);
  let last = annotated();
  let movedAt = Date.now();
  while (annotated() < expected && Date.now() < deadline && Date.now() - movedAt < ANALYSIS_STALL_MS) {
    await sleep(100);
    if (annotated() !== last) [last, movedAt] = [annotated(), Date.now()];
  }
  if (annotated() < expected) return { annotated: annotated(), lag: null };
  const lastAck = Math.max(...sockets.map((s) => s.lastAckAt));
  return { annotated: annotated(), lag: Math.max(0, Math.max(...sockets.map((s) => s.lastAnnotationAt)) - lastAck) / 1000 };
}

/**
 * Opens `sockets` fresh conversations, then (clock starts) has each send `perSocket` messages with
 * `window` in flight; the clock stops at the last ack. Opening is not timed. For the product, the
 * sockets then stay open until its analysis has caught up (see analysisDrained).
 */
async function scenario(WS: SocketCtor, target: Target, ids: string[], perSocket: number, window: number, deadline: number): Promise<Figures> {
  // Socket i of a phase sends texts i×perSocket onwards, so a phase's sockets do not all say the same things.
  const sockets = ids.map((id, i) => new LiveSocket(WS, target, id, i * perSocket));
  const phase = `${target.name} ${ids.length}×${perSocket} window ${window}`;
  const welcomed = () => sockets.filter((s) => s.welcomed).length;
  const acked = () => sockets.reduce((n, s) => n + s.latencies.length, 0);
  try {
    await bounded(Promise.all(sockets.map((s) => s.open())), deadline, welcomed, () => `${phase}: ${welcomed()} of ${ids.length} sockets welcomed`);
    const start = performance.now();
    await bounded(Promise.all(sockets.map((s) => s.run(perSocket, window))), deadline, acked, () => {
      const waiting = sockets.reduce((n, s) => n + s.outstanding, 0);
      return `${phase}: ${acked()} of ${ids.length * perSocket} messages acknowledged, ${waiting} sent and still awaiting an ack`;
    });
    const end = Math.max(...sockets.map((s) => s.lastAckAt));
    const sorted = sockets.flatMap((s) => s.latencies).sort((a, b) => a - b);
    const messages = ids.length * perSocket;
    const seconds = (end - start) / 1000;
    const analysis = target.analyses ? await analysisDrained(sockets, deadline) : { annotated: 0, lag: null };
    const annotation = sockets.flatMap((s) => s.annotationLatencies).sort((a, b) => a - b);
    return {
      messages,
      seconds,
      perSecond: messages / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      analysisLag: analysis.lag,
      annotated: analysis.annotated,
      annotationP50: percentile(annotation, 50),
      annotationP99: percentile(annotation, 99),
    };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
  }
}

interface Result {
  one: Figures;
  many: Figures;
  paced: Figures;
  /** Message sent → the live-feed batch carrying it, paced phase (product with a read key only). */
  viewerP50: number;
  viewerP99: number;
  /** How many of the paced phase's messages the viewer saw (the feed may drop some past 100 a tick). */
  viewerSeen: number;
}

async function measure(WS: SocketCtor, target: Target, opts: Options, runId: string, deadline: number, settle: boolean, viewer: Viewer | null = null): Promise<Result> {
  const ids = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${runId}-${tag}-${i}`);
  const pause = () => (settle ? sleep(SETTLE_MS) : Promise.resolve());
  // Warm-up: JIT, module load and first-object costs on both sides; its figures are discarded.
  const warm = await scenario(WS, target, ids("warm", 1), Math.min(500, opts.messages), opts.window, deadline);
  // A product without analysis (older build, or analysis switched off) sends no annotations: don't
  // wait ANALYSIS_STALL_MS for them in every phase.
  if (warm.annotated === 0) target = { ...target, analyses: false };
  await pause();
  const one = await scenario(WS, target, ids("one", 1), opts.messages, opts.window, deadline);
  await pause();
  const many = await scenario(WS, target, ids("many", opts.conversations), opts.perConversation, opts.window, deadline);
  await pause();
  if (viewer) {
    await viewer.open();
    // Conversations learn that someone watches within UNWATCHED_TTL_MS (their cached "nobody watches" runs out);
    // what they let go before that reaches the viewer a second or two late, by design. The phase starts after it,
    // so the figure is what a viewer sees of messages sent while they watch, not of the moment the page opened.
    await sleep(UNWATCHED_TTL_MS + 500);
  }
  const paced = await scenario(WS, target, ids("paced", PACED_SOCKETS), opts.pacedMessages, 1, deadline);
  // The last feed ticks of the phase are still on their way.
  if (viewer) await sleep(1_000);
  viewer?.close();
  await pause();
  const seen = [...(viewer?.latencies ?? [])].sort((a, b) => a - b);
  return { one, many, paced, viewerP50: percentile(seen, 50), viewerP99: percentile(seen, 99), viewerSeen: seen.length };
}

// ---- report --------------------------------------------------------------------------------

function table(opts: Options, ours: Result, floor: Result, bare: Result, runId: string): string {
  const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString("en-US")} msg/s`;
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const lag = (f: Figures) =>
    f.analysisLag !== null ? `${f.analysisLag.toFixed(2)} s` : f.annotated === 0 ? "no annotations" : `only ${f.annotated}/${f.messages} annotated`;
  type Row = [string, string, string, string, string, string];
  /** A figure measured on all three, with OpenBat's ratio to each baseline. */
  const compared = (label: string, pick: (r: Result) => number, show: (v: number) => string): Row => [
    label,
    show(pick(ours)),
    show(pick(floor)),
    show(pick(bare)),
    ratio(pick(ours), pick(floor)),
    ratio(pick(ours), pick(bare)),
  ];
  const only = (label: string, value: string, note = ""): Row => [label, value, "n/a", "n/a", note, ""];
  const annotation = (f: Figures) => `${ms(f.annotationP50)} / ${ms(f.annotationP99)}`;
  /** Annotation p99 over the same phase's ack p99: how far analysis trails the acks. */
  const trail = (f: Figures) => `annotation p99 / ack p99 ${ratio(f.annotationP99, f.p99)}`;
  const rows: Row[] = [
    ["", "OpenBat", "storing floor", "bare DO", "OpenBat/floor", "OpenBat/bare"],
    compared(`Throughput, 1 conversation (${opts.messages} msgs, window ${opts.window})`, (r) => r.one.perSecond, rate),
    compared(`Throughput, ${opts.conversations} conversations × ${opts.perConversation} msgs (window ${opts.window})`, (r) => r.many.perSecond, rate),
    compared(`Ack latency p50, paced (${PACED_SOCKETS} sockets × ${opts.pacedMessages}, 1 in flight)`, (r) => r.paced.p50, ms),
    compared(`Ack latency p99, paced`, (r) => r.paced.p99, ms),
    compared(`Ack latency p50 under load, 1 conversation`, (r) => r.one.p50, ms),
    compared(`Ack latency p99 under load, 1 conversation`, (r) => r.one.p99, ms),
    compared(`Ack latency p50 under load, ${opts.conversations} conversations`, (r) => r.many.p50, ms),
    compared(`Ack latency p99 under load, ${opts.conversations} conversations`, (r) => r.many.p99, ms),
    only(`Analysis caught up after the last ack, 1 conversation`, lag(ours.one)),
    only(`Analysis caught up after the last ack, ${opts.conversations} conversations`, lag(ours.many)),
    only(`Analysis caught up after the last ack, paced`, lag(ours.paced)),
    only(`Annotation latency p50 / p99, paced`, annotation(ours.paced), trail(ours.paced)),
    only(`Annotation latency p50 / p99, 1 conversation under load`, annotation(ours.one), trail(ours.one)),
    only(`Annotation latency p50 / p99, ${opts.conversations} conversations under load`, annotation(ours.many), trail(ours.many)),
    only(
      `Message → live-feed viewer p50 / p99, paced`,
      Number.isNaN(ours.viewerP50) ? "no viewer (no read key)" : `${ms(ours.viewerP50)} / ${ms(ours.viewerP99)}`,
      Number.isNaN(ours.viewerP50) ? "" : `seen ${ours.viewerSeen} of ${ours.paced.messages}`,
    ),
  ];
  const widths = [0, 1, 2, 3, 4, 5].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   ").trimEnd();
  return [
    `Ingest benchmark ${runId}: Node ${proc.version}, ${os.cpus().length} CPUs, local workerd (wrangler dev --local); client and servers share the machine.`,
    opts.content === "support"
      ? "Messages: the user messages of bench/eval/support-*.csv in turn (--content support), the same for all three targets."
      : opts.content === "dialogue"
        ? "Messages: questions and the assistant's replies in turn, from bench/eval/support-assistant*.csv (--content dialogue), the same for all three targets."
        : "Messages: one short question, numbered (--content sentence, the default).",
    "",
    line(rows[0]!),
    "-".repeat(widths.reduce((a, b) => a + b + 3, -3)),
    ...rows.slice(1).map(line),
    "",
    "Storing floor: the echo that stores each message in its SQLite (lookup by id, insert) and acks after the write.",
    "Ratios: below 1× is slower for throughput, above 1× is slower for latency.",
    "Under load = send to ack with the window full, so it includes queueing behind earlier messages.",
    "Analysis caught up = last ack to the last annotation frame (every message analysed); not part of the ack figures.",
    "Annotation latency = a message sent to its annotation frame on the same socket (embedded analyzer).",
    "Live-feed viewer = a paced message sent to the dashboard feed's batch that carries it (read-key viewer).",
  ].join("\n");
}

// ---- main ----------------------------------------------------------------------------------

/** `ws` when installed (it comes with wrangler's miniflare), else undici's WebSocket: both take headers. */
function socketCtor(): SocketCtor {
  for (const load of [() => requireCjs("ws") as SocketCtor, () => (requireCjs("undici") as { WebSocket: SocketCtor }).WebSocket]) {
    try {
      const ctor = load();
      if (typeof ctor === "function") return ctor;
    } catch {
      // try the next one
    }
  }
  fail("neither the `ws` nor the `undici` package is in node_modules; one is needed to send an Authorization header on a WebSocket");
}

async function main(): Promise<void> {
  const opts = parseOptions(proc.argv.slice(2));
  assertLocal(opts.url);
  const opens = 1 + 1 + opts.conversations + PACED_SOCKETS;
  if (opens > PRODUCT_OPENS_PER_MINUTE) fail(`--conversations ${opts.conversations}: a run would open ${opens} sockets, over the product's ${PRODUCT_OPENS_PER_MINUTE}/minute limit per key`);
  if (!(await answers(opts.url))) fail(`nothing answers on ${opts.url}/health: start the product first with npm start`);
  const WS = socketCtor();
  if (opts.content === "support") {
    const texts = await supportMessages();
    messageOf = (n, first) => ({ role: "user", content: texts[(first + n) % texts.length]! });
  } else if (opts.content === "dialogue") {
    // A socket's messages go question, reply, question, reply…, from pair first / 2 on.
    const pairs = await dialogueTurns();
    messageOf = (n, first) => pairs[(Math.floor(first / 2) + Math.floor(n / 2)) % pairs.length]![n % 2]!;
  }
  const { ingest: key, read: readKey } = keys();
  const deadline = Date.now() + opts.timeoutSec * 1000;

  const echo = new EchoServer();
  const stop = (code: number, why: string) => {
    console.error(`${why}: stopping the baselines' echo Worker and exiting`);
    echo.stop();
    proc.exit(code);
  };
  proc.on("SIGINT", () => stop(130, "interrupted"));
  proc.on("SIGTERM", () => stop(143, "terminated"));
  // The last word on "exits by itself": whatever hangs, the run ends at the deadline (plus cleanup slack).
  const watchdog = setTimeout(() => {
    stop(1, `global timeout (${opts.timeoutSec}s) reached`);
  }, opts.timeoutSec * 1000 + 20_000);

  try {
    await echo.start(deadline);
    const ws = opts.url.replace(/^http/, "ws");
    const runId = `bench-${Date.now()}`;
    const viewer = readKey ? new Viewer(WS, ws, readKey) : null;
    const ours = await measure(WS, { name: "OpenBat", base: `${ws}/api/v1/live/`, headers: { authorization: `Bearer ${key}` }, analyses: true }, opts, runId, deadline, true, viewer);
    const floor = await measure(WS, { name: "floor", base: `ws://127.0.0.1:${ECHO_PORT}/store/`, headers: {}, analyses: false }, opts, runId, deadline, false);
    const bare = await measure(WS, { name: "bare", base: `ws://127.0.0.1:${ECHO_PORT}/live/`, headers: {}, analyses: false }, opts, runId, deadline, false);
    console.log(table(opts, ours, floor, bare, runId));
    if (problems.length === 0) console.log("Correctness: every message acked exactly once, none marked duplicate, seqs consecutive in every conversation.");
    else {
      console.log(`Correctness: ${problems.length} problem(s):`);
      for (const p of problems.slice(0, 50)) console.log(`  ERROR ${p}`);
      if (problems.length > 50) console.log(`  … and ${problems.length - 50} more`);
      proc.exitCode = 1;
    }
    if (opts.json) console.log(JSON.stringify({ runId, options: opts, ours, floor, bare, problems }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    for (const p of problems.slice(0, 50)) console.error(`  ERROR ${p}`);
    proc.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await echo.stopAndWait();
  }
  // Sockets are closed; exit now rather than wait for idle HTTP keep-alive connections to time out.
  proc.exit(proc.exitCode ?? 0);
}

void main();
