/**
 * Acting on a conversation: status, assignee, notes, labels. Each action checks the conversation (and any
 * label or member it names) belongs to the caller's chatbot or organization, then writes its change, its
 * activity rows and (for an assignment) the assignee's notification in ONE D1 batch, so the timeline never
 * misses or invents an action. What changed is returned for the live feed and the notified members' channels (worker/triage/live.ts).
 */
import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import { chunks } from "../db/chunks";
import type { Db } from "../db/client";
import { conversationActivity, conversationLabels, conversationNotes, conversationTriage, labels, members, memberships, notifications, type ACTIVITY_KINDS } from "../db/schema";
import { ApiError, notFound, fieldError } from "../errors";
import type { ActivityDetail, noteInput, triagePatch } from "../schemas/triage";
import { newId } from "../services/ids";
import { actorOf, requireConversation, type Actor, type Scope } from "./context";
import { labelView, statusSetAt, triageOfOne, versionedTriageOfOne, type NoteView, type TriageView, type VersionedTriage } from "./read";
import type { Notified } from "../notifications/channel";
import { firstChars } from "../text-cut";

type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What an action did, for its answer and for the live feed. */
export interface ActionResult {
  conversationId: string;
  changes: ActivityKind[];
  actor: Actor;
  triage: TriageView;
  /** In-app notifications written by the action (an assignment), to be pushed to their members' channels. */
  notified: Notified[];
}

/** One activity row: who did what to a conversation, and when. */
function activityValues(scope: Pick<Scope, "organizationId" | "chatbotId">, conversationId: string, actor: Actor, kind: ActivityKind, detail: ActivityDetail, now: number) {
  return {
    id: newId("act"),
    organizationId: scope.organizationId,
    chatbotId: scope.chatbotId,
    conversationId,
    actorId: actor.id,
    actorName: actor.name,
    kind,
    detail,
    createdAt: now,
  };
}

function activityRow(db: Db, scope: Scope, conversationId: string, actor: Actor, kind: ActivityKind, detail: ActivityDetail, now: number) {
  return db.insert(conversationActivity).values(activityValues(scope, conversationId, actor, kind, detail, now));
}

/** Activity rows per statement: D1 binds at most 100 parameters to one, and a row has nine. */
const ACTIVITY_ROWS_PER_INSERT = 10;

/**
 * The statements that take a member leaving an organization (or removed from it) off every conversation of it they
 * were assigned: each goes back to unassigned, with an "unassigned" activity row by `actorId`, to run in the batch that
 * ends the membership — no conversation stays with someone who can no longer see it.
 */
export async function unassignLeavingMember(db: Db, organizationId: string, memberId: string, actorId: string, now = Date.now()): Promise<BatchItem<"sqlite">[]> {
  const mine = and(eq(conversationTriage.organizationId, organizationId), eq(conversationTriage.assigneeId, memberId));
  const assigned = await db.select({ conversationId: conversationTriage.conversationId, chatbotId: conversationTriage.chatbotId }).from(conversationTriage).where(mine);
  if (assigned.length === 0) return [];
  // The leaving member's name and whoever removed them (the same member when they leave), in one read.
  const names = new Map((await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, [memberId, actorId]))).map((m) => [m.id, m.name]));
  const actor: Actor = { id: actorId, name: names.get(actorId) ?? "" };
  const detail: ActivityDetail = { assigneeId: memberId, assigneeName: names.get(memberId) ?? "" };
  const rows = assigned.map((a) => activityValues({ organizationId, chatbotId: a.chatbotId }, a.conversationId, actor, "unassigned", detail, now));
  const inserts = chunks(rows, ACTIVITY_ROWS_PER_INSERT).map((chunk) => db.insert(conversationActivity).values(chunk));
  // updated_at moves forward as every triage write moves it (updateTriage's version), even within one millisecond.
  return [db.update(conversationTriage).set({ assigneeId: null, updatedAt: sql`max(${now}, ${conversationTriage.updatedAt} + 1)` }).where(mine), ...inserts];
}

async function run(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** A member of the chatbot's organization, or 400 naming `assigneeId` (another organization's member answers the same). */
async function requireAssignee(db: Db, organizationId: string, memberId: string) {
  const row = await db
    .select({ id: members.id, name: members.name, email: members.email })
    .from(memberships)
    .innerJoin(members, eq(members.id, memberships.memberId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.memberId, memberId)))
    .get();
  if (!row) throw fieldError("assigneeId", "no such member in this organization");
  return row;
}

/** Tries of a status or assignee change on a conversation other requests keep changing meanwhile. */
const CHANGE_ATTEMPTS = 5;

/**
 * Sets the status and/or the assignee. Setting what is already there changes nothing and writes no
 * activity; assigning someone else than the actor notifies them in the app.
 *
 * The activity rows say what the change replaced (a status's `from`, the assignee taken off), so the change is written
 * only on the triage as it was read: another request that wrote in between makes this one read again and start over,
 * and after CHANGE_ATTEMPTS lost races it gives up with 409 `conflict`, having written nothing.
 */
