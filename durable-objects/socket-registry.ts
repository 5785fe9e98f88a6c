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
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Conversation } from "./conversation";
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

/** Conversations told to close their sockets at once during a sweep. */
const SWEEP_CONCURRENCY = 25;

const id = z.string().min(1).max(128);

export class SocketRegistry extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS live_sockets (chatbot_id TEXT NOT NULL, conversation_id TEXT NOT NULL, key_id TEXT NOT NULL, PRIMARY KEY (conversation_id, key_id));
       CREATE INDEX IF NOT EXISTS live_sockets_chatbot_key ON live_sockets (chatbot_id, key_id);`,
    );
  }

  /**
   * A conversation's open sockets changed: `keyIds` are the keys they were opened with now (empty when
   * none is left). Each conversation sends these one after another, so the last one received is current.
   * @example await stub.track("cb_123", "3f83…", ["key_abc"])
   */
  async track(chatbotId: string, conversationId: string, keyIds: string[]): Promise<void> {
    const chatbot = id.parse(chatbotId);
    const conversation = id.parse(conversationId);
    const keys = new Set(z.array(id).max(1000).parse(keyIds));
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM live_sockets WHERE conversation_id = ?", conversation);
      for (const keyId of keys) this.ctx.storage.sql.exec("INSERT INTO live_sockets (chatbot_id, conversation_id, key_id) VALUES (?, ?, ?)", chatbot, conversation, keyId);
    });
  }

  /**
   * Closes the open sockets of the chatbot's conversations held here (only those opened with `sweep.keyId`
   * when given); answers how many were closed.
   * @example await stub.sweep("cb_123", { keyId: "key_abc", code: 4001, reason: "key revoked" })
   */
  async sweep(chatbotId: string, sweep: SocketSweep): Promise<number> {
    const closed = await this.eachConversation(id.parse(chatbotId), sweep.keyId, (stub) => stub.disconnect(chatbotId, sweep));
    return closed.reduce((sum, n) => sum + n, 0);
  }

  /**
   * The chatbot was deleted: erases every conversation of it held here that has a socket open (those without
   * one are found in D1 by the caller) and forgets them.
   * @example await stub.erase("cb_123")
   */
  async erase(chatbotId: string): Promise<void> {
    const chatbot = id.parse(chatbotId);
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
