/**
 * The registry of open conversation sockets: which keys each conversation's open sockets were opened with,
 * so that revoking a key, archiving or deleting a chatbot reaches every open socket — empty conversations
 * included — without scanning D1.
 *
 * It is deployment-wide, not per chatbot: REGISTRY_SHARDS objects, each conversation reporting to the one its
 * id hashes to whenever one of its sockets connects or closes (never per message). So no object of a chatbot
 * is called while nobody watches it, and a busy chatbot's sockets opening and closing are spread like
 * everyone else's. A sweep is rare (a key revoked or rotated, a chatbot archived or deleted) and asks every
 * shard (worker/services/live-sockets.ts); each closes the sockets of the conversations it holds.
 *
 * A conversation welcomes a socket first and registers it after, so a connect never waits for a registry
 * object far away. A sweep that runs between the two cannot see that socket: each shard therefore remembers
 * its sweeps for SWEEP_MEMORY_MS and answers a registration with the ones that concern its keys, and the
 * conversation closes the sockets they should have closed (Conversation.closeMissed).
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Conversation } from "./conversation";
import { CLOSE } from "./protocol";
import { fnv1a } from "./shard-hash";

/** Enough that each shard stays far under an object's ~1,000 calls a second at the capacity docs/capacity.md plans for. */
export const REGISTRY_SHARDS = 32;

/** The name of registry shard `shard`. */
export const registryShardName = (shard: number): string => `sockets/${shard}`;

/** The shard a conversation reports to: one, always the same, so its last report is the one that counts. */
export const registryShardOf = (conversationId: string): number => fnv1a(conversationId) % REGISTRY_SHARDS;

/** Which sockets a sweep closes, and how the client is told. */
export interface SocketSweep {
  /** Only sockets opened with this key (or a conversation token minted with it); all when absent. */
  keyId?: string;
  code: number;
  reason: string;
}

/** A sweep as a shard remembers it: when it ran (the shard's clock), and whether it erased conversations. */
export interface SweepRecord extends SocketSweep {
  at: number;
  erase: boolean;
}

/** How long a shard remembers a sweep: far longer than a registration can take to arrive. */
export const SWEEP_MEMORY_MS = 10 * 60_000;

/**
 * How far a conversation's clock may be from a registry shard's (other machines): a chatbot-wide sweep closes
 * the sockets opened up to this long after it ran, erring toward closing (the client reconnects).
 */
export const SWEEP_CLOCK_SLACK_MS = 1_000;

/** Conversations told to close their sockets at once during a sweep. */
const SWEEP_CONCURRENCY = 25;

const id = z.string().min(1).max(128);

