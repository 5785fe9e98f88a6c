import path from "node:path";
import { describe, expect, it } from "vitest";
import { deployConfig, missingSettings, queueNames, requiredSecrets, vectorIndexCommands, vectorIndexes, vectorIndexMismatch, type RawConfig } from "../../scripts/deploy-config";

const config: RawConfig = {
  name: "openbat",
  main: "worker/index.ts",
  assets: { directory: "./dashboard/dist", binding: "ASSETS" },
  d1_databases: [{ binding: "DB", database_name: "openbat", database_id: "0000", migrations_dir: "migrations" }],
  queues: {
    producers: [{ queue: "openbat-webhooks" }, { queue: "openbat-email" }],
    consumers: [
      { queue: "openbat-webhooks", dead_letter_queue: "openbat-webhooks-dlq" },
      { queue: "openbat-webhooks-dlq" },
      { queue: "openbat-email", dead_letter_queue: "openbat-email-dlq" },
    ],
  },
  vectorize: [{ binding: "VECTORIZE", index_name: "openbat-messages", remote: true }],
  vars: { ANALYZER: "embedded", EMAIL_FROM: "" },
};

describe("the generated deploy config", () => {
  it("carries the real database id and this deployment's vars over wrangler.toml's, with paths from its own directory", () => {
    const out = deployConfig(config, "/repo", "/repo/.openbat", "real-id", { EMAIL_FROM: "OpenBat <a@b.example>" });
    expect(out.d1_databases![0]).toMatchObject({ database_id: "real-id", migrations_dir: "../migrations" });
    expect(out.main).toBe(path.join("..", "worker/index.ts"));
    expect(out.assets).toEqual({ directory: "../dashboard/dist", binding: "ASSETS" });
    expect(out.vars).toEqual({ ANALYZER: "embedded", EMAIL_FROM: "OpenBat <a@b.example>" });
    expect(config.d1_databases![0]!.database_id).toBe("0000");
  });

  it("lists every queue once, dead-letter queues included", () => {
    expect(queueNames(config).sort()).toEqual(["openbat-email", "openbat-email-dlq", "openbat-webhooks", "openbat-webhooks-dlq"]);
  });

  it("asks for EMAIL_API_KEY only when sending through Resend, and for a sender unless emails are only logged", () => {
    expect(requiredSecrets({ EMAIL_TRANSPORT: "cloudflare" }, "c.json").map((s) => s.name)).toEqual(["SECRETS_KEY", "CONVERSATION_TOKEN_SECRET"]);
    const resend = requiredSecrets({ EMAIL_TRANSPORT: "resend" }, "c.json");
    expect(resend.map((s) => s.name)).toContain("EMAIL_API_KEY");
    expect(resend[0]!.how).toBe("openssl rand -hex 32 | npx wrangler secret put SECRETS_KEY -c c.json");
    expect(missingSettings({ EMAIL_TRANSPORT: "cloudflare", EMAIL_FROM: "" }, "d.json")).toHaveLength(1);
    expect(missingSettings({ EMAIL_TRANSPORT: "cloudflare", EMAIL_FROM: "a@b.example" }, "d.json")).toEqual([]);
  });

  it("refuses the log transport in a deployment: it would print one-time links into the Worker's logs", () => {
    const settings = { EMAIL_TRANSPORT: "cloudflare", EMAIL_FROM: "a@b.example", LOG_EMAILS: "true" };
    expect(missingSettings(settings, "d.json")).toEqual([expect.stringMatching(/^LOG_EMAILS: remove it from the "vars" of d\.json/)]);
    expect(missingSettings({ LOG_EMAILS: "true" }, "d.json").map((m) => m.split(":")[0])).toEqual(["LOG_EMAILS", "EMAIL_FROM", "EMAIL_TRANSPORT"]);
  });

  it("creates the Vectorize index for bge-m3 (1,024 dimensions, cosine) with the chatbotId metadata index search filters on", () => {
    const [index] = vectorIndexes(config);
    expect(vectorIndexes(config)).toHaveLength(1);
    expect(vectorIndexCommands(index!)).toEqual([
      ["vectorize", "create", "openbat-messages", "--dimensions=1024", "--metric=cosine"],
      ["vectorize", "create-metadata-index", "openbat-messages", "--propertyName=chatbotId", "--type=string"],
    ]);
    expect(vectorIndexes({ ...config, vectorize: undefined })).toEqual([]);
  });

  it("refuses an existing index made for another embedding model, naming both sizes", () => {
    const [index] = vectorIndexes(config);
    expect(vectorIndexMismatch(index!, { dimensions: 1024, metric: "cosine" })).toBeNull();
    expect(vectorIndexMismatch(index!, { dimensions: 768, metric: "cosine" })).toMatch(/768 dimensions.*needs 1024 \(cosine\)/);
    expect(vectorIndexMismatch(index!, { dimensions: 1024, metric: "euclidean" })).toMatch(/euclidean/);
  });
});
