/**
 * D1 schema: tenancy (SPEC §1–2), the conversation index and annotations (SPEC §3, §5).
 * Messages themselves live in each conversation's Durable Object; D1 holds what the
 * dashboard queries across conversations. Migrations are generated from this file by
 * `npm run db:generate` (drizzle-kit) — never edit a generated migration.
 */
import { sql } from "drizzle-orm";
import type { Action, Condition, Cooldown } from "../workflows/schema";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** A person with a login; roles are per organization (memberships). */
export const members = sqliteTable("members", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.memberId] }), index("memberships_member").on(t.memberId)],
);

export const chatbots = sqliteTable(
  "chatbots",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: ["pending", "active", "archived"] })
      .notNull()
      .default("pending"),
    idleTimeoutMinutes: integer("idle_timeout_minutes").notNull().default(30),
    createdAt: createdAt(),
    /**
     * When its first capture made it active: what unarchiving goes back to (archiving overwrites `status`, and
     * the index that would show its conversations lags capture by a second or two).
     */
    activatedAt: integer("activated_at"),
  },
  (t) => [index("chatbots_org").on(t.organizationId)],
);

export const API_KEY_KINDS = ["ingest", "publishable", "read", "admin"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** Only the SHA-256 of a key is stored, plus a short prefix to recognise it in lists. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: API_KEY_KINDS }).notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull().unique(),
    /** JSON array of origins a publishable key may be used from; null = any. */
    allowedOrigins: text("allowed_origins", { mode: "json" }).$type<string[] | null>(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_chatbot").on(t.chatbotId)],
);

export const clientOrganizations = sqliteTable(
  "client_organizations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text("name"),
    plan: text("plan"),
    industry: text("industry"),
    mrr: real("mrr"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("client_organizations_external").on(t.chatbotId, t.externalId)],
);

export const clientUsers = sqliteTable(
  "client_users",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    clientOrganizationId: text("client_organization_id").references(() => clientOrganizations.id, {
      onDelete: "set null",
    }),
    name: text("name"),
    email: text("email"),
    plan: text("plan"),
    industry: text("industry"),
    mrr: real("mrr"),
    /** When the integrator says the user signed up with them (SDK `user.createdAt`). */
    signedUpAt: integer("signed_up_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("client_users_external").on(t.chatbotId, t.externalId),
    index("client_users_org").on(t.clientOrganizationId),
  ],
);

export const CONVERSATION_STATUSES = ["open", "ended"] as const;
export const DEVICES = ["desktop", "mobile", "tablet"] as const;

/**
 * The conversation index: one row per conversation, written by its Durable Object in
 * batches (never one D1 round-trip per message). The `id` is the Durable Object's id.
 */
/**
 * A conversation the attention queue may rank: negative now, getting worse, flagged as churn risk, frustrated
 * or urgent, or waiting for a reply. Raw column names: a partial index's condition cannot name a table.
 */
