/**
 * `npm run deploy`: OpenBat on your Cloudflare account in one command, safe to run again.
 *
 *  1. builds the dashboard (the Worker serves it as static assets);
 *  2. finds or creates the D1 database, every queue wrangler.toml names (dead-letter queues too) and the
 *     Vectorize index semantic search uses (bge-m3's 1,024 dimensions, cosine, a chatbotId metadata index);
 *  3. writes the ids into .openbat/deploy.json and generates .openbat/wrangler.deploy.json from
 *     wrangler.toml (real database id, this deployment's [vars]) — wrangler.toml is never edited;
 *  4. checks the settings and Worker secrets the deployment needs, and says how to set each missing one
 *     (`--generate-secrets` sets the two random ones, SECRETS_KEY and CONVERSATION_TOKEN_SECRET, when missing);
 *  5. applies the D1 migrations remotely and deploys.
 *
 * `npm run deploy -- --dry-run` needs no account and no network: it builds, generates the config with a
 * placeholder database id under .openbat/dry-run/ and runs `wrangler deploy --dry-run`. CI runs it
 * (test/deploy/dry-run.test.ts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  databaseOf,
  deployConfig,
  metadataIndexCommand,
  missingSettings,
  PLACEHOLDER_DATABASE_ID,
  queueNames,
  requiredSecrets,
  vectorIndexCommands,
  vectorIndexes,
  vectorIndexMismatch,
  type DeployState,
  type RawConfig,
  type VectorIndexNeed,
} from "./deploy-config";

const repo = path.resolve(import.meta.dirname, "..");
const stateDir = path.join(repo, ".openbat");
const stateFile = path.join(stateDir, "deploy.json");
const args = new Set(process.argv.slice(2));
const dryRun = args.has("--dry-run");
const generateSecrets = args.has("--generate-secrets");
const shown = (file: string) => path.relative(process.cwd(), file) || ".";

/** Runs wrangler and resolves with its output; rejects with it on failure. */
function wrangler(argv: string[], options: { input?: string; echo?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["wrangler", ...argv], {
      cwd: repo,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "true" },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      if (options.echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d;
      if (options.echo) process.stderr.write(d);
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${argv.join(" ")} failed (exit ${code}):\n${out.trim()}`))));
  });
}

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

async function readWranglerToml(): Promise<RawConfig> {
  const { experimental_readRawConfig } = await import("wrangler");
  return experimental_readRawConfig({ config: path.join(repo, "wrangler.toml") }).rawConfig as unknown as RawConfig;
}

function readState(): DeployState {
  return existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as DeployState) : {};
}

function writeJson(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function findOrCreateDatabase(name: string): Promise<string> {
  const find = async () => (JSON.parse(await wrangler(["d1", "list", "--json"])) as { uuid: string; name: string }[]).find((d) => d.name === name)?.uuid;
  const found = await find();
  if (found) {
    console.log(`  D1 database ${name}: found (${found})`);
    return found;
  }
  await wrangler(["d1", "create", name]);
  const made = await find();
  if (!made) throw new Error(`created the D1 database ${name}, but it is not listed`);
  console.log(`  D1 database ${name}: created (${made})`);
  return made;
}

async function findOrCreateQueue(name: string): Promise<void> {
  try {
    await wrangler(["queues", "info", name]);
    console.log(`  queue ${name}: found`);
  } catch {
    try {
      await wrangler(["queues", "create", name]);
      console.log(`  queue ${name}: created`);
    } catch (error) {
      // Made meanwhile (or `info` failed for another reason): a name already taken is what we want.
      if (!/already (exists|taken)/i.test(String(error))) throw error;
      console.log(`  queue ${name}: found`);
    }
  }
}

/**
 * Finds the Vectorize index (refusing one made for another model) or creates it, and makes sure the
 * metadata indexes queries filter on exist.
 */
async function findOrCreateVectorIndex(need: VectorIndexNeed): Promise<void> {
  let found: { config?: { dimensions?: number; metric?: string } } | null = null;
  try {
    found = JSON.parse(await wrangler(["vectorize", "get", need.name, "--json"])) as typeof found;
  } catch (error) {
    if (!/not.?found|does not exist|3000/i.test(String(error))) throw error;
  }
  if (!found) {
    for (const command of vectorIndexCommands(need)) await wrangler(command);
    console.log(`  Vectorize index ${need.name}: created (${need.dimensions} dimensions, ${need.metric}; metadata index ${need.metadataIndexes.map((m) => m.propertyName).join(", ")})`);
    return;
  }
  const mismatch = vectorIndexMismatch(need, found.config ?? {});
  if (mismatch) throw new Error(mismatch);
  const listed = JSON.parse(await wrangler(["vectorize", "list-metadata-index", need.name, "--json"])) as { propertyName: string }[] | { metadataIndexes?: { propertyName: string }[] };
  const have = new Set((Array.isArray(listed) ? listed : (listed.metadataIndexes ?? [])).map((m) => m.propertyName));
  for (const m of need.metadataIndexes.filter((m) => !have.has(m.propertyName))) {
    await wrangler(metadataIndexCommand(need.name, m));
    console.log(`  Vectorize index ${need.name}: metadata index ${m.propertyName} created`);
  }
  console.log(`  Vectorize index ${need.name}: found`);
}

/** Names of the Worker's secrets; none when the Worker does not exist yet (first deploy). */
async function secretNames(configFile: string): Promise<Set<string>> {
  try {
    const listed = JSON.parse(await wrangler(["secret", "list", "--format", "json", "-c", configFile])) as { name: string }[];
    return new Set(listed.map((s) => s.name));
  } catch (error) {
    if (/not found|does not exist|10007/i.test(String(error))) return new Set();
    throw error;
  }
}

async function main() {
  step("Building the dashboard");
  await import("./build-dashboard.mjs");

  const config = await readWranglerToml();
  const database = databaseOf(config);
  const queues = queueNames(config);
  const indexes = vectorIndexes(config);
  const state = readState();
  const vars = { ...(config.vars ?? {}), ...(state.vars ?? {}) };

  if (dryRun) {
    const outDir = path.join(stateDir, "dry-run");
    const configFile = path.join(outDir, "wrangler.deploy.json");
    step(`Dry run: no account is used; the config gets a placeholder database id (${shown(configFile)})`);
    writeJson(configFile, deployConfig(config, repo, outDir, PLACEHOLDER_DATABASE_ID, state.vars));
    console.log(`  would find or create: D1 database ${database.database_name}; queues ${queues.join(", ")}`);
    for (const index of indexes) {
      console.log(`  would find or create: Vectorize index ${index.name} (${index.dimensions} dimensions, ${index.metric}; metadata index ${index.metadataIndexes.map((m) => `${m.propertyName}: ${m.type}`).join(", ")})`);
    }
    console.log(`  would check secrets: ${requiredSecrets(vars, shown(configFile)).map((s) => s.name).join(", ")}`);
    for (const missing of missingSettings(vars, shown(stateFile))) console.log(`  setting to add before a real deploy: ${missing}`);
    step("wrangler deploy --dry-run");
    await wrangler(["deploy", "--dry-run", "--outdir", path.join(outDir, "dist"), "-c", configFile], { echo: true });
    console.log("\nDry run complete: the Worker bundles and the config is valid. Run `npm run deploy` to deploy.");
    return;
  }

  step("Finding or creating the D1 database, queues and Vectorize index");
  const databaseId = await findOrCreateDatabase(database.database_name);
  for (const queue of queues) await findOrCreateQueue(queue);
  for (const index of indexes) await findOrCreateVectorIndex(index);
  const next: DeployState = { ...state, databaseId, queues, vectorIndexes: indexes.map((i) => i.name), vars: state.vars ?? {} };
  writeJson(stateFile, next);
  const configFile = path.join(stateDir, "wrangler.deploy.json");
  writeJson(configFile, deployConfig(config, repo, stateDir, databaseId, next.vars));
  console.log(`  ids written to ${shown(stateFile)}; deploy config generated: ${shown(configFile)}`);

  step("Checking settings and secrets");
  const missing = missingSettings(vars, shown(stateFile));
  let set = await secretNames(configFile);
  const needed = requiredSecrets(vars, shown(configFile));
  if (generateSecrets) {
    for (const secret of needed.filter((s) => !set.has(s.name) && s.name !== "EMAIL_API_KEY")) {
      await wrangler(["secret", "put", secret.name, "-c", configFile], { input: randomBytes(32).toString("hex") });
      console.log(`  ${secret.name}: generated and set`);
    }
    set = await secretNames(configFile);
  }
  const unset = needed.filter((s) => !set.has(s.name));
  for (const s of needed.filter((s) => set.has(s.name))) console.log(`  ${s.name}: set`);
  if (missing.length || unset.length) {
    console.error("\nNot deployed: set these first, then run `npm run deploy` again.");
    for (const m of missing) console.error(`  - ${m}`);
    for (const s of unset) console.error(`  - ${s.name} (${s.why}):\n      ${s.how}`);
    if (unset.some((s) => s.name !== "EMAIL_API_KEY")) console.error("    (or `npm run deploy -- --generate-secrets` sets SECRETS_KEY and CONVERSATION_TOKEN_SECRET to random values)");
    process.exitCode = 1;
    return;
  }

  step("Applying D1 migrations (remote)");
  await wrangler(["d1", "migrations", "apply", database.database_name, "--remote", "-c", configFile], { echo: true });

  step("Deploying");
  const out = await wrangler(["deploy", "-c", configFile], { echo: true });
  const url = out.match(/https:\/\/\S+\.workers\.dev/)?.[0];
  console.log(
    `\nDeployed${url ? ` to ${url}` : ""}. Create the first organization and its admin on the dashboard's sign-up page` +
      `${url ? ` (${url}/signup)` : " (/signup)"}: the confirmation link is emailed from ${vars.EMAIL_FROM}.`,
  );
}

main().catch((error) => {
  console.error(`\nDeploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
