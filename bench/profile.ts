/**
 * CPU profile of the locally running product (`npm start`), taken through wrangler's inspector with the
 * V8 sampling profiler, while something else drives it (a benchmark, the SDK, the dashboard).
 *
 * Why a profiler: workerd does not advance its clock while a handler computes (a Spectre mitigation), so
 * timers inside the Worker or a Durable Object cannot split a sub-millisecond path. Samples can. Locally the
 * Worker, every Durable Object class and the queue consumers share one isolate, hence one thread: what this
 * prints is where that thread's time went.
 *
 *   npm start                                    # terminal 1 (tracing off, as npm start runs it)
 *   npm run bench:ingest & npm run bench:profile -- --seconds 20
 *
 * Prints the busy share per second, the functions with the most time of their own, the tasks (the first
 * named function under the event loop: a socket message, an alarm, a microtask, an RPC) by total time, and
 * the longest single runs of one task — what holds every other request up. Writes the profile for Chrome
 * DevTools (Performance → Load profile) to `--out`.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

const USAGE = "usage: npm run bench:profile -- [--seconds 20] [--inspector 9229] [--interval 200] [--top 25] [--out .wrangler/profile.cpuprofile]";

function parsed() {
  try {
    return parseArgs({
      options: {
        seconds: { type: "string", default: "20" },
        inspector: { type: "string", default: "9229" },
        interval: { type: "string", default: "200" },
        top: { type: "string", default: "25" },
        out: { type: "string", default: ".wrangler/profile.cpuprofile" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // An unknown option or a missing value: said in a line, not a stack trace.
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(1);
  }
}
const { values } = parsed();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seconds = Number(values.seconds);
const top = Number(values.top);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The `ws` package (it comes with wrangler's miniflare): wrangler's inspector proxy refuses the handshake of
 * Node's built-in WebSocket.
 */
function inspectorSocket(url: string): WebSocket {
  try {
    const Ws = createRequire(import.meta.url)("ws") as new (url: string) => WebSocket;
    return new Ws(url);
  } catch {
    fail("the `ws` package is not in node_modules (it comes with wrangler): run npm install");
  }
}

async function record(): Promise<Profile> {
  const ws = inspectorSocket(`ws://127.0.0.1:${values.inspector}/ws`);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
    else waiter.resolve(message.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () => reject(new Error("no inspector")));
  }).catch(() => fail(`no inspector on 127.0.0.1:${values.inspector}: start the product first with npm start (wrangler's inspector listens on 9229)`));
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: Number(values.interval) });
  await call("Profiler.start");
  console.log(`Profiling the local product for ${seconds} s (sampling every ${values.interval} µs)…`);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { profile } = await call<{ profile: Profile }>("Profiler.stop");
  ws.close();
  return profile;
}

const profile = await record();
writeFileSync(values.out, JSON.stringify(profile));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const rootId = profile.nodes[0]!.id;
const name = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return `${f.functionName || "(anonymous)"}${f.url ? ` ${f.url.split("/").at(-1)}:${f.lineNumber + 1}` : ""}`;
};
const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === "(idle)";
/** The task a sample belongs to: the first named frame under the root. */
const taskOf = (id: number) => {
  const path: number[] = [];
  for (let cur: number | undefined = id; cur !== undefined && cur !== rootId; cur = parent.get(cur)) path.unshift(cur);
  return name(path.find((p) => byId.get(p)!.callFrame.functionName) ?? path[0] ?? rootId);
};

const self = new Map<string, number>();
const tasks = new Map<string, number>();
const perSecond: { busy: number; all: number }[] = [];
const runs: { task: string; us: number }[] = [];
let total = 0;
let busy = 0;
let t = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  total += dt;
  const second = (perSecond[Math.floor(t / 1e6)] ??= { busy: 0, all: 0 });
  second.all += dt;
  self.set(name(id), (self.get(name(id)) ?? 0) + dt);
  if (isIdle(id)) continue;
  busy += dt;
  second.busy += dt;
  const task = taskOf(id);
  tasks.set(task, (tasks.get(task) ?? 0) + dt);
  const last = runs.at(-1);
  if (last && last.task === task && i > 0 && profile.samples[i - 1] !== undefined && !isIdle(profile.samples[i - 1]!)) last.us += dt;
  else runs.push({ task, us: dt });
}

const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`\nSampled ${(total / 1e6).toFixed(1)} s, busy ${((100 * busy) / total).toFixed(0)}%. Busy share per second:`);
console.log(perSecond.map((s, i) => `${i}s ${Math.round((100 * s.busy) / (s.all || 1))}%`).join("  "));
console.log(`\nSelf time (ms, share of the sampled time):`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${k.slice(0, 140)}`);
console.log(`\nTasks by total time (ms):`);
for (const [k, us] of [...tasks].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${k}`);
console.log(`\nLongest single runs of one task (ms) — each held every other request of the isolate up:`);
for (const r of [...runs].sort((a, b) => b.us - a.us).slice(0, Math.min(top, 15))) console.log(`${ms(r.us)}  ${r.task}`);
console.log(`\nProfile written to ${values.out} (Chrome DevTools: Performance → Load profile).`);
