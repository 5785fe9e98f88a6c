/**
 * A chatbot's analysis configuration (SPEC §5): toggles, custom definitions, the four editable prompts
 * and translation. Stored as one JSON document; every field has a default, so an empty document (or
 * no row at all) is the default configuration and old documents keep working when fields are added.
 */
import { and, eq, exists, notExists, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";
import { patchOf } from "../schemas/patch";
import type { Db } from "../db/client";
import { ApiError } from "../errors";
import { analysisConfigs } from "../db/schema";
import { BUILTIN_INTENT_DEFINITIONS, BUILTIN_INTENTS } from "./embedded/intent-cues";
import { BEHAVIOURS, USER_FLAGS } from "./labels";
import type { AnalysisOptions, CustomDefinition } from "./types";
import { nameText } from "../schemas/names";
import { DETECTABLE_LANGUAGES, UNDETERMINED_LANGUAGE } from "./language";

const TRANSLATION_TARGETS = DETECTABLE_LANGUAGES.filter((code) => code !== UNDETERMINED_LANGUAGE);

export const PROMPT_NAMES = ["sentiment", "intent", "topics", "flags"] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/** The default prompts; a chatbot's own text replaces one until it is reverted. */
export const DEFAULT_PROMPTS: Record<PromptName, string> = {
  sentiment:
    "Score the sentiment the user expresses towards the product, the company or the conversation from -1 (very negative) to 1 (very positive). Quote the shortest span that drives the score and give a one-line reason. Sarcasm counts as what is meant, not what is said.",
  intent:
    "Choose the single intent from the list that best describes what the user wants in this message, with a confidence from 0 to 1. If none fits with confidence of at least 0.35, suggest a new intent as a short snake_case slug with a name and description.",
  topics:
    "Name up to three topics the message is about, preferring the chatbot's topic list; a topic not on the list may be added and is marked as discovered.",
  flags:
    "Flag what a customer team must know about: churn risk (wants to cancel, leave or downgrade), frustrated user, buying signal (pricing, plans, upgrades, purchase intent), competitor mention, urgent request, confused user. For assistant messages, judge the reply: helpful, yes_man (agrees with anything, or grants a refund or exception on the spot without checking), dodging (no answer: only courtesy, compliments or sales talk), over_apologizing, hallucinating (invents facts, links, policies or numbers; give a severity), redirecting (sends the user to another team, form, page or store instead of answering; declining and redirecting is redirecting, not dodging), verbose, robotic (canned, template or form-like phrasing), other.",
};

/**
 * The built-in intents (greeting, thanks, human handoff, feature request, feedback, cancellation,
 * pricing, billing, account, bug report) are part of every chatbot's intent list; `customIntents` are
 * added to them. A custom intent with a built-in slug replaces that intent's name and description
 * (the AI prompt shows it; the embedded analyzer adds its keywords to the built-in cues).
 */
export const DEFAULT_INTENTS: CustomDefinition[] = BUILTIN_INTENTS.map((slug) => ({ slug, ...BUILTIN_INTENT_DEFINITIONS[slug] }));

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, "must be snake_case: lower-case letters, digits and _ (2–48 characters)");

/** Strict, as every request body here is: a misspelt field is refused, never dropped. */
export const customDefinition = z.strictObject({
  slug,
  name: nameText(80),
  description: z.string().trim().min(1).max(500),
});

/** How many custom intents, topics, flags or behaviours a chatbot may define, each. */
export const MAX_CUSTOM_DEFINITIONS = 100;

/** An entry per name, each optional, no other key: documented as such (a partial record's keys are not). */
function toggles<K extends string, V extends z.ZodType>(names: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(names.map((name) => [name, value.optional()])) as Record<K, z.ZodOptional<V>>);
}

const definitions = z.array(customDefinition).max(MAX_CUSTOM_DEFINITIONS).default([]);

const PRIMARY_LANGUAGE_MESSAGE = `must be a language messages are detected in, in lower case: ${TRANSLATION_TARGETS.join(", ")}`;

