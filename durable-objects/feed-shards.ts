/**
 * A chatbot's live feed is spread over FEED_SHARDS ChatbotLive objects, so that no one object receives a
 * call for every message of a busy chatbot: each conversation publishes to the shard its id hashes to, and
 * a viewer's socket is relayed by the Worker from all of them (worker/services/feed-relay.ts).
 *
 * Shard 0 is the chatbot's feed as it always was (named by the chatbot id): it also holds everything that is
 * not a conversation's events — the watch mark, `hello` and the counters read every 30 s, triage and label
 * events, pings, and closing the viewers a revoked key opened. The other shards coalesce their conversations'
 * events into `batch` frames, without counters (the relay adds the newest it knows). `indexed` frames come from
 * whichever shard the index queue told (feedShardOf the batch's first conversation), with the counters it read.
 */
import { fnv1a } from "./shard-hash";

export const FEED_SHARDS = 8;

/** The name of a chatbot's feed shard `shard` (shard 0: the chatbot id itself). */
export const feedShardName = (chatbotId: string, shard: number): string => (shard === 0 ? chatbotId : `${chatbotId}/feed/${shard}`);

/** Which shard a conversation publishes to: FNV-1a of its id, so a conversation's events stay in order on one shard. */
export const feedShardOf = (conversationId: string): number => fnv1a(conversationId) % FEED_SHARDS;
