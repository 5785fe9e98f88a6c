/**
 * Global setup of the e2e project: builds the dashboard, starts the whole product with `wrangler dev` on a
 * free port with a fresh local state of its own (migrations applied, demo tenant seeded — the same steps as
 * `npm start`), waits for /health, hands the URL and the demo credentials to the tests, and stops the
 * server (its whole process group) afterwards. Without Chromium nothing is started and the tests say why.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedDemoTenant } from "../../scripts/seed";
import { localTracingEnv, wrangler } from "../../scripts/wrangler";
import type { E2EContext } from "./context";

const repo = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with code ${server.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the e2e server did not answer on ${url}/health within ${timeoutMs / 1000}s`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    server.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    try {
      // The negative pid signals the whole group: npx, wrangler and workerd.
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      clearTimeout(kill);
      resolve();
    }
  });
}

/**
 * The limits the browser tests raise, and to what: every suite signs in as the demo owner at once, from one
 * address, and reads as that one member (and one key) — many members' worth of log-ins and reads a minute.
 */
const E2E_LIMITS = { READ_LIMITER: 3000, MEMBER_READ_LIMITER: 3000, AUTH_LIMITER: 600 };

/**
 * wrangler.toml with one change for the browser tests: the read limits (per member 1,200 a minute in the
 * product, per key 300) and the log-ins per address (20 a minute) are raised, because every browser suite
 * signs in as the same demo owner from the same address at the same time — together many members' worth of
 * log-ins and reading (the workers tests likewise set limits of their own in vitest.config.ts). Written
 * beside wrangler.toml, so its relative paths hold; removed at teardown.
 */
function e2eConfig(): string {
  const file = path.join(repo, `.wrangler-e2e-${process.pid}.toml`);
  let config = readFileSync(path.join(repo, "wrangler.toml"), "utf8");
  for (const [name, limit] of Object.entries(E2E_LIMITS)) {
    const raised = config.replace(new RegExp(`(name = "${name}"\\nnamespace_id = "\\d+"\\nsimple = \\{ limit = )\\d+`), `$1${limit}`);
    if (raised === config) throw new Error(`wrangler.toml: the ${name} block was not found to raise its limit for the browser tests`);
    config = raised;
  }
  writeFileSync(file, config);
  return file;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!existsSync(CHROMIUM)) {
    const context: E2EContext = {
      skipReason: `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
      chromium: CHROMIUM,
      url: "",
      demo: { email: "", password: "", organizationId: "", chatbotId: "", ingestKey: "", readKey: "", adminKey: "" },
      logFile: "",
    };
    project.provide("e2e", context);
    return;
  }

  const built = spawnSync(process.execPath, [path.join(repo, "scripts/build-dashboard.mjs")], { cwd: repo, stdio: "inherit" });
  if (built.status !== 0) throw new Error("the dashboard build failed");

  const state = mkdtempSync(path.join(tmpdir(), "openbat-e2e-"));
  const port = await freePort();
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { quiet: true });
  const demo = await seedDemoTenant(url, { persistTo: state, credentialsFile: path.join(state, "demo-credentials.json") });

  // What `npm start` puts in .dev.vars, as flags, so this server never depends on a developer's file.
  const vars = {
    CONVERSATION_TOKEN_SECRET: randomBytes(32).toString("hex"),
    SECRETS_KEY: randomBytes(32).toString("hex"),
    WEBHOOKS_ALLOW_LOOPBACK: "true",
    LOG_EMAILS: "true",
  };
  const logFile = path.join(state, "server.log");
  const log = createWriteStream(logFile);
  const config = e2eConfig();
  const server = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--config",
      config,
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    {
      cwd: repo,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", ...localTracingEnv() },
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  const teardown = async () => {
    await stop(server);
    log.end();
    rmSync(config, { force: true });
    if (!process.env.KEEP_E2E_STATE) rmSync(state, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, server, 120_000);
  } catch (error) {
    await teardown();
    throw error;
  }

  const context: E2EContext = {
    skipReason: null,
    chromium: CHROMIUM,
    url,
    demo: {
      email: demo.email,
      password: demo.password,
      organizationId: demo.organizationId,
      chatbotId: demo.chatbotId,
      ingestKey: demo.ingestKey,
      readKey: demo.readKey,
      adminKey: demo.adminKey,
    },
    logFile,
  };
  project.provide("e2e", context);
  return teardown;
}
