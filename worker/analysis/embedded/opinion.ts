/**
 * A second opinion on a user message's flags, learned from the labelled support messages of bench/eval/ (a
 * logistic regression per flag on words, word pairs and pieces of words: opinion-features.ts,
 * opinion-train.ts). The cues say precisely why they fire but know only the phrasings someone wrote down; the
 * model has read how some four thousand messages put things and recognises a new wording of a known situation
 * ("we won't need the team seats after March"). It is heard at one edge only: a flag the cues did not raise is
 * raised when the model is at least RAISE sure of it. Letting it also veto weak cue hits, or judge sentiment,
 * measured worse on sets it had not seen (bench/eval/README.md, "The learned second opinion").
 */
import type { Detection } from "../types";
import { negatedBefore, round2, sentenceAt, severityOf } from "./cues";
import { namedInPassing } from "./competitor-roles";
import { DENIALS, joiningSpans } from "./flags";
import { arrivingCustomer } from "./languages/flags";
import { foldText, MAX_FOLDED, OPINION_FLAGS, opinionFeatures, sigmoid, wordsOf, type OpinionModel } from "./opinion-features";
import { OPINION_BIAS, OPINION_WEIGHTS } from "./opinion-model";
import { STOPWORDS } from "./stopwords";
import { CANCELS_ONE_OFF, LEAVING_BESIDE, OUTGROWN_PLAN } from "./staying";

export type OpinionFlag = (typeof OPINION_FLAGS)[number];

/**
 * How sure the model must be to raise a flag the cues missed. Chosen on first reads — each blind set scored by
 * the analyzer as it was before that set was written, with a model trained only on the sets before it — where
 * 0.8 to 0.95 all gained, and the higher thresholds were the more precise on ordinary messages ("I need help
 * with my account" is no emergency). Frustration, which the lexicons and cues already read best, gained most
 * at 0.95 and lost least on the public sets there.
 */
export const RAISE: Record<OpinionFlag, number> = {
  churn_risk: 0.9,
  frustrated_user: 0.95,
  buying_signal: 0.9,
  competitor_mention: 0.9,
  urgent_request: 0.9,
  confused_user: 0.9,
};

let shipped: OpinionModel | undefined;

/** The committed model, read once per isolate on the first message analysed (readModel). */
export function shippedOpinionModel(): OpinionModel {
  return (shipped ??= readModel(OPINION_WEIGHTS, OPINION_BIAS, OPINION_FLAGS.length));
}

/**
 * A committed model's text (modelModule in opinion-train.ts) in one pass into one array of weights (15–30 ms
 * for the user model on this project's 2-core machine; splitting it into lines and numbers took 3–8× as long).
 */
export function readModel(text: string, bias: readonly number[], n: number): OpinionModel {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === NEWLINE) lines++;
  const all = new Int16Array(lines * n);
  const weights = new Map<string, Int16Array>();
  for (let at = 0, row = 0; at < text.length; row++) {
    const tab = text.indexOf("\t", at);
    let i = tab + 1;
    for (let o = 0, value = 0, negative = false; ; i++) {
      const c = i < text.length ? text.charCodeAt(i) : NEWLINE;
      if (c === MINUS) negative = true;
      else if (c >= DIGIT_0 && c <= DIGIT_9) value = value * 10 + (c - DIGIT_0);
      else {
        all[row * n + o++] = negative ? -value : value;
        value = 0;
        negative = false;
        if (c === NEWLINE) break;
      }
    }
    weights.set(text.slice(at, tab), all.subarray(row * n, row * n + n));
    at = i + 1;
  }
  return { bias, weights };
}

const NEWLINE = 10;
const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** Function words that still say something when a reason quotes them ("now", "again"). */
const TELLING = new Set(["now", "again", "never", "nothing", "nobody", "still", "why", "need"]);

