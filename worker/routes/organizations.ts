import { z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { jsonBody, jsonData, noContent } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { chatbotSchema, createdInvitation, invitationSchema, memberSchema, organizationWithRole } from "../schemas/accounts";
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
  changeMemberRole,
  memberRoleBody,
  renameOrganization,
  revokeInvitation,
} from "../services/organizations";
import { sendEmail } from "../services/mail";
import { memberSession, sessionRequired } from "../middleware/auth";
import { roleIn, type Role } from "../services/sessions";
import { endOrganizationFeeds } from "../services/session-sockets";

/** Organizations, members, invitations and chatbots, for dashboard members (session cookie). */
export const organizationRoutes = apiRouter();
const tags = ["Organizations"];
const org = z.object({ orgId: z.string().openapi({ description: "An organization id (`org_…`)" }) });
const orgChatbot = org.extend({ chatbotId: z.string().openapi({ description: "A chatbot id (`cb_…`)" }) });

/** The caller's role in `:orgId`: 404 when not a member, 403 below `needed`. */
const role = (needed: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await memberSession(c);
    const found = await roleIn(c.get("authDb"), session.memberId, c.req.param("orgId") ?? "");
    if (!found) throw notFound("organization");
    if (!atLeast(found, needed)) throw new ApiError("forbidden", `this needs the ${needed} role; you are ${found === "admin" ? "an" : "a"} ${found}`);
    c.set("session", session);
    c.set("role", found);
    await next();
  });

organizationRoutes.openapi(
  apiRoute("member", { method: "get", path: "/", tags, summary: "The caller's organizations", middleware: [sessionRequired], responses: { 200: jsonData(z.array(organizationWithRole), "With the caller's role in each") } }),
  async (c) => c.json({ data: await listOrganizations(c.get("db"), c.get("session").memberId) }, 200),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "post",
    path: "/",
    tags,
    summary: "Create an organization (the caller owns it)",
    middleware: [sessionRequired],
    request: { body: jsonBody(organizationBody) },
    responses: { 201: jsonData(organizationWithRole, "The organization") },
  }),
  async (c) => c.json({ data: await createOrganization(c.get("db"), c.get("session").memberId, c.req.valid("json").name) }, 201),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "patch",
    path: "/{orgId}",
    tags,
    summary: "Rename (admin)",
    middleware: [role("admin")],
    request: { params: org, body: jsonBody(organizationPatch) },
    responses: { 200: jsonData(organizationWithRole, "The organization, with the caller's role in it as GET and POST answer it") },
  }),
  async (c) => c.json({ data: await renameOrganization(c.get("db"), c.req.valid("param").orgId, c.req.valid("json").name, c.get("role")) }, 200),
);

