/**
 * The API's response shapes, as the dashboard reads them (README "API", worker/routes, worker/analytics).
 * Every answer wraps its payload in `{ data }`; lists add `pagination`.
 */

export type Role = "owner" | "admin" | "member";

export interface Envelope<T> {
  data: T;
}

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  hasMore: boolean;
}

export interface Paged<T> {
  data: T[];
  pagination: Pagination;
}

// ---- accounts ----

export interface SessionOrganization {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
}

export interface SessionView {
  member: { id: string; email: string; name: string };
  organizations: SessionOrganization[];
  currentOrganizationId: string | null;
  csrfToken: string;
  expiresAt: number;
}

export type ChatbotStatus = "pending" | "active" | "archived";

export interface Chatbot {
  id: string;
  organizationId: string;
  name: string;
  status: ChatbotStatus;
  idleTimeoutMinutes: number;
  createdAt: number;
}

export interface OrgMember {
  id: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
}

export interface CreatedInvitation extends Invitation {
  token: string;
  link: string;
}

// ---- keys ----

export type KeyKind = "ingest" | "publishable" | "read" | "admin";

export interface ApiKey {
  id: string;
  kind: KeyKind;
  name: string;
  prefix: string;
  allowedOrigins: string[] | null;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}

export interface ApiKeyWithSecret extends ApiKey {
  secret: string;
}

// ---- analytics ----

export interface RangeView {
  from: number;
  to: number;
  previousFrom: number;
  previousTo: number;
}

