/**
 * Reaching the live sockets of a chatbot's conversations through the socket registry (SocketRegistry
 * shards, which every conversation tells when a socket opens or closes): revoking a key, archiving or
 * deleting the chatbot closes them, empty conversations included. Every shard is asked, at once: these
 * are rare, and a chatbot's conversations are spread over all of them.
 */
import type { ChatbotLive } from "../../durable-objects/chatbot-live";
import { FEED_SHARDS, feedShardName } from "../../durable-objects/feed-shards";
import { CLOSE } from "../../durable-objects/protocol";
import { REGISTRY_SHARDS, registryShardName, type SocketRegistry, type SocketSweep } from "../../durable-objects/socket-registry";

function feed(env: Env, chatbotId: string, shard = 0): DurableObjectStub<ChatbotLive> {
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  return ns.get(ns.idFromName(feedShardName(chatbotId, shard)));
}

/** Runs `act` on every registry shard; a shard that fails is logged and the others go on. */
async function eachShard(env: Env, chatbotId: string, act: (shard: DurableObjectStub<SocketRegistry>) => Promise<unknown>): Promise<void> {
  const ns = env.SOCKET_REGISTRY as DurableObjectNamespace<SocketRegistry>;
  await Promise.all(
    Array.from({ length: REGISTRY_SHARDS }, (_, shard) =>
      act(ns.get(ns.idFromName(registryShardName(shard)))).catch((error: unknown) =>
        console.error("closing live sockets failed on a registry shard", { chatbotId, shard, error: String(error) }),
      ),
    ),
  );
}

const sweep = (env: Env, chatbotId: string, what: SocketSweep): Promise<void> => eachShard(env, chatbotId, (shard) => shard.sweep(chatbotId, what));

/** A key was revoked or rotated: its sockets, those opened with tokens it minted and its feed viewers close with 4001. */
export async function closeKeySockets(env: Env, chatbotId: string, keyId: string): Promise<void> {
  const what = { keyId, code: CLOSE.keyRevoked, reason: "key revoked" };
  await Promise.all([
    sweep(env, chatbotId, what),
    feed(env, chatbotId)
      .closeKeyViewers(keyId, what.code, what.reason)
      .catch((error: unknown) => console.error("closing the key's feed viewers failed", { chatbotId, error: String(error) })),
  ]);
}

/** The chatbot was archived: every socket closes with 4003 (reconnects are refused with `chatbot_archived`). */
export function closeChatbotSockets(env: Env, chatbotId: string): Promise<void> {
  return sweep(env, chatbotId, { code: CLOSE.chatbotArchived, reason: "chatbot archived" });
}

/**
 * The chatbot was deleted: conversations with a socket open are erased, then every shard of its feed closes
 * its viewers and drops its storage (each remembers its chatbot and the counters it last read).
 */
export async function purgeLive(env: Env, chatbotId: string): Promise<void> {
  await eachShard(env, chatbotId, (shard) => shard.erase(chatbotId));
  await Promise.all(
    Array.from({ length: FEED_SHARDS }, (_, shard) =>
      feed(env, chatbotId, shard)
        .purge()
        .catch((error: unknown) => console.error("purging the live feed failed", { chatbotId, shard, error: String(error) })),
    ),
  );
}
