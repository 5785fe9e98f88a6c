import { noisyOr } from "./cues";
import { BUILTIN_INTENTS, INTENT_CUES, type BuiltinIntent } from "./intent-cues";
import { tokens } from "./intent-terms";

/**
 * Matches the built-in intents' cue lists (intent-cues.ts) against a message's words. Everything is
 * compiled once into hash maps at module load, so a message costs a few map lookups per word:
 * word n-grams, word prefixes and "A near B" pairs.
 */

interface Cue {
  intent: BuiltinIntent;
  weight: number;
  /** The phrase as written, for the reason. */
  text: string;
}

interface NearCue extends Cue {
  left: ReadonlySet<string>;
  right: ReadonlySet<string>;
}

const NEAR_WINDOW = 6;
const NEGATION_WINDOW = 4;
/**
 * "I don't want to cancel" is not a cancellation, "I don't need a human" no handoff, "no error" no bug: a negated cue
 * of these intents keeps this share of its weight. For the others a negation is part of the
 * request ("I didn't get my invoice", "I can't log in").
 */
const NEGATED_SHARE = 0.3;
const NEGATABLE = new Set<BuiltinIntent>(["cancellation", "human_handoff", "bug_report"]);

const NEGATORS = new Set(["not", "no", "never", "don", "doesn", "didn", "won", "wouldn", "nicht", "kein", "keine", "nie", "pas", "jamais", "nao", "non", "niet", "geen", "nunca"]);

const phrases = new Map<string, Cue[]>();
/** Every proper prefix of a phrase, so the n-gram walk stops as soon as no phrase can follow. */
const phraseStarts = new Set<string>();
/** Prefix cues by their first PREFIX_HEAD letters, so a word costs one lookup, not one per prefix length. */
const PREFIX_HEAD = 4;
const prefixes = new Map<string, { prefix: string; cue: Cue }[]>();
const nearCues: NearCue[] = [];
const nearWords = new Map<string, number[]>();
let maxPhraseWords = 1;

function add<K>(map: Map<K, Cue[]>, key: K, c: Cue): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [c]);
  // The same phrase listed twice for one intent counts once, at its higher weight.
  else if (!list.some((x) => x.intent === c.intent && x.weight >= c.weight)) list.push(c);
}

for (const intent of BUILTIN_INTENTS) {
  for (const [weight, list] of INTENT_CUES[intent]) {
    for (const raw of list.split("|")) {
      const text = raw.trim();
      if (text.includes("~")) {
        const [l = "", r = ""] = text.split("~");
        const cue: NearCue = { intent, weight, text, left: new Set(tokens(l)), right: new Set(tokens(r)) };
        const at = nearCues.push(cue) - 1;
        for (const w of [...cue.left, ...cue.right]) nearWords.set(w, [...(nearWords.get(w) ?? []), at]);
      } else if (text.endsWith("*")) {
        const prefix = tokens(text.slice(0, -1)).join("");
        if (prefix.length < PREFIX_HEAD) throw new Error(`prefix cue too short: ${text}`);
        const head = prefix.slice(0, PREFIX_HEAD);
        prefixes.set(head, [...(prefixes.get(head) ?? []), { prefix, cue: { intent, weight, text } }]);
      } else {
        const words = tokens(text);
        if (words.length === 0) continue;
        add(phrases, words.join(" "), { intent, weight, text });
        for (let n = 1; n < words.length; n++) phraseStarts.add(words.slice(0, n).join(" "));
        maxPhraseWords = Math.max(maxPhraseWords, words.length);
      }
    }
  }
}

export interface BuiltinScore {
  intent: BuiltinIntent;
  confidence: number;
  /** The cue phrases found, strongest first. */
  cues: string[];
  /** Positions of the words its cues cover (a greeting's own words are not what else the message says). */
  covers: number[];
}

interface Hit {
  cue: Cue;
  at: number;
  words: number;
  weight: number;
}

/** Scores every built-in intent with any evidence in the words; intents without a cue are absent. */
export function scoreBuiltins(toks: readonly string[]): BuiltinScore[] {
  const hits: Hit[] = [];
  const push = (cue: Cue, at: number, words = 1) => hits.push({ cue, at, words, weight: NEGATABLE.has(cue.intent) && negated(toks, at) ? cue.weight * NEGATED_SHARE : cue.weight });
  let nearSeen: Map<number, { left: number[]; right: number[] }> | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] ?? "";
    let key = t;
    for (let n = 1; n <= maxPhraseWords && i + n <= toks.length; n++) {
      if (n > 1) key = `${key} ${toks[i + n - 1] ?? ""}`;
      for (const cue of phrases.get(key) ?? []) {
        // "thanks to the update …" is not thanking anyone.
        if (cue.intent === "thanks" && toks[i + n] === "to") continue;
        push(cue, i, n);
      }
      if (!phraseStarts.has(key)) break;
    }
    if (t.length >= PREFIX_HEAD) {
      for (const p of prefixes.get(t.slice(0, PREFIX_HEAD)) ?? []) if (t.startsWith(p.prefix)) push(p.cue, i);
    }
    const near = nearWords.get(t);
    if (near !== undefined) {
      nearSeen ??= new Map();
      for (const at of near) {
        const cue = nearCues[at];
        if (cue === undefined) continue;
        const seen = nearSeen.get(at) ?? { left: [], right: [] };
        if (cue.left.has(t)) seen.left.push(i);
        if (cue.right.has(t)) seen.right.push(i);
        nearSeen.set(at, seen);
      }
    }
  }
  for (const [at, seen] of nearSeen ?? []) {
    const cue = nearCues[at];
    if (cue === undefined) continue;
    const pair = seen.left.find((l) => seen.right.some((r) => r !== l && Math.abs(r - l) <= NEAR_WINDOW));
    if (pair !== undefined) push(cue, Math.min(pair, ...seen.right));
  }
  return combine(hits);
}

function negated(toks: readonly string[], at: number): boolean {
  for (let j = Math.max(0, at - NEGATION_WINDOW); j < at; j++) if (NEGATORS.has(toks[j] ?? "")) return true;
  return false;
}

/** Per intent: the strongest weight of each distinct cue, combined by noisy-or over the best three. */
function combine(hits: readonly Hit[]): BuiltinScore[] {
  const byIntent = new Map<BuiltinIntent, { cues: Map<string, number>; covers: number[] }>();
  for (const h of hits) {
    const entry = byIntent.get(h.cue.intent) ?? { cues: new Map<string, number>(), covers: [] };
    entry.cues.set(h.cue.text, Math.max(entry.cues.get(h.cue.text) ?? 0, h.weight));
    for (let k = 0; k < h.words; k++) entry.covers.push(h.at + k);
    byIntent.set(h.cue.intent, entry);
  }
  const out: BuiltinScore[] = [];
  for (const [intent, { cues, covers }] of byIntent) {
    const ranked = [...cues].sort((a, b) => b[1] - a[1]).slice(0, 3);
    // Capped below 1: cue lists are evidence, not certainty.
    out.push({ intent, confidence: Math.min(0.97, noisyOr(ranked.map(([, w]) => w))), cues: ranked.map(([text]) => text), covers });
  }
  return out;
}
