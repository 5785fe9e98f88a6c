import { buildWordValences } from "./words";

/**
 * Lookup layer over the word lists (light stemming), plus the modifier words that change other
 * words' valence: intensifiers, softeners and negators. Emoji are in emoji.ts, multi-word
 * expressions in phrases.ts.
 */

const WORDS = buildWordValences();

// Plain suffix stripping is enough for a lexicon lookup: a wrong stem simply misses, and exact
// entries always win over stems. Ordered longest-first so "ied" is tried before "ed".
const SUFFIX_RULES: readonly (readonly [suffix: string, replacements: readonly string[]])[] = [
  ["iest", ["y"]],
  ["ier", ["y"]],
  ["ied", ["y"]],
  ["ies", ["y"]],
  ["ily", ["y"]],
  ["ally", ["al", ""]],
  ["ness", [""]],
  ["ing", ["", "e"]],
  ["ed", ["", "e"]],
  ["es", ["", "e"]],
  ["ly", [""]],
  ["'s", [""]],
  ["s", [""]],
];

const STEM_CACHE = new Map<string, number>();
const STEM_CACHE_MAX = 4096;

/** Valence of a normalised word, 0 when unknown. */
export function wordValence(norm: string): number {
  const exact = WORDS.get(norm);
  if (exact !== undefined) return exact;
  if (norm.length < 4) {
    // "sooo" was squeezed to "soo"; a single letter may be the real word ("goood" → "good").
    return hasDoubleLetter(norm) ? (WORDS.get(unsqueeze(norm)) ?? 0) : 0;
  }
  const cached = STEM_CACHE.get(norm);
  if (cached !== undefined) return cached;
  const v = stemValence(norm);
  // Bounded so a long-lived isolate cannot grow without limit; the result never depends on it.
  if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
  STEM_CACHE.set(norm, v);
  return v;
}

function stemValence(norm: string): number {
  const single = hasDoubleLetter(norm) ? unsqueeze(norm) : norm;
  if (single !== norm) {
    const v = WORDS.get(single);
    if (v !== undefined) return v;
  }
  for (const [suffix, replacements] of SUFFIX_RULES) {
    if (!norm.endsWith(suffix) || norm.length - suffix.length < 3) continue;
    const base = norm.slice(0, -suffix.length);
    for (const r of replacements) {
      const v = WORDS.get(base + r);
      if (v !== undefined) return v;
    }
    // "stopped" → "stopp" → "stop"
    const last = base.length - 1;
    if (base[last] === base[last - 1]) {
      const v = WORDS.get(base.slice(0, last));
      if (v !== undefined) return v;
    }
  }
  return 0;
}

function hasDoubleLetter(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) return true;
  return false;
}

function unsqueeze(norm: string): string {
  return norm.replace(/(\p{L})\1/gu, "$1");
}

// --- Modifiers -------------------------------------------------------------------------------

/** Multipliers applied to the next sentiment-bearing word (within two tokens). */
export const INTENSITY = new Map<string, number>([
  ["very", 1.3],
  ["really", 1.25],
  ["so", 1.25],
  ["soo", 1.4],
  ["too", 1.15],
  ["extremely", 1.5],
  ["super", 1.3],
  ["totally", 1.3],
  ["absolutely", 1.4],
  ["completely", 1.3],
  ["incredibly", 1.5],
  ["truly", 1.25],
  ["highly", 1.25],
  ["deeply", 1.3],
  ["utterly", 1.4],
  ["quite", 1.1],
  ["such", 1.2],
  ["most", 1.2],
  ["especially", 1.15],
  ["particularly", 1.15],
  ["insanely", 1.4],
  ["ridiculously", 1.4],
  ["exceptionally", 1.4],
  ["immensely", 1.4],
  ["hugely", 1.3],
  ["remarkably", 1.3],
  ["seriously", 1.25],
  ["genuinely", 1.2],
  ["literally", 1.15],
  ["way", 1.15],
  ["fucking", 1.45],
  ["fuckin", 1.45],
  ["freaking", 1.35],
  ["frickin", 1.35],
  ["effing", 1.35],
  ["bloody", 1.3],
  ["damn", 1.3],
  ["hella", 1.35],
  ["pretty", 1.15],
  ["real", 1.15],
  ["slightly", 0.6],
  ["somewhat", 0.7],
  ["kinda", 0.7],
  ["sorta", 0.7],
  ["fairly", 0.85],
  ["rather", 0.9],
  ["almost", 0.8],
  ["mildly", 0.6],
  ["marginally", 0.6],
  ["partly", 0.7],
  ["barely", 0.5],
  ["bit", 0.7],
  ["little", 0.75],
]);

/**
 * Intensifiers that are sentiment words on their own ("fucking", "damn", "pretty") only act as
 * intensifiers when a sentiment word follows; otherwise they keep their own valence.
 */
export const OWN_VALENCE_WHEN_ALONE = new Map<string, number>([
  ["fucking", -2.2],
  ["fuckin", -2.2],
  ["freaking", -1],
  ["damn", -1.6],
  ["bloody", -0.8],
  ["pretty", 1.6],
]);

const NEGATORS = new Set([
  "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
  "cannot", "hardly", "aint", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent",
  "wont", "cant", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "nope", "lack",
  "lacks", "lacking", "neva", "nvr",
]);

export function isNegator(norm: string): boolean {
  return NEGATORS.has(norm) || norm.endsWith("n't");
}

/** Tokens that end a negation or intensifier scope. */
export function isClauseBreak(norm: string): boolean {
  return norm === "but" || norm === "however" || norm === "although" || norm === "though";
}
