import { sentenceAt } from "../cues";
import { emojiValence, emoticonValence } from "../emoji";
import { type Folded, originalOffset } from "./fold";
import { type LanguagePack, lookup } from "./pack";

/**
 * Valence model for the non-English languages, in the spirit of the English one (sum of word and
 * phrase valences adjusted by negation, intensifiers and "but"-clauses, squashed to −1…1), but over
 * folded text and each language's own lists. Support trouble ("funktioniert nicht", "doppelt
 * abgebucht") is written into the phrase lists as negative, so a bug report with no emotion word
 * still reads as negative.
 */

/** Same squash as the English model: one moderate word (2) lands near +0.45. */
const ALPHA = 15;
const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.3;
const NEGATION_WINDOW = 3;
const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;
/** Praise inside a question is asked about, not asserted ("ist das Premium-Paket gut?"). */
const POSITIVE_IN_QUESTION = 0.5;
const POSITIVE_IN_CONDITION = 0.3;
/**
 * Praise in the same sentence as a reported failure is politeness or sarcasm ("Toll, schon wieder
 * abgestürzt"), not a positive verdict.
 */
const POSITIVE_BESIDE_TROUBLE = 0.25;
const TROUBLE = -1.5;
/** Emoji that say "not meant": an eye-roll, an upside-down smile, an unamused face. */
const EYE_ROLL = /🙄|🙃|😒/u;
/** Mild single words in a question are asked about ("ist das teuer?", "ein Fehler?"). */
const MILD_NEGATIVE_IN_QUESTION = 0.5;
/** Thanks closing a question or a bug report is politeness ("Wie exportiere ich? Danke!"). */
const COURTESY_BESIDE_REQUEST = 0.3;

export interface ForeignToken {
  kind: "word" | "punct" | "emoji" | "emoticon";
  /** Folded form. */
  norm: string;
  /** Offsets into the folded text. */
  start: number;
  end: number;
}

