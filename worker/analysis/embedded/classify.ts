import type { CustomDefinition, Detection } from "../types";
import { round2 } from "./cues";
import { INTENT_THRESHOLD, TOPIC_THRESHOLD, matchDefinition, normalise, words } from "./custom";
import { wordValence } from "./lexicon";
import { STOPWORDS } from "./stopwords";

/** Intents and topics from the chatbot's own lists, by keyword evidence (see custom.ts). */

export interface ClassifyInput {
  text: string;
  normText: string;
  stems: ReadonlySet<string>;
}

export function classifyIntent(input: ClassifyInput, intents: readonly CustomDefinition[]): Detection {
  let best: { def: CustomDefinition; confidence: number; reason: string; chunk?: string } | undefined;
  for (const def of intents) {
    const m = matchDefinition(def, input.text, input.normText, input.stems);
    // Strictly greater: on a tie the intent listed first wins, so results are stable.
    if (best === undefined || m.confidence > best.confidence) best = { def, ...m };
  }
  if (best !== undefined && best.confidence >= INTENT_THRESHOLD) {
    const d: Detection = { slug: best.def.slug, confidence: best.confidence, reason: best.reason };
    if (best.chunk !== undefined) d.chunk = best.chunk;
    return d;
  }
  // SPEC §5: below the threshold a new intent is proposed for a person to approve or reject.
  const key = keyWords(input.text, 2);
  const slug = key.length > 0 ? key.join("_") : "general_message";
  const closest = best === undefined ? "no intents are configured" : `closest was "${best.def.slug}" at ${best.confidence.toFixed(2)}`;
  return {
    slug,
    confidence: round2(best?.confidence ?? 0),
    reason: `No configured intent reached ${INTENT_THRESHOLD} (${closest}); suggested from the message's key words.`,
    pending: true,
  };
}

export const MAX_TOPICS = 3;

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
  return discoverTopics(input.text).map((w) => ({
    slug: w,
    confidence: 0.3,
    reason: `"${w}" is what the message is about (no configured topic matched)`,
    autoDiscovered: true,
  }));
}

const DETERMINERS = new Set(["my", "the", "your", "our", "a", "an", "this", "that", "his", "her", "their", "its", "these", "those"]);

/** Cheap noun spotting: content words right after a determiner or possessive ("my card", "the app"). */
function discoverTopics(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 1; i < ws.length && out.length < 2; i++) {
    const w = ws[i] ?? "";
    if (!DETERMINERS.has(ws[i - 1] ?? "")) continue;
    if (!isContentWord(w) || out.includes(w)) continue;
    out.push(w);
  }
  return out;
}

/** First content words of the message, used to name a suggested intent ("reset_password"). */
function keyWords(text: string, n: number): string[] {
  const out: string[] = [];
  for (const w of words(normalise(text))) {
    if (!isContentWord(w) || out.includes(w)) continue;
    out.push(w);
    if (out.length === n) break;
  }
  return out;
}

function isContentWord(w: string): boolean {
  return w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w) && wordValence(w) === 0 && /^[\p{L}\p{N}_]+$/u.test(w);
}
