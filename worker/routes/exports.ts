import { z } from "@hono/zod-openapi";
import { exportConversations, exportOrganizations, exportTranscript, exportUsers, conversationsExportQuery, organizationsExportQuery, transcriptExportQuery, usersExportQuery } from "../export/sources";
import { EXPORT_MAX_ROWS } from "../export/stream";
import { requireChatbot } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { apiRouter, apiRoute } from "../openapi/router";
import { clientOrganizationRowSchema, clientUserRowSchema, conversationRowSchema } from "../schemas/analytics";
import { analysedMessage, conversationState, clientOrganizationView, clientUserView } from "../schemas/conversations";
import { conversationStubById } from "../services/conversation-stub";
import { checkedFilters } from "../services/filter-references";

/**
 * Downloads (README "Export"): the tables as filtered and a conversation's transcript, as CSV or JSON,
 * streamed. Reads, so read keys and every member may export.
 */
export const exportRoutes = apiRouter();

exportRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const tags = ["Export"];

/** Both formats of a download: a CSV text, or the JSON the API would answer. */
const download = (json: z.ZodType, description: string) => ({
  description: `${description}. Sent as an attachment (\`content-disposition\`), streamed; \`x-export-rows\` says how many rows match.`,
  content: {
    "text/csv": { schema: z.string().openapi({ description: "A header line, then one line per row (RFC 4180, CRLF)" }) },
    "application/json": { schema: json },
  },
});
const tooMany = `More than ${EXPORT_MAX_ROWS.toLocaleString("en-US")} rows match: an export is refused (400) rather than cut off.`;

exportRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/conversations",
    tags,
    summary: "The conversations table as filtered, every matching row",
    description: `Takes the filters and sort of GET /analytics/conversations (no page). ${tooMany}`,
    request: { query: conversationsExportQuery },
    responses: { 200: download(z.array(conversationRowSchema), "The rows, in the table's order") },
  }),
  async (c) => exportConversations(c.get("db"), c.get("auth").chatbotId, await checkedFilters(c.get("db"), c.get("auth"), c.req.valid("query")), Date.now()),
);

exportRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/users",
    tags,
    summary: "The users table as filtered, every matching row",
    description: `Takes the filters and sort of GET /analytics/users (no page). ${tooMany}`,
    request: { query: usersExportQuery },
    responses: { 200: download(z.array(clientUserRowSchema), "The rows, in the table's order") },
  }),
  async (c) => exportUsers(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()),
);

exportRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/organizations",
    tags,
    summary: "The organizations table as filtered, every matching row",
    description: `Takes the filters and sort of GET /analytics/organizations (no page). ${tooMany}`,
    request: { query: organizationsExportQuery },
    responses: { 200: download(z.array(clientOrganizationRowSchema), "The rows, in the table's order") },
  }),
  async (c) => exportOrganizations(c.get("db"), c.get("auth").chatbotId, c.req.valid("query"), Date.now()),
);

const transcriptJson = z
  .object({
    conversation: conversationState.extend({ user: clientUserView.nullable(), organization: clientOrganizationView.nullable() }),
    messages: z.array(analysedMessage),
  })
  .openapi("Transcript");

exportRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/conversations/{id}",
    tags,
    summary: "One conversation's transcript with the analysis of every message",
    description: "`id` is OpenBat's conversation id (64 hex characters). CSV: one line per message with its sentiment, flags, behaviours, intent and topics.",
    request: { params: z.object({ id: z.string().openapi({ description: "OpenBat's conversation id" }) }), query: transcriptExportQuery },
    responses: { 200: download(transcriptJson, "The transcript") },
  }),
  async (c) => exportTranscript(c.get("db"), c.get("auth").chatbotId, conversationStubById(c.env, c.req.valid("param").id), c.req.valid("query").format),
);
