/**
 * The OpenAPI 3.1 document of the public API, served at GET /api/v1/openapi.json.
 *
 * Every route is listed once below with the zod schema its handler validates with (imported from the
 * module that validates, never restated), and converted with zod's own `z.toJSONSchema` — so the
 * document cannot drift from what the routes accept. OpenAPI 3.1 speaks JSON Schema 2020-12, which is
 * zod's default target. test/integration/openapi.test.ts checks that every mounted route is here.
 */
import { z } from "zod";
import { assistantQuery } from "./analytics/assistant";
import { conversationsTableQuery } from "./analytics/conversations-table";
import { insightsQuery } from "./analytics/insights";
import { overviewQuery } from "./analytics/overview";
import { organizationsTableQuery, usersTableQuery } from "./analytics/people-tables";
import { sentimentQuery } from "./analytics/sentiment";
import { analysisConfigPatch, customDefinition, PROMPT_NAMES } from "./analysis/config";
import { messagesPage } from "./routes/conversations";
import { newKeyBody } from "./routes/keys";
import { liveQuery } from "./routes/live";
import { tokenBody } from "./routes/tokens";
import { confirmSignupBody, email, loginBody, resetBody, signupBody } from "./services/accounts";
import { captureBody, externalConversationId } from "./services/capture";
import { bulkRejectBody, suggestionsQuery } from "./services/intent-suggestions";
import { chatbotBody, chatbotPatch } from "./services/chatbots";
import { listQuery } from "./services/conversations";
import { searchQuery } from "./search/query";
import { reportDataQuery } from "./reports/data";
import { duplicateBody, reportInput, reportPatch } from "./reports/service";
import { acceptBody, invitationBody, organizationBody, organizationPatch } from "./services/organizations";
import { destinationInput, destinationPatch, rotateBody } from "./webhooks/destinations";
import { workflowInput, workflowPatch } from "./workflows/schema";
import { fromTemplate, runsQuery } from "./workflows/service";

type Method = "get" | "post" | "patch" | "delete";
/** Who may call: a kind of API key, a member session, or anyone. */
type Access = "ingest" | "ingest_or_publishable" | "read" | "admin" | "member" | "public";

export interface RouteDoc {
  method: Method;
  /** Hono-style path (`:param`, `:param?` for an optional last segment). */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status → what the answer holds. */
  responses: Record<number, string>;
  /** Also mounted at /api/v1/chatbots/:chatbotId/… for the dashboard (member session or a key of that chatbot). */
  dashboard?: boolean;
}

/** Bodies the routes validate inline; restated here with the same exported pieces. */
const switchBody = z.object({ organizationId: z.string().min(1) });
const passwordResetBody = z.object({ email });
const endBody = z.object({ conversationId: externalConversationId });
const approveBody = customDefinition.pick({ name: true, description: true });
const workflowBody = z.union([workflowInput, fromTemplate]);

const page = (what: string) => `\`{ data: [${what}], pagination: { page, limit, total, hasMore } }\``;

