/**
 * A conversation's own SQLite storage: its messages and one state row. Every method is synchronous;
 * a Durable Object commits all writes made before its next `await` as one atomic transaction, so an
 * append and the state it changes can never be half-written.
 *
 * A message costs one write: its row, which also carries its analysis job (`analysis_due_at`, cleared
 * once analysed). The state row is not rewritten per message: what a message changes in it (last seq,
 * counts, activity times, idle deadline, version) follows from the messages themselves, so when the state
 * is read from storage, messages stored after it was last saved are folded back in (`reconcile`).
 */
import { UNDETERMINED_LANGUAGE } from "../worker/analysis/language";
import type { AnalysisOutcome, ResolutionOutcome } from "../worker/analysis/run";
import type { ContextInput, ConversationStatus, MessageInput, StoredMessage } from "./protocol";
import { firstChars } from "../worker/text-cut";

export type EndReason = "explicit" | "idle_timeout";

export interface ConversationScope {
  organizationId: string;
  chatbotId: string;
  externalId: string;
}

export interface SessionState {
  id?: string;
  pageUrl?: string;
  referrer?: string;
  device?: "desktop" | "mobile" | "tablet";
  country?: string;
  city?: string;
  continent?: string;
  timezone?: string;
}

export interface ConversationState extends ConversationScope {
  conversationId: string;
  status: ConversationStatus;
  createdAt: number;
  firstMessageAt: number | null;
  lastMessageAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  lastSeq: number;
  messageCount: number;
  userMessageCount: number;
  idleTimeoutMs: number;
  user: ContextInput["user"] | null;
  organization: ContextInput["organization"] | null;
  /** When the user/organization context was last stated; newer statements win in D1. */
  contextAt: number | null;
  session: SessionState;
  custom: Record<string, string | number | boolean | null>;
  /** Bumped on every change the D1 index must see; the index keeps the highest version it was sent. */
  version: number;
  flushedVersion: number;
  flushDueAt: number | null;
  flushAttempts: number;
  idleDueAt: number | null;
  /** Conversation aggregates of the analysis, mirrored to the D1 index. */
  aggregates: Aggregates;
  /** Messages up to this seq are in the search index; absent in states from before search (all follow). */
  searchedSeq?: number;
}

export interface Aggregates {
  sentimentSum: number;
  sentimentCount: number;
  flags: string[];
  behaviours: string[];
  resolution: ResolutionOutcome | null;
  /** Analysed user messages per detected language ("und" included), in the order first seen. */
  languages: Record<string, number>;
}

/** Average user sentiment to 3 decimals, or null before any user message was scored. */
export function averageSentiment(agg: Aggregates): number | null {
  return agg.sentimentCount ? Math.round((agg.sentimentSum / agg.sentimentCount) * 1000) / 1000 : null;
}

/**
 * The conversation's main language: the most frequent among its user messages' detected languages,
 * ignoring "und" (a tie goes to the one seen first); "und" when no user message could be told; null
 * before any user message was analysed.
 */
export function mainLanguage(agg: Aggregates): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [language, n] of Object.entries(agg.languages)) {
    if (language !== UNDETERMINED_LANGUAGE && n > bestCount) [best, bestCount] = [language, n];
  }
  return best ?? (agg.languages[UNDETERMINED_LANGUAGE] ? UNDETERMINED_LANGUAGE : null);
}

export const emptyAggregates = (): Aggregates => ({ sentimentSum: 0, sentimentCount: 0, flags: [], behaviours: [], resolution: null, languages: {} });

/** The last user message is kept this long in the index (a two-line preview needs no more). */
export const ATTENTION_PREVIEW_CHARS = 300;
/** The trend compares the latest user message's sentiment with the mean of up to this many before it. */
export const TREND_WINDOW = 3;

export interface AttentionFacts {
  lastUserMessage: string | null;
  lastUserMessageAt: number | null;
  /** The first user message after the last assistant reply (null when the assistant spoke last, or nobody did). */
  awaitingReplySince: number | null;
  /** The latest analysed user message's sentiment score. */
  sentimentCurrent: number | null;
  /** sentimentCurrent minus the mean of up to TREND_WINDOW user messages' scores before it (negative: getting worse). */
  sentimentTrend: number | null;
}

export const noAttentionFacts = (): AttentionFacts => ({
  lastUserMessage: null,
  lastUserMessageAt: null,
  awaitingReplySince: null,
  sentimentCurrent: null,
  sentimentTrend: null,
});

