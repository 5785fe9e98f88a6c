import type { Severity } from "../labels";
import type { Detection } from "../types";
import { type CueFilter, filtersOf, mayRun } from "./cue-filter";

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
   * when that cannot be told from the phrases. One of findCues' two filters (cue-filter.ts).
   */
  needles?: readonly string[] | null;
  /**
   * `re` without its word-start lookbehinds, when every phrase has one: findCues checks the word start itself.
   * A lookbehind opening each of a cue's dozens of alternatives is tried at every position of the message
   * and keeps V8 from skipping ahead to where an alternative can start; without them the cues scan ~4× faster.
   */
  scan?: RegExp | null;
  /**
   * For phrases that open on a lookbehind ("(?<=want out of my )contract", written so the rarer word decides
   * whether the cue runs): the lookbehind's words as a regex anchored at the end, so a hit can quote them too.
   */
  leads?: readonly RegExp[] | null;
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
  let compiled: Compiled | undefined;
  const compile = () => (compiled ??= compilePhrases(why, phrases, caseSensitive));
  return {
    get re() {
      return compile().re;
    },
    get needles() {
      return compile().needles;
    },
    get scan() {
      return compile().scan;
    },
    get leads() {
      return compile().leads;
    },
    weight,
    why,
    negatable: opts.negatable ?? false,
    sentenceStart: opts.sentenceStart ?? false,
    caseSensitive,
  };
}

interface Compiled {
  re: RegExp;
  scan: RegExp | null;
  leads: RegExp[] | null;
  needles: string[] | null;
}

const WORD_START = "(?<![\\p{L}\\p{N}])";

function compilePhrases(why: string, phrases: string, caseSensitive: boolean): Compiled {
  const parts = splitTopLevel(phrases);
  if (parts.length === 0) throw new Error(`empty cue: ${why}`);
  // " ?" (an optional space, as in "log ?in") must become "\s?", not "\s+?" (one or more).
  const regexOf = (phrase: string) => phrase.replace(/'/g, "['’]?").replace(/ \?/g, "\\s?").replace(/ /g, "\\s+");
  const flags = caseSensitive ? "gu" : "giu";
  const leads: RegExp[] = [];
  const alternatives = parts.map((part) => {
    const p = part.trim();
    const lead = leadingLookbehind(p);
    if (lead !== undefined) leads.push(new RegExp(`(?:${regexOf(lead)})$`, flags.replace("g", "")));
    const body = regexOf(lead === undefined ? p : lookbehindLast(p, lead));
    // A phrase opening with a group ("(i|we) …") needs the boundary too, or "(i|we)" would match
    // the end of "hi" or "knew".
    const pre = WORD_EDGE.test(p) || p.startsWith("(");
    const post = WORD_END.test(p) ? "(?![\\p{L}\\p{N}])" : "";
    return { pre, pattern: `(?:${body})${post}` };
  });
  const needles = needlesOf(parts, caseSensitive);
  return {
    re: new RegExp(alternatives.map((a) => (a.pre ? WORD_START : "") + a.pattern).join("|"), flags),
    // With every alternative opening on a word start, the leftmost match of the alternation without the
    // lookbehinds, accepted only where a word starts (and searched again one position on where not), is the
    // match of `re`: where no word starts, no alternative of `re` can match.
    scan: alternatives.every((a) => a.pre) ? new RegExp(alternatives.map((a) => a.pattern).join("|"), flags) : null,
    needles,
    leads: leads.length > 0 ? leads : null,
  };
}

/** The body of the positive lookbehind a phrase opens with ("(?<=want out of )contract" → "want out of "), if any. */
function leadingLookbehind(phrase: string): string | undefined {
  if (!phrase.startsWith("(?<=")) return undefined;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < phrase.length; i++) {
    const ch = phrase[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return phrase.slice(4, i);
  }
  return undefined;
}

/**
 * "(?<=X)Y" written as "Y(?<=XY)": the same matches, but the regex opens on Y's words, so V8 can skip to where
 * one of them starts instead of trying the lookbehind at every position of the message.
 */
function lookbehindLast(phrase: string, lead: string): string {
  const rest = phrase.slice(lead.length + 5);
  return `(?:${rest})(?<=${lead}(?:${rest}))`;
}

/** How far back a lookbehind's words may reach for the quote: longer leads are cut, not searched. */
const LEAD_REACH = 160;

