import { clauseWeights } from "./clauses";
import { emojiValence, emoticonValence } from "./emoji";
import { INTENSITY, OWN_VALENCE_WHEN_ALONE, isClauseBreak, isNegator, wordValence } from "./lexicon";
import { matchPhrase } from "./phrases";
import { partOfCode, type Token } from "./tokenize";

/**
 * Rule-based valence model in the spirit of VADER (sum of word valences, adjusted by context,
 * squashed to −1…1), with our own lexicon and rules. The constants are global judgement calls;
 * the few that were compared on the public sets are listed in bench/eval.ts's iteration log.
 */

/** Squash constant: s / sqrt(s² + ALPHA). One moderate word ("good", 2) lands near +0.45. */
const ALPHA = 15;
const NEGATED_POSITIVE = -0.75; // "not good" is clearly negative…
const NEGATED_NEGATIVE = -0.3; // …but "not bad"-style negated negatives are at most lukewarm.
const NEGATION_WINDOW = 3;
const BOOST_WINDOW = 2;
const CAPS_BOOST = 1.4;
const ELONGATION_BOOST = 1.2;
const EXCLAMATION_STEP = 0.25;
const EXCLAMATION_MAX = 4;
const SHOUTED_MESSAGE = 1.2;
/** Praise inside a question is asked about, not asserted ("is it any good?", "can we do better?"). */
const POSITIVE_IN_QUESTION = 0.5;

/** Words that make a following "like" the verb (I like it) rather than the preposition (like a). */
const LIKE_SUBJECTS = new Set([
  "i", "we", "they", "you", "really", "dont", "don't", "didn't", "doesn't", "do", "does", "did",
  "totally", "also", "definitely", "actually", "always", "still", "kinda", "absolutely", "u",
  "people", "everyone", "ya", "just", "who",
]);
const LIKE_VALENCE = 1.6;

/** "so kind", "you're kind" — the adjective; noun uses ("what kind of") are neutral phrases. */
const KIND_CONTEXT = new Set([
  "so", "very", "really", "too", "is", "are", "was", "were", "be", "been", "you're", "you", "how",
  "incredibly", "extremely", "most", "super", "such", "being", "that's", "it's", "soo",
]);
const KIND_VALENCE = 2;

/** Subordinating words that open a new clause, so a negation before them does not carry over. */
const SCOPE_ENDS = new Set(["because", "cause", "since", "which", "who", "when", "if", "while", "until", "so"]);

/**
 * A bare "No." / "Nope!" answering someone is disagreement, which readers
 * (and GoEmotions' "disapproval") perceive as mildly negative even without a sentiment word.
 */
const BARE_REFUSAL = -1;
const REFUSALS = new Set(["no", "nope", "nah"]);

/** Each repeat of the same emoji adds half as much as the previous one ("😂😂😂😂"). */
const REPEAT_DECAY = 0.5;

export interface Cue {
  /** Index of the first token of the cue. */
  index: number;
  /** Index of the last token (phrases span several). */
  last: number;
  value: number;
  notes: string[];
}

export interface SentimentDetail {
  /** Raw sum before squashing; other detectors use it as "how strongly worded". */
  sum: number;
  score: number;
  cues: Cue[];
  exclamations: number;
  shouted: boolean;
  /** The part of `sum` that reports trouble (outage, failed payment…) rather than feelings. */
  troubleSum: number;
  /** Praise words were read as sarcasm about a failure (set by aim.ts). */
  sarcastic?: boolean;
}