export async function updateTriage(db: Db, scope: Scope, conversationId: string, patch: z.output<typeof triagePatch>, now = Date.now()): Promise<ActionResult> {
  const conversation = await requireConversation(db, scope.chatbotId, conversationId);
  const [actor, assignee] = await Promise.all([
    actorOf(db, scope),
    patch.assigneeId ? requireAssignee(db, scope.organizationId, patch.assigneeId) : null,
  ]);
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt += 1) {
    const read = await versionedTriageOfOne(db, scope.chatbotId, conversationId);
    const result = await changeTriageIfUnchanged(db, scope, { conversation, actor, assignee }, read, patch, now);
    if (result) return result;
  }
  throw new ApiError("conflict", "the conversation's status or assignee kept changing while this change was being saved: try again");
}

/**
 * The change written on `read` in one batch: the triage row only if it is still as read (its version, status and
 * assignee), its activity rows and notification only if that row was written. Null when another request wrote first.
 */
async function changeTriageIfUnchanged(
  db: Db,
  scope: Scope,
  who: { conversation: { id: string; externalId: string }; actor: Actor; assignee: Awaited<ReturnType<typeof requireAssignee>> | null },
  read: VersionedTriage,
  patch: z.output<typeof triagePatch>,
  now: number,
): Promise<ActionResult | null> {
  const { conversation, actor, assignee } = who;
  const { triage: current, version } = read;
  const conversationId = conversation.id;
  const statusChanges = patch.status !== undefined && patch.status !== current.status;
  const assigneeChanges = patch.assigneeId !== undefined && patch.assigneeId !== (current.assignee?.id ?? null);
  const result: ActionResult = { conversationId, changes: [], actor, triage: current, notified: [] };
  if (!statusChanges && !assigneeChanges) return result;

  // Each write moves the version forward, by at least 1 within one millisecond, and dates its activity rows by it:
  // the timeline's order is the order the changes were made in.
  const at = version === null ? now : Math.max(now, version + 1);
  const next = {
    status: statusChanges ? patch.status! : current.status,
    assigneeId: assigneeChanges ? (patch.assigneeId ?? null) : (current.assignee?.id ?? null),
    // An assignment alone leaves the status as it was: never set (0) or set when it last changed.
    statusAt: statusChanges ? at : (current.statusAt ?? 0),
    updatedAt: at,
  };
  const asRead = and(
    eq(conversationTriage.conversationId, conversationId),
    eq(conversationTriage.updatedAt, version ?? 0),
    eq(conversationTriage.status, current.status),
    current.assignee ? eq(conversationTriage.assigneeId, current.assignee.id) : isNull(conversationTriage.assigneeId),
  );
  const activity: ReturnType<typeof activityValues>[] = [];
  if (statusChanges) {
    result.changes.push("status_changed");
    activity.push(activityValues(scope, conversationId, actor, "status_changed", { from: current.status, to: patch.status! }, at));
  }
  let notification: (Notified["notification"] & { organizationId: string; memberId: string }) | null = null;
  if (assigneeChanges && assignee) {
    result.changes.push("assigned");
    activity.push(activityValues(scope, conversationId, actor, "assigned", { assigneeId: assignee.id, assigneeName: assignee.name }, at));
    if (assignee.id !== actor.id) {
      notification = {
        id: newId("ntf"),
        kind: "assigned",
        title: `${actor.name} assigned you a conversation`,
        body: `Conversation ${conversation.externalId}`,
        chatbotId: scope.chatbotId,
        conversationId,
        createdAt: at,
        readAt: null,
        organizationId: scope.organizationId,
        memberId: assignee.id,
      };
    }
  } else if (assigneeChanges && current.assignee) {
    result.changes.push("unassigned");
    activity.push(activityValues(scope, conversationId, actor, "unassigned", { assigneeId: current.assignee.id, assigneeName: current.assignee.name }, at));
  }

  const [first, ...more] = activity;
  // The first activity row goes in only if the statement just before it wrote the triage row (changes() counts the
  // rows the previous statement changed, within the batch's transaction); every later row only if that one went in.
  const firstWritten = sql`exists (select 1 from ${conversationActivity} where ${conversationActivity.id} = ${first!.id})`;
  const statements: BatchItem<"sqlite">[] = [
    version === null
      ? db
          .insert(conversationTriage)
          .values({ conversationId, organizationId: scope.organizationId, chatbotId: scope.chatbotId, ...next })
          .onConflictDoNothing()
      : db.update(conversationTriage).set(next).where(asRead),
    insertWhen(db, conversationActivity, first!, sql`changes() = 1`),
    ...more.map((row) => insertWhen(db, conversationActivity, row, firstWritten)),
  ];
  if (notification) statements.push(insertWhen(db, notifications, notification, firstWritten));
  const [, written] = await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  if ((written as D1Result).meta.changes !== 1) return null;

  if (notification) {
    const { organizationId: _organization, memberId, ...shown } = notification;
    result.notified.push({ memberId, notification: shown });
  }
  result.triage = { ...current, status: next.status, statusAt: statusSetAt(next.statusAt), assignee: assignee ?? (assigneeChanges ? null : current.assignee) };
  return result;
}

