/**
 * Telling the dashboards: after an action is stored, its conversation's new triage state goes to the
 * chatbot's live feed as a `triage` event (every viewer of the chatbot refreshes what shows it), and the
 * notifications it wrote go to their members' channels at once (worker/notifications/channel.ts). Both are
 * views: a failure to publish is logged and the action stands (viewers catch up on their next read).
 */
import type { ChatbotLive, LiveEvent } from "../../durable-objects/chatbot-live";
import { watched } from "../../durable-objects/live-watch";
import { pushNotifications } from "../notifications/channel";
import type { ActionResult } from "./actions";

const feedOf = (env: Pick<Env, "CHATBOT_LIVE">, chatbotId: string) => {
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  return ns.get(ns.idFromName(chatbotId));
};

/** Publishes what a person did to the chatbot's live feed, if anyone watches it now (live-watch.ts). */
export async function publishToFeed(env: Pick<Env, "CHATBOT_LIVE" | "DB">, chatbotId: string, events: LiveEvent[]): Promise<void> {
  if (!events.length || !(await watched(env.DB, chatbotId, { fresh: true }))) return;
  await feedOf(env, chatbotId)
    .publish(events)
    .catch((error: unknown) => console.error("live feed publish failed", { chatbotId, error: String(error) }));
}

/** Publishes what an action changed (nothing when it changed nothing). */
export async function publishAction(env: Pick<Env, "CHATBOT_LIVE" | "MEMBER_CHANNEL" | "DB">, chatbotId: string, result: ActionResult): Promise<void> {
  if (!result.changes.length) return;
  const event: LiveEvent = {
    type: "triage",
    conversationId: result.conversationId,
    changes: result.changes,
    status: result.triage.status,
    assigneeId: result.triage.assignee?.id ?? null,
    labelIds: result.triage.labels.map((l) => l.id),
    actorName: result.actor.name,
  };
  await Promise.all([publishToFeed(env, chatbotId, [event]), pushNotifications(env, result.notified)]);
}
