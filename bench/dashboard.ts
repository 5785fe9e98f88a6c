/**
 * Dashboard benchmark: how much JavaScript the overview's first load moves, and how long the KPIs take
 * to appear in Chromium, cold (empty browser cache) and warm (the same browser again).
 *
 *   npm run bench:dashboard [-- --runs 5] [--port 8793] [--state DIR] [--timeout 600] [--json]
 *
 * 1. Builds the dashboard (scripts/build-dashboard.mjs), applies the migrations to a local state of its
 *    own (default `.wrangler/bench-dashboard`), seeds the demo tenant there and a dozen conversations, and
 *    starts `wrangler dev --local` on 127.0.0.1:`--port` in its own process group (stopped at the end, on
 *    error, on Ctrl+C and on `--timeout`). Set X_LOCAL_OBSERVABILITY=false, as for every benchmark here.
 * 2. Logs in once; each cold run opens a fresh browser context (no HTTP cache, the session cookie only),
 *    opens /chatbots/…/overview and times from the navigation's start to the first KPI value on screen;
 *    each warm run then opens the same page again in that context (assets from the browser cache).
 * 3. First-load JS: every script the cold load fetched until the network was idle, each file's bytes
 *    and its gzip size (level 9, from dashboard/dist), summed; the biggest are listed.
 * Prints medians (and min/max) of `--runs` runs. Uses /usr/bin/chromium (CHROMIUM_PATH to override).
 * Not part of `npm test`: timings depend on the machine; run it from a snapshot in a busy tree.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { seedDemoTenant } from "../scripts/seed";
import { wrangler } from "../scripts/wrangler";
import { freePort, stopServer } from "./local-wrangler";

interface Options {
  runs: number;
  port: number;
  state: string;
  timeoutSec: number;
  json: boolean;
  waterfall: boolean;
}

const USAGE = "usage: npm run bench:dashboard -- [--runs 5] [--port 8793] [--state DIR] [--timeout 600] [--json] [--waterfall]";

function options(): Options {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  // A mistyped option must not cost a whole run (a product started, Chromium, five loads).
  const valued = new Set(["--runs", "--port", "--state", "--timeout"]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (valued.has(arg)) i++;
    else if (arg !== "--json" && arg !== "--waterfall") throw new Error(`unknown option ${arg}; ${USAGE}`);
  }
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(value("runs") ?? 5);
  const port = Number(value("port") ?? 8793);
  const timeoutSec = Number(value("timeout") ?? 600);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error("--runs must be 1…50");
  if (!Number.isInteger(port) || port < 1024) throw new Error("--port must be a port number ≥ 1024");
  return { runs, port, state: value("state") ?? ".wrangler/bench-dashboard", timeoutSec, json: args.includes("--json"), waterfall: args.includes("--waterfall") };
}

const repo = path.resolve(import.meta.dirname, "..");
const dist = path.join(repo, "dashboard/dist");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with code ${server.exitCode} (its output: server.log in the state directory)`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer on ${url}/health within ${timeoutMs / 1000}s`);
}

/** A dozen conversations through the capture API, so the KPIs and the trend have figures to show. */
async function recordTraffic(url: string, ingestKey: string): Promise<void> {
  const lines = ["The export failed again, this is frustrating.", "Thanks, that solved it!", "How do I add a teammate?", "Your pricing page is confusing."];
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${url}/api/v1/capture`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
      body: JSON.stringify({ conversationId: `bench-dashboard-${i}`, messages: [{ role: "user", content: lines[i % lines.length] }], user: { id: `u-${i}`, email: `user${i}@example.com` } }),
    });
    if (!res.ok) throw new Error(`capture failed: ${res.status} ${await res.text()}`);
  }
}

/** The fields of a browser PerformanceResourceTiming entry this script reads (bench/ has no DOM types). */
interface ResourceEntry {
  name: string;
  initiatorType: string;
  startTime: number;
  responseStart: number;
  responseEnd: number;
}

interface LoadFigures {
  kpisMs: number;
  scripts: string[];
  /** Every request of the cold load: when it started, its first byte came and it ended, in ms from the navigation's start. */
  requests: { path: string; type: string; startMs: number; firstByteMs: number; endMs: number }[];
  /** The main thread's tasks over 50 ms, in ms from the navigation's start. */
  longTasks: { startMs: number; durationMs: number }[];
  /** When the KPI value entered the page, by the page's clock (Playwright's own polling not included). */
  kpiInPageMs: number;
  /** When it was painted (Element Timing), where the page marks it (the Worker's first paint); -1 otherwise. */
  kpiPaintMs: number;
  /** The page's own performance marks (e.g. when the boot script ran). */
  marks: { name: string; atMs: number }[];
}

/**
 * Run in the page before its own scripts: records the main thread's long tasks (over 50 ms) and when the KPI
 * value entered the page, both in the page's clock (ms from the navigation's start). Browser code, as text:
 * this file is compiled without the DOM's types.
 */
const MAIN_THREAD_PROBE = `
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push({ startMs: Math.round(e.startTime), durationMs: Math.round(e.duration) });
  }).observe({ type: "longtask", buffered: true });
  // When the KPI value was painted (Element Timing), where the page marks it with elementtiming (the Worker's first paint).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === "kpi-messages" && globalThis.__kpiPaintMs === undefined) globalThis.__kpiPaintMs = Math.round(e.renderTime || e.loadTime);
  }).observe({ type: "element", buffered: true });
  const seen = new MutationObserver(() => {
    if (document.querySelector('[data-testid="kpi-messages-value"]')) {
      globalThis.__kpiAtMs = Math.round(performance.now());
      seen.disconnect();
    }
  });
  seen.observe(document, { childList: true, subtree: true });