export const ATTENTION_CANDIDATE = sql`(sentiment_current < 0 OR sentiment_trend < 0 OR awaiting_reply_since IS NOT NULL
  OR instr(flags, '"churn_risk"') > 0 OR instr(flags, '"frustrated_user"') > 0 OR instr(flags, '"urgent_request"') > 0)`;

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    clientUserId: text("client_user_id").references(() => clientUsers.id, { onDelete: "set null" }),
    clientOrganizationId: text("client_organization_id").references(() => clientOrganizations.id, {
      onDelete: "set null",
    }),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("open"),
    sessionId: text("session_id"),
    pageUrl: text("page_url"),
    referrer: text("referrer"),
    device: text("device", { enum: DEVICES }),
    country: text("country"),
    city: text("city"),
    continent: text("continent"),
    timezone: text("timezone"),
    custom: text("custom", { mode: "json" }).$type<Record<string, string | number | boolean | null>>(),
    createdAt: integer("created_at").notNull(),
    firstMessageAt: integer("first_message_at"),
    lastMessageAt: integer("last_message_at"),
    endedAt: integer("ended_at"),
    messageCount: integer("message_count").notNull().default(0),
    userMessageCount: integer("user_message_count").notNull().default(0),
    /** Aggregates filled by the analysis pipeline. */
    sentimentAvg: real("sentiment_avg"),
    resolution: text("resolution", { enum: ["fully_resolved", "partially_resolved", "unresolved"] }),
    flags: text("flags", { mode: "json" }).$type<string[]>(),
    behaviours: text("behaviours", { mode: "json" }).$type<string[]>(),
    /** Main language of the user messages (ISO 639-1, or "und" when none could be told); null before any was analysed. */
    language: text("language"),
    /** Bumped by every index flush; a flush never overwrites a newer one. */
    indexVersion: integer("index_version").notNull().default(0),
    // What the attention queue ranks and shows (worker/analytics/attention.ts), from the conversation's snapshot:
    /** The last user message, cut to 300 characters, and when it arrived. */
    lastUserMessage: text("last_user_message"),
    lastUserMessageAt: integer("last_user_message_at"),
    /** The first user message after the last assistant reply; null when the assistant spoke last. */
    awaitingReplySince: integer("awaiting_reply_since"),
    /** The latest analysed user message's sentiment, and its difference from the mean of up to 3 before it. */
    sentimentCurrent: real("sentiment_current"),
    sentimentTrend: real("sentiment_trend"),
  },
  (t) => [
    uniqueIndex("conversations_external").on(t.chatbotId, t.externalId),
    index("conversations_chatbot_recent").on(t.chatbotId, t.lastMessageAt),
    index("conversations_user").on(t.clientUserId),
    // Analytics (worker/analytics/; figures in bench/README.md, "Analytics benchmark"):
    // KPIs, bands and resolutions of conversations created in a range, and insights' segments and most
    // dissatisfied users (grouped by owner, device, country), answered from the index alone;
    index("conversations_chatbot_created_figures").on(
      t.chatbotId,
      t.createdAt,
      t.messageCount,
      t.resolution,
      t.sentimentAvg,
      t.clientUserId,
      t.clientOrganizationId,
      t.device,
      t.country,
      t.language,
    ),
    // the conversations table's country and language filters, with the owners the plan, industry and MRR
    // filters test, so a country's rows are counted and tested from the index alone. Not the sentiment: it
    // changes with most messages, and in these two indexes it cost every conversation update ~1.6× its SQL time
    // (bench/README.md, "The conversations table's country filter from an index").
    index("conversations_chatbot_country_owners").on(t.chatbotId, t.country, t.clientOrganizationId, t.clientUserId),
    index("conversations_chatbot_language_owners").on(t.chatbotId, t.language, t.clientOrganizationId, t.clientUserId),
    // per-user and per-organization figures (users and organizations tables, plan/MRR filters) in one index pass.
    index("conversations_chatbot_user_activity").on(t.chatbotId, t.clientUserId, t.sentimentAvg, t.lastMessageAt, t.createdAt),
    index("conversations_chatbot_org_activity").on(t.chatbotId, t.clientOrganizationId, t.sentimentAvg, t.lastMessageAt, t.createdAt),
    // The attention queue's candidates: only conversations with something to rank (worker/analytics/attention.ts
    // repeats this condition word for word, so SQLite can use the partial index).
    index("conversations_attention").on(t.chatbotId, t.lastMessageAt).where(ATTENTION_CANDIDATE),
  ],
);

export const FLAG_TEXTS_INDEX = "annotations_flag_texts";

export const ANNOTATION_KINDS = ["sentiment", "flag", "intent", "topic", "behaviour", "resolution"] as const;