export function scoreTokens(tokens: readonly Token[], text: string): SentimentDetail {
  const norms = tokens.map((t) => (t.kind === "word" ? t.norm : t.kind === "punct" ? t.norm : ""));
  const { weights, inQuestion } = clauseWeights(tokens, norms);
  const mixedCase = /\p{Ll}/u.test(text);
  const cues: Cue[] = [];
  let pendingScale = 1;
  let pendingScaleAt = -10;
  let pendingScaleWord = "";
  const repeats = new Map<string, number>();
  const quoted = quotedSpans(text);
  const closingCourtesy = courtesyClosingARequest(tokens, text);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    let value = 0;
    let last = i;
    const notes: string[] = [];

    if (t.kind === "emoji" || t.kind === "emoticon") {
      value = t.kind === "emoji" ? emojiValence(t.raw) : emoticonValence(t.raw);
      const seen = repeats.get(t.raw) ?? 0;
      repeats.set(t.raw, seen + 1);
      value *= REPEAT_DECAY ** seen;
    }
    else if (t.kind === "hashtag") value = wordValence(t.norm);
    else if (t.kind === "word" && !partOfCode(tokens, i)) {
      const phrase = matchPhrase(norms, i);
      if (phrase !== undefined) {
        last = i + phrase.words.length - 1;
        if (phrase.effect.kind === "scale") {
          pendingScale = phrase.effect.factor;
          pendingScaleAt = last;
          pendingScaleWord = phrase.words.join(" ");
          i = last;
          continue;
        }
        if (phrase.effect.kind === "neutral") {
          i = last;
          continue;
        }
        value = phrase.effect.value;
      } else if (t.norm === "like" || t.norm === "kind") {
        const prev = tokens[i - 1]?.norm ?? "";
        if (t.norm === "like") value = LIKE_SUBJECTS.has(prev) ? LIKE_VALENCE : 0;
        else value = KIND_CONTEXT.has(prev) ? KIND_VALENCE : 0;
      } else {
        const scale = INTENSITY.get(t.norm);
        if (scale !== undefined) {
          if (nextWordHasValence(tokens, norms, i)) {
            pendingScale = t.elongated ? scale * ELONGATION_BOOST : scale;
            pendingScaleAt = i;
            pendingScaleWord = t.raw;
            continue;
          }
          value = OWN_VALENCE_WHEN_ALONE.get(t.norm) ?? 0;
        } else if (REFUSALS.has(t.norm) && isBareAnswer(tokens, i)) {
          value = BARE_REFUSAL;
        } else {
          value = wordValence(t.norm);
        }
      }
    }
    if (value === 0) continue;
    // "a bright pink 'Congratulations!' balloon", "a 'successful' notification": praise in quotes is the company's
    // wording or sarcasm, not the user's verdict (aim.ts drops the kind words of longer quotations).
    if (value > 0 && quoted.some(([from, to]) => t.start > from && t.end <= to)) continue;
    if (i >= closingCourtesy && value > 0 && COURTESY_WORDS.has(t.norm)) {
      value *= CLOSING_COURTESY;
      notes.push("thanks closing a request");
    }

    if (t.kind === "word" || t.kind === "hashtag") {
      if (pendingScale !== 1 && i - pendingScaleAt <= BOOST_WINDOW) {
        value *= pendingScale;
        notes.push(`${pendingScale > 1 ? "intensified" : "softened"} by "${pendingScaleWord}"`);
      }
      if (t.caps && mixedCase) {
        value *= CAPS_BOOST;
        notes.push("in capitals");
      } else if (t.elongated) {
        value *= ELONGATION_BOOST;
        notes.push("stretched for emphasis");
      }
      const negator = findNegator(tokens, norms, i);
      if (negator !== undefined) {
        value *= value > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        notes.push(`negated by "${negator}"`);
      }
    }
    pendingScale = 1;
    if (value > 0 && inQuestion[i] === true) {
      value *= POSITIVE_IN_QUESTION;
      notes.push("inside a question");
    }
    const w = weights[i] ?? 1;
    if (w !== 1) {
      value *= w;
      notes.push(w > 1 ? "after a contrast" : "in a clause outweighed by what follows");
    }
    cues.push({ index: i, last, value, notes });
    i = last;
  }

  return summarise(cues, tokens, text);
}

/** Short quotes of at most four words ('successful', "Congratulations!", ‘quibble-free’), as [opening, closing] offsets. */
function quotedSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(SHORT_QUOTE)) if (m[0].trim().split(/\s+/).length <= 4) out.push([m.index, m.index + m[0].length]);
  return out;
}
const SHORT_QUOTE = /(?<![\p{L}\p{N}])(?:'[^'\n]{1,40}'|"[^"\n]{1,40}"|‘[^’\n]{1,40}’|“[^”\n]{1,40}”)(?![\p{L}\p{N}])/gu;

