import type { CustomDefinition } from "../types";
import { noisyOr, round2, sentenceAt } from "./cues";
import { STOPWORDS } from "./stopwords";

/**
 * Keyword matching for operator-defined flags, behaviours, intents and topics.
 *
 * How a definition becomes keywords (documented for operators):
 *  - text in quotes in the description ("refund", 'money back') is an exact phrase — strongest cue;
 *  - the display name, if it has 2+ words, is also a phrase ("Delivery delay");
 *  - every other word of the name and description, minus stopwords and meta words like
 *    "user", "mentions", "asks", is a single keyword, matched on a crude stem so "refunds"
 *    matches "refund".
 * Evidence: a phrase counts 0.85; each distinct keyword 0.4 (so one keyword gives 0.4,
 * two give 0.64, three 0.78). Custom flags and behaviours need 0.5 (a phrase or two keywords,
 * since a single word like "request" is too common); topics need 0.4 (one keyword); intents are
 * accepted at 0.35 (SPEC §5), below which the analyzer proposes a pending intent instead.
 */

export interface CompiledDefinition {
  def: CustomDefinition;
  phrases: readonly string[];
  keywords: readonly string[];
}

export const PHRASE_WEIGHT = 0.85;
export const KEYWORD_WEIGHT = 0.4;
export const CUSTOM_FLAG_THRESHOLD = 0.5;
export const TOPIC_THRESHOLD = 0.4;
export const INTENT_THRESHOLD = 0.35;

const COMPILED = new WeakMap<CustomDefinition, CompiledDefinition>();

export function compile(def: CustomDefinition): CompiledDefinition {
  const cached = COMPILED.get(def);
  if (cached !== undefined) return cached;
  const phrases: string[] = [];
  // Quotes must sit at word edges so apostrophes ("user's") are not mistaken for quotes.
  const quoted = /(?<=^|[\s(])["“'‘]([^"“”'‘’]{2,60})["”'’](?=$|[\s.,;:!?)])/g;
  let rest = def.description;
  for (let m = quoted.exec(def.description); m !== null; m = quoted.exec(def.description)) {
    const p = normalise(m[1] ?? "");
    if (p !== "") phrases.push(p);
    rest = rest.replace(m[0], " ");
  }
  const nameWords = words(def.name);
  if (nameWords.length >= 2) phrases.push(nameWords.join(" "));
  const keywords = new Set<string>();
  for (const w of [...nameWords, ...words(rest), ...phrases.flatMap(words)]) {
    if (w.length < 3 || STOPWORDS.has(w)) continue;
    keywords.add(stem(w));
  }
  const compiled = { def, phrases, keywords: [...keywords] };
  COMPILED.set(def, compiled);
  return compiled;
}

export interface DefinitionMatch {
  confidence: number;
  reason: string;
  chunk?: string;
  /** The share of the definition's keywords the text has (0–1): of two equally strong matches, the fuller one fits better. */
  coverage: number;
}

export function matchDefinition(def: CustomDefinition, text: string, normText: string, stems: ReadonlySet<string>): DefinitionMatch {
  const c = compile(def);
  const evidence: number[] = [];
  const found: string[] = [];
  let chunkAt = -1;
  let chunkLen = 0;
  for (const p of c.phrases) {
    const at = normText.indexOf(p);
    if (at < 0 || !isWordBoundary(normText, at, p.length)) continue;
    evidence.push(PHRASE_WEIGHT);
    found.push(`"${p}"`);
    if (chunkAt < 0) {
      chunkAt = at;
      chunkLen = p.length;
    }
  }
  let matched = 0;
  for (const k of c.keywords) {
    if (!stems.has(k)) continue;
    matched += 1;
    evidence.push(KEYWORD_WEIGHT);
    if (!found.some((f) => f.includes(k))) found.push(k);
  }
  const confidence = round2(noisyOr(evidence));
  const reason = found.length === 0 ? "no keyword of the definition found" : `matches ${found.slice(0, 4).join(", ")} from "${def.name}"`;
  const m: DefinitionMatch = { confidence, reason, coverage: c.keywords.length === 0 ? 0 : matched / c.keywords.length };
  // normText keeps the same length as text (see normalise), so offsets carry over.
  if (chunkAt >= 0) m.chunk = sentenceAt(text, chunkAt, chunkAt + chunkLen);
  return m;
}

/** Lower-cases and straightens quotes without changing string length, so offsets stay valid. */
export function normalise(text: string): string {
  let lower = text.toLowerCase();
  // A few characters change length when lower-cased ("İ"); only then go character by character.
  if (lower.length !== text.length) {
    lower = "";
    for (const ch of text) {
      const l = ch.toLowerCase();
      lower += l.length === ch.length ? l : ch;
    }
  }
  return lower.includes("’") || lower.includes("‘") ? lower.replace(/[’‘]/g, "'") : lower;
}

export function words(text: string): string[] {
  const found = normalise(text).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
  return found.map((w) => (w.endsWith("'s") ? w.slice(0, -2) : w));
}

export function stemSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) if (w.length >= 3 && !STOPWORDS.has(w)) out.add(stem(w));
  return out;
}

/** Crude suffix stripping; both sides of a comparison go through it, so consistency is all that matters. */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  const n = w.length;
  if (n > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (n > 4 && w.endsWith("es") && SIBILANT_ES.test(w)) w = w.slice(0, -2);
  else if (n > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (n > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  // "charge"/"charged"/"charges" → "charg"; "cancelled"/"cancel" → "cancel".
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  if (w.length > 4 && w[w.length - 1] === w[w.length - 2]) w = w.slice(0, -1);
  return w;
}

const SIBILANT_ES = /(?:s|x|z|ch|sh)es$/;

function isWordBoundary(text: string, at: number, len: number): boolean {
  const before = text[at - 1];
  const after = text[at + len];
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  return !isWord(before) && !isWord(after);
}
