import type { Severity } from "../labels";
import type { Detection } from "../types";

/**
 * Small toolkit shared by the flag and behaviour detectors: phrase cues compiled to regexes that
 * run on the original text (so offsets stay exact for the quoted chunk), evidence combination and
 * a cheap "is this cue negated?" check.
 */

export interface CuePattern {
  re: RegExp;
  /** Evidence strength 0…1 when this cue is present on its own. */
  weight: number;
  /** Short description used in the one-line reason, e.g. "asks to cancel". */
  why: string;
  /** "I don't want to cancel" must not count as a cancellation request. */
  negatable: boolean;
  /** Only counts at the start of a sentence ("Not sure." means "I'm not sure"; "he's not sure" does not). */
  sentenceStart: boolean;
  /**
   * Literal strings one of which every match contains (lower-cased unless case-sensitive), or null
   * when that cannot be told from the phrases. Lets findCues skip the regex for most messages.
   */
  needles?: readonly string[] | null;
  caseSensitive?: boolean;
}

export interface CueHit {
  weight: number;
  why: string;
  start: number;
  end: number;
}

const WORD_EDGE = /^[\p{L}\p{N}]/u;
const WORD_END = /[\p{L}\p{N}]$/u;

/**
 * Builds one cue from "a|b|c" phrase alternatives. Inside a phrase an apostrophe matches straight,
 * curly or missing ("dont"), a space matches any whitespace, and the rest is regex syntax, so
 * groups like "(my|our)" can be used; " ?" is an optional space. Word boundaries are added where a phrase starts or ends
 * with a letter or digit.
 *
 * The regex and the needles are made on the cue's first use, not here: the analyzer's few hundred cues are
 * module constants, and building them all cost ~75 ms of every isolate's startup (`wrangler check startup`),
 * most isolates (the API, the dashboard) never analysing a message.
 */
export function cue(
  weight: number,
  why: string,
  phrases: string,
  opts: { negatable?: boolean; caseSensitive?: boolean; sentenceStart?: boolean } = {},
): CuePattern {
  const caseSensitive = opts.caseSensitive === true;
  let compiled: { re: RegExp; needles: string[] | null } | undefined;
  const compile = () => (compiled ??= compilePhrases(why, phrases, caseSensitive));
  return {
    get re() {
      return compile().re;
    },
    get needles() {
      return compile().needles;
    },
    weight,
    why,
    negatable: opts.negatable ?? false,
    sentenceStart: opts.sentenceStart ?? false,
    caseSensitive,
  };
}

function compilePhrases(why: string, phrases: string, caseSensitive: boolean): { re: RegExp; needles: string[] | null } {
  const parts = splitTopLevel(phrases);
  if (parts.length === 0) throw new Error(`empty cue: ${why}`);
  const alternation = parts
    .map((p) => {
      // " ?" (an optional space, as in "log ?in") must become "\s?", not "\s+?" (one or more).
      const body = p.trim().replace(/'/g, "['’]?").replace(/ \?/g, "\\s?").replace(/ /g, "\\s+");
      // A phrase opening with a group ("(i|we) …") needs the boundary too, or "(i|we)" would match
      // the end of "hi" or "knew".
      const pre = WORD_EDGE.test(p.trim()) || p.trim().startsWith("(") ? "(?<![\\p{L}\\p{N}])" : "";
      const post = WORD_END.test(p.trim()) ? "(?![\\p{L}\\p{N}])" : "";
      return `${pre}(?:${body})${post}`;
    })
    .join("|");
  return { re: new RegExp(alternation, caseSensitive ? "gu" : "giu"), needles: needlesOf(parts, caseSensitive) };
}

/** The needles of a whole cue: every phrase must have some, or the cue always runs. */
function needlesOf(parts: readonly string[], caseSensitive: boolean): string[] | null {
  const out = new Set<string>();
  for (const p of parts) {
    const n = leadingLiterals(p.trim(), caseSensitive);
    if (n === null) return null;
    for (const x of n) out.add(x);
  }
  return [...out];
}

/** Shorter literals would be in nearly every message and filter nothing. */
const MIN_NEEDLE = 3;

/**
 * Literals one of which every match of a phrase contains: its first word of three or more letters
 * that is not optional, or, for a phrase opening with a group, the literals of each alternative of
 * that group (or of what follows the group, when an alternative has none). Null when nothing
 * required can be told (a character class, an escape, an optional tail).
 */
function leadingLiterals(p: string, caseSensitive: boolean): string[] | null {
  if (p === "") return null;
  if (p.startsWith("(")) {
    const end = closingParen(p);
    if (end < 0) return null;
    let after = end + 1;
    const quantifier = p[after];
    if (quantifier === "?" || quantifier === "*" || quantifier === "+") after++;
    else if (quantifier === "{") return null;
    const rest = p.slice(after).replace(/^ +/, "");
    // A lookaround or an optional group matches no required text: what follows it must.
    if (/^\(\?<?[=!]/.test(p) || quantifier === "?" || quantifier === "*") return leadingLiterals(rest, caseSensitive);
    const inner = p.slice(p.startsWith("(?:") ? 3 : 1, end);
    const out: string[] = [];
    for (const branch of splitTopLevel(inner)) {
      const n = leadingLiterals(branch.trim(), caseSensitive);
      if (n === null) return leadingLiterals(rest, caseSensitive);
      out.push(...n);
    }
    return out;
  }
  let literal = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] ?? "";
    if (/[A-Za-z0-9]/.test(ch)) {
      const next = p[i + 1];
      if (next === "?" || next === "*" || next === "{") return literal.length >= MIN_NEEDLE ? [literal] : null;
      literal += caseSensitive ? ch : ch.toLowerCase();
      continue;
    }
    if (literal.length >= MIN_NEEDLE) return [literal];
    // Too short to filter ("i", "we"): the next required word will do.
    if (ch === " " && p[i + 1] !== "?") return leadingLiterals(p.slice(i + 1), caseSensitive);
    if (ch === "'") {
      const space = p.indexOf(" ", i);
      return space < 0 || p[space + 1] === "?" ? null : leadingLiterals(p.slice(space + 1), caseSensitive);
    }
    return null;
  }
  return literal.length >= MIN_NEEDLE ? [literal] : null;
}