/**
 * The commonest function words of the six other languages, folded (articles, pronouns, prepositions, auxiliaries):
 * "wir", "zu", "een" explain nothing in a reason.
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  `der die das den dem des ein eine einen einem einer und oder aber ich du er sie es wir ihr mich mir dich dir uns euch
  mein meine ihr ihre zu mit von fur auf aus bei nach an in im am um ist sind war bin hat habe haben wird werden
  kann nicht noch schon auch nur so wie was wer wo wenn dass als
  le la les un une des du de et ou mais je tu il elle nous vous ils elles me te se mon ma mes ton ta vos votre notre
  a au aux en dans sur pour par avec sans est sont suis ai as avons avez ont ce cet cette ces que qui ne pas plus y
  el los las unos unas del al y o pero yo tu el ella nosotros vosotros ellos mi mis su sus lo le les con sin por para
  es son soy estoy esta estan he ha han hay que quien no si muy ya
  o os uma um uns umas do da dos das no na nos nas ao e eu ele ela nos eles elas meu minha seu sua com sem por para
  e sao sou estou esta tem ter foi nao sim muito ja
  il lo gli i una uno di da del della dei delle nel nella al alla e ed ma io tu lui lei noi voi loro mio mia suo sua
  con senza per su tra fra e sono sono ho hai ha abbiamo hanno che chi non piu gia
  de het een en of maar ik jij je hij zij ze wij we jullie mij me mijn ons onze u uw van voor met zonder op in aan
  bij naar uit om te is zijn ben was heb hebt heeft hebben wordt worden kan niet nog al ook wel dat die wat wie dan`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** A word worth quoting in a reason: not a bare function word or a number. */
const tellingWord = (w: string) => /\p{L}/u.test(w) && ((!STOPWORDS.has(w) && !FOREIGN_FUNCTION_WORDS.has(w)) || TELLING.has(w));

/** Worth quoting in a reason: a word or pair with at least one telling word. */
function telling(words: string | null): boolean {
  return words !== null && words.split(" ").some(tellingWord);
}

/** A pair as quoted: without the function word beside its telling one ("from next" → "next", "my card" → "card"). */
const tellingPart = (words: string) => words.split(" ").filter(tellingWord).join(" ");

export interface Opinion<Label extends string = OpinionFlag> {
  /** The model's probability of each flag (or behaviour). */
  flags: Record<Label, number>;
  /** The telling words behind a flag, strongest first (pieces of words, the question's words and function words are not shown). */
  wordsFor(flag: Label, limit?: number): string[];
}

export function secondOpinion(text: string, model: OpinionModel = shippedOpinionModel()): Opinion {
  return opinionOn(opinionFeatures(text), model, OPINION_FLAGS);
}

/** A model's opinion of a text read as `features`, one probability per output (in the order of its weights). */
export function opinionOn<Label extends string>(features: Iterable<string>, model: OpinionModel, outputs: readonly Label[]): Opinion<Label> {
  const sums = [...model.bias];
  const known: string[] = [];
  for (const key of features) {
    const w = model.weights.get(key);
    if (w === undefined) continue;
    known.push(key);
    for (let o = 0; o < sums.length; o++) sums[o] = (sums[o] ?? 0) + (w[o] ?? 0);
  }
  return {
    flags: Object.fromEntries(outputs.map((label, o) => [label, sigmoid((sums[o] ?? 0) / 100)])) as Record<Label, number>,
    wordsFor(label, limit = 2) {
      const o = outputs.indexOf(label);
      const weight = (key: string) => model.weights.get(key)?.[o] ?? 0;
      const candidates = known.filter((key) => weight(key) > 0 && telling(wordsOf(key))).sort((a, b) => weight(b) - weight(a));
      const shown: string[] = [];
      for (const key of candidates) {
        const words = tellingPart(wordsOf(key) as string);
        // "cancel" says nothing more once "cancel my" is shown, nor the other way round.
        if (shown.some((s) => s.includes(words) || words.includes(s))) continue;
        shown.push(words);
        if (shown.length === limit) break;
      }
      return shown;
    },
  };
}

/** What a flag raised by the model is worded like, for its reason. */
const LIKE: Record<OpinionFlag, string> = {
  churn_risk: "customers about to leave",
  frustrated_user: "frustrated customers",
  buying_signal: "customers about to buy",
  competitor_mention: "customers naming another provider",
  urgent_request: "customers who need help now",
  confused_user: "confused customers",
};

/**
 * A word in capitals, or starting with one, inside a sentence (not its first word): how a name is written. "I",
 * months and days of the week are not names of anyone's competitor.
 */
