/**
 * Telling members at once: a notification written to D1 is pushed to its member's channel (one Durable Object
 * per member, durable-objects/member-channel.ts), which sends it to every dashboard tab the member has open,
 * whatever page it shows. The push is a courtesy: a failure is logged, the notification stays stored and the
 * action that wrote it stands (the dashboard reads it on its next load or reconnect).
 */
import type { MemberChannel } from "../../durable-objects/member-channel";
import type { NotificationView } from "../../durable-objects/member-frames";

export type Notified = { memberId: string; notification: NotificationView };

export const channelOf = (env: Pick<Env, "MEMBER_CHANNEL">, memberId: string) => {
  const ns = env.MEMBER_CHANNEL as DurableObjectNamespace<MemberChannel>;
  return ns.get(ns.idFromName(memberId));
};

/** One call per member, all at once; never throws. */
export async function pushNotifications(env: Pick<Env, "MEMBER_CHANNEL">, items: Notified[]): Promise<void> {
  const byMember = new Map<string, Notified[]>();
  for (const item of items) byMember.set(item.memberId, [...(byMember.get(item.memberId) ?? []), item]);
  await Promise.all(
    [...byMember].map(([memberId, mine]) =>
      channelOf(env, memberId)
        .notify(mine.map((item) => item.notification))
        .catch((error: unknown) => console.error("notification push failed", { memberId, error: String(error) })),
    ),
  );
}

/** Closes the sockets of one ended session of a member, or of all of them (no `sessionId`); never throws. */
export async function endChannelSessions(env: Pick<Env, "MEMBER_CHANNEL">, memberId: string, sessionId?: string): Promise<void> {
  await channelOf(env, memberId)
    .endSessions(sessionId)
    .catch((error: unknown) => console.error("closing a session's notification sockets failed", { memberId, error: String(error) }));
}
