/**
 * The app's routes, read from the router, and a tenant with one of everything a path can name: shared by
 * the tenancy matrix and the CSRF check so both cover every route, including ones added later.
 */
import { env } from "cloudflare:workers";
import { app } from "../../worker/app";
import { createDb } from "../../worker/db/client";
import { workflowRuns } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture } from "./http";
import { as, chatbotOf, memberIn, signup, type Member } from "./member";
import { syncIndex } from "./index-queue";

/** Routes anyone may call: they create or prove credentials themselves. */
export const PUBLIC = new Set([
  "GET /health",
  "POST /api/v1/auth/signup",
  "POST /api/v1/auth/signup/confirm",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/password-reset",
  "POST /api/v1/auth/password-reset/confirm",
  "GET /api/v1/auth/invitations/accept",
  "POST /api/v1/auth/invitations/accept",
  "GET /api/v1/openapi.json",
  "GET /api/docs",
]);

/** Ids that belong to a tenant: pointing one at another tenant's must answer 404. */
const OWNED = ["orgId", "chatbotId", "memberId", "keyId", "webhookId", "workflowId", "invitationId", "conversationId", "runId", "reportId", "userId", "clientOrgId", "labelId", "notificationId"] as const;
export type Owned = (typeof OWNED)[number];
/** Path parts that are names, not another tenant's records: the same for every caller. */
const LABELS: Record<string, string> = {
  // A suggestion is found among the caller's own chatbot's clusters; the slug names it, nobody owns it.
  slug: "some_intent",
  // A prompt's name (the analysis config of the caller's chatbot).
  name: "intent",
  // The live route's conversation id is the client's own name for it, scoped by the key it comes with.
  liveConversationId: "some-conversation",
};
/** What a bare `:id` names, by the collection before it. */
const ID_AFTER: Record<string, Owned> = {
  keys: "keyId",
  webhooks: "webhookId",
  workflows: "workflowId",
  invitations: "invitationId",
  conversations: "conversationId",
  reports: "reportId",
  labels: "labelId",
  notifications: "notificationId",
};

export interface Position {
  segment: number;
  kind: Owned | keyof typeof LABELS;
}

/** The path's parameters, each named for what it holds; throws on one this matrix does not know. */
export function positionsOf(path: string): Position[] {
  const segments = path.split("/");
  const found: Position[] = [];
  segments.forEach((segment, i) => {
    if (!segment.startsWith(":")) return;
    const name = segment.slice(1).replace(/\?$/, "");
    let kind: Position["kind"] | undefined;
    if (name === "id") kind = ID_AFTER[segments[i - 1] ?? ""];
    else if (name === "conversationId" && segments.includes("live")) kind = "liveConversationId";
    else if ((OWNED as readonly string[]).includes(name) || name in LABELS) kind = name as Position["kind"];
    if (!kind) throw new Error(`unclassified path parameter ${segment} in ${path}`);
    found.push({ segment: i, kind });
  });
  return found;
}

export const isOwned = (kind: Position["kind"]): kind is Owned => (OWNED as readonly string[]).includes(kind);

export interface World {
  owner: Member;
  organizationId: string;
  chatbotId: string;
  ids: Record<Owned, string>;
}

/**
 * The dashboard's pages the Worker answers: the application's page to anyone, with a chatbot's figures drawn in only
 * for its organization's members (test/integration/first-paint.test.ts covers who gets what). Not API routes.
 */
export const PAGES = new Set(["GET /chatbots/:chatbotId/overview"]);

export const routes = app.routes
  .filter((r) => r.method !== "ALL")
  .map((r) => `${r.method} ${r.path}`)
  .filter((r, i, all) => all.indexOf(r) === i && !PAGES.has(r));

const db = () => createDb(env.DB);

