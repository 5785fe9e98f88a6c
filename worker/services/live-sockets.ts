/**
 * Reaching the live sockets of a chatbot's conversations through its registry (the ChatbotLive object,
 * which every conversation tells when a socket opens or closes): revoking a key, archiving or deleting
 * the chatbot closes them, empty conversations included.
 */
import type { ChatbotLive, SocketSweep } from "../../durable-objects/chatbot-live";
import { CLOSE } from "../../durable-objects/protocol";

function registry(env: Env, chatbotId: string): DurableObjectStub<ChatbotLive> {
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  return ns.get(ns.idFromName(chatbotId));
}

function sweep(env: Env, chatbotId: string, what: SocketSweep): Promise<void> {
  return registry(env, chatbotId)
    .closeSockets(chatbotId, what)
    .then(
      () => undefined,
      (error: unknown) => console.error("closing live sockets failed", { chatbotId, error: String(error) }),
    );
}

/** A key was revoked or rotated: its sockets, and those opened with tokens it minted, close with 4001. */
export function closeKeySockets(env: Env, chatbotId: string, keyId: string): Promise<void> {
  return sweep(env, chatbotId, { keyId, code: CLOSE.keyRevoked, reason: "key revoked" });
}

/** The chatbot was archived: every socket closes with 4003 (reconnects are refused with `chatbot_archived`). */
export function closeChatbotSockets(env: Env, chatbotId: string): Promise<void> {
  return sweep(env, chatbotId, { code: CLOSE.chatbotArchived, reason: "chatbot archived" });
}

/** The chatbot was deleted: conversations with a socket open are erased and the registry itself dropped. */
export function purgeLive(env: Env, chatbotId: string): Promise<void> {
  return registry(env, chatbotId)
    .purge(chatbotId)
    .catch((error: unknown) => console.error("purging live conversations failed", { chatbotId, error: String(error) }));
}