const TOKEN_RE =
  /(\p{L}+|\p{N}+)|((?<![\p{L}\p{N}])[:;=][-']?[()\[\]dp\/\\|]+(?![\p{L}\p{N}]))|(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)|([!?¡¿]+|\.{2,}|…|[.,;:])/gu;

export function tokenizeFolded(text: string): ForeignToken[] {
  const out: ForeignToken[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const kind = m[1] !== undefined ? "word" : m[2] !== undefined ? "emoticon" : m[3] !== undefined ? "emoji" : "punct";
    out.push({ kind, norm: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

interface Scored {
  value: number;
  start: number;
  end: number;
  note: string;
}

export interface ForeignSentiment {
  score: number;
  chunk: string;
  reason: string;
  /** Whether a support-trouble phrase was found. */
  trouble: boolean;
  /** Whether an emotional word (anger, disgust, contempt) was found, not just a reported failure. */
  emotional: boolean;
  /** Opens with praise ("Génial, …") and then reports trouble. */
  sarcasm: boolean;
}

/** Phrase evidence found by the flag cues that also carries valence ("die Nase voll", "kündigen"). */
export interface ExtraValence {
  start: number;
  end: number;
  valence: number;
  note: string;
  /** Whether it counts less inside a question, like a single mild word. */
  dampen: boolean;
}

/** Lexicon words at or below this are emotions ("furchtbar", "Frechheit"), not reported failures. */
const EMOTIONAL = -2.5;

const isClauseEnd = (t: ForeignToken): boolean => t.kind === "punct";
// "¿" and "¡" open a new sentence, so they also close the one before ("Queremos el plan anual, ¿hay descuento?").
const isSentenceEnd = (t: ForeignToken): boolean => t.kind === "punct" && /[.!?…¿¡]/.test(t.norm);

export function scoreForeign(
  original: string,
  folded: Folded,
  tokens: readonly ForeignToken[],
  pack: LanguagePack,
  extra: readonly ExtraValence[] = [],
  complaint = false,
): ForeignSentiment {
  const text = folded.text;
  const n = tokens.length;
  const value = new Array<number>(n).fill(0);
  const span = new Array<[number, number] | undefined>(n);
  const note = new Array<string>(n).fill("");
  const covered = new Array<boolean>(n).fill(false);
  const phrase = new Array<boolean>(n).fill(false);
  const courtesy = new Array<boolean>(n).fill(false);

  // 1. Phrases first: their words must not also count on their own ("funktioniert nicht").
  let trouble = false;
  let emotional = false;
  const place = (s: number, e: number, valence: number, why: string, isPhrase = true): boolean => {
    const first = firstTokenFrom(tokens, s);
    if (first >= n || (tokens[first]?.end ?? Infinity) > e) return false;
    for (let i = first; i < n && (tokens[i]?.end ?? Infinity) <= e; i++) if (covered[i] === true) return false;
    for (let i = first; i < n && (tokens[i]?.end ?? Infinity) <= e; i++) {
      covered[i] = true;
      if (pack.courtesy.has(tokens[i]?.norm ?? "")) courtesy[first] = true;
    }
    // "nicht gut gelaufen", "niet is opgelost": praise phrases are negated like words.
    value[first] = valence > 0 && negatedBefore(tokens, first, pack) ? valence * NEGATED_POSITIVE : valence;
    phrase[first] = isPhrase;
    span[first] = [s, e];
    note[first] = why;
    return true;
  };
  for (const { pattern, valence } of pack.phrases) {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m !== null; m = pattern.re.exec(text)) {
      if (m[0] === "") {
        pattern.re.lastIndex++;
        continue;
      }
      if (place(m.index, m.index + m[0].length, valence, valence < 0 ? "reports a problem" : "") && valence <= TROUBLE) trouble = true;
    }
  }
  // Cue evidence marked `dampen` counts less in a question, like a single mild word ("ein Upgrade?").
  for (const x of extra) if (place(x.start, x.end, x.valence, x.note, !x.dampen) && x.valence <= EMOTIONAL) emotional = true;

  // 2. Words, emoji and emoticons.
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t === undefined || covered[i] === true || value[i] !== 0) continue;
    let v = 0;
    if (t.kind === "word") {
      // "super schnell": the intensifier lends its strength to the next word instead of counting twice.
      const next = tokens[i + 1];
      if (pack.intensifiers.has(t.norm) && next?.kind === "word" && lookup(pack.lexicon, next.norm) !== undefined) continue;
      v = lookup(pack.lexicon, t.norm) ?? 0;
    }
    else if (t.kind === "emoji") v = emojiValence(t.norm);
    else if (t.kind === "emoticon") v = emoticonValence(original.slice(originalOffset(folded, t.start), originalOffset(folded, t.end)));
    if (v === 0) continue;
    if (t.kind === "word") v = modify(tokens, i, v, pack, note);
    if (v <= EMOTIONAL) emotional = true;
    if (pack.courtesy.has(t.norm)) courtesy[i] = true;
    value[i] = v;
    span[i] = [t.start, t.end];
  }

  // 3. Sentence structure: "but"-clauses, questions, praise beside trouble.
  // "Génial, …" / "Toll! …" opening a message that reports trouble is sarcasm, not praise.
  const first = tokens[0];
  const opener = tokens[1]?.kind === "punct" || (tokens[1]?.kind === "word" && value[1] === 0 && tokens[2]?.kind === "punct"); // "Geweldig hoor, …"
  const praiseOpens = (i: number) => tokens[i]?.kind === "word" && !pack.courtesy.has(tokens[i]?.norm ?? "") && (value[i] ?? 0) >= 1.5;
  // An exclamation's first word carries no praise of its own ("¡Qué maravilla, …", "Che bello, …", "Na toll, …").
  const exclaimed = first?.kind === "word" && value[0] === 0 && praiseOpens(1) && tokens[2]?.kind === "punct";
  // An eye-roll beside bad news says the polite or glowing words are not meant ("… Gracias, de verdad 🙃").
  const eyeRoll = EYE_ROLL.test(original) && value.some((v) => v < 0);
  // "Zweimal abgebucht. Fantastisch.": praise standing alone as the last sentence, after the trouble, is sarcasm too.
  const last = lastWordIndex(tokens);
  const closing = last > 0 && tokens[last - 1]?.kind === "punct" && praiseOpens(last);
  const sarcasm = (trouble && ((praiseOpens(0) && opener) || exclaimed || closing)) || eyeRoll;
  applyStructure(tokens, value, phrase, pack);
  // Praise in a message that also complains of repeated failure or of having had enough is sarcasm
  // or politeness ("Super, encore planté. Génial."), wherever the sentence boundary falls.
  if (complaint || sarcasm) for (let i = 0; i < n; i++) if ((value[i] ?? 0) > 0) value[i] = (value[i] ?? 0) * POSITIVE_BESIDE_TROUBLE;
  if (trouble || text.includes("?")) {
    for (let i = 0; i < n; i++) if (courtesy[i] === true && (value[i] ?? 0) > 0) value[i] = (value[i] ?? 0) * COURTESY_BESIDE_REQUEST;
  }

  let sum = 0;
  let best = -1;
  for (let i = 0; i < n; i++) sum += value[i] ?? 0;
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000;
  for (let i = 0; i < n; i++) {
    const v = value[i] ?? 0;
    if (v === 0 || Math.sign(v) !== Math.sign(score)) continue;
    if (best < 0 || Math.abs(v) > Math.abs(value[best] ?? 0)) best = i;
  }
  const sp = best >= 0 ? span[best] : undefined;
  if (score === 0 || sp === undefined) {
    return { score: score === 0 ? 0 : score, chunk: "", reason: "No sentiment-bearing words, phrases or emoji found.", trouble, emotional, sarcasm };
  }
  const s = originalOffset(folded, sp[0]);
  const e = originalOffset(folded, sp[1]);
  const extras = [note[best], ...countOthers(value, best)].filter((x) => x !== "");
  const polarity = score > 0 ? "positive" : "negative";
  return {
    score,
    chunk: sentenceAt(original, s, e),
    reason: `Mainly "${original.slice(s, e)}" (${polarity}${extras.length > 0 ? `; ${extras.join("; ")}` : ""}).`,
    trouble,
    emotional,
    sarcasm,
  };
}

/** Index of the first token starting at or after `offset` (binary search: long messages have many hits). */
function firstTokenFrom(tokens: readonly ForeignToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? Infinity) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countOthers(value: readonly number[], best: number): string[] {
  let others = 0;
  for (let i = 0; i < value.length; i++) if (i !== best && (value[i] ?? 0) !== 0) others++;
  return others > 0 ? [`${others} other cue${others > 1 ? "s" : ""}`] : [];
}

function negatedBefore(tokens: readonly ForeignToken[], i: number, pack: LanguagePack): boolean {
  for (let k = i - 1; k >= 0 && k >= i - NEGATION_WINDOW; k--) {
    const p = tokens[k];
    if (p === undefined || isClauseEnd(p)) break;
    if (pack.conditionals.has(p.norm)) break;
    if (pack.negators.has(p.norm)) return true;
  }
  return false;
}

/** Negation and intensifiers around word i. */
function modify(tokens: readonly ForeignToken[], i: number, v: number, pack: LanguagePack, note: string[]): number {
  let out = v;
  let negated = negatedBefore(tokens, i, pack);
  if (!negated) {
    // "funktioniert nicht", "marche pas", "werkt niet": the negator follows, unless it belongs to
    // a later sentiment word ("ist gut, nicht schlecht" has a comma; "nicht schlecht" is its own).
    for (let k = i + 1; k < tokens.length && k <= i + 2; k++) {
      const q = tokens[k];
      if (q === undefined || q.kind !== "word") break;
      if (pack.postNegators.has(q.norm)) {
        const after = tokens[k + 1];
        const nextHasValence = after !== undefined && after.kind === "word" && lookup(pack.lexicon, after.norm) !== undefined;
        negated = !nextHasValence;
        break;
      }
    }
  }
  const p1 = tokens[i - 1];
  const p2 = tokens[i - 2];
  const boost = (p1 !== undefined ? pack.intensifiers.get(p1.norm) : undefined) ?? (p2 !== undefined && p1?.kind === "word" ? pack.intensifiers.get(p2.norm) : undefined);
  if (boost !== undefined) out *= boost;
  if (negated) {
    out *= out > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
    note[i] = "negated";
  }
  return out;
}

function applyStructure(tokens: readonly ForeignToken[], value: number[], phrase: readonly boolean[], pack: LanguagePack): void {
  const n = tokens.length;
  let sentenceStart = 0;
  for (let i = 0; i <= n; i++) {
    const t = tokens[i];
    if (t !== undefined && !isSentenceEnd(t)) continue;
    const question = t !== undefined && t.norm.includes("?");
    let hasTrouble = false;
    for (let k = sentenceStart; k < i; k++) if ((value[k] ?? 0) <= TROUBLE) hasTrouble = true;
    let inCondition = false;
    for (let k = sentenceStart; k < i; k++) {
      const w = tokens[k];
      if (w !== undefined && pack.conditionals.has(w.norm)) inCondition = true;
      else if (w?.kind === "punct") inCondition = false;
      const v = value[k] ?? 0;
      if (question && v < 0 && v > -2 && phrase[k] !== true) value[k] = v * MILD_NEGATIVE_IN_QUESTION;
      if (v <= 0) continue;
      if (question) value[k] = v * POSITIVE_IN_QUESTION;
      else if (hasTrouble) value[k] = v * POSITIVE_BESIDE_TROUBLE;
      // "no sé si lo estoy haciendo bien": praise inside a condition is not asserted.
      if (inCondition) value[k] = (value[k] ?? 0) * POSITIVE_IN_CONDITION;
    }
    for (let k = sentenceStart; k < i; k++) {
      const w = tokens[k];
      if (w === undefined || !pack.contrast.has(w.norm)) continue;
      // A sentence opening with "Aber …" contrasts with everything said before it.
      const from = k === sentenceStart ? 0 : sentenceStart;
      for (let j = from; j < k; j++) value[j] = (value[j] ?? 0) * BEFORE_BUT;
      for (let j = k + 1; j < i; j++) value[j] = (value[j] ?? 0) * AFTER_BUT;
      break;
    }
    sentenceStart = i + 1;
  }
}

/** The last word of the message, past any closing punctuation or emoji; -1 when there is none. */
function lastWordIndex(tokens: readonly { kind: string }[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const kind = tokens[i]?.kind;
    if (kind === "word") return i;
    if (kind !== "punct" && kind !== "emoji" && kind !== "emoticon") return -1;
  }
  return -1;
}