/**
 * "…can my lesson be moved to the afternoon? thank you", "Need invoices for the last 4 sessions, thx": thanks closing a
 * request or a question is courtesy, not praise. The index of the first of the last four tokens when the message asks
 * for something in at most fifty words, else past the end.
 */
function courtesyClosingARequest(tokens: readonly Token[], text: string): number {
  // A long letter's closing thanks also softens what it reports, which tells a polite writer from a frustrated one.
  if (!REQUEST.test(text) || tokens.filter((t) => t.kind === "word").length > CLOSING_COURTESY_MAX_WORDS) return tokens.length;
  let words = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]?.kind === "word" && ++words === 4) return i;
  }
  return 0;
}
const REQUEST = /\?|\b(?:can you|could you|can i|could i|can we|please|pls|plz|kindly|need|i'?d like|would like|want to|wondering if|wandering if)\b/i;
const COURTESY_WORDS = new Set(["thanks", "thank", "thx", "ty", "thnx", "thanx", "tnx", "cheers", "tia", "thankyou", "tysm", "tyvm"]);
const CLOSING_COURTESY = 0.2;
const CLOSING_COURTESY_MAX_WORDS = 50;

/**
 * Adds the cues up into the detail: emphasis by "!" and capitals, then squashed to −1…1. Split
 * out so the aimed-sentiment pass (aim.ts) can re-weigh cues and sum them the same way.
 */
export function summarise(cues: Cue[], tokens: readonly Token[], text: string, troubleSum = 0): SentimentDetail {
  const mixedCase = /\p{Ll}/u.test(text);
  let sum = 0;
  for (const c of cues) sum += c.value;

  let exclamations = 0;
  for (const t of tokens) if (t.kind === "punct" && t.norm.includes("!")) exclamations += countChar(t.norm, "!");
  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION_STEP * Math.min(exclamations, EXCLAMATION_MAX);

  const shouted = !mixedCase && tokens.filter((t) => t.caps).length >= 2;
  if (shouted) sum *= SHOUTED_MESSAGE;

  return { sum, score: squash(sum), cues, exclamations, shouted, troubleSum };
}

/** A raw valence sum squashed to −1…1 (3 decimals). */
export function squash(sum: number): number {
  return round3(sum / Math.sqrt(sum * sum + ALPHA));
}

function nextWordHasValence(tokens: readonly Token[], norms: readonly string[], i: number): boolean {
  for (let k = i + 1; k <= i + BOOST_WINDOW && k < tokens.length; k++) {
    const t = tokens[k];
    if (t === undefined || (t.kind !== "word" && t.kind !== "hashtag")) return false;
    const phrase = matchPhrase(norms, k);
    if (phrase !== undefined) return phrase.effect.kind === "valence";
    if (INTENSITY.has(t.norm) && !OWN_VALENCE_WHEN_ALONE.has(t.norm)) continue;
    if (wordValence(t.norm) !== 0 || t.norm === "like") return true;
  }
  return false;
}

/** "No." / "No, it's not that one" — the word stands alone at the start of a sentence. */
function isBareAnswer(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const atStart = prev === undefined || (prev.kind === "punct" && /[.!?]/.test(prev.norm));
  return atStart && (next === undefined || next.kind === "punct");
}

function findNegator(tokens: readonly Token[], norms: readonly string[], i: number): string | undefined {
  for (let k = i - 1; k >= 0 && k >= i - NEGATION_WINDOW; k--) {
    const t = tokens[k];
    if (t === undefined || t.kind === "punct" || t.kind === "emoji" || t.kind === "emoticon") return undefined;
    const n = norms[k] ?? "";
    // "so" right before the word is a degree ("not so good"), not a clause ("it failed, so great").
    if (isClauseBreak(n) || (SCOPE_ENDS.has(n) && !(n === "so" && k === i - 1))) return undefined;
    if (isNegator(n)) {
      // "No, because that's stupid": a bare "no" only negates what directly follows ("no good").
      if ((n === "no" || n === "nope") && k < i - 1) return undefined;
      return t.raw;
    }
  }
  return undefined;
}

function countChar(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** A score rounded to three decimals, as stored (SentimentResult.score). */
export function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r; // avoid -0 in stored JSON
}