/**
 * `INSERT INTO table SELECT <row> WHERE condition`: a row of a batch that goes in only when `condition` holds as the
 * batch reaches it.
 */
function insertWhen<T extends SQLiteTable>(db: Db, table: T, row: T["$inferInsert"], condition: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => sql.param((row as Record<string, unknown>)[key] ?? null, column));
  return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${condition}`);
}

export async function addNote(db: Db, scope: Scope, conversationId: string, input: z.output<typeof noteInput>, now = Date.now()): Promise<ActionResult & { note: NoteView }> {
  await requireConversation(db, scope.chatbotId, conversationId);
  const [actor, triage] = await Promise.all([actorOf(db, scope), triageOfOne(db, scope.chatbotId, conversationId)]);
  const note: NoteView = { id: newId("note"), authorId: actor.id, authorName: actor.name, body: input.body, createdAt: now };
  await run(db, [
    db.insert(conversationNotes).values({ ...note, organizationId: scope.organizationId, chatbotId: scope.chatbotId, conversationId }),
    activityRow(db, scope, conversationId, actor, "note_added", { noteId: note.id, excerpt: firstChars(input.body, 140) }, now),
  ]);
  return { conversationId, changes: ["note_added"], actor, triage, notified: [], note };
}

async function requireLabel(db: Db, chatbotId: string, labelId: string) {
  const row = await db.select().from(labels).where(and(eq(labels.id, labelId), eq(labels.chatbotId, chatbotId))).get();
  if (!row) throw notFound("label");
  return row;
}

/** Puts a label on a conversation; a label it already has changes nothing. */
export async function addLabel(db: Db, scope: Scope, conversationId: string, labelId: string, now = Date.now()): Promise<ActionResult> {
  await requireConversation(db, scope.chatbotId, conversationId);
  const label = await requireLabel(db, scope.chatbotId, labelId);
  const [actor, current] = await Promise.all([actorOf(db, scope), triageOfOne(db, scope.chatbotId, conversationId)]);
  if (current.labels.some((l) => l.id === labelId)) return { conversationId, changes: [], actor, triage: current, notified: [] };
  // Two adds at once both read "not there": only the one whose insert lands writes the activity row (changes() counts
  // what the statement before it changed, within the batch's transaction).
  const [, written] = await db.batch([
    db.insert(conversationLabels).values({ conversationId, labelId, organizationId: scope.organizationId, chatbotId: scope.chatbotId, createdAt: now }).onConflictDoNothing(),
    insertWhen(db, conversationActivity, activityValues(scope, conversationId, actor, "label_added", { labelId, labelName: label.name, labelColor: label.color }, now), sql`changes() = 1`),
  ]);
  if ((written as D1Result).meta.changes !== 1) return { conversationId, changes: [], actor, triage: await triageOfOne(db, scope.chatbotId, conversationId), notified: [] };
  const labelsNow = [...current.labels, labelView(label)].sort((a, b) => a.name.localeCompare(b.name));
  return { conversationId, changes: ["label_added"], actor, triage: { ...current, labels: labelsNow }, notified: [] };
}

/** Takes a label off a conversation; one it does not have changes nothing. */
export async function removeLabel(db: Db, scope: Scope, conversationId: string, labelId: string, now = Date.now()): Promise<ActionResult> {
  await requireConversation(db, scope.chatbotId, conversationId);
  const label = await requireLabel(db, scope.chatbotId, labelId);
  const [actor, current] = await Promise.all([actorOf(db, scope), triageOfOne(db, scope.chatbotId, conversationId)]);
  if (!current.labels.some((l) => l.id === labelId)) return { conversationId, changes: [], actor, triage: current, notified: [] };
  const [, written] = await db.batch([
    db.delete(conversationLabels).where(and(eq(conversationLabels.conversationId, conversationId), eq(conversationLabels.labelId, labelId), eq(conversationLabels.chatbotId, scope.chatbotId))),
    insertWhen(db, conversationActivity, activityValues(scope, conversationId, actor, "label_removed", { labelId, labelName: label.name, labelColor: label.color }, now), sql`changes() = 1`),
  ]);
  if ((written as D1Result).meta.changes !== 1) return { conversationId, changes: [], actor, triage: await triageOfOne(db, scope.chatbotId, conversationId), notified: [] };
  return { conversationId, changes: ["label_removed"], actor, triage: { ...current, labels: current.labels.filter((l) => l.id !== labelId) }, notified: [] };
}
