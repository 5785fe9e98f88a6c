/**
 * What the learned second opinion (opinion.ts) reads of a message: its words, word pairs and the four-letter
 * pieces of each word, without case or accents. The pieces are what lets a model trained on a few thousand
 * messages recognise "stornieren" from "storniert" and "cancelación" from "cancelar"; the words and pairs keep
 * what the pieces lose ("not happy", "need it today"). Shared by the analyzer and its training script
 * (scripts/train-opinion.ts), so both always read a message alike.
 */

/** The flags the second opinion gives a probability for, in the order of its weights. */
export const OPINION_FLAGS = ["churn_risk", "frustrated_user", "buying_signal", "competitor_mention", "urgent_request", "confused_user"] as const;

/**
 * The behaviours the second opinion on assistant replies (behaviour-opinion.ts) gives a probability for, in the order
 * of its weights. Not `over_apologizing`: counting apologies is what the cues do best, and a model of words took a
 * single "I'm so sorry" for too many.
 */
export const OPINION_BEHAVIOURS = ["helpful", "yes_man", "dodging", "hallucinating", "redirecting", "verbose", "robotic"] as const;

/**
 * A trained second opinion: per flag (OPINION_FLAGS order) a bias and, per feature, one weight, all in
 * hundredths. The shipped one is opinion-model.ts; the eval trains one without the set it scores.
 */
export interface OpinionModel {
  readonly bias: readonly number[];
  readonly weights: ReadonlyMap<string, ArrayLike<number>>;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Beyond this the rest of a long message adds little but time: the start says what it is about. */
export const MAX_FOLDED = 2_000;
const TOKEN = /[\p{L}\p{N}']+|[!?]+|\p{Extended_Pictographic}/gu;
const MARKS = /\p{M}/gu;

/** Lower case, accents and curly apostrophes taken off: "Kündigung" and "kundigung", "don’t" and "don't" are one. */
export function foldText(text: string): string {
  return text.slice(0, MAX_FOLDED).normalize("NFD").replace(MARKS, "").toLowerCase().replace(/’/g, "'");
}

/**
 * Every feature of a message once, in the order met: `u:` a word, `b:` two words in a row, `c:` four letters of
 * a word (with its edges as spaces).
 */
export function opinionFeatures(text: string): Set<string> {
  const words = foldText(text).match(TOKEN) ?? [];
  const keys = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    keys.add(`u:${word}`);
    const next = words[i + 1];
    if (next !== undefined) keys.add(`b:${word} ${next}`);
    const edged = ` ${word} `;
    for (let k = 0; k + 4 <= edged.length; k++) keys.add(`c:${edged.slice(k, k + 4)}`);
  }
  return keys;
}

/**
 * What the second opinion on an assistant reply reads: the reply's features, and the words and pairs of the user's
 * question marked `q` ("qu:refund", "qb:can i") — a reply is helpful or evasive only against what was asked.
 */
export function replyFeatures(reply: string, question: string | undefined): Set<string> {
  const keys = opinionFeatures(reply);
  if (question !== undefined) for (const key of opinionFeatures(question)) if (!key.startsWith("c:")) keys.add(`q${key}`);
  return keys;
}

/** The word or words a feature stands for, as a reason can quote them; null for a piece of a word or the question's words. */
export function wordsOf(key: string): string | null {
  return key.startsWith("c:") || key.startsWith("q") ? null : key.slice(2);
}