function closingParen(p: string): number {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "\\") i++;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits on "|" that are not inside parentheses, so "(my|our) account|close" is two phrases. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (ch === "|" && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((p) => p.trim() !== "");
}

/**
 * Every cue's first acceptable match. `accept` lets a detector refuse a match in context (a word
 * merely mentioned, say) so that a later match of the same cue still counts.
 */
export function findCues(text: string, patterns: readonly CuePattern[], accept?: (start: number, end: number) => boolean): CueHit[] {
  const hits: CueHit[] = [];
  let lower: string | undefined;
  for (const p of patterns) {
    if (p.needles !== undefined && p.needles !== null) {
      const haystack = p.caseSensitive ? text : (lower ??= text.toLowerCase());
      if (!p.needles.some((n) => haystack.includes(n))) continue;
    }
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      if (m[0] === "") {
        p.re.lastIndex++;
        continue;
      }
      if (p.negatable && negatedBefore(text, m.index)) continue;
      // Checked here rather than with a regex lookbehind, which would run at every position.
      if (p.sentenceStart && !atSentenceStart(text, m.index)) continue;
      // The same words must not count twice ("not sure" inside "I'm not sure how").
      if (overlapsAny(hits, m.index, m.index + m[0].length)) continue;
      if (accept !== undefined && !accept(m.index, m.index + m[0].length)) continue;
      hits.push({ weight: p.weight, why: p.why, start: m.index, end: m.index + m[0].length });
      break; // one hit per cue is enough evidence; repeats should not inflate confidence
    }
  }
  return hits;
}

function atSentenceStart(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && /\s/.test(text[k - 1] ?? "")) k--;
  return k === 0 || /[.!?\n*"“(]/.test(text[k - 1] ?? "");
}

function overlapsAny(hits: readonly CueHit[], start: number, end: number): boolean {
  for (const h of hits) if (start < h.end && h.start < end) return true;
  return false;
}

const NEGATION_BEFORE =
  /(?<![\p{L}])(?:not|never|no|don['’]?t|doesn['’]?t|didn['’]?t|won['’]?t|wouldn['’]?t|isn['’]?t|aren['’]?t|wasn['’]?t|can['’]?t|cannot|shouldn['’]?t|haven['’]?t|hasn['’]?t)(?:\s+\S+){0,2}\s*$/iu;

/** A condition's own negation ("if it isn't back by …") does not negate what follows it. */
const CONDITION_THEN_NEGATOR =
  /(?<![\p{L}])(?:if|unless|until|once|otherwise|or else)\s+(?:\S+\s+){0,4}?(?:not|never|no|\S+n['’]?t|cannot)\s+\S+\s+(?:\S+\s*)?$/iu;

/**
 * True when one of the three words before `start` is a negator ("I don't want to cancel"), unless
 * that negator belongs to a condition ("if this isn't fixed by Friday we will cancel").
 */
export function negatedBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  const clause = before.split(/[.!?;,\n]/).pop() ?? "";
  return NEGATION_BEFORE.test(clause) && !CONDITION_THEN_NEGATOR.test(clause);
}

/** Probabilistic OR: independent weak cues add up, but never past 1. */
export function noisyOr(weights: Iterable<number>): number {
  let miss = 1;
  for (const w of weights) miss *= 1 - Math.min(Math.max(w, 0), 1);
  return 1 - miss;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The sentence containing [start, end), trimmed and capped, for the `chunk` field. */
export function sentenceAt(text: string, start: number, end: number, max = 160): string {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? "") && start - s < max) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e] ?? "") && e - end < max) e++;
  while (e < text.length && /[.!?]/.test(text[e] ?? "")) e++;
  return text.slice(s, e).trim();
}

/** Strongest hit first; ties keep text order. */
export function strongest(hits: readonly CueHit[]): CueHit | undefined {
  let best: CueHit | undefined;
  for (const h of hits) if (best === undefined || h.weight > best.weight) best = h;
  return best;
}

/** "asks to cancel", "mentions a refund" → one line for `reason`. */
export function describe(hits: readonly CueHit[], text: string, limit = 3): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const h of [...hits].sort((a, b) => b.weight - a.weight)) {
    if (seen.has(h.why)) continue;
    seen.add(h.why);
    const quoted = h.end > h.start ? ` ("${text.slice(h.start, h.end)}")` : "";
    parts.push(`${h.why}${quoted}`);
    if (parts.length === limit) break;
  }
  const line = parts.join("; ");
  return line === "" ? "" : `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}

/** A flag or behaviour is raised when the combined evidence reaches this confidence. */
export const DETECTION_THRESHOLD = 0.5;

export function toDetection(slug: string, hits: readonly CueHit[], text: string): Detection | undefined {
  const confidence = noisyOr(hits.map((h) => h.weight));
  if (confidence < DETECTION_THRESHOLD) return undefined;
  const top = strongest(hits);
  const d: Detection = { slug, confidence: round2(confidence), reason: describe(hits, text), severity: severityOf(confidence) };
  if (top !== undefined && top.end > top.start) d.chunk = sentenceAt(text, top.start, top.end);
  return d;
}

export function severityOf(confidence: number): Severity {
  if (confidence >= 0.8) return "high";
  if (confidence >= 0.6) return "medium";
  return "low";
}