/** One analysis finding about a message (or, for resolution, the whole conversation). */
export const annotations = sqliteTable(
  "annotations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Null for conversation-level annotations (resolution). */
    messageSeq: integer("message_seq"),
    messageId: text("message_id"),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    label: text("label").notNull(),
    score: real("score"),
    confidence: real("confidence"),
    severity: text("severity", { enum: ["low", "medium", "high"] }),
    reason: text("reason"),
    chunk: text("chunk"),
    status: text("status", { enum: ["accepted", "pending", "rejected"] })
      .notNull()
      .default("accepted"),
    analyzer: text("analyzer").notNull(),
    analyzerVersion: text("analyzer_version").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("annotations_conversation").on(t.conversationId, t.messageSeq),
    // Analytics over a date range: one kind (sentiment scores read from the index alone) …
    index("annotations_chatbot_kind_time").on(t.chatbotId, t.kind, t.createdAt, t.score),
    // … or some labels of a kind (flags, hallucinations), with the conversation so flagged conversations
    // are found from the index alone.
    index("annotations_chatbot_kind_label_time").on(t.chatbotId, t.kind, t.label, t.createdAt, t.conversationId),
    // Insights' most common chunks and reasons of a flag, read from the index alone (worker/analytics/insights.ts
    // names it: the planner, without statistics, prefers the one above and reads every flag's row).
    index(FLAG_TEXTS_INDEX).on(t.chatbotId, t.label, t.createdAt, t.chunk, t.reason).where(sql`kind = 'flag'`),
  ],
);

/**
 * Per-chatbot analysis configuration (SPEC §5) as one validated JSON document
 * (worker/analysis/config.ts holds its schema and defaults); absent row = defaults.
 */
export const analysisConfigs = sqliteTable("analysis_configs", {
  chatbotId: text("chatbot_id")
    .primaryKey()
    .references(() => chatbots.id, { onDelete: "cascade" }),
  organizationId: text("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  config: text("config", { mode: "json" }).notNull().$type<unknown>(),
  updatedAt: integer("updated_at").notNull(),
});

export const DESTINATION_KINDS = ["custom", "slack", "discord"] as const;

/** Where workflows deliver. The signing secret is kept encrypted (worker/webhooks/secrets.ts), shown once. */
export const webhookDestinations = sqliteTable(
  "webhook_destinations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: DESTINATION_KINDS }).notNull(),
    url: text("url").notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    secretPrefix: text("secret_prefix").notNull(),
    /** After a rotation, the secret it replaced (encrypted likewise): it signs too until previousSecretExpiresAt. */
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_destinations_chatbot").on(t.chatbotId)],
);

export const WORKFLOW_TRIGGERS = ["user_message", "assistant_message", "any_message", "conversation_ended"] as const;

/** Conditions, actions and cooldown are validated JSON documents (worker/workflows/schema.ts). */
export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    trigger: text("trigger", { enum: WORKFLOW_TRIGGERS }).notNull(),
    match: text("match", { enum: ["all", "any"] })
      .notNull()
      .default("all"),
    conditions: text("conditions", { mode: "json" }).notNull().$type<Condition[]>(),
    actions: text("actions", { mode: "json" }).notNull().$type<Action[]>(),
    cooldown: text("cooldown", { mode: "json" }).notNull().$type<Cooldown>(),
    status: text("status", { enum: ["active", "inactive"] })
      .notNull()
      .default("active"),
    template: text("template"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("workflows_chatbot").on(t.chatbotId, t.status)],
);

export const RUN_STATUSES = ["pending", "triggered", "success", "failed", "skipped"] as const;

