import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { readJson } from "../input";
import { chatbotBody, chatbotPatch, createChatbot, deleteChatbot, disconnectChatbot, listChatbots, updateChatbot } from "../services/chatbots";
import {
  atLeast,
  createOrganization,
  deleteOrganization,
  invitationBody,
  invite,
  organizationName,
  listInvitations,
  listMembers,
  listOrganizations,
  organizationBody,
  organizationPatch,
  removeMember,
  renameOrganization,
  revokeInvitation,
} from "../services/organizations";
import { sendEmail } from "../services/mail";
import { requireSession, roleIn, type Role } from "../services/sessions";

/** Organizations, members, invitations and chatbots, for dashboard members (session cookie). */
export const organizationRoutes = new Hono<AppEnv>();

/** The caller's role in `:orgId`: 404 when not a member, 403 below `needed`. */
const role = (needed: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await requireSession(c);
    const found = await roleIn(c.get("db"), session.memberId, c.req.param("orgId") ?? "");
    if (!found) throw notFound("organization");
    if (!atLeast(found, needed)) throw new ApiError("forbidden", `this needs the ${needed} role; you are ${found === "admin" ? "an" : "a"} ${found}`);
    c.set("session", session);
    c.set("role", found);
    await next();
  });

organizationRoutes.get("/", async (c) => {
  const session = await requireSession(c);
  return c.json({ data: await listOrganizations(c.get("db"), session.memberId) });
});

organizationRoutes.post("/", async (c) => {
  const session = await requireSession(c);
  const { name } = await readJson(c, organizationBody);
  return c.json({ data: await createOrganization(c.get("db"), session.memberId, name) }, 201);
});

organizationRoutes.patch("/:orgId", role("admin"), async (c) => {
  const { name } = await readJson(c, organizationPatch);
  return c.json({ data: await renameOrganization(c.get("db"), c.req.param("orgId"), name) });
});

organizationRoutes.delete("/:orgId", role("owner"), async (c) => {
  await deleteOrganization(c.get("db"), c.req.param("orgId"));
  return c.body(null, 204);
});

organizationRoutes.get("/:orgId/members", role("member"), async (c) => c.json({ data: await listMembers(c.get("db"), c.req.param("orgId")) }));

organizationRoutes.delete("/:orgId/members/:memberId", role("admin"), async (c) => {
  await removeMember(c.get("db"), c.req.param("orgId"), c.get("role"), c.req.param("memberId"));
  return c.body(null, 204);
});

organizationRoutes.get("/:orgId/invitations", role("admin"), async (c) => c.json({ data: await listInvitations(c.get("db"), c.req.param("orgId")) }));

organizationRoutes.post("/:orgId/invitations", role("admin"), async (c) => {
  const input = await readJson(c, invitationBody);
  const { invitation, token } = await invite(c.get("db"), c.req.param("orgId"), { memberId: c.get("session").memberId, role: c.get("role") }, input);
  const link = `${new URL(c.req.url).origin}/accept-invitation?token=${token}`;
  // Queued after answering; the answer carries the link too, so the admin can pass it on if mail is slow.
  const requestId = c.get("requestId");
  const [db, orgId] = [c.get("db"), c.req.param("orgId")];
  c.executionCtx.waitUntil(
    (async () => {
      const organization = await organizationName(db, orgId);
      await sendEmail(c.env, { kind: "invitation", to: input.email, link, organizationName: organization, role: input.role });
    })().catch((error) =>
      console.error("invitation email not queued", { requestId, error: error instanceof Error ? error.message : String(error) }),
    ),
  );
  return c.json({ data: { ...invitation, token, link } }, 201);
});

organizationRoutes.delete("/:orgId/invitations/:id", role("admin"), async (c) => {
  await revokeInvitation(c.get("db"), c.req.param("orgId"), c.req.param("id"));
  return c.body(null, 204);
});

organizationRoutes.get("/:orgId/chatbots", role("member"), async (c) => c.json({ data: await listChatbots(c.get("db"), c.req.param("orgId")) }));

organizationRoutes.post("/:orgId/chatbots", role("admin"), async (c) => {
  const input = await readJson(c, chatbotBody);
  return c.json({ data: await createChatbot(c.get("db"), c.req.param("orgId"), input) }, 201);
});

organizationRoutes.patch("/:orgId/chatbots/:chatbotId", role("admin"), async (c) => {
  const patch = await readJson(c, chatbotPatch);
  const chatbot = await updateChatbot(c.get("db"), c.req.param("orgId"), c.req.param("chatbotId"), patch);
  if (patch.status === "archived") c.executionCtx.waitUntil(disconnectChatbot(c.env, chatbot.id));
  return c.json({ data: chatbot });
});

organizationRoutes.delete("/:orgId/chatbots/:chatbotId", role("admin"), async (c) => {
  const purge = await deleteChatbot(c.env, c.get("db"), c.req.param("orgId"), c.req.param("chatbotId"));
  c.executionCtx.waitUntil(purge());
  return c.body(null, 204);
});
