/**
 * Regenerates the long rows (8–20 KB) of support-user.csv: a realistic pasted log, export or trace
 * with the part that matters (a cancellation, an urgent request, or nothing) at the END, where an
 * analyzer that reads only the head misses it. The labels are ours, written with the closing text.
 *
 *   npx tsx bench/eval/make-long-rows.ts
 *
 * Deterministic (no clock, no Math.random): rows over 8,000 characters are removed and the same
 * rows are appended again, so running it twice leaves the file unchanged.
 */
import { parseCsv, toCsv } from "./csv";

interface NodeProcess {
  getBuiltinModule(id: string): unknown;
}
interface NodeFs {
  readFileSync(path: string, encoding: "utf8"): string;
  writeFileSync(path: string, data: string): void;
}
interface NodeUrl {
  fileURLToPath(url: string | URL): string;
}
const proc = (globalThis as unknown as { process: NodeProcess }).process;
const fs = proc.getBuiltinModule("node:fs") as NodeFs;
const url = proc.getBuiltinModule("node:url") as NodeUrl;
const FILE = url.fileURLToPath(new URL("./support-user.csv", (import.meta as unknown as { url: string }).url));

const LONG_ROW_MIN = 8000;

/** Small linear congruential generator: the same seed gives the same "random" log every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function appLog(seed: number, lines: number): string {
  const r = lcg(seed);
  const levels = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"];
  const events = [
    "sync: fetched page cursor=%h items=%n",
    "http: GET /api/v2/projects/%n/tasks 200 %nms",
    "http: POST /api/v2/events 202 %nms",
    "http: GET /api/v2/users/me 401 %nms",
    "worker: job %h retry attempt=%d backoff=%nms",
    "db: slow query took %nms (orders_by_customer)",
    "auth: token refreshed for client_id=%h",
    "queue: depth=%n lag=%nms",
    "webhook: delivery %h failed status=504 will retry",
    "cache: miss key=tenant:%n:settings",
  ];
  const out: string[] = [];
  let sec = 0;
  for (let i = 0; i < lines; i++) {
    sec += 1 + Math.floor(r() * 4);
    const ev = pick(r, events)
      .replaceAll("%h", () => Math.floor(r() * 0xffffff).toString(16).padStart(6, "0"))
      .replaceAll("%n", () => String(Math.floor(r() * 900) + 10))
      .replaceAll("%d", () => String(Math.floor(r() * 5) + 1));
    out.push(`2024-09-17T${pad(8 + Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}.${pad(Math.floor(r() * 1000), 3)}Z ${pick(r, levels).padEnd(5)} ${ev}`);
  }
  return out.join("\n");
}

function stackTraces(seed: number, count: number): string {
  const r = lcg(seed);
  const fns = ["renderCart", "applyCoupon", "fetchPrices", "validateAddress", "submitPayment", "loadSession"];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`[checkout-web] ${pad(10 + (i % 12))}:${pad((i * 7) % 60)}:${pad((i * 13) % 60)} Unhandled rejection in request ${Math.floor(r() * 1e8)}`);
    out.push(`TypeError: Cannot read properties of null (reading '${pick(r, ["total", "items", "currency", "token"])}')`);
    for (let d = 0; d < 5; d++) {
      out.push(`    at ${pick(r, fns)} (https://shop.example.com/assets/app.${Math.floor(r() * 0xfffff).toString(16)}.js:1:${Math.floor(r() * 90000)})`);
    }
  }
  return out.join("\n");
}

function jsonExport(seed: number, records: number): string {
  const r = lcg(seed);
  const recs = [];
  for (let i = 0; i < records; i++) {
    recs.push({
      id: 40000 + i,
      subject: pick(r, ["Printer offline", "VPN drops", "New laptop request", "Password reset", "Invoice copy", "Monitor flickers"]),
      priority: pick(r, ["low", "normal", "normal", "high", "urgent"]),
      status: pick(r, ["solved", "solved", "open", "failed", "pending"]),
      tags: [pick(r, ["hardware", "network", "billing", "access"]), `floor-${1 + Math.floor(r() * 6)}`],
      created_at: `2024-08-${pad(1 + Math.floor(r() * 28))}T${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:00Z`,
    });
  }
  return JSON.stringify(recs);
}

function modemLog(seed: number, lines: number): string {
  const r = lcg(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const ev = pick(r, [
      `DSL line sync lost (reason: LOS), retraining`,
      `DSL synchronized: down ${Math.floor(r() * 4000 + 1000)} kbit/s, up ${Math.floor(r() * 500 + 200)} kbit/s`,
      `PPPoE session established, IPv4 100.64.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
      `PPPoE: LCP echo timeout, session terminated`,
      `WLAN: client ${Math.floor(r() * 0xffffff).toString(16)} associated on 5GHz`,
      `DNS: upstream 192.0.2.${Math.floor(r() * 255)} not responding`,
    ]);
    out.push(`${pad(1 + (i % 28))}.10.2024 ${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:${pad(Math.floor(r() * 60))}  ${ev}`);
  }
  return out.join("\n");
}

/** [text, sentiment, flags]: the closing sentence decides the labels. */
function longRows(): string[][] {
  return [
    [
      `Here's the full sync log you asked for, from this morning:\n\n${appLog(11, 190)}\n\nAnyway, that's the log. We've decided to cancel our subscription at the end of the month, please confirm by email.`,
      "negative",
      "churn_risk",
    ],
    [
      `Console output from the storefront, sorry it's long:\n${stackTraces(23, 38)}\n\nCheckout is down for every customer right now. Please escalate this immediately, we're losing orders.`,
      "negative",
      "urgent_request",
    ],
    [
      `Attached is our ticket export as JSON so you can see the format:\n${jsonExport(37, 95)}\n\nCould you tell me why some records have status "failed"? Is that from the import or from our side?`,
      "neutral",
      "",
    ],
    [
      `Router log from the last weeks:\n${modemLog(41, 260)}\n\nWe've had enough of this line. We're switching to Vodafone next week, please cancel the contract and send the return box for the router.`,
      "negative",
      "churn_risk;competitor_mention",
    ],
    [
      `Hi, attaching the sync log as requested in ticket 5512.\n\n${appLog(53, 230)}\n\nThanks for looking into it, no rush.`,
      "neutral",
      "",
    ],
    [
      `${appLog(67, 110)}\n\nThis is the FOURTH time I'm sending you this log. If nobody looks at it today, we're done with you and taking our business elsewhere.`,
      "negative",
      "churn_risk;frustrated_user;urgent_request",
    ],
  ].map(([text, sentiment, flags]) => [text ?? "", "en", sentiment ?? "", flags ?? ""]);
}

const rows = parseCsv(fs.readFileSync(FILE, "utf8"));
const header = rows.shift() ?? [];
const kept = rows.filter((r) => (r[0] ?? "").length <= LONG_ROW_MIN);
const long = longRows();
for (const r of long) {
  const n = (r[0] ?? "").length;
  if (n <= LONG_ROW_MIN || n > 20000) throw new Error(`long row of ${n} characters is outside 8–20 KB`);
}
fs.writeFileSync(FILE, toCsv([header, ...kept, ...long]));
console.log(`${FILE}: ${kept.length} short rows + ${long.length} long rows (${long.map((r) => (r[0] ?? "").length).join(", ")} characters)`);
