import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_DATABASE_ID } from "../../scripts/deploy-config";

const repo = path.resolve(import.meta.dirname, "../..");
const outDir = path.join(repo, ".openbat/dry-run");

describe("npm run deploy -- --dry-run", () => {
  it("builds, generates the deploy config and bundles the Worker on this checkout without a Cloudflare account", async () => {
    // What an earlier run left cannot stand in for this one's output.
    rmSync(outDir, { recursive: true, force: true });
    // No account: whatever credentials the machine has are taken away, so nothing remote can be reached.
    const env = { ...process.env, CLOUDFLARE_API_TOKEN: "", CLOUDFLARE_ACCOUNT_ID: "", CI: "true" };
    const { stdout } = await promisify(execFile)("npm", ["run", "deploy", "--", "--dry-run"], { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain("--dry-run: exiting now.");
    expect(stdout).toContain("Dry run complete");
    expect(stdout).toContain("would find or create: Vectorize index openbat-messages (1024 dimensions, cosine; metadata index chatbotId: string)");

    const config = JSON.parse(readFileSync(path.join(outDir, "wrangler.deploy.json"), "utf8"));
    expect(config.d1_databases[0].database_id).toBe(PLACEHOLDER_DATABASE_ID);
    expect(config.vectorize).toEqual([expect.objectContaining({ binding: "VECTORIZE", index_name: "openbat-messages" })]);
    expect(path.resolve(outDir, config.main)).toBe(path.join(repo, "worker/index.ts"));
    expect(existsSync(path.join(outDir, "dist/index.js"))).toBe(true);
  });
});
