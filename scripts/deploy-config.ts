/**
 * The deployment config `npm run deploy` generates: wrangler.toml as written, with the account's real
 * D1 database id and this deployment's own [vars] (from .openbat/deploy.json), and its paths made
 * relative to where the generated file lives. wrangler.toml itself is never edited.
 */
import path from "node:path";
import { EMBEDDING_DIMENSIONS, EMBEDDING_METRIC, VECTOR_METADATA_INDEXES } from "../worker/search/semantic";

export const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";

/** The part of a wrangler config this script reads or rewrites; everything else passes through. */
export interface RawConfig {
  name: string;
  main: string;
  assets?: { directory?: string } & Record<string, unknown>;
  d1_databases?: ({ binding: string; database_name: string; database_id?: string; migrations_dir?: string } & Record<string, unknown>)[];
  queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
  vectorize?: ({ binding: string; index_name: string } & Record<string, unknown>)[];
  vars?: Record<string, string>;
  [key: string]: unknown;
}

/** What .openbat/deploy.json holds: ids found or made in the account, and settings of this deployment. */
export interface DeployState {
  /** The D1 database's id, by the database name in wrangler.toml. */
  databaseId?: string;
  /** Queues found or created. */
  queues?: string[];
  /** Vectorize indexes found or created. */
  vectorIndexes?: string[];
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

/** A Vectorize index the Worker binds, as semantic search needs it made (README "Search"). */
export interface VectorIndexNeed {
  name: string;
  dimensions: number;
  metric: string;
  /** Metadata properties queries filter on: Vectorize filters only on those indexed before the vectors go in. */
  metadataIndexes: { propertyName: string; type: "string" | "number" | "boolean" }[];
}

/** Every Vectorize index wrangler.toml binds, with the embedding model's size and metric. */
export function vectorIndexes(config: RawConfig): VectorIndexNeed[] {
  return (config.vectorize ?? []).map((v) => ({
    name: v.index_name,
    dimensions: EMBEDDING_DIMENSIONS,
    metric: EMBEDDING_METRIC,
    metadataIndexes: VECTOR_METADATA_INDEXES.map((m) => ({ ...m })),
  }));
}

/** The wrangler commands that create an index as `need` says, in order (the index, then its metadata indexes). */
export function vectorIndexCommands(need: VectorIndexNeed): string[][] {
  return [
    ["vectorize", "create", need.name, `--dimensions=${need.dimensions}`, `--metric=${need.metric}`],
    ...need.metadataIndexes.map((m) => metadataIndexCommand(need.name, m)),
  ];
}

export function metadataIndexCommand(index: string, m: VectorIndexNeed["metadataIndexes"][number]): string[] {
  return ["vectorize", "create-metadata-index", index, `--propertyName=${m.propertyName}`, `--type=${m.type}`];
}

/** Why an index found in the account cannot serve `need` (another model's size or metric), or null. */
export function vectorIndexMismatch(need: VectorIndexNeed, found: { dimensions?: number; metric?: string }): string | null {
  if (found.dimensions === need.dimensions && found.metric === need.metric) return null;
  return (
    `the Vectorize index ${need.name} has ${found.dimensions ?? "?"} dimensions (${found.metric ?? "?"}); semantic search needs ` +
    `${need.dimensions} (${need.metric}). Delete it (npx wrangler vectorize delete ${need.name}) or bind another index_name in wrangler.toml.`
  );
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
  if (vars.EMAIL_TRANSPORT === "resend") {
    needs.push({ name: "EMAIL_API_KEY", why: "sends email through Resend (EMAIL_TRANSPORT = \"resend\")", how: `npx wrangler secret put EMAIL_API_KEY -c ${configFile}   # paste the Resend API key` });
  }
  return needs;
}

/**
 * Settings that must be set (or unset) as [vars] before a deployment can work, with how to set each. The log
 * transport is local only: it writes sign-up, reset and invitation links — one-time credentials — into the logs.
 */
export function missingSettings(vars: Record<string, string>, stateFile: string): string[] {
  const missing: string[] = [];
  if (vars.LOG_EMAILS === "true") {
    missing.push(`LOG_EMAILS: remove it from the "vars" of ${stateFile}; it prints sign-up, reset and invitation links into the Worker's logs (for local runs only)`);
  }
  if (!(vars.EMAIL_FROM ?? "").trim()) {
    missing.push(`EMAIL_FROM: the sender of sign-up, reset and invitation emails; add "vars": { "EMAIL_FROM": "OpenBat <openbat@your-domain>" } to ${stateFile}`);
  }
  if (!["cloudflare", "resend"].includes(vars.EMAIL_TRANSPORT ?? "")) {
    missing.push(`EMAIL_TRANSPORT: "cloudflare" or "resend" in the "vars" of ${stateFile}`);
  }
  return missing;
}