export const workflowRuns = sqliteTable(
  "workflow_runs",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    workflowId: text("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    messageSeq: integer("message_seq"),
    messageId: text("message_id"),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    /** Why a run was skipped or failed, in words. */
    reason: text("reason"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("workflow_runs_workflow").on(t.workflowId, t.createdAt),
    index("workflow_runs_conversation").on(t.workflowId, t.conversationId, t.status),
  ],
);

/** One webhook to send for one action of a run; its id is the stable `webhook-id` across retries. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    destinationId: text("destination_id")
      .notNull()
      .references(() => webhookDestinations.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "success", "failed"] }).notNull(),
    payload: text("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("deliveries_run").on(t.runId)],
);

export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    /** The first KB of the answer, or the network error. */
    response: text("response"),
    createdAt: createdAt(),
  },
  (t) => [index("delivery_attempts_delivery").on(t.deliveryId)],
);

/** Dashboard sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The organization the dashboard is looking at; switchable. */
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    /** Sent back in `x-csrf-token` on every cookie-authenticated change. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_member").on(t.memberId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    /** The link answered to whoever invited: it lets an existing account accept, logged in as the invited address. */
    tokenHash: text("token_hash").notNull().unique(),
    /**
     * The link emailed to the invited address, the only one that may also create an account (whoever opens it has
     * that inbox). Null on invitations made before the two links, whose one link does both.
     */
    emailTokenHash: text("email_token_hash").unique(),
    invitedBy: text("invited_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
  },
  (t) => [index("invitations_org").on(t.organizationId)],
);

export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  memberId: text("member_id")
    .notNull()
    .references(() => members.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
  createdAt: createdAt(),
});

/**
 * Sign-ups waiting for their email to be confirmed. The account is only made from the emailed link, so
 * the sign-up answer is the same for a new and a known address. The password is stored hashed, as it
 * would be on the member.
 */
export const signupRequests = sqliteTable(
  "signup_requests",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organizationName: text("organization_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("signup_requests_expires").on(t.expiresAt)],
);

/**
 * Counters of the abuse limits that must hold across isolates and locations (log-in failures per
 * account, reset and sign-up requests per address, organizations and invitations per member). D1 is one
 * consistent database, so a burst spread over many isolates still meets one counter; each check is one
 * atomic upsert. `key` is `<what>:<subject>`, the subject hashed where it is an email.
 */
export const throttles = sqliteTable(
  "throttles",
  {
    key: text("key").primaryKey(),
    /** Events in the current window (log-in: failed attempts since the last success). */
    count: integer("count").notNull(),
    /** When the window began (log-in: the last attempt), epoch ms. */
    windowStart: integer("window_start").notNull(),
    /** Log-in only: no attempt is checked before this instant (epoch ms; 0 = not locked). */
    lockedUntil: integer("locked_until").notNull().default(0),
  },
  // Idle rows are swept by age as new ones are written.
  (t) => [index("throttles_window_start").on(t.windowStart)],
);

/**
 * Saved reports (README "Reports"): a named widget layout per chatbot, shared with the organization's
 * members. The layout is one versioned JSON document validated by worker/reports/layout.ts.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The range the report opens with: the last N days (1–90). */
    rangeDays: integer("range_days").notNull().default(7),
    layout: text("layout", { mode: "json" }).notNull().$type<unknown>(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  // The navigation lists a chatbot's reports most recently changed first.
  (t) => [index("reports_chatbot_recent").on(t.chatbotId, t.updatedAt)],
);

/**
 * Rollups (README "Analytics", worker/analytics/rollups.ts): what the analytics endpoints read instead of
 * scanning every conversation and annotation of a range. Hourly UTC buckets (`hour` = epoch ms / 3,600,000),
 * so any whole-hour time zone and an hourly view can be served later. Kept exact by SQLite triggers
 * (migrations/0012_rollups.sql) on the rows they summarize, so every writer — the index flush, a queue
 * consumer, intent approvals — updates them in its own transaction; `rebuildRollups` recomputes them.
 *
 * Conversations created in an hour, by one dimension: `all` (value ""), `resolution` (its value), `band`
 * (satisfied / neutral / dissatisfied / unscored, from the conversation's average sentiment), `language`
 * (its main language, "" when none yet).
 */
export const rollupConversationHours = sqliteTable(
  "rollup_conversation_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    dimension: text("dimension", { enum: ["all", "resolution", "band", "language"] }).notNull(),
    hour: integer("hour").notNull(),
    value: text("value").notNull(),
    conversations: integer("conversations").notNull().default(0),
    messages: integer("messages").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.dimension, t.hour, t.value] })],
);

