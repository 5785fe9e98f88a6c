/**
 * Short names for the API's shapes, every one taken from the types generated from the OpenAPI document
 * (schema.d.ts, `npm run api:types`): nothing here restates a server shape, so a changed route changes
 * these types and `npm run typecheck` shows every page it affects.
 */
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

// ---- requests: what an operation takes, and what it answers with `{ data }` unwrapped ----

type Method = "get" | "post" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The JSON body an operation takes. */
export type Body<P extends keyof paths, M extends Method> = Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
/** The query string an operation takes. */
export type QueryOf<P extends keyof paths, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The one error envelope every failure answers with, and one refused field of an `invalid_request`. */
export type ErrorEnvelope = Schemas["Error"];
export type FieldIssue = Schemas["FieldIssue"];

// ---- accounts ----

export type SessionView = Schemas["MemberSession"];
export type SessionOrganization = Schemas["OrganizationWithRole"];
export type Role = SessionOrganization["role"];
export type Chatbot = Schemas["Chatbot"];
export type ChatbotStatus = Chatbot["status"];
export type OrgMember = Schemas["OrganizationMember"];
export type Invitation = Schemas["Invitation"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type Pagination = Schemas["Pagination"];

// ---- keys ----

export type ApiKey = Schemas["ApiKey"];
export type KeyKind = ApiKey["kind"];

// ---- analytics ----

export type Trend = Schemas["Trend"];
export type Overview = Schemas["Overview"];
export type SentimentOverTime = Schemas["SentimentOverTime"];
export type SentimentLabel = NonNullable<Schemas["ConversationRow"]["sentiment"]>["label"];
export type ConversationRow = Schemas["ConversationRow"];
export type AttentionQueue = Schemas["AttentionQueue"];
export type AttentionRow = Schemas["AttentionRow"];
export type AttentionReason = Schemas["AttentionReason"];
export type Insights = Schemas["Insights"];
export type UserProfile = Schemas["UserProfile"];
export type OrganizationProfile = Schemas["OrganizationProfile"];
export type SearchHit = Schemas["SearchHit"];

// ---- one conversation ----

export type ConversationDetail = Schemas["ConversationDetail"];
export type AnalysedMessage = Schemas["AnalysedMessage"];
export type Detection = Schemas["Detection"];

// ---- acting on conversations, notifications ----

export type ConversationTriage = Schemas["ConversationTriage"];
export type TriageStatus = Schemas["TriageStatus"];
export type Label = Schemas["Label"];
export type LabelColor = Label["color"];
export type ConversationNote = Schemas["ConversationNote"];
export type ConversationActivity = Schemas["ConversationActivity"];
export type AppNotification = Schemas["Notification"];

// ---- analysis configuration ----

export type AnalysisConfigView = Schemas["AnalysisConfig"];
/** What PATCH /analysis/config takes: any of the settings. */
export type AnalysisConfigChange = Body<"/api/v1/chatbots/{chatbotId}/analysis/config", "patch">;
export type CustomDefinition = AnalysisConfigView["customIntents"][number];
export type PromptName = keyof AnalysisConfigView["effectivePrompts"];
export type IntentSuggestion = Schemas["IntentSuggestion"];

// ---- webhooks and workflows ----

export type WebhookDestination = Schemas["WebhookDestination"];
export type DestinationKind = WebhookDestination["kind"];
export type TestSendResult = Schemas["TestSendResult"];
export type Workflow = Schemas["Workflow"];
/** A workflow's settings, all of them, as the editor holds them and POST /workflows takes them. */
export type WorkflowInput = Pick<Workflow, "name" | "trigger" | "match" | "conditions" | "actions" | "cooldown" | "status">;
/** The starter templates' slugs, as POST /workflows takes them (`{ template, destinationId }`). */
export type TemplateSlug = Extract<Body<"/api/v1/chatbots/{chatbotId}/workflows", "post">, { template: string }>["template"];
export type WorkflowTrigger = Workflow["trigger"];
export type Condition = Workflow["conditions"][number];
export type WorkflowAction = Workflow["actions"][number];
export type Cooldown = Workflow["cooldown"];
export type WorkflowRun = Schemas["WorkflowRunWithDeliveries"];
export type RunStatus = WorkflowRun["status"];

// ---- reports ----

export type Report = Schemas["Report"];
export type ReportLayout = Report["layout"];
export type ReportWidget = ReportLayout["widgets"][number];
export type WidgetType = ReportWidget["type"];
export type WidgetSize = ReportWidget["size"];
export type ReportData = Schemas["ReportData"];
export type WidgetFilters = ReportData["widgets"][number]["filters"];
export type WidgetData = ReportData["widgets"][number]["data"];

// ---- live feed (README "Live feed"): the frames GET /live-feed sends ----

export type FeedFrame = Schemas["FeedFrame"];
export type MemberFrame = Schemas["MemberFrame"];
export type LiveCounters = Extract<FeedFrame, { type: "hello" }>["counters"];
export type LiveEvent = Extract<FeedFrame, { type: "batch" }>["events"][number];
