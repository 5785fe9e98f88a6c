/**
 * Shared analysis vocabulary (SPEC §5). Every analyzer — Workers AI or embedded —
 * must speak exactly these slugs so stored results stay comparable across analyzers.
 */

export const SENTIMENT_LABELS = [
  "very_negative",
  "negative",
  "neutral",
  "positive",
  "very_positive",
] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/**
 * Band edges from SPEC §5. The inclusive/exclusive side of each edge matters:
 * −0.6 is very_negative, −0.2 is negative, 0.2 is positive, 0.6 is very_positive.
 */
export const SENTIMENT_THRESHOLDS = {
  veryNegativeMax: -0.6,
  negativeMax: -0.2,
  positiveMin: 0.2,
  veryPositiveMin: 0.6,
} as const;

export function sentimentLabel(score: number): SentimentLabel {
  // NaN would otherwise fall through to "very_positive"; treat it as "no signal".
  if (Number.isNaN(score)) return "neutral";
  const t = SENTIMENT_THRESHOLDS;
  if (score <= t.veryNegativeMax) return "very_negative";
  if (score <= t.negativeMax) return "negative";
  if (score < t.positiveMin) return "neutral";
  if (score < t.veryPositiveMin) return "positive";
  return "very_positive";
}

/** Collapses the five labels to the three classes used by public benchmarks. */
export function sentimentPolarity(label: SentimentLabel): "negative" | "neutral" | "positive" {
  if (label === "very_negative" || label === "negative") return "negative";
  if (label === "very_positive" || label === "positive") return "positive";
  return "neutral";
}

export const USER_FLAGS = [
  "churn_risk",
  "frustrated_user",
  "buying_signal",
  "competitor_mention",
  "urgent_request",
  "confused_user",
] as const;
export type UserFlag = (typeof USER_FLAGS)[number];

export const BEHAVIOURS = [
  "helpful",
  "yes_man",
  "dodging",
  "over_apologizing",
  "hallucinating",
  "redirecting",
  "verbose",
  "robotic",
  "other",
] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const RESOLUTIONS = ["fully_resolved", "partially_resolved", "unresolved"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export function isUserFlag(slug: string): slug is UserFlag {
  return (USER_FLAGS as readonly string[]).includes(slug);
}

export function isBehaviour(slug: string): slug is Behaviour {
  return (BEHAVIOURS as readonly string[]).includes(slug);
}
