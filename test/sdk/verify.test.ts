import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/services/conversation-stub";
import { runCli } from "../../sdk/src/cli";
import { BASE } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { sdk, workerFetch } from "./fixtures";
import { syncIndex } from "../helpers/index-queue";

/** `npx openbat verify …` against the Worker under test, with what it printed. */
function verify(args: string[], environment: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = runCli(["verify", ...args], {
    env: environment,
    print: (line) => out.push(line),
    error: (line) => err.push(line),
    fetch: workerFetch,
    intervalMs: 100,
  });
  return { status, out, err };
}

/** The chatbot sends a message, and its conversation reaches the index (as it does within a second). */
async function send(t: Tenant, conversationId: string, content: string) {
  await sdk(t.ingestKey).openbat.recordMessages({ conversationId, messages: [{ role: "user", content }] });
  await syncIndex(conversationStub(env, t.chatbotId, conversationId));
}

/** Resolves once `lines` has a line containing `text`. */
async function printed(lines: string[], text: string) {
  while (!lines.some((l) => l.includes(text))) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("npx openbat verify", () => {
  it("waits for the chatbot's first message and exits 0 when it arrives", async () => {
    const t = await createTenant();
    const run = verify(["--key", t.readKey, "--base-url", BASE, "--timeout", "60"]);
    await printed(run.out, "Waiting for the first message");
    await send(t, "verify-first", "Hello, is this thing on?");
    expect(await run.status).toBe(0);
    expect(run.out.at(-1)).toBe("✓ Message received: conversation verify-first has 1 message. OpenBat is recording your chatbot.");
  });

  it("waits for the next message when the chatbot has some already, reading key and URL from the environment", async () => {
    const t = await createTenant();
    await send(t, "verify-old", "An old message");
    const run = verify(["--timeout=60"], { OPENBAT_READ_KEY: t.readKey, OPENBAT_BASE_URL: BASE });
    await printed(run.out, "Waiting for the next message");
    expect(run.out[0]).toContain("in verify-old");
    await send(t, "verify-new", "A new one");
    expect(await run.status).toBe(0);
    expect(run.out.at(-1)).toContain("conversation verify-new has 1 message");
  });

  it("exits 2 when no message arrives in time", async () => {
    const t = await createTenant();
    const run = verify(["--key", t.readKey, "--base-url", BASE, "--timeout", "0.3"]);
    expect(await run.status).toBe(2);
    expect(run.err.join("\n")).toContain("No message within 0.3 s");
  });

  it("exits 1 when OpenBat refuses the key, and 64 for a capture key or a missing setting", async () => {
    const t = await createTenant();
    const refused = verify(["--key", "ob_read_not-a-real-key", "--base-url", BASE]);
    expect(await refused.status).toBe(1);
    expect(refused.err.join("\n")).toMatch(/^✗ 401: /);

    const ingest = verify(["--key", t.ingestKey, "--base-url", BASE]);
    expect(await ingest.status).toBe(64);
    expect(ingest.err.join("\n")).toContain("needs a read key");
    expect(await verify(["--key", t.readKey]).status).toBe(64);
    expect(await runCli(["deploy"], { env: {}, print: () => {}, error: () => {} })).toBe(64);
  });

  it("prints its usage and exits 0 for --help, before or after verify, with nothing else needed", async () => {
    for (const args of [["--help"], ["verify", "--help"], ["verify", "--key", "ob_read_x", "-h"]]) {
      const out: string[] = [];
      const err: string[] = [];
      expect(await runCli(args, { env: {}, print: (line) => out.push(line), error: (line) => err.push(line) })).toBe(0);
      expect(out.join("\n")).toMatch(/^Usage: openbat verify/);
      expect(err).toEqual([]);
    }
  });
});
