import type { Condition, Cooldown, WorkflowTrigger } from "../api/types";
import { humanize } from "./format";
import { BEHAVIOURS, USER_FLAGS } from "./sentiment";

export const TRIGGERS: { value: WorkflowTrigger; label: string }[] = [
  { value: "user_message", label: "A user message is analysed" },
  { value: "assistant_message", label: "An assistant message is analysed" },
  { value: "any_message", label: "Any message is analysed" },
  { value: "conversation_ended", label: "A conversation ends" },
];

type ValueKind = "score" | "money" | "text" | { options: readonly string[] };

/** Every condition field with its operators and the kind of value it takes (worker/workflows/schema.ts). */
export const CONDITION_FIELDS: Record<string, { label: string; ops: string[]; value: ValueKind }> = {
  sentiment_score: { label: "Sentiment score", ops: ["<", "<=", ">", ">=", "="], value: "score" },
  sentiment_label: { label: "Sentiment label", ops: ["=", "!="], value: { options: ["very_negative", "negative", "neutral", "positive", "very_positive"] } },
  flag: { label: "Flag", ops: ["detected", "not_detected"], value: { options: USER_FLAGS } },
  behaviour: { label: "Behaviour", ops: ["=", "!="], value: { options: BEHAVIOURS } },
  intent: { label: "Intent", ops: ["=", "!="], value: "text" },
  topic: { label: "Topic", ops: ["=", "!="], value: "text" },
  resolution: { label: "Resolution", ops: ["=", "!="], value: { options: ["fully_resolved", "partially_resolved", "unresolved"] } },
  user_plan: { label: "User plan", ops: ["=", "!="], value: "text" },
  organization_plan: { label: "Organization plan", ops: ["=", "!="], value: "text" },
  user_mrr: { label: "User MRR", ops: ["<", "<=", ">", ">="], value: "money" },
  organization_mrr: { label: "Organization MRR", ops: ["<", "<=", ">", ">="], value: "money" },
};

const OP_WORDS: Record<string, string> = { "<": "below", "<=": "at most", ">": "above", ">=": "at least", "=": "is", "!=": "is not", detected: "detected", not_detected: "not detected" };

export const opLabel = (op: string) => OP_WORDS[op] ?? op;

/** A condition in words: "Flag churn risk detected", "Organization MRR at least 1000". */
export function describeCondition(c: Condition): string {
  const field = CONDITION_FIELDS[c.field]?.label ?? humanize(c.field);
  if (c.field === "flag") return `${humanize(String(c.value))} ${opLabel(c.op)}`;
  const value = typeof c.value === "string" ? humanize(c.value).toLowerCase() : String(c.value);
  return `${field} ${opLabel(c.op)} ${value}`;
}

export function defaultCondition(field: string): Condition {
  const meta = CONDITION_FIELDS[field]!;
  const value = meta.value === "score" ? -0.5 : meta.value === "money" ? 1000 : meta.value === "text" ? "" : meta.value.options[0]!;
  return conditionOf(field, meta.ops[0]!, value);
}

/**
 * A condition as the editor's controls make it. The controls offer only the field's own operators and
 * values (CONDITION_FIELDS), so the result is one of the API's condition shapes; the server checks it
 * again on save and names the field it refuses.
 */
export function conditionOf(field: string, op: string, value: string | number): Condition {
  return { field, op, value } as Condition;
}

export function describeCooldown(c: Cooldown): string {
  if (c.type === "none") return "every match";
  if (c.type === "minutes") return `at most once per conversation every ${c.minutes} min`;
  return "once per conversation";
}