export const analysisConfigSchema = z.object({
  sentiment: z.boolean().default(true),
  intent: z.boolean().default(true),
  /** Opt-in (SPEC §5). */
  topics: z.boolean().default(false),
  /** Built-in flags and behaviours are on unless switched off here. */
  flags: toggles(USER_FLAGS, z.boolean()).default({}),
  behaviours: toggles(BEHAVIOURS, z.boolean()).default({}),
  customIntents: definitions,
  customTopics: definitions,
  customFlags: definitions,
  customBehaviours: definitions,
  /** Extra competitor names for `competitor_mention`. */
  competitors: z.array(nameText(80)).max(100).default([]),
  /** The company's own brand and product names: never a `competitor_mention` (the built-in list knows many brands). */
  ownNames: z.array(nameText(80)).max(20).default([]),
  /** A prompt set here replaces the default; null or absent means the default. */
  prompts: toggles(PROMPT_NAMES, z.string().trim().min(10).max(4000).nullable()).default({}),
  companyDescription: z.string().trim().max(2000).default(""),
  /**
   * ISO 639-1; messages in another language are translated to it (Workers AI analyzer only). One of the
   * languages messages can be detected in: a code nothing is ever detected as ("zz") would only fail every
   * translation, unseen.
   */
  primaryLanguage: z
    .string()
    // One message for a wrong case ("FR") and an unknown code alike: the list says what to send.
    .regex(/^[a-z]{2}$/, { error: PRIMARY_LANGUAGE_MESSAGE, abort: true })
    .refine((code) => TRANSLATION_TARGETS.includes(code), PRIMARY_LANGUAGE_MESSAGE)
    .nullable()
    .default(null),
  autoTranslate: z.boolean().default(false),
});
export type AnalysisConfig = z.infer<typeof analysisConfigSchema>;

/**
 * Partial updates: any subset of fields, the others kept (schemas/patch.ts). The toggles and prompts are
 * patched entry by entry (updateConfig): `{ flags: { churn_risk: false } }` leaves the other flags as they are.
 */
export const analysisConfigPatch = patchOf(analysisConfigSchema)
  .strict()
  .superRefine((patch, ctx) => {
    // One definition per slug: a second would never be picked. Checked on changes only, so a document stored
    // before this rule still loads.
    for (const field of ["customIntents", "customTopics", "customFlags", "customBehaviours"] as const) {
      const seen = new Set<string>();
      patch[field]?.forEach((d, i) => {
        if (seen.has(d.slug)) ctx.addIssue({ code: "custom", path: [field, i, "slug"], message: `\`${d.slug}\` is defined twice` });
        seen.add(d.slug);
      });
    }
  });

export const defaultConfig = (): AnalysisConfig => analysisConfigSchema.parse({});

/** The effective prompt text for each of the four prompts, and whether it is the default. */
export function effectivePrompts(config: AnalysisConfig): Record<PromptName, { text: string; isDefault: boolean }> {
  return Object.fromEntries(
    PROMPT_NAMES.map((name) => {
      const own = config.prompts[name];
      return [name, own ? { text: own, isDefault: false } : { text: DEFAULT_PROMPTS[name], isDefault: true }];
    }),
  ) as Record<PromptName, { text: string; isDefault: boolean }>;
}

/** What an analyzer is asked to do, from the stored configuration. */
export function toAnalysisOptions(config: AnalysisConfig): AnalysisOptions {
  const enabled = <T extends string>(all: readonly T[], toggled: Partial<Record<T, boolean>>) => all.filter((name) => toggled[name] !== false);
  return {
    sentiment: config.sentiment,
    intent: config.intent,
    topics: config.topics,
    enabledFlags: enabled(USER_FLAGS, config.flags),
    enabledBehaviours: enabled(BEHAVIOURS, config.behaviours),
    intents: [...DEFAULT_INTENTS.filter((d) => !config.customIntents.some((c) => c.slug === d.slug)), ...config.customIntents],
    topicList: config.customTopics,
    customFlags: config.customFlags,
    customBehaviours: config.customBehaviours,
    competitors: config.competitors,
    ownNames: config.ownNames,
  };
}

export async function loadConfig(db: Db, chatbotId: string): Promise<AnalysisConfig> {
  return (await readStored(db, chatbotId)).config;
}

/** The stored configuration and its version: the row's updated_at, or null when nothing is stored yet. */
async function readStored(db: Db, chatbotId: string): Promise<{ config: AnalysisConfig; version: number | null }> {
  const row = await db
    .select({ config: analysisConfigs.config, updatedAt: analysisConfigs.updatedAt })
    .from(analysisConfigs)
    .where(eq(analysisConfigs.chatbotId, chatbotId))
    .get();
  return { config: parseStored(row?.config ?? {}), version: row?.updatedAt ?? null };
}

function parseStored(stored: unknown): AnalysisConfig {
  const parsed = analysisConfigSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // A stored document that no longer validates (a rule added since) falls back field by field: a field that
  // fails takes its default, the others are kept.
  const fields = stored !== null && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const kept = Object.entries(analysisConfigSchema.shape).map(([name, field]) => {
    const value = field.safeParse(fields[name]);
    return [name, value.success ? value.data : field.parse(undefined)];
  });
  return Object.fromEntries(kept) as AnalysisConfig;
}

/**
 * The write of `config` if the stored row is still the `version` it was read at, and that condition itself, in SQL,
 * for statements that must apply with the write or not at all. Every write moves updated_at forward, by at least 1
 * even within one millisecond, so an unchanged updated_at is an unchanged document.
 */
