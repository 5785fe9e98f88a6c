import { DETECTION_THRESHOLD, findCues, noisyOr, strongest, type CueHit } from "./cues";
import { REQUEST_WHYS } from "./flag-cues";
import { summarise, type Cue, type SentimentDetail } from "./sentiment";
import type { Token } from "./tokenize";
import { OWN_SLIP_VERBS, RESOLVED, SARCASM_MARKERS, SARCASTIC_CLOSER, SARCASTIC_OPENER, TROUBLE_CUES } from "./trouble-cues";

/**
 * Aimed sentiment: the lexical score says how a message is worded, this pass says whom it is
 * good or bad news for. Support chat breaks word counting in four ways, each handled here:
 *  - trouble events (outage, failed payment, locked out) are negative with no feeling word;
 *  - praise aimed at a competitor ("Zendesk just works") is a complaint about us;
 *  - sarcasm wraps praise words around a failure ("Great, it crashed again 🙄");
 *  - a confused question ("I'm lost, what do you mean?") is a question, not a complaint.
 */

export interface Span {
  start: number;
  end: number;
}

export interface AimContext {
  text: string;
  tokens: readonly Token[];
  detail: SentimentDetail;
  /** Where a competitor is named or alluded to; praise in those sentences is aimed at them. */
  competitorSpans: readonly Span[];
  /** The confusion cues fired: negative words of not-understanding describe a question. */
  confused: boolean;
  /** The churn cues fired: losing the customer is bad news however politely it is said. */
  leaving?: CueHit;
}

/** Trouble asked about is softer than trouble reported ("Is the API down?" vs "The API is down"). */
const TROUBLE_IN_QUESTION = 0.7;
const COMPETITOR_PRAISE = -0.6;
const SARCASTIC_PRAISE = -0.8;
/** An eye-roll with nothing else to score is still mildly negative. */
const BARE_SARCASM = -1.5;
/** "Thanks for everything, we're moving on" is negative for us, whatever its polite words say. */
const LEAVING = -2.2;
const COURTESY = 0.3;
const POLITE_WORDS = new Set(["thanks", "thank", "thx", "ty", "cheers", "please", "appreciate", "appreciated", "welcome", "kind", "kindly", "hi", "hello", "ok", "okay", "alright"]);
/** A question, a promise to try, or a sign-off: thanks there is manners rather than satisfaction. */
const POLITE_CONTEXT = /\?|\b(i'll|i will|we'll|we will) (try|test|check|look|get back|let you know|give it a)|that'?s all|in advance|for (now|today)\b/i;
/** Words that acknowledge an answer before the next question ("Great, thanks!"): manners there, like thanks. */
const ACKNOWLEDGING = new Set(["great", "perfect", "awesome", "brilliant", "lovely", "cool", "nice", "super", "excellent", "wonderful", "fantastic", "amazing", "good"]);
/** A first sentence of acknowledgement and thanks alone, then a question. */
const ACKNOWLEDGED_QUESTION = new RegExp(
  String.raw`^\s*(?:ok(?:ay)?,?\s+)?(?:${[...ACKNOWLEDGING].join("|")})[,!. ]+(?:thanks?|thank you|thx|ty|cheers)(?: (?:so much|a lot|very much))?\s*[!.,]+\s*(?:and |one more thing:? |also,? |quick question:? )?[^?]*\?`,
  "i",
);
/** The user says the mistake was theirs. */
const OWN_SLIP = new RegExp(String.raw`\b(?:my (?:bad|fault|mistake|error)|(?:i|we) (?:${OWN_SLIP_VERBS}) (?:in )?(?:the |a |an |my |our )?wrong|silly me|user error)\b`, "i");
/** What such a message says of itself: the apology and the word for the slip. */
const SLIP_WORDS = new Set(["sorry", "oops", "whoops", "oopsie", "apologies", "wrong", "mistake", "fault", "error", "bad", "silly", "dumb", "stupid"]);
/** A competitor span that is the move away from it: "Moved over from Monzo", "switched from Looker". */
const LEFT_BEHIND_SPAN = /^(?:\S+\s+){1,3}(?:from|instead of)\s/i;
const UNFAVOURABLE_COMPARISON = -1.8;
const COMPARATIVE = /\b(better|cheaper|faster|easier|nicer|smoother|simpler|quicker|more|less|never|always|actually|just works|at least|proper|superior|beats?)\b/i;

