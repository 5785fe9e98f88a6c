import type { UserFlag } from "../../labels";
import { splitTopLevel, type CuePattern } from "../cues";

/**
 * What one language contributes: word valences, multi-word phrases, the modifier words that change
 * a valence, and phrase cues per flag. Everything is written lower-case and without accents, because
 * it is matched against the folded text (fold.ts).
 */

/** [valence −4…4, space-separated words]. "stem*" matches any word starting with stem,
 * "*tail" any word ending with tail (German and Dutch compounds: "Zahlungsfehler"). */
export type WordGroup = readonly [valence: number, words: string];

/** [valence, phrase alternation (see compileCue)]. Phrases win over the words inside them. */
export type PhraseGroup = readonly [valence: number, phrases: string];

/** [weight 0…1, why (English), phrase alternation (see compileCue), options]. */
export type FlagCueSource = readonly [weight: number, why: string, phrases: string, opts?: FlagCueOptions];

export interface FlagCueOptions {
  /** A negator shortly before (or, in German and Dutch, right after) cancels the cue. */
  negatable?: boolean;
}

export interface LanguageSource {
  words: readonly WordGroup[];
  phrases: readonly PhraseGroup[];
  /** Thanks-words: a polite closing of a question or bug report is not a positive verdict. */
  courtesy: string;
  /** Words that flip a following sentiment word ("nicht gut", "no funciona"). */
  negators: string;
  /** Words that flip the word just before them ("funktioniert nicht", "marche pas", "werkt niet"). */
  postNegators: string;
  /** Intensifier → multiplier ("sehr", "muy"). Space separated "word:factor". */
  intensifiers: string;
  /** "but"-words: the clause after them counts more than the one before. */
  contrast: string;
  /**
   * Regex source (folded text) for a negator that cancels a flag cue when it ends shortly before it,
   * e.g. "(nicht|kein\\w*|nie)". Matched against the clause before the cue.
   */
  flagNegators: string;
  /** Regex source for a negator right after a cue that cancels it ("wir kündigen nicht"). */
  flagPostNegators?: string;
  /** Words that open a condition ("wenn", "si"): a negation inside the condition does not cancel
   * the consequence ("wenn das nicht geht, kündige ich"). */
  conditionals: string;
  flags: Partial<Record<UserFlag, readonly FlagCueSource[]>>;
  /**
   * Cues whose last word must be written like a name in the original text ("wir wechseln zu
   * Personio", "Chez Orange au moins …"). Each raises all the flags it lists.
   */
  named: readonly NamedCueSource[];
}

export type NamedCueSource = readonly [weight: number, why: string, phrases: string, flags: readonly UserFlag[], opts?: FlagCueOptions];

/** A name, possibly after an article; flags.ts checks it is capitalised in the original text. */
export const NAME = "((der|die|das|dem|den|le|la|les|l|el|los|o|a|os|il|lo|de|het) )?[\\p{L}\\p{N}][\\p{L}\\p{N}]*";

export interface FlagCue {
  pattern: CuePattern;
  negatable: boolean;
}

export interface Lexicon {
  exact: Map<string, number>;
  prefix: Map<string, number>;
  suffix: Map<string, number>;
  prefixLengths: number[];
  suffixLengths: number[];
}

export interface LanguagePack {
  lexicon: Lexicon;
  phrases: { pattern: CuePattern; valence: number }[];
  negators: ReadonlySet<string>;
  postNegators: ReadonlySet<string>;
  intensifiers: ReadonlyMap<string, number>;
  contrast: ReadonlySet<string>;
  courtesy: ReadonlySet<string>;
  conditionals: ReadonlySet<string>;
  flagNegationBefore: RegExp;
  flagNegationAfter: RegExp | undefined;
  flagNegationInside: RegExp;
  flags: Partial<Record<UserFlag, FlagCue[]>>;
  named: { pattern: CuePattern; flags: readonly UserFlag[]; negatable: boolean }[];
  /** The "why" of every negatable cue (findCues reports hits by their why). */
  negatableWhys: ReadonlySet<string>;
}

const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== "");

export function compileLexicon(groups: readonly WordGroup[]): Lexicon {
  const lex: Lexicon = { exact: new Map(), prefix: new Map(), suffix: new Map(), prefixLengths: [], suffixLengths: [] };
  const pl = new Set<number>();
  const sl = new Set<number>();
  for (const [v, list] of groups) {
    for (const w of words(list)) {
      if (w.endsWith("*")) {
        const stem = w.slice(0, -1);
        lex.prefix.set(stem, v);
        pl.add(stem.length);
      } else if (w.startsWith("*")) {
        const tail = w.slice(1);
        lex.suffix.set(tail, v);
        sl.add(tail.length);
      } else lex.exact.set(w, v);
    }
  }
  // Longest first: "unzufrieden*" must win over "zufrieden*".
  lex.prefixLengths = [...pl].sort((a, b) => b - a);
  lex.suffixLengths = [...sl].sort((a, b) => b - a);
  return lex;
}

