import { BEHAVIOURS, SENTIMENT_THRESHOLDS, USER_FLAGS, sentimentLabel } from "../labels";
import type { AnalysisInput, AnalysisOptions, Analyzer, CustomDefinition, Detection, MessageAnalysis, SentimentResult } from "../types";
import { withBehaviourOpinion } from "./behaviour-opinion";
import { detectBehaviours, findLastUser } from "./behaviours";
import { classifyIntent, classifyTopics } from "./classify";
import { round2, severityOf } from "./cues";
import { CUSTOM_FLAG_THRESHOLD, matchDefinition, normalise, stemSet } from "./custom";
import { detectLanguage, languageDetectorLoaded, loadLanguageDetector, SUPPORTED_ANALYSIS_LANGUAGES, UNDETERMINED_LANGUAGE } from "../language";
import { withSecondOpinion } from "./opinion";
import { proseOfEarlierTurn, proseOfMessage } from "./prose";
import { round3 } from "./sentiment";
import { analyzeUserMessage } from "./user-message";

/**
 * The embedded analyzer: pure TypeScript, no I/O, no clock, no randomness — the same input and
 * options always give the same output, which is what lets it stand in for Workers AI in tests
 * and serve as the marked fallback when an AI call fails.
 */

export const EMBEDDED_ANALYZER_NAME = "embedded";
/** Bump when rules or word lists change, so stored results can be traced to a version. */
export const EMBEDDED_ANALYZER_VERSION = "2.34.0";

/** The second opinion learned from messages in these (and from short ones whose language could not be told). */
const LEARNED_LANGUAGES: ReadonlySet<string> = new Set([...SUPPORTED_ANALYSIS_LANGUAGES, UNDETERMINED_LANGUAGE]);

const ALL_BEHAVIOURS: ReadonlySet<string> = new Set(BEHAVIOURS);

/** How many earlier turns are looked at; more would only cost time. */
const CONTEXT_TURNS = 6;

export function analyzeSync(input: AnalysisInput, options: AnalysisOptions = {}): MessageAnalysis {
  const result: MessageAnalysis = { flags: [], behaviours: [], topics: [] };
  const text = proseOfMessage(input.content);
  const previous = (input.previous ?? []).slice(-CONTEXT_TURNS).map((t) => ({ role: t.role, content: proseOfEarlierTurn(t.content) }));

  if (input.role === "assistant") {
    const enabled = new Set(options.enabledBehaviours ?? BEHAVIOURS);
    // All of them, then the second opinion, then the switched-off ones dropped: switching one off changes no other.
    const leanings = new Map<string, number>();
    const found = detectBehaviours({ text, previous, fullText: input.content }, ALL_BEHAVIOURS, leanings);
    const model = options.behaviourModel;
    const judged = model === null ? found : withBehaviourOpinion(text, findLastUser(previous), found, leanings, model);
    result.behaviours = judged.filter((d) => enabled.has(d.slug));
    result.behaviours.push(...matchCustom(options.customBehaviours, text, result.behaviours));
    return result;
  }
  if (input.role !== "user") return result;
  result.language = input.language ?? detectLanguage(input.content);

  const enabledFlags = new Set(options.enabledFlags ?? USER_FLAGS);
  const ownNames = options.ownNames ?? [];
  const user = analyzeUserMessage({ text, previous, language: result.language, competitors: options.competitors ?? [], ownNames });
  const model = options.opinionModel;
  const flags = model !== null && LEARNED_LANGUAGES.has(result.language) ? withSecondOpinion(text, user.flags, model, ownNames) : user.flags;
  result.flags = flags.filter((f) => enabledFlags.has(f.slug));
  if (options.sentiment !== false) result.sentiment = urgentIsNegative(leavingIsNegative(user.sentiment, flags), user.flags, flags);
  result.flags.push(...matchCustom(options.customFlags, text, result.flags));

  if (options.intent === true || options.topics === true) {
    const input2 = { text, normText: normalise(text), stems: stemSet(text) };
    if (options.intent === true) result.intent = classifyIntent(input2, options.intents ?? []);
    if (options.topics === true) result.topics = classifyTopics(input2, options.topicList ?? []);
  }
  return result;
}

