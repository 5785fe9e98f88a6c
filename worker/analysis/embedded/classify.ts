import type { CustomDefinition, Detection } from "../types";
import { round2 } from "./cues";
import { INTENT_THRESHOLD, matchDefinition } from "./custom";
import { scoreBuiltins } from "./intent-builtin";
import { BUILTIN_INTENT_DEFINITIONS, BUILTIN_INTENTS, type BuiltinIntent } from "./intent-cues";
import { candidateName, contentTerms, tokens } from "./intent-terms";
import { discoverTopics } from "./topic-discover";
import { TOPIC_THRESHOLD } from "./custom";

/**
 * One intent per user message, and up to three topics.
 *
 * Intents: the built-in intents on the chatbot's list are matched first, by their cue lists in seven
 * languages (intent-cues.ts); custom intents by the keywords of their definition (custom.ts). The
 * strongest wins, a custom intent leading the built-ins by CUSTOM_LEAD; on a tie the built-in one, and of two
 * custom ones the one whose definition the message covers more. Below 0.35 (SPEC §5) the message becomes a *candidate*:
 * a pending intent named from its own words, with the message as example. Candidates only turn into
 * suggestions a person sees once similar ones recur across conversations (intent-clusters.ts).
 */

export interface ClassifyInput {
  text: string;
  normText: string;
  stems: ReadonlySet<string>;
}

/** How much of a message is kept as a candidate's example. */
export const EXAMPLE_CHARS = 280;

const BUILTIN = new Set<string>(BUILTIN_INTENTS);
const isBuiltin = (slug: string): slug is BuiltinIntent => BUILTIN.has(slug);

/** Greetings and thanks are what a message *is* only when it says little else. */
const SMALL_TALK = new Set<string>(["greeting", "thanks"]);
const SMALL_TALK_WHEN_MORE = 0.25;
/** Another built-in this strong makes a greeting or a thank-you just the opener. */
const REAL_REQUEST = 0.5;
/**
 * What a custom intent's confidence leads the built-ins' by when they compete. A chatbot's own intents are
 * its specific vocabulary, the built-ins generic: a bank's "Card payment fee charged" should take "why was my
 * card payment charged a fee?" from `billing_issue`. So two keywords of a definition (0.64) beat any built-in,
 * one (0.4) beats a weak built-in cue ("card", 0.55) but not a clear one ("cancel my order", 0.9).
 */
export const CUSTOM_LEAD = 0.4;

interface Scored {
  slug: string;
  confidence: number;
  /** Built lazily: only the winner's reason is ever shown. */
  reason: () => string;
  chunk?: string;
  /** What it competes with: its confidence, plus CUSTOM_LEAD for a custom intent. */
  strength: number;
  /** Tie-break: built-ins in cue-list order, then custom intents in list order. */
  rank: number;
  /** Tie-break between custom intents, before rank: the share of its definition the message covers. */
  coverage: number;
}

/** The slugs of an intent list, computed once per list (the config's list object is reused per chatbot). */
const LISTED = new WeakMap<readonly CustomDefinition[], ReadonlySet<string>>();
function listedSlugs(intents: readonly CustomDefinition[]): ReadonlySet<string> {
  let set = LISTED.get(intents);
  if (set === undefined) {
    set = new Set(intents.map((d) => d.slug));
    LISTED.set(intents, set);
  }
  return set;
}

