/**
 * The live feed's frames (GET /live-feed, one socket per dashboard viewer), as zod schemas: the chatbot's
 * Live Durable Object sends them, the OpenAPI document publishes them (components FeedFrame and
 * FeedClientFrame) and the dashboard's types are generated from that.
 */
import { z } from "zod";
import { ACTIVITY_KINDS, TRIAGE_STATUSES } from "../worker/db/schema";
import { FEED_SHARDS } from "./feed-shards";
import { frameRefusalFrame } from "./frame-reading";

/** A viewer sees an event at most about this long after the conversation published it. */
export const FLUSH_MS = 100;
export const MAX_EVENTS_PER_BATCH = 100;

/** One thing that happened in a conversation, as a viewer sees it. */
export const liveEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    conversationId: z.string(),
    externalId: z.string(),
    message: z.object({ id: z.string(), seq: z.number(), role: z.string(), content: z.string(), receivedAt: z.number() }),
    user: z.object({ id: z.string(), email: z.string().optional(), name: z.string().optional() }).nullable(),
    organization: z
      .object({ id: z.string(), name: z.string().optional() })
      .nullable()
      .optional()
      .meta({ description: "The user's organization as the conversation stated it" }),
    plan: z.string().nullable().optional().meta({ description: "The organization's plan, else the user's" }),
  }),
  z.object({
    type: z.literal("annotation"),
    conversationId: z.string(),
    externalId: z.string(),
    seq: z.number(),
    messageId: z.string(),
    sentiment: z.object({ score: z.number(), label: z.string() }).nullable(),
    flags: z.array(z.string()),
    behaviours: z.array(z.string()),
  }),
  z.object({
    type: z.literal("conversation"),
    conversationId: z.string(),
    externalId: z.string(),
    status: z.enum(["started", "ended", "reopened"]),
  }),
  z
    .object({
      type: z.literal("triage"),
      conversationId: z.string(),
      changes: z.array(z.enum(ACTIVITY_KINDS)).meta({ description: "What this action changed (the activity rows it wrote)" }),
      status: z.enum(TRIAGE_STATUSES),
      assigneeId: z.string().nullable(),
      labelIds: z.array(z.string()),
      actorName: z.string(),
    })
    .meta({ description: "A member or admin key acted on a conversation (README, Acting on conversations): its triage state after the action. Never dropped from a batch" }),
  z.object({ type: z.literal("labels") }).meta({ description: "The chatbot's labels were created, renamed, recoloured or deleted. Never dropped from a batch" }),
]);
export type LiveEvent = z.infer<typeof liveEvent>;

/**
 * What a batch over MAX_EVENTS_PER_BATCH lets go first, oldest first within each: annotations, then messages, then a
 * conversation's start, end or reopening. What a person did (`triage`, `labels`) is rare and never let go. So a burst
 * — a REST capture of 100 messages, analysed in the same turn — shows a viewer the conversation starting and its
 * newest messages, rather than the annotations of messages it never saw.
 */
const LET_GO_FIRST: readonly LiveEvent["type"][] = ["annotation", "message", "conversation"];

/** `events` cut to at most `max` (but what is never let go), in their order, and how many were let go. */
export function trimBatch(events: LiveEvent[], max = MAX_EVENTS_PER_BATCH): { kept: LiveEvent[]; dropped: number } {
  let excess = events.length - max;
  if (excess <= 0) return { kept: events, dropped: 0 };
  const gone = new Set<LiveEvent>();
  for (const type of LET_GO_FIRST) {
    for (const event of events) {
      if (excess === 0) break;
      if (event.type !== type) continue;
      gone.add(event);
      excess -= 1;
    }
  }
  return { kept: events.filter((e) => !gone.has(e)), dropped: gone.size };
}

/**
 * Today's figures in the viewer's time zone, read from the index (worker/analytics/today.ts): on `hello`, and
 * again with each `indexed` frame; `batch` frames repeat the last ones read.
 */
export const liveCounters = z.object({
  day: z.string().meta({ description: "The viewer's calendar day counted (in `timeZone`), YYYY-MM-DD" }),
  timeZone: z.string().meta({ description: "The IANA zone whose midnight starts the day: the feed's `timeZone` parameter, UTC when absent" }),
  messagesToday: z.number().int(),
  analysedToday: z.number().int(),
});
export type LiveCounters = z.infer<typeof liveCounters>;

export const feedFrame = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("hello"), counters: liveCounters }).meta({ description: "First frame on every feed socket" }),
    z
      .object({
        type: z.literal("batch"),
        events: z.array(liveEvent).meta({ description: "The events since the last batch, oldest first" }),
        dropped: z.number().int().meta({
          description: `Events of this interval left out beyond ${MAX_EVENTS_PER_BATCH}: annotations first, then messages, then conversation events, oldest first (triage and labels never)`,
        }),
        counters: liveCounters,
      })
      .meta({ description: `While anything happens, at most one every ${FLUSH_MS} ms from each of the feed's ${FEED_SHARDS} shards (a conversation's events all come from one), with at most ${MAX_EVENTS_PER_BATCH} events` }),
    z
      .object({
        type: z.literal("indexed"),
        conversationIds: z.array(z.string()).meta({ description: "Conversations (their `id`) whose rows in the D1 index changed since the last frame (empty when only the counters changed, e.g. at midnight)" }),
        counters: liveCounters.meta({ description: "Today's counters read from the index just now" }),
      })
      .meta({
        description:
          "The index queue wrote these conversations to D1: reads of the conversations table and the attention queue now see the change (a `message` event comes before its row is written), and the counters count them. Sent on the same tick as a batch, at most one per tick",
      }),
    z.object({ type: z.literal("pong") }).meta({ description: "The answer to a ping" }),
    frameRefusalFrame.meta({
      description:
        "A frame the viewer sent was refused, as a conversation socket refuses one: `invalid_json` (not JSON), `invalid_frame` (not a ping: an unknown `type` or a wrong field, named in `details`; binary frames too), `payload_too_large` (over 40 KB, not parsed). The feed stays open",
    }),
  ])
  .meta({ description: "A frame the live feed sends" });
export type FeedFrame = z.infer<typeof feedFrame>;

/** Conversation ids one `indexed` call may carry (the index queue's batches hold at most 100 snapshots). */
export const MAX_INDEXED_IDS = 1000;

/** Viewers only listen; a ping keeps proxies from closing an idle feed. Anything else is answered with an `error` frame. */
export const feedClientFrame = z.object({ type: z.literal("ping") }).meta({ description: "The one frame a feed viewer sends" });
