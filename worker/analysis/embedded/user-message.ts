import { SENTIMENT_THRESHOLDS, USER_FLAGS, sentimentLabel } from "../labels";
import type { Detection, PreviousTurn, SentimentResult } from "../types";
import { aimSentiment, settleWithFlags } from "./aim";
import { DETECTION_THRESHOLD, noisyOr, sentenceAt, strongest, toDetection } from "./cues";
import { toSentimentResult } from "./explain";
import { competitors, earlyFlagEvidence, flagEvidence, toDetections, withoutArriving, withoutOwnNames, type FlagContext } from "./flags";
import { UNDETERMINED_LANGUAGE } from "../language";
import { analyzeForeign, FOREIGN_LANGUAGES, type ForeignAnalysis } from "./languages";
import { withoutCompetitorSpeed } from "./languages/flags";
import { round3, scoreTokens } from "./sentiment";
import { tokenize } from "./tokenize";

/**
 * Sentiment and every built-in flag of one user message, in English or in one of the languages
 * with a pack of their own (languages/). Flags are computed whether or not they are enabled: the
 * sentiment is settled against them, and switching a flag off must never change the score.
 */

export interface UserMessageInput {
  /** The prose of the message (prose.ts): pasted code and logs masked, long messages focused. */
  text: string;
  previous: readonly PreviousTurn[];
  language: string;
  competitors: readonly string[];
  /** The chatbot's own names: never a competitor (flags.ts). */
  ownNames: readonly string[];
}

export interface UserMessageAnalysis {
  sentiment: SentimentResult;
  flags: Detection[];
}

const ALL_FLAGS: ReadonlySet<string> = new Set(USER_FLAGS);
/** Language detection is least sure of short text, so only short text gets a second, English reading. */
const SHORT_WORDS = 7;

export function analyzeUserMessage(input: UserMessageInput): UserMessageAnalysis {
  if (input.language === UNDETERMINED_LANGUAGE) return undetermined(input);
  const foreign = analyzeForeign(input.text, input.language);
  if (foreign === undefined) return english(input);
  const packed = inPack(input, foreign);
  // Short English is sometimes detected as Dutch or French ("Agreed. He is a legend"); when the
  // pack finds nothing to say, the English reading gets its chance — only if the text has a word only English
  // has: without one it finds English in the other language's words ("Waar is mijn pakket?": "waar" as "war").
  const short = input.text.split(/\s+/).filter(Boolean).length <= SHORT_WORDS;
  return short && packed.flags.length === 0 && packed.sentiment.chunk === "" && ENGLISH_ONLY.test(input.text) ? english(input) : packed;
}

/**
 * Text too short for its language to be told ("blokkeer mn account nu", "nn entendi nada", "q significa isso") is read
 * in English; where English finds no flag and the text has no word only English has (nor an English word of support
 * chat), each pack reads it too, and the one that finds the strongest flag is taken (the first of them on a tie).
 */
function undetermined(input: UserMessageInput): UserMessageAnalysis {
  const read = english(input);
  if (read.flags.length > 0 || ENGLISH_ONLY.test(input.text) || SUPPORT_ENGLISH.test(input.text) || input.text.split(/\s+/).filter(Boolean).length < 2) return read;
  let best: UserMessageAnalysis | undefined;
  let strength = 0;
  for (const language of FOREIGN_LANGUAGES) {
    const foreign = analyzeForeign(input.text, language);
    if (foreign === undefined) continue;
    const packed = inPack(input, foreign);
    const strongestFlag = Math.max(0, ...packed.flags.map((f) => f.confidence));
    if (strongestFlag > strength) [best, strength] = [packed, strongestFlag];
  }
  return best ?? read;
}

/** English words of support chat the packs read as loanwords ("cancel order #4471" is no Dutch goodbye). */
const SUPPORT_ENGLISH = /(?<![\p{L}])(?:cancel\p{L}*|refund\p{L}*|order|orders|upgrade|downgrade|unsubscribe|delete|login|password|plz|pls)(?![\p{L}])/iu;

/** Everyday English words that none of the six other languages writes the same way ("is", "we", "in", "a" are Dutch, German or Romance too). */
const ENGLISH_ONLY =
  /(?<![\p{L}'’])(?:the|you|your|you're|it|it's|its|this|that|my|i'm|i've|he|she|they|and|to|for|with|not|but|what|how|why|just|are|be|been|have|has|had|would|can't|don't|doesn't|didn't|won't|isn't|thanks|thank|please|love|great|good|bad|awesome|agreed|yes|yeah|wow|lol|omg)(?![\p{L}'’])/iu;

