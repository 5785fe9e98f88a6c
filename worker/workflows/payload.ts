/**
 * What a webhook carries. `custom` destinations get the documented JSON event; Slack and Discord get
 * their native message shapes with the action's text. The text comes from the action's template
 * (`{{user.email}}`, `{{user.email | user.name | "a user"}}`, `{{flag}}` …) or a sensible default.
 *
 * For Slack and Discord every value filled into the text is escaped for that chat's markup: the values
 * come from end users (a message, a name, an email), and unescaped they could ping a whole channel
 * (`<!channel>`, `@everyone`) or show one link while pointing at another (`<url|label>`,
 * `[label](url)`). The template's own words are the admin's and are sent as written.
 */
import type { MessageAnalysis } from "../analysis/types";
import { firstChars } from "../text-cut";

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

export type DestinationKind = "custom" | "slack" | "discord";
type Escape = (value: string) => string;

/** Slack's three control characters, as its formatting reference says to escape them. */
export function escapeSlack(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Discord: a backslash before every markdown character (so `[label](url)`, `<@123>`, `<#1>` and
 * formatting show as typed), and a zero-width space after the `@` of `@everyone`, `@here` and id
 * mentions, as a second guard beside the payload's `allowed_mentions: { parse: [] }`.
 */
export function escapeDiscord(value: string): string {
  return value.replace(/[\\*_~`|[\]()<>#-]/g, "\\$&").replace(/@(everyone|here|[!&]?\d)/g, "@\u200b$1");
}

const ESCAPES: Record<DestinationKind, Escape> = { custom: (value) => value, slack: escapeSlack, discord: escapeDiscord };

/** `{{path}}`, or alternatives tried in turn — `{{user.email | user.name | "a user"}}` — the last may be a quoted text. */
const PLACEHOLDER = /\{\{\s*((?:[\w.]+|"[^"{}|]*")(?:\s*\|\s*(?:[\w.]+|"[^"{}|]*"))*)\s*\}\}/g;

/**
 * Fills a workflow's template from the event: each placeholder with the first of its alternatives that has a
 * value (a path of the payload, or a quoted text), empty when none has.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>, escape: Escape = ESCAPES.custom): string {
  const valueAt = (path: string): unknown => {
    let value: unknown = scope;
    // The payload's own fields only: `{{constructor}}` or `{{__proto__}}` name no path of it, and render empty.
    for (const key of path.split(".")) value = value && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    return value === null || value === "" ? undefined : value;
  };
  return template.replace(PLACEHOLDER, (_, alternatives: string) => {
    for (const alternative of alternatives.split("|").map((a) => a.trim())) {
      const value = alternative.startsWith('"') ? alternative.slice(1, -1) : valueAt(alternative);
      if (value !== undefined) return escape(typeof value === "object" ? JSON.stringify(value) : String(value));
    }
    return "";
  });
}

function defaultText(event: Omit<WebhookEvent, "text">, escape: Escape): string {
  const who = escape(event.user?.email ?? event.user?.name ?? event.user?.id ?? "a user");
  const workflow = escape(event.workflow.name);
  if (!event.message) return `Workflow "${workflow}": conversation ${escape(event.conversation.externalId)} ended (${escape(event.conversation.resolution ?? "no resolution")}).`;
  return `Workflow "${workflow}" matched ${event.message.role === "assistant" ? "an" : "a"} ${event.message.role} message from ${who}: "${escape(firstChars(event.message.content, 300))}"`;
}

/** Cuts `text` to `max` characters without leaving half an escape at the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return firstChars(text, max).replace(/&[a-z]*$|\\$/, "");
}

/** The event with its `text`, escaped for the chat a `slack` or `discord` destination posts to. */
export function completeEvent(event: Omit<WebhookEvent, "text">, template?: string, kind: DestinationKind = "custom"): WebhookEvent {
  const escape = ESCAPES[kind];
  const text = template ? renderTemplate(template, templateScope(event), escape) : defaultText(event, escape);
  return { ...event, text: cut(text, 3000) };
}

/** How values are escaped for the chat a destination kind posts to (none for `custom`). */
export const escapeFor = (kind: DestinationKind): Escape => ESCAPES[kind];

/** The request body for a chat destination: `text`, already escaped for it (escapeFor). */
export function chatBody(kind: "slack" | "discord", text: string): string {
  // Discord rejects content over 2,000 characters; `parse: []` lets no text ping anyone.
  return kind === "slack" ? JSON.stringify({ text }) : JSON.stringify({ content: cut(text, 2000), allowed_mentions: { parse: [] } });
}

/** The request body for a destination kind. */
export function bodyFor(kind: DestinationKind, event: WebhookEvent): string {
  return kind === "custom" ? JSON.stringify(event) : chatBody(kind, event.text);
}
