/**
 * The shapes the SDK sends and receives. They mirror `durable-objects/protocol.ts` on the server
 * (a type test in `test/sdk/` keeps the two in step) but are written out here so the published
 * package carries no server code and no zod.
 */

/**
 * Who wrote a message.
 * @example const role: Role = "assistant";
 */
export type Role = "user" | "assistant" | "system";

/**
 * ISO-8601 text, epoch milliseconds or a `Date` (sent as ISO-8601).
 * @example const at: Timestamp = new Date();
 */
export type Timestamp = string | number | Date;

/**
 * One message to record.
 * @example const m: MessageInput = { role: "user", content: "Can I upgrade to Pro?" };
 */
export interface MessageInput {
  /** Your id for the message (printable ASCII, ≤ 128 chars). Makes resends safe; the SDK makes one when absent. */
  id?: string;
  role: Role;
  /** The text, 1 character to 32 KB (UTF-8). */
  content: string;
  sentAt?: Timestamp;
}

/**
 * Your end user, as the dashboard shows them.
 * @example const user: UserContext = { id: "u-42", email: "ada@example.com", plan: "pro", mrr: 99 };
 */
export interface UserContext {
  id: string;
  name?: string;
  email?: string;
  plan?: string;
  industry?: string;
  mrr?: number;
  createdAt?: Timestamp;
}

/**
 * The customer organization your end user belongs to.
 * @example const org: OrganizationContext = { id: "o-7", name: "Analytical Engines", plan: "enterprise", mrr: 4200 };
 */
export interface OrganizationContext {
  id: string;
  name?: string;
  plan?: string;
  industry?: string;
  mrr?: number;
}

/**
 * Device classes the dashboard groups by.
 * @example const device: Device = "mobile";
 */
export type Device = "desktop" | "mobile" | "tablet";

/**
 * Where the conversation happens. In browsers the SDK fills `pageUrl`, `referrer`, `device` and
 * `id` itself; what you state wins. Country comes from the edge unless you state it.
 * @example const session: SessionContext = { country: "GB", device: "mobile" };
 */
export interface SessionContext {
  id?: string;
  pageUrl?: string;
  referrer?: string;
  device?: Device;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  city?: string;
  continent?: string;
  timezone?: string;
}

/**
 * Your own key/values (≤ 50 keys).
 * @example const custom: CustomFields = { cohort: "beta", seats: 40, trial: true };
 */
export type CustomFields = Record<string, string | number | boolean | null>;

/**
 * Who is talking, stated once per conversation (or updated with `setContext`).
 * @example const ctx: Context = { user: { id: "u-42" }, custom: { cohort: "beta" } };
 */
export interface Context {
  user?: UserContext;
  organization?: OrganizationContext;
  session?: SessionContext;
  custom?: CustomFields;
}

/**
 * The body of `recordMessages`, the same as `POST /api/v1/capture`.
 * @example
 * const input: RecordMessagesInput = {
 *   conversationId: "support-8812",
 *   messages: [{ role: "user", content: "I want to cancel" }],
 *   user: { id: "u-42" },
 * };
 */
export interface RecordMessagesInput extends Context {
  conversationId: string;
  /** 1–100 messages. */
  messages: MessageInput[];
  /** Your end user's request headers (user-agent, cf-ipcountry…), for geolocation and device. */
  headers?: Record<string, string>;
  /** @deprecated use `user: { id }` */
  userId?: string;
  /** @deprecated use `custom` */
  metadata?: CustomFields;
}

/**
 * What `POST /api/v1/capture` answers.
 * @example const r: CaptureResult | null = await openbat.recordMessages(input); if (r) console.log(r.inserted);
 */
export interface CaptureResult {
  ok: true;
  conversationId: string;
  externalId: string;
  inserted: number;
  duplicates: number;
  analysisQueued: number;
  warnings: string[];
  messages: { id: string; seq: number; duplicate: boolean }[];
}

