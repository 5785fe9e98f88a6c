/**
 * The analysis half of a conversation's Durable Object. Work is written down as a job on the message's
 * own row (so it survives eviction), and due jobs are drained here: analyse, store the result beside the
 * message, fold it into the aggregates, tell every socket. With the embedded analyzer the object drains
 * right after acknowledging (conversation.ts, `analyseSoon`); the alarm drains what that did not reach
 * (Workers AI calls, retries, jobs left by an eviction). Jobs are idempotent: a job retried after a
 * crash re-stores the same result without counting it twice.
 */
import { loadConfig, type AnalysisConfig } from "../worker/analysis/config";
import { analyzeMessage, analyzerChoice, resolveConversation } from "../worker/analysis/run";
import { FLAG_POINTS } from "../worker/analytics/attention";
import { createDb } from "../worker/db/client";
import { IsolateCache } from "../worker/isolate-cache";
import { triggerWorkflows } from "../worker/workflows/trigger";
import type { ConversationState, ConversationStore, StoredAnalysis } from "./conversation-store";
import type { LiveEventBody } from "./conversation";
import type { ServerFrame } from "./protocol";

/** Jobs taken per run; the rest are picked up by the next run straight after. */
const JOBS_PER_RUN = 50;
const MAX_ATTEMPTS = 5;
/** Earlier turns given to the analyzer as context. */
const CONTEXT_TURNS = 4;
/** Turns the resolution is judged on. */
const RESOLUTION_TURNS = 40;
/** A chatbot's config is re-read from D1 at most this often by one conversation. */
const CONFIG_TTL_MS = 30_000;

export const resolutionJob = "resolution";

export interface AnalysisHost {
  store: ConversationStore;
  env: Env;
  broadcast(frame: ServerFrame): void;
  publish(event: LiveEventBody): void;
  /** A change the attention queue must show at once (see `raisesAttention`): index it now, not in a batch. */
  urgent(): void;
}

/** The chatbots' analysis configs, shared by this isolate's conversations (worker/isolate-cache.ts). */
const configs = new IsolateCache<AnalysisConfig>(CONFIG_TTL_MS, 10 * CONFIG_TTL_MS);

function configFor(env: Env, chatbotId: string): Promise<AnalysisConfig> {
  return configs.get(chatbotId, () => loadConfig(createDb(env.DB), chatbotId));
}

/** Drops a chatbot's cached config so the next analysis reads D1 (after a config change in this isolate). */
export function forgetConfig(chatbotId: string): void {
  configs.forget(chatbotId);
}

/** Runs due analysis jobs; returns true when it changed anything the D1 index must see. */
export async function runDueAnalysis(host: AnalysisHost, state: ConversationState): Promise<boolean> {
  const { store, env } = host;
  const jobs = store.dueJobs(Date.now(), JOBS_PER_RUN);
  if (!jobs.length) return false;
  let config: AnalysisConfig;
  try {
    config = await configFor(env, state.chatbotId);
  } catch (error) {
    // D1 unreachable: every job waits for the next run; nothing is dropped.
    for (const job of jobs) store.retryJob(job.key, Date.now() + backoff(job.attempts));
    console.error("analysis config unavailable", { conversationId: state.conversationId, error: String(error) });
    return false;
  }
  const choice = analyzerChoice(env);
  let changed = false;
  for (const job of jobs) {
    try {
      let language: string | undefined;
      if (job.key === resolutionJob) changed = (await resolve(host, state, config, choice)) || changed;
      else if (job.seq !== null) {
        const done = await analyse(host, state, job.seq, config, choice);
        changed = done.changed || changed;
        language = done.language;
      }
      store.finishJob(job.key, language);
    } catch (error) {
      // Both analyzers failed (a bug, not a model hiccup): retry with backoff, then give up loudly.
      if (job.attempts + 1 >= MAX_ATTEMPTS) {
        store.finishJob(job.key);
        console.error("analysis job abandoned", { conversationId: state.conversationId, job: job.key, error: String(error) });
      } else {
        store.retryJob(job.key, Date.now() + backoff(job.attempts));
      }
    }
  }
  return changed;
}

