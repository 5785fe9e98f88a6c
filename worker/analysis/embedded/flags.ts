import { USER_FLAGS, type UserFlag } from "../labels";
import type { Detection, PreviousTurn } from "../types";
import { ACRONYMS, ANGER_TERMS, INWARD_TERMS, PROFANITY } from "./affect";
import { namedInPassing } from "./competitor-roles";
import { type CueHit, findCues, sentenceSpan, toDetection } from "./cues";
import {
  BUYING_CUES,
  CHURN_CUES,
  COMPETITOR_CUES,
  CONFUSION_CUES,
  COMPETITORS_ANY_CASE,
  COMPETITORS_AS_WRITTEN,
  FRUSTRATION_CUES,
  URGENT_CUES,
} from "./flag-cues";
import { INTENSITY, isNegator, wordValence } from "./lexicon";
import { STOPWORDS } from "./stopwords";
import { squash, type SentimentDetail } from "./sentiment";
import { NOT_LEAVING, withoutPauseWhenStaying } from "./staying";
import { partOfCode, type Token } from "./tokenize";

export interface FlagContext {
  text: string;
  tokens: readonly Token[];
  sentiment: SentimentDetail;
  previous: readonly PreviousTurn[];
  competitors: readonly string[];
  /** The chatbot's own brand and product names: never a competitor, however they are named. */
  ownNames?: readonly string[];
  /** Evidence computed earlier in the same analysis (aimed sentiment needs it first), reused. */
  known?: Partial<Record<UserFlag, CueHit[]>>;
}

type Detector = (ctx: FlagContext) => CueHit[];

const DETECTORS: Record<UserFlag, Detector> = {
  churn_risk: churn,
  buying_signal: buying,
  urgent_request: urgency,
  competitor_mention: competitors,
  confused_user: (ctx) => findCues(ctx.text, CONFUSION_CUES),
  frustrated_user: frustration,
};

/** The evidence for every enabled flag, raised or not. */
export function flagEvidence(ctx: FlagContext, enabled: ReadonlySet<string>): Partial<Record<UserFlag, CueHit[]>> {
  const out: Partial<Record<UserFlag, CueHit[]>> = {};
  for (const [slug, detect] of Object.entries(DETECTORS) as [UserFlag, Detector][]) {
    if (enabled.has(slug)) out[slug] = ctx.known?.[slug] ?? detect(ctx);
  }
  return out;
}

export function toDetections(evidence: Partial<Record<UserFlag, CueHit[]>>, text: string): Detection[] {
  const out: Detection[] = [];
  for (const slug of USER_FLAGS) {
    const d = toDetection(slug, evidence[slug] ?? [], text);
    if (d !== undefined) out.push(d);
  }
  return out;
}

export function detectFlags(ctx: FlagContext, enabled: ReadonlySet<string>): Detection[] {
  return toDetections(flagEvidence(ctx, enabled), ctx.text);
}

// --- churn ---------------------------------------------------------------------------------

/** "Moving to Zendesk" is leaving; "moving to Canada" is not: a bare move counts only towards a competitor. */
/** "If I ever cancel, do I keep my invoices?" asks about a policy; nobody is leaving. */
const HYPOTHETICAL = /\b(just curious|not planning (to|on)|hypothetically|purely for|in case we ever|for the (risk register|record|procurement))\b/i;
const IF_I = /\b(if|when|once|should) (i|we) (ever |eventually |one day |later )?$/i;

function churn(ctx: FlagContext): CueHit[] {
  const { text } = ctx;
  if (HYPOTHETICAL.test(text)) return [];
  const hits = withoutPauseWhenStaying(text, text, findCues(text, CHURN_CUES, (start) => {
    const before = text.slice(Math.max(0, start - 30), start);
    const end = text.slice(start).search(/[.!?\n]/);
    return !(IF_I.test(before) && end >= 0 && text[start + end] === "?");
  }));
  if (!hits.some((h) => NEEDS_A_RIVAL.has(h.why))) return hits;
  const rivals = ctx.known?.competitor_mention ?? competitors(ctx);
  return hits.filter((h) => !NEEDS_A_RIVAL.has(h.why) || rivals.some((r) => r.start < h.end && h.start < r.end));
}

