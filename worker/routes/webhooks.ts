import { z } from "@hono/zod-openapi";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { apiRoute, apiRouter } from "../openapi/router";
import { errorResponse, jsonBody, jsonData, noContent } from "../openapi/responses";
import { destinationIdParams, destinationSchema, destinationWithSecretSchema, testSendSchema } from "../schemas/webhooks";
import {
  createDestination,
  deleteDestination,
  destinationInput,
  destinationPatch,
  destinationView,
  readerView,
  enableDestination,
  getDestination,
  listDestinations,
  rotateBody,
  rotateDestinationSecret,
  testDestination,
  updateDestination,
} from "../webhooks/destinations";

/** Webhook destinations: read keys may list, admin keys change and test-send. */
export const webhooks = apiRouter();

webhooks.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");
const tags = ["Webhooks"];

webhooks.openapi(
  apiRoute("read", { method: "get", path: "/", tags, summary: "List webhook destinations", responses: { 200: jsonData(z.array(destinationSchema), "The destinations, newest first") } }),
  async (c) => {
    const destinations = await listDestinations(c.get("db"), c.get("auth").chatbotId);
    return c.json({ data: c.get("auth").kind === "admin" ? destinations : destinations.map(readerView) }, 200);
  },
);

webhooks.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/",
    tags,
    summary: "Create a webhook destination (the URL must be https and public)",
    middleware: [adminOnly],
    request: { body: jsonBody(destinationInput) },
    responses: { 201: jsonData(destinationWithSecretSchema, "The destination with its `whsec_` signing secret, shown this once") },
  }),
  async (c) => {
    const created = await createDestination(c.get("db"), c.env, c.get("auth"), c.req.valid("json"), new URL(c.req.url).hostname);
    return c.json({ data: created }, 201);
  },
);

webhooks.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}",
    tags,
    summary: "One webhook destination (never its secret)",
    request: { params: destinationIdParams },
    responses: { 200: jsonData(destinationSchema, "The destination") },
  }),
  async (c) => {
    const destination = destinationView(await getDestination(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id));
    return c.json({ data: c.get("auth").kind === "admin" ? destination : readerView(destination) }, 200);
  },
);

webhooks.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Change a destination's name, kind or URL (a new URL passes the address check again)",
    middleware: [adminOnly],
    request: { params: destinationIdParams, body: jsonBody(destinationPatch) },
    responses: { 200: jsonData(destinationSchema, "The destination after the change") },
  }),
  async (c) => {
    const updated = await updateDestination(c.get("db"), c.env, c.get("auth").chatbotId, c.req.valid("param").id, c.req.valid("json"), new URL(c.req.url).hostname);
    return c.json({ data: updated }, 200);
  },
);

webhooks.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/rotate",
    tags,
    summary: "Rotate the signing secret",
    description:
      "Issues a new `whsec_` secret, shown this once. The one it replaces keeps signing beside it for `overlapSeconds` (default 86400, at most 604800, 0 for none): meanwhile `webhook-signature` carries both (`v1,<new> v1,<old>`). The body may be left out.",
    middleware: [adminOnly],
    request: { params: destinationIdParams, body: jsonBody(rotateBody) },
    responses: { 200: jsonData(destinationWithSecretSchema, "The destination with its new secret and `previousSecretExpiresAt`") },
  }),
  async (c) => {
    const input = rotateBody.parse(c.req.valid("json") ?? {});
    return c.json({ data: await rotateDestinationSecret(c.get("db"), c.env, c.get("auth").chatbotId, c.req.valid("param").id, input) }, 200);
  },
);

webhooks.openapi(
  apiRoute("admin", {
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a destination no workflow posts to",
    description:
      "A destination a workflow still posts to (active or not) is not deleted: 409 `conflict` naming the workflows (`webhook destination \"Ops\" is used by 1 workflow: \"Churn alert\" (wf_…); remove it from its actions, or delete it, first`), so none is left pointing at nothing. Deleting it deletes its deliveries and their attempts from past runs.",
    middleware: [adminOnly],
    request: { params: destinationIdParams },
    responses: { 204: noContent("Deleted"), 409: errorResponse("A workflow still posts to it (the message names the workflows)") },
  }),
  async (c) => {
    await deleteDestination(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id);
    return c.body(null, 204);
  },
);

webhooks.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/enable",
    tags,
    summary: "Enable a destination a 410 (or a person) disabled",
    middleware: [adminOnly],
    request: { params: destinationIdParams },
    responses: { 200: jsonData(destinationSchema, "The destination") },
  }),
  async (c) => c.json({ data: await enableDestination(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id) }, 200),
);

webhooks.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/test",
    tags,
    summary: "Send a signed sample now and report what the receiver answered",
    middleware: [adminOnly],
    request: { params: destinationIdParams },
    responses: { 200: jsonData(testSendSchema, "What the receiver answered (a failed send is `ok: false`, not an error)") },
  }),
  async (c) => {
    const destination = await getDestination(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").id);
    return c.json({ data: await testDestination(c.env, destination) }, 200);
  },
);
