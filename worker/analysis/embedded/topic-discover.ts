import type { Detection } from "../types";
import { round2 } from "./cues";
import { isActionVerb, isContentToken, slugOf, termKey } from "./intent-terms";

/**
 * Topics discovered from a message when none of the chatbot's topics matched: noun phrases of one
 * or two content words ("credit card", "dark mode", "invoice"). A phrase is kept only when the
 * message clearly names it, and its confidence says how clearly:
 *   two content words side by side 0.45, one word 0.25;
 *   + 0.2 when a determiner, possessive or preposition introduces it ("my invoice", "with the export");
 *   + 0.15 when the message names it more than once.
 * Kept from 0.4: a lone word needs an introducing word, so "export invoices pdf" style fragments
 * and bare adjectives do not become topics. At most two, strongest first.
 */

const PAIR = 0.45;
const SINGLE = 0.25;
const INTRODUCED = 0.2;
const REPEATED = 0.15;
export const DISCOVERED_THRESHOLD = 0.4;
const MAX_DISCOVERED = 2;

/** Determiners, possessives and prepositions that open a noun phrase, in the seven languages (accents folded). */
const INTRODUCERS = new Set(
  `a an the my our your their his her its this that these those with about for on in of from to
  mein meine meinen meinem unser unsere ihr ihre der die das den dem des ein eine einen einem mit fur uber zum zur beim vom
  mon ma mes notre nos votre vos le la les l un une du des avec pour sur de
  mi mis nuestro nuestra su sus tu el los las una con para sobre del
  meu minha meus minhas nosso nossa seu sua o os as um uma com sobre do da dos das no na
  il lo gli mio mia miei mie nostro nostra tuo tua con per sul sulla del della dello
  mijn onze uw de het een met voor over van`
    .split(/\s+/)
    .filter(Boolean),
);

interface Candidate {
  words: string[];
  key: string;
  score: number;
  at: number;
}

const isNoun = (t: string) => isContentToken(t) && !isActionVerb(t);

export function discoverTopics(toks: readonly string[]): Detection[] {
  // Each word judged and keyed once.
  const noun = toks.map(isNoun);
  const keys = toks.map((t, i) => (noun[i] === true ? termKey(t) : ""));
  const counts = new Map<string, number>();
  for (const k of keys) if (k !== "") counts.set(k, (counts.get(k) ?? 0) + 1);
  const found = new Map<string, Candidate>();
  for (let i = 0; i < toks.length; i++) {
    if (noun[i] !== true) continue;
    const pair = noun[i + 1] === true;
    const words = pair ? [toks[i] ?? "", toks[i + 1] ?? ""] : [toks[i] ?? ""];
    const phraseKeys = pair ? [keys[i] ?? "", keys[i + 1] ?? ""] : [keys[i] ?? ""];
    let score = pair ? PAIR : SINGLE;
    if (INTRODUCERS.has(toks[i - 1] ?? "")) score += INTRODUCED;
    if (phraseKeys.some((k) => (counts.get(k) ?? 0) > 1)) score += REPEATED;
    const key = phraseKeys.join(" ");
    const seen = found.get(key);
    if (seen === undefined) found.set(key, { words, key, score, at: i });
    // The same phrase named again is one topic (its repetition is already in the score).
    else seen.score = Math.max(seen.score, score);
    if (pair) i += 1;
  }
  const kept = [...found.values()]
    .filter((c) => c.score >= DISCOVERED_THRESHOLD && slugOf(c.words) !== "")
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .slice(0, MAX_DISCOVERED);
  return kept.map((c) => ({
    slug: slugOf(c.words),
    confidence: round2(Math.min(c.score, 0.8)),
    reason: `"${c.words.join(" ")}" is what the message is about (no configured topic matched)`,
    autoDiscovered: true,
  }));
}
