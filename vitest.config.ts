import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
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
          // A small capture limit so the 429 path is reachable in a test; every test uses its own keys.
          ratelimits: {
            CAPTURE_LIMITER: { namespace_id: "1001", simple: { limit: 25, period: 60 } },
            READ_LIMITER: { namespace_id: "1002", simple: { limit: 25, period: 60 } },
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/setup.ts"],
    },
  };
});