/** Churn cues that read any word as a name ("ok revolut it is"): kept only where a competitor was found in them. */
const NEEDS_A_RIVAL: ReadonlySet<string> = new Set(["moves to a named alternative", "weighs a named alternative", "passes on a rival's offer"]);

// --- buying ----------------------------------------------------------------------------------

/** "How much is Platinum? Not for me, my friend keeps bragging": a price asked about with no wish to buy. */
const NOT_BUYING = /\b(not for me|(can't|cannot|cant|couldn't) afford (it|that|this|one)|(asking|asked) for a friend|not (interested|buying|upgrading)( (in (it|that|this)|yet|now|right now))?[.!,]|not looking to (buy|upgrade|pay|change|switch))/i;

/**
 * "I'm downgrading to Basic, the Business plan isn't worth it", "reduce the subscription to 55 seats": a customer
 * shrinking what they pay for names plans and seats they leave, not ones they want (a workflow sending buying
 * signals to sales would otherwise get every downgrade); only an explicit addition still counts.
 */
const SHRINKING = /\b(?:(?<!(?:got|been|was|were|be|being) )downgrad(?:e|es|ed)|downgrading|(?:move|moving|switch|switching|go|going|drop|dropping|put|putting) (?:us |me )?(?:back |down )(?:to|onto) (?:the )?(?:free|basic|starter|lite|cheaper|cheapest|lowest|smaller)|(?:reduce|reducing|cut|cutting|lower|lowering) (?:the |our |my )?(?:subscription|plan|seats|licen[cs]es|users|seat count)(?: (?:to|from|down|by))?)\b/i;
const ADDS: ReadonlySet<string> = new Set(["wants more seats", "wants an add-on", "adds something to what they pay for", "adds to every order", "asks about adding seats"]);
/** "I bought the annual Pro subscription", "we're on the Business plan": a plan the customer already has. */
const OWNED_BEFORE = /\b(?:bought|paid for|purchased|renewed|(?:i|we)(?:'m| am|'re| are) on|(?:i|we) (?:have|had)|subscribed to)(?: (?:the|my|our|an?|this))?(?: (?:annual|yearly|monthly))?\s*$/i;
const NAMES_A_PLAN: ReadonlySet<string> = new Set(["asks about plans or trials", "asks about a bigger plan", "wants to buy more"]);

function buying(ctx: FlagContext): CueHit[] {
  const { text } = ctx;
  const hits = findCues(text, BUYING_CUES);
  if (hits.length === 0) return hits;
  if (NOT_BUYING.test(text)) return [];
  if (SHRINKING.test(text)) return hits.filter((h) => ADDS.has(h.why));
  return hits.filter((h) => !NAMES_A_PLAN.has(h.why) || !OWNED_BEFORE.test(text.slice(Math.max(0, h.start - 40), h.start)));
}

/**
 * "This saved us hours. Love it.": time the product saves is praise. The second opinion learned "love" and "hours"
 * from sarcasm about waiting ("love that my express order is taking 6 days"); here the hours are the ones saved.
 */
const TIME_SAVED = /\b(sav(e|es|ed|ing)|spar(e|es|ed|ing)) (us|me|you|them|the team|our team|my team|everyone)( \w+){0,2} (hours|days|weeks|minutes|time)\b/i;