/**
 * A token a browser uses to open exactly one conversation (`connect({ token })`).
 * @example const t = await openbat.createConversationToken({ conversationId: "support-8812" });
 */
export interface ConversationToken {
  token: string;
  conversationId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * A stored message, as other participants and replays deliver it.
 * @example conversation.on("message", (m: StoredMessage) => console.log(m.seq, m.role, m.content));
 */
export interface StoredMessage {
  id: string;
  seq: number;
  role: Role;
  content: string;
  sentAt: number | null;
  receivedAt: number;
}

/**
 * The server's acknowledgement: the message is durable. `duplicate` is true when the server already
 * had this id (a resend after a reconnect); `seq` is then the original one. `seq` 0 means the SDK is
 * disabled and nothing was recorded.
 * @example const ack: Ack = await conversation.send({ role: "user", content: "Hi" });
 */
export interface Ack {
  id: string;
  seq: number;
  duplicate: boolean;
  receivedAt: number;
}

/**
 * Conversation status on the server.
 * @example conversation.on("open", (w) => { const s: ConversationStatus = w.status; });
 */
export type ConversationStatus = "open" | "ended";

/**
 * First frame on every socket.
 * @example conversation.on("open", (w: Welcome) => console.log("conversation", w.externalId));
 */
export interface Welcome {
  type: "welcome";
  /** The server's id for the conversation (64 hex characters). */
  conversationId: string;
  /** Your id for it (for publishable-key sessions, the `pub_…` id the server made). */
  externalId: string;
  lastSeq: number;
  status: ConversationStatus;
}

/**
 * One detection (flag, behaviour, intent or topic).
 * @example const churn = annotation.analysis.flags.find((d: Detection) => d.slug === "churn_risk");
 */
export interface Detection {
  slug: string;
  confidence: number;
  reason: string;
  chunk?: string;
  severity?: string;
  pending?: boolean;
  autoDiscovered?: boolean;
  custom?: boolean;
}

/**
 * A message's analysis.
 * @example const score = annotation.analysis.sentiment?.score;
 */
export interface MessageAnalysis {
  sentiment?: { score: number; label: string; chunk: string; reason: string };
  flags: Detection[];
  behaviours: Detection[];
  intent?: Detection;
  topics: Detection[];
}

/**
 * A message's analysis, as soon as it exists.
 * @example conversation.on("annotation", (a: Annotation) => console.log(a.seq, a.analysis.flags));
 */
export interface Annotation {
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

/**
 * The ended conversation's resolution.
 * @example conversation.on("resolution", (r: Resolution) => console.log(r.resolution));
 */
export interface Resolution {
  type: "resolution";
  resolution: "fully_resolved" | "partially_resolved" | "unresolved";
  reason: string;
  analyzer: string;
}

/**
 * The conversation ended, or a message reopened it.
 * @example conversation.on("status", (s: StatusChange) => s.status === "ended" && console.log(s.reason));
 */
export interface StatusChange {
  type: "status";
  status: ConversationStatus;
  at: number;
  reason?: "explicit" | "idle_timeout" | "message";
}

/**
 * Every frame the server may send.
 * @example const isAck = (f: ServerFrame) => f.type === "ack";
 */
export type ServerFrame =
  | Welcome
  | ({ type: "ack" } & Ack)
  | { type: "message"; message: StoredMessage }
  | { type: "replayed"; lastSeq: number }
  /** `ignored`: what a browser socket may not state (user, organization: they come from your server's token). */
  | { type: "context_saved"; ignored?: ("user" | "organization")[]; message?: string }
  | StatusChange
  | Annotation
  | Resolution
  | { type: "pong" }
  | { type: "error"; code: string; message: string; details?: unknown; id?: string };

/**
 * Every frame the SDK sends.
 * @example const frame: ClientFrame = { type: "end" };
 */
export type ClientFrame =
  | ({ type: "message" } & MessageInput)
  | ({ type: "context" } & Context)
  | { type: "resume"; after: number }
  | { type: "end" }
  | { type: "ping" };
