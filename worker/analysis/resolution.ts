/**
 * The embedded resolution heuristic (SPEC §5): judged from how the conversation ends. The user's last
 * word carries it — thanks or relief resolves, anger or churn talk does not — and an unanswered user
 * message is never resolved.
 */
import { analyzeSync } from "./embedded";
import type { Resolution } from "./labels";
import type { PreviousTurn } from "./types";

const RESOLVED_CUES = /\b(thanks?|thank you|thx|ty|solved|fixed|works now|that worked|it works|perfect|great|awesome|got it|all set|appreciate)\b/i;

export function embeddedResolution(turns: readonly PreviousTurn[]): { resolution: Resolution; reason: string } {
  const lastUserIndex = turns.map((t) => t.role).lastIndexOf("user");
  if (lastUserIndex === -1) return { resolution: "unresolved", reason: "the user never wrote" };
  const lastUser = turns[lastUserIndex]!;
  const answered = turns.slice(lastUserIndex + 1).some((t) => t.role === "assistant");
  const analysis = analyzeSync({ role: "user", content: lastUser.content });
  const score = analysis.sentiment?.score ?? 0;
  const alarming = analysis.flags.find((f) => f.slug === "churn_risk" || f.slug === "frustrated_user" || f.slug === "confused_user");
  if (alarming) return { resolution: "unresolved", reason: `the user's last message shows ${alarming.slug.replace(/_/g, " ")}` };
  if (score <= -0.2) return { resolution: "unresolved", reason: "the user's last message is negative" };
  if (RESOLVED_CUES.test(lastUser.content) && score >= 0) return { resolution: "fully_resolved", reason: "the user ends with thanks or confirmation" };
  if (!answered) return { resolution: "unresolved", reason: "the user's last message got no answer" };
  return { resolution: "partially_resolved", reason: "the assistant answered, but the user did not confirm it helped" };
}
