/**
 * What the benchmarks that run the product share: `wrangler` (and the `wrangler dev` it starts) in process
 * groups of their own that are stopped on exit, local D1 queries, a deterministic PRNG and SQL quoting.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const children = new Set<ChildProcess>();

/**
 * The environment of every wrangler this script starts: no metrics, and local tracing off unless asked
 * for (X_LOCAL_OBSERVABILITY=true) — with it on, every storage call is recorded and the product runs an
 * order of magnitude slower, which is not what a benchmark measures.
 */
export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? "false", ...extra };
}

/** Signal 0 only asks whether any process of the group is still there. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every process group this script started (npx, wrangler, workerd): synchronous, for signal handlers too. */
export function stopAll(signal: NodeJS.Signals = "SIGTERM"): void {
  for (const child of children) if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, signal);
}

export async function stopAndWait(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  for (let i = 0; i < 40 && groupAlive(pid); i++) await sleep(250);
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  children.delete(child);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `npx wrangler …` in its own process group, bounded by `timeoutMs`; resolves with stdout. */
export function wrangler(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["wrangler", ...args], {
      env: wranglerEnv({ CI: "true" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.add(child);
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d));
    child.stderr?.on("data", (d: Buffer) => (err += d));
    const timer = setTimeout(() => {
      void stopAndWait(child);
      reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} took over ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`wrangler ${args.join(" ")} failed (exit ${code}):\n${(err || out).split("\n").slice(-20).join("\n")}`));
    });
  });
}

export const d1 = (o: { state: string }, ...args: string[]) => ["d1", ...args, "--local", "--persist-to", o.state];

export async function query<T>(o: { state: string }, sql: string): Promise<T[]> {
  const out = await wrangler([...d1(o, "execute", "DB"), "--json", "--command", sql], 120_000);
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** mulberry32: a small deterministic PRNG, so every seeding makes the same tenant. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** D1 refuses statements over 100 KB; multi-row INSERTs stay under this. */
const MAX_STATEMENT_BYTES = 90_000;

/** Multi-row INSERTs kept under D1's statement size. */
export class Inserts {
  private statements: string[] = [];
  private rows: string[] = [];
  private bytes = 0;
  constructor(private readonly head: string) {}
  add(values: (string | number | null)[]): void {
    const row = `(${values.map(q).join(",")})`;
    if (this.bytes + row.length > MAX_STATEMENT_BYTES) this.flush();
    this.rows.push(row);
    this.bytes += row.length + 1;
  }
  flush(): void {
    if (this.rows.length) this.statements.push(`${this.head} VALUES ${this.rows.join(",")};`);
    this.rows = [];
    this.bytes = this.head.length;
  }
  take(): string[] {
    this.flush();
    const out = this.statements;
    this.statements = [];
    return out;
  }
}

/** A free local port (wrangler's inspector defaults to 9229, which another local server may hold). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Stops a server started in a process group of its own (`detached`), if it is still running; synchronous. */
export function stopServer(server: ChildProcess | undefined): void {
  if (server?.exitCode === null && server.pid !== undefined) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