/** Italian, Spanish and Portuguese superlatives: "velocissima", "lentisimo", "rapidissimos". */
const SUPERLATIVE = /^(\p{L}{3,}?)iss?im[oaie]s?$/u;
const SUPERLATIVE_BOOST = 1.3;

/** Valence of a folded word, undefined when the lexicon does not know it. */
export function lookup(lex: Lexicon, w: string): number | undefined {
  const exact = lex.exact.get(w);
  if (exact !== undefined) return exact;
  const sup = SUPERLATIVE.exec(w);
  if (sup !== null) {
    const base = sup[1] ?? "";
    for (const ending of ["o", "e", "a", ""]) {
      const v = lookupPlain(lex, base + ending);
      if (v !== undefined) return v * SUPERLATIVE_BOOST;
    }
  }
  return lookupPlain(lex, w);
}

function lookupPlain(lex: Lexicon, w: string): number | undefined {
  const exact = lex.exact.get(w);
  if (exact !== undefined) return exact;
  for (const n of lex.prefixLengths) {
    if (n > w.length) continue;
    const v = lex.prefix.get(w.slice(0, n));
    if (v !== undefined) return v;
  }
  for (const n of lex.suffixLengths) {
    // A tail must leave a real word in front of it ("fehler" itself is an exact entry).
    if (n >= w.length) continue;
    const v = lex.suffix.get(w.slice(w.length - n));
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Compiles "a|b (c|d)|…" into one CuePattern for findCues. Unlike cue(), which puts a word-boundary
 * lookbehind in front of every alternative, the boundary is checked once per position and the
 * alternatives follow it: with hundreds of alternatives per language that is what keeps a message
 * within the time budget (V8 can then pick alternatives by their first character). A space matches
 * any whitespace; apostrophes mean a space, because the folded text has none (fold.ts).
 */
export function compileCue(weight: number, why: string, source: string): CuePattern {
  const words: string[] = [];
  const others: string[] = [];
  for (const alt of splitTopLevel(source.replace(/'/g, " ")).map((a) => a.trim())) {
    const body = alt.replace(/ +/g, "\\s+");
    (/^[\p{L}\p{N}(]/u.test(alt) ? words : others).push(body);
  }
  const parts: string[] = [];
  if (words.length > 0) parts.push(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})(?![\\p{L}\\p{N}])`);
  if (others.length > 0) parts.push(`(?:${others.join("|")})`);
  if (parts.length === 0) throw new Error(`empty cue: ${why}`);
  // Case-sensitive on purpose: the text is already lower-cased, and a case-insensitive \p{L} class
  // costs V8 milliseconds to compile.
  return { re: new RegExp(parts.join("|"), "gu"), weight, why, negatable: false, sentenceStart: false };
}


export function compilePack(src: LanguageSource): LanguagePack {
  const flags: Partial<Record<UserFlag, FlagCue[]>> = {};
  for (const [flag, list] of Object.entries(src.flags) as [UserFlag, readonly FlagCueSource[]][]) {
    flags[flag] = list.map(([weight, why, phrases, opts]) => ({
      // English negation (cues.ts) must not run on these; ours is applied in flags.ts.
      pattern: compileCue(weight, why, phrases),
      negatable: opts?.negatable ?? false,
    }));
  }
  const intensifiers = new Map<string, number>();
  for (const item of words(src.intensifiers)) {
    const [w, f] = item.split(":");
    if (w !== undefined && f !== undefined) intensifiers.set(w, Number(f));
  }
  return {
    lexicon: compileLexicon(src.words),
    phrases: src.phrases.map(([valence, phrases]) => ({ pattern: compileCue(Math.min(1, Math.abs(valence) / 4), "phrase", phrases), valence })),
    negators: new Set(words(src.negators)),
    postNegators: new Set(words(src.postNegators)),
    intensifiers,
    contrast: new Set(words(src.contrast)),
    courtesy: new Set(words(src.courtesy)),
    conditionals: new Set(words(src.conditionals)),
    flagNegationBefore: new RegExp(`(?<![\\p{L}])(?:${src.flagNegators.replace(/'/g, "")})(?![\\p{L}])(?:\\s+\\S+){0,3}\\s*$`, "u"),
    flagNegationInside: new RegExp(`(?<![\\p{L}])(?:${src.flagNegators.replace(/'/g, "")})(?![\\p{L}])`, "u"),
    flagNegationAfter:
      src.flagPostNegators === undefined ? undefined : new RegExp(`^\\s*(?:${src.flagPostNegators})(?![\\p{L}])`, "u"),
    flags,
    named: src.named.map(([weight, why, phrases, flags, opts]) => ({
      pattern: compileCue(weight, why, phrases),
      flags,
      negatable: opts?.negatable ?? false,
    })),
    negatableWhys: new Set(Object.values(flags).flatMap((list) => list.filter((c) => c.negatable).map((c) => c.pattern.why))),
  };
}
