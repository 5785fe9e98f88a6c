/**
 * A workflow's in-app action: one notification per member it reaches, written in the run's D1 batch with
 * an id derived from (run, member) — an alarm that runs twice notifies nobody twice — and pushed to the
 * members' channels once written (worker/notifications/channel.ts).
 */
import type { NotificationView } from "../../durable-objects/member-frames";
import { sha256Hex } from "../services/crypto";
import type { InAppAction } from "./schema";
import { firstChars } from "../text-cut";

export interface Person {
  id: string;
  email: string;
  role: "owner" | "admin" | "member";
}

/** Who an in-app action reaches when it fires: owners and admins, everyone, or the named members still in the organization. */
export function inAppRecipients(to: InAppAction["to"], people: Person[]): string[] {
  const chosen = to === "admins" ? people.filter((p) => p.role !== "member") : to === "members" ? people : people.filter((p) => to.includes(p.id));
  return [...new Set(chosen.map((p) => p.id))];
}

export async function workflowNotification(
  runId: string,
  memberId: string,
  fields: { workflowName: string; text: string; chatbotId: string; conversationId: string; now: number },
): Promise<NotificationView> {
  return {
    id: `ntf_${(await sha256Hex(`${runId}|${memberId}`)).slice(0, 32)}`,
    kind: "workflow",
    title: fields.workflowName,
    body: firstChars(fields.text, 1000),
    chatbotId: fields.chatbotId,
    conversationId: fields.conversationId,
    createdAt: fields.now,
    readAt: null,
  };
}
