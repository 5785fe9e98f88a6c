/**
 * The live conversation protocol: every frame a client may send and the server may answer, as zod
 * schemas, and the message and context shapes REST capture shares. They are defined here only: the
 * Durable Object validates and types its frames with them, the OpenAPI document publishes them as
 * components (worker/openapi/frames.ts), and the SDK's types are generated from them
 * (`npm run api:types` → sdk/src/protocol.generated.ts), so the SDK carries no server code.
 */
import { z } from "zod";
import { overBytes } from "./text-bytes";
import { messageAnalysis } from "../worker/schemas/message-analysis";

export const LIMITS = {
  contentBytes: 32 * 1024,
  messagesPerCapture: 100,
  bodyBytes: 1024 * 1024,
  customKeys: 50,
  /** Characters of one `custom` string value. */
  customValueChars: 1024,
  /** `custom` a conversation keeps, every capture and frame merged: keys, and bytes of its JSON. */
  customKeysPerConversation: 100,
  customBytesPerConversation: 16 * 1024,
  /** A single WebSocket frame: one message plus its envelope. */
  frameBytes: 40 * 1024,
  /** Open sockets on one conversation (every key kind together); one more is refused with 429. */
  socketsPerConversation: 20,
} as const;

const shortText = (max = 256) => z.string().trim().min(1).max(max);

/** The last instant a JavaScript Date holds (+275760-09-13): a later "time" could never be shown or exported. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;
export const TOO_FAR = "must be epoch milliseconds a date can hold";
const TIMESTAMP_FORMS = "must be ISO-8601 with its offset (2026-11-20T09:30:00Z) or whole epoch milliseconds";

/**
 * Client timestamps: ISO-8601 text or epoch milliseconds; stored as epoch milliseconds. Every wrong form gets the
 * one sentence naming both, not the form zod tried last ("Invalid ISO datetime", "Too small").
 */
export const timestamp = z
  .union(
    [
      z.iso.datetime({ offset: true, error: TIMESTAMP_FORMS }),
      z.number({ error: TIMESTAMP_FORMS }).int({ error: TIMESTAMP_FORMS }).nonnegative({ error: TIMESTAMP_FORMS }).max(MAX_EPOCH_MS, { error: TOO_FAR }),
    ],
    { error: TIMESTAMP_FORMS },
  )
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)));

export const ROLES = ["user", "assistant", "system"] as const;

/** The integrator's message id. Its description is said once, here: every field made from it carries it into the OpenAPI document and the SDK's types. */
export const messageId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
  .meta({ description: "The integrator's message id; a resent id is recognised and never stored twice." });

/** The text with each lone surrogate made U+FFFD (ES2024; typed here because the dashboard and bench compile against ES2023). */
const wellFormed = (s: string): string => (s as string & { toWellFormed(): string }).toWellFormed();

export const messageInput = z.object({
  id: messageId.optional(),
  role: z.enum(ROLES),
  content: z
    .string()
    // Half of a surrogate pair alone ("\ud800", which JSON can carry) is no character and is stored as U+FFFD:
    // made so here, once, so what is stored and what a resend is compared with are the same text.
    .overwrite(wellFormed)
    .min(1, "must not be empty")
    .refine((s) => !overBytes(s, LIMITS.contentBytes), `must be at most ${LIMITS.contentBytes} bytes`),
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
const httpUrl = (max: number) => z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(max, { error: `must be at most ${max} characters` });

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

const customKey = z.string().min(1).max(64);

/** A custom field's value: flat, so a list or an object is told what is taken instead of "Invalid input". */
const customValue = (maxChars?: number) =>
  z.union([maxChars === undefined ? z.string() : z.string().max(maxChars), z.number(), z.boolean(), z.null()], {
    error: (issue) => (issue.code === "invalid_union" ? "must be a string, number, boolean or null, not a list or an object" : undefined),
  });

/**
 * Custom fields refusing a `__proto__` key, naming it. JSON makes `"__proto__"` an own key like any other, but a zod
 * record skips it without a word (writing it would set the parsed object's prototype), so a field sent would vanish
 * unsaid. It is looked for before the record reads the object: checks and refinements only see its output, where it is gone.
 */
function refusingProtoKey<S extends z.ZodType>(schema: S) {
  return z.preprocess((input, ctx) => {
    if (input !== null && typeof input === "object" && Object.hasOwn(input, "__proto__")) {
      ctx.addIssue({ code: "custom", message: "is not a name a custom field can take", path: ["__proto__"], input });
    }
    return input;
  }, schema);
}

export const customFields = refusingProtoKey(
  z.record(customKey, customValue(LIMITS.customValueChars)).refine((r) => Object.keys(r).length <= LIMITS.customKeys, `at most ${LIMITS.customKeys} keys`),
);

/** Custom fields of the right types, whatever their size: what is left to check once a limit refused them. */
export const anyCustomFields = refusingProtoKey(z.record(customKey, customValue()));

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
    .record(customKey, customValue(BROWSER_LIMITS.customValueChars))
    .refine((r) => Object.keys(r).length <= BROWSER_LIMITS.customKeys, `at most ${BROWSER_LIMITS.customKeys} keys from a browser`)
    .optional(),
});

// ---- client → server ----

/** A keep-alive. Any object whose `type` is "ping" is one (other fields are ignored), however it is spaced. */
export const pingFrame = z.object({ type: z.literal("ping") }).meta({ description: "Keep-alive, answered with `pong`" });