/**
 * Annotations analysed in an hour, by kind, label and severity ("" when none): counted ones only (resolution
 * annotations and intents not accepted are left out, as every endpoint leaves them out). `scored` and
 * `scoreSum` sum the scores that are present (sentiment).
 */
export const rollupAnnotationHours = sqliteTable(
  "rollup_annotation_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    hour: integer("hour").notNull(),
    label: text("label").notNull(),
    severity: text("severity").notNull(),
    annotations: integer("annotations").notNull().default(0),
    scored: integer("scored").notNull().default(0),
    scoreSum: real("score_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.kind, t.hour, t.label, t.severity] })],
);

/**
 * Flags raised in an hour per client organization (of the flagged conversation): MRR at risk and revenue
 * signals count each organization once per period, which sums of counts cannot answer.
 */
export const rollupOrganizationFlagHours = sqliteTable(
  "rollup_organization_flag_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    clientOrganizationId: text("client_organization_id")
      .notNull()
      .references(() => clientOrganizations.id, { onDelete: "cascade" }),
    hour: integer("hour").notNull(),
    annotations: integer("annotations").notNull().default(0),
  },
  // Probed per organization ("did it raise one of these flags in the period?").
  (t) => [primaryKey({ columns: [t.chatbotId, t.clientOrganizationId, t.label, t.hour] })],
);

/**
 * Flags raised in an hour per client user, for conversations with a user and no organization: with the
 * organizations' rollup above, every owner MRR at risk counts (mrr-at-risk.ts), read by label and hour.
 */
export const rollupUserFlagHours = sqliteTable(
  "rollup_user_flag_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    hour: integer("hour").notNull(),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => clientUsers.id, { onDelete: "cascade" }),
    annotations: integer("annotations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.label, t.hour, t.clientUserId] })],
);

/**
 * One row per conversation and counted label — flags, topics, assistant behaviours and accepted intents:
 * when the label was first analysed in the conversation and how many of its annotations carry it. "How many
 * conversations raised this flag in the period" is a count of distinct conversations, which sums of hours
 * cannot give; counted here by the hour the label first appeared (`rollup_label_first_hours`), a conversation
 * counts once, in the period where it first raised the label.
 */
export const rollupConversationLabels = sqliteTable(
  "rollup_conversation_labels",
  {
    conversationId: text("conversation_id").notNull(),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    label: text("label").notNull(),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    firstAt: integer("first_at").notNull(),
    annotations: integer("annotations").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.kind, t.label] }),
    // The partial hours at a period's edges, and widgets with filters (conversation ids from the index alone).
    index("rollup_conversation_labels_first").on(t.chatbotId, t.kind, t.firstAt, t.label, t.conversationId),
  ],
);