/** The user measures us against a named competitor and we come off worse. */
const UNFAVOURABLE =
  /\b(yours|your (\w+ )?(doesn't|does not|can't|cannot|isn't|is not|won't|never)|you (guys )?(don't|do not|can't|cannot|should|really should|never)|and you (don't|can't|won't)|than (this|yours|you|your|here)|never (had|did|does|has)|prefer|at least|actually (works|finds|does|shows)|proper|(way|much|so much) (nicer|better|easier|faster|cheaper)|why (does|do|is|can|can't)|lets me|shows? (fees|prices|everything)|just saying|(has|have|charges?) no (\w+ ){0,2}(fees?|charges?|commission)|(doesn't|does not|don't|do not) charge|(refunds?|answers?|replies|responds|ships|delivers|pays out|transfers|sorts it|fixes it|does (it|this|that)) (it |this |that |me |us |everything |money )?(in|within) (minutes|seconds|an hour|(a|one) (minute|second|click)|(two|a few|\d+) (clicks|minutes|seconds))|in (one|a single) click|out of the box|takes (only |just )?(seconds|a few (seconds|minutes)|(a|one) (second|minute|click))|would have (shipped|sent|refunded|delivered|fixed|answered|sorted)( it| this| that)? by now)\b/i;
/** What "than" or "beats" names when the comparison is against us ("better than your tool"). */
const US = String.raw`(?:you|your|yours|u|this|here|openbat)\b`;
/**
 * …unless the comparison is won by us ("way easier than Zendesk", "glad we switched"). A name is told by its
 * capital, so that part is matched case-sensitively (under the `i` flag `\p{Lu}` matches any letter, and "better
 * than your tool" read as a win); a lower-case "than" before us is never a win.
 */
