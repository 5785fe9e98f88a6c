import type { SentimentLabel } from "../api/types";

/** SPEC §5 thresholds: very_negative ≤ −0.6 < negative ≤ −0.2 < neutral < 0.2 ≤ positive < 0.6 ≤ very_positive. */
export function labelFor(score: number): SentimentLabel {
  if (score <= -0.6) return "very_negative";
  if (score <= -0.2) return "negative";
  if (score < 0.2) return "neutral";
  if (score < 0.6) return "positive";
  return "very_positive";
}

export const SENTIMENT_COLORS: Record<SentimentLabel, string> = {
  very_negative: "red",
  negative: "orange",
  neutral: "gray",
  positive: "teal",
  very_positive: "green",
};

export const SENTIMENT_NAMES: Record<SentimentLabel, string> = {
  very_negative: "Very negative",
  negative: "Negative",
  neutral: "Neutral",
  positive: "Positive",
  very_positive: "Very positive",
};

export const USER_FLAGS = ["churn_risk", "frustrated_user", "buying_signal", "competitor_mention", "urgent_request", "confused_user"] as const;
export const BEHAVIOURS = ["helpful", "yes_man", "dodging", "over_apologizing", "hallucinating", "redirecting", "verbose", "robotic", "other"] as const;

/** Flags a team should look at first are red; revenue ones green; the rest neutral. */
export function flagColor(flag: string): string {
  if (flag === "churn_risk" || flag === "frustrated_user" || flag === "hallucinating" || flag === "urgent_request") return "red";
  if (flag === "buying_signal" || flag === "helpful") return "green";
  if (flag === "confused_user" || flag === "dodging" || flag === "competitor_mention") return "orange";
  return "gray";
}
