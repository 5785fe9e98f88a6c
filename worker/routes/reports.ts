import { z } from "@hono/zod-openapi";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { jsonBody, jsonData, noContent } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { reportData, reportDataQuery } from "../reports/data";
import { createReport, deleteReport, duplicateBody, duplicateReport, getReport, listReports, reportInput, reportPatch, updateReport } from "../reports/service";
import { reportDataSchema, reportSchema } from "../schemas/reports";

/**
 * Saved reports (README "Reports"), mounted at `/api/v1/reports` (the key names the chatbot) and
 * `/api/v1/chatbots/:chatbotId/reports` (the dashboard): members and read keys view, admins and admin
 * keys change.
 */
export const reportRoutes = apiRouter();

reportRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");
const tags = ["Reports"];
const reportId = z.object({ id: z.string().openapi({ description: "A report id (`rep_…`)" }) });

reportRoutes.openapi(
  apiRoute("read", { method: "get", path: "/", tags, summary: "The chatbot's saved reports, most recently changed first", responses: { 200: jsonData(z.array(reportSchema), "The reports") } }),
  async (c) => c.json({ data: await listReports(c.get("db"), c.get("auth").chatbotId) }, 200),
);

reportRoutes.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/",
    tags,
    summary: "Save a report: a name, the range it opens with (1–90 days) and its widget layout",
    middleware: [adminOnly],
    request: { body: jsonBody(reportInput) },
    responses: { 201: jsonData(reportSchema, "The report") },
  }),
  async (c) => c.json({ data: await createReport(c.get("db"), c.get("auth"), c.req.valid("json")) }, 201),
);

reportRoutes.openapi(
  apiRoute("read", { method: "get", path: "/{id}", tags, summary: "One report", request: { params: reportId }, responses: { 200: jsonData(reportSchema, "The report") } }),
  async (c) => c.json({ data: await getReport(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id) }, 200),
);

reportRoutes.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename a report, change its range or replace its layout",
    middleware: [adminOnly],
    request: { params: reportId, body: jsonBody(reportPatch) },
    responses: { 200: jsonData(reportSchema, "The report") },
  }),
  async (c) => c.json({ data: await updateReport(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id, c.req.valid("json")) }, 200),
);

reportRoutes.openapi(
  apiRoute("admin", { method: "delete", path: "/{id}", tags, summary: "Delete a report", middleware: [adminOnly], request: { params: reportId }, responses: { 204: noContent("Deleted") } }),
  async (c) => {
    await deleteReport(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id);
    return c.body(null, 204);
  },
);

reportRoutes.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/duplicate",
    tags,
    summary: "Copy a report (named `<name> (copy)` unless a name is sent)",
    description: "The body may be left out.",
    middleware: [adminOnly],
    request: { params: reportId, body: jsonBody(duplicateBody) },
    responses: { 201: jsonData(reportSchema, "The new report") },
  }),
  async (c) => {
    const { name } = duplicateBody.parse(c.req.valid("json") ?? {});
    return c.json({ data: await duplicateReport(c.get("db"), c.get("auth"), c.req.valid("param").id, name) }, 201);
  },
);

reportRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}/data",
    tags,
    summary: "Every widget's figures for a range (default: the report's last `rangeDays` days), each narrowed by its filters",
    description: "Rate limited with the other reads. `data` is a stat, a series, categories, topics or conversations (rows as in the conversations table), by `kind`.",
    request: { params: reportId, query: reportDataQuery },
    responses: { 200: jsonData(reportDataSchema, "Every widget's figures") },
  }),
  async (c) => {
    const db = c.get("db");
    const { chatbotId } = c.get("auth");
    const report = await getReport(db, chatbotId, c.req.valid("param").id);
    return c.json({ data: await reportData(db, chatbotId, report, c.req.valid("query"), Date.now()) }, 200);
  },
);
