import { z } from "@hono/zod-openapi";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { jsonBody, jsonData, noContent } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { labelInput, labelPatch, labelSchema } from "../schemas/triage";
import { createLabel, deleteLabel, listLabels, updateLabel } from "../triage/labels";
import { publishToFeed } from "../triage/live";

/**
 * A chatbot's labels (README "Acting on conversations"), mounted at `/api/v1/labels` (the key names the
 * chatbot) and `/api/v1/chatbots/:chatbotId/labels`: read keys and members list, admins change. A change
 * is published to the live feed as a `labels` event so open dashboards re-read the list.
 */
export const labelRoutes = apiRouter();

labelRoutes.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");
const tags = ["Acting on conversations"];
const labelId = z.object({ id: z.string().openapi({ description: "A label id (`lbl_…`)" }) });
const changed = (env: Env, chatbotId: string) => publishToFeed(env, chatbotId, [{ type: "labels" }]);

labelRoutes.openapi(
  apiRoute("read", { method: "get", path: "/", tags, summary: "The chatbot's labels, by name", responses: { 200: jsonData(z.array(labelSchema), "The labels") } }),
  async (c) => c.json({ data: await listLabels(c.get("db"), c.get("auth").chatbotId) }, 200),
);

labelRoutes.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/",
    tags,
    summary: "Create a label: a name (1–40 characters, unique in the chatbot) and a colour of the palette",
    middleware: [adminOnly],
    request: { body: jsonBody(labelInput) },
    responses: { 201: jsonData(labelSchema, "The label") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const label = await createLabel(c.get("db"), auth, c.req.valid("json"));
    await changed(c.env, auth.chatbotId);
    return c.json({ data: label }, 201);
  },
);

labelRoutes.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename and/or recolour a label",
    middleware: [adminOnly],
    request: { params: labelId, body: jsonBody(labelPatch) },
    responses: { 200: jsonData(labelSchema, "The label") },
  }),
  async (c) => {
    const { chatbotId } = c.get("auth");
    const label = await updateLabel(c.get("db"), chatbotId, c.req.valid("param").id, c.req.valid("json"));
    await changed(c.env, chatbotId);
    return c.json({ data: label }, 200);
  },
);

labelRoutes.openapi(
  apiRoute("admin", {
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a label (it comes off every conversation)",
    middleware: [adminOnly],
    request: { params: labelId },
    responses: { 204: noContent("Deleted") },
  }),
  async (c) => {
    const { chatbotId } = c.get("auth");
    await deleteLabel(c.get("db"), chatbotId, c.req.valid("param").id);
    await changed(c.env, chatbotId);
    return c.body(null, 204);
  },
);
