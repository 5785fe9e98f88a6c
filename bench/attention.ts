/**
 * `npm run bench:attention` — how long a frustrated message takes from the SDK's send to being in the
 * attention queue the dashboard reads, against the locally running product (`npm start`). Per sample: a new
 * conversation's user message goes out through the SDK (`recordMessages`, from sdk/src), a live-feed viewer
 * (read key) waits for the `indexed` frame naming it, then — as the dashboard does after that frame and its
 * 150 ms debounce — asks GET /analytics/attention until the row is there. Prints, per step, the median and
 * p90 over the samples: SDK answered, `indexed` frame received, row in the API's answer.
 *
 * Options: --samples N (default 20), --url URL (default from the demo credentials). Samples run one after
 * another, a second apart, so each measures a quiet system rather than a queue of the bench's own making.
 */
import { readFileSync } from "node:fs";
import { OpenBat } from "../sdk/src/index";

const DEBOUNCE_MS = 150; // dashboard/src/live/live-feed.tsx INDEXED_REFRESH_MS

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function credentials(): { url: string; ingestKey: string; readKey: string } {
  try {
    return JSON.parse(readFileSync(".wrangler/demo-credentials.json", "utf8"));
  } catch {
    fail("no demo tenant: start the product first with npm start");
  }
}

function options(argv: string[]) {
  const o = { samples: 20, url: "" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--samples" && Number.isInteger(Number(value)) && Number(value) > 0) o.samples = Number(value);
    else if (flag === "--url" && value) o.url = value;
    else fail("usage: npm run bench:attention -- [--samples N] [--url URL]");
    i++;
  }
  return o;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

async function main() {
  const creds = credentials();
  const o = options(process.argv.slice(2));
  const url = o.url || creds.url;
  const openbat = new OpenBat({ apiKey: creds.ingestKey, baseUrl: url });
  // Node's WebSocket (undici) takes headers as its one extension to the browser API: the key goes there (as bench/scale.ts).
  const NodeWebSocket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
  const feed = new NodeWebSocket(`${url.replace(/^http/, "ws")}/api/v1/live-feed`, { headers: { authorization: `Bearer ${creds.readKey}` } });
  const indexedAt = new Map<string, number>();
  const waiters = new Set<() => void>();
  feed.addEventListener("message", (event) => {
    const frame = JSON.parse(String(event.data)) as { type: string; conversationIds?: string[] };
    if (frame.type !== "indexed") return;
    const now = performance.now();
    for (const id of frame.conversationIds ?? []) if (!indexedAt.has(id)) indexedAt.set(id, now);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    feed.addEventListener("open", () => resolve(), { once: true });
    feed.addEventListener("error", () => reject(new Error("the live feed refused the read key")), { once: true });
  });

  const waitIndexed = async (id: string, deadline: number) => {
    while (!indexedAt.has(id)) {
      if (performance.now() > deadline) throw new Error(`no indexed frame for ${id}`);
      await new Promise<void>((r) => {
        waiters.add(r);
        setTimeout(r, 200);
      });
    }
    return indexedAt.get(id)!;
  };
  const inQueue = async (id: string) => {
    const res = await fetch(`${url}/api/v1/analytics/attention?limit=100`, { headers: { authorization: `Bearer ${creds.readKey}` } });
    if (!res.ok) fail(`attention: ${res.status} ${await res.text()}`);
    const { data } = (await res.json()) as { data: { conversations: { id: string }[] } };
    return data.conversations.some((c) => c.id === id);
  };

  const acked: number[] = [];
  const indexed: number[] = [];
  const shown: number[] = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < o.samples; i++) {
    const externalId = `bench-attention-${run}-${i}`;
    const start = performance.now();
    const result = await openbat.recordMessages({
      conversationId: externalId,
      messages: [{ id: `${externalId}-m1`, role: "user", content: "This is useless, I am furious and we are cancelling our subscription." }],
      user: { id: `bench-user-${i}`, name: "Bench user", mrr: 99 },
      organization: { id: "bench-org", name: "Bench Corp", plan: "enterprise", mrr: 5000 },
    });
    if (!result) fail("capture failed");
    acked.push(performance.now() - start);
    const id = result.conversationId;
    const deadline = performance.now() + 30_000;
    indexed.push((await waitIndexed(id, deadline)) - start);
    await sleep(DEBOUNCE_MS);
    while (!(await inQueue(id))) {
      if (performance.now() > deadline) fail(`${externalId} never reached the attention queue`);
      await sleep(50);
    }
    shown.push(performance.now() - start);
    await sleep(1000);
  }
  feed.close();
  const row = (name: string, v: number[]) => console.log(`${name.padEnd(42)} p50 ${percentile(v, 50).toFixed(0).padStart(6)} ms   p90 ${percentile(v, 90).toFixed(0).padStart(6)} ms`);
  console.log(`\nattention latency over ${o.samples} samples (${url})`);
  row("SDK send → capture answered", acked);
  row("SDK send → `indexed` frame at the viewer", indexed);
  row("SDK send → row in GET /analytics/attention", shown);
}

main().catch((error: unknown) => fail(String(error)));
