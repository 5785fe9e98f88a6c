/**
 * The live conversation protocol: every frame a client may send and the server may answer, as zod
 * schemas. Also the message and context shapes REST capture shares. The README's "Live protocol"
 * section documents the same frames for client authors; the SDK imports the types only.
 */
import { z } from "zod";
import type { MessageAnalysis } from "../worker/analysis/types";

export const LIMITS = {
  contentBytes: 32 * 1024,
  messagesPerCapture: 100,
  bodyBytes: 1024 * 1024,
  customKeys: 50,
  /** `custom` a conversation keeps, every capture and frame merged: keys, and bytes of its JSON. */
  customKeysPerConversation: 100,
  customBytesPerConversation: 16 * 1024,
  /** A single WebSocket frame: one message plus its envelope. */
  frameBytes: 40 * 1024,
  /** Open sockets on one conversation (every key kind together); one more is refused with 429. */
  socketsPerConversation: 20,
} as const;

const utf8 = new TextEncoder();
const shortText = (max = 256) => z.string().trim().min(1).max(max);

/** Client timestamps: ISO-8601 text or epoch milliseconds; stored as epoch milliseconds. */
export const timestamp = z
  .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()])
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)));

export const ROLES = ["user", "assistant", "system"] as const;

export const messageInput = z.object({
  /** The integrator's message id; a resent id is recognised and never stored twice. */
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  role: z.enum(ROLES),
  content: z
    .string()
    .min(1, "must not be empty")
    // A UTF-16 code unit encodes to at most 3 UTF-8 bytes: short text (nearly all of it) is not encoded to be measured.
    .refine((s) => s.length * 3 <= LIMITS.contentBytes || utf8.encode(s).length <= LIMITS.contentBytes, `must be at most ${LIMITS.contentBytes} bytes`),
  sentAt: timestamp.optional(),
});
export type MessageInput = z.infer<typeof messageInput>;

const mrr = z.number().nonnegative().max(1e12);

export const userContext = z.object({
  id: shortText(128),
  name: shortText().optional(),
  email: z.email().max(256).optional(),
  plan: shortText(64).optional(),
  industry: shortText(64).optional(),
  mrr: mrr.optional(),
  createdAt: timestamp.optional(),
});

export const organizationContext = z.object({
  id: shortText(128),
  name: shortText().optional(),
  plan: shortText(64).optional(),
  industry: shortText(64).optional(),
  mrr: mrr.optional(),
});

export const DEVICES = ["desktop", "mobile", "tablet"] as const;

/** ISO 3166-1 alpha-2, any case in, upper case out: stated sessions and country filters alike. */
export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
  .transform((c) => c.toUpperCase());

/** Only web addresses: a `javascript:` or `data:` "page" would be a link waiting to be clicked in the dashboard. */
const httpUrl = (max: number) => z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(max);

export const sessionContext = z.object({
  id: shortText(128).optional(),
  pageUrl: httpUrl(2048).optional(),
  referrer: z.union([httpUrl(2048), z.literal("")]).optional(),
  device: z.enum(DEVICES).optional(),
  country: countryCode.optional(),
  city: shortText(128).optional(),
  continent: z.string().regex(/^[A-Z]{2}$/).optional(),
  timezone: shortText(64).optional(),
});

export const customFields = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= LIMITS.customKeys, `at most ${LIMITS.customKeys} keys`);

export const contextInput = z.object({
  user: userContext.optional(),
  organization: organizationContext.optional(),
  session: sessionContext.optional(),
  custom: customFields.optional(),
});
export type ContextInput = z.infer<typeof contextInput>;

/**
 * What a browser socket (publishable key or conversation token) may state is held tighter than what
 * the integrator's server may: anyone can open one.
 */
export const BROWSER_LIMITS = {
  customKeys: 20,
  customValueChars: 256,
  urlChars: 1024,
  /** A browser may grow the conversation's `custom` up to this much (the server may go on to the general limits). */
  customKeysPerConversation: 20,
  customBytesPerConversation: 4 * 1024,
} as const;

export const browserContext = z.object({
  session: sessionContext
    .extend({ pageUrl: httpUrl(BROWSER_LIMITS.urlChars).optional(), referrer: z.union([httpUrl(BROWSER_LIMITS.urlChars), z.literal("")]).optional() })
    .optional(),
  custom: z
    .record(z.string().min(1).max(64), z.union([z.string().max(BROWSER_LIMITS.customValueChars), z.number(), z.boolean(), z.null()]))
    .refine((r) => Object.keys(r).length <= BROWSER_LIMITS.customKeys, `at most ${BROWSER_LIMITS.customKeys} keys from a browser`)
    .optional(),
});

// ---- client → server ----

export const clientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message") }).extend(messageInput.shape),
  z.object({ type: z.literal("context") }).extend(contextInput.shape),
  /** Replays every stored message with a sequence number above `after`, then `replayed`. */
  z.object({ type: z.literal("resume"), after: z.number().int().nonnegative() }),
  z.object({ type: z.literal("end") }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

// ---- server → client ----

export interface StoredMessage {
  id: string;
  seq: number;
  role: (typeof ROLES)[number];
  content: string;
  sentAt: number | null;
  receivedAt: number;
}

export type ConversationStatus = "open" | "ended";

export type ServerFrame =
  /** First frame on every socket. */
  | { type: "welcome"; conversationId: string; externalId: string; lastSeq: number; status: ConversationStatus }
  /** Sent to the socket that sent the message, once it is durable. */
  | { type: "ack"; id: string; seq: number; duplicate: boolean; receivedAt: number }
  /** A message from another participant (or replayed after `resume`). */
  | { type: "message"; message: StoredMessage }
  | { type: "replayed"; lastSeq: number }
  /** `ignored` lists what a browser socket may not state (user, organization), with the reason. */
  | { type: "context_saved"; ignored?: ("user" | "organization")[]; message?: string }
  | { type: "status"; status: ConversationStatus; at: number; reason?: "explicit" | "idle_timeout" | "message" }
  /** A message's analysis, as soon as it exists. */
  | {
      type: "annotation";
      seq: number;
      messageId: string;
      analysis: MessageAnalysis;
      analyzer: string;
      analyzerVersion: string;
      fallback?: boolean;
      translation?: string;
      language?: string;
    }
  /** The ended conversation's resolution. */
  | { type: "resolution"; resolution: "fully_resolved" | "partially_resolved" | "unresolved"; reason: string; analyzer: string }
  | { type: "pong" }
  /** `retryAfterMs` comes with `rate_limited`: the frame was dropped; send it again after that long. */
  | { type: "error"; code: string; message: string; details?: unknown; id?: string; retryAfterMs?: number };

export const PING = JSON.stringify({ type: "ping" });
export const PONG = JSON.stringify({ type: "pong" } satisfies ServerFrame);
