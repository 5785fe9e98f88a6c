/**
 * A conversation's own SQLite storage: its messages and one state row. Every method is synchronous;
 * a Durable Object commits all writes made before its next `await` as one atomic transaction, so an
 * append and the state it changes can never be half-written.
 */
import type { ContextInput, ConversationStatus, MessageInput, StoredMessage } from "./protocol";

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
}

interface MessageRow extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  role: StoredMessage["role"];
  content: string;
  sent_at: number | null;
  received_at: number;
}

const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  seq: r.seq,
  role: r.role,
  content: r.content,
  sentAt: r.sent_at,
  receivedAt: r.received_at,
});

export class ConversationStore {
  private cached: ConversationState | null | undefined;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        sent_at INTEGER,
        received_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
    `);
  }

  /** The conversation's state, or null while it has never been captured into. */
  get state(): ConversationState | null {
    if (this.cached === undefined) {
      const row = this.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").toArray()[0];
      this.cached = row ? (JSON.parse(row.body) as ConversationState) : null;
    }
    return this.cached;
  }

  save(state: ConversationState): void {
    this.sql.exec("INSERT OR REPLACE INTO state (id, body) VALUES (1, ?)", JSON.stringify(state));
    this.cached = state;
  }

  findById(id: string): StoredMessage | null {
    const row = this.sql.exec<MessageRow>("SELECT * FROM messages WHERE id = ?", id).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /** Appends a message; a known id returns the stored one, marked duplicate, and writes nothing. */
  append(state: ConversationState, input: MessageInput, id: string, now: number): { message: StoredMessage; duplicate: boolean } {
    const existing = this.findById(id);
    if (existing) return { message: existing, duplicate: true };
    const message: StoredMessage = {
      id,
      seq: state.lastSeq + 1,
      role: input.role,
      content: input.content,
      sentAt: input.sentAt ?? null,
      receivedAt: now,
    };
    this.sql.exec(
      "INSERT INTO messages (seq, id, role, content, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?)",
      message.seq,
      message.id,
      message.role,
      message.content,
      message.sentAt,
      message.receivedAt,
    );
    state.lastSeq = message.seq;
    state.messageCount += 1;
    if (message.role === "user") state.userMessageCount += 1;
    state.firstMessageAt ??= now;
    state.lastMessageAt = now;
    return { message, duplicate: false };
  }

  /** Messages with seq above `after`, in order. */
  messagesAfter(after: number, limit: number): StoredMessage[] {
    return this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
      .toArray()
      .map(toMessage);
  }
}