/** Work the alarm must do: analyse message `seq`, or judge the ended conversation's resolution. */
export interface AnalysisJob {
  key: string;
  seq: number | null;
  attempts: number;
}

/** A message's analysis job key, and back; the resolution's key is `resolution`. */
const messageJobKey = (seq: number): string => `m:${seq}`;
const messageJobSeq = (key: string): number | null => (key.startsWith("m:") ? Number(key.slice(2)) : null);

export interface StoredAnalysis extends AnalysisOutcome {
  seq: number;
  messageId: string;
  analysedAt: number;
}

interface MessageRow extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  role: StoredMessage["role"];
  content: string;
  sent_at: number | null;
  received_at: number;
  language: string | null;
}

const SCHEMA_STEPS = [
  // 1: messages, state, analysis work and results.
  `CREATE TABLE IF NOT EXISTS messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     content TEXT NOT NULL,
     sent_at INTEGER,
     received_at INTEGER NOT NULL
   );
   CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS analysis_jobs (key TEXT PRIMARY KEY, seq INTEGER, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS translations (seq INTEGER PRIMARY KEY, text TEXT NOT NULL, language TEXT);
   CREATE TABLE IF NOT EXISTS analyses (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, rev INTEGER NOT NULL, flushed_rev INTEGER NOT NULL DEFAULT 0);`,
  // 2: each user message's detected language (ISO 639-1 or "und"), written when it is analysed;
  // NULL for other roles and for messages analysed before languages were detected.
  `ALTER TABLE messages ADD COLUMN language TEXT;`,
  // 3: a message's analysis job lives on its row (one write per message instead of two); jobs written
  // by earlier versions move there. analysis_jobs keeps the resolution job only.
  `ALTER TABLE messages ADD COLUMN analysis_due_at INTEGER;
   ALTER TABLE messages ADD COLUMN analysis_attempts INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX IF NOT EXISTS messages_analysis_due ON messages (analysis_due_at) WHERE analysis_due_at IS NOT NULL;
   UPDATE messages SET
     analysis_due_at = (SELECT due_at FROM analysis_jobs WHERE key = 'm:' || messages.seq),
     analysis_attempts = (SELECT attempts FROM analysis_jobs WHERE key = 'm:' || messages.seq)
   WHERE seq IN (SELECT seq FROM analysis_jobs WHERE key LIKE 'm:%');
   DELETE FROM analysis_jobs WHERE key LIKE 'm:%';`,
];

const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  seq: r.seq,
  role: r.role,
  content: r.content,
  sentAt: r.sent_at,
  receivedAt: r.received_at,
});

/** Latest messages kept in memory for the analyzer's context (CONTEXT_TURNS + 1 in conversation-analysis.ts, and some). */
const RECENT_KEPT = 8;

export class ConversationStore {
  private cached: ConversationState | null | undefined;

  /**
   * What this instance knows without a query, so the run right after an ack reads nothing back: the
   * latest messages it stored (contiguous, oldest first) and the seqs of those whose analysis is still
   * due. Storage stays the record — every job is written with its message — and `othersDue` says when it
   * may hold due jobs this instance did not store (after waking, once a conversation job is written down,
   * when the alarm looks for retries that came due, while a query left some): then jobs come from a query.
   * The due-job query and the context read were a third of a message's CPU on the local runtime.
   */
  private recent: StoredMessage[] = [];
  private fresh = new Set<number>();
  private othersDue = true;

  constructor(private readonly sql: SqlStorage) {
    this.createTables();
  }

  /** After storage was erased: no cached state, empty tables. */
  reset(): void {
    this.cached = undefined;
    this.recent = [];
    this.fresh.clear();
    this.othersDue = true;
    this.createTables();
  }

  /**
   * Brings this object's tables to the current schema. Each step runs once, in order, recorded in
   * `schema_version`; a change to a table is a new step (an ALTER), never an edit of an old one,
   * because objects created by every earlier version live on in storage.
   */
  private createTables(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
    const current = this.sql.exec<{ version: number }>("SELECT version FROM schema_version").toArray()[0]?.version ?? 0;
    SCHEMA_STEPS.slice(current).forEach((step) => this.sql.exec(step));
    if (current < SCHEMA_STEPS.length) this.sql.exec("INSERT OR REPLACE INTO schema_version (id, version) VALUES (1, ?)", SCHEMA_STEPS.length);
  }