const STARTS_WITH_US = new RegExp(`^${US}`, "i");
const US_ANY_CASE = String.raw`(?:[Yy]ou|[Yy]our|[Yy]ours|[Uu]|[Tt]his|[Hh]ere|[Oo]pen[Bb]at)\b`;
const WE_WIN_OVER_NAME = new RegExp(
  String.raw`\b(?:[Bb]etter|[Ee]asier|[Ff]aster|[Cc]heaper|[Nn]icer|[Ss]impler|[Mm]ore \w+)(?: to (?:use|order|navigate|set up|deal with|work with))? than (?!${US_ANY_CASE})\p{Lu}|\b[Bb]eats? (?!${US_ANY_CASE})\p{Lu}`,
  "u",
);
const WE_WIN = new RegExp(
  String.raw`glad (we|i) (switched|moved|left)|(switched|moved|came) (over )?(from|off) \S+( \S+)? to (you|your|here)|(so much|much|way|a lot) (faster|better|easier|cheaper|smoother|nicer)( to (use|order|navigate|set up))?( since| now| than (?!${US}))`,
  "iu",
);
/** Enthusiasm to buy is good news even without a feeling word ("The trial convinced me, how do I pay?"); "take my money twice" is a complaint. */
const BUY_ENTHUSIASM = /\b(just upgraded|(we|i)('d like| would like| want| wanna) to (add|buy|upgrade|order|purchase|sign up|subscribe)|ready to (buy|pay|sign|purchase|order|upgrade)|convinced (me|us)|sold (me|us|itself)|take my money(?! (twice|again|out|from|without)))\b/i;
/** Relief that a trouble is over is good news: "Phew, the refund landed", "Finally! Sync works again", "the fix you suggested worked". */
const RELIEF = /\b(phew|finally (got|works|working|arrived|received|came|went|sorted|fixed|through|approved|solved|resolved)|works again|working again|(refund|payment|money|parcel|package|order|transfer|licen[cs]e|renewal|visa|card|delivery) (has )?(finally )?(landed|arrived|come through|came through|gone through|went through|got through)|what a relief|so relieved|qu[eé] alivio|quel soulagement|ouf|che sollievo|que al[ií]vio|wat een opluchting|was für eine erleichterung|gott sei dank|(fix|suggestion|tip|solution|steps|workaround|advice|trick|reset|restart|update|patch)\b[^.!?\n]{0,30}\b(?<!(?:not|never|n't|n’t)\x20)(worked|did the trick|did it|helped|fixed it|solved it|sorted it))\b/i;
/**
 * A question about what would happen ("What happens if my payment fails?", "Does the policy cover theft?")
 * names trouble without reporting any: its negative words are the topic, not the user's mood.
 */
const HYPOTHETICAL_QUESTION = /^\s*(?:(?:hi|hello|hey|quick question)[,!.]?\s+)?(?:what happens (?:if|when|to)|what if|what do (?:i|we) do (?:if|when)|in case|does (?:the|my|your|this|our) (?:\w+ ){0,2}(?:cover|include|protect)|(?:is|are) (?:\w+ ){0,3}covered|how do (?:i|we) report (?:a |an )?(?:stolen|lost|missing|damaged))\b/i;
const GOOD_NEWS = 1.8;
/** Laughter as a token's norm: "lol", "lmao", "hahaha", "hehe", "xd", 😂, 🤣, 😆, 😅. */
const LAUGHTER = /^(?:lo+l+|lmf?ao+|rofl|(?:ha){2,}h?|(?:he){2,}|xd+|😂|🤣|😆|😅)$/u;
/** How far after a positive opener the failure must come for the opener to read as sarcasm. */
const SARCASM_REACH = 160;

/** Words that describe not understanding; in a confused message they carry no complaint. */
const CONFUSION_WORDS = new Set(
  `confused confusing confuse confuses lost unclear puzzled puzzling baffled baffling perplexed
  perplexing bewildered doubt weird strange odd sense understand mean complicated complex sorry
  unsure hard difficult huh`.split(/\s+/),
);

export function aimSentiment(ctx: AimContext): SentimentDetail {
  const { text, tokens } = ctx;
  let cues: Cue[] = ctx.detail.cues.map((c) => ({ ...c, notes: [...c.notes] }));
  let troubleSum = 0;

  // "#timeout" tags a topic; it reports nothing.
  const trouble = RESOLVED.test(text) ? [] : findCues(text, TROUBLE_CUES).filter((h) => !mentioned(text, h.start) && text[h.start - 1] !== "#");
  for (const hit of trouble) {
    const first = tokenAt(tokens, hit.start);
    const last = tokenAt(tokens, hit.end - 1);
    if (first === undefined || last === undefined) continue;
    // The words of the event may also be lexicon words ("crashed", "higher than the agreed price"): the event
    // is counted once, and a kind word inside it is part of the report, not praise.
    cues = cues.filter((c) => c.last < first || c.index > last);
    const asked = inQuestion(text, hit.start);
    const value = -hit.weight * (asked ? TROUBLE_IN_QUESTION : 1);
    cues.push({ index: first, last, value, notes: [hit.why, ...(asked ? ["asked about"] : [])] });
    troubleSum += value;
  }

  // Kind words inside a quotation are someone else's, most often ours quoted back ("your text said \"We're glad your
  // issue has been resolved!\" It hasn't."): they are not the user's. Short quotes of up to four words ("a 'successful'
  // notification", "my 'free' cancellation") lost their kind words already in scoreTokens (sentiment.ts), so the
  // early flags read them the same way; this catches the longer ones.
  const quoted = quotations(text);
  if (quoted.length > 0) cues = cues.filter((c) => c.value <= 0 || !quoted.some((q) => within(q, tokens[c.index]?.start ?? -1)));

  // "lol the app crashed again": laughing at a failure is not enjoying the service, nor is laughing at being
  // lost ("no idea what I'm doing lol").
  if (trouble.length > 0 || ctx.confused) cues = cues.filter((c) => c.value <= 0 || !LAUGHTER.test(tokens[c.index]?.norm ?? ""));

  const hypothetical = hypotheticalQuestions(text);
  if (hypothetical.length > 0) {
    cues = cues.filter((c) => {
      const at = tokens[c.index]?.start ?? 0;
      return c.value >= 0 || !hypothetical.some((s) => at >= s.start && at < s.end);
    });
  }

  // "ok thanks, and how do I download the receipt?" is courtesy around a question, not praise; so is an
  // acknowledgement that opens one ("Great, thank you! And where do I change my address?").
  const polite = POLITE_CONTEXT.test(text);
  const acknowledged = polite && ACKNOWLEDGED_QUESTION.test(text);
  if (polite && cues.every((c) => c.value <= 0 || POLITE_WORDS.has(tokens[c.index]?.norm ?? "") || (acknowledged && ACKNOWLEDGING.has(tokens[c.index]?.norm ?? "")))) {
    // The acknowledgement beside the thanks says the same as the thanks: it is not counted again, and the
    // exclamation that ends it is manners too (the thanks counts for two thirds of what it does in a question alone).
    if (acknowledged) cues = cues.filter((c) => c.value <= 0 || !ACKNOWLEDGING.has(tokens[c.index]?.norm ?? ""));
    for (const c of cues) if (c.value > 0) c.value *= acknowledged ? COURTESY * (2 / 3) : COURTESY;
  }

  // "Oops, my mistake, I clicked the wrong plan": the user's own slip, and the apology for it, are no complaint.
  if (trouble.length === 0 && OWN_SLIP.test(text)) cues = cues.filter((c) => c.value >= 0 || !SLIP_WORDS.has(tokens[c.index]?.norm ?? ""));

  if (ctx.leaving !== undefined) {
    const first = tokenAt(tokens, ctx.leaving.start) ?? 0;
    const last = tokenAt(tokens, ctx.leaving.end - 1) ?? first;
    // Politeness around a goodbye is not praise of us.
    for (const c of cues) if (c.value > 0) c.value *= 0.3;
    cues.push({ index: first, last, value: LEAVING, notes: [ctx.leaving.why] });
    troubleSum += LEAVING;
  }

  // "Moving from Salesforce to you, super excited", "Moved over from Monzo and the pots here are nicer": they are what
  // the user leaves behind (the span may hold the move itself: "Moved over from Monzo").
  const leftBehind =
    ctx.competitorSpans.length > 0 &&
    ctx.competitorSpans.every((s) => /\b(from|than|over|instead of)\s*$/i.test(text.slice(Math.max(0, s.start - 14), s.start)) || LEFT_BEHIND_SPAN.test(text.slice(s.start, s.end)));
  if (ctx.competitorSpans.length > 0) {
    for (const c of cues) {
      if (c.value <= 0 || leftBehind) continue;
      const at = tokens[c.index]?.start ?? 0;
      if (!ctx.competitorSpans.some((s) => sameClause(text, s.start, at))) continue;
      // Praise of a competitor is a complaint about us only when it compares ("so much better", "never").
      if (!COMPARATIVE.test(sentenceOf(text, at))) continue;
      // "Way easier than Zendesk": a comparison won by us is praise of us ("better than your tool" is not).
      const than = /^\S*\s+(?:\S+\s+){0,3}than\s+(\S+)/i.exec(text.slice(at, at + 48));
      if (than && !STARTS_WITH_US.test(than[1] ?? "")) continue;
      c.value *= COMPETITOR_PRAISE;
      c.notes.push("praise aimed at a competitor");
    }
  }

  // A comparison we win, or eagerness to buy, is good news; each pattern is run once.
  const win = WE_WIN_OVER_NAME.exec(text) ?? WE_WIN.exec(text);
  const keen = win === null ? BUY_ENTHUSIASM.exec(text) : null;
  // Relief counts only when nothing in the message is still wrong ("finally arrived, but broken" is not).
  const relief = win === null && keen === null && trouble.length === 0 ? RELIEF.exec(text) : null;
  const relieved = relief !== null && !inQuestion(text, relief.index) ? relief : null;
  const goodNews = win ?? keen ?? relieved;

  // "Asana has a proper timeline view, you really should too": the comparison is the complaint.
  if (ctx.competitorSpans.length > 0 && !leftBehind && goodNews === null && UNFAVOURABLE.test(text)) {
    const at = tokenAt(tokens, ctx.competitorSpans[0]?.start ?? 0) ?? 0;
    cues.push({ index: at, last: at, value: UNFAVOURABLE_COMPARISON, notes: ["compares us unfavourably with a competitor"] });
    troubleSum += UNFAVOURABLE_COMPARISON;
  }

  if (goodNews !== null) {
    const at = tokenAt(tokens, goodNews.index) ?? 0;
    cues.push({ index: at, last: at, value: GOOD_NEWS, notes: [win !== null ? "compares us favourably" : keen !== null ? "keen to buy" : "relieved it is over"] });
  }

  const isSarcastic = sarcastic(text, trouble);
  if (isSarcastic) {
    let flipped = false;
    for (const c of cues) {
      if (c.value <= 0) continue;
      c.value *= SARCASTIC_PRAISE;
      c.notes.push("sarcastic");
      flipped = true;
    }
    if (!flipped && troubleSum === 0 && cues.every((c) => c.value >= 0)) {
      const marker = SARCASM_MARKERS.exec(text);
      const at = tokenAt(tokens, marker?.index ?? 0) ?? 0;
      cues.push({ index: at, last: at, value: BARE_SARCASM, notes: ["sarcastic"] });
    }
  }

  // Only a confused *question* is neutral: "all these pictures are confusing me" is a complaint.
  if (ctx.confused && text.includes("?")) {
    cues = cues.filter((c) => !(c.value < 0 && CONFUSION_WORDS.has(tokens[c.index]?.norm ?? "")));
  }

  cues.sort((a, b) => a.index - b.index);
  return { ...summarise(cues, tokens, text, troubleSum), sarcastic: isSarcastic };
}

/** Text in double quotes (straight, curly or guillemets) of three words or more. */
const QUOTATION = /"([^"\n]{1,400})"|“([^”\n]{1,400})”|„([^“”\n]{1,400})[“”]|«([^»\n]{1,400})»/g;

function quotations(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(QUOTATION)) {
    const inside = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
    if ((inside.match(/\p{L}+/gu) ?? []).length >= 3) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const within = (span: Span, at: number): boolean => at >= span.start && at < span.end;

/** Trouble words quoted or asked about ("what does 'failed' mean?") are mentioned, not reported. */
const MEANING_QUESTION = /what (?:does|do|is|are|'s) [^?.!\n]{0,60}\bmean\b|what (?:is|are|'s) (?:a |an |the )?["'“‘][^"'”’]{1,40}["'”’]/gi;

function mentioned(text: string, at: number): boolean {
  MEANING_QUESTION.lastIndex = 0;
  for (let m = MEANING_QUESTION.exec(text); m !== null; m = MEANING_QUESTION.exec(text)) {
    if (at >= m.index && at < m.index + m[0].length) return true;
  }
  return false;
}

const SARCASTIC_THANKS = /\bthanks? (?:you )?(?:a lot|a bunch|a million|for nothing)\b/i;

function sarcastic(text: string, trouble: readonly CueHit[]): boolean {
  if (SARCASM_MARKERS.test(text)) return true;
  if (trouble.length === 0) return false;
  // Applause for a failure: "nice update 👏👏, checkout is broken".
  if (/👏/u.test(text)) return true;
  const closer = SARCASTIC_CLOSER.exec(text);
  if (closer !== null && trouble.some((h) => h.end <= closer.index + 1)) return true;
  // Thanks usually make the praise sincere; "thanks a lot" after the failure, asking nothing, is the sarcasm's close.
  if (/\bthank/i.test(text) && !(SARCASTIC_THANKS.test(text) && !text.includes("?"))) return false;
  const opener = SARCASTIC_OPENER.exec(text);
  if (opener === null) return false;
  const from = opener.index;
  return trouble.some((h) => h.start > from && h.start - from <= SARCASM_REACH && !inQuestion(text, h.start));
}

/** Index of the token covering (or first after) a character offset. */
function tokenAt(tokens: readonly Token[], offset: number): number | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (t === undefined) break;
    if (t.end <= offset) lo = mid + 1;
    else {
      found = mid;
      hi = mid - 1;
    }
  }
  return found;
}

const SENTENCE_END = /[.!?\n]/;

function sentenceBounds(text: string, at: number): Span {
  let s = at;
  while (s > 0 && !SENTENCE_END.test(text[s - 1] ?? "")) s--;
  let e = at;
  while (e < text.length && !SENTENCE_END.test(text[e] ?? "")) e++;
  return { start: s, end: e };
}

/** The sentences that ask what would happen ("What happens if my payment fails?"), found in one pass. */
function hypotheticalQuestions(text: string): Span[] {
  if (!text.includes("?")) return [];
  const spans: Span[] = [];
  // Every match is a whole sentence (ending in its terminator or the text's end), so this is one linear pass.
  for (const m of text.matchAll(/[^.!?\n]+[.!?\n]?/g)) {
    if (m[0].endsWith("?") && HYPOTHETICAL_QUESTION.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

function sentenceOf(text: string, at: number): string {
  const { start, end } = sentenceBounds(text, at);
  return text.slice(start, end);
}

function sameClause(text: string, a: number, b: number): boolean {
  const s = sentenceBounds(text, a);
  if (b < s.start || b > s.end) return false;
  const between = text.slice(Math.min(a, b), Math.max(a, b));
  return !/[,;:—–]|\b(but|and you|while you|whereas)\b/i.test(between);
}

function inQuestion(text: string, at: number): boolean {
  const { end } = sentenceBounds(text, at);
  return text[end] === "?";
}

const FLAGGED_TROUBLE = -1.8;
/** At most this many words of the flag's evidence are quoted in the sentiment's reason. */
const QUOTED_WORDS = 8;

/**
 * "Fix it now" or "Please escalate this to someone senior" carries no sentiment word, yet a lead
 * reads it as a customer in trouble. Once the flags are known, a frustrated message, or an urgent
 * one for any reason but a deadline ("send the DPA by 9am" is a request, not a complaint), is at
 * least mildly negative.
 */
export function settleWithFlags(
  detail: SentimentDetail,
  evidence: { frustrated_user?: readonly CueHit[]; urgent_request?: readonly CueHit[] },
  tokens: readonly Token[],
  text: string,
): SentimentDetail {
  if (detail.score <= -0.2) return detail;
  const raised = (hits: readonly CueHit[] | undefined): hits is readonly CueHit[] => hits !== undefined && noisyOr(hits.map((h) => h.weight)) >= DETECTION_THRESHOLD;
  const frustrated = raised(evidence.frustrated_user);
  const urgent = raised(evidence.urgent_request) && evidence.urgent_request.some((h) => !REQUEST_WHYS.has(h.why));
  if (!frustrated && !urgent) return detail;
  const top = strongest((frustrated ? evidence.frustrated_user : evidence.urgent_request) ?? []);
  const cues: Cue[] = detail.cues.map((c) => ({ ...c, value: c.value > 0 ? c.value * 0.3 : c.value }));
  const index = tokenAt(tokens, top?.start ?? 0) ?? 0;
  // The reason quotes the words the flag went by ("A stranger is using", not "A"), a short phrase at most.
  const end = top !== undefined && top.end > top.start ? (tokenAt(tokens, top.end - 1) ?? index) : index;
  const last = end >= index && end - index < QUOTED_WORDS ? end : index;
  cues.push({ index, last, value: FLAGGED_TROUBLE, notes: [frustrated ? "a frustrated user" : "an urgent problem"] });
  cues.sort((a, b) => a.index - b.index);
  return { ...summarise(cues, tokens, text, detail.troubleSum + FLAGGED_TROUBLE), sarcastic: detail.sarcastic };
}
