import { z } from "@hono/zod-openapi";
import { fieldsError, renamedField } from "../errors";
import { parse } from "../input";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { apiRoute, apiRouter } from "../openapi/router";
import { jsonBody, jsonData, noContent, pageOf, json } from "../openapi/responses";
import { retriedRunSchema, runWithDeliveriesSchema, workflowSchema, workflowTemplateSchema } from "../schemas/workflows";
import { workflowBodyInput, workflowPatch } from "../workflows/schema";
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
export const workflowRoutes = apiRouter();

workflowRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");
const tags = ["Workflows"];
const workflowId = z.object({ id: z.string().openapi({ description: "A workflow id (`wf_…`)" }) });
const runId = z.object({ runId: z.string().openapi({ description: "A workflow run id (`run_…`)" }) });

workflowRoutes.openapi(
  apiRoute("read", { method: "get", path: "/", tags, summary: "List workflows", responses: { 200: jsonData(z.array(workflowSchema), "The workflows, newest first") } }),
  async (c) => c.json({ data: await listWorkflows(c.get("db"), c.get("auth").chatbotId) }, 200),
);

workflowRoutes.openapi(
  apiRoute("read", { method: "get", path: "/templates", tags, summary: "The six starter templates", responses: { 200: jsonData(z.array(workflowTemplateSchema), "The templates") } }),
  (c) => c.json({ data: WORKFLOW_TEMPLATES }, 200),
);

/** Two shapes: a full workflow (which may name the starter it came from), or a starter `{ template, destinationId?, name?, status? }`. */
const workflowBody = z.union([workflowBodyInput, fromTemplate]);
/**
 * A body with `template` is the starter form unless it is a full workflow, which always has a `trigger` and `actions`:
 * `{ template, trigger }` is a starter with a field too many, not a full workflow missing its name and actions.
 */
const isFromTemplate = (raw: unknown) => typeof raw === "object" && raw !== null && "template" in raw && !("trigger" in raw && "actions" in raw);
/** The full form's fields a starter does not take (`trigger`, `match`, `conditions`, `actions`, `cooldown`). */
const FULL_FORM_ONLY: ReadonlySet<string> = new Set(Object.keys(workflowBodyInput.shape).filter((field) => !(field in fromTemplate.shape)));

workflowRoutes.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/",
    tags,
    summary: "Create a workflow, in full or from a template (`{ template, destinationId? }`: without a destination it notifies the organization's owners and admins in the app)",
    middleware: [adminOnly],
    request: { body: jsonBody(workflowBody) },
    responses: { 201: jsonData(workflowSchema, "The workflow") },
  }),
  async (c) => {
    const body = c.req.valid("json");
    if ("trigger" in body) return c.json({ data: await createWorkflow(c.get("db"), c.get("auth"), body) }, 201);
    // From a template, the one action's destination is the body's `destinationId`: a refusal names that field.
    const created = await createWorkflow(c.get("db"), c.get("auth"), expandTemplate(body)).catch((error: unknown) => {
      throw renamedField(error, "actions.0.destinationId", "destinationId");
    });
    return c.json({ data: created }, 201);
  },
  // A refused body names the fields of the shape that was meant, not the union's failure as a whole.
  (result) => {
    if (result.success) return;
    const raw = (result as { data?: unknown }).data;
    if (isFromTemplate(raw)) {
      // A full workflow's field beside a template says which form to use instead of only "Unrecognized key".
      const fullOnly = Object.keys(raw as object).filter((field) => FULL_FORM_ONLY.has(field));
      if (fullOnly.length) throw fieldsError(fullOnly, "not taken with a template (a starter sets its own trigger, conditions and actions; to set them, send a full workflow: name, trigger, actions)");
    }
    parse(isFromTemplate(raw) ? fromTemplate : workflowBodyInput, raw, "body");
    return undefined;
  },
);

workflowRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/runs/{runId}",
    tags,
    summary: "One run of any of the chatbot's workflows",
    request: { params: runId },
    responses: { 200: jsonData(runWithDeliveriesSchema, "The run with its deliveries and every attempt") },
  }),
  async (c) => c.json({ data: await getRun(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").runId) }, 200),
);

workflowRoutes.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/runs/{runId}/retry",
    tags,
    summary: "Retry a failed run's failed deliveries (same `webhook-id` as before)",
    middleware: [adminOnly],
    request: { params: runId },
    responses: { 200: jsonData(retriedRunSchema, "The run, pending again") },
  }),
  async (c) => c.json({ data: await retryRun(c.get("db"), c.env.WEBHOOKS, c.get("auth").chatbotId, c.req.valid("param").runId) }, 200),
);

workflowRoutes.openapi(
  apiRoute("read", { method: "get", path: "/{id}", tags, summary: "One workflow", request: { params: workflowId }, responses: { 200: jsonData(workflowSchema, "The workflow") } }),
  async (c) => c.json({ data: workflowView(await getWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id)) }, 200),
);

workflowRoutes.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/{id}",
    tags,
    summary: 'Change a workflow (`{ "status": "inactive" }` disables it)',
    middleware: [adminOnly],
    request: { params: workflowId, body: jsonBody(workflowPatch) },
    responses: { 200: jsonData(workflowSchema, "The workflow after the change") },
  }),
  async (c) => c.json({ data: await updateWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id, c.req.valid("json")) }, 200),
);

workflowRoutes.openapi(
  apiRoute("admin", { method: "delete", path: "/{id}", tags, summary: "Delete a workflow", middleware: [adminOnly], request: { params: workflowId }, responses: { 204: noContent("Deleted") } }),
  async (c) => {
    await deleteWorkflow(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id);
    return c.body(null, 204);
  },
);

workflowRoutes.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}/runs",
    tags,
    summary: "A workflow's runs, newest first, with deliveries and every attempt",
    request: { params: workflowId, query: runsQuery },
    responses: { 200: json(pageOf(runWithDeliveriesSchema), "A page of runs") },
  }),
  async (c) => c.json(await listRuns(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id, c.req.valid("query")), 200),
);