const CHATBOT_ROUTES: RouteDoc[] = [
  // Conversations
  { method: "get", path: "/api/v1/conversations", tag: "Conversations", access: "read", query: listQuery, summary: "List conversations, most recent activity first", responses: { 200: page("conversation with main `language`, session, client user and organization, aggregates") } },
  { method: "get", path: "/api/v1/conversations/:id", tag: "Conversations", access: "read", query: messagesPage, summary: "One conversation with its messages and their analysis", responses: { 200: "`{ data }`: the conversation (with its main `language`), its client context, messages in order (each with its detected `language` and analysis) and `messagesPage.nextAfter`" } },
  // Search
  {
    method: "get", path: "/api/v1/search", tag: "Search", access: "read", query: searchQuery,
    summary: "Search the chatbot's messages: words (all must occur), `\"a phrase\"`, `prefix*` (3 characters or more before the star); bm25-ranked within windows of the 2,000 newest matches (README \"Search\"), merged with semantic matches (reciprocal-rank fusion) where Workers AI and Vectorize are configured. Rate limited with the other reads",
    responses: { 200: "`{ data: [{ messageId, conversationId, conversationExternalId, seq, role, at, snippet: [{ text, match }], user, sentiment, matchedBy, score }], pagination: { page, limit, hasMore }, semantic: { enabled, used, model? | reason? } }`" },
  },
  // Keys
  { method: "get", path: "/api/v1/keys", tag: "Keys", access: "admin", summary: "List API keys (prefix only, never the secret)", responses: { 200: "`{ data: [key] }`" } },
  { method: "post", path: "/api/v1/keys", tag: "Keys", access: "admin", body: newKeyBody, summary: "Create an API key", responses: { 201: "`{ data }`: the key with its `secret`, shown this once" } },
  { method: "post", path: "/api/v1/keys/:id/rotate", tag: "Keys", access: "admin", summary: "Rotate a key: new secret, the old one revoked at once", responses: { 201: "`{ data }`: the key with its new `secret`" } },
  { method: "delete", path: "/api/v1/keys/:id", tag: "Keys", access: "admin", summary: "Revoke a key", responses: { 200: "`{ data }`: the revoked key" } },
  // Analysis configuration
  { method: "get", path: "/api/v1/analysis/config", tag: "Analysis", access: "read", summary: "The chatbot's analysis configuration", responses: { 200: "`{ data }`: toggles, custom definitions, prompts with `effectivePrompts`, analyzer" } },
  { method: "patch", path: "/api/v1/analysis/config", tag: "Analysis", access: "admin", body: analysisConfigPatch, summary: "Change any subset of the analysis configuration", responses: { 200: "`{ data }`: the whole configuration after the change" } },
  { method: "post", path: "/api/v1/analysis/config/prompts/:name/revert", tag: "Analysis", access: "admin", summary: `Put one prompt (${PROMPT_NAMES.join(", ")}) back to its default`, responses: { 200: "`{ data }`: the configuration" } },
  {
    method: "get", path: "/api/v1/analysis/suggestions", tag: "Analysis", access: "read", query: suggestionsQuery,
    summary: "Suggested intents: phrasing no intent fitted that recurs (≥ 3 messages from ≥ 2 conversations), most messages first",
    responses: { 200: page("{ slug, name, terms, occurrences, conversations, example, exampleConversationId, firstSeenAt, lastSeenAt }") },
  },
  { method: "post", path: "/api/v1/analysis/suggestions/reject", tag: "Analysis", access: "admin", body: bulkRejectBody, summary: "Reject several suggestions (`{ slugs }`) or every pending candidate (`{ all: true }`)", responses: { 200: "`{ data: { rejected, slugs, notFound } }`: messages rejected, suggestions rejected, slugs that are not suggestions" } },
  { method: "post", path: "/api/v1/analysis/suggestions/:slug/approve", tag: "Analysis", access: "admin", body: approveBody, summary: "Add a suggested intent to the chatbot's list; its messages take that intent", responses: { 200: "`{ data: { accepted, config } }`" } },
  { method: "post", path: "/api/v1/analysis/suggestions/:slug/reject", tag: "Analysis", access: "admin", summary: "Dismiss a suggested intent", responses: { 200: "`{ data: { rejected } }`: how many messages were rejected" } },
  // Webhooks
  { method: "get", path: "/api/v1/webhooks", tag: "Webhooks", access: "read", summary: "List webhook destinations", responses: { 200: "`{ data: [destination] }`" } },
  { method: "post", path: "/api/v1/webhooks", tag: "Webhooks", access: "admin", body: destinationInput, summary: "Create a webhook destination", responses: { 201: "`{ data }`: the destination with its `whsec_` signing secret, shown this once" } },
  { method: "get", path: "/api/v1/webhooks/:id", tag: "Webhooks", access: "read", summary: "One webhook destination (never its secret)", responses: { 200: "`{ data }`: the destination" } },
  { method: "patch", path: "/api/v1/webhooks/:id", tag: "Webhooks", access: "admin", body: destinationPatch, summary: "Change a destination's name, kind or URL (a new URL passes the address check again)", responses: { 200: "`{ data }`: the destination" } },
  {
    method: "post", path: "/api/v1/webhooks/:id/rotate", tag: "Webhooks", access: "admin", body: rotateBody,
    summary: "Rotate the signing secret: the new one is shown this once; the old one keeps signing beside it for `overlapSeconds` (default 86400, at most 604800, 0 for none), so `webhook-signature` carries both meanwhile",
    responses: { 200: "`{ data }`: the destination with its new `secret` and `previousSecretExpiresAt`" },
  },
  { method: "delete", path: "/api/v1/webhooks/:id", tag: "Webhooks", access: "admin", summary: "Delete a destination", responses: { 204: "deleted" } },
  { method: "post", path: "/api/v1/webhooks/:id/enable", tag: "Webhooks", access: "admin", summary: "Enable a destination a 410 disabled", responses: { 200: "`{ data }`: the destination" } },
  { method: "post", path: "/api/v1/webhooks/:id/test", tag: "Webhooks", access: "admin", summary: "Send a signed sample now", responses: { 200: "`{ data: { ok, status, durationMs, response } }`" } },
  // Workflows
  { method: "get", path: "/api/v1/workflows", tag: "Workflows", access: "read", summary: "List workflows", responses: { 200: "`{ data: [workflow] }`" } },
  { method: "get", path: "/api/v1/workflows/templates", tag: "Workflows", access: "read", summary: "The six starter templates", responses: { 200: "`{ data: [template] }`" } },
  { method: "post", path: "/api/v1/workflows", tag: "Workflows", access: "admin", body: workflowBody, summary: "Create a workflow, in full or from a template (`{ template, destinationId }`)", responses: { 201: "`{ data }`: the workflow" } },
  { method: "get", path: "/api/v1/workflows/runs/:runId", tag: "Workflows", access: "read", summary: "One run of any of the chatbot's workflows", responses: { 200: "`{ data }`: the run with its deliveries and every attempt" } },
  { method: "post", path: "/api/v1/workflows/runs/:runId/retry", tag: "Workflows", access: "admin", summary: "Retry a failed run's failed deliveries", responses: { 200: "`{ data }`: the run" } },
  { method: "get", path: "/api/v1/workflows/:id", tag: "Workflows", access: "read", summary: "One workflow", responses: { 200: "`{ data }`: the workflow" } },
  { method: "patch", path: "/api/v1/workflows/:id", tag: "Workflows", access: "admin", body: workflowPatch, summary: "Change a workflow (`{ status: \"inactive\" }` disables it)", responses: { 200: "`{ data }`: the workflow" } },
  { method: "delete", path: "/api/v1/workflows/:id", tag: "Workflows", access: "admin", summary: "Delete a workflow", responses: { 204: "deleted" } },
  { method: "get", path: "/api/v1/workflows/:id/runs", tag: "Workflows", access: "read", query: runsQuery, summary: "A workflow's runs with deliveries and every attempt", responses: { 200: page("run with deliveries and attempts") } },
  // Live feed
  { method: "get", path: "/api/v1/live-feed", tag: "Live feed", access: "read", summary: "WebSocket of the chatbot's live events, coalesced into `batch` frames (`Upgrade: websocket`)", responses: { 101: "switching protocols: the live feed", 426: "not a WebSocket upgrade" } },
  // Analytics
  {
    method: "get", path: "/api/v1/analytics/overview", tag: "Analytics", access: "read", query: overviewQuery,
    summary: "KPIs for a date range with the previous period: conversations, messages, average sentiment, analysed today, resolution rate, MRR at risk",
    responses: { 200: "`{ data: { range, today, kpis: { <kpi>: { value, previous, change } } } }`; change is relative for counts and MRR, the difference for sentiment and resolution rate" },
  },
  {
    method: "get", path: "/api/v1/analytics/sentiment", tag: "Analytics", access: "read", query: sentimentQuery,
    summary: "Average user-message sentiment per day, week or month (empty buckets included) and conversation sentiment bands",
    responses: { 200: "`{ data: { range, interval, series: [{ start, end, averageSentiment, messages }], bands: { satisfied, neutral, dissatisfied, unscored, thresholds } } }`" },
  },
  {
    method: "get", path: "/api/v1/analytics/conversations", tag: "Analytics", access: "read", query: conversationsTableQuery,
    summary: "The conversations table: search, filters, sort, pages",
    responses: { 200: page("{ id, externalId, status, user, organization, plan, industry, mrr, device, country, language, messageCount, sentiment: { average, label }, flags, lastMessageAt, createdAt }") },
  },
  {
    method: "get", path: "/api/v1/analytics/users", tag: "Analytics", access: "read", query: usersTableQuery,
    summary: "Client users with plan, industry, MRR, conversations, average sentiment, last activity",
    responses: { 200: page("{ id, externalId, name, email, organization, plan, industry, mrr, conversations, averageSentiment, lastActivityAt }") },
  },
  {
    method: "get", path: "/api/v1/analytics/organizations", tag: "Analytics", access: "read", query: organizationsTableQuery,
    summary: "Client organizations with plan, industry, MRR, users, conversations, average sentiment, last activity",
    responses: { 200: page("{ id, externalId, name, plan, industry, mrr, users, conversations, averageSentiment, lastActivityAt }") },
  },
  {
    method: "get", path: "/api/v1/analytics/insights", tag: "Analytics", access: "read", query: insightsQuery,
    summary: "Most dissatisfied users, top frustrations, revenue signals, top intents, sentiment by segment",
    responses: { 200: "`{ data: { range, mostDissatisfiedUsers, topFrustrations, revenueSignals, topIntents, sentimentBySegment: { plan, industry, device, country } } }`" },
  },
  {
    method: "get", path: "/api/v1/analytics/assistant", tag: "Analytics", access: "read", query: assistantQuery,
    summary: "Assistant behaviours, resolution outcomes and recent hallucinations",
    responses: { 200: "`{ data: { range, behaviours, resolutions: { judged, outcomes }, hallucinations: { total, bySeverity, recent } } }`" },
  },
  // Reports
  { method: "get", path: "/api/v1/reports", tag: "Reports", access: "read", summary: "The chatbot's saved reports, most recently changed first", responses: { 200: "`{ data: [{ id, chatbotId, name, rangeDays, layout: { version, widgets }, createdAt, updatedAt }] }`" } },
  { method: "post", path: "/api/v1/reports", tag: "Reports", access: "admin", body: reportInput, summary: "Save a report: a name, the range it opens with (1–90 days) and its widget layout", responses: { 201: "`{ data }`: the report" } },
  { method: "get", path: "/api/v1/reports/:id", tag: "Reports", access: "read", summary: "One report", responses: { 200: "`{ data }`: the report" } },
  { method: "patch", path: "/api/v1/reports/:id", tag: "Reports", access: "admin", body: reportPatch, summary: "Rename a report, change its range or replace its layout", responses: { 200: "`{ data }`: the report" } },
  { method: "delete", path: "/api/v1/reports/:id", tag: "Reports", access: "admin", summary: "Delete a report", responses: { 204: "deleted" } },
  { method: "post", path: "/api/v1/reports/:id/duplicate", tag: "Reports", access: "admin", body: duplicateBody, summary: "Copy a report (named `<name> (copy)` unless a name is sent)", responses: { 201: "`{ data }`: the new report" } },
  {
    method: "get", path: "/api/v1/reports/:id/data", tag: "Reports", access: "read", query: reportDataQuery,
    summary: "Every widget's figures for a range (default: the report's last `rangeDays` days), each narrowed by its filters. Rate limited with the other reads",
    responses: {
      200: "`{ data: { reportId, range, today, widgets: [{ id, type, filters, data }] } }`; `data` is `{ kind: \"stat\", format, changeMode, trend: { value, previous, change } }`, `{ kind: \"series\", points: [{ start, end, value, messages? }] }`, `{ kind: \"categories\", items: [{ key, value, conversations?, share? }] }`, `{ kind: \"topics\", rows }` or `{ kind: \"conversations\", rows }` (rows as in the conversations table)",
    },
  },
];

