import { Hono } from "hono";
import type { AppEnv } from "../context";
import { z } from "zod";
import { parse, readJson, readQuery } from "../input";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { workflowInput, workflowPatch } from "../workflows/schema";
import {
  createWorkflow,
  deleteWorkflow,
  expandTemplate,
  fromTemplate,
  getRun,
  getWorkflow,
  listRuns,
  listWorkflows,
  retryRun,
  runsQuery,
  updateWorkflow,
  workflowView,
} from "../workflows/service";
import { WORKFLOW_TEMPLATES } from "../workflows/templates";

/** Workflows and their runs: read keys may look, admin keys change and retry. */
export const workflowRoutes = new Hono<AppEnv>();

workflowRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");

workflowRoutes.get("/", async (c) => c.json({ data: await listWorkflows(c.get("db"), c.get("auth").chatbotId) }));
workflowRoutes.get("/templates", (c) => c.json({ data: WORKFLOW_TEMPLATES }));

workflowRoutes.post("/", adminOnly, async (c) => {
  // Two shapes: a full workflow, or `{ template, destinationId }`; errors name the fields of the one meant.
  const raw = await readJson(c, z.record(z.string(), z.unknown()));
  const input = "destinationId" in raw ? expandTemplate(parse(fromTemplate, raw, "body")) : parse(workflowInput, raw, "body");
  return c.json({ data: await createWorkflow(c.get("db"), c.get("auth"), input) }, 201);
});

workflowRoutes.get("/runs/:runId", async (c) => c.json({ data: await getRun(c.get("db"), c.get("auth").chatbotId, c.req.param("runId")) }));

workflowRoutes.post("/runs/:runId/retry", adminOnly, async (c) =>
  c.json({ data: await retryRun(c.get("db"), c.env.WEBHOOKS, c.get("auth").chatbotId, c.req.param("runId")) }),
);

workflowRoutes.get("/:id", async (c) => c.json({ data: workflowView(await getWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.param("id"))) }));

workflowRoutes.patch("/:id", adminOnly, async (c) => {
  const patch = await readJson(c, workflowPatch);
  return c.json({ data: await updateWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.param("id"), patch) });
});

workflowRoutes.delete("/:id", adminOnly, async (c) => {
  await deleteWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.param("id"));
  return c.body(null, 204);
});

workflowRoutes.get("/:id/runs", async (c) => c.json(await listRuns(c.get("db"), c.get("auth").chatbotId, c.req.param("id"), readQuery(c, runsQuery))));
