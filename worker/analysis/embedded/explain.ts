import { sentimentLabel } from "../labels";
import type { SentimentResult } from "../types";
import { sentenceAt } from "./cues";
import type { Cue, SentimentDetail } from "./sentiment";
import type { Token } from "./tokenize";

/** Turns the scoring detail into what is stored and shown: label, quoted chunk, one-line reason. */

export function toSentimentResult(detail: SentimentDetail, tokens: readonly Token[], text: string): SentimentResult {
  const label = sentimentLabel(detail.score);
  const top = strongestCue(detail.cues, detail.score);
  if (top === undefined) {
    return { score: detail.score, label, chunk: "", reason: "No sentiment-bearing words, emoji or emoticons found." };
  }
  const first = tokens[top.index];
  const lastTok = tokens[top.last];
  const cueText = first !== undefined && lastTok !== undefined ? text.slice(first.start, lastTok.end) : "";
  const chunk = first !== undefined && lastTok !== undefined ? sentenceAt(text, first.start, lastTok.end) : "";
  const extras: string[] = [...top.notes];
  if (detail.exclamations > 0) extras.push(`${detail.exclamations} exclamation mark${detail.exclamations > 1 ? "s" : ""}`);
  if (detail.shouted) extras.push("written in capitals");
  const others = detail.cues.length - 1;
  if (others > 0) extras.push(`${others} other cue${others > 1 ? "s" : ""}`);
  const polarity = top.value > 0 ? "positive" : "negative";
  const reason = `Mainly "${cueText}" (${polarity}${extras.length > 0 ? `; ${extras.join("; ")}` : ""}).`;
  return { score: detail.score, label, chunk, reason };
}

/** The cue pulling hardest in the direction of the final score. */
function strongestCue(cues: readonly Cue[], score: number): Cue | undefined {
  let best: Cue | undefined;
  for (const c of cues) {
    if (score !== 0 && Math.sign(c.value) !== Math.sign(score)) continue;
    if (best === undefined || Math.abs(c.value) > Math.abs(best.value)) best = c;
  }
  return best ?? cues[0];
}
