/**
 * The demo tenant `npm start` seeds into the local D1: an organization, an owner who can log in, a
 * chatbot and one key of each kind. Idempotent: kept across restarts, re-made if the local database
 * was wiped. Plaintext keys are kept only in .wrangler/ (git-ignored) so `demo:credentials` can print them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { sha256Hex } from "../worker/services/crypto";
import { displayPrefix, generateSecret } from "../worker/services/keys";
import { hashPassword } from "../worker/services/passwords";
import { randomBase62 } from "../worker/services/ids";
import { wrangler } from "./wrangler";

export const CREDENTIALS_FILE = ".wrangler/demo-credentials.json";

export interface DemoCredentials {
  url: string;
  email: string;
  password: string;
  organizationId: string;
  chatbotId: string;
  ingestKey: string;
  publishableKey: string;
  readKey: string;
  adminKey: string;
}

const ORG = "org_demo";
const CHATBOT = "cb_demo";
const EMAIL = "demo@openbat.local";

/** Where the local state lives: wrangler's default (.wrangler/state, `npm start`) or a directory of its own (the e2e tests). */
export interface SeedOptions {
  /** Passed to wrangler as `--persist-to`. */
  persistTo?: string;
  /** Where the plaintext credentials are kept (default CREDENTIALS_FILE). */
  credentialsFile?: string;
}

const local = (options: SeedOptions) => ["--local", ...(options.persistTo ? ["--persist-to", options.persistTo] : [])];

const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

async function demoExists(options: SeedOptions): Promise<boolean> {
  const out = await wrangler(["d1", "execute", "DB", ...local(options), "--json", "--command", `SELECT id FROM chatbots WHERE id = '${CHATBOT}'`], { quiet: true });
  const parsed = JSON.parse(out) as { results: unknown[] }[];
  return (parsed[0]?.results.length ?? 0) > 0;
}

export async function seedDemoTenant(url: string, options: SeedOptions = {}): Promise<DemoCredentials> {
  const credentialsFile = options.credentialsFile ?? CREDENTIALS_FILE;
  if (existsSync(credentialsFile) && (await demoExists(options))) {
    const saved = JSON.parse(readFileSync(credentialsFile, "utf8")) as DemoCredentials;
    return { ...saved, url };
  }
  console.log("Seeding the demo tenant…");
  const now = Date.now();
  const password = `demo-${randomBase62(8)}`;
  const keys = {
    ingestKey: generateSecret("ingest"),
    publishableKey: generateSecret("publishable"),
    readKey: generateSecret("read"),
    adminKey: generateSecret("admin"),
  };
  const kinds = { ingestKey: "ingest", publishableKey: "publishable", readKey: "read", adminKey: "admin" } as const;
  const statements = [
    `DELETE FROM organizations WHERE id = ${q(ORG)}`,
    `DELETE FROM members WHERE email = ${q(EMAIL)}`,
    `INSERT INTO organizations (id, name, created_at) VALUES (${q(ORG)}, 'Demo Inc.', ${now})`,
    `INSERT INTO members (id, email, name, password_hash, created_at) VALUES ('mem_demo', ${q(EMAIL)}, 'Demo Owner', ${q(await hashPassword(password))}, ${now})`,
    `INSERT INTO memberships (organization_id, member_id, role, created_at) VALUES (${q(ORG)}, 'mem_demo', 'owner', ${now})`,
    `INSERT INTO chatbots (id, organization_id, name, status, idle_timeout_minutes, created_at) VALUES (${q(CHATBOT)}, ${q(ORG)}, 'Demo support bot', 'pending', 30, ${now})`,
  ];
  for (const [field, secret] of Object.entries(keys) as [keyof typeof keys, string][]) {
    statements.push(
      `INSERT INTO api_keys (id, organization_id, chatbot_id, kind, name, prefix, hash, created_at) VALUES (${q(`key_demo_${kinds[field]}`)}, ${q(ORG)}, ${q(CHATBOT)}, ${q(kinds[field])}, ${q(`Demo ${kinds[field]} key`)}, ${q(displayPrefix(secret))}, ${q(await sha256Hex(secret))}, ${now})`,
    );
  }
  mkdirSync(".wrangler/tmp", { recursive: true });
  const file = `.wrangler/tmp/seed-${randomBytes(4).toString("hex")}.sql`;
  writeFileSync(file, statements.join(";\n") + ";\n");
  await wrangler(["d1", "execute", "DB", ...local(options), "--file", file], { quiet: true });
  const credentials: DemoCredentials = { url, email: EMAIL, password, organizationId: ORG, chatbotId: CHATBOT, ...keys };
  mkdirSync(dirname(credentialsFile), { recursive: true });
  writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