const NAME_INSIDE =
  /(?<=[\p{L}\p{N},;:)"'’]\s+)(?!(?:I|I'm|I've|I'll|I'd|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}]))\p{Lu}/u;

/**
 * The cues' flags of a user message and the flags the second opinion is sure of that the cues missed — unless
 * the message denies the flag ("not for me", DENIALS) or negates the words the model went by ("I don't want to
 * cancel"), which the model, reading words and pairs, cannot see, or the competitor it read is one of the
 * chatbot's own names. `text` is the prose the cues read, so a quoted
 * chunk's offsets hold.
 */
export function withSecondOpinion(text: string, flags: readonly Detection[], model?: OpinionModel, ownNames: readonly string[] = []): Detection[] {
  const opinion = secondOpinion(text, model);
  const out = [...flags];
  let find: ((words: string) => number | undefined) | undefined;
  for (const flag of OPINION_FLAGS) {
    const p = opinion.flags[flag];
    if (p < RAISE[flag] || out.some((d) => d.slug === flag) || DENIALS[flag]?.test(text) === true) continue;
    // A competitor is a name (or "your competitor", which the cues read): where the writer capitalises and no word
    // inside a sentence is capitalised, the model read only the mood. All-lowercase chat ("bumble is better") may still name one.
    if (flag === "competitor_mention" && /\p{Lu}/u.test(text) && !NAME_INSIDE.test(text)) continue;
    find ??= finder(text);
    const words = opinion.wordsFor(flag).map((w) => ({ folded: w, at: find?.(w) }));
    const first = words[0];
    if (first?.at !== undefined && negatedBefore(text, first.at)) continue;
    // The model has learned brand names as competitors; on that brand's own chatbot they are not.
    if (flag === "competitor_mention" && words.some((w) => ownNames.some((n) => foldText(n).includes(w.folded)))) continue;
    // Nor is a brand named in a role that makes it no alternative, as the cues read it ("my Vodafone sim", "paid with PayPal").
    if (flag === "competitor_mention" && first?.at !== undefined && namedInPassing(text, first.at, first.at + first.folded.length)) continue;
    // "I'm moving to Vodafone next month" reads like leaving; on Vodafone's own chatbot it is someone arriving.
    if (flag === "churn_risk" && ownNames.length > 0 && arrivingAt(text, ownNames, first?.at)) continue;
    // Nor is "ich wechsel gerade zu euch", "fiz a portabilidade pra vocês" someone leaving, whatever words it shares with them.
    if (flag === "churn_risk" && arrivingCustomer(foldText(text))) continue;
    if (flag === "churn_risk" && first?.at !== undefined && CANCELS_ONE_OFF.test(text.slice(first.at)) && !LEAVING_BESIDE.test(text)) continue;
    if (flag === "churn_risk" && OUTGROWN_PLAN.test(text)) continue;
    // 0.6 at the threshold to 0.7 when certain: a medium flag, never a high one on the model's word alone.
    const confidence = round2(0.6 + (0.1 * (p - RAISE[flag])) / (1 - RAISE[flag]));
    // Quoted as written ("Kündigung", not the folded "kundigung") wherever the words were found.
    const shown = words.map(({ folded, at }) => (at === undefined ? folded : text.slice(at, at + folded.length)));
    const quoted = shown.length === 0 ? "" : ` (${shown.map((w) => `"${w}"`).join(", ")})`;
    const d: Detection = { slug: flag, confidence, reason: `Worded like ${LIKE[flag]}${quoted}.`, severity: severityOf(confidence) };
    if (first?.at !== undefined) d.chunk = sentenceAt(text, first.at, first.at + first.folded.length);
    out.push(d);
  }
  return out;
}

/** The model's words stand in a sentence where the user arrives at one of the chatbot's own names (anywhere, if not found). */
function arrivingAt(text: string, ownNames: readonly string[], at: number | undefined): boolean {
  const spans = joiningSpans(text, ownNames);
  return spans.length > 0 && (at === undefined || spans.some((s) => s.start <= at && at < s.end));
}

/**
 * Where folded words stand in the text, as whole words: found in the folded text, whose offsets are the text's
 * when folding kept its length (it does for most text; when not, nothing is found and the words are shown folded).
 */
export function finder(text: string): (words: string) => number | undefined {
  const folded = foldText(text);
  if (folded.length !== Math.min(text.length, MAX_FOLDED)) return () => undefined;
  const letter = (at: number) => /[\p{L}\p{N}]/u.test(folded.charAt(at));
  return (words) => {
    for (let at = folded.indexOf(words); at >= 0; at = folded.indexOf(words, at + 1)) {
      if (!letter(at - 1) && !letter(at + words.length)) return at;
    }
    return undefined;
  };
}
