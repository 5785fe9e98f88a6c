import type { UserFlag } from "../../labels";
import { type CueHit, type CuePattern, cue, findCues } from "../cues";
import { type Folded, originalOffset } from "./fold";
import type { LanguagePack } from "./pack";
import type { ExtraValence, ForeignSentiment } from "./sentiment";

/**
 * Flag evidence for one message: each language's phrase cues, cancelled by that language's
 * negation, plus the language-independent signals the English detector also uses (strong outward
 * negativity, capitals and "!!" as amplifiers, "???" as confusion).
 */

const OUTWARD_NEGATIVE_MILD = -0.35;
const OUTWARD_NEGATIVE_STRONG = -0.6;
/** Negation is looked for this far back, within the clause. */
const NEGATION_LOOKBACK = 60;

/** Punctuation cues that mean the same in every language. */
const SHARED_CONFUSION: readonly CuePattern[] = [
  cue(0.55, "piles up question marks", "\\?\\s*\\?\\s*\\?"),
  cue(0.45, "doubles the question mark", "\\?\\s*\\?"),
  cue(0.4, "hesitates", "🤔|¿\\s*\\?"),
];

/** Abbreviations written in capitals that are not shouting. */
const ACRONYMS =
  /^(?:API|PDF|CSV|URL|SSO|SEPA|IBAN|BIC|IT|EU|USA|GB|MB|GB|KB|TB|CPU|RAM|SMS|PIN|TAN|QR|IOS|SSL|DNS|VPN|CRM|ERP|SAP|AWS|B2B|B2C|MWST|UST|TVA|IVA|NIF|CIF|DNI|CPF|CNPJ|BTW|KVK|FAQ|OK|HTTP|HTTPS|JSON|XML|HTML|CSS|SDK|UI|UX|AG|GMBH|SA|SL|SRL|SPA|BV|NV|LTDA|SAS|SARL)$/;

export type FlagHits = Partial<Record<UserFlag, CueHit[]>>;

/** Phrase cues per flag, negation applied; offsets into the folded text. */
export function findFlagCues(folded: Folded, pack: LanguagePack): FlagHits {
  const out: FlagHits = {};
  const text = folded.text;
  for (const [flag, cues] of Object.entries(pack.flags) as [UserFlag, LanguagePack["flags"][UserFlag]][]) {
    if (cues === undefined) continue;
    const negatable = pack.negatableWhys;
    const raw = findCues(text, cues.map((c) => c.pattern));
    const hits = raw.filter((h) => !negatable.has(h.why) || !negated(text, h.start, h.end, pack));
    if (hits.length > 0) out[flag] = hits;
  }
  const confusion = findCues(text, SHARED_CONFUSION);
  if (confusion.length > 0) out.confused_user = [...(out.confused_user ?? []), ...confusion];
  return out;
}

/**
 * What the phrase cues say about sentiment: giving up on the vendor and saying one has had enough
 * are negative even without an emotion word ("ich habe die Nase voll", "me doy de baja").
 */
export function cueValence(hits: FlagHits): ExtraValence[] {
  const out: ExtraValence[] = [];
  for (const h of hits.frustrated_user ?? []) out.push({ start: h.start, end: h.end, valence: -3.5 * h.weight, note: h.why });
  for (const h of hits.churn_risk ?? []) if (h.weight >= 0.7) out.push({ start: h.start, end: h.end, valence: -1.5, note: h.why });
  return out;
}

/** Adds the evidence that needs the sentiment and maps every offset back into the original text. */
export function finishFlags(original: string, folded: Folded, cueHits: FlagHits, sentiment: ForeignSentiment): FlagHits {
  const out: FlagHits = {};
  for (const [flag, hits] of Object.entries(cueHits) as [UserFlag, CueHit[]][]) out[flag] = toOriginal(hits.map((h) => ({ ...h })), folded);
  const text = folded.text;

  const frustrated = out.frustrated_user ?? [];
  // A reported failure alone is a bug report, not frustration; emotional wording on top of it is.
  if (sentiment.score <= OUTWARD_NEGATIVE_MILD) {
    const strong = sentiment.score <= OUTWARD_NEGATIVE_STRONG && sentiment.emotional;
    frustrated.push({ weight: strong ? 0.5 : 0.35, why: "strongly negative about something", start: 0, end: 0 });
  }
  // Capitals and "!!" amplify other evidence but are not frustration on their own ("SUPER, DANKE!!").
  if (frustrated.length > 0 && sentiment.score <= 0) {
    const shout = shouting(original);
    if (shout !== undefined) frustrated.push(shout);
    if (/[!?]*![!?]*[!?]|\?!/.test(text)) frustrated.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });
  }
  // A clearly positive message is not frustration unless it says so outright.
  if (frustrated.length > 0 && !(sentiment.score >= 0.2 && !frustrated.some((h) => h.weight >= 0.8))) out.frustrated_user = frustrated;
  else delete out.frustrated_user;

  const urgent = out.urgent_request;
  if (urgent !== undefined && /!{2,}/.test(text)) urgent.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });

  return out;
}

/** Cues are found in the folded text; CueHit offsets must point into the original. */
function toOriginal(hits: CueHit[], folded: Folded): CueHit[] {
  if (folded.origin === undefined) return hits;
  for (const h of hits) {
    h.start = originalOffset(folded, h.start);
    h.end = originalOffset(folded, h.end);
  }
  return hits;
}

/**
 * "ich will nicht kündigen", "no voy a cancelar", "je ne vais pas résilier", "wir kündigen nicht".
 * A negation inside a condition does not cancel the consequence: "si no lo arreglan hoy, me doy de
 * baja" and "wenn das nicht bis Freitag behoben ist, kündigen wir" are threats, not denials.
 */
function negated(text: string, start: number, end: number, pack: LanguagePack): boolean {
  // A negator inside the matched words ("ik ga niet opzeggen", "ich will das nicht kaufen").
  if (pack.flagNegationInside.test(text.slice(start, end))) return true;
  const before = text.slice(Math.max(0, start - NEGATION_LOOKBACK), start);
  const clause = before.split(/[.!?;,\n]/).pop() ?? "";
  const m = pack.flagNegationBefore.exec(clause);
  if (m !== null) {
    const head = clause.slice(0, m.index);
    const words = head.match(/\p{L}+/gu) ?? [];
    const conditional = words.some((w) => pack.conditionals.has(w));
    // Inside a condition only a negator right before the cue counts.
    const wordsBetween = m[0].trim().split(/\s+/).length - 1;
    if (!conditional || wordsBetween <= 1) return true;
  }
  if (pack.flagNegationAfter !== undefined) {
    const after = text.slice(end, end + 24);
    if (pack.flagNegationAfter.test(after)) return true;
  }
  return false;
}

function shouting(original: string): CueHit | undefined {
  const re = /(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])/gu;
  let count = 0;
  let first: RegExpExecArray | undefined;
  for (let m = re.exec(original); m !== null; m = re.exec(original)) {
    if (ACRONYMS.test(m[0])) continue;
    count++;
    first ??= m;
  }
  if (count < 2 || first === undefined) return undefined;
  return { weight: count >= 3 ? 0.45 : 0.3, why: "writes in capitals", start: first.index, end: first.index + first[0].length };
}