  /** The conversation's state, or null while it has never been captured into. */
  get state(): ConversationState | null {
    if (this.cached === undefined) {
      const row = this.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").toArray()[0];
      const parsed = row ? (JSON.parse(row.body) as ConversationState) : null;
      // States written before analysis (or before a later aggregate) existed lack those fields.
      this.cached = parsed ? this.reconcile({ ...parsed, aggregates: { ...emptyAggregates(), ...parsed.aggregates } }) : null;
    }
    return this.cached;
  }

  /**
   * Folds in the messages stored after the state row was last saved (the row is not rewritten per
   * message): the same changes `append` made in memory, one query once per wake.
   */
  private reconcile(state: ConversationState): ConversationState {
    const after = this.sql
      .exec<{ n: number; users: number | null; first: number | null; last: number | null; seq: number | null }>(
        `SELECT count(*) AS n, sum(role = 'user') AS users, min(received_at) AS first, max(received_at) AS last, max(seq) AS seq
         FROM messages WHERE seq > ?`,
        state.lastSeq,
      )
      .one();
    if (!after.n) return state;
    state.lastSeq = after.seq!;
    state.messageCount += after.n;
    state.userMessageCount += after.users ?? 0;
    state.firstMessageAt ??= after.first;
    state.lastMessageAt = after.last;
    state.version += after.n;
    if (state.status === "open") state.idleDueAt = after.last! + state.idleTimeoutMs;
    state.flushDueAt ??= after.last;
    return state;
  }

  save(state: ConversationState): void {
    this.sql.exec("INSERT OR REPLACE INTO state (id, body) VALUES (1, ?)", JSON.stringify(state));
    this.cached = state;
  }

  findById(id: string): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT seq, id, role, content, sent_at, received_at FROM messages WHERE id = ?", id).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /**
   * Appends a message, with its analysis job unless it is a system message (those are not analysed);
   * a known id returns the stored one, marked duplicate, and writes nothing — `differs` when the id came
   * with another role or text than the stored one (a resend is the same message; that is an id reused).
   */
  append(state: ConversationState, input: MessageInput, id: string, now: number): { message: StoredMessage; duplicate: boolean; differs: boolean } {
    const existing = this.findById(id);
    if (existing) return { message: existing, duplicate: true, differs: existing.role !== input.role || existing.content !== input.content };
    const message: StoredMessage = {
      id,
      seq: state.lastSeq + 1,
      role: input.role,
      content: input.content,
      sentAt: input.sentAt ?? null,
      receivedAt: now,
    };
    // Written in the same statement as the message: analysis can be late, never lost.
    this.sql.exec(
      "INSERT INTO messages (seq, id, role, content, sent_at, received_at, analysis_due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      message.seq,
      message.id,
      message.role,
      message.content,
      message.sentAt,
      message.receivedAt,
      message.role === "system" ? null : now,
    );
    this.remember(message);
    state.lastSeq = message.seq;
    state.messageCount += 1;
    if (message.role === "user") state.userMessageCount += 1;
    state.firstMessageAt ??= now;
    state.lastMessageAt = now;
    return { message, duplicate: false, differs: false };
  }

  private remember(message: StoredMessage): void {
    const last = this.recent.at(-1);
    if (last && last.seq !== message.seq - 1) this.recent = [];
    this.recent.push(message);
    if (this.recent.length > RECENT_KEPT) this.recent.shift();
    if (message.role !== "system") this.fresh.add(message.seq);
  }

  findBySeq(seq: number): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE seq = ?", seq).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /** The last `count` messages up to and including `seq`, oldest first. */
  messagesUpTo(seq: number, count: number): StoredMessage[] {
    const first = this.recent[0];
    if (first) {
      const end = seq - first.seq + 1;
      // In memory when the window is: `count` messages back, or back to the conversation's first.
      if (end >= 1 && end <= this.recent.length && (end >= count || first.seq === 1)) return this.recent.slice(Math.max(0, end - count), end);
    }
    return this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE seq <= ? ORDER BY seq DESC LIMIT ?", seq, count)
      .toArray()
      .reverse()
      .map(toMessage);
  }