function writeIfUnchanged(db: Db, scope: { organizationId: string; chatbotId: string }, config: AnalysisConfig, version: number | null) {
  const now = Date.now();
  const stored = db.select({ one: sql`1` }).from(analysisConfigs);
  return version === null
    ? {
        // A first write: it applies only while no other request has stored one first.
        write: db.insert(analysisConfigs).values({ chatbotId: scope.chatbotId, organizationId: scope.organizationId, config, updatedAt: now }).onConflictDoNothing(),
        unchanged: notExists(stored.where(eq(analysisConfigs.chatbotId, scope.chatbotId))),
      }
    : {
        write: db
          .update(analysisConfigs)
          .set({ config, updatedAt: Math.max(now, version + 1) })
          .where(and(eq(analysisConfigs.chatbotId, scope.chatbotId), eq(analysisConfigs.updatedAt, version))),
        unchanged: exists(stored.where(and(eq(analysisConfigs.chatbotId, scope.chatbotId), eq(analysisConfigs.updatedAt, version)))),
      };
}

/** Tries of a change on a document other requests keep changing meanwhile; each lost race costs two quick queries. */
const SAVE_ATTEMPTS = 5;

/**
 * Applies `change` to the stored configuration and saves the result. Two requests changing different fields at
 * once both read the same document; a plain write-back would put the first one's field back as it was, so the
 * write is made only on the document that was read, and on a lost race the change is made again on the new one.
 * `change` may throw to refuse (nothing is written then). Returns the configuration as saved.
 */
export async function changeConfig(
  db: Db,
  scope: { organizationId: string; chatbotId: string },
  change: (current: AnalysisConfig) => AnalysisConfig,
): Promise<AnalysisConfig> {
  return (await changeConfigWith(db, scope, change, () => [])).config;
}

/**
 * changeConfig, with statements that must be written with the change or not at all (an approved suggestion's
 * messages take its intent only if the intent is saved). `withChange` makes them for each attempt, each with
 * `unchanged` in its WHERE: true while the stored configuration is still the one this attempt read. They go in the
 * save's D1 batch, which is one transaction (a failing statement rolls all back), before the save: nothing comes
 * between statements of a batch, so `unchanged` holds exactly when the save then applies, and on a lost race none
 * of them applied and the whole attempt is made again. Returns the configuration as saved and the results of the
 * statements of the attempt that applied.
 */
export async function changeConfigWith<T extends BatchItem<"sqlite">>(
  db: Db,
  scope: { organizationId: string; chatbotId: string },
  change: (current: AnalysisConfig) => AnalysisConfig,
  withChange: (unchanged: SQL) => T[],
): Promise<{ config: AnalysisConfig; results: T["_"]["result"][] }> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt += 1) {
    const { config: current, version } = await readStored(db, scope.chatbotId);
    const next = change(current);
    const { write, unchanged } = writeIfUnchanged(db, scope, next, version);
    const together = withChange(unchanged);
    // The write last (built this way round because a batch is typed as starting with a statement).
    const batch: [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] = [write];
    batch.unshift(...together);
    const results = await db.batch(batch);
    const saved = results[together.length] as D1Result;
    if (saved.meta.changes === 1) return { config: next, results: results.slice(0, together.length) };
  }
  throw new ApiError("conflict", "the analysis configuration kept changing while this change was being saved: try again");
}

/** Each name once, whatever its case, in the order given. */
const onceEach = (names: readonly string[]): string[] => names.filter((name, i) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i);

export async function updateConfig(
  db: Db,
  scope: { organizationId: string; chatbotId: string },
  patch: z.infer<typeof analysisConfigPatch>,
): Promise<AnalysisConfig> {
  const entries = <T extends object>(now: T, change: T | undefined): T => ({ ...now, ...change });
  return changeConfig(db, scope, (current) =>
    analysisConfigSchema.parse({
      ...current,
      ...patch,
      flags: entries(current.flags, patch.flags),
      behaviours: entries(current.behaviours, patch.behaviours),
      // Names match in any case, so "acme" beside "Acme" is the same name: the first spelling is kept.
      competitors: onceEach(patch.competitors ?? current.competitors),
      ownNames: onceEach(patch.ownNames ?? current.ownNames),
      // A prompt set to null is back to its default and kept as no entry, as revertPrompt leaves it.
      prompts: Object.fromEntries(Object.entries(entries(current.prompts, patch.prompts)).filter(([, text]) => text !== null)),
    }),
  );
}

export async function revertPrompt(db: Db, scope: { organizationId: string; chatbotId: string }, name: PromptName): Promise<AnalysisConfig> {
  return changeConfig(db, scope, (current) => {
    const prompts = { ...current.prompts };
    delete prompts[name];
    return { ...current, prompts };
  });
}