const OTHER_ROUTES: RouteDoc[] = [
  { method: "get", path: "/health", tag: "Service", access: "public", summary: "Liveness", responses: { 200: "`{ ok: true }`" } },
  { method: "get", path: "/api/v1/openapi.json", tag: "Service", access: "public", summary: "This document", responses: { 200: "the OpenAPI 3.1 document" } },
  // The Model Context Protocol: its JSON-RPC messages are the MCP specification's, validated by the MCP SDK.
  {
    method: "post", path: "/mcp", tag: "MCP", access: "read",
    summary: "Model Context Protocol (Streamable HTTP, stateless): one JSON-RPC message per request; the tools are listed in the README's MCP section. GET and DELETE answer 405",
    responses: {
      200: "a JSON-RPC response, as `application/json` or a `text/event-stream` of it (the client's `Accept` must allow both)",
      202: "a notification, accepted",
      400: "not a JSON-RPC message the server accepts: a JSON-RPC error",
      413: "a body over 1 MiB",
    },
  },
  // Capture and live sessions
  { method: "post", path: "/api/v1/capture", tag: "Capture", access: "ingest", body: captureBody, summary: "Store 1–100 messages of one conversation (OpenBat `recordMessages` compatible)", responses: { 200: "`{ ok, conversationId, externalId, inserted, duplicates, analysisQueued, warnings, messages }`" } },
  { method: "post", path: "/api/v1/capture/end", tag: "Capture", access: "ingest", body: endBody, summary: "End a conversation", responses: { 200: "`{ data }`: the conversation" } },
  { method: "post", path: "/api/v1/conversation-tokens", tag: "Capture", access: "ingest", body: tokenBody, summary: "Mint a short-lived token a browser opens one conversation with", responses: { 201: "`{ data: { token, conversationId, expiresAt } }`" } },
  {
    method: "get", path: "/api/v1/live/:conversationId?", tag: "Capture", access: "ingest_or_publishable", query: liveQuery,
    summary: "Open the conversation's WebSocket (`Upgrade: websocket`; see the README's Live protocol). Also `?key=ob_pub_…` or `?token=…` for browsers",
    responses: { 101: "switching protocols: the live socket", 426: "not a WebSocket upgrade" },
  },
  // Accounts (member sessions)
  { method: "post", path: "/api/v1/auth/signup", tag: "Accounts", access: "public", body: signupBody, summary: "Ask for an account: a link to create it is emailed (a known address gets a note instead)", responses: { 202: "`{ data: { sent: true } }`, whether or not the address has an account" } },
  { method: "post", path: "/api/v1/auth/signup/confirm", tag: "Accounts", access: "public", body: confirmSignupBody, summary: "Create the account and its organization with the emailed token; starts a session", responses: { 201: "`{ data: { memberId, organizationId, csrfToken } }` and the session cookie" } },
  { method: "post", path: "/api/v1/auth/login", tag: "Accounts", access: "public", body: loginBody, summary: "Log in", responses: { 200: "`{ data: { memberId, csrfToken } }` and the session cookie" } },
  { method: "post", path: "/api/v1/auth/logout", tag: "Accounts", access: "member", summary: "Log out", responses: { 204: "logged out" } },
  { method: "get", path: "/api/v1/auth/session", tag: "Accounts", access: "member", summary: "The current session", responses: { 200: "`{ data: { member, organizations, currentOrganizationId, csrfToken, expiresAt } }`" } },
  { method: "post", path: "/api/v1/auth/switch", tag: "Accounts", access: "member", body: switchBody, summary: "Switch the organization the dashboard looks at", responses: { 200: "`{ data }`: the session" } },
  { method: "post", path: "/api/v1/auth/password-reset", tag: "Accounts", access: "public", body: passwordResetBody, summary: "Ask for a password reset email", responses: { 202: "`{ data: { sent: true } }`, whether or not the address has an account" } },
  { method: "post", path: "/api/v1/auth/password-reset/confirm", tag: "Accounts", access: "public", body: resetBody, summary: "Set a new password with the emailed token", responses: { 200: "`{ data: { reset: true } }`" } },
  { method: "post", path: "/api/v1/auth/invitations/accept", tag: "Accounts", access: "public", body: acceptBody, summary: "Accept an invitation, as the logged-in member or creating the account", responses: { 200: "`{ data: { memberId, organizationId, csrfToken } }`" } },
  { method: "get", path: "/api/v1/organizations", tag: "Organizations", access: "member", summary: "The caller's organizations", responses: { 200: "`{ data: [organization with role] }`" } },
  { method: "post", path: "/api/v1/organizations", tag: "Organizations", access: "member", body: organizationBody, summary: "Create an organization", responses: { 201: "`{ data }`: the organization" } },
  { method: "patch", path: "/api/v1/organizations/:orgId", tag: "Organizations", access: "member", body: organizationPatch, summary: "Rename (admin)", responses: { 200: "`{ data }`: the organization" } },
  { method: "delete", path: "/api/v1/organizations/:orgId", tag: "Organizations", access: "member", summary: "Delete the organization (owner)", responses: { 204: "deleted" } },
  { method: "get", path: "/api/v1/organizations/:orgId/members", tag: "Organizations", access: "member", summary: "Members and their roles", responses: { 200: "`{ data: [member] }`" } },
  { method: "delete", path: "/api/v1/organizations/:orgId/members/:memberId", tag: "Organizations", access: "member", summary: "Remove a member (admin)", responses: { 204: "removed" } },
  { method: "get", path: "/api/v1/organizations/:orgId/invitations", tag: "Organizations", access: "member", summary: "Pending invitations (admin)", responses: { 200: "`{ data: [invitation] }`" } },
  { method: "post", path: "/api/v1/organizations/:orgId/invitations", tag: "Organizations", access: "member", body: invitationBody, summary: "Invite someone by email (admin)", responses: { 201: "`{ data }`: the invitation with its `token` and `link`" } },
  { method: "delete", path: "/api/v1/organizations/:orgId/invitations/:id", tag: "Organizations", access: "member", summary: "Revoke an invitation (admin)", responses: { 204: "revoked" } },
  { method: "get", path: "/api/v1/organizations/:orgId/chatbots", tag: "Organizations", access: "member", summary: "The organization's chatbots", responses: { 200: "`{ data: [chatbot] }`" } },
  { method: "post", path: "/api/v1/organizations/:orgId/chatbots", tag: "Organizations", access: "member", body: chatbotBody, summary: "Create a chatbot (admin)", responses: { 201: "`{ data }`: the chatbot" } },
  { method: "patch", path: "/api/v1/organizations/:orgId/chatbots/:chatbotId", tag: "Organizations", access: "member", body: chatbotPatch, summary: "Rename, set the idle timeout, archive (admin)", responses: { 200: "`{ data }`: the chatbot" } },
  { method: "delete", path: "/api/v1/organizations/:orgId/chatbots/:chatbotId", tag: "Organizations", access: "member", summary: "Delete a chatbot and purge its conversations (admin)", responses: { 204: "deleted" } },
];

