import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files whose subject reads every tenant's rows (the semantic back-fill scans the whole index): they run in an
 * isolate and database of their own instead of beside the other files.
 */
const NEED_AN_EMPTY_DATABASE = ["test/integration/search-backfill.test.ts"];

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  // The Worker under test in workerd, for the two projects below.
  const workerd = () =>
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // Workers AI is remote-only; tests never call it (a fake AI binding stands in where needed).
      remoteBindings: false,
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          CONVERSATION_TOKEN_SECRET: "test-conversation-token-secret",
          SECRETS_KEY: "test-secrets-key",
          LOG_EMAILS: "true",
          // Pinned, so a .dev.vars left by `npm start` cannot change what the tests see.
          WEBHOOKS_ALLOW_LOOPBACK: "false",
          ANALYZER: "embedded",
        },
        // Tests drive the webhooks consumer by hand (createMessageBatch), so what the Worker enqueues
        // goes to a queue nobody consumes instead of being delivered in the background.
        queueProducers: { WEBHOOKS: { queueName: "openbat-webhooks-under-test" } },
        // The index queue keeps its real consumer, delivering at once instead of gathering for a second, so a
        // test's syncIndex (test/helpers/index-queue.ts) waits for the delivery, not for a batching timer.
        queueConsumers: { "openbat-index": { maxBatchTimeout: 0 } },
        // The email queue (EMAILS) keeps its real name and consumer: with LOG_EMAILS=true the consumer logs
        // each email, which is how tests read an emailed link (test/helpers/member.ts). Tests of the email
        // consumer itself record what is queued instead (test/queue/email.test.ts) and drive it by hand.
        // A small capture limit so the 429 path is reachable in a test; every test uses its own keys.
        ratelimits: {
          CAPTURE_LIMITER: { namespace_id: "1001", simple: { limit: 25, period: 60 } },
          READ_LIMITER: { namespace_id: "1002", simple: { limit: 25, period: 60 } },
          MEMBER_READ_LIMITER: { namespace_id: "1004", simple: { limit: 50, period: 60 } },
          // Browser connects: per address and per conversation well below the per-key budget, as in production.
          LIVE_CLIENT_LIMITER: { namespace_id: "1101", simple: { limit: 10, period: 60 } },
          LIVE_CONVERSATION_LIMITER: { namespace_id: "1102", simple: { limit: 10, period: 60 } },
          LIVE_KEY_LIMITER: { namespace_id: "1103", simple: { limit: 100, period: 60 } },
          AUTH_LIMITER: { namespace_id: "1003", simple: { limit: 20, period: 60 } },
        },
      },
    });
  return {
    test: {
      projects: [
        {
          plugins: [workerd()],
          test: {
            name: "workers",
            include: ["test/**/*.test.ts"],
            // The browser tests run in Node (the e2e project below), never inside workerd.
            exclude: [...configDefaults.exclude, "test/e2e/**", "test/deploy/**", "test/generated/**", ...NEED_AN_EMPTY_DATABASE],
            setupFiles: ["./test/setup.ts"],
            // One isolate runs file after file: loading the Worker (analyzer models and all) once instead of once a file
            // cut this project from ~12 minutes to ~2.5 on two cores. Tests share the database, so each makes its own
            // tenant (test/helpers/tenant.ts) and never counts rows beyond it.
            isolate: false,
          },
        },
        {
          plugins: [workerd()],
          test: {
            name: "workers-isolated",
            include: NEED_AN_EMPTY_DATABASE,
            setupFiles: ["./test/setup.ts"],
          },
        },
        {
          // Files generated from the contract (`npm run api:types`) still match the routes and schemas they come from.
          test: {
            name: "generated",
            environment: "node",
            include: ["test/generated/**/*.test.ts"],
            testTimeout: 60_000,
          },
        },
        {
          // `npm run deploy -- --dry-run` on this checkout (no account), and the deploy config it generates.
          test: {
            name: "deploy",
            environment: "node",
            include: ["test/deploy/**/*.test.ts"],
            testTimeout: 240_000,
            // After the workers project, beside the browser tests: it is mostly waiting on wrangler.
            sequence: { groupOrder: 1 },
          },
        },
        {
          // The dashboard in Debian's Chromium against `wrangler dev` (test/e2e/global-setup.ts starts it).
          test: {
            name: "e2e",
            environment: "node",
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["./test/e2e/global-setup.ts"],
            testTimeout: 120_000,
            hookTimeout: 180_000,
            fileParallelism: false,
            // After the workers project: the two never compete for this machine's two cores.
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
