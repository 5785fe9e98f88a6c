/** The six starter workflows (SPEC §6); creating from one only needs a destination. */
import type { Condition } from "./schema";

export interface WorkflowTemplate {
  slug: string;
  name: string;
  description: string;
  trigger: "user_message" | "assistant_message" | "any_message" | "conversation_ended";
  match: "all" | "any";
  conditions: Condition[];
  messageTemplate: string;
}

/** Who wrote the message, by the first of the user's email, name and id they have (an anonymous user has none). */
const who = (fallback: string) => `{{user.email | user.name | user.id | "${fallback}"}}`;

export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [
  {
    slug: "negative_sentiment_alert",
    name: "Negative sentiment alert",
    description: "A user message scores very negative.",
    trigger: "user_message",
    match: "all",
    conditions: [{ field: "sentiment_score", op: "<=", value: -0.6 }],
    messageTemplate: `Very negative message from ${who("an anonymous user")} ({{sentiment.score}}): "{{message.content}}"`,
  },
  {
    slug: "frustration_escalation",
    name: "Escalation on frustration",
    description: "A user is frustrated: hand the conversation to a person.",
    trigger: "user_message",
    match: "all",
    conditions: [{ field: "flag", op: "detected", value: "frustrated_user" }],
    messageTemplate: `Frustrated user ${who("(anonymous)")} in conversation {{conversation.externalId}}: "{{message.content}}"`,
  },
  {
    slug: "churn_risk_high_mrr",
    name: "Churn risk on high-MRR account",
    description: "Churn talk from an organization paying at least 1,000 a month.",
    trigger: "user_message",
    match: "all",
    conditions: [
      { field: "flag", op: "detected", value: "churn_risk" },
      { field: "organization_mrr", op: ">=", value: 1000 },
    ],
    messageTemplate: `Churn risk: {{organization.name | organization.id}} ({{organization.plan | "no plan"}}, MRR {{organization.mrr}}) — ${who("an anonymous user")}: "{{message.content}}"`,
  },
  {
    slug: "hallucination_flag",
    name: "Hallucination flag",
    description: "The assistant may have invented facts.",
    trigger: "assistant_message",
    match: "all",
    conditions: [{ field: "behaviour", op: "=", value: "hallucinating" }],
    messageTemplate: "Possible hallucination in conversation {{conversation.externalId}}: \"{{message.content}}\"",
  },
  {
    slug: "buying_signal_to_sales",
    name: "Buying signal to sales",
    description: "A user asks about pricing, plans or upgrading.",
    trigger: "user_message",
    match: "all",
    conditions: [{ field: "flag", op: "detected", value: "buying_signal" }],
    messageTemplate: `Buying signal from ${who("an anonymous user")} ({{organization.name | organization.id | "no organization"}}): "{{message.content}}"`,
  },
  {
    slug: "positive_feedback_tracker",
    name: "Positive feedback tracker",
    description: "A user message scores very positive.",
    trigger: "user_message",
    match: "all",
    conditions: [{ field: "sentiment_score", op: ">=", value: 0.6 }],
    messageTemplate: `Happy user ${who("(anonymous)")}: "{{message.content}}"`,
  },
];

/** The starters' slugs: what `{ template }` creates from, and what a workflow made from one keeps as its `template`. */
export const STARTER_SLUGS = WORKFLOW_TEMPLATES.map((t) => t.slug) as [string, ...string[]];