`;

async function measure(browser: Browser, url: string, overview: string, cookies: Parameters<import("playwright-core").BrowserContext["addCookies"]>[0], runs: number) {
  const cold: LoadFigures[] = [];
  const warm: number[] = [];
  let lastCookies = cookies;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(cookies);
    await context.addInitScript({ content: MAIN_THREAD_PROBE });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.add(new URL(response.url()).pathname);
    });
    const kpis = page.getByTestId("kpi-messages-value");
    let started = Date.now();
    await page.goto(url + overview, { waitUntil: "commit" });
    await kpis.waitFor();
    const kpisMs = Date.now() - started;
    await page.waitForLoadState("networkidle");
    // The browser's own Resource Timing (ms from the navigation's start), more exact than events relayed to this process.
    const requests = await page.evaluate(() =>
      (performance as unknown as { getEntriesByType(type: "resource"): ResourceEntry[] }).getEntriesByType("resource").map((e) => {
        const u = new URL(e.name);
        return { path: u.pathname + u.search, type: e.initiatorType, startMs: Math.round(e.startTime), firstByteMs: Math.round(e.responseStart), endMs: Math.round(e.responseEnd) };
      }),
    );
    const main = await page.evaluate(() => {
      const w = globalThis as unknown as { __longTasks: { startMs: number; durationMs: number }[]; __kpiAtMs?: number; __kpiPaintMs?: number };
      const entries = (performance as unknown as { getEntriesByType(type: "mark"): { name: string; startTime: number }[] }).getEntriesByType("mark");
      const marks = entries.map((m) => ({ name: m.name, atMs: Math.round(m.startTime) }));
      return { longTasks: w.__longTasks, kpiInPageMs: w.__kpiAtMs ?? -1, kpiPaintMs: w.__kpiPaintMs ?? -1, marks };
    });
    cold.push({ kpisMs, scripts: [...scripts], requests, ...main });

    // Warm: the same browser (its HTTP cache, the immutable assets) opens the page again.
    await page.goto("about:blank");
    started = Date.now();
    await page.goto(url + overview, { waitUntil: "commit" });
    await kpis.waitFor();
    warm.push(Date.now() - started);
    // What this browser now holds (the session, and the time-zone cookie the dashboard writes), for the next runs.
    lastCookies = await context.cookies();
    await context.close();
  }
  return { cold, warm, cookies: lastCookies };
}

async function main(): Promise<void> {
  const o = options();
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  if (process.env.X_LOCAL_OBSERVABILITY !== "false") console.warn("note: run with X_LOCAL_OBSERVABILITY=false, as every benchmark here");
  if (spawnSync(process.execPath, [path.join(repo, "scripts/build-dashboard.mjs")], { stdio: "inherit" }).status !== 0) throw new Error("the dashboard build failed");

  const url = `http://127.0.0.1:${o.port}`;
  mkdirSync(o.state, { recursive: true });
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", o.state], { quiet: true });
  const demo = await seedDemoTenant(url, { persistTo: o.state, credentialsFile: path.join(o.state, "demo-credentials.json") });

  const vars = { CONVERSATION_TOKEN_SECRET: randomBytes(32).toString("hex"), SECRETS_KEY: randomBytes(32).toString("hex") };
  const server = spawn(
    "npx",
    ["wrangler", "dev", "--local", "--ip", "127.0.0.1", "--port", String(o.port), "--inspector-port", String(await freePort()), "--persist-to", o.state, "--show-interactive-dev-session=false", ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])],
    { cwd: repo, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
  );
  // The server's output, for when it does not start.
  const log = createWriteStream(path.join(o.state, "server.log"));
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const deadline = setTimeout(() => {
    console.error(`timed out after ${o.timeoutSec}s`);
    stopServer(server);
    process.exit(1);
  }, o.timeoutSec * 1000);
  process.on("SIGINT", () => {
    stopServer(server);
    process.exit(130);
  });

  let browser: Browser | undefined;
  try {
    await waitForHealth(url, server, 120_000);
    await recordTraffic(url, demo.ingestKey);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: demo.email, password: demo.password }) });
    const session = /ob_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
    if (!session) throw new Error(`login failed: ${login.status}`);
    const cookies = [{ name: "ob_session", value: session, url }];

    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
    const overview = `/chatbots/${demo.chatbotId}/overview`;
    // One unmeasured load: the Worker and the D1 database warm up, as they are in production. The measured loads then
    // carry the cookies a member's browser holds after a visit: the session and the time zone the dashboard wrote,
    // with which the Worker draws the KPIs into the page (README "Dashboard": loading).
    const warmUp = await measure(browser, url, overview, cookies, 1);
    const { cold, warm } = await measure(browser, url, overview, warmUp.cookies, o.runs);

    const files = [...new Set(cold.flatMap((c) => c.scripts))].map((p) => {
      const bytes = readFileSync(path.join(dist, p));
      return { file: p, kb: bytes.length / 1024, gzipKb: gzipSync(bytes, { level: 9 }).length / 1024 };
    });
    const perRun = cold.map((c) => c.scripts.reduce((sum, p) => sum + (files.find((f) => f.file === p)?.gzipKb ?? 0), 0));
    const result = {
      runs: o.runs,
      firstLoadJsGzipKb: Math.round(median(perRun) * 10) / 10,
      firstLoadJsKb: Math.round(files.reduce((s, f) => s + f.kb, 0) * 10) / 10,
      scripts: files.length,
      coldKpisMedianMs: median(cold.map((c) => c.kpisMs)),
      coldKpisMinMaxMs: [Math.min(...cold.map((c) => c.kpisMs)), Math.max(...cold.map((c) => c.kpisMs))],
      warmKpisMedianMs: median(warm),
      warmKpisMinMaxMs: [Math.min(...warm), Math.max(...warm)],
      largest: files.sort((a, b) => b.gzipKb - a.gzipKb).slice(0, 6).map((f) => `${f.file} ${f.gzipKb.toFixed(1)} KB gz`),
    };
    if (o.json) console.log(JSON.stringify(result));
    else {
      console.log(`\nOverview, first load (${o.runs} runs, Chromium 1440×900, ${url})`);
      console.log(`  first-load JS         ${result.firstLoadJsGzipKb} KB gzip (${result.firstLoadJsKb} KB raw, ${result.scripts} files)`);
      console.log(`  KPIs visible, cold    median ${result.coldKpisMedianMs} ms (min ${result.coldKpisMinMaxMs[0]}, max ${result.coldKpisMinMaxMs[1]})`);
      console.log(`  KPIs visible, warm    median ${result.warmKpisMedianMs} ms (min ${result.warmKpisMinMaxMs[0]}, max ${result.warmKpisMinMaxMs[1]})`);
      console.log(`  largest scripts       ${result.largest.join(", ")}`);
    }
    if (o.waterfall) {
      // The median cold run's requests in the order they started: where the time to KPIs goes.
      const run = [...cold].sort((a, b) => a.kpisMs - b.kpisMs)[Math.floor(cold.length / 2)]!;
      console.log(`\nThe median cold load (KPIs at ${run.kpisMs} ms), request by request (start / first byte / end, ms):`);
      for (const r of [...run.requests].sort((a, b) => a.startMs - b.startMs)) {
        console.log(`  ${[r.startMs, r.firstByteMs, r.endMs].map((n) => String(n).padStart(5)).join(" ")}  ${r.type.padEnd(14)} ${r.path}`);
      }
      const painted = run.kpiPaintMs >= 0 ? `, painted at ${run.kpiPaintMs} ms (Element Timing)` : "";
      console.log(`The KPI value entered the page at ${run.kpiInPageMs} ms${painted}; the main thread's long tasks (start / duration, ms):`);
      for (const t of run.longTasks) console.log(`  ${String(t.startMs).padStart(5)} ${String(t.durationMs).padStart(5)}`);
      for (const m of run.marks) console.log(`mark ${m.name} at ${m.atMs} ms`);
    }
  } finally {
    clearTimeout(deadline);
    await browser?.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