export function classifyIntent(input: ClassifyInput, intents: readonly CustomDefinition[]): Detection | undefined {
  const toks = tokens(input.text);
  const terms = contentTerms(toks);
  const listed = listedSlugs(intents);
  let best: Scored | undefined;
  const consider = (s: Scored) => {
    // Strongest first; on a tie the lower rank (a built-in), or of two custom intents the fuller match.
    if (best === undefined || s.strength > best.strength) best = s;
    else if (s.strength === best.strength && (s.coverage !== best.coverage && s.rank >= BUILTIN_INTENTS.length && best.rank >= BUILTIN_INTENTS.length ? s.coverage > best.coverage : s.rank < best.rank)) best = s;
  };

  const builtins = scoreBuiltins(toks);
  const request = builtins.some((s) => listed.has(s.intent) && !SMALL_TALK.has(s.intent) && s.confidence >= REAL_REQUEST);
  for (const s of builtins) {
    if (!listed.has(s.intent)) continue;
    let confidence = s.confidence;
    if (SMALL_TALK.has(s.intent)) {
      // What the message says besides the greeting or thanks itself.
      const rest = terms.filter((t) => !s.covers.includes(t.at)).length;
      const onlySmallTalk = s.intent === "greeting" ? rest === 0 || (rest === 1 && toks.length <= 4) : rest <= 3 && !input.text.includes("?");
      if (request || !onlySmallTalk) confidence = Math.min(confidence, SMALL_TALK_WHEN_MORE);
    }
    const reason = () => `built-in cue ${s.cues.map((c) => `"${c}"`).join(", ")} for ${BUILTIN_INTENT_DEFINITIONS[s.intent].name}`;
    consider({ slug: s.intent, confidence: round2(confidence), reason, strength: round2(confidence), coverage: 0, rank: BUILTIN_INTENTS.indexOf(s.intent) });
  }

  intents.forEach((def, i) => {
    // A built-in intent's own definition is served by its cue lists; a custom intent reusing a
    // built-in slug adds its keywords to them.
    if (isBuiltin(def.slug) && def.description === BUILTIN_INTENT_DEFINITIONS[def.slug].description) return;
    const m = matchDefinition(def, input.text, input.normText, input.stems);
    if (m.confidence === 0) return;
    const s: Scored = { slug: def.slug, confidence: m.confidence, reason: () => m.reason, strength: m.confidence >= INTENT_THRESHOLD ? m.confidence + CUSTOM_LEAD : m.confidence, coverage: m.coverage, rank: BUILTIN_INTENTS.length + i };
    if (m.chunk !== undefined) s.chunk = m.chunk;
    consider(s);
  });

  const top = best as Scored | undefined;
  if (top !== undefined && top.confidence >= INTENT_THRESHOLD) {
    const d: Detection = { slug: top.slug, confidence: top.confidence, reason: top.reason() };
    if (top.chunk !== undefined) d.chunk = top.chunk;
    return d;
  }

  // SPEC §5: below the bar a new intent is proposed. A message with no content word of its own
  // ("ok", "yes please") has nothing to propose, so it gets no intent at all.
  const slug = candidateName(terms);
  if (slug === "") return undefined;
  const closest = top === undefined ? "no intent on the list matched" : `closest was "${top.slug}" at ${top.confidence.toFixed(2)}`;
  return {
    slug,
    confidence: round2(top?.confidence ?? 0),
    reason: `No intent reached ${INTENT_THRESHOLD} (${closest}); kept as a candidate until similar messages recur.`,
    chunk: exampleOf(input.text),
    pending: true,
  };
}

/** The message as a suggestion's example: whitespace collapsed, cut at a word near EXAMPLE_CHARS. */
export function exampleOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= EXAMPLE_CHARS) return flat;
  const cut = flat.lastIndexOf(" ", EXAMPLE_CHARS - 1);
  return `${flat.slice(0, cut > EXAMPLE_CHARS / 2 ? cut : EXAMPLE_CHARS - 1)}…`;
}

export const MAX_TOPICS = 3;

/**
 * Topics from the chatbot's topic list first (their confidence is the keyword evidence, custom.ts);
 * only when none matches are topics discovered from the message's own noun phrases, each with a
 * confidence from how clearly the message names it (topic-discover.ts), and marked as discovered.
 */
export function classifyTopics(input: ClassifyInput, topics: readonly CustomDefinition[]): Detection[] {
  const matched: Detection[] = [];
  for (const def of topics) {
    const m = matchDefinition(def, input.text, input.normText, input.stems);
    if (m.confidence < TOPIC_THRESHOLD) continue;
    const d: Detection = { slug: def.slug, confidence: m.confidence, reason: m.reason };
    if (m.chunk !== undefined) d.chunk = m.chunk;
    matched.push(d);
  }
  // Stable sort keeps list order among equals.
  matched.sort((a, b) => b.confidence - a.confidence);
  if (matched.length > 0) return matched.slice(0, MAX_TOPICS);
  return discoverTopics(tokens(input.text)).slice(0, MAX_TOPICS);
}