export interface Trend {
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface Overview {
  range: RangeView;
  today: RangeView;
  kpis: {
    conversations: Trend;
    messages: Trend;
    averageSentiment: Trend;
    analysedToday: Trend;
    resolutionRate: Trend;
    mrrAtRisk: Trend;
  };
}

export interface SentimentBucket {
  start: number;
  end: number;
  averageSentiment: number | null;
  messages: number;
}

export interface SentimentOverTime {
  range: RangeView;
  interval: "day" | "week" | "month";
  series: SentimentBucket[];
  bands: {
    satisfied: number;
    neutral: number;
    dissatisfied: number;
    unscored: number;
    thresholds: { satisfiedAbove: number; dissatisfiedBelow: number };
  };
}

export type SentimentLabel = "very_negative" | "negative" | "neutral" | "positive" | "very_positive";

export interface ConversationRow {
  id: string;
  externalId: string;
  status: "open" | "ended";
  user: { externalId: string; name: string | null; email: string | null } | null;
  organization: { externalId: string; name: string | null } | null;
  plan: string | null;
  industry: string | null;
  mrr: number | null;
  device: string | null;
  country: string | null;
  /** Main language of the user messages (ISO 639-1 or "und"); null before any was analysed. */
  language: string | null;
  messageCount: number;
  sentiment: { average: number | null; label: SentimentLabel } | null;
  flags: string[];
  lastMessageAt: number | null;
  createdAt: number;
}

export interface ClientUserRow {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  organization: { externalId: string; name: string | null } | null;
  plan: string | null;
  industry: string | null;
  mrr: number | null;
  signedUpAt: number | null;
  firstSeenAt: number;
  conversations: number;
  averageSentiment: number | null;
  lastActivityAt: number | null;
}

export interface ClientOrganizationRow {
  id: string;
  externalId: string;
  name: string | null;
  plan: string | null;
  industry: string | null;
  mrr: number | null;
  firstSeenAt: number;
  users: number;
  conversations: number;
  averageSentiment: number | null;
  lastActivityAt: number | null;
}

export interface SegmentRow {
  value: string | null;
  averageSentiment: number | null;
  conversations: number;
}

export interface Insights {
  range: RangeView;
  mostDissatisfiedUsers: {
    externalId: string;
    name: string | null;
    email: string | null;
    plan: string | null;
    mrr: number | null;
    organization: { externalId: string; name: string | null } | null;
    averageSentiment: number | null;
    scoredConversations: number;
  }[];
  topFrustrations: {
    flag: string;
    signals: number;
    conversations: number;
    topChunks: { text: string; count: number }[];
    topReasons: { text: string; count: number }[];
  }[];
  revenueSignals: { flag: string; signals: number; conversations: number; organizations: number; mrr: number }[];
  topIntents: { intent: string; count: number; conversations: number }[];
  sentimentBySegment: Record<"plan" | "industry" | "device" | "country", SegmentRow[]>;
}

export interface AssistantPerformance {
  range: RangeView;
  behaviours: { behaviour: string; count: number; conversations: number }[];
  resolutions: { judged: number; outcomes: { resolution: string; count: number; share: number | null }[] };
  hallucinations: {
    total: number;
    bySeverity: { low: number; medium: number; high: number; unspecified: number };
    recent: {
      conversationId: string;
      externalId: string | null;
      messageSeq: number | null;
      messageId: string | null;
      severity: string | null;
      reason: string | null;
      chunk: string | null;
      analyzedAt: number;
    }[];
  };
}

// ---- one conversation ----

export interface Detection {
  slug: string;
  confidence: number;
  reason: string;
  chunk?: string;
  severity?: "low" | "medium" | "high";
  pending?: boolean;
  autoDiscovered?: boolean;
  custom?: boolean;
}

export interface SentimentResult {
  score: number;
  label: SentimentLabel;
  chunk: string;
  reason: string;
}

export interface MessageAnalysis {
  sentiment?: SentimentResult;
  flags: Detection[];
  behaviours: Detection[];
  intent?: Detection;
  topics: Detection[];
  language?: string;
}

export interface AnalysedMessage {
  id: string;
  seq: number;
  role: "user" | "assistant" | "system";
  content: string;
  sentAt: number | null;
  receivedAt: number;
  /** User messages: the detected language once analysed; null otherwise. */
  language: string | null;
  analysis: {
    analysis: MessageAnalysis;
    analyzer: string;
    analyzerVersion: string;
    fallback?: boolean;
    translation?: string;
    language?: string;
  } | null;
}

export interface ConversationDetail {
  id: string;
  externalId: string;
  status: "open" | "ended";
  createdAt: number;
  firstMessageAt: number | null;
  lastMessageAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  messageCount: number;
  userMessageCount: number;
  lastSeq: number;
  language: string | null;
  session: {
    id?: string | null;
    pageUrl?: string | null;
    referrer?: string | null;
    device?: string | null;
    country?: string | null;
    city?: string | null;
    continent?: string | null;
    timezone?: string | null;
  };
  custom: Record<string, string | number | boolean | null>;
  aggregates: {
    sentimentAvg: number | null;
    resolution: string | null;
    resolutionReason: string | null;
    flags: string[];
    behaviours: string[];
  };
  user: {
    id: string | null;
    externalId: string;
    name?: string | null;
    email?: string | null;
    plan?: string | null;
    industry?: string | null;
    mrr?: number | null;
  } | null;
  organization: {
    id: string | null;
    externalId: string;
    name?: string | null;
    plan?: string | null;
    industry?: string | null;
    mrr?: number | null;
  } | null;
  messages: AnalysedMessage[];
  messagesPage: { limit: number; nextAfter: number | null };
}

// ---- analysis configuration ----

export interface CustomDefinition {
  slug: string;
  name: string;
  description: string;
}

export type PromptName = "sentiment" | "intent" | "topics" | "flags";

export interface AnalysisConfig {
  sentiment: boolean;
  intent: boolean;
  topics: boolean;
  flags: Partial<Record<string, boolean>>;
  behaviours: Partial<Record<string, boolean>>;
  customIntents: CustomDefinition[];
  customTopics: CustomDefinition[];
  customFlags: CustomDefinition[];
  customBehaviours: CustomDefinition[];
  competitors: string[];
  prompts: Partial<Record<PromptName, string | null>>;
  companyDescription: string;
  primaryLanguage: string | null;
  autoTranslate: boolean;
}

export interface AnalysisConfigView extends AnalysisConfig {
  effectivePrompts: Record<PromptName, { text: string; isDefault: boolean }>;
  defaultIntents: CustomDefinition[];
  analyzer: "workers-ai" | "embedded";
  warnings: string[];
}

/** A suggested intent: recurring phrasing no intent fitted (README "Suggested intents"). */
export interface IntentSuggestion {
  slug: string;
  name: string;
  /** The words its messages share. */
  terms: string[];
  /** Messages it covers. */
  occurrences: number;
  conversations: number;
  /** A real message of the suggestion. */
  example: string | null;
  exampleConversationId: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface BulkRejectResult {
  rejected: number;
  slugs: string[];
  notFound: string[];
}

// ---- webhooks and workflows ----

export type DestinationKind = "custom" | "slack" | "discord";

export interface WebhookDestination {
  id: string;
  name: string;
  kind: DestinationKind;
  url: string;
  secretPrefix: string;
  status: "active" | "disabled";
  disabledReason: string | null;
  createdAt: number;
}

export interface WebhookDestinationWithSecret extends WebhookDestination {
  secret: string;
}

export interface TestSendResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  response: string | null;
}

export type WorkflowTrigger = "user_message" | "assistant_message" | "any_message" | "conversation_ended";

export interface Condition {
  field: string;
  op: string;
  value: string | number;
}

/** A webhook (`type` left out or "webhook"), or an email to every member ("members") or to chosen member ids. */
export type WorkflowAction =
  | { type?: "webhook"; destinationId: string; template?: string }
  | { type: "email"; to: "members" | string[]; subject?: string; template?: string };

export type Cooldown = { type: "once_per_conversation" } | { type: "minutes"; minutes: number } | { type: "none" };

export interface WorkflowInput {
  name: string;
  trigger: WorkflowTrigger;
  match: "all" | "any";
  conditions: Condition[];
  actions: WorkflowAction[];
  cooldown: Cooldown;
  status: "active" | "inactive";
}

export interface Workflow extends WorkflowInput {
  id: string;
  template: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowTemplate {
  slug: string;
  name: string;
  description: string;
  trigger: WorkflowTrigger;
  match: "all" | "any";
  conditions: Condition[];
  messageTemplate: string;
}

export type RunStatus = "pending" | "triggered" | "success" | "failed" | "skipped";

export interface DeliveryAttempt {
  id: string;
  deliveryId: string;
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  createdAt: number;
}

export interface Delivery {
  id: string;
  runId: string;
  destinationId: string;
  status: "pending" | "success" | "failed";
  createdAt: number;
  updatedAt: number;
  attempts: DeliveryAttempt[];
}

export interface WorkflowRun {
  id: string;
  workflowId: string;
  conversationId: string;
  messageSeq: number | null;
  messageId: string | null;
  status: RunStatus;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  deliveries: Delivery[];
}

// ---- live feed (README "Live feed") ----

export interface LiveCounters {
  day: string;
  messagesToday: number;
  analysedToday: number;
}

export type LiveEvent =
  | {
      type: "message";
      conversationId: string;
      externalId: string;
      message: { id: string; seq: number; role: string; content: string; receivedAt: number };
      user: { id: string; email?: string; name?: string } | null;
    }
  | {
      type: "annotation";
      conversationId: string;
      externalId: string;
      seq: number;
      messageId: string;
      sentiment: { score: number; label: string } | null;
      flags: string[];
      behaviours: string[];
    }
  | { type: "conversation"; conversationId: string; externalId: string; status: "started" | "ended" | "reopened" };

export type FeedFrame =
  | { type: "hello"; counters: LiveCounters }
  | { type: "batch"; events: LiveEvent[]; dropped: number; counters: LiveCounters }
  | { type: "pong" };

// ---- search (worker/search/service.ts) ----

export interface SearchSnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  messageId: string;
  conversationId: string;
  conversationExternalId: string;
  seq: number;
  role: "user" | "assistant";
  at: number;
  snippet: SearchSnippetPart[];
  user: { externalId: string; name: string | null; email: string | null } | null;
  sentiment: { label: string; score: number | null } | null;
  matchedBy: ("fulltext" | "semantic")[];
  score: number;
}

export interface SearchResult {
  data: SearchHit[];
  pagination: { page: number; limit: number; hasMore: boolean };
  semantic: { enabled: boolean; used: boolean; model?: string; reason?: string };
}
