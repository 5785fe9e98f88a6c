/**
 * The deployment config `npm run deploy` generates: wrangler.toml as written, with the account's real
 * D1 database id and this deployment's own [vars] (from .openbat/deploy.json), and its paths made
 * relative to where the generated file lives. wrangler.toml itself is never edited.
 */
import path from "node:path";

export const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";

/** The part of a wrangler config this script reads or rewrites; everything else passes through. */
export interface RawConfig {
  name: string;
  main: string;
  assets?: { directory?: string } & Record<string, unknown>;
  d1_databases?: ({ binding: string; database_name: string; database_id?: string; migrations_dir?: string } & Record<string, unknown>)[];
  queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
  vars?: Record<string, string>;
  [key: string]: unknown;
}

/** What .openbat/deploy.json holds: ids found or made in the account, and settings of this deployment. */
export interface DeployState {
  /** The D1 database's id, by the database name in wrangler.toml. */
  databaseId?: string;
  /** Queues found or created. */
  queues?: string[];
  /** [vars] for this deployment on top of wrangler.toml's, e.g. EMAIL_FROM, OWN_HOSTS, ANALYZER. */
  vars?: Record<string, string>;
}

/** Every queue the Worker produces to or consumes from, dead-letter queues included, each once. */
export function queueNames(config: RawConfig): string[] {
  const names = [
    ...(config.queues?.producers ?? []).map((p) => p.queue),
    ...(config.queues?.consumers ?? []).flatMap((c) => [c.queue, ...(c.dead_letter_queue ? [c.dead_letter_queue] : [])]),
  ];
  return [...new Set(names)];
}

export function databaseOf(config: RawConfig) {
  const db = config.d1_databases?.[0];
  if (!db) throw new Error("wrangler.toml has no [[d1_databases]] entry");
  return db;
}

/**
 * The generated config, to be written into `outDir` (paths in it are relative to that directory, as
 * wrangler resolves them from the config file's own place).
 */
export function deployConfig(config: RawConfig, repoDir: string, outDir: string, databaseId: string, vars: Record<string, string> = {}): RawConfig {
  const rel = (p: string) => path.relative(outDir, path.resolve(repoDir, p)) || ".";
  return {
    ...config,
    main: rel(config.main),
    ...(config.assets?.directory ? { assets: { ...config.assets, directory: rel(config.assets.directory) } } : {}),
    d1_databases: (config.d1_databases ?? []).map((db, i) => ({
      ...db,
      ...(i === 0 ? { database_id: databaseId } : {}),
      ...(db.migrations_dir ? { migrations_dir: rel(db.migrations_dir) } : {}),
    })),
    vars: { ...(config.vars ?? {}), ...vars },
  };
}

export interface SecretNeed {
  name: string;
  why: string;
  /** How to set it, as a command line to copy. */
  how: string;
}

/** The Worker secrets this deployment's settings need. */
export function requiredSecrets(vars: Record<string, string>, configFile: string): SecretNeed[] {
  const random = (name: string) => `openssl rand -hex 32 | npx wrangler secret put ${name} -c ${configFile}`;
  const needs: SecretNeed[] = [
    { name: "SECRETS_KEY", why: "encrypts webhook signing secrets at rest (keep it: a new one makes existing destinations unusable)", how: random("SECRETS_KEY") },
    { name: "CONVERSATION_TOKEN_SECRET", why: "signs the conversation tokens browsers connect with", how: random("CONVERSATION_TOKEN_SECRET") },
  ];
  if (vars.LOG_EMAILS !== "true" && vars.EMAIL_TRANSPORT === "resend") {
    needs.push({ name: "EMAIL_API_KEY", why: "sends email through Resend (EMAIL_TRANSPORT = \"resend\")", how: `npx wrangler secret put EMAIL_API_KEY -c ${configFile}   # paste the Resend API key` });
  }
  return needs;
}

/** Settings that must be set as [vars] before a deployment can work, with how to set each. */
export function missingSettings(vars: Record<string, string>, stateFile: string): string[] {
  const missing: string[] = [];
  if (vars.LOG_EMAILS !== "true" && !(vars.EMAIL_FROM ?? "").trim()) {
    missing.push(`EMAIL_FROM: the sender of sign-up, reset and invitation emails; add "vars": { "EMAIL_FROM": "OpenBat <openbat@your-domain>" } to ${stateFile}`);
  }
  if (vars.LOG_EMAILS !== "true" && !["cloudflare", "resend"].includes(vars.EMAIL_TRANSPORT ?? "")) {
    missing.push(`EMAIL_TRANSPORT: "cloudflare" or "resend" in the "vars" of ${stateFile}`);
  }
  return missing;
}