/**
 * A user who is leaving is negative however warmly they put it ("thanks for everything, I'm moving to Octopus"): losing the
 * customer is what a support lead reads. The cues already settle this; the second opinion raises churn they missed, so the
 * score follows it too. The flags are read before they are filtered, so switching one off never changes the score.
 * (Frustration raised by the second opinion alone is not enough: on public tweets it lowered sentiment recall.)
 */
function leavingIsNegative(sentiment: SentimentResult, flags: readonly Detection[]): SentimentResult {
  if (sentiment.score <= NEGATIVE_AT) return sentiment;
  const churn = flags.find((f) => f.slug === "churn_risk");
  if (churn === undefined) return sentiment;
  const score = mildlyNegative(sentiment.score);
  return { score, label: sentimentLabel(score), chunk: churn.chunk ?? sentiment.chunk, reason: "Wants to leave." };
}

/**
 * Urgency the second opinion raised where the cues saw none is worded like trouble that cannot wait ("someone is making
 * purchases with my card right now", "nobody can complete a purchase"): the cues' own deadlines and requests for a
 * person stay neutral (aim.ts), and what the model reads is neither, so the message is mildly negative, as urgency for
 * trouble is when the cues find it.
 */
function urgentIsNegative(sentiment: SentimentResult, cueFlags: readonly Detection[], flags: readonly Detection[]): SentimentResult {
  if (sentiment.score <= NEGATIVE_AT || cueFlags.some((f) => f.slug === "urgent_request")) return sentiment;
  const urgent = flags.find((f) => f.slug === "urgent_request");
  if (urgent === undefined) return sentiment;
  const score = mildlyNegative(sentiment.score);
  return { score, label: sentimentLabel(score), chunk: urgent.chunk ?? sentiment.chunk, reason: "An urgent problem." };
}

const NEGATIVE_AT = SENTIMENT_THRESHOLDS.negativeMax;

/** A neutral or positive score moved just past the negative line, keeping a trace of how it was worded. */
const mildlyNegative = (score: number) => round3(Math.min(NEGATIVE_AT - 0.05, score * 0.3 + NEGATIVE_AT - 0.1));

/**
 * The chatbot's own flags or behaviours that the text bears out. One with a built-in's slug adds its words to that
 * built-in (as a custom intent does): it raises it when the cues did not, and is not reported twice when they did.
 */
function matchCustom(defs: readonly CustomDefinition[] | undefined, text: string, found: readonly Detection[]): Detection[] {
  if (defs === undefined || defs.length === 0) return [];
  const normText = normalise(text);
  const stems = stemSet(text);
  const out: Detection[] = [];
  for (const def of defs) {
    const m = matchDefinition(def, text, normText, stems);
    if (m.confidence < CUSTOM_FLAG_THRESHOLD || found.some((f) => f.slug === def.slug)) continue;
    const d: Detection = { slug: def.slug, confidence: round2(m.confidence), reason: m.reason, severity: severityOf(m.confidence), custom: true };
    if (m.chunk !== undefined) d.chunk = m.chunk;
    out.push(d);
  }
  return out;
}

export const embeddedAnalyzer: Analyzer = {
  name: EMBEDDED_ANALYZER_NAME,
  version: EMBEDDED_ANALYZER_VERSION,
  async analyzeMessage(input: AnalysisInput, config?: AnalysisOptions): Promise<MessageAnalysis> {
    // Errors (there should be none) surface as a rejected promise, like a failed AI call would.
    if (!languageDetectorLoaded()) await loadLanguageDetector();
    return analyzeSync(input, config);
  },
};
