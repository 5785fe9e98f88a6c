/**
 * Saved reports (README "Reports"): create, list, read, change, duplicate, delete — every query scoped by
 * the caller's chatbot, so another tenant's report id is simply not found.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { syncCombinations } from "../analytics/segment-combinations";
import { reports } from "../db/schema";
import { notFound } from "../errors";
import { newId } from "../services/ids";
import type { KeyScope } from "../services/keys";
import { emptyLayout, layoutSchema, storedLayout, type Layout } from "./layout";
import { firstChars } from "../text-cut";
import { nameText } from "../schemas/names";

export const MAX_RANGE_DAYS = 90;

const REPORT_NAME_CHARS = 100;
const reportName = nameText(REPORT_NAME_CHARS);

const COPY = " (copy)";
/** `<name> (copy)`, the name shortened when both would not fit, so a copy never takes its source's name. */
const copyName = (name: string) => `${firstChars(name, REPORT_NAME_CHARS - COPY.length).trimEnd()}${COPY}`;
const rangeDays = z.number().int().min(1).max(MAX_RANGE_DAYS);

export const reportInput = z
  .object({
    name: reportName,
    /** The range the report opens with: the last N days. */
    rangeDays: rangeDays.default(7),
    layout: layoutSchema.default(emptyLayout),
  })
  .strict();

export const reportPatch = z
  .object({ name: reportName, rangeDays, layout: layoutSchema })
  .partial()
  .strict();

export const duplicateBody = z.object({ name: reportName.optional() }).strict();

type Row = typeof reports.$inferSelect;

export interface ReportView {
  id: string;
  chatbotId: string;
  name: string;
  rangeDays: number;
  layout: Layout;
  createdAt: number;
  updatedAt: number;
}

/** Rows are read back through the same schema, so a layout written by an older version still parses or says why. */
export function reportView(row: Row): ReportView {
  return {
    id: row.id,
    chatbotId: row.chatbotId,
    name: row.name,
    rangeDays: row.rangeDays,
    layout: storedLayout(row.layout),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The filter combinations the chatbot's reports use become segments with rollups of their own, and those no
 * report uses any more stop being kept (analytics/segment-combinations.ts). The report is saved either way:
 * should this fail, those widgets read the raw rows of their subset, as before, and the next save tries again.
 */
async function prepareFigures(db: Db, chatbotId: string): Promise<void> {
  try {
    const saved = await listReports(db, chatbotId);
    await syncCombinations(db, chatbotId, saved.flatMap((r) => r.layout.widgets.map((w) => w.filters)));
  } catch (error) {
    console.error("keeping the reports' filter combinations failed", { chatbotId, error: String(error) });
  }
}

export async function listReports(db: Db, chatbotId: string): Promise<ReportView[]> {
  const rows = await db.select().from(reports).where(eq(reports.chatbotId, chatbotId)).orderBy(desc(reports.updatedAt), desc(reports.id));
  return rows.map(reportView);
}

export async function getReport(db: Db, chatbotId: string, id: string): Promise<ReportView> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.id, id), eq(reports.chatbotId, chatbotId)));
  if (!row) throw notFound("report");
  return reportView(row);
}

export async function createReport(db: Db, scope: Pick<KeyScope, "organizationId" | "chatbotId">, input: z.output<typeof reportInput>): Promise<ReportView> {
  const now = Date.now();
  const [row] = await db
    .insert(reports)
    .values({ id: newId("rep"), organizationId: scope.organizationId, chatbotId: scope.chatbotId, name: input.name, rangeDays: input.rangeDays, layout: input.layout, createdAt: now, updatedAt: now })
    .returning();
  await prepareFigures(db, scope.chatbotId);
  return reportView(row!);
}

/** Changes the fields named; `{}` changes nothing (not even the order of the list) and answers the report as it is. */
export async function updateReport(db: Db, chatbotId: string, id: string, patch: z.output<typeof reportPatch>): Promise<ReportView> {
  if (Object.keys(patch).length === 0) return getReport(db, chatbotId, id);
  const [row] = await db
    .update(reports)
    .set({ ...patch, updatedAt: Date.now() })
    .where(and(eq(reports.id, id), eq(reports.chatbotId, chatbotId)))
    .returning();
  if (!row) throw notFound("report");
  if (patch.layout) await prepareFigures(db, chatbotId);
  return reportView(row);
}

export async function duplicateReport(db: Db, scope: Pick<KeyScope, "organizationId" | "chatbotId">, id: string, name?: string): Promise<ReportView> {
  const source = await getReport(db, scope.chatbotId, id);
  return createReport(db, scope, { name: name ?? copyName(source.name), rangeDays: source.rangeDays, layout: source.layout });
}

export async function deleteReport(db: Db, chatbotId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(reports)
    .where(and(eq(reports.id, id), eq(reports.chatbotId, chatbotId)))
    .returning({ id: reports.id });
  if (!deleted.length) throw notFound("report");
  await prepareFigures(db, chatbotId);
}
