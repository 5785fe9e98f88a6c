/**
 * `npm run bench:webhooks` — end-to-end workflow delivery against the locally running product
 * (`npm start`): a receiver on 127.0.0.1 stands in for the customer's endpoint, a workflow that
 * matches every user message points at it, and messages are captured over REST. Prints the time from
 * each message's capture to its webhook's receipt (p50/p99) and deliveries per second, and checks
 * every delivery's Standard Webhooks signature.
 *
 * Options: --messages N (default 300), --conversations N (default 20), --concurrency N (default 10),
 * --url URL (default from demo credentials or http://127.0.0.1:8787), --timeout S (default 180).
 * Only loopback addresses are used; everything it creates in the demo tenant is removed at the end.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

interface Options {
  messages: number;
  conversations: number;
  concurrency: number;
  url: string;
  timeoutSec: number;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function credentials(): { url: string; ingestKey: string; adminKey: string } {
  try {
    return JSON.parse(readFileSync(".wrangler/demo-credentials.json", "utf8"));
  } catch {
    fail("no demo tenant: start the product first with npm start");
  }
}

function options(argv: string[]): Options {
  const o: Options = { messages: 300, conversations: 20, concurrency: 10, url: "", timeoutSec: 180 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const num = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) fail(`${flag} needs a positive whole number`);
      i++;
      return n;
    };
    if (flag === "--messages") o.messages = num();
    else if (flag === "--conversations") o.conversations = num();
    else if (flag === "--concurrency") o.concurrency = num();
    else if (flag === "--timeout") o.timeoutSec = num();
    else if (flag === "--url") o.url = (i++, value ?? "");
    else fail("usage: npm run bench:webhooks -- [--messages N] [--conversations N] [--concurrency N] [--timeout S] [--url URL]");
  }
  // The capture limit is 600 requests a minute per key; stay under it.
  if (o.messages > 550) fail("--messages: at most 550 (the capture rate limit is 600 a minute per key)");
  return o;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

async function api<T>(base: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Thrown, not exited: the caller's finally must still remove what the run created.
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

interface Receipt {
  at: number;
  verified: boolean;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const creds = credentials();
  const base = opts.url || creds.url;
  if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)) fail(`--url must be a loopback address, not ${base}`);
  if (!(await fetch(`${base}/health`).then((r) => r.ok, () => false))) fail(`nothing answers on ${base}: start the product first with npm start`);

  const receipts = new Map<string, Receipt>();
  let secret = "";
  let duplicates = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      let messageId: string | undefined;
      try {
        const event = new Webhook(secret).verify(body, req.headers as Record<string, string>) as { message?: { id?: string } };
        verified = true;
        messageId = event.message?.id;
      } catch {
        messageId = (JSON.parse(body) as { message?: { id?: string } }).message?.id;
      }
      if (messageId) {
        if (receipts.has(messageId)) duplicates++;
        else receipts.set(messageId, { at, verified });
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const runId = `whbench-${Date.now()}`;
  const destination = await api<{ data: { id: string; secret: string } }>(base, creds.adminKey, "POST", "/api/v1/webhooks", {
    name: `bench receiver ${runId}`,
    url: `http://127.0.0.1:${port}/hook`,
  }).catch(() => fail("could not create a loopback destination: is WEBHOOKS_ALLOW_LOOPBACK=true in .dev.vars (npm start sets it)?"));
  secret = destination.data.secret;
  const workflow = await api<{ data: { id: string } }>(base, creds.adminKey, "POST", "/api/v1/workflows", {
    name: `bench ${runId}`,
    trigger: "user_message",
    cooldown: { type: "none" },
    actions: [{ destinationId: destination.data.id }],
  });

  const sentAt = new Map<string, number>();
  const cleanup = async () => {
    await api(base, creds.adminKey, "DELETE", `/api/v1/workflows/${workflow.data.id}`).catch(() => undefined);
    await api(base, creds.adminKey, "DELETE", `/api/v1/webhooks/${destination.data.id}`).catch(() => undefined);
    server.close();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    // Capture one message per request, `concurrency` requests at a time.
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < opts.messages) {
          const n = next++;
          const id = `${runId}-m${n}`;
          sentAt.set(id, performance.now());
          await api(base, creds.ingestKey, "POST", "/api/v1/capture", {
            conversationId: `${runId}-c${n % opts.conversations}`,
            messages: [{ id, role: "user", content: `benchmark message ${n}: where is my invoice?` }],
          });
        }
      }),
    );
    const deadline = Date.now() + opts.timeoutSec * 1000;
    while (receipts.size < opts.messages && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    const latencies = [...sentAt].flatMap(([id, at]) => {
      const r = receipts.get(id);
      return r ? [r.at - at] : [];
    });
    latencies.sort((a, b) => a - b);
    const lastReceipt = Math.max(...[...receipts.values()].map((r) => r.at));
    const seconds = (lastReceipt - started) / 1000;
    const unverified = [...receipts.values()].filter((r) => !r.verified).length;
    console.log(`Webhook delivery benchmark ${runId}: ${opts.messages} messages over ${opts.conversations} conversations, ${opts.concurrency} captures in flight`);
    console.log("");
    console.log(`  delivered                         ${receipts.size} / ${opts.messages}${duplicates ? ` (+${duplicates} duplicate receipts)` : ""}`);
    console.log(`  capture → webhook received  p50   ${percentile(latencies, 50).toFixed(1)} ms`);
    console.log(`  capture → webhook received  p99   ${percentile(latencies, 99).toFixed(1)} ms`);
    console.log(`  deliveries per second             ${(receipts.size / seconds).toFixed(1)} (first capture to last receipt: ${seconds.toFixed(2)} s)`);
    console.log(`  signatures verified               ${receipts.size - unverified} / ${receipts.size}`);
    console.log("");
    console.log("Local wrangler dev on this machine: the Queue's batch timeout (1 s) sets the floor of the latency.");
    if (receipts.size < opts.messages || unverified) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
