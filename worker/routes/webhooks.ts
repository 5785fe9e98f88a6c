import { Hono } from "hono";
import type { AppEnv } from "../context";
import { readJson } from "../input";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import {
  createDestination,
  deleteDestination,
  destinationInput,
  destinationPatch,
  destinationView,
  enableDestination,
  getDestination,
  listDestinations,
  rotateBody,
  rotateDestinationSecret,
  testDestination,
  updateDestination,
} from "../webhooks/destinations";

/** Webhook destinations: read keys may list, admin keys change and test-send. */
export const webhooks = new Hono<AppEnv>();

webhooks.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");

webhooks.get("/", async (c) => c.json({ data: await listDestinations(c.get("db"), c.get("auth").chatbotId) }));

webhooks.post("/", adminOnly, async (c) => {
  const input = await readJson(c, destinationInput);
  const created = await createDestination(c.get("db"), c.env, c.get("auth"), input, new URL(c.req.url).hostname);
  return c.json({ data: created }, 201);
});

webhooks.get("/:id", async (c) => c.json({ data: destinationView(await getDestination(c.get("db"), c.get("auth").chatbotId, c.req.param("id"))) }));

webhooks.patch("/:id", adminOnly, async (c) => {
  const patch = await readJson(c, destinationPatch);
  return c.json({ data: await updateDestination(c.get("db"), c.env, c.get("auth").chatbotId, c.req.param("id"), patch, new URL(c.req.url).hostname) });
});

webhooks.post("/:id/rotate", adminOnly, async (c) => {
  // The body is optional: no body (or `{}`) rotates with the default overlap.
  const input = c.req.header("content-length") === "0" || !c.req.header("content-type") ? rotateBody.parse({}) : await readJson(c, rotateBody);
  return c.json({ data: await rotateDestinationSecret(c.get("db"), c.env, c.get("auth").chatbotId, c.req.param("id"), input) });
});

webhooks.delete("/:id", adminOnly, async (c) => {
  await deleteDestination(c.get("db"), c.get("auth").chatbotId, c.req.param("id"));
  return c.body(null, 204);
});

webhooks.post("/:id/enable", adminOnly, async (c) => c.json({ data: await enableDestination(c.get("db"), c.get("auth").chatbotId, c.req.param("id")) }));

webhooks.post("/:id/test", adminOnly, async (c) => {
  const destination = await getDestination(c.get("db"), c.get("auth").chatbotId, c.req.param("id"));
  return c.json({ data: await testDestination(c.env, destination) });
});