  /**
   * What the attention queue needs from the messages themselves (worker/index-queue/snapshot.ts): the last
   * user message (cut to ATTENTION_PREVIEW_CHARS) and when it came, since when the user has been waiting
   * without an assistant reply, and the sentiment of the latest analysed user message with its trend.
   * Read at flush time, not kept per message: each query walks back from the newest message and stops at
   * the first match (the waiting time reads only the messages after the last assistant reply).
   */
  attentionFacts(): AttentionFacts {
    const last = this.sql
      .exec<{ content: string; received_at: number }>("SELECT content, received_at FROM messages WHERE role = 'user' ORDER BY seq DESC LIMIT 1")
      .toArray()[0];
    const waiting = this.sql
      .exec<{ since: number | null }>(
        `SELECT min(received_at) AS since FROM messages
         WHERE role = 'user' AND seq > coalesce((SELECT seq FROM messages WHERE role = 'assistant' ORDER BY seq DESC LIMIT 1), 0)`,
      )
      .one();
    const scores = this.sql
      .exec<{ score: number }>(
        `SELECT json_extract(a.body, '$.analysis.sentiment.score') AS score FROM analyses AS a JOIN messages AS m ON m.seq = a.seq
         WHERE m.role = 'user' AND json_extract(a.body, '$.analysis.sentiment.score') IS NOT NULL
         ORDER BY a.seq DESC LIMIT ?`,
        TREND_WINDOW + 1,
      )
      .toArray()
      .map((r) => r.score);
    const [current, ...earlier] = scores;
    const round = (n: number) => Math.round(n * 1000) / 1000;
    return {
      lastUserMessage: last ? firstChars(last.content, ATTENTION_PREVIEW_CHARS) : null,
      lastUserMessageAt: last?.received_at ?? null,
      awaitingReplySince: waiting.since,
      sentimentCurrent: current === undefined ? null : round(current),
      sentimentTrend: current === undefined || !earlier.length ? null : round(current - earlier.reduce((a, b) => a + b, 0) / earlier.length),
    };
  }

  // ---- analysis work and results ----

  /** Writes down a conversation-level job (the resolution); message jobs come with their message. */
  enqueue(key: string, seq: number | null, dueAt: number): void {
    this.othersDue = true;
    this.sql.exec("INSERT OR REPLACE INTO analysis_jobs (key, seq, attempts, due_at) VALUES (?, ?, 0, ?)", key, seq, dueAt);
  }

  /** Storage may hold due jobs this instance has not seen: the next `dueJobs` queries (the alarm's pass says so). */
  expectDueJobs(): void {
    this.othersDue = true;
  }

  /**
   * Due jobs, oldest first: messages waiting for analysis and the resolution. From memory while nothing
   * else can be due (see `fresh`), else from storage.
   */
  dueJobs(now: number, limit: number): AnalysisJob[] {
    if (!this.othersDue) return [...this.fresh].slice(0, limit).map((seq) => ({ key: messageJobKey(seq), seq, attempts: 0 }));
    const jobs = this.storedDueJobs(now, limit);
    // Fewer than asked: every due job is in hand, and whatever comes due later is stored by this instance or flagged.
    if (jobs.length < limit) this.othersDue = false;
    return jobs;
  }

  private storedDueJobs(now: number, limit: number): AnalysisJob[] {
    return this.sql
      .exec<{ key: string; seq: number | null; attempts: number }>(
        `SELECT key, seq, attempts, due_at FROM analysis_jobs WHERE due_at <= ?1
         UNION ALL
         SELECT 'm:' || seq, seq, analysis_attempts, analysis_due_at FROM messages WHERE analysis_due_at <= ?1
         ORDER BY 4, 2 LIMIT ?2`,
        now,
        limit,
      )
      .toArray()
      .map(({ key, seq, attempts }) => ({ key, seq, attempts }));
  }

  nextJobDue(): number | null {
    const row = this.sql
      .exec<{ job: number | null; message: number | null }>(
        "SELECT (SELECT min(due_at) FROM analysis_jobs) AS job, (SELECT min(analysis_due_at) FROM messages WHERE analysis_due_at IS NOT NULL) AS message",
      )
      .one();
    if (row.job === null) return row.message;
    return row.message === null ? row.job : Math.min(row.job, row.message);
  }

  pendingJobs(): number {
    return this.sql
      .exec<{ n: number }>("SELECT (SELECT count(*) FROM analysis_jobs) + (SELECT count(*) FROM messages WHERE analysis_due_at IS NOT NULL) AS n")
      .one().n;
  }

  /** Marks a job done; a message's detected language is written in the same statement. */
  finishJob(key: string, language?: string): void {
    const seq = messageJobSeq(key);
    if (seq !== null) this.fresh.delete(seq);
    if (seq === null) this.sql.exec("DELETE FROM analysis_jobs WHERE key = ?", key);
    else this.sql.exec("UPDATE messages SET analysis_due_at = NULL, analysis_attempts = 0, language = coalesce(?, language) WHERE seq = ?", language ?? null, seq);
  }