/** Every route, the chatbot routes at both of their mounts. */
export function routeDocs(): RouteDoc[] {
  const dashboard = CHATBOT_ROUTES.map((r) => ({ ...r, path: r.path.replace(/^\/api\/v1\//, "/api/v1/chatbots/:chatbotId/"), dashboard: true }));
  return [...OTHER_ROUTES, ...CHATBOT_ROUTES, ...dashboard];
}

const KEY_KINDS: Record<Access, string> = {
  ingest: "an ingest key (`ob_live_`)",
  ingest_or_publishable: "an ingest key, a publishable key or a conversation token",
  read: "a read or admin key",
  admin: "an admin key",
  member: "a member session (cookie `ob_session`; changes also need the `x-csrf-token` header)",
  public: "nothing",
};

type JsonSchema = Record<string, unknown>;

/** Request-side JSON Schema: what a client may send (defaults make fields optional, transforms are ignored). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** `/a/:id/b/:name?` → the OpenAPI paths it answers at (an optional segment gives two) and their parameters. */
export function openApiPaths(path: string): { path: string; params: string[] }[] {
  const optional = path.match(/\/:(\w+)\?$/);
  const variants = optional ? [path.slice(0, -optional[0].length), path.slice(0, -1)] : [path];
  return variants.map((p) => ({ path: p.replace(/:(\w+)/g, "{$1}"), params: [...p.matchAll(/:(\w+)/g)].map((m) => m[1]!) }));
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function security(route: RouteDoc): Record<string, string[]>[] {
  if (route.access === "public") return [];
  if (route.access === "member") return [{ session: [] }];
  return route.dashboard ? [{ bearer: [] }, { session: [] }] : [{ bearer: [] }];
}

function operation(route: RouteDoc, path: string, params: string[]) {
  const errors: Record<string, unknown> = {};
  if (route.query || route.body || params.length) errors["400"] = { $ref: "#/components/responses/Error" };
  if (route.access !== "public") errors["401"] = { $ref: "#/components/responses/Error" };
  if (route.access !== "public") errors["403"] = { $ref: "#/components/responses/Error" };
  if (params.length) errors["404"] = { $ref: "#/components/responses/Error" };
  // Keys are limited per key; credential endpoints per address and email; members' creations per member.
  if (route.tag !== "Service" && (route.access !== "member" || route.method === "post")) errors["429"] = { $ref: "#/components/responses/Error" };
  const access = route.dashboard ? `${KEY_KINDS[route.access]} of this chatbot, or a member session with access to it` : KEY_KINDS[route.access];
  return {
    summary: route.summary,
    description: `Needs ${access}.`,
    tags: [route.tag],
    operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
    security: security(route),
    parameters: [
      ...params.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...(route.query ? queryParameters(route.query) : []),
    ],
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(route.body) } } } } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, description]) => [status, { description }])),
      ...errors,
    },
  };
}

const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  }),
});

let cached: JsonSchema | undefined;

/** Built once per isolate: the routes and their schemas are fixed at deploy time. */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeDocs()) {
    for (const { path, params } of openApiPaths(route.path)) {
      paths[path] ??= {};
      paths[path]![route.method] = operation(route, path, params);
    }
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "OpenBat on the edge",
      version: "1",
      description:
        "Conversation analytics for chatbots. JSON everywhere; every failure answers `{ error: { code, message, details?, requestId } }`. Times are epoch milliseconds; query instants also take ISO-8601.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    tags: [...new Set(routeDocs().map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key: `ob_live_` ingest, `ob_pub_` publishable, `ob_read_` read, `ob_admin_` admin" },
        session: { type: "apiKey", in: "cookie", name: "ob_session", description: "A dashboard member session (log in first)" },
      },
      schemas: { Error: inputSchema(errorEnvelope) },
      responses: { Error: { description: "The error envelope", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    },
  };
  return cached;
}
