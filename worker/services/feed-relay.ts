/**
 * A viewer's one live-feed socket, relayed from all the shards of the chatbot's feed
 * (durable-objects/feed-shards.ts): the viewer keeps the protocol of a single feed while no one object
 * receives every message of a busy chatbot.
 *
 * - Today's counters are kept here: every frame that carries them (shard 0's `hello` and batches, any shard's
 *   `indexed`: the index queue tells one shard per batch) may bring newer ones, and every frame goes to the
 *   viewer with the newest known. The other shards' batches, which carry none, get them added, and wait for
 *   shard 0's `hello` first. Shard 0's answers to the viewer (a `pong`, an `error` for a frame it refused) pass as
 *   they are.
 * - The viewer's frames (pings, and whatever else it sends, which shard 0 refuses) go to shard 0 alone.
 * - One side closing closes everything, with its code: a key revoked or a session ended closes shard 0's
 *   socket (4001) and so the viewer's; the viewer leaving closes every shard's.
 */
import { FEED_SHARD_HEADER, type ChatbotLive, type LiveCounters } from "../../durable-objects/chatbot-live";
import { FEED_SHARDS, feedShardName } from "../../durable-objects/feed-shards";
import { closeQuietly } from "../../durable-objects/session-sockets";

/** Accepts a socket without the runtime's automatic answer to a close (compatibility date 2026-04-07 and later). */
const halfOpen = (ws: WebSocket): void => (ws.accept as (options?: { allowHalfOpen?: boolean }) => void).call(ws, { allowHalfOpen: true });

/**
 * The newer of two readings of today's counters for one zone: a later day's, or on the same day the higher
 * counts — within a day they only grow (a message is never un-received or un-analysed; conversations are
 * erased only with their chatbot, which closes the feed), so readings taken by different shards at different
 * moments never move a viewer's counters back, whatever order they arrive in.
 */
export function newerCounters(known: LiveCounters | null, read: LiveCounters): LiveCounters {
  if (known === null || read.day > known.day) return read;
  if (read.day < known.day) return known;
  return { ...read, messagesToday: Math.max(known.messagesToday, read.messagesToday), analysedToday: Math.max(known.analysedToday, read.analysedToday) };
}

/** A close code that may be sent (1005 and 1006 only describe a close, they cannot be sent). */
const sendable = (code: number): number => (code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);

/**
 * Opens the viewer's socket on every shard with `headers` (the chatbot, zone and credentials the route
 * established) and answers the upgrade with the relayed socket (and `answerHeaders`: the chosen subprotocol).
 * @example return relayFeed(c.env, url, chatbotId, headers)
 */
export async function relayFeed(
  env: Pick<Env, "CHATBOT_LIVE">,
  url: string,
  chatbotId: string,
  headers: Record<string, string>,
  answerHeaders?: Record<string, string>,
): Promise<Response> {
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  const answers = await Promise.all(
    Array.from({ length: FEED_SHARDS }, (_, shard) =>
      ns.get(ns.idFromName(feedShardName(chatbotId, shard))).fetch(new Request(url, { headers: { ...headers, [FEED_SHARD_HEADER]: String(shard) } })),
    ),
  );
  const shards = answers.map((answer) => answer.webSocket);
  if (shards.some((ws) => !ws)) {
    for (const ws of shards) ws?.accept();
    for (const ws of shards) ws?.close(1011, "feed unavailable");
    throw new Error(`a live-feed shard refused the viewer: ${answers.map((a) => a.status).join(", ")}`);
  }
  const upstream = shards as WebSocket[];
  const { 0: client, 1: viewer } = new WebSocketPair();
  // Half-open: the runtime would otherwise answer a close itself with the viewer's own code, a missing one
  // included (1005); the relay answers instead (a close without a code with 1000, as every socket here does).
  halfOpen(viewer);
  // A binary frame arrives as an ArrayBuffer, which `send` passes on as binary; as a Blob (the default) it would be
  // sent on as the text "[object Blob]", and refused as bad JSON rather than as a binary frame.
  viewer.binaryType = "arraybuffer";

  let closed = false;
  const closeAll = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    for (const ws of [viewer, ...upstream]) closeQuietly(ws, sendable(code), reason);
  };

  // Nothing goes before shard 0's `hello`: what other shards send earlier waits for it.
  let greeted = false;
  let counters: LiveCounters | null = null;
  const waiting: Record<string, unknown>[] = [];
  // A frame can arrive from one side after the other has closed (its close event not yet run): it is dropped,
  // not sent into a closed socket (which throws).
  const deliver = (to: WebSocket, data: string | ArrayBuffer) => {
    if (closed) return;
    try {
      to.send(data);
    } catch {
      closeAll(1011, "feed unavailable");
    }
  };
  const send = (frame: Record<string, unknown>) => deliver(viewer, JSON.stringify({ ...frame, counters }));
  upstream.forEach((ws, shard) => {
    halfOpen(ws);
    ws.addEventListener("message", ({ data }) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown> & { counters?: LiveCounters };
      if (frame.counters !== undefined) counters = newerCounters(counters, frame.counters);
      else if (shard === 0) return deliver(viewer, String(data)); // a pong, or the refusal of a viewer's frame
      if (!greeted && frame.type !== "hello") return waiting.push(frame);
      greeted = true;
      send(frame);
      for (const early of waiting.splice(0)) send(early);
    });
    ws.addEventListener("close", ({ code, reason }) => closeAll(code, reason));
    ws.addEventListener("error", () => closeAll(1011, "feed unavailable"));
  });
  viewer.addEventListener("message", ({ data }) => deliver(upstream[0]!, data));
  viewer.addEventListener("close", ({ code, reason }) => closeAll(code, reason));
  viewer.addEventListener("error", () => closeAll(1011, "viewer socket failed"));
  return new Response(null, { status: 101, webSocket: client, headers: answerHeaders });
}