/** Where the words of a hit's lookbehind begin, so "want out of my contract" is quoted, not "contract". */
function leadStart(text: string, start: number, leads: readonly RegExp[]): number {
  const from = Math.max(0, start - LEAD_REACH);
  const before = text.slice(from, start);
  let best = start;
  for (const lead of leads) {
    const m = lead.exec(before);
    if (m !== null && from + m.index < best) best = from + m.index;
  }
  return best;
}

/** The needles of a whole cue: every phrase must have some, or the cue always runs. */
function needlesOf(parts: readonly string[], caseSensitive: boolean): string[] | null {
  const out = new Set<string>();
  for (const p of parts) {
    const n = leadingLiterals(p.trim(), caseSensitive) ?? requiredLiterals(p.trim(), caseSensitive);
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
    for (const branch of splitBranches(inner)) {
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

/**
 * For a phrase without a leading literal ("we('re| are) (moving|switching) away", "5\d\d (error|bad gateway)",
 * "\?\s*\?"): the literals of its first required part that has some — a run of literal characters (three
 * or more when it holds a letter or digit; any length of punctuation or symbols, which few messages contain),
 * or a group each of whose alternatives has some. Optional parts, character classes, escapes such as \s or
 * \p{L}, wildcards and lookarounds are stepped over: they match no text a needle could name. Null when no
 * required part has any. A cue with one phrase like that in its alternation ran its regex on every message.
 */
function requiredLiterals(p: string, caseSensitive: boolean): string[] | null {
  let run = "";
  const take = (): string[] | null => {
    const literal = run;
    run = "";
    return literal.length >= MIN_NEEDLE || (literal.length > 0 && !/[\p{L}\p{N}]/u.test(literal)) ? [literal] : null;
  };
  let i = 0;
  while (i < p.length) {
    const ch = p[i] ?? "";
    let found: string[] | null = null;
    if (ch === "(") {
      found = take();
      const close = closingParen(p.slice(i));
      if (close < 0) return found;
      const group = p.slice(i, i + close + 1);
      const q = quantifierAt(p, i + close + 1);
      if (found === null && !q.optional && !/^\(\?<?[=!]/.test(group)) {
        const branches = splitBranches(group.slice(group.startsWith("(?:") ? 3 : 1, -1));
        const sets = branches.map((b) => (b.trim() === "" ? null : (leadingLiterals(b.trim(), caseSensitive) ?? requiredLiterals(b.trim(), caseSensitive))));
        if (sets.every((set) => set !== null)) found = sets.flat();
      }
      i = q.next;
    } else if (ch === "[") {
      found = take();
      let k = i + 1;
      while (k < p.length && p[k] !== "]") k += p[k] === "\\" ? 2 : 1;
      i = quantifierAt(p, k + 1).next;
    } else if (ch === "\\" && /[A-Za-z]/.test(p[i + 1] ?? "")) {
      // A class (\s, \d, \w, \p{L}) or an assertion (\b): nothing literal.
      found = take();
      let k = i + 2;
      if (p[k] === "{") k = p.indexOf("}", k) + 1 || p.length;
      i = quantifierAt(p, k).next;
    } else if (ch === " " || ch === "'" || ch === "." || ch === "^" || ch === "$" || ch === "?" || ch === "*" || ch === "+" || ch === "{") {
      // Whitespace and apostrophes are compiled to classes; the rest match no fixed text.
      found = take();
      i = ch === "{" ? p.indexOf("}", i) + 1 || p.length : i + 1;
    } else {
      // A literal character, or an escaped one ("\\?", "\\."), possibly quantified.
      const literal = ch === "\\" ? (p[i + 1] ?? "") : ch;
      const q = quantifierAt(p, i + (ch === "\\" ? 2 : 1));
      if (q.optional) found = take();
      else {
        run += caseSensitive ? literal : literal.toLowerCase();
        // "m+" needs one "m" and may repeat: the run ends after it.
        if (q.repeats) found = take();
      }
      i = q.next;
    }
    if (found !== null) return found;
  }
  return take();
}

/** What quantifies the part ending before `at`: whether it may match nothing, may repeat, and where the next part starts. */
function quantifierAt(p: string, at: number): { optional: boolean; repeats: boolean; next: number } {
  const ch = p[at];
  let optional = false;
  let repeats = false;
  let next = at;
  if (ch === "?" || ch === "*" || ch === "+") {
    optional = ch !== "+";
    repeats = ch !== "?";
    next = at + 1;
  } else if (ch === "{") {
    const close = p.indexOf("}", at);
    const [min = "", max] = p.slice(at + 1, close < 0 ? p.length : close).split(",");
    optional = Number(min) === 0;
    repeats = max === undefined ? Number(min) > 1 : max !== "1";
    next = close < 0 ? p.length : close + 1;
  }
  if (next > at && p[next] === "?") next++; // lazy
  return { optional, repeats, next };
}

/** The alternatives of a group's inside (or of a cue's phrases), split on "|" outside parentheses; empty ones kept ("(s|)" may match nothing). */
function splitBranches(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? "";
    if (ch === "\\") {
      cur += ch + (s[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (ch === "|" && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
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
  return splitBranches(s).filter((p) => p.trim() !== "");
}

/**
 * Every cue's first acceptable match. `accept` lets a detector refuse a match in context (a word
 * merely mentioned, say) so that a later match of the same cue still counts. A cue's regex runs only where its
 * filters (cue-filter.ts) find the literals it cannot match without. A list of eight cues or more has its filters
 * kept on first use: pass the same array every time (a module constant), not one made per call.
 */
export function findCues(text: string, patterns: readonly CuePattern[], accept?: (start: number, end: number) => boolean): CueHit[] {
  const hits: CueHit[] = [];
  const filters = filtersOf(patterns);
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i] as CuePattern;
    if (!mayRun(text, filters[i] as CueFilter)) continue;
    const scan = p.scan ?? null;
    const re = scan ?? p.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      if (scan !== null && wordCharBefore(text, m.index)) {
        re.lastIndex = m.index + (isHighSurrogate(text.charCodeAt(m.index)) ? 2 : 1);
        continue;
      }
      if (p.negatable && negatedBefore(text, m.index)) continue;
      // Checked here rather than with a regex lookbehind, which would run at every position.
      if (p.sentenceStart && !atSentenceStart(text, m.index)) continue;
      // The same words must not count twice ("not sure" inside "I'm not sure how"); a stronger cue takes them
      // from weaker ones that came first ("still nothing. Day 12" from "still no…").
      const end = m.index + m[0].length;
      const overlapped = overlapping(hits, m.index, end);
      if (overlapped.some((h) => h.weight >= p.weight)) continue;
      if (accept !== undefined && !accept(m.index, end)) continue;
      for (const h of overlapped) hits.splice(hits.indexOf(h), 1);
      const leads = p.leads ?? null;
      hits.push({ weight: p.weight, why: p.why, start: leads === null ? m.index : leadStart(text, m.index, leads), end });
      break; // one hit per cue is enough evidence; repeats should not inflate confidence
    }
  }
  return hits;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Whether the code point before `i` is a letter or digit: what the `WORD_START` lookbehind refuses. */
function wordCharBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const low = text.charCodeAt(i - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && i >= 2 && isHighSurrogate(text.charCodeAt(i - 2));
  return WORD_CHAR.test(text.slice(pair ? i - 2 : i - 1, i));
}

function atSentenceStart(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && /\s/.test(text[k - 1] ?? "")) k--;
  return k === 0 || /[.!?\n*"“(]/.test(text[k - 1] ?? "");
}

function overlapping(hits: readonly CueHit[], start: number, end: number): CueHit[] {
  return hits.filter((h) => start < h.end && h.start < end);
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
  const span = sentenceSpan(text, start, end, max);
  return text.slice(span.start, span.end).trim();
}

/** No sentence end between the two offsets. */
export function sameSentence(text: string, a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (endsSentence(text, i)) return false;
  return true;
}

/**
 * A line break, or a full stop, "!" or "?" with a space, a closing quote or bracket, or the text's end after it:
 * "v2.1", "pool.connect" and Slack's "<!channel>" go on with the sentence.
 */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  if (c === "\n") return true;
  if (c !== "." && c !== "!" && c !== "?") return false;
  const next = text[i + 1];
  return next === undefined || /[\s.!?"'”’)\]]/.test(next);
}

/** Where the sentence holding `start`…`end` begins and ends (its closing punctuation included), at most `max` either side. */
export function sentenceSpan(text: string, start: number, end: number, max = Infinity): { start: number; end: number } {
  let s = start;
  while (s > 0 && !endsSentence(text, s - 1) && start - s < max) s--;
  let e = end;
  while (e < text.length && !endsSentence(text, e) && e - end < max) e++;
  while (e < text.length && /[.!?]/.test(text[e] ?? "")) e++;
  return { start: s, end: e };
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
