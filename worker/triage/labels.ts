/**
 * A chatbot's labels: create, rename, recolour, delete. Names are unique per chatbot in any case (409 on a
 * second one); deleting a label takes it off every conversation (the foreign key cascades). Scoped by the chatbot.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client";
import { labels } from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { labelInput, labelPatch } from "../schemas/triage";
import { newId } from "../services/ids";
import type { Scope } from "./context";
import { byLabelName, labelView, type LabelView } from "./read";
import { refusedWith } from "../db/errors";

export async function listLabels(db: Db, chatbotId: string): Promise<LabelView[]> {
  const rows = await db.select().from(labels).where(eq(labels.chatbotId, chatbotId)).orderBy(...byLabelName);
  return rows.map(labelView);
}

/** SQLite's answer to a second label of the same name. */
const isDuplicateName = (error: unknown) => refusedWith(error, "UNIQUE constraint failed");

/**
 * The refusal of a name another label of the chatbot has in any case, quoting that label as it is spelt ("Urgent" for
 * a new "urgent"), which is what the user looks for in the list. Read after the refused write, it could be gone by
 * then: the name asked for is quoted instead.
 */
async function duplicate(db: Db, chatbotId: string, name: string, except?: string): Promise<ApiError> {
  const clash = await db
    .select({ name: labels.name })
    .from(labels)
    .where(and(eq(labels.chatbotId, chatbotId), sql`${labels.name} = ${name} COLLATE NOCASE`, except ? ne(labels.id, except) : undefined))
    .get();
  return new ApiError("conflict", `a label named "${clash?.name ?? name}" already exists`, [{ field: "name", message: "already used by another label" }]);
}

export async function createLabel(db: Db, scope: Pick<Scope, "organizationId" | "chatbotId">, input: z.output<typeof labelInput>): Promise<LabelView> {
  try {
    const [row] = await db
      .insert(labels)
      .values({ id: newId("lbl"), organizationId: scope.organizationId, chatbotId: scope.chatbotId, name: input.name, color: input.color, createdAt: Date.now() })
      .returning();
    return labelView(row!);
  } catch (error) {
    if (isDuplicateName(error)) throw await duplicate(db, scope.chatbotId, input.name);
    throw error;
  }
}

/** Renames and/or recolours; `{}` answers the label as it is. */
export async function updateLabel(db: Db, chatbotId: string, id: string, patch: z.output<typeof labelPatch>): Promise<LabelView> {
  if (Object.keys(patch).length === 0) {
    const row = await db.select().from(labels).where(and(eq(labels.id, id), eq(labels.chatbotId, chatbotId))).get();
    if (!row) throw notFound("label");
    return labelView(row);
  }
  try {
    const [row] = await db
      .update(labels)
      .set(patch)
      .where(and(eq(labels.id, id), eq(labels.chatbotId, chatbotId)))
      .returning();
    if (!row) throw notFound("label");
    return labelView(row);
  } catch (error) {
    if (isDuplicateName(error)) throw await duplicate(db, chatbotId, patch.name ?? "", id);
    throw error;
  }
}

export async function deleteLabel(db: Db, chatbotId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(labels)
    .where(and(eq(labels.id, id), eq(labels.chatbotId, chatbotId)))
    .returning({ id: labels.id });
  if (!deleted.length) throw notFound("label");
}