/** One tenant with one of everything a path can name. */
export async function world(name: string): Promise<World> {
  const owner = await signup(name);
  const bot = await chatbotOf(owner);
  const adminKey = (await createKey(db(), { organizationId: owner.organizationId, chatbotId: bot.chatbotId, kind: "admin", name: "admin" })).secret;
  const colleague = await memberIn(owner.organizationId, "member");
  const external = `conversation-of-${name}`;
  // A client user and organization of this tenant's own (profiles name them by the integrator's ids).
  const [userId, clientOrgId] = [`user-of-${name}`, `client-org-of-${name}`];
  const captured = (await (
    await capture(bot.ingestKey, { conversationId: external, messages: [{ role: "user", content: "hi" }], user: { id: userId }, organization: { id: clientOrgId } })
  ).json()) as { conversationId: string };
  await syncIndex(conversationStub(env, bot.chatbotId, external));
  const keys = (await (await call("/api/v1/keys", { key: adminKey })).json()) as { data: { id: string }[] };
  const destination = (await (await call("/api/v1/webhooks", { method: "POST", key: adminKey, json: { name: "d", url: "https://hooks.example.com/x" } })).json()) as {
    data: { id: string };
  };
  const workflow = (await (await call("/api/v1/workflows", { method: "POST", key: adminKey, json: { template: "hallucination_flag", destinationId: destination.data.id } })).json()) as {
    data: { id: string };
  };
  const invitation = (await (await as(owner, `/api/v1/organizations/${owner.organizationId}/invitations`, { method: "POST", json: { email: `later-${name}@example.com` } })).json()) as {
    data: { id: string };
  };
  // A failed run: the one kind a retry acts on, so an unscoped retry would answer 200, not 409.
  const runId = `run_${crypto.randomUUID().replaceAll("-", "")}`;
  await db()
    .insert(workflowRuns)
    .values({ id: runId, organizationId: owner.organizationId, chatbotId: bot.chatbotId, workflowId: workflow.data.id, conversationId: captured.conversationId, status: "failed", updatedAt: Date.now() });
  const report = (await (await call("/api/v1/reports", { method: "POST", key: adminKey, json: { name: `Weekly review of ${name}`, layout: { version: 1, widgets: [{ id: "w1", type: "total_conversations" }] } } })).json()) as {
    data: { id: string };
  };
  const label = (await (await call("/api/v1/labels", { method: "POST", key: adminKey, json: { name: `Label of ${name}`, color: "red" } })).json()) as { data: { id: string } };
  // A notification of the owner's: an admin key assigns them the conversation.
  await call(`/api/v1/conversations/${captured.conversationId}/triage`, { method: "PATCH", key: adminKey, json: { assigneeId: owner.memberId } });
  const inbox = (await (await as(owner, "/api/v1/notifications")).json()) as { data: { items: { id: string }[] } };
  return {
    owner,
    organizationId: owner.organizationId,
    chatbotId: bot.chatbotId,
    ids: {
      orgId: owner.organizationId,
      chatbotId: bot.chatbotId,
      memberId: colleague.memberId,
      keyId: keys.data[0]!.id,
      conversationId: captured.conversationId,
      webhookId: destination.data.id,
      workflowId: workflow.data.id,
      invitationId: invitation.data.id,
      runId,
      reportId: report.data.id,
      userId,
      clientOrgId,
      labelId: label.data.id,
      notificationId: inbox.data.items[0]!.id,
    },
  };
}

/** The route's path with each id taken from `whose(position)`'s world. */
export function fill(route: string, whose: (position: Position) => World): string {
  const [, path] = route.split(" ") as [string, string];
  const segments = path.split("/");
  for (const position of positionsOf(path)) {
    segments[position.segment] = isOwned(position.kind) ? whose(position).ids[position.kind] : LABELS[position.kind]!;
  }
  return segments.join("/");
}

export const methodOf = (route: string) => route.split(" ")[0]!;
/** Dashboard routes (member session); the rest take API keys. */
export const forMembers = (route: string) => route.includes(":orgId") || route.includes(":chatbotId") || memberOnly(route);
/** Routes only a member session may call: an API key is refused before any id is read. */
export const memberOnly = (route: string) => route.includes("/api/v1/notifications");
