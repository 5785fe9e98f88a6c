/**
 * The shapes the SDK sends and receives, under the names the SDK documents. Every one is the type
 * generated from the server's own zod schemas (`protocol.generated.ts`, `npm run api:types`), so the
 * published package carries no server code and no zod, and cannot drift from the server.
 */
import type * as Wire from "./protocol.generated.js";

/**
 * Who wrote a message.
 * @example const role: Role = "assistant";
 */
export type Role = Wire.Role;

/**
 * ISO-8601 text, epoch milliseconds or a `Date` (sent as ISO-8601).
 * @example const at: Timestamp = new Date();
 */
export type Timestamp = Wire.Timestamp;

/**
 * One message to record: `id` (printable ASCII, ≤ 128 chars) makes resends safe, and the SDK makes one
 * when absent; `content` is 1 character to 32 KB (UTF-8).
 * @example const m: MessageInput = { role: "user", content: "Can I upgrade to Pro?" };
 */
export type MessageInput = Wire.MessageInput;

/**
 * Your end user, as the dashboard shows them.
 * @example const user: UserContext = { id: "u-42", email: "ada@example.com", plan: "pro", mrr: 99 };
 */
export type UserContext = Wire.UserContext;

/**
 * The customer organization your end user belongs to.
 * @example const org: OrganizationContext = { id: "o-7", name: "Analytical Engines", plan: "enterprise", mrr: 4200 };
 */
export type OrganizationContext = Wire.OrganizationContext;

/**
 * Device classes the dashboard groups by.
 * @example const device: Device = "mobile";
 */
export type Device = Wire.Device;

/**
 * Where the conversation happens. In browsers the SDK fills `pageUrl`, `referrer`, `device` and
 * `id` itself; what you state wins. Country (ISO 3166-1 alpha-2) comes from the edge unless you state it.
 * @example const session: SessionContext = { country: "GB", device: "mobile" };
 */
export type SessionContext = Wire.SessionContext;

/**
 * Your own key/values (≤ 50 keys).
 * @example const custom: CustomFields = { cohort: "beta", seats: 40, trial: true };
 */
export type CustomFields = Wire.CustomFields;

/**
 * Who is talking, stated once per conversation (or updated with `setContext`).
 * @example const ctx: Context = { user: { id: "u-42" }, custom: { cohort: "beta" } };
 */
export type Context = Wire.Context;

/**
 * The body of `recordMessages`, the same as `POST /api/v1/capture`.
 * @example
 * const input: RecordMessagesInput = {
 *   conversationId: "support-8812",
 *   messages: [{ role: "user", content: "I want to cancel" }],
 *   user: { id: "u-42" },
 * };
 */
export type RecordMessagesInput = Wire.RecordMessagesInput;

/**
 * What `POST /api/v1/capture` answers.
 * @example const r: CaptureResult | null = await openbat.recordMessages(input); if (r) console.log(r.inserted);
 */
export type CaptureResult = Wire.CaptureResult;

/**
 * A token a browser uses to open exactly one conversation (`connect({ token })`); `expiresAt` in epoch milliseconds.
 * @example const t = await openbat.createConversationToken({ conversationId: "support-8812" });
 */
export type ConversationToken = Wire.ConversationToken;

/**
 * A stored message, as other participants and replays deliver it.
 * @example conversation.on("message", (m: StoredMessage) => console.log(m.seq, m.role, m.content));
 */
export type StoredMessage = Wire.StoredMessage;

/**
 * The server's acknowledgement: the message is durable. `duplicate` is true when the server already
 * had this id (a resend after a reconnect); `seq` is then the original one. `seq` 0 means the SDK is
 * disabled and nothing was recorded.
 * @example const ack: Ack = await conversation.send({ role: "user", content: "Hi" });
 */
export type Ack = Omit<Wire.AckFrame, "type">;

/**
 * Conversation status on the server.
 * @example conversation.on("open", (w) => { const s: ConversationStatus = w.status; });
 */
export type ConversationStatus = Wire.ConversationStatus;

/**
 * First frame on every socket.
 * @example conversation.on("open", (w: Welcome) => console.log("conversation", w.externalId));
 */
export type Welcome = Wire.Welcome;

/**
 * One detection (flag, behaviour, intent or topic).
 * @example const churn = annotation.analysis.flags.find((d: Detection) => d.slug === "churn_risk");
 */
export type Detection = Wire.Detection;

/**
 * A message's analysis.
 * @example const score = annotation.analysis.sentiment?.score;
 */
export type MessageAnalysis = Wire.MessageAnalysis;

/**
 * A message's analysis, as soon as it exists.
 * @example conversation.on("annotation", (a: Annotation) => console.log(a.seq, a.analysis.flags));
 */
export type Annotation = Wire.Annotation;

/**
 * The ended conversation's resolution.
 * @example conversation.on("resolution", (r: Resolution) => console.log(r.resolution));
 */
export type Resolution = Wire.Resolution;

/**
 * The conversation ended, or a message reopened it.
 * @example conversation.on("status", (s: StatusChange) => s.status === "ended" && console.log(s.reason));
 */
export type StatusChange = Wire.StatusChange;

/**
 * A frame the server refused; the socket stays open. `retryAfterMs` comes with `rate_limited`.
 * @example const retry = (f: ErrorFrame) => f.code === "rate_limited" && f.retryAfterMs;
 */
export type ErrorFrame = Wire.ErrorFrame;

/**
 * Every frame the server may send.
 * @example const isAck = (f: ServerFrame) => f.type === "ack";
 */
export type ServerFrame = Wire.ServerFrame;

/**
 * Every frame the SDK sends.
 * @example const frame: ClientFrame = { type: "end" };
 */
export type ClientFrame = Wire.ClientFrame;
