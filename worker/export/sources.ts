/**
 * The exports (README "Export"): the conversations table as filtered, the users and organizations tables,
 * and one conversation's transcript with its analysis. The tables page through the very row queries their
 * endpoints answer from (worker/analytics/), so an export's rows are the table's rows, in its order.
 */
import { z } from "zod";
import type { Conversation } from "../../durable-objects/conversation";
import {
  checkBounds,
  conversationCountQuery,
  conversationRowsQuery,
  conversationRowView,
  conversationsFilterFields,
} from "../analytics/conversations-table";
import { checkRangeOrder } from "../analytics/params";
import {
  checkMrr,
  organizationCountQuery,
  organizationRowsQuery,
  organizationRowView,
  organizationsFilterFields,
  userCountQuery,
  userRowsQuery,
  userRowView,
  usersFilterFields,
} from "../analytics/people-tables";
import type { Db } from "../db/client";
import { notFound } from "../errors";
import { conversationWithTriage } from "../triage/detail";
import { withSettledIntents } from "../services/settled-intents";
import { conversationColumns, organizationColumns, transcriptColumns, userColumns } from "./columns";
import { csvLine } from "./csv";
import { chunks, download, EXPORT_PAGE, formatField, tableExport, type ExportFormat } from "./stream";

export const conversationsExportQuery = z.object({ ...formatField, ...conversationsFilterFields }).superRefine(checkRangeOrder).superRefine(checkBounds);
export const usersExportQuery = z.object({ ...formatField, ...usersFilterFields }).superRefine(checkMrr);
export const organizationsExportQuery = z.object({ ...formatField, ...organizationsFilterFields }).superRefine(checkMrr);
export const transcriptExportQuery = z.object(formatField);

const day = (now: number) => new Date(now).toISOString().slice(0, 10);

export async function exportConversations(db: Db, chatbotId: string, q: z.infer<typeof conversationsExportQuery>, now: number): Promise<Response> {
  const [counted] = await conversationCountQuery(db, chatbotId, q);
  return tableExport({
    format: q.format,
    filename: `conversations-${day(now)}`,
    columns: conversationColumns,
    json: (row) => row,
    total: counted?.total ?? 0,
    read: async (offset, limit) => (await conversationRowsQuery(db, chatbotId, q, limit, offset)).map(conversationRowView),
  });
}

export async function exportUsers(db: Db, chatbotId: string, q: z.infer<typeof usersExportQuery>, now: number): Promise<Response> {
  const [counted] = await userCountQuery(db, chatbotId, q);
  return tableExport({
    format: q.format,
    filename: `users-${day(now)}`,
    columns: userColumns,
    json: (row) => row,
    total: counted?.total ?? 0,
    read: async (offset, limit) => (await userRowsQuery(db, chatbotId, q, limit, offset)).map(userRowView),
  });
}

export async function exportOrganizations(db: Db, chatbotId: string, q: z.infer<typeof organizationsExportQuery>, now: number): Promise<Response> {
  const [counted] = await organizationCountQuery(db, chatbotId, q);
  return tableExport({
    format: q.format,
    filename: `organizations-${day(now)}`,
    columns: organizationColumns,
    json: (row) => row,
    total: counted?.total ?? 0,
    read: async (offset, limit) => (await organizationRowsQuery(db, chatbotId, q, limit, offset)).map(organizationRowView),
  });
}

/**
 * One conversation's messages with what the analysis found in each, read from its Durable Object a page at
 * a time. JSON: `{ conversation, messages }`, the conversation as GET /conversations/:id describes it.
 */
export async function exportTranscript(db: Db, chatbotId: string, stub: DurableObjectStub<Conversation> | null, format: ExportFormat): Promise<Response> {
  const first = stub ? await stub.read(chatbotId, { after: 0, limit: EXPORT_PAGE }) : null;
  // Another chatbot's conversation answers exactly like one that does not exist.
  if (!stub || !first) throw notFound("conversation");
  const { messages: _m, messagesPage: _p, ...conversation } = await conversationWithTriage(db, first.state, [], 0);
  let page = first.messages;
  let written = 0;
  const body = chunks(async (isFirst) => {
    if (!isFirst) {
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) return null;
      const next = await stub.read(chatbotId, { after: last.seq, limit: EXPORT_PAGE });
      page = next?.messages ?? [];
    }
    const head = isFirst ? (format === "csv" ? csvHeader() : `{"conversation":${JSON.stringify(conversation)},"messages":[\n`) : "";
    const settled = await withSettledIntents(db, chatbotId, first.state.conversationId, page);
    const lines = settled.map((m) => (format === "csv" ? csvRow(m) : `${written++ === 0 ? "" : ",\n"}${JSON.stringify(m)}`));
    const end = page.length < EXPORT_PAGE && format === "json" ? "\n]}\n" : "";
    return head + lines.join("") + end;
  });
  return download(body, format, `conversation-${first.state.externalId}`);
}

const csvHeader = () => csvLine(transcriptColumns.map((c) => c.header));
const csvRow = (m: Parameters<(typeof transcriptColumns)[number]["cell"]>[0]) => csvLine(transcriptColumns.map((c) => c.cell(m)));
