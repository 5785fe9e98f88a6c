import { z } from "@hono/zod-openapi";
import { requireKind } from "../middleware/auth";
import { jsonBody, jsonData } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { activitySchema, noteInput, noteSchema, triagePatch, triageSchema } from "../schemas/triage";
import { addLabel, addNote, removeLabel, updateTriage } from "../triage/actions";
import { requireConversation } from "../triage/context";
import { publishAction } from "../triage/live";
import { listActivity, listNotes, triageOfOne } from "../triage/read";

/**
 * Acting on a conversation (README "Acting on conversations"), nested in the conversations router (its
 * auth and rate limit apply): read keys and members read, admin keys and owners/admins act. Every action
 * writes its activity row in the same D1 batch and is published to the chatbot's live feed.
 */
export const conversationTriage = apiRouter();
const adminOnly = requireKind("admin");
const tags = ["Acting on conversations"];
const conversation = z.object({ id: z.string().openapi({ description: "OpenBat's conversation id (64 hex characters)" }) });
const conversationLabel = conversation.extend({ labelId: z.string().openapi({ description: "A label of this chatbot (`lbl_…`)" }) });

conversationTriage.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}/triage",
    tags,
    summary: "A conversation's status, assignee and labels",
    request: { params: conversation },
    responses: { 200: jsonData(triageSchema, "Its triage (`open`, unassigned and unlabelled until someone acts)") },
  }),
  async (c) => {
    const db = c.get("db");
    const { chatbotId } = c.get("auth");
    const { id } = c.req.valid("param");
    await requireConversation(db, chatbotId, id);
    return c.json({ data: await triageOfOne(db, chatbotId, id) }, 200);
  },
);

conversationTriage.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/{id}/triage",
    tags,
    summary: "Set a conversation's status and/or assignee (`assigneeId: null` unassigns)",
    description: "Assigning a member other than yourself notifies them in the app. Setting what is already set changes nothing and writes no activity.",
    middleware: [adminOnly],
    request: { params: conversation, body: jsonBody(triagePatch) },
    responses: { 200: jsonData(triageSchema, "Its triage after the change") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const result = await updateTriage(c.get("db"), auth, c.req.valid("param").id, c.req.valid("json"));
    await publishAction(c.env, auth.chatbotId, result);
    return c.json({ data: result.triage }, 200);
  },
);

conversationTriage.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}/notes",
    tags,
    summary: "A conversation's notes, oldest first, each with its author and time",
    request: { params: conversation },
    responses: { 200: jsonData(z.array(noteSchema), "The notes") },
  }),
  async (c) => {
    const db = c.get("db");
    const { chatbotId } = c.get("auth");
    const { id } = c.req.valid("param");
    await requireConversation(db, chatbotId, id);
    return c.json({ data: await listNotes(db, chatbotId, id) }, 200);
  },
);

conversationTriage.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/{id}/notes",
    tags,
    summary: "Add a note (1–4,000 characters) to a conversation",
    middleware: [adminOnly],
    request: { params: conversation, body: jsonBody(noteInput) },
    responses: { 201: jsonData(noteSchema, "The note") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const result = await addNote(c.get("db"), auth, c.req.valid("param").id, c.req.valid("json"));
    await publishAction(c.env, auth.chatbotId, result);
    return c.json({ data: result.note }, 201);
  },
);

conversationTriage.openapi(
  apiRoute("read", {
    method: "get",
    path: "/{id}/activity",
    tags,
    summary: "A conversation's activity timeline, newest first: who changed its status, assignee, notes and labels, and when",
    request: { params: conversation },
    responses: { 200: jsonData(z.array(activitySchema), "The timeline") },
  }),
  async (c) => {
    const db = c.get("db");
    const { chatbotId } = c.get("auth");
    const { id } = c.req.valid("param");
    await requireConversation(db, chatbotId, id);
    return c.json({ data: await listActivity(db, chatbotId, id) }, 200);
  },
);

conversationTriage.openapi(
  apiRoute("admin", {
    method: "put",
    path: "/{id}/labels/{labelId}",
    tags,
    summary: "Put one of the chatbot's labels on a conversation (one it has already changes nothing)",
    middleware: [adminOnly],
    request: { params: conversationLabel },
    responses: { 200: jsonData(triageSchema, "Its triage after the change") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const { id, labelId } = c.req.valid("param");
    const result = await addLabel(c.get("db"), auth, id, labelId);
    await publishAction(c.env, auth.chatbotId, result);
    return c.json({ data: result.triage }, 200);
  },
);

conversationTriage.openapi(
  apiRoute("admin", {
    method: "delete",
    path: "/{id}/labels/{labelId}",
    tags,
    summary: "Take a label off a conversation (one it does not have changes nothing)",
    middleware: [adminOnly],
    request: { params: conversationLabel },
    responses: { 200: jsonData(triageSchema, "Its triage after the change") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const { id, labelId } = c.req.valid("param");
    const result = await removeLabel(c.get("db"), auth, id, labelId);
    await publishAction(c.env, auth.chatbotId, result);
    return c.json({ data: result.triage }, 200);
  },
);