/** `rollup_conversation_labels` counted by the hour each label first appeared in its conversation. */
export const rollupLabelFirstHours = sqliteTable(
  "rollup_label_first_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    hour: integer("hour").notNull(),
    label: text("label").notNull(),
    conversations: integer("conversations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.kind, t.hour, t.label] })],
);

/**
 * The same hours per segment — one value of a report widget's filter: `plan:<plan, lower case>` (the
 * organization's plan, else the user's), `country:<code>`, `language:<code>` or `label:<the conversation's
 * sentiment label>` — so a widget filtered on one of them reads hours, not the subset's raw rows. A
 * conversation belongs to at most one segment per filter (the view `conversation_segments`, migration 0020);
 * when it moves (its label, language or owner changes, or its owner's plan), its figures move with it.
 * Conversations by creation hour (the dimensions of `rollup_conversation_hours`), annotations by analysis hour
 * (sentiments, flags, topics, accepted intents; no severity), and per label the conversations that first raised it.
 */
export const rollupSegmentConversationHours = sqliteTable(
  "rollup_segment_conversation_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    segment: text("segment").notNull(),
    dimension: text("dimension", { enum: ["all", "resolution", "band", "language"] }).notNull(),
    hour: integer("hour").notNull(),
    value: text("value").notNull(),
    conversations: integer("conversations").notNull().default(0),
    messages: integer("messages").notNull().default(0),
  },
  // A segment's hours together, each hour's dimensions side by side: the rows one conversation update moves
  // (every dimension of each of its segments, in one hour) share pages.
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.hour, t.dimension, t.value] })],
);

export const rollupSegmentAnnotationHours = sqliteTable(
  "rollup_segment_annotation_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    segment: text("segment").notNull(),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    hour: integer("hour").notNull(),
    label: text("label").notNull(),
    annotations: integer("annotations").notNull().default(0),
    scored: integer("scored").notNull().default(0),
    scoreSum: real("score_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.kind, t.hour, t.label] })],
);

/**
 * Flags raised in an hour per segment and owner — the conversation's organization, else its user — so MRR at
 * risk narrowed to one segment counts each owner once per period from hours, as the unfiltered figure does
 * from `rollup_organization_flag_hours` and `rollup_user_flag_hours` (migration 0021).
 */
export const rollupSegmentOwnerFlagHours = sqliteTable(
  "rollup_segment_owner_flag_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    segment: text("segment").notNull(),
    label: text("label").notNull(),
    hour: integer("hour").notNull(),
    ownerKind: text("owner_kind", { enum: ["organization", "user"] }).notNull(),
    ownerId: text("owner_id").notNull(),
    annotations: integer("annotations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.label, t.hour, t.ownerKind, t.ownerId] })],
);

export const rollupSegmentLabelFirstHours = sqliteTable(
  "rollup_segment_label_first_hours",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    segment: text("segment").notNull(),
    kind: text("kind", { enum: ANNOTATION_KINDS }).notNull(),
    hour: integer("hour").notNull(),
    label: text("label").notNull(),
    conversations: integer("conversations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.kind, t.hour, t.label] })],
);

/**
 * Filter combinations a chatbot's reports use (a widget filtered on two or more of plan, country, language and
 * label), kept as segments of their own: the segment rollups above count a conversation in every registered
 * combination it matches, so such a widget reads hours too. `segment` names it as the rollups key it
 * (`plan:<plan>&country:<code>&language:<code>&label:<label>`, the filters present, in that order); the
 * columns hold its values, null where it does not filter (the plan in lower case). Registered, and back-filled
 * in the same transaction, when a report using it is saved (worker/analytics/segment-combinations.ts).
 */
export const segmentCombinations = sqliteTable(
  "segment_combinations",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    segment: text("segment").notNull(),
    plan: text("plan"),
    country: text("country"),
    language: text("language"),
    label: text("label"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment] })],
);

/**
 * The conversations of a filter combination being registered, listed once for the four back-fill statements
 * that read them (segment-combinations.ts): written and emptied inside the one batch that registers it, so
 * always empty between transactions.
 */
export const segmentBackfill = sqliteTable("segment_backfill", {
  conversationId: text("conversation_id").primaryKey(),
});

/**
 * Daily copies of six hourly rollups (the conversation, annotation and first-label hours, overall and per
 * segment): the same key with `day` (epoch ms / 86,400,000, a UTC day) for `hour`, each row the sum of its
 * day's 24 hour rows, kept so by triggers on the hourly table (migration 0022). A range over weeks reads its
 * whole UTC days here — 24 times fewer rows — and only the hours around them hourly (rollup-reads.ts).
 */