  retryJob(key: string, dueAt: number): void {
    const seq = messageJobSeq(key);
    // Due later: the alarm set for it finds it with a query.
    if (seq !== null) this.fresh.delete(seq);
    if (seq === null) this.sql.exec("UPDATE analysis_jobs SET attempts = attempts + 1, due_at = ? WHERE key = ?", dueAt, key);
    else this.sql.exec("UPDATE messages SET analysis_attempts = analysis_attempts + 1, analysis_due_at = ? WHERE seq = ?", dueAt, seq);
  }

  /** Stores a message's analysis for the D1 flush; false if one was stored before (an alarm retried). */
  saveAnalysis(analysis: StoredAnalysis): boolean {
    const { rev } = this.sql
      .exec<{ rev: number }>(
        `INSERT INTO analyses (seq, body, rev) VALUES (?1, ?2, 1)
         ON CONFLICT (seq) DO UPDATE SET body = excluded.body, rev = analyses.rev + 1
         RETURNING rev`,
        analysis.seq,
        JSON.stringify(analysis),
      )
      .one();
    return rev === 1;
  }

  analysesFor(seqs: readonly number[]): Map<number, StoredAnalysis> {
    const out = new Map<number, StoredAnalysis>();
    if (!seqs.length) return out;
    const rows = this.sql
      .exec<{ seq: number; body: string }>(
        "SELECT seq, body FROM analyses WHERE seq BETWEEN ? AND ?",
        Math.min(...seqs),
        Math.max(...seqs),
      )
      .toArray();
    for (const row of rows) out.set(row.seq, JSON.parse(row.body) as StoredAnalysis);
    return out;
  }

  setLanguage(seq: number, language: string): void {
    this.sql.exec("UPDATE messages SET language = ? WHERE seq = ?", language, seq);
  }

  /** The detected language of each given message that has one. */
  languagesFor(seqs: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    if (!seqs.length) return out;
    const rows = this.sql
      .exec<{ seq: number; language: string }>(
        "SELECT seq, language FROM messages WHERE seq BETWEEN ? AND ? AND language IS NOT NULL",
        Math.min(...seqs),
        Math.max(...seqs),
      )
      .toArray();
    for (const row of rows) out.set(row.seq, row.language);
    return out;
  }

  setTranslation(seq: number, text: string, language: string | null): void {
    this.sql.exec("INSERT OR REPLACE INTO translations (seq, text, language) VALUES (?, ?, ?)", seq, text, language);
  }

  /** Analyses D1 has not seen in their latest revision, with that revision. */
  unflushedAnalyses(limit: number): { analysis: StoredAnalysis; rev: number }[] {
    return this.sql
      .exec<{ body: string; rev: number }>("SELECT body, rev FROM analyses WHERE rev > flushed_rev ORDER BY seq LIMIT ?", limit)
      .toArray()
      .map((r) => ({ analysis: JSON.parse(r.body) as StoredAnalysis, rev: r.rev }));
  }

  hasUnflushedAnalyses(): boolean {
    return this.sql.exec("SELECT 1 FROM analyses WHERE rev > flushed_rev LIMIT 1").toArray().length > 0;
  }

  /** Records what D1 now holds; a revision written since stays unflushed. */
  markFlushed(flushed: readonly { analysis: StoredAnalysis; rev: number }[]): void {
    for (const { analysis, rev } of flushed) {
      this.sql.exec("UPDATE analyses SET flushed_rev = max(flushed_rev, ?) WHERE seq = ?", rev, analysis.seq);
    }
  }

  /** Every analysis counts as not in D1 (the whole index is to be sent again). */
  markAllUnflushed(): void {
    this.sql.exec("UPDATE analyses SET flushed_rev = 0");
  }

  /** Messages with seq above `after`, in order. */
  messagesAfter(after: number, limit: number): StoredMessage[] {
    return this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
      .toArray()
      .map(toMessage);
  }

  /** The seqs of the user's messages (the ones semantic search embeds), in order. */
  userSeqs(): number[] {
    return this.sql
      .exec<{ seq: number }>("SELECT seq FROM messages WHERE role = 'user' ORDER BY seq")
      .toArray()
      .map((r) => r.seq);
  }
}
