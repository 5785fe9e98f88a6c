import type { Token } from "./tokenize";

/** Sentence and clause structure that changes how much a sentiment word counts. */

const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;
const CONCESSIVE = 0.5; // "although X, Y": X matters less

/**
 * Per-token weights for contrast: in a sentence with "but"/"however" the part before counts
 * half and the part after one and a half times; a leading "although/though …," clause counts half.
 */
export function clauseWeights(
  tokens: readonly Token[],
  norms: readonly string[],
): { weights: number[]; inQuestion: boolean[] } {
  const weights = new Array<number>(tokens.length).fill(1);
  const inQuestion = new Array<boolean>(tokens.length).fill(false);
  let sentenceStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const endOfSentence = t === undefined || (t.kind === "punct" && /[.!?]/.test(t.norm));
    if (!endOfSentence) continue;
    applyContrast(weights, norms, sentenceStart, i);
    if (t !== undefined && t.norm.includes("?")) inQuestion.fill(true, sentenceStart, i);
    sentenceStart = i + 1;
  }
  return { weights, inQuestion };
}

function applyContrast(weights: number[], norms: readonly string[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const n = norms[i];
    if ((n === "but" || n === "however") && i > from) {
      for (let k = from; k < i; k++) weights[k] = (weights[k] ?? 1) * BEFORE_BUT;
      for (let k = i + 1; k < to; k++) weights[k] = (weights[k] ?? 1) * AFTER_BUT;
      return;
    }
    if (n === "although" || n === "though") {
      let k = i + 1;
      while (k < to && norms[k] !== ",") k++;
      if (k < to) for (let j = i + 1; j < k; j++) weights[j] = (weights[j] ?? 1) * CONCESSIVE;
      return;
    }
  }
}
