/**
 * `openbat`: record chatbot conversations in OpenBat from browsers, Node 20+ and Workers.
 * @example
 * import { OpenBat } from "openbat";
 * const openbat = new OpenBat({ apiKey: "ob_live_…", baseUrl: "https://openbat.example.com" });
 * const conversation = openbat.connect({ conversationId: "support-8812" });
 * await conversation.send({ role: "user", content: "Hello!" });
 */
export { OpenBat, type ConnectOptions, type OpenBatOptions } from "./client.js";
export { Conversation, type ConversationEvents, type LiveOptions } from "./conversation.js";
export type { Logger } from "./environment.js";
export { OpenBatError } from "./errors.js";
export { verifyWebhook, type HeadersLike, type VerifyOptions } from "./webhooks.js";
export type * from "./types.js";
