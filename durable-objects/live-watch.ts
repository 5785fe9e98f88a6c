/**
 * Whether anyone watches a chatbot's live feed: the signal that keeps the feed free while nobody does.
 *
 * The feed (chatbot-live.ts) marks its chatbot watched in D1 (`live_watches`) while it has viewers — `until`
 * a minute ahead, renewed every half minute, set back to now when the last viewer leaves. Whoever would call
 * the feed for a message (a conversation's publisher, the index queue's consumer, a triage action) asks
 * `watched` first and calls only when it holds. So with nobody watching, messages cost the chatbot's feed
 * object nothing: no RPC, no wake-up.
 *
 * The answer is cached per isolate and chatbot — an "unwatched" for a second, a "watched" for five (never
 * past the mark) — so a conversation asks D1 at most about once a second however fast its messages come,
 * and a viewer who opens the feed sees events within about a second. Lookups in flight are shared. A mark
 * that cannot be read counts as watched: the feed is a view, and an extra call is better than a blank feed.
 */

/** How far ahead a mark reaches; the feed renews it at half that while viewers stay. */
export const WATCH_MS = 60_000;
export const WATCH_RENEW_MS = WATCH_MS / 2;

export const UNWATCHED_TTL_MS = 1_000;
const WATCHED_TTL_MS = 5_000;

interface Known {
  watched: boolean;
  /** Until when the answer stands (epoch ms). */
  until: number;
}

const known = new Map<string, Known>();
const asking = new Map<string, Promise<boolean>>();

/**
 * True while the chatbot's live feed has a viewer (as of at most a few seconds ago; with `fresh`, as of now:
 * for what a person did, rare enough to ask D1 each time, and shown to viewers who just opened the feed).
 * @example if (await watched(env.DB, chatbotId)) await feed.publish(events)
 */
export function watched(db: D1Database, chatbotId: string, { fresh = false } = {}): Promise<boolean> {
  const cached = known.get(chatbotId);
  if (!fresh && cached && cached.until > Date.now()) return Promise.resolve(cached.watched);
  let lookup = asking.get(chatbotId);
  if (!lookup) {
    lookup = db
      .prepare("SELECT until FROM live_watches WHERE chatbot_id = ?")
      .bind(chatbotId)
      .first<{ until: number }>()
      .then(
        (row) => {
          const at = Date.now();
          const isWatched = row !== null && row.until > at;
          known.set(chatbotId, { watched: isWatched, until: isWatched ? Math.min(row.until, at + WATCHED_TTL_MS) : at + UNWATCHED_TTL_MS });
          return isWatched;
        },
        (error: unknown) => {
          console.error("reading the live-feed watch mark failed; publishing anyway", { chatbotId, error: String(error) });
          known.set(chatbotId, { watched: true, until: Date.now() + UNWATCHED_TTL_MS });
          return true;
        },
      )
      .finally(() => asking.delete(chatbotId));
    asking.set(chatbotId, lookup);
  }
  return lookup;
}

/**
 * Marks the chatbot watched until `until` (epoch ms; now or earlier: nobody watches). Written by its feed
 * object only; a deleted chatbot's feed (its last viewer closing) writes nothing.
 * @example await markWatched(env.DB, chatbotId, Date.now() + WATCH_MS)
 */
export async function markWatched(db: D1Database, chatbotId: string, until: number): Promise<void> {
  await db
    .prepare(
      "INSERT INTO live_watches (chatbot_id, until) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = ?1) ON CONFLICT (chatbot_id) DO UPDATE SET until = ?2",
    )
    .bind(chatbotId, until)
    .run();
}
