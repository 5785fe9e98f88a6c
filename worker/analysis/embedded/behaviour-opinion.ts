/**
 * A second opinion on an assistant reply's behaviours, learned from the labelled replies of bench/eval/ (a logistic
 * regression per behaviour on the reply's words, word pairs and pieces of words, and the words of the question it
 * answers: replyFeatures in opinion-features.ts). The cues know the phrasings someone wrote down, and every new
 * writer of replies brings others: a dodge, a redirect or a canned template worded in a way no cue lists. On two
 * sets written after it and never read, behaviour micro F1 0.853 → 0.896 and 0.742 → 0.811 (bench/eval/README.md,
 * "The learned second opinion on replies").
 *
 * It adds what the cues missed: a behaviour it is at least RAISE sure of — but never against the one rule every
 * labelled set keeps, that a yes-man's or a dodger's reply is not helpful. So on a reply the cues found helpful it
 * raises neither (a model of words took "Of course! I've resent it" for a yes-man, and "You're welcome!" too), and on
 * one they found yes-man or dodging it does not raise `helpful`. The one thing it takes away is the cues' dodge, when
 * it raises a redirect or a yes-man: the cues rank those above dodging the same way. An invented fact it raises only
 * where the cues saw a specific they could not ground (LEAD): words alone cannot tell a made-up price from one the
 * question asked for. Letting it also take back a `helpful` it was almost sure of measured better on the English
 * sets, but it took `helpful` from every short answer ("14 days, no card required.": too few words to be sure of
 * anything) and from replies in the other languages, which it has read a few hundred of.
 */
import { type Behaviour, BEHAVIOURS } from "../labels";
import type { Detection } from "../types";
import { round2, sentenceAt, severityOf } from "./cues";
import { OPINION_BEHAVIOURS, replyFeatures, type OpinionModel } from "./opinion-features";
import { BEHAVIOUR_OPINION_BIAS, BEHAVIOUR_OPINION_WEIGHTS } from "./behaviour-opinion-model";
import { finder, opinionOn, readModel } from "./opinion";

export type OpinionBehaviour = (typeof OPINION_BEHAVIOURS)[number];

/**
 * How sure the model must be to raise a behaviour the cues missed. Leaving each set out, 0.8 and 0.9 measured
 * alike (0.6 let in more false alarms); the higher one, because real traffic has fewer failing replies than the
 * labelled sets and a false alarm weighs more there.
 */
export const RAISE = 0.9;

/** Never given with `helpful` in the labelled sets (243 yes-man and 245 dodging replies among 1,976, none helpful). */
const NOT_HELPFUL: ReadonlySet<string> = new Set(["yes_man", "dodging"]);

/**
 * Raised only where the cues leant towards it (some evidence, below their own threshold). Leaving each set out, this
 * kept hallucinating's gain (F1 0.895 → 0.931, against 0.922 unchecked) with 7 false alarms instead of 12. A lone
 * range ("4 to 6 working days", 0.15) or a lone price (0.2) is how real answers are stated and is no lean.
 */
const LEAD: ReadonlySet<string> = new Set(["hallucinating"]);
const LEANS = 0.2;

/** Behaviours that, raised, take a cue's `dodging` away (behaviours.ts ranks them above it the same way). */
const OUTRANK_DODGING: ReadonlySet<string> = new Set(["redirecting", "yes_man"]);

let shipped: OpinionModel | undefined;

/** The committed model (behaviour-opinion-model.ts), read once per isolate on the first reply analysed. */
export function shippedBehaviourModel(): OpinionModel {
  return (shipped ??= readModel(BEHAVIOUR_OPINION_WEIGHTS, BEHAVIOUR_OPINION_BIAS, OPINION_BEHAVIOURS.length));
}

/** What a behaviour raised by the model is worded like, for its reason. */
const LIKE: Record<OpinionBehaviour, string> = {
  helpful: "replies that answer the question",
  yes_man: "replies that agree to anything",
  dodging: "replies that evade the question",
  hallucinating: "replies that invent facts",
  redirecting: "replies that send the user elsewhere",
  verbose: "long-winded replies",
  robotic: "canned, robotic replies",
};

/**
 * The cues' behaviours of a reply and the behaviours the second opinion is sure of that the cues missed. `text` is the
 * prose the cues read (so a quoted sentence's offsets hold), `question` the last thing the user said, `leanings` the
 * cues' confidence in each behaviour (detectBehaviours); the result keeps BEHAVIOURS order.
 */
export function withBehaviourOpinion(
  text: string,
  question: string | undefined,
  behaviours: readonly Detection[],
  leanings: ReadonlyMap<string, number>,
  model: OpinionModel = shippedBehaviourModel(),
): Detection[] {
  const opinion = opinionOn(replyFeatures(text, question), model, OPINION_BEHAVIOURS);
  const found = new Set(behaviours.map((d) => d.slug));
  let raised = OPINION_BEHAVIOURS.filter((slug) => opinion.flags[slug] >= RAISE && !found.has(slug) && (!LEAD.has(slug) || (leanings.get(slug) ?? 0) > LEANS));
  if (found.has("helpful")) raised = raised.filter((slug) => !NOT_HELPFUL.has(slug));
  else if ([...found].some((slug) => NOT_HELPFUL.has(slug))) raised = raised.filter((slug) => slug !== "helpful");
  else if (raised.includes("helpful")) {
    // Both sides raised: the surer one stands.
    const against = Math.max(0, ...raised.filter((slug) => NOT_HELPFUL.has(slug)).map((slug) => opinion.flags[slug]));
    raised = raised.filter((slug) => (opinion.flags.helpful >= against ? !NOT_HELPFUL.has(slug) : slug !== "helpful"));
  }

  // As the cues rank them: sending the user elsewhere or agreeing to everything is that failing, not a dodge.
  const out = raised.some((slug) => OUTRANK_DODGING.has(slug)) ? behaviours.filter((d) => d.slug !== "dodging") : [...behaviours];
  const find = raised.length > 0 ? finder(text) : undefined;
  for (const slug of raised) {
    const p = opinion.flags[slug];
    const words = opinion.wordsFor(slug).map((w) => ({ folded: w, at: find?.(w) }));
    // 0.6 at the threshold to 0.7 when certain: a medium finding, never a high one on the model's word alone.
    const confidence = round2(0.6 + (0.1 * (p - RAISE)) / (1 - RAISE));
    const shown = words.map(({ folded, at }) => (at === undefined ? folded : text.slice(at, at + folded.length)));
    const quoted = shown.length === 0 ? "" : ` (${shown.map((w) => `"${w}"`).join(", ")})`;
    const d: Detection = { slug, confidence, reason: `Worded like ${LIKE[slug]}${quoted}.`, severity: severityOf(confidence) };
    const first = words[0];
    if (first?.at !== undefined) d.chunk = sentenceAt(text, first.at, first.at + first.folded.length);
    out.push(d);
  }
  const order = (d: Detection) => BEHAVIOURS.indexOf(d.slug as Behaviour);
  return out.sort((a, b) => order(a) - order(b));
}