const conversationFigures = {
  conversations: integer("conversations").notNull().default(0),
  messages: integer("messages").notNull().default(0),
};
const annotationFigures = {
  annotations: integer("annotations").notNull().default(0),
  scored: integer("scored").notNull().default(0),
  scoreSum: real("score_sum").notNull().default(0),
};
const rollupChatbot = () =>
  text("chatbot_id")
    .notNull()
    .references(() => chatbots.id, { onDelete: "cascade" });
const dimension = () => text("dimension", { enum: ["all", "resolution", "band", "language"] }).notNull();
const annotationKind = () => text("kind", { enum: ANNOTATION_KINDS }).notNull();

export const rollupConversationDays = sqliteTable(
  "rollup_conversation_days",
  { chatbotId: rollupChatbot(), dimension: dimension(), day: integer("day").notNull(), value: text("value").notNull(), ...conversationFigures },
  (t) => [primaryKey({ columns: [t.chatbotId, t.dimension, t.day, t.value] })],
);

export const rollupAnnotationDays = sqliteTable(
  "rollup_annotation_days",
  { chatbotId: rollupChatbot(), kind: annotationKind(), day: integer("day").notNull(), label: text("label").notNull(), severity: text("severity").notNull(), ...annotationFigures },
  (t) => [primaryKey({ columns: [t.chatbotId, t.kind, t.day, t.label, t.severity] })],
);

export const rollupLabelFirstDays = sqliteTable(
  "rollup_label_first_days",
  { chatbotId: rollupChatbot(), kind: annotationKind(), day: integer("day").notNull(), label: text("label").notNull(), conversations: integer("conversations").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.chatbotId, t.kind, t.day, t.label] })],
);

export const rollupSegmentConversationDays = sqliteTable(
  "rollup_segment_conversation_days",
  { chatbotId: rollupChatbot(), segment: text("segment").notNull(), dimension: dimension(), day: integer("day").notNull(), value: text("value").notNull(), ...conversationFigures },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.day, t.dimension, t.value] })],
);

export const rollupSegmentAnnotationDays = sqliteTable(
  "rollup_segment_annotation_days",
  { chatbotId: rollupChatbot(), segment: text("segment").notNull(), kind: annotationKind(), day: integer("day").notNull(), label: text("label").notNull(), ...annotationFigures },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.kind, t.day, t.label] })],
);

export const rollupSegmentLabelFirstDays = sqliteTable(
  "rollup_segment_label_first_days",
  { chatbotId: rollupChatbot(), segment: text("segment").notNull(), kind: annotationKind(), day: integer("day").notNull(), label: text("label").notNull(), conversations: integer("conversations").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.chatbotId, t.segment, t.kind, t.day, t.label] })],
);

/** All-time figures per client user or organization (the people tables). */
const ownerActivity = {
  chatbotId: text("chatbot_id")
    .notNull()
    .references(() => chatbots.id, { onDelete: "cascade" }),
  conversations: integer("conversations").notNull(),
  /** Conversations with an average sentiment, and the sum of those averages. */
  scored: integer("scored").notNull(),
  sentimentSum: real("sentiment_sum").notNull(),
  /** max(last message, else creation) over the owner's conversations. */
  lastActivity: integer("last_activity"),
};

export const rollupClientUsers = sqliteTable("rollup_client_users", {
  clientUserId: text("client_user_id")
    .primaryKey()
    .references(() => clientUsers.id, { onDelete: "cascade" }),
  ...ownerActivity,
});

export const rollupClientOrganizations = sqliteTable("rollup_client_organizations", {
  clientOrganizationId: text("client_organization_id")
    .primaryKey()
    .references(() => clientOrganizations.id, { onDelete: "cascade" }),
  ...ownerActivity,
});

/**
 * Messages (user and assistant, as the search index receives them) by the quarter-hour they arrived (UTC):
 * "messages today" in any time zone, since every zone's midnight falls on a quarter-hour (+05:45 included).
 */
