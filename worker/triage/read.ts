/**
 * Reading triage: a conversation's status, assignee and labels (one conversation or a page of them, for
 * the detail, the table and the attention queue), its notes and its activity timeline. A conversation
 * without a triage row is `open` and unassigned. Every query is scoped by the chatbot.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { chunks } from "../db/chunks";
import type { Db } from "../db/client";
import { conversationActivity, conversationLabels, conversationNotes, conversationTriage, labels, members } from "../db/schema";
import type { activitySchema, labelSchema, noteSchema, triageSchema } from "../schemas/triage";
import { activityDetail } from "../schemas/triage";

/** Labels by name as people read it, "bug" beside "Billing" (SQLite's plain order puts every capital first). */
export const byLabelName = [asc(sql`${labels.name} COLLATE NOCASE`), asc(labels.name)] as const;

export type TriageView = z.infer<typeof triageSchema>;
export type LabelView = z.infer<typeof labelSchema>;
export type NoteView = z.infer<typeof noteSchema>;
export type ActivityView = z.infer<typeof activitySchema>;

/** The stored `status_at` as the API shows it: null while the status was never changed (stored as 0). */
export const statusSetAt = (storedAt: number): number | null => storedAt || null;

export const UNTRIAGED: TriageView = { status: "open", statusAt: null, assignee: null, labels: [] };

/** D1 binds at most 100 parameters per statement: ids are read in chunks below that. */
const CHUNK = 90;

export const labelView = (l: typeof labels.$inferSelect): LabelView => ({ id: l.id, name: l.name, color: l.color as LabelView["color"], createdAt: l.createdAt });

/** Status, assignee and labels of each conversation named (every id gets an answer, `open` when untouched). */
export async function triageOf(db: Db, chatbotId: string, conversationIds: string[]): Promise<Map<string, TriageView>> {
  const read = await versionedTriageOf(db, chatbotId, conversationIds);
  return new Map([...read].map(([id, { triage }]) => [id, triage]));
}

/** A conversation's triage and the version it was read at, for a change to be written only on what was read. */
export interface VersionedTriage {
  triage: TriageView;
  /** The triage row's updated_at (each write moves it forward), or null while the conversation has no row. */
  version: number | null;
}

/** One conversation's triage and its version (worker/triage/actions.ts changes it only if still at that version). */
export async function versionedTriageOfOne(db: Db, chatbotId: string, conversationId: string): Promise<VersionedTriage> {
  return (await versionedTriageOf(db, chatbotId, [conversationId])).get(conversationId)!;
}

async function versionedTriageOf(db: Db, chatbotId: string, conversationIds: string[]): Promise<Map<string, VersionedTriage>> {
  const out = new Map<string, VersionedTriage>(conversationIds.map((id) => [id, { triage: { ...UNTRIAGED, labels: [] }, version: null }]));
  for (const ids of chunks(conversationIds, CHUNK)) {
    const [rows, tagged] = await Promise.all([
      db
        .select({ t: conversationTriage, assignee: { id: members.id, name: members.name, email: members.email } })
        .from(conversationTriage)
        .leftJoin(members, eq(members.id, conversationTriage.assigneeId))
        .where(and(eq(conversationTriage.chatbotId, chatbotId), inArray(conversationTriage.conversationId, ids))),
      db
        .select({ conversationId: conversationLabels.conversationId, label: labels })
        .from(conversationLabels)
        .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
        .where(and(eq(conversationLabels.chatbotId, chatbotId), inArray(conversationLabels.conversationId, ids)))
        .orderBy(...byLabelName),
    ]);
    for (const { t, assignee } of rows) {
      out.set(t.conversationId, { triage: { status: t.status, statusAt: statusSetAt(t.statusAt), assignee: assignee?.id ? assignee : null, labels: [] }, version: t.updatedAt });
    }
    for (const { conversationId, label } of tagged) out.get(conversationId)?.triage.labels.push(labelView(label));
  }
  return out;
}

export async function triageOfOne(db: Db, chatbotId: string, conversationId: string): Promise<TriageView> {
  return (await triageOf(db, chatbotId, [conversationId])).get(conversationId)!;
}

/** Notes, oldest first (a thread reads top to bottom). */
export async function listNotes(db: Db, chatbotId: string, conversationId: string): Promise<NoteView[]> {
  const rows = await db
    .select()
    .from(conversationNotes)
    .where(and(eq(conversationNotes.chatbotId, chatbotId), eq(conversationNotes.conversationId, conversationId)))
    .orderBy(asc(conversationNotes.createdAt), asc(conversationNotes.id));
  return rows.map((n) => ({ id: n.id, authorId: n.authorId, authorName: n.authorName, body: n.body, createdAt: n.createdAt }));
}

/** The activity timeline, newest first. */
export async function listActivity(db: Db, chatbotId: string, conversationId: string): Promise<ActivityView[]> {
  const rows = await db
    .select()
    .from(conversationActivity)
    .where(and(eq(conversationActivity.chatbotId, chatbotId), eq(conversationActivity.conversationId, conversationId)))
    .orderBy(desc(conversationActivity.createdAt), desc(conversationActivity.id));
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    actorId: a.actorId,
    actorName: a.actorName,
    // Rows are read back through the schema they were written with; an unreadable one shows as empty.
    detail: activityDetail.safeParse(a.detail).data ?? {},
    createdAt: a.createdAt,
  }));
}
