import type { Behaviour } from "../labels";
import type { Detection, PreviousTurn } from "../types";
import {
  APOLOGY,
  CERTAINTY,
  CONCESSION,
  DODGE_CUES,
  EMPHATIC_APOLOGY,
  HEDGES,
  HELP_CUES,
  PUSHBACK,
  REDIRECT_CUES,
  ROBOTIC_CUES,
  SOURCE_CLAIM,
  YES_MAN_CUES,
} from "./behaviour-cues";
import { type CueHit, findCues, noisyOr, toDetection } from "./cues";
import { stemSet } from "./custom";

/**
 * Assistant behaviours from surface cues, optionally judged against the user's last message.
 * `other` is never emitted: it exists for the AI analyzer's free-form findings.
 * `hallucinating` cannot be verified without knowledge, so it is an "unverified specifics" signal:
 * confident concrete claims (links, figures, statistics, sources) that appear nowhere earlier in
 * the conversation, softened by hedging; severity grows with the number and strength of cues.
 */

export interface BehaviourContext {
  /** The (possibly truncated) reply that cues are matched on. */
  text: string;
  previous: readonly PreviousTurn[];
  /** The whole reply, for length; defaults to `text`. */
  fullText?: string;
}

/** Per-message facts several detectors need, computed once. */
interface Facts extends BehaviourContext {
  words: number;
  lastUser: string | undefined;
  /** Evidence that the reply actually helps; shared by `helpful` and `dodging`. */
  help: number[];
}

type Detector = (ctx: Facts) => CueHit[];

const DETECTORS: Record<Exclude<Behaviour, "other">, Detector> = {
  helpful,
  yes_man: yesMan,
  dodging,
  over_apologizing: overApologizing,
  hallucinating,
  redirecting: (ctx) => findCues(ctx.text, REDIRECT_CUES),
  verbose,
  robotic: (ctx) => findCues(ctx.text, ROBOTIC_CUES),
};

export function detectBehaviours(ctx: BehaviourContext, enabled: ReadonlySet<string>): Detection[] {
  const lastUser = [...ctx.previous].reverse().find((t) => t.role === "user")?.content;
  const words = wordCount(ctx.fullText ?? ctx.text);
  const needsHelp = enabled.has("helpful") || enabled.has("dodging");
  const facts: Facts = { ...ctx, words, lastUser, help: needsHelp ? helpEvidence(ctx.text, words, lastUser) : [] };
  const out: Detection[] = [];
  for (const [slug, detect] of Object.entries(DETECTORS) as [Behaviour, Detector][]) {
    if (!enabled.has(slug)) continue;
    const d = toDetection(slug, detect(facts), ctx.text);
    if (d !== undefined) out.push(d);
  }
  return out;
}

// --- apologies & length ----------------------------------------------------------------------

function overApologizing(ctx: Facts): CueHit[] {
  const matches = [...ctx.text.matchAll(APOLOGY)];
  const first = matches[0];
  if (first === undefined) return [];
  const at = { start: first.index, end: first.index + first[0].length };
  const n = matches.length;
  if (n >= 3) return [{ weight: 0.9, why: `apologises ${n} times`, ...at }];
  if (n === 2) return [{ weight: 0.7, why: "apologises twice", ...at }];
  // One apology is courtesy; an emphatic one in a short reply that offers nothing else is not.
  const emphatic = EMPHATIC_APOLOGY.test(ctx.text);
  if (emphatic && ctx.words <= 40) return [{ weight: 0.55, why: "apologises emphatically in a short reply", ...at }];
  return [];
}

const VERBOSE_WORDS = 200;
const VERY_VERBOSE_WORDS = 350;
const RELATIVE_MIN_WORDS = 100;
const RELATIVE_RATIO = 10;

function verbose(ctx: Facts): CueHit[] {
  const { lastUser } = ctx;
  const n = ctx.words;
  const why = `${n} words`;
  if (n >= VERY_VERBOSE_WORDS) return [{ weight: 0.9, why, start: 0, end: 0 }];
  if (n >= VERBOSE_WORDS) return [{ weight: 0.7, why, start: 0, end: 0 }];
  // A 120-word essay in reply to "what time do you open?" is verbose even if short in absolute terms.
  if (lastUser !== undefined && n >= RELATIVE_MIN_WORDS) {
    const asked = Math.max(wordCount(lastUser), 1);
    if (n / asked >= RELATIVE_RATIO) return [{ weight: 0.55, why: `${n} words in reply to ${asked}`, start: 0, end: 0 }];
  }
  return [];
}

