/**
 * `npm start`: the whole product on this machine with embedded defaults — local D1, Durable Objects
 * and Queues under .wrangler/, the embedded analyzer, a seeded demo tenant — then `wrangler dev`.
 * No Cloudflare account is used or needed.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { CREDENTIALS_FILE, seedDemoTenant, type DemoCredentials } from "./seed";
import { localTracingEnv, wrangler } from "./wrangler";

const PORT = Number(process.env.PORT ?? 8787);
const HOST = process.env.HOST ?? "127.0.0.1";
const url = `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`;

/** Local secrets and settings live in .dev.vars (git-ignored); made once, kept across restarts. */
function ensureDevVars(): void {
  const current = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const wanted: Record<string, () => string> = {
    CONVERSATION_TOKEN_SECRET: () => randomBytes(32).toString("hex"),
    SECRETS_KEY: () => randomBytes(32).toString("hex"),
    // A webhook receiver on this machine is the usual way to try workflows locally.
    WEBHOOKS_ALLOW_LOOPBACK: () => "true",
    // No mail server locally: invitation and reset links are printed in this terminal.
    LOG_EMAILS: () => "true",
  };
  const missing = Object.entries(wanted).filter(([name]) => !new RegExp(`^${name}=`, "m").test(current));
  if (missing.length) writeFileSync(".dev.vars", missing.map(([name, make]) => `${name}=${make()}\n`).join(""), { flag: "a" });
}

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the local server did not answer on ${url} within ${timeoutMs / 1000}s`);
}

function banner(c: DemoCredentials): string {
  return [
    "",
    "  OpenBat is running locally",
    `  API and dashboard   ${c.url}`,
    `  Demo login          ${c.email} / ${c.password}`,
    `  Organization        ${c.organizationId}`,
    `  Chatbot             ${c.chatbotId}`,
    `  Ingest key          ${c.ingestKey}`,
    `  Publishable key     ${c.publishableKey}`,
    `  Read key            ${c.readKey}`,
    `  Admin key           ${c.adminKey}`,
    "",
    "  Try it:",
    `    curl -s ${c.url}/api/v1/capture -H 'authorization: Bearer ${c.ingestKey}' \\`,
    `      -H 'content-type: application/json' \\`,
    `      -d '{"conversationId":"hello-1","messages":[{"role":"user","content":"Hi there!"}]}'`,
    "",
    "  Live traffic for the dashboard (in another terminal): npm run demo",
    "  The same as JSON: npm run --silent demo:credentials   Stop: Ctrl+C",
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  await import("./build-dashboard.mjs");
  ensureDevVars();
  console.log("Applying D1 migrations to the local database…");
  await wrangler(["d1", "migrations", "apply", "DB", "--local"]);
  const credentials = await seedDemoTenant(url);

  const dev = spawn("npx", ["wrangler", "dev", "--local", "--ip", HOST, "--port", String(PORT), "--show-interactive-dev-session=false"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", ...localTracingEnv() },
  });
  const stop = () => dev.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  dev.on("exit", (code) => process.exit(code ?? 0));

  await waitForHealth(60_000);
  console.log(banner(credentials));
  if (localTracingEnv().X_LOCAL_OBSERVABILITY !== "false") console.log("  Local tracing is on (X_LOCAL_OBSERVABILITY): every storage call is recorded, and everything runs slower.\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

export { CREDENTIALS_FILE };
