/**
 * The notification centre of one member (README "Notifications"): newest first, the unread count, mark
 * one or all read. A member sees the notifications of the organizations they belong to now; anyone
 * else's id answers 404. Notifications are written by the actions that cause them (an assignment,
 * worker/triage/actions.ts; a workflow's in-app action, worker/workflows/in-app.ts).
 */
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { NotificationView } from "../../durable-objects/member-frames";
import type { Db } from "../db/client";
import { memberships, notifications } from "../db/schema";
import { notFound } from "../errors";
import { queryNumber } from "../schemas/common";

export const listQuery = z.object({
  limit: queryNumber(z.coerce.number().int().min(1).max(100).default(30)),
  unread: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

const inMyOrganizations = (db: Db, memberId: string) =>
  inArray(notifications.organizationId, db.select({ id: memberships.organizationId }).from(memberships).where(eq(memberships.memberId, memberId)));

const view = (n: typeof notifications.$inferSelect): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  chatbotId: n.chatbotId,
  conversationId: n.conversationId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

export async function listNotifications(db: Db, memberId: string, q: z.output<typeof listQuery>): Promise<{ items: NotificationView[]; unread: number }> {
  const mine = and(eq(notifications.memberId, memberId), inMyOrganizations(db, memberId));
  const [rows, [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(q.unread ? and(mine, isNull(notifications.readAt)) : mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit),
    db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return { items: rows.map(view), unread: unread?.n ?? 0 };
}

/** Marks one read (already read: stays as it was). */
export async function markRead(db: Db, memberId: string, id: string, now = Date.now()): Promise<NotificationView> {
  const mine = and(eq(notifications.id, id), eq(notifications.memberId, memberId), inMyOrganizations(db, memberId));
  const row = await db.select().from(notifications).where(mine).get();
  if (!row) throw notFound("notification");
  if (row.readAt !== null) return view(row);
  const [updated] = await db.update(notifications).set({ readAt: now }).where(mine).returning();
  return view(updated ?? row);
}

/** Marks every unread one read; answers how many it marked. */
export async function markAllRead(db: Db, memberId: string, now = Date.now()): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt), inMyOrganizations(db, memberId)))
    .returning({ id: notifications.id });
  return marked.length;
}
