/**
 * Does a workflow match what just happened? Pure functions over "facts": a message's analysis (message
 * triggers) or the conversation's aggregates (conversation_ended), plus the client's plan and MRR.
 */
import type { SentimentLabel } from "../analysis/labels";
import type { Condition } from "./schema";

export interface Facts {
  event: "user_message" | "assistant_message" | "conversation_ended";
  sentiment?: { score: number; label: SentimentLabel };
  intent?: string;
  topics: string[];
  flags: string[];
  behaviours: string[];
  resolution?: string;
  user?: { plan?: string; mrr?: number };
  organization?: { plan?: string; mrr?: number };
}

export interface Matchable {
  trigger: "user_message" | "assistant_message" | "any_message" | "conversation_ended";
  match: "all" | "any";
  conditions: Condition[];
}

export function triggerFires(trigger: Matchable["trigger"], event: Facts["event"]): boolean {
  if (trigger === "any_message") return event === "user_message" || event === "assistant_message";
  return trigger === event;
}

/** A workflow without conditions matches every event of its trigger. */
export function matches(workflow: Matchable, facts: Facts): boolean {
  if (!triggerFires(workflow.trigger, facts.event)) return false;
  if (!workflow.conditions.length) return true;
  const results = workflow.conditions.map((c) => holds(c, facts));
  return workflow.match === "all" ? results.every(Boolean) : results.some(Boolean);
}

function compare(actual: number | undefined, op: "<" | "<=" | ">" | ">=" | "=", value: number): boolean {
  if (actual === undefined) return false;
  switch (op) {
    case "<":
      return actual < value;
    case "<=":
      return actual <= value;
    case ">":
      return actual > value;
    case ">=":
      return actual >= value;
    case "=":
      return Math.abs(actual - value) < 1e-9;
  }
}

/**
 * `=` on a single value is equality; on a list it means "one of them"; `!=` is its negation — where there is a
 * value: an empty list (a message with no topics, a user message's behaviours) has none, and matches neither.
 */
function equals(actual: string | string[] | undefined, op: "=" | "!=", value: string): boolean {
  const hit = Array.isArray(actual) ? actual.includes(value) : actual === value;
  if (op === "=") return hit;
  const none = actual === undefined || (Array.isArray(actual) && actual.length === 0);
  return !none && !hit;
}

export function holds(c: Condition, f: Facts): boolean {
  switch (c.field) {
    case "sentiment_score":
      return compare(f.sentiment?.score, c.op, c.value);
    case "sentiment_label":
      return equals(f.sentiment?.label, c.op, c.value);
    case "intent":
      return equals(f.intent, c.op, c.value);
    case "topic":
      return equals(f.topics, c.op, c.value);
    case "behaviour":
      return equals(f.behaviours, c.op, c.value);
    case "resolution":
      return equals(f.resolution, c.op, c.value);
    case "flag":
      return c.op === "detected" ? f.flags.includes(c.value) : !f.flags.includes(c.value);
    // Plans in any case, as the conversations table, reports and search filter them: "Pro" is "pro".
    case "user_plan":
      return equals(f.user?.plan?.toLowerCase(), c.op, c.value.toLowerCase());
    case "organization_plan":
      return equals(f.organization?.plan?.toLowerCase(), c.op, c.value.toLowerCase());
    case "user_mrr":
      return compare(f.user?.mrr, c.op, c.value);
    case "organization_mrr":
      return compare(f.organization?.mrr, c.op, c.value);
  }
}