export const rollupMessageQuarters = sqliteTable(
  "rollup_message_quarters",
  {
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    quarter: integer("quarter").notNull(),
    role: text("role").notNull(),
    messages: integer("messages").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.quarter, t.role] })],
);

/**
 * Which chatbots have a live-feed viewer now (README "Live feed"): the feed marks its chatbot watched `until`
 * a minute ahead while viewers are connected, and back to now when the last one leaves. Conversations and the
 * index queue read it (cached a second or two per isolate) and send the feed nothing while it is in the past.
 */
export const liveWatches = sqliteTable("live_watches", {
  chatbotId: text("chatbot_id")
    .primaryKey()
    .references(() => chatbots.id, { onDelete: "cascade" }),
  until: integer("until").notNull(),
});

/**
 * Triage (README "Acting on conversations"): what a team does about a conversation, kept apart from the
 * conversation index because the index is rewritten by every flush of the conversation's Durable Object.
 * A conversation without a row here is `open` and unassigned.
 */
export const TRIAGE_STATUSES = ["open", "needs_review", "escalated", "reviewed", "resolved_by_team"] as const;

export const conversationTriage = sqliteTable(
  "conversation_triage",
  {
    conversationId: text("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    status: text("status", { enum: TRIAGE_STATUSES }).notNull().default("open"),
    assigneeId: text("assignee_id").references(() => members.id, { onDelete: "set null" }),
    /**
     * When the status last changed (0 while it never has: the row was made by an assignment): a conversation
     * reviewed before its newest user message needs a look again.
     */
    statusAt: integer("status_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("conversation_triage_chatbot_status").on(t.chatbotId, t.status), index("conversation_triage_assignee").on(t.chatbotId, t.assigneeId)],
);

/** A chatbot's labels (name and colour) that conversations can carry. */
export const labels = sqliteTable(
  "labels",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color").notNull(),
    createdAt: createdAt(),
  },
  // Unique in any case: "Urgent" and "urgent" would be one label to a person, and filters match names in any case.
  (t) => [uniqueIndex("labels_chatbot_name_nocase").on(t.chatbotId, sql`${t.name} COLLATE NOCASE`)],
);

export const conversationLabels = sqliteTable(
  "conversation_labels",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    labelId: text("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  // The table's label filter walks a label's conversations.
  (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index("conversation_labels_label").on(t.labelId, t.conversationId)],
);

/** A team member's note on a conversation; the author's name stays if the member is removed. */
export const conversationNotes = sqliteTable(
  "conversation_notes",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => members.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("conversation_notes_conversation").on(t.conversationId, t.createdAt)],
);

export const ACTIVITY_KINDS = ["assigned", "unassigned", "status_changed", "note_added", "label_added", "label_removed"] as const;

/** The activity timeline of a conversation: every triage action, who did it and when. */
export const conversationActivity = sqliteTable(
  "conversation_activity",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id")
      .notNull()
      .references(() => chatbots.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Null when done by an API key (then `actorName` names the key) or when the member was removed. */
    actorId: text("actor_id").references(() => members.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    /** What changed, per kind (e.g. `{ from, to }` for a status); validated where it is written. */
    detail: text("detail", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("conversation_activity_conversation").on(t.conversationId, t.createdAt)],
);

export const NOTIFICATION_KINDS = ["assigned", "workflow"] as const;

/** The in-app notification centre: one row per member and thing to tell them. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    chatbotId: text("chatbot_id").references(() => chatbots.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id"),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body"),
    createdAt: createdAt(),
    readAt: integer("read_at"),
  },
  // The centre lists a member's newest first and counts the unread.
  (t) => [index("notifications_member_recent").on(t.memberId, t.organizationId, t.createdAt), index("notifications_member_unread").on(t.memberId, t.organizationId, t.readAt)],
);
