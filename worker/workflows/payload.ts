/**
 * What a webhook carries. `custom` destinations get the documented JSON event; Slack and Discord get
 * their native message shapes with the action's text. The text comes from the action's template
 * (`{{user.email}}`, `{{sentiment.score}}`, `{{flag}}` …) or a sensible default.
 */
import type { MessageAnalysis } from "../analysis/types";

export interface WebhookEvent {
  type: "workflow.triggered";
  timestamp: string;
  workflow: { id: string; name: string; trigger: string };
  run: { id: string };
  conversation: {
    id: string;
    externalId: string;
    status: string;
    messageCount: number;
    sentimentAvg: number | null;
    flags: string[];
    behaviours: string[];
    resolution: string | null;
  };
  message: { id: string; seq: number; role: string; content: string; sentAt: number | null; receivedAt: number } | null;
  analysis: MessageAnalysis | null;
  user: { id: string; name?: string; email?: string; plan?: string; industry?: string; mrr?: number } | null;
  organization: { id: string; name?: string; plan?: string; industry?: string; mrr?: number } | null;
  session: Record<string, string | undefined>;
  /** The action's rendered message. */
  text: string;
}

/** Values a template may name, beyond the event itself. */
function templateScope(event: Omit<WebhookEvent, "text">): Record<string, unknown> {
  const a = event.analysis;
  return {
    ...event,
    sentiment: a?.sentiment ?? (event.conversation.sentimentAvg !== null ? { score: event.conversation.sentimentAvg } : undefined),
    flag: (a?.flags.map((f) => f.slug) ?? event.conversation.flags).join(", "),
    flags: (a?.flags.map((f) => f.slug) ?? event.conversation.flags).join(", "),
    intent: a?.intent?.slug,
    behaviour: (a?.behaviours.map((b) => b.slug) ?? event.conversation.behaviours).join(", "),
    resolution: event.conversation.resolution,
  };
}

export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = scope;
    for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

function defaultText(event: Omit<WebhookEvent, "text">): string {
  const who = event.user?.email ?? event.user?.name ?? event.user?.id ?? "a user";
  if (!event.message) return `Workflow "${event.workflow.name}": conversation ${event.conversation.externalId} ended (${event.conversation.resolution ?? "no resolution"}).`;
  return `Workflow "${event.workflow.name}" matched a ${event.message.role} message from ${who}: "${event.message.content.slice(0, 300)}"`;
}

export function completeEvent(event: Omit<WebhookEvent, "text">, template?: string): WebhookEvent {
  const text = template ? renderTemplate(template, templateScope(event)) : defaultText(event);
  return { ...event, text: text.slice(0, 3000) };
}

/** The request body for a destination kind. */
export function bodyFor(kind: "custom" | "slack" | "discord", event: WebhookEvent): string {
  switch (kind) {
    case "custom":
      return JSON.stringify(event);
    case "slack":
      return JSON.stringify({ text: event.text });
    case "discord":
      // Discord rejects content over 2,000 characters.
      return JSON.stringify({ content: event.text.slice(0, 2000), allowed_mentions: { parse: [] } });
  }
}
