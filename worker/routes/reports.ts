import { Hono } from "hono";
import type { AppEnv } from "../context";
import { readJson, readQuery } from "../input";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { reportData, reportDataQuery } from "../reports/data";
import { createReport, deleteReport, duplicateBody, duplicateReport, getReport, listReports, reportInput, reportPatch, updateReport } from "../reports/service";

/**
 * Saved reports (README "Reports"), mounted at `/api/v1/reports` (the key names the chatbot) and
 * `/api/v1/chatbots/:chatbotId/reports` (the dashboard): members and read keys view, admins and admin
 * keys change.
 */
export const reportRoutes = new Hono<AppEnv>();

reportRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");

reportRoutes.get("/", async (c) => c.json({ data: await listReports(c.get("db"), c.get("auth").chatbotId) }));

reportRoutes.post("/", adminOnly, async (c) => {
  const input = await readJson(c, reportInput);
  return c.json({ data: await createReport(c.get("db"), c.get("auth"), input) }, 201);
});

reportRoutes.get("/:id", async (c) => c.json({ data: await getReport(c.get("db"), c.get("auth").chatbotId, c.req.param("id")) }));

reportRoutes.patch("/:id", adminOnly, async (c) => {
  const patch = await readJson(c, reportPatch);
  return c.json({ data: await updateReport(c.get("db"), c.get("auth").chatbotId, c.req.param("id"), patch) });
});

reportRoutes.delete("/:id", adminOnly, async (c) => {
  await deleteReport(c.get("db"), c.get("auth").chatbotId, c.req.param("id"));
  return c.body(null, 204);
});

reportRoutes.post("/:id/duplicate", adminOnly, async (c) => {
  const { name } = await readJson(c, duplicateBody);
  return c.json({ data: await duplicateReport(c.get("db"), c.get("auth"), c.req.param("id"), name) }, 201);
});

reportRoutes.get("/:id/data", async (c) => {
  const db = c.get("db");
  const { chatbotId } = c.get("auth");
  const q = readQuery(c, reportDataQuery);
  const report = await getReport(db, chatbotId, c.req.param("id"));
  return c.json({ data: await reportData(db, chatbotId, report, q, Date.now()) });
});