function english(input: UserMessageInput): UserMessageAnalysis {
  const { text, previous } = input;
  const tokens = tokenize(text);
  const lexical = scoreTokens(tokens, text);
  const context: FlagContext = { text, tokens, sentiment: lexical, previous, competitors: input.competitors, ownNames: input.ownNames };
  // Aimed sentiment needs to know first whom the message is about and whether it is a goodbye.
  const found = earlyFlagEvidence(context);
  // "I'm switching to Vodafone" on Vodafone's own chatbot is a customer arriving, not one leaving.
  const early = { ...found, churn_risk: withoutArriving(text, found.churn_risk, input.ownNames) };
  const confused = noisyOr(early.confused_user.map((h) => h.weight)) >= DETECTION_THRESHOLD;
  const leaving = noisyOr(early.churn_risk.map((h) => h.weight)) >= DETECTION_THRESHOLD ? strongest(early.churn_risk) : undefined;
  const detail = aimSentiment({ text, tokens, detail: lexical, competitorSpans: early.competitor_mention, confused, leaving });
  const evidence = flagEvidence({ ...context, sentiment: detail, known: early }, ALL_FLAGS);
  const flags = toDetections(evidence, text);
  return { sentiment: toSentimentResult(settleWithFlags(detail, evidence, tokens, text), tokens, text), flags };
}

/** A language pack scores sentiment and finds flag evidence; competitor names are the same in every language. */
function inPack(input: UserMessageInput, foreign: ForeignAnalysis): UserMessageAnalysis {
  const { text } = input;
  const names = competitors(input).filter((h) => h.end > h.start);
  const rivals = [...withoutOwnNames(text, foreign.flags.competitor_mention ?? [], input.ownNames), ...names];
  const flags: Detection[] = [];
  for (const slug of USER_FLAGS) {
    const packHits = foreign.flags[slug] ?? [];
    const hits =
      slug === "competitor_mention"
        ? rivals
        : slug === "churn_risk"
          ? withoutArriving(text, packHits, input.ownNames)
          : slug === "urgent_request"
            ? withoutCompetitorSpeed(text, packHits, rivals)
            : packHits;
    const d = toDetection(slug, hits, text);
    if (d !== undefined) flags.push(d);
  }
  const { score, chunk, reason } = settleForeign(foreign, text);
  return { sentiment: { score, label: sentimentLabel(score), chunk, reason }, flags };
}

/**
 * The packs' urgent cues that report trouble (an outage, fraud, being kept from a human). Their "needs it now"
 * and "says it is urgent" cues also hold dates ("entro oggi", "urgente para mañana"): a request, not a complaint.
 */
const TROUBLE_URGENCY: ReadonlySet<string> = new Set([
  "reports an outage that cannot wait",
  "reports fraud in progress",
  "complains about waiting for a human",
  "asks to escalate",
  "reports something that cannot wait",
]);

/** Where urgency that reports trouble puts a neutral or positive message: mildly negative. */
const URGENT_FLOOR = -0.3;

/**
 * As for English (aim.ts, settleWithFlags): a message urgent because something is wrong ("Es wurde grad
 * abgebucht, bitte sofort sperren", "blokkeer mijn pas!") is at least mildly negative, whatever words it carries.
 */
function settleForeign(foreign: ForeignAnalysis, text: string): ForeignAnalysis["sentiment"] {
  const { sentiment } = foreign;
  if (sentiment.score <= SENTIMENT_THRESHOLDS.negativeMax) return sentiment;
  const urgent = foreign.flags.urgent_request ?? [];
  const trouble = urgent.filter((h) => TROUBLE_URGENCY.has(h.why));
  if (noisyOr(urgent.map((h) => h.weight)) < DETECTION_THRESHOLD || trouble.length === 0) return sentiment;
  const top = strongest(trouble);
  const score = round3(Math.min(URGENT_FLOOR, sentiment.score * 0.3 + URGENT_FLOOR));
  const chunk = top !== undefined && top.end > top.start ? sentenceAt(text, top.start, top.end) : sentiment.chunk;
  return { score, chunk, reason: `An urgent problem${top ? ` (${top.why})` : ""}.` };
}
