/**
 * Suggested intents (SPEC §5). Each user message no intent fitted (below 0.35) is stored as a
 * `pending` intent annotation — a candidate holding the message as its example. A suggestion is a
 * cluster of candidates whose phrasing recurs across conversations (intent-clusters.ts); only those
 * are listed. Approving one adds the intent to the chatbot's list and relabels its messages;
 * rejecting dismisses its messages. Every query is scoped to the chatbot: another chatbot's slug
 * is simply not found.
 */
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { DEFAULT_INTENTS, MAX_CUSTOM_DEFINITIONS, changeConfigWith, customDefinition, loadConfig, type AnalysisConfig } from "../analysis/config";
import { clusterCandidates, type IntentCluster } from "../analysis/embedded/intent-clusters";
import { pageFields, pagination, type Pagination } from "../analytics/params";
import { chunks } from "../db/chunks";
import type { Db } from "../db/client";
import { annotations } from "../db/schema";
import { ApiError, notFound } from "../errors";

/**
 * Candidates clustered per listing: the most recent ones. Older candidates that never recurred age
 * out of view instead of making every listing slower.
 */
export const MAX_CANDIDATES = 2000;
/**
 * D1 binds at most 100 parameters per statement: an update of candidates binds up to 7 more (status, label, chatbot,
 * kind, pending, and an approval's two for its configuration's version).
 */
const IDS_PER_STATEMENT = 90;

export const suggestionsQuery = z.object(pageFields);

const slug = customDefinition.shape.slug;
export const bulkRejectBody = z
  .object({
    /** The suggestions to reject, by slug (1–100). */
    slugs: z.array(slug).min(1).max(100).optional(),
    /** Reject every pending candidate, listed or not yet clustered: the list starts over. */
    all: z.literal(true).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.slugs === undefined) === (b.all === undefined)) ctx.addIssue({ code: "custom", path: ["slugs"], message: "send either `slugs` or `all: true`" });
  });

export type Suggestion = Omit<IntentCluster, "memberIds">;

const pendingIntents = (chatbotId: string) => and(eq(annotations.chatbotId, chatbotId), eq(annotations.kind, "intent"), eq(annotations.status, "pending"));

/** The suggestions of a chatbot, biggest first; intents already on its list are not suggested again. */
async function clusters(db: Db, chatbotId: string, config?: AnalysisConfig): Promise<IntentCluster[]> {
  const [rows, current] = await Promise.all([
    db
      .select({ id: annotations.id, conversationId: annotations.conversationId, label: annotations.label, text: annotations.chunk, createdAt: annotations.createdAt })
      .from(annotations)
      .where(pendingIntents(chatbotId))
      .orderBy(desc(annotations.createdAt))
      .limit(MAX_CANDIDATES),
    config ?? loadConfig(db, chatbotId),
  ]);
  const known = new Set([...DEFAULT_INTENTS, ...current.customIntents].map((i) => i.slug));
  return clusterCandidates(rows, { exclude: known });
}

export async function listSuggestions(db: Db, chatbotId: string, q: z.infer<typeof suggestionsQuery>): Promise<{ data: Suggestion[]; pagination: Pagination }> {
  const all = await clusters(db, chatbotId);
  const page = all.slice((q.page - 1) * q.limit, q.page * q.limit).map(({ memberIds: _, ...s }) => s);
  return { data: page, pagination: pagination(q.page, q.limit, all.length) };
}

/**
 * The statements setting the status (and the suggestion's slug as label) of the given candidates still pending,
 * each only where `also` holds; each answers the ids it changed.
 */
function settling(db: Db, chatbotId: string, ids: readonly string[], status: "accepted" | "rejected", label: string, also?: SQL) {
  return chunks(ids, IDS_PER_STATEMENT).map((chunk) =>
    db
      .update(annotations)
      .set({ status, label })
      .where(and(pendingIntents(chatbotId), inArray(annotations.id, chunk), also))
      .returning({ id: annotations.id }),
  );
}

const changedRows = (results: readonly { id: string }[][]): number => results.reduce((n, r) => n + r.length, 0);

/** Sets the status (and the suggestion's slug as label) of the given candidates; returns how many changed. */
async function settle(db: Db, chatbotId: string, ids: readonly string[], status: "accepted" | "rejected", label: string): Promise<number> {
  const [first, ...rest] = settling(db, chatbotId, ids, status, label);
  if (first === undefined) return 0;
  return changedRows(await db.batch([first, ...rest]));
}

async function find(db: Db, chatbotId: string, slug: string, config?: AnalysisConfig): Promise<IntentCluster> {
  const found = (await clusters(db, chatbotId, config)).find((c) => c.slug === slug);
  if (found === undefined) throw notFound("intent suggestion");
  return found;
}

export async function approveSuggestion(
  db: Db,
  scope: { organizationId: string; chatbotId: string },
  slug: string,
  definition: { name: string; description: string },
) {
  const config = await loadConfig(db, scope.chatbotId);
  const cluster = await find(db, scope.chatbotId, slug, config);
  const withIntent = (current: AnalysisConfig): AnalysisConfig => {
    const customIntents = [...current.customIntents.filter((i) => i.slug !== slug), { slug, ...definition }];
    if (customIntents.length > MAX_CUSTOM_DEFINITIONS) {
      throw new ApiError("conflict", `the chatbot already has ${MAX_CUSTOM_DEFINITIONS} custom intents: remove one (PATCH /api/v1/analysis/config) before approving another`);
    }
    return { ...current, customIntents };
  };
  // The intent is saved and the messages take it in one transaction, or neither happens: a change that is refused
  // (the list filled meanwhile), gives up (409 after lost races) or fails (a D1 error, the isolate killed) leaves
  // the messages pending and the suggestion listed, never messages labelled with an intent the chatbot does not
  // have, nor an intent saved with its messages still pending and the suggestion gone (an intent on the list is no
  // longer suggested). It is added to the list as stored when it is written, not as first read: an intent another
  // request added meanwhile stays.
  const { config: saved, results } = await changeConfigWith(db, scope, withIntent, (unchanged) =>
    settling(db, scope.chatbotId, cluster.memberIds, "accepted", slug, unchanged),
  );
  return { accepted: changedRows(results), config: saved };
}

export async function rejectSuggestion(db: Db, chatbotId: string, slug: string) {
  const cluster = await find(db, chatbotId, slug);
  return { rejected: await settle(db, chatbotId, cluster.memberIds, "rejected", slug) };
}

/**
 * Rejects several suggestions at once. Slugs that are not (or no longer) suggestions of this
 * chatbot are reported in `notFound` rather than failing the others.
 */
export async function rejectSuggestions(db: Db, chatbotId: string, body: z.infer<typeof bulkRejectBody>) {
  if (body.all === true) {
    const result = await db.update(annotations).set({ status: "rejected" }).where(pendingIntents(chatbotId)).run();
    return { rejected: result.meta.changes, slugs: [] as string[], notFound: [] as string[] };
  }
  const wanted = [...new Set(body.slugs ?? [])];
  const bySlug = new Map((await clusters(db, chatbotId)).map((c) => [c.slug, c]));
  let rejected = 0;
  const done: string[] = [];
  for (const s of wanted) {
    const cluster = bySlug.get(s);
    if (cluster === undefined) continue;
    rejected += await settle(db, chatbotId, cluster.memberIds, "rejected", s);
    done.push(s);
  }
  return { rejected, slugs: done, notFound: wanted.filter((s) => !done.includes(s)) };
}