export class SocketRegistry extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS live_sockets (chatbot_id TEXT NOT NULL, conversation_id TEXT NOT NULL, key_id TEXT NOT NULL, PRIMARY KEY (conversation_id, key_id));
       CREATE INDEX IF NOT EXISTS live_sockets_chatbot_key ON live_sockets (chatbot_id, key_id);
       CREATE TABLE IF NOT EXISTS sweeps (chatbot_id TEXT NOT NULL, key_id TEXT NOT NULL, code INTEGER NOT NULL, reason TEXT NOT NULL, erase INTEGER NOT NULL, at INTEGER NOT NULL);
       CREATE INDEX IF NOT EXISTS sweeps_chatbot_at ON sweeps (chatbot_id, at);`,
    );
  }

  /**
   * A conversation's open sockets changed: `keyIds` are the keys they were opened with now (empty when
   * none is left). Each conversation sends these one after another, so the last one received is current.
   * Answers the chatbot's recent sweeps that concern those keys: a socket opened before one of them was
   * welcomed before it ran and registered after, and must close as the sweep says.
   * @example const missed = await stub.track("cb_123", "3f83…", ["key_abc"])
   */
  async track(chatbotId: string, conversationId: string, keyIds: string[]): Promise<SweepRecord[]> {
    const chatbot = id.parse(chatbotId);
    const conversation = id.parse(conversationId);
    const keys = new Set(z.array(id).max(1000).parse(keyIds));
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM live_sockets WHERE conversation_id = ?", conversation);
      for (const keyId of keys) this.ctx.storage.sql.exec("INSERT INTO live_sockets (chatbot_id, conversation_id, key_id) VALUES (?, ?, ?)", chatbot, conversation, keyId);
    });
    if (!keys.size) return [];
    return this.ctx.storage.sql
      .exec<{ key_id: string; code: number; reason: string; erase: number; at: number }>(
        "SELECT key_id, code, reason, erase, at FROM sweeps WHERE chatbot_id = ? AND at >= ? ORDER BY at",
        chatbot,
        Date.now() - SWEEP_MEMORY_MS,
      )
      .toArray()
      .filter((r) => r.key_id === "" || keys.has(r.key_id))
      .map((r) => ({ ...(r.key_id ? { keyId: r.key_id } : {}), code: r.code, reason: r.reason, erase: r.erase === 1, at: r.at }));
  }

  /** Remembers a sweep before running it, so that a registration arriving during or after it is told. */
  private remember(chatbotId: string, sweep: SocketSweep, erase: boolean): void {
    const now = Date.now();
    this.ctx.storage.sql.exec("DELETE FROM sweeps WHERE at < ?", now - SWEEP_MEMORY_MS);
    this.ctx.storage.sql.exec(
      "INSERT INTO sweeps (chatbot_id, key_id, code, reason, erase, at) VALUES (?, ?, ?, ?, ?, ?)",
      chatbotId,
      sweep.keyId ?? "",
      sweep.code,
      sweep.reason,
      erase ? 1 : 0,
      now,
    );
  }

  /**
   * Closes the open sockets of the chatbot's conversations held here (only those opened with `sweep.keyId`
   * when given); answers how many were closed.
   * @example await stub.sweep("cb_123", { keyId: "key_abc", code: 4001, reason: "key revoked" })
   */
  async sweep(chatbotId: string, sweep: SocketSweep): Promise<number> {
    const chatbot = id.parse(chatbotId);
    this.remember(chatbot, sweep, false);
    const closed = await this.eachConversation(chatbot, sweep.keyId, (stub) => stub.disconnect(chatbot, sweep));
    return closed.reduce((sum, n) => sum + n, 0);
  }

  /**
   * The chatbot was deleted: erases every conversation of it held here that has a socket open (those without
   * one are found in D1 by the caller) and forgets them.
   * @example await stub.erase("cb_123")
   */
  async erase(chatbotId: string): Promise<void> {
    const chatbot = id.parse(chatbotId);
    this.remember(chatbot, { code: CLOSE.chatbotDeleted, reason: "chatbot deleted" }, true);
    await this.eachConversation(chatbot, undefined, (stub) => stub.destroy(chatbot));
    this.ctx.storage.sql.exec("DELETE FROM live_sockets WHERE chatbot_id = ?", chatbot);
  }

  private async eachConversation<T>(chatbotId: string, keyId: string | undefined, act: (stub: DurableObjectStub<Conversation>) => Promise<T>): Promise<T[]> {
    const rows = this.ctx.storage.sql
      .exec<{ id: string }>(
        keyId === undefined
          ? "SELECT DISTINCT conversation_id AS id FROM live_sockets WHERE chatbot_id = ?"
          : "SELECT conversation_id AS id FROM live_sockets WHERE chatbot_id = ? AND key_id = ?",
        ...(keyId === undefined ? [chatbotId] : [chatbotId, keyId]),
      )
      .toArray();
    const ns = this.env.CONVERSATION as DurableObjectNamespace<Conversation>;
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += SWEEP_CONCURRENCY) {
      const batch = rows.slice(i, i + SWEEP_CONCURRENCY).map(({ id }) =>
        act(ns.get(ns.idFromString(id))).catch((error: unknown) => {
          console.error("socket sweep failed for a conversation", { conversationId: id, error: String(error) });
          return undefined;
        }),
      );
      for (const result of await Promise.all(batch)) if (result !== undefined) out.push(result as T);
    }
    return out;
  }
}