// --- agreement, refusal, help ----------------------------------------------------------------

function yesMan(ctx: Facts): CueHit[] {
  const { lastUser } = ctx;
  const hits = findCues(ctx.text, YES_MAN_CUES);
  if (lastUser !== undefined && findCues(lastUser, [PUSHBACK]).length > 0 && CONCESSION.test(ctx.text)) {
    hits.push({ weight: 0.5, why: "concedes straight after the user pushed back", start: 0, end: 0 });
  }
  return hits;
}

function dodging(ctx: Facts): CueHit[] {
  const hits = findCues(ctx.text, DODGE_CUES);
  if (hits.length === 0) return [];
  // Declining and then actually helping ("I can't do X, but you can do Y like this") is not a dodge.
  if (noisyOr(ctx.help) >= 0.6) return [];
  return hits;
}

function helpful(ctx: Facts): CueHit[] {
  const hits = ctx.help.map((weight) => ({ weight, why: "answers with concrete help", start: 0, end: 0 }));
  const refusal = findCues(ctx.text, DODGE_CUES).some((h) => h.weight >= 0.7);
  return refusal ? hits.map((h) => ({ ...h, weight: h.weight * 0.5 })) : hits;
}

const OVERLAP_CHARS = 1200;

function helpEvidence(text: string, words: number, lastUser: string | undefined): number[] {
  const evidence = findCues(text, HELP_CUES).map((h) => h.weight);
  const steps = (text.match(/^\s*(?:\d+[.)]|[-*•])\s+\S/gmu) ?? []).length;
  if (steps >= 2) evidence.push(0.6);
  if (/```|`[^`\n]+`/.test(text)) evidence.push(0.4);
  if (lastUser !== undefined && words >= 5) {
    // A reply that addresses the question does so early; the cap keeps long replies cheap.
    const asked = stemSet(lastUser.slice(0, OVERLAP_CHARS));
    let shared = 0;
    for (const s of stemSet(text.slice(0, OVERLAP_CHARS))) if (asked.has(s)) shared++;
    if (shared >= 2) evidence.push(0.45);
    else if (shared === 1) evidence.push(0.3);
    // "What time do you open?" → "We open at 9am": concrete figures in reply to a question.
    if (shared > 0 && isQuestion(lastUser) && /\d/.test(text)) evidence.push(0.3);
  }
  return evidence;
}

// --- unverified specifics --------------------------------------------------------------------

const URL_RE = /\bhttps?:\/\/[^\s)]+|\bwww\.[^\s)]+/giu;
const PHONE_RE = /\+?\d[\d\s().-]{7,}\d/gu;
const EMAIL_RE = /[\w.+-]+@[\w-]+\.[\w.]+/gu;
const FIGURE_RE = /\b\d+(?:\.\d+)?\s?%|[$€£]\s?\d[\d,]*(?:\.\d+)?|\bv?\d+\.\d+\.\d+\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}\b/giu;

function hallucinating(ctx: Facts): CueHit[] {
  const { text } = ctx;
  const earlier = ctx.previous.map((t) => t.content).join("\n").toLowerCase();
  const hits: CueHit[] = [];
  const ungrounded = (re: RegExp, weight: number, why: string, cap: number): void => {
    let n = 0;
    for (const m of text.matchAll(re)) {
      if (earlier.includes(m[0].toLowerCase())) continue;
      hits.push({ weight, why, start: m.index, end: m.index + m[0].length });
      if (++n === cap) break;
    }
  };
  ungrounded(URL_RE, 0.3, "gives a link not mentioned before", 1);
  // The e-mail pattern backtracks on every word, so only run it when there is an "@" at all.
  if (text.includes("@")) ungrounded(EMAIL_RE, 0.3, "gives an address not mentioned before", 1);
  ungrounded(PHONE_RE, 0.3, "gives a phone number not mentioned before", 1);
  ungrounded(FIGURE_RE, 0.25, "states a precise figure not mentioned before", 2);
  hits.push(...findCues(text, [SOURCE_CLAIM, CERTAINTY]));
  // Specifics alone are often just a good answer; they become suspect when stated with certainty
  // or with several of them at once, so a single weak cue never fires (all weights < 0.5).
  if (findCues(text, [HEDGES]).length > 0) for (const h of hits) h.weight *= 0.6;
  return hits;
}

function isQuestion(text: string): boolean {
  return text.includes("?") || /^\s*(?:what|when|where|which|who|why|how|can|could|do|does|did|is|are|will|would|should)\b/i.test(text);
}

function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).length;
}
