import type { Conversation } from "../../durable-objects/conversation";
import { locationHint } from "../geo";

/** The Durable Object of a conversation: one per (chatbot, external id), created near its first user. */
export function conversationStub(env: Env, chatbotId: string, externalId: string, continent?: string): DurableObjectStub<Conversation> {
  const ns = env.CONVERSATION as DurableObjectNamespace<Conversation>;
  const id = ns.idFromName(`${chatbotId}:${externalId}`);
  const hint = locationHint(continent);
  return ns.get(id, hint ? { locationHint: hint } : undefined);
}

/** The stub for an internal conversation id, or null when the text is not one of ours. */
export function conversationStubById(env: Env, conversationId: string): DurableObjectStub<Conversation> | null {
  if (!/^[0-9a-f]{64}$/.test(conversationId)) return null;
  const ns = env.CONVERSATION as DurableObjectNamespace<Conversation>;
  try {
    return ns.get(ns.idFromString(conversationId));
  } catch {
    return null;
  }
}