export const clientFrame = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("message") }).extend(messageInput.shape).meta({ description: "Store a message; `id` makes resends safe" }),
    z.object({ type: z.literal("context") }).extend(contextInput.shape).meta({ description: "State or update who the user is (browser sockets are held tighter)" }),
    z
      .object({ type: z.literal("resume"), after: z.number().int().nonnegative() })
      .meta({ description: "Replays every stored message with a sequence number above `after`, then `replayed`" }),
    z.object({ type: z.literal("end") }).meta({ description: "End the conversation; answered by a `status` frame" }),
    pingFrame,
  ])
  .meta({ description: "A frame a client sends on a live conversation socket" });
export type ClientFrame = z.infer<typeof clientFrame>;

// ---- server → client ----

export const conversationStatus = z.enum(["open", "ended"]);
export type ConversationStatus = z.infer<typeof conversationStatus>;

export const storedMessage = z.object({
  id: z.string(),
  seq: z.number().int().meta({ description: "Orders the conversation's messages, from 1" }),
  role: z.enum(ROLES),
  content: z.string(),
  sentAt: z.number().int().nullable().meta({ description: "Epoch milliseconds, as the client stated it" }),
  receivedAt: z.number().int().meta({ description: "Epoch milliseconds, when the server stored it" }),
});
export type StoredMessage = z.infer<typeof storedMessage>;

/** The codes of `error` frames (README "Live protocol" lists when each is sent). */
export const ERROR_FRAME_CODES = ["invalid_json", "invalid_frame", "payload_too_large", "context_too_large", "rate_limited", "internal_error"] as const;
export type ErrorFrameCode = (typeof ERROR_FRAME_CODES)[number];

export const welcomeFrame = z
  .object({
    type: z.literal("welcome"),
    conversationId: z.string().meta({ description: "The server's id for the conversation (64 hex characters)" }),
    externalId: z.string().meta({ description: "Your id for it (for publishable-key sessions, the `pub_…` id the server made)" }),
    lastSeq: z.number().int(),
    status: conversationStatus,
  })
  .meta({ description: "First frame on every socket" });

/** What an ack (or a capture's `warnings`) says of an id sent again with another role or text than the message stored under it. */
export const reusedIdWarning = (id: string) => `message id "${id}" is already stored with another role or text; that first message is kept (give each new message a new id)`;

export const ackFrame = z
  .object({
    type: z.literal("ack"),
    id: z.string(),
    seq: z.number().int().meta({ description: "For a duplicate, the seq it was first stored with" }),
    duplicate: z.boolean().meta({ description: "The server already had this id (a resend): not stored twice" }),
    receivedAt: z.number().int(),
    warning: z.string().optional().meta({ description: "Present when the id was already stored with another role or text: that first message is kept" }),
  })
  .meta({ description: "Sent to the socket that sent the message, once it is durable" });

export const messageFrame = z
  .object({ type: z.literal("message"), message: storedMessage })
  .meta({ description: "A message from another participant, or replayed after `?after=` or `resume`" });

export const replayedFrame = z.object({ type: z.literal("replayed"), lastSeq: z.number().int() }).meta({ description: "The replay is finished" });

export const contextSavedFrame = z
  .object({
    type: z.literal("context_saved"),
    ignored: z.array(z.enum(["user", "organization"])).optional().meta({ description: "What a browser socket may not state (it comes from your server's token)" }),
    message: z.string().optional(),
  })
  .meta({ description: "The `context` frame was stored" });

export const statusFrame = z
  .object({ type: z.literal("status"), status: conversationStatus, at: z.number().int(), reason: z.enum(["explicit", "idle_timeout", "message"]).optional() })
  .meta({ description: "The conversation ended, or a message reopened it" });

export const annotationFrame = z
  .object({
    type: z.literal("annotation"),
    seq: z.number().int(),
    messageId: z.string(),
    analysis: messageAnalysis,
    analyzer: z.string(),
    analyzerVersion: z.string(),
    fallback: z.boolean().optional(),
    translation: z.string().optional(),
    language: z.string().optional(),
  })
  .meta({ description: "A message's analysis, to every socket, as soon as it exists" });

export const resolutionFrame = z
  .object({ type: z.literal("resolution"), resolution: z.enum(["fully_resolved", "partially_resolved", "unresolved"]), reason: z.string(), analyzer: z.string() })
  .meta({ description: "The ended conversation's resolution" });

export const pongFrame = z.object({ type: z.literal("pong") }).meta({ description: "The answer to `ping`" });

export const errorFrame = z
  .object({
    type: z.literal("error"),
    code: z.enum(ERROR_FRAME_CODES),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional().meta({ description: "The refused fields" }),
    id: z.string().optional().meta({ description: "The refused frame's message id, when it had one" }),
    retryAfterMs: z.number().int().optional().meta({ description: "With `rate_limited`: the frame was dropped; send it again after that long" }),
  })
  .meta({ description: "A frame was refused; the socket stays open" });

export const serverFrame = z
  .discriminatedUnion("type", [welcomeFrame, ackFrame, messageFrame, replayedFrame, contextSavedFrame, statusFrame, annotationFrame, resolutionFrame, pongFrame, errorFrame])
  .meta({ description: "A frame the server sends on a live conversation socket" });
export type ServerFrame = z.infer<typeof serverFrame>;

/**
 * Close codes the server closes a socket with (README, Live protocol); a client's own close is answered with
 * its code echoed back (1000 when it gave none). The live feed's sockets close with `chatbotDeleted` too.
 */
export const CLOSE = {
  /** Kept sending after `rate_limited` error frames. */
  rateLimited: 1008,
  keyRevoked: 4001,
  chatbotArchived: 4003,
  chatbotDeleted: 4004,
} as const;

export const PING = JSON.stringify({ type: "ping" });
export const PONG = JSON.stringify({ type: "pong" } satisfies ServerFrame);