organizationRoutes.openapi(
  apiRoute("member", { method: "delete", path: "/{orgId}", tags, summary: "Delete the organization and purge its chatbots' conversations (owner)", middleware: [role("owner")], request: { params: org }, responses: { 204: noContent("Deleted; the purge goes on after answering") } }),
  async (c) => {
    const purge = await deleteOrganization(c.env, c.get("db"), c.req.valid("param").orgId);
    c.executionCtx.waitUntil(purge());
    return c.body(null, 204);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "get",
    path: "/{orgId}/members",
    tags,
    summary: "Members and their roles",
    middleware: [role("member")],
    request: { params: org },
    responses: { 200: jsonData(z.array(memberSchema), "The members") },
  }),
  async (c) => c.json({ data: await listMembers(c.get("db"), c.req.valid("param").orgId) }, 200),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "patch",
    path: "/{orgId}/members/{memberId}",
    tags,
    summary: "Change a member's role (admin; only an owner makes or unmakes an owner, and an organization keeps one)",
    middleware: [role("admin")],
    request: { params: org.extend({ memberId: z.string() }), body: jsonBody(memberRoleBody) },
    responses: { 200: jsonData(memberSchema, "The member with their new role") },
  }),
  async (c) => {
    const { orgId, memberId } = c.req.valid("param");
    const member = await changeMemberRole(c.get("db"), orgId, { role: c.get("role") }, memberId, c.req.valid("json").role);
    return c.json({ data: member }, 200);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "delete",
    path: "/{orgId}/members/{memberId}",
    tags,
    summary: "Remove a member (admin), or leave (anyone, your own id); only an owner removes an owner, and an organization keeps one",
    middleware: [role("member")],
    request: { params: org.extend({ memberId: z.string() }) },
    responses: { 204: noContent("Removed") },
  }),
  async (c) => {
    const { orgId, memberId } = c.req.valid("param");
    const actor = c.get("session").memberId;
    await removeMember(c.get("db"), orgId, { memberId: actor, role: c.get("role") }, memberId);
    // Their open live feeds on this organization's chatbots would keep streaming: closed (4001, the reason saying
    // whether they were removed or left), never failing the removal.
    await endOrganizationFeeds(c.env, c.get("db"), orgId, memberId, memberId === actor ? "left" : "removed");
    return c.body(null, 204);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "get",
    path: "/{orgId}/invitations",
    tags,
    summary: "Pending invitations (admin)",
    middleware: [role("admin")],
    request: { params: org },
    responses: { 200: jsonData(z.array(invitationSchema), "The invitations not yet accepted") },
  }),
  async (c) => c.json({ data: await listInvitations(c.get("db"), c.req.valid("param").orgId) }, 200),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "post",
    path: "/{orgId}/invitations",
    tags,
    summary: "Invite someone by email (admin)",
    middleware: [role("admin")],
    request: { params: org, body: jsonBody(invitationBody) },
    responses: { 201: jsonData(createdInvitation, "The invitation with its `token` and `link`; the email is queued") },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { orgId } = c.req.valid("param");
    const { invitation, token, emailToken } = await invite(c.get("db"), orgId, { memberId: c.get("session").memberId, role: c.get("role") }, input);
    const linkTo = (t: string) => `${new URL(c.req.url).origin}/accept-invitation?token=${t}`;
    const link = linkTo(token);
    // Queued after answering. The answer carries a link of its own, which the admin may pass on: it lets the person
    // accept logged in; only the emailed one also creates an account (acceptInvitation).
    const requestId = c.get("requestId");
    const db = c.get("db");
    c.executionCtx.waitUntil(
      (async () => {
        const organization = await organizationName(db, orgId);
        await sendEmail(c.env, { kind: "invitation", to: input.email, link: linkTo(emailToken), organizationName: organization, role: input.role });
      })().catch((error) =>
        console.error("invitation email not queued", { requestId, error: error instanceof Error ? error.message : String(error) }),
      ),
    );
    return c.json({ data: { ...invitation, token, link } }, 201);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "delete",
    path: "/{orgId}/invitations/{id}",
    tags,
    summary: "Revoke an invitation (admin)",
    middleware: [role("admin")],
    request: { params: org.extend({ id: z.string().openapi({ description: "An invitation id (`inv_…`)" }) }) },
    responses: { 204: noContent("Revoked") },
  }),
  async (c) => {
    const { orgId, id } = c.req.valid("param");
    await revokeInvitation(c.get("db"), orgId, id, c.get("role"));
    return c.body(null, 204);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "get",
    path: "/{orgId}/chatbots",
    tags,
    summary: "The organization's chatbots",
    middleware: [role("member")],
    request: { params: org },
    responses: { 200: jsonData(z.array(chatbotSchema), "The chatbots") },
  }),
  async (c) => c.json({ data: await listChatbots(c.get("db"), c.req.valid("param").orgId) }, 200),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "post",
    path: "/{orgId}/chatbots",
    tags,
    summary: "Create a chatbot (admin)",
    middleware: [role("admin")],
    request: { params: org, body: jsonBody(chatbotBody) },
    responses: { 201: jsonData(chatbotSchema, "The chatbot, `pending` until its first message") },
  }),
  async (c) => c.json({ data: await createChatbot(c.get("db"), c.req.valid("param").orgId, c.req.valid("json")) }, 201),
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "patch",
    path: "/{orgId}/chatbots/{chatbotId}",
    tags,
    summary: "Rename, set the idle timeout, archive (admin)",
    middleware: [role("admin")],
    request: { params: orgChatbot, body: jsonBody(chatbotPatch) },
    responses: { 200: jsonData(chatbotSchema, "The chatbot") },
  }),
  async (c) => {
    const patch = c.req.valid("json");
    const { orgId, chatbotId } = c.req.valid("param");
    const chatbot = await updateChatbot(c.get("db"), orgId, chatbotId, patch);
    if (patch.status === "archived") c.executionCtx.waitUntil(disconnectChatbot(c.env, chatbot.id));
    return c.json({ data: chatbot }, 200);
  },
);

organizationRoutes.openapi(
  apiRoute("member", {
    method: "delete",
    path: "/{orgId}/chatbots/{chatbotId}",
    tags,
    summary: "Delete a chatbot and purge its conversations (admin)",
    middleware: [role("admin")],
    request: { params: orgChatbot },
    responses: { 204: noContent("Deleted; the purge goes on after answering") },
  }),
  async (c) => {
    const { orgId, chatbotId } = c.req.valid("param");
    const purge = await deleteChatbot(c.env, c.get("db"), orgId, chatbotId);
    c.executionCtx.waitUntil(purge());
    return c.body(null, 204);
  },
);