/** "Nothing wrong, I'm retiring", "no complaints": the user says outright that nothing displeased them. */
const NO_COMPLAINT =
  /\b(nothing (is |was )?wrong( with (you|the (service|product|app|team)))?[.,!;]|no complaints?\b|not (a|any) complaint|nothing to do with (you|the (service|product|app|quality|team))|(you've|you have|you guys have|the team has) been (great|brilliant|fantastic|wonderful|amazing|lovely|so helpful))/i;

/**
 * "Mag ik een medewerker spreken?", "Could I speak to a person, please?": a person asked for politely, and nothing
 * else said, is urgent but not exasperated (the model learns "medewerker" and "person" from angry messages).
 */
const POLITE_ASK_FOR_A_PERSON =
  /^\W*(?:mag ik|kan ik|could i|can i|may i|puis-je|pourrais-je|posso|potrei|puedo|podr[ií]a|kann ich|darf ich|k[öo]nnte ich)\b[^.!?]{0,40}\b(?:medewerker|person|human|agent|someone|conseill\p{L}*|operatore|operador\p{L}*|agente|mitarbeiter\p{L}*|atendente|persona|pessoa)\b[^.!?]{0,25}\?\s*$/u;

/** Words that say a flag does not hold whatever else the message says: no second opinion overrules them. */
export const DENIALS: Partial<Record<UserFlag, RegExp>> = {
  // The user's own sales team is a colleague asking, not a purchase (the model learns "sales team" from buyers).
  buying_signal: new RegExp(`${NOT_BUYING.source}|\\b(?:our|my) (?:own )?sales (?:team|department|people|reps?|colleagues)\\b`, "i"),
  frustrated_user: new RegExp(`${TIME_SAVED.source}|${NO_COMPLAINT.source}|${POLITE_ASK_FOR_A_PERSON.source}`, "iu"),
  churn_risk: NOT_LEAVING,
};

// --- frustration -----------------------------------------------------------------------------

const OUTWARD_NEGATIVE_MILD = -0.35; // score at or below which outward negativity is itself a cue
const OUTWARD_NEGATIVE_STRONG = -0.6;

function frustration(ctx: FlagContext): CueHit[] {
  const { text, tokens, sentiment } = ctx;
  // Capitals stress a word only against lower-case text; a message all in capitals is shouting (below).
  const mixedCase = /\p{Ll}/u.test(text);
  const hits = findCues(text, FRUSTRATION_CUES)
    .filter((h) => mixedCase || h.why !== "stresses it in capitals")
    .map((h) => (h.why === "wants a human" && askedPolitely(text, h) ? { ...h, weight: POLITE_HUMAN_WEIGHT } : h));
  // A whole message in capitals is shouting, itself a sign of exasperation.
  if (!mixedCase && tokens.filter((t) => t.kind === "word").length >= 4) hits.push({ weight: 0.55, why: "shouts the whole message", start: 0, end: 0 });

  const anger = angerWords(tokens);
  if (anger !== undefined) hits.push(anger);

  // A clearly negative message is frustration when its negativity is aimed outward, i.e. not
  // mostly sadness, fear or guilt ("my dog died" is negative but nobody is frustrated).
  // Trouble events (an outage, a failed payment) make a message negative but not by themselves
  // frustrated: "the export fails with a 500" is a bug report. Only the feelings count here.
  const feeling = squash(sentiment.sum - sentiment.troubleSum);
  const outward = outwardShare(tokens, sentiment);
  if (feeling <= OUTWARD_NEGATIVE_MILD && outward >= 0.5) {
    const strong = feeling <= OUTWARD_NEGATIVE_STRONG;
    hits.push({ weight: strong ? 0.5 : 0.35, why: "strongly negative about something", start: 0, end: 0 });
  }

  // Praise wrapped around a failure ("Great, it crashed again 🙄") is frustration in disguise.
  if (sentiment.sarcastic === true) hits.push({ weight: 0.6, why: "sarcastic about a failure", start: 0, end: 0 });

  const repeat = repeatsEarlierMessage(text, ctx.previous);
  if (repeat) hits.push({ weight: 0.45, why: "repeats an earlier message", start: 0, end: 0 });

  // Shouting and "!!" amplify other evidence but are not frustration on their own ("GREAT NEWS!!").
  if (hits.length > 0 && sentiment.score <= 0) {
    const shout = shouting(tokens, text);
    if (shout !== undefined) hits.push(shout);
    if (/[!?]*![!?]*[!?]|\?!/.test(text)) hits.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });
  }

  // A clearly positive message is not frustration unless it also says so outright
  // ("I love the app but I'm so annoyed the export broke again").
  if (sentiment.score >= 0.2 && !hits.some((h) => h.weight >= 0.8)) return [];
  return hits;
}

/**
 * "Can I speak to a person please" asks for a human without exasperation (the labelled sets call it urgent at most):
 * asked politely, the wish for a human needs company to be frustration ("I've restarted it THREE times. Can I talk to
 * an actual person?"). Demanded ("get me a real person"), or with a bot called useless, it stands alone.
 */