/** Analyses message `seq`; `language` is its detected language, written when the job is finished. */
async function analyse(
  host: AnalysisHost,
  state: ConversationState,
  seq: number,
  config: AnalysisConfig,
  choice: ReturnType<typeof analyzerChoice>,
): Promise<{ changed: boolean; language?: string }> {
  const turns = host.store.messagesUpTo(seq, CONTEXT_TURNS + 1);
  const message = turns.pop();
  if (!message || message.seq !== seq) return { changed: false };
  const outcome = await analyzeMessage(choice, { role: message.role, content: message.content, previous: turns }, config);
  const stored: StoredAnalysis = { ...outcome, seq, messageId: message.id, analysedAt: Date.now() };
  // Only user messages carry a detected language (SPEC §5); an assistant's comes from the model, if at all.
  const userLanguage = message.role === "user" ? outcome.language : undefined;
  const urgent = message.role === "user" && raisesAttention(state.aggregates.flags, outcome.analysis.flags);
  if (host.store.saveAnalysis(stored)) {
    fold(state, stored, userLanguage);
    if (urgent) host.urgent();
  }
  if (outcome.translation) host.store.setTranslation(seq, outcome.translation, outcome.language ?? null);
  state.version += 1;
  host.broadcast({ type: "annotation", seq, messageId: message.id, ...publicAnalysis(stored) });
  const a = outcome.analysis;
  host.publish({
    type: "annotation",
    seq,
    messageId: message.id,
    sentiment: a.sentiment ? { score: a.sentiment.score, label: a.sentiment.label } : null,
    flags: a.flags.map((f) => f.slug),
    behaviours: a.behaviours.map((b) => b.slug),
  });
  // Workflows see the message right after its analysis; a failure here retries the whole job.
  if (message.role !== "system") {
    const event = message.role === "user" ? "user_message" : "assistant_message";
    await triggerWorkflows(host.env, { state, event, message, analysis: outcome.analysis });
  }
  return { changed: true, language: userLanguage };
}

async function resolve(host: AnalysisHost, state: ConversationState, config: AnalysisConfig, choice: ReturnType<typeof analyzerChoice>): Promise<boolean> {
  // A message may have reopened the conversation while the job waited: judge only ended ones.
  if (state.status !== "ended") return false;
  const turns = host.store.messagesUpTo(state.lastSeq, RESOLUTION_TURNS).map((m) => ({ role: m.role, content: m.content }));
  const outcome = await resolveConversation(choice, turns, config);
  if (state.status !== "ended") return false;
  state.aggregates.resolution = outcome;
  state.version += 1;
  host.broadcast({ type: "resolution", resolution: outcome.resolution, reason: outcome.reason, analyzer: outcome.analyzer });
  await triggerWorkflows(host.env, { state, event: "conversation_ended" });
  return true;
}

/** Adds one message's findings to the conversation aggregates. */
function fold(state: ConversationState, a: StoredAnalysis, userLanguage: string | undefined): void {
  const agg = state.aggregates;
  if (userLanguage) agg.languages[userLanguage] = (agg.languages[userLanguage] ?? 0) + 1;
  if (a.analysis.sentiment) {
    agg.sentimentSum += a.analysis.sentiment.score;
    agg.sentimentCount += 1;
  }
  for (const f of a.analysis.flags) if (!agg.flags.includes(f.slug)) agg.flags.push(f.slug);
  for (const b of a.analysis.behaviours) if (!agg.behaviours.includes(b.slug)) agg.behaviours.push(b.slug);
}

/**
 * Whether a user message raised a flag the attention queue weighs (worker/analytics/attention.ts) that its
 * conversation had not raised before: the moment a conversation enters the queue or jumps up it, which a
 * support lead should see within a second rather than after the index's batching. At most once per such flag
 * and conversation, so the extra D1 writes stay few.
 */
export function raisesAttention(raisedBefore: readonly string[], flags: readonly { slug: string }[]): boolean {
  return flags.some((f) => f.slug in FLAG_POINTS && !raisedBefore.includes(f.slug));
}

/** The part of a stored analysis clients see (frames and the read API). */
export function publicAnalysis(a: StoredAnalysis) {
  return {
    analysis: a.analysis,
    analyzer: a.analyzer,
    analyzerVersion: a.analyzerVersion,
    ...(a.fallbackReason ? { fallback: true } : {}),
    ...(a.translation ? { translation: a.translation, language: a.language } : {}),
  };
}

function backoff(attempts: number): number {
  return Math.min(60_000, 1_000 * 2 ** attempts);
}
