import { findCues, type CueHit } from "./cues";
import { summarise, type Cue, type SentimentDetail } from "./sentiment";
import type { Token } from "./tokenize";
import { RESOLVED, SARCASM_MARKERS, SARCASTIC_OPENER, TROUBLE_CUES } from "./trouble-cues";

/**
 * Aimed sentiment: the lexical score says how a message is worded, this pass says whom it is
 * good or bad news for. Support chat breaks word counting in four ways, each handled here:
 *  - trouble events (outage, failed payment, locked out) are negative with no feeling word;
 *  - praise aimed at a competitor ("Zendesk just works") is a complaint about us;
 *  - sarcasm wraps praise words around a failure ("Great, it crashed again 🙄");
 *  - a confused question ("I'm lost, what do you mean?") is a question, not a complaint.
 */

export interface Span {
  start: number;
  end: number;
}

export interface AimContext {
  text: string;
  tokens: readonly Token[];
  detail: SentimentDetail;
  /** Where a competitor is named or alluded to; praise in those sentences is aimed at them. */
  competitorSpans: readonly Span[];
  /** The confusion cues fired: negative words of not-understanding describe a question. */
  confused: boolean;
}

/** Trouble asked about is softer than trouble reported ("Is the API down?" vs "The API is down"). */
const TROUBLE_IN_QUESTION = 0.7;
const COMPETITOR_PRAISE = -0.6;
const SARCASTIC_PRAISE = -0.8;
/** An eye-roll with nothing else to score is still mildly negative. */
const BARE_SARCASM = -1.5;
/** How far after a positive opener the failure must come for the opener to read as sarcasm. */
const SARCASM_REACH = 160;

/** Words that describe not understanding; in a confused message they carry no complaint. */
const CONFUSION_WORDS = new Set(
  `confused confusing confuse confuses lost unclear puzzled puzzling baffled baffling perplexed
  perplexing bewildered doubt weird strange odd sense understand mean complicated complex`.split(/\s+/),
);

export function aimSentiment(ctx: AimContext): SentimentDetail {
  const { text, tokens } = ctx;
  let cues: Cue[] = ctx.detail.cues.map((c) => ({ ...c, notes: [...c.notes] }));
  let troubleSum = 0;

  const trouble = RESOLVED.test(text) ? [] : findCues(text, TROUBLE_CUES);
  for (const hit of trouble) {
    const first = tokenAt(tokens, hit.start);
    const last = tokenAt(tokens, hit.end - 1);
    if (first === undefined || last === undefined) continue;
    // The words of the event may also be lexicon words ("crashed"): count the event once.
    cues = cues.filter((c) => c.value > 0 || c.last < first || c.index > last);
    const asked = inQuestion(text, hit.start);
    const value = -hit.weight * (asked ? TROUBLE_IN_QUESTION : 1);
    cues.push({ index: first, last, value, notes: [hit.why, ...(asked ? ["asked about"] : [])] });
    troubleSum += value;
  }

  if (ctx.competitorSpans.length > 0) {
    for (const c of cues) {
      if (c.value <= 0) continue;
      const at = tokens[c.index]?.start ?? 0;
      if (!ctx.competitorSpans.some((s) => sameSentence(text, s.start, at))) continue;
      c.value *= COMPETITOR_PRAISE;
      c.notes.push("praise aimed at a competitor");
    }
  }

  const isSarcastic = sarcastic(text, trouble);
  if (isSarcastic) {
    let flipped = false;
    for (const c of cues) {
      if (c.value <= 0) continue;
      c.value *= SARCASTIC_PRAISE;
      c.notes.push("sarcastic");
      flipped = true;
    }
    if (!flipped && troubleSum === 0 && cues.every((c) => c.value >= 0)) {
      const marker = SARCASM_MARKERS.exec(text);
      const at = tokenAt(tokens, marker?.index ?? 0) ?? 0;
      cues.push({ index: at, last: at, value: BARE_SARCASM, notes: ["sarcastic"] });
    }
  }

  if (ctx.confused) {
    cues = cues.filter((c) => !(c.value < 0 && c.notes.length === 0 && CONFUSION_WORDS.has(tokens[c.index]?.norm ?? "")));
  }

  cues.sort((a, b) => a.index - b.index);
  return { ...summarise(cues, tokens, text, troubleSum), sarcastic: isSarcastic };
}

function sarcastic(text: string, trouble: readonly CueHit[]): boolean {
  if (SARCASM_MARKERS.test(text)) return true;
  if (trouble.length === 0) return false;
  // Applause for a failure: "nice update 👏👏, checkout is broken".
  if (/👏/u.test(text)) return true;
  if (/\bthank/i.test(text)) return false;
  const opener = SARCASTIC_OPENER.exec(text);
  if (opener === null) return false;
  const from = opener.index;
  return trouble.some((h) => h.start > from && h.start - from <= SARCASM_REACH && !inQuestion(text, h.start));
}

/** Index of the token covering (or first after) a character offset. */
function tokenAt(tokens: readonly Token[], offset: number): number | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (t === undefined) break;
    if (t.end <= offset) lo = mid + 1;
    else {
      found = mid;
      hi = mid - 1;
    }
  }
  return found;
}

const SENTENCE_END = /[.!?\n]/;

function sentenceBounds(text: string, at: number): Span {
  let s = at;
  while (s > 0 && !SENTENCE_END.test(text[s - 1] ?? "")) s--;
  let e = at;
  while (e < text.length && !SENTENCE_END.test(text[e] ?? "")) e++;
  return { start: s, end: e };
}

function sameSentence(text: string, a: number, b: number): boolean {
  const s = sentenceBounds(text, a);
  return b >= s.start && b <= s.end;
}

function inQuestion(text: string, at: number): boolean {
  const { end } = sentenceBounds(text, at);
  return text[end] === "?";
}