const POLITE_HUMAN_WEIGHT = 0.45;
const HUMAN_ASKED_FOR = /\b(?:talk|speak|chat) (?:to|with)\b|\b(?:actual|real|live) (?:human|person|agent)\b/i;
const POLITE_REQUEST =
  /^\W*(?:(?:hi|hello|hey|ok|okay|sorry)\b[\s,!.]*)?(?:(?:can|could|may|might) (?:i|we|you)\b|is (?:there|it possible)\b|would (?:it be possible|you)\b|i(?:'d| would) like\b|i was wondering\b)|\bplease\b/i;

function askedPolitely(text: string, hit: CueHit): boolean {
  if (!HUMAN_ASKED_FOR.test(text.slice(hit.start, hit.end))) return false;
  const sentence = sentenceSpan(text, hit.start, hit.end);
  return POLITE_REQUEST.test(text.slice(sentence.start, sentence.end));
}

function angerWords(tokens: readonly Token[]): CueHit | undefined {
  let best: CueHit | undefined;
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || (t.kind !== "word" && t.kind !== "hashtag")) continue;
    const w = ANGER_TERMS.get(t.norm);
    if (w === undefined || partOfCode(tokens, i)) continue;
    // "fucking brilliant": an intensifier in front of praise is emphasis, not anger.
    if (INTENSITY.has(t.norm) && wordValence(tokens[i + 1]?.norm ?? "") > 0) continue;
    // "I'm not angry", "not stupid" — negated anger is not anger (swearing stays rude).
    const p1 = tokens[i - 1]?.norm ?? "";
    const p2 = tokens[i - 2]?.norm ?? "";
    if (!PROFANITY.has(t.norm) && (isNegator(p1) || isNegator(p2))) continue;
    total++;
    if (best === undefined || w > best.weight) best = { weight: w, why: "angry or contemptuous wording", start: t.start, end: t.end };
  }
  // Several anger words in one message is stronger evidence than one.
  if (best !== undefined && total > 1) best.weight = Math.min(0.95, best.weight + 0.1 * (total - 1));
  return best;
}

function outwardShare(tokens: readonly Token[], sentiment: SentimentDetail): number {
  let inward = 0;
  let all = 0;
  for (const c of sentiment.cues) {
    if (c.value >= 0) continue;
    all += -c.value;
    const t = tokens[c.index];
    if (t !== undefined && INWARD_TERMS.has(t.norm)) inward += -c.value;
  }
  return all === 0 ? 0 : 1 - inward / all;
}

/** Words written in capitals to stress a deadline: urgency, which the urgency cues read, not shouting. */
const URGENT_CAPS: ReadonlySet<string> = new Set(["NOW", "RIGHT", "TODAY", "ASAP", "URGENT", "IMMEDIATELY", "TONIGHT"]);

/**
 * A short word in capitals is shouted only when it is an everyday word ("NOT", "WHY", "STOP", "AWFUL"); the rest
 * of the short ones are abbreviations no list can hold ("VAT", "HMRC", "MTD", "LBL"). Five letters or more count.
 */
const SHOUTED: ReadonlySet<string> = new Set(["stop", "fix", "help", "ever", "once", "done", "paid", "sent", "gone", "lost", "zero", "none", "wait", "days", "week", "hour", "year", "time", "twice"]);
const shoutable = (t: Token): boolean => t.raw.length >= 5 || STOPWORDS.has(t.norm) || wordValence(t.norm) !== 0 || SHOUTED.has(t.norm);

function shouting(tokens: readonly Token[], text: string): CueHit | undefined {
  // "[NAME]"-style redaction placeholders are not shouting.
  const loud = tokens.filter((t) => t.caps && t.raw.length >= 3 && !ACRONYMS.has(t.raw) && !URGENT_CAPS.has(t.raw) && shoutable(t) && text[t.start - 1] !== "[");
  const words = tokens.filter((t) => t.kind === "word").length;
  const allCaps = !/\p{Ll}/u.test(text) && words >= 3;
  if (loud.length < 2 && !allCaps) return undefined;
  const first = loud[0];
  return { weight: loud.length >= 3 || allCaps ? 0.45 : 0.3, why: "writes in capitals", start: first?.start ?? 0, end: first?.end ?? 0 };
}

/** The user sends (nearly) the same message again: a classic sign the bot is not helping. */
function repeatsEarlierMessage(text: string, previous: readonly PreviousTurn[]): boolean {
  if (!previous.some((t) => t.role === "user")) return false;
  const mine = contentWords(text);
  if (mine.size < 3) return false;
  for (const turn of previous) {
    if (turn.role !== "user") continue;
    const theirs = contentWords(turn.content);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared++;
    if (shared / Math.max(mine.size, theirs.size) >= 0.7) return true;
  }
  return false;
}

function contentWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

// --- urgency & competitors -------------------------------------------------------------------

function urgency(ctx: FlagContext): CueHit[] {
  const hits = findCues(ctx.text, URGENT_CUES, (start, end) => !namesTheWord(ctx.text, start, end)).filter(
    // "Nothing urgent, but…" asks calmly.
    (h) => h.why !== "says it is urgent" || !/\bnothing\s+(?:too\s+|very\s+|really\s+|super\s+)?$/i.test(ctx.text.slice(Math.max(0, h.start - 24), h.start)),
  );
  if (hits.length > 0 && /!{2,}/.test(ctx.text)) hits.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });
  return hits;
}

/** Words that are a product's vocabulary ("mark a ticket as urgent", "the escalation policy"). */
const META_BEFORE = /(?:["'“‘]|\b(?:mark(?:ed)?|set|sets|flag(?:ged)?|label(?:led)?|tag(?:ged)?|priority|severity|status|called|named|counts? as|means?|option|field|filter(?:s|ed)? (?:by|for)?)\s+(?:(?:it|a|an|the|this|that|them|tickets?|messages?|conversations?|cases?|issues?|alerts?)\s+)?(?:as|to)?\s*(?:an?\s+)?)$/i;
const META_AFTER = /^["'”’]?\s*(?:option|flag|label|tag|field|alerts?|tickets?|severity|setting|settings|polic(?:y|ies)|feature|delivery|shipping|status|level|tier|queue|category|filter|rule|rules|workflow|button|mode|plan|priority|contacts?)\b/i;
const META_QUESTION = /^\s*(?:how|what|where|which|does|do|is there|are there|when|why|can (?:i|we) (?:set|mark|change|configure|filter))\b/i;

/**
 * "How do I mark a ticket as urgent?" asks about a feature; "this is urgent" is urgent. An urgency
 * word counts only when it is said about the user's own situation.
 */
function namesTheWord(text: string, start: number, end: number): boolean {
  const hit = { start, end };
  const before = text.slice(Math.max(0, hit.start - 40), hit.start);
  const after = text.slice(hit.end, hit.end + 20);
  if (META_BEFORE.test(before) && !/\b(?:treat|handle|consider|deal with)\b[^.!?]*$/i.test(before)) return true;
  if (META_AFTER.test(after)) return true;
  const sentenceStart = Math.max(text.lastIndexOf(".", hit.start), text.lastIndexOf("?", hit.start - 1), text.lastIndexOf("!", hit.start), text.lastIndexOf("\n", hit.start)) + 1;
  const sentenceEnd = text.slice(hit.end).search(/[.!?\n]/);
  const asked = sentenceEnd >= 0 && text[hit.end + sentenceEnd] === "?";
  return asked && META_QUESTION.test(text.slice(sentenceStart, hit.start)) && !/\b(my|our|we|i'm|i am|us|me)\b/i.test(text.slice(sentenceStart, hit.start));
}

const NAME_CACHE = new Map<string, RegExp>();
/**
 * The same list object (the built-in names, a configuration's competitors) asked for again is answered without
 * joining its names into a key: that join, ~330 names, was ~10 µs of every message.
 */
const BY_LIST = new WeakMap<readonly string[], { gu?: RegExp; giu?: RegExp }>();

function nameRegex(names: readonly string[], flags: "gu" | "giu"): RegExp {
  const known = BY_LIST.get(names)?.[flags];
  if (known !== undefined) return known;
  const re = nameRegexByKey(names, flags);
  BY_LIST.set(names, { ...BY_LIST.get(names), [flags]: re });
  return re;
}

function nameRegexByKey(names: readonly string[], flags: "gu" | "giu"): RegExp {
  const key = `${flags}\u0000${names.join("\u0000")}`;
  let re = NAME_CACHE.get(key);
  if (re === undefined) {
    const alts = names
      .map((n) => n.trim())
      .filter((n) => n.length >= 2)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
    re = alts.length === 0 ? /$^/g : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])`, flags);
    if (NAME_CACHE.size > 64) NAME_CACHE.clear();
    NAME_CACHE.set(key, re);
  }
  return re;
}

type Span = { start: number; end: number };
const overlaps = (spans: readonly Span[], start: number, end: number): boolean => spans.some((s) => start < s.end && s.start < end);

/** The first name `re` finds that is named as an alternative (competitor-roles.ts), skipping `own` spans. */
function namedCompetitor(text: string, re: RegExp, own: readonly Span[]): CueHit | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (overlaps(own, m.index, end)) continue;
    if (namedInPassing(text, m.index, end)) continue;
    return { weight: 0.85, why: "names a competitor", start: m.index, end };
  }
  return undefined;
}

export function competitors(ctx: Pick<FlagContext, "text" | "competitors" | "ownNames">): CueHit[] {
  const { text } = ctx;
  const own = ownNameSpans(text, ctx.ownNames ?? []);
  const hits = findCues(text, COMPETITOR_CUES).filter((h) => !overlaps(own, h.start, h.end));
  // The operator's own list is matched in any case; of the built-in names, those that are everyday words in lower
  // case only as written, so "zoom in", "cut me some slack" or "ups, wrong address" never count. A chatbot's own
  // name is passed over, so "Vodafone bills me £40, Telekom would be £25" still finds Telekom on Vodafone's chatbot.
  const named =
    (ctx.competitors.length > 0 ? namedCompetitor(text, nameRegex(ctx.competitors, "giu"), own) : undefined) ??
    namedCompetitor(text, nameRegex(COMPETITORS_ANY_CASE, "giu"), own) ??
    namedCompetitor(text, nameRegex(COMPETITORS_AS_WRITTEN, "gu"), own);
  if (named !== undefined) hits.push(named);
  return hits;
}

/** Where the chatbot's own names stand in the text ("My Vodafone bill is wrong" on Vodafone's own chatbot). */
function ownNameSpans(text: string, ownNames: readonly string[]): Span[] {
  if (ownNames.length === 0) return [];
  const re = nameRegex(ownNames, "giu");
  re.lastIndex = 0;
  const spans: Span[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Moving towards a name: "switching to", "porting our lines to", "ich wechsle zu", "je passe chez", "me cambio a". */
const JOINING_BEFORE =
  /(?:switch\p{L}*|mov(?:e|es|ing|ed)|port(?:ing|ed)?|com(?:e|ing)|join\p{L}*|go(?:ing)?|transfer\p{L}*|migrat\p{L}*|wechs\p{L}*|umzieh\p{L}*|pass\p{L}*|cambi\p{L}*|mud\p{L}*|overstap\p{L}*|vado|vou|voy)(?![\p{L}])[^.!?\n]{0,30}?(?<![\p{L}])(?:to|over to|zu|nach|à|a|au|chez|vers|al|para|pra|per|naar|bij)\s+$/iu;

/**
 * The sentences in which the user moves towards one of the chatbot's own names ("I'm switching to Vodafone next
 * month" on Vodafone's chatbot): someone arriving, so no leaving read there is churn.
 */
export function joiningSpans(text: string, ownNames: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const span of ownNameSpans(text, ownNames)) {
    if (JOINING_BEFORE.test(text.slice(Math.max(0, span.start - 80), span.start))) out.push(sentenceSpan(text, span.start, span.end));
  }
  return out;
}

/** Churn evidence without what was read in a sentence where the user arrives at the chatbot's own company. */
export function withoutArriving(text: string, hits: readonly CueHit[], ownNames: readonly string[]): CueHit[] {
  if (ownNames.length === 0 || hits.length === 0) return [...hits];
  const arriving = joiningSpans(text, ownNames);
  return arriving.length === 0 ? [...hits] : hits.filter((h) => !overlaps(arriving, h.start, h.end));
}

/** A language pack's competitor evidence without what rests on one of the chatbot's own names. */
export function withoutOwnNames(text: string, hits: readonly CueHit[], ownNames: readonly string[]): CueHit[] {
  const own = ownNameSpans(text, ownNames);
  return hits.filter((h) => !overlaps(own, h.start, h.end));
}

/** Competitor, confusion and churn evidence, which aimed sentiment needs before the other flags run. */
export function earlyFlagEvidence(ctx: FlagContext): { competitor_mention: CueHit[]; confused_user: CueHit[]; churn_risk: CueHit[] } {
  const competitor_mention = competitors(ctx);
  const churn_risk = churn({ ...ctx, known: { competitor_mention } });
  return { competitor_mention, confused_user: DETECTORS.confused_user(ctx), churn_risk };
}
