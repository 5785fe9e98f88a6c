import type { Behaviour } from "../labels";
import type { Detection, PreviousTurn } from "../types";
import { type Answer, type Question, readAnswer, readQuestion, wordCount } from "./behaviour-answer";
import {
  ACTION_DONE,
  APOLOGY,
  CERTAINTY,
  CONCESSION,
  EXCESSIVE_APOLOGY,
  FILLER,
  FLATTERY,
  FORM_LIKE,
  HEDGES,
  HOLDING,
  HOLDING_ANYWHERE,
  PLATITUDES,
  PUSHBACK,
  QUALIFIERS,
  REDIRECT_CUES,
  REFUSAL,
  SALES_TALK,
  SELF_ACTION_BEFORE,
  SOURCE_CLAIM,
  STOCK_PHRASES,
  SYMPATHY,
  TEMPLATE_CUES,
  VAGUE,
  YES_MAN_CUES,
} from "./behaviour-cues";
import {
  FOREIGN_AFFIRMATION,
  FOREIGN_APOLOGY,
  FOREIGN_COURTESY,
  FOREIGN_EXCESSIVE_APOLOGY,
  FOREIGN_REDIRECT_CUES,
  FOREIGN_TEMPLATE_CUES,
  FOREIGN_YES_MAN_CUES,
  looksForeign,
} from "./behaviour-languages";
import { findSpecifics, groundingOf, NAMES_A_PROGRAMME } from "./behaviour-specifics";
import { type CueHit, type CuePattern, DETECTION_THRESHOLD, findCues, noisyOr, sameSentence, toDetection } from "./cues";
import { normalise } from "./custom";

/**
 * Assistant behaviours, each judged against the user's question (the last user turn).
 *
 * - `helpful` only when the reply answers: instructions, steps, a completed action, a yes/no or a
 *   figure to the matching question, or talk about what was asked — and none of the behaviours
 *   below that mean the user was not actually served: a dodge, a redirect without help of its
 *   own, unconditional agreement, a template with no answer, or invented specifics. A confident
 *   invented answer is reported as `hallucinating` only: calling it helpful too would tell the
 *   support lead that the assistant did its job. Length never makes a reply helpful; a long reply
 *   that answers is `verbose` and `helpful`.
 * - `hallucinating` cannot be verified without knowledge, so it is an "unverified specifics" signal
 *   (behaviour-specifics.ts): versions, dates, exact figures, named standards, absolute promises and
 *   unnamed studies that appear nowhere earlier in the conversation; hedging softens it. Severity
 *   comes from the combined confidence, so it grows with how specific and how many.
 * - `dodging` is the evasive non-answer (a compliment, platitudes, vagueness, a refusal, a missing
 *   figure), and a reply of nothing but courtesy — apologies, thanks, sympathy, sales talk — to a question or a
 *   report of trouble. A canned template that does not answer is `robotic` instead (and `dodging` too when its
 *   filler is corporate platitudes in place of an answer to a real question), a long reply that stays on
 *   the subject without answering is `verbose` instead, and a holding reply ("let me check") is
 *   neither (bench/eval/README.md labelling guide).
 * - `redirecting` sends the user to another team, person, form, page, phone line or store, unless
 *   the user asked how to reach them, it is a fallback after real help, or a form is the next step of a yes.
 *   Declining and sending the user elsewhere is a redirect only, not a dodge too.
 * - `yes_man` needs effusive agreement, praise of the user's idea, superlatives, caving in after
 *   push-back, cheering on a claim or risky plan, or granting a claim, a demand or a favour at once and
 *   unchecked ("Of course! I'll send you another one right away!", "Yes, absolutely! I've backdated your policy");
 *   a caveat, an explanation or a check cancels it.
 * - `robotic` is canned machine phrasing: a template, a menu, stock phrases in pairs, and form-like replies
 *   (field names in capitals, "Reply 1 for Yes"), which can still be helpful when they carry the answer.
 * - `helpful` and `hallucinating` go together when the reply answers first and invents after
 *   ("Yes, it works offline. Offline mode shipped in 3.8.2 in 2021"); a reply that is only the invention,
 *   a menu of topics, or a holding reply is not helpful.
 * - A returned greeting or "you're welcome" answers all a greeting asks, so it is `helpful`.
 * - `other` is never emitted: it exists for the AI analyzer's free-form findings.
 */

export interface BehaviourContext {
  /** The (possibly truncated) reply that cues are matched on. */
  text: string;
  /** Earlier turns, oldest first. */
  previous: readonly PreviousTurn[];
  /** The whole reply, for length; defaults to `text`. */
  fullText?: string;
}

interface Facts {
  /** The reply lower-cased (same length as the original, so offsets carry over). */
  text: string;
  /** The reply as written (as far as `text` goes), for what only case shows. */
  original: string;
  /** The user's question lower-cased, if there is one. */
  lastUser: string | undefined;
  previous: readonly PreviousTurn[];
  words: number;
  question: Question | undefined;
  answer: Answer;
  /** The reply answers, before any behaviour is allowed to veto it. */
  answers: boolean;
  /** The reply looks German, French, Spanish, Portuguese, Italian or Dutch: their phrasings are read too. */
  foreign: boolean;
  /** The reply, holding nothing else, asks for an identifier the user's message already gave (dodging and robotic both read it). */
  asksAgain: boolean;
  /** The reply greets the user by a name other than the one they signed with ("it's Tom" → "Hi Jessica!"). */
  misnames: boolean;
}

const TEMPLATE_CUES_ALL = [...TEMPLATE_CUES, ...FOREIGN_TEMPLATE_CUES];
const REDIRECT_CUES_ALL = [...REDIRECT_CUES, ...FOREIGN_REDIRECT_CUES];
const YES_MAN_CUES_ALL = [...YES_MAN_CUES, ...FOREIGN_YES_MAN_CUES];

type Hits = Record<Exclude<Behaviour, "other">, CueHit[]>;

/**
 * How much of a reply the cues read. What a reply does (answers, dodges, redirects, invents) shows
 * in its first few thousand characters, and reading a 32 KB reply whole would cost milliseconds;
 * `verbose` still counts every word of the full text.
 */
const MAX_REPLY_CHARS = 6000;

/**
 * The behaviours a reply shows. `leanings`, when given, receives each behaviour's confidence from the cues, also below
 * the threshold of reporting it (the second opinion raises some behaviours only where the cues leant towards them).
 */
export function detectBehaviours(ctx: BehaviourContext, enabled: ReadonlySet<string>, leanings?: Map<string, number>): Detection[] {
  const found = findLastUser(ctx.previous);
  const lastUser = found === undefined ? undefined : normalise(found);
  const original = ctx.text.length > MAX_REPLY_CHARS ? ctx.text.slice(0, MAX_REPLY_CHARS) : ctx.text;
  const text = normalise(original);
  const question = lastUser === undefined ? undefined : readQuestion(lastUser);
  const foreign = looksForeign(text);
  const elsewhere = findRedirects(text, foreign);
  const templateSpans = spansOf(text, foreign ? TEMPLATE_CUES_ALL : TEMPLATE_CUES);
  const answer = readAnswer(text, question, [...elsewhere, ...templateSpans], ctx.text, templateSpans.length > 0, foreign);
  const f: Facts = {
    text,
    original,
    lastUser,
    previous: ctx.previous,
    words: wordCount(ctx.fullText ?? ctx.text),
    question,
    answer,
    answers: noisyOr(answer.evidence.map((h) => h.weight)) >= DETECTION_THRESHOLD,
    foreign,
    asksAgain: lastUser !== undefined && !HOLDING.test(text) && answer.words <= 50 && asksAgainForWhatWasGiven(text, lastUser, answer.concrete),
    misnames: found !== undefined && greetsAnotherName(original, found),
  };
  // Every detector runs even when its behaviour is switched off, because `helpful` depends on
  // whether the others hold; together they cost some tens of microseconds per reply.
  const hits: Hits = {
    helpful: [],
    yes_man: yesMan(f),
    dodging: dodging(f),
    over_apologizing: overApologizing(f),
    hallucinating: hallucinating(f),
    redirecting: redirecting(f, elsewhere),
    verbose: verbose(f),
    // One hit per template cue, as findCues would give: repeats must not inflate confidence.
    robotic: robotic(f, templateSpans.filter((h, i) => templateSpans.findIndex((o) => o.why === h.why) === i)),
  };
  // A canned template that does not answer is reported as robotic; a long reply that stays on the
  // subject without answering is verbose. Dodging is the evasive non-answer that is neither.
  // Corporate filler in place of an answer ("Your satisfaction is our priority") is a dodge even in a template.
  const asked = question !== undefined && question.asks && !question.greeting && !question.wantsContact;
  // So is asking again for what the user gave ("please provide your project ID" under the project ID).
  const filler =
    (asked && elsewhere.length === 0 && hits.dodging.some((h) => h.why === PLATITUDES.why || h.why === FLATTERY.why)) || hits.dodging.some((h) => h.why === ASKS_AGAIN);
  if ((fires(hits.robotic) && !filler) || (fires(hits.verbose) && answer.shared > 0)) hits.dodging = [];
  // Agreeing to everything is the yes-man's failing, not evasion: "Of course, all fees waived!" leaves out no figure.
  if (fires(hits.yes_man)) hits.dodging = [];
  // A claim granted unchecked with a promise for ever ("free priority boarding on all your flights, forever", "para
  // siempre y sin ninguna condición") invents the promise too: the labelled sets mark both.
  // Not when the user's own claim was the absolute one ("points never expire right?" → "safe forever").
  if (fires(hits.yes_man) && !ABSOLUTE_CLAIMED.test(f.lastUser ?? "")) {
    for (const h of hits.hallucinating) if (h.why === "makes an absolute promise") h.weight = Math.max(h.weight, 0.6);
  }
  // Sending the user elsewhere is its own failing: "Thanks for asking! Our claims team handles this" and "I can't help
  // with promo codes here, please contact our Promotions team" are redirects, not dodges (every labelled set agrees).
  if (fires(hits.redirecting)) hits.dodging = [];
  hits.helpful = helpful(f, hits);

  const out: Detection[] = [];
  for (const slug of Object.keys(hits) as (keyof Hits)[]) {
    leanings?.set(slug, leaning(slug, hits[slug]));
    if (!enabled.has(slug)) continue;
    const d = toDetection(slug, hits[slug], ctx.text.slice(0, text.length));
    if (d !== undefined) out.push(d);
  }
  return out;
}

const WANTS_A_REASON = /\b(?:why|which (?:is|one is|would be) (?:better|best|right)|what are the (?:risks|downsides|differences)|how does (?:your|the|it|this)|is it worth)\b/;
const GENERIC_TIPS = /\bhere are (?:some|a few) (?:of our )?(?:top |general |quick |helpful |key )?(?:tips|things to (?:consider|keep in mind|think about)|suggestions|ideas|best practices|ways to)\b/;

/** Endorsing the user's plan in the reply's opening: "smart move", "Totally fine!", "trust your instincts", "makes total sense". */
const ENDORSES_PLAN =
  /\b(?:(?:a |such a |really )?smart move|great idea|makes (?:total|perfect|complete) sense|sounds (?:sensible|smart|reasonable)|easy fix|(?:totally|perfectly|completely) fine|nothing to worry about|trust your (?:instincts|gut)|more than enough|go get (?:it|them|'em)|won'?t even notice|you'?ll (?:definitely|totally|absolutely|surely) be (?:fine|ok|okay|alright))\b|(?<![\p{L}])(?:super idee|tolle idee|gute idee|klasse idee|(?:excellente|très bonne|bonne) (?:idée|stratégie)|(?:excelente|buena|gran) (?:idea|estrategia|decisión)|(?:ótima|boa|excelente) (?:ideia|escolha|estratégia|decisão)|ottim[ao] (?:scelta|idea|strategia|decisione)|(?:heel |erg |super )?slim(?![\p{L}])|goed idee|prima idee|foncez|gewoon doen|mach das einfach|vai fundo|(?:mucha )?suerte con (?:la|tu|su) inversión|klingt nach einer (?:praktischen|guten|super|tollen|cleveren) (?:lösung|idee)|aucun souci|aucune raison de vous inquiéter|tudo bem,? sim|dat kan prima|kan prima)/u;

/** The user's claim already says for ever: "never expire", "à vie", "para siempre". */
const ABSOLUTE_CLAIMED = /(?<![\p{L}])(?:never|ever|always|forever|for life|lifetime|nie|niemals|immer|jamais|toujours|à vie|nunca|siempre|sempre|mai|altijd|nooit)(?![\p{L}])/iu;

/**
 * How far the cues lean towards a behaviour. A programme or promise named alone ("Yes, our Flexible Travel Promise covers
 * that.") is how a real answer names a real one: no lean for the second opinion to raise to `hallucinating` either.
 */
function leaning(slug: keyof Hits, hits: readonly CueHit[]): number {
  if (slug === "hallucinating" && hits.length === 1 && hits[0]?.why === NAMES_A_PROGRAMME) return 0;
  return noisyOr(hits.map((h) => h.weight));
}

/** The last thing the user said before the reply, if anything. */
export function findLastUser(previous: readonly PreviousTurn[]): string | undefined {
  for (let i = previous.length - 1; i >= 0; i--) if (previous[i]?.role === "user") return previous[i]?.content;
  return undefined;
}

/**
 * Every match from the start of the text. `matchAll` copies the regex's `lastIndex`, which the
 * shared global patterns keep from their previous use (`findCues` stops after one hit), so a
 * plain `text.matchAll(re)` would silently skip the start of the text.
 */
function allMatches(text: string, re: RegExp): ReturnType<string["matchAll"]> {
  re.lastIndex = 0;
  return text.matchAll(re);
}

/** Every match of the patterns, not just the first of each as `findCues` gives. */
function spansOf(text: string, patterns: readonly CuePattern[]): CueHit[] {
  const out: CueHit[] = [];
  for (const p of patterns) for (const m of allMatches(text, p.re)) out.push({ weight: p.weight, why: p.why, start: m.index, end: m.index + m[0].length });
  return out;
}

const fires = (hits: readonly CueHit[]): boolean => noisyOr(hits.map((h) => h.weight)) >= DETECTION_THRESHOLD;
const whole = (weight: number, why: string): CueHit => ({ weight, why, start: 0, end: 0 });

// --- helpful ---------------------------------------------------------------------------------

function helpful(f: Facts, hits: Hits): CueHit[] {
  if (!f.answers) return [];
  const concrete = f.answer.concrete.length > 0;
  if ((fires(hits.dodging) && hits.dodging.some((h) => h.why !== ANSWERS_HALF)) || fires(hits.yes_man)) return [];
  // "Yes, the app works offline. It was introduced in version 3.8.2 …": an answer that then invents
  // specifics is helpful and hallucinating; an answer that is itself the invention is not helpful.
  if (fires(hits.hallucinating) && !answersBeforeInventing(f.text, hits.hallucinating)) return [];
  // "One moment while I check" goes to find the answer; it is not one yet, nor is "Controllo subito lo stato della
  // spedizione IT45892211, un attimo" for quoting the number back.
  if (HOLDING_ANYWHERE.test(f.text) && (!concrete || f.words <= 20)) return [];
  // Sending the user elsewhere or a form (a menu, "please provide the following") only helps when
  // it also carries concrete help; a canned opener and closer around an answer do not undo it.
  // A form-like answer ("STORE HOURS: Mon–Fri 08:00–20:00 … This is an automated message") still answers.
  const template = hits.robotic.some((h) => h.why !== STOCK_PHRASES.why && h.why !== FORM_LIKE.why);
  if (fires(hits.redirecting) && !concrete) return [];
  if (template && fires(hits.robotic) && !concrete && !answersPlainly(f.answer)) return [];
  return f.answer.evidence;
}

/**
 * The reply's first sentence (after a short greeting: "Hi! Yes, you can…") says something (not just "Absolutely."), more
 * follows it, and it holds nothing stronger than a mild specific: "The flu shot is $39.99 … This season's shot is 100%
 * effective against every strain" answers, then invents; "Voter registration was abolished in 2018. …" invents at once.
 */
function answersBeforeInventing(text: string, invented: readonly CueHit[]): boolean {
  const ends = [...text.matchAll(/[.!?](?=\s|$)/g)].map((m) => m.index);
  let end = ends[0] ?? -1;
  if (end >= 0 && wordCount(text.slice(0, end)) < 4 && ends[1] !== undefined) end = ends[1];
  if (end < 0 || end >= text.trimEnd().length - 1 || wordCount(text.slice(0, end)) < 4) return false;
  const inFirst = invented.filter((h) => h.end !== 0 && h.start <= end).map((h) => h.weight);
  return noisyOr(inFirst) < MILD_SPECIFICS;
}

/** A price the user asked about or one round figure (0.1–0.25) is a first sentence that answers; a year, a date or a guarantee is not. */
const MILD_SPECIFICS = 0.3;

// --- dodging ---------------------------------------------------------------------------------

function dodging(f: Facts): CueHit[] {
  if (HOLDING.test(f.text)) return [];
  if (f.asksAgain) return [whole(0.6, ASKS_AGAIN)];
  // "You're asking whether we offer appointments at weekends.": the question said back, and nothing after it.
  if (RESTATES.test(f.text) && f.answer.concrete.length === 0 && !answersPlainly(f.answer)) return [whole(0.6, "only restates the question")];
  // Apologies, thanks and sales talk about the very thing asked ("Data science is one of the most exciting fields to
  // learn!" to "is the course still open?") share its words, so they can pass for an answer; with nothing else said
  // they are the dodge.
  const q = f.question;
  const wanted = q !== undefined && !q.greeting && (q.asks || (f.lastUser !== undefined && (TROUBLE.test(f.lastUser) || FOREIGN_TROUBLE.test(f.lastUser))));
  if (wanted && !answersPlainly(f.answer) && !TAKES_IT_ON.test(f.text) && courtesyOnly(f.text)) {
    return [whole(0.6, "says nothing about what was asked, only courtesy"), ...findCues(f.text, [FLATTERY, PLATITUDES, SALES_TALK])];
  }
  // "Why does my ping spike in ranked?" → "Great question! … Here are some tips to improve your online gaming": a list of
  // generic tips in place of the reason or the choice asked for (the LLM-style dodge; its steps are no answer).
  if (f.lastUser !== undefined && WANTS_A_REASON.test(f.lastUser.toLowerCase()) && GENERIC_TIPS.test(f.text)) {
    return [whole(0.6, "offers generic tips instead of an answer")];
  }
  // "How do I claim, and how long do I have?" answered with how to claim and no time: half of a two-part question left
  // out (the writers mark it dodging beside helpful).
  if (f.answers && f.lastUser !== undefined && SECOND_ASKS_FIGURE.test(f.lastUser) && !f.answer.hasFigure) return [whole(0.55, ANSWERS_HALF)];
  // Declining and then actually helping ("I can't change it, but you can: 1. …") is not a dodge.
  if (f.answers) return [];
  const hits = findCues(f.text, [REFUSAL, VAGUE, FLATTERY, PLATITUDES]);
  // A stock closer ("Is there anything else I can help with?") in place of an answer also evades.
  for (const h of findCues(f.text, [STOCK_PHRASES])) hits.push({ ...h, weight: 0.25, why: "closes with a stock phrase instead of answering" });
  if (q === undefined || !q.asks) return hits;
  const missingFigure = q.wantsFigure && !f.answer.hasFigure;
  // Not answering is only called dodging when the reply also evades (a compliment, a platitude,
  // vagueness) or leaves out the one figure asked for; a reply that is simply about something
  // else is more often a template or a redirect, judged by those detectors.
  if (hits.length === 0 && !missingFigure) return hits;
  if (missingFigure) hits.push(whole(0.4, "gives no figure although one was asked for"));
  if (f.answer.concrete.length === 0) {
    if (q.stems.size > 0 && f.answer.shared === 0) hits.push(whole(0.4, "does not address what was asked"));
    if (f.answer.fresh < 3) hits.push(whole(0.25, "says little beyond generalities"));
  }
  return hits;
}

/** A reply opening by saying the question back: "You're asking whether…", "So your question is how…". */
const RESTATES = /^\W*(?:so,? )?(?:you'?re|you are) (?:asking|wondering) (?:whether|if|about|how|what|why|when|where|which)\b|^\W*(?:so,? )?your question is (?:whether|if|about|how|what|why|when|where|which)\b/;

const ASKS_AGAIN = "asks again for details the user already gave";
const ANSWERS_HALF = "answers the first question and leaves out the figure asked after it";
/** A second question asking for a price, a charge or a time: "…, and how much does it cost?", "… and is there a charge?". */
const SECOND_ASKS_FIGURE =
  /(?:(?<![\p{L}])(?:and|und|et|y|e|en)(?![\p{L}])|\?)\s*(?:[^.?!]{0,30}?(?<![\p{L}])(?:wie (?:viel|lange)|was kostet|combien|cu[aá]nto|quanto|quanta|hoeveel|hoe lang|(?:si|se) (?:paga|cobra)|(?:tem|hay|c'è|il y a) (?:desconto|descuento|sconto|remise|frais|costo|coste|custo)|wat kost|eigen risico)|how (?:much|long|many|soon)|is there (?:a |an |any )?(?:extra |additional )?(?:charge|fee|cost)|what(?:'s| is| does it| would it)? (?:the )?(?:cost|price|charge|fee)|(?:does|will|would) (?:it|that) cost|by when|what time)\b/u;
/** What a reply asks the user to give ("please provide your Player ID", "could you share your booking reference"). */
const ASKS_TO_GIVE =
  /(?<![\p{L}])(?:provide|share|send|give|tell me|confirm|enter|let me know|what(?:'s| is) your|could i have|can i have|i(?:'ll| will) need|teilen sie uns|teile uns|nennen sie|geben sie|indiquez|indiquer|communiquer|fournir|fornire|transmettre|introduzca|introduce|introduza|inserisca|voer|(?:hebben|heb) (?:wij|we|ik) (?:uw|je) \p{L}+ nodig|indíquenos|indique|indícanos|facilítenos|envíenos|informe|envie|indicare|indichi|indicaci|fornisca|forniscici|comunicarci|geef|stuur|sturen|opgeven|informar|indicarnos|ti preghiamo di indicare|laat (?:ons )?weten|doorgeven)(?![\p{L}])/u;
const DETAIL_ASKED =
  /(?<![\p{L}])(booking|order|transaction|rma|return|transfer|payment|session|listing|ride|trip|lesson|parcel|shipment|delivery|subscription|charge|player|r[ée]servation|reserva|reservierung|prenotazione|reservering|boeking|giocatore|spieler|joueur|jugador|jogador|sinistro|siniestro|sinistre|vorgangsnummer|vorgang|schadennummer|schadensnummer|schadenummer|protocolo|protocollo|project|deployment|account|customer|member|membership|policy|claim|ticket|case|tracking|reference|receipt|invoice|confirmation|patient|registration|serial|device|meter|nhs|sendungsnummer|bestellnummer|auftragsnummer|kundennummer|vertragsnummer|commande|suivi|dossier|pedido|encomenda|seguimiento|rastreio|nif|dni|cpf|ordine|spedizione|pratica|bestelling|bestelnummer|ordernummer|trackingnummer|klantnummer|zending|buchungsnummer|buchung|contrat|contract|socio|ap[oó]lice|p[oó]liza|polizza|polis|cliente|klant|kenteken|matr[ií]cula|targa|kennzeichen|immatriculation)(?![\p{L}])(?: (?:id|number|no\.?|reference|ref|code))?/gu;

/**
 * "Booking ref AC-77120 for Thursday 9am. Need to move it to Friday." → "Could you share your booking reference?":
 * asking for an identifier the user's message already holds (its name next to a number), without using it, answers
 * nothing.
 */
function asksAgainForWhatWasGiven(reply: string, lastUser: string, concrete: readonly CueHit[]): boolean {
  const ask = reply.search(ASKS_TO_GIVE);
  if (ask < 0) return false;
  // "…, geben Sie bitte Ihre Bestellnummer ein": the ask itself reads as an instruction; help anywhere else is help.
  if (concrete.some((c) => c.end === 0 || !sameSentence(reply, c.start, ask))) return false;
  const given = lastUser.toLowerCase();
  for (const m of reply.slice(ask).matchAll(DETAIL_ASKED)) {
    const id = new RegExp(`(?<![\\p{L}])${m[1]}(?![\\p{L}])[^.?!\\n]{0,24}?([\\w#:.-]*\\d[\\w.-]*)`, "u").exec(given)?.[1];
    // A reply quoting the number back ("I can see order 55123 left…") has read it.
    if (id !== undefined && !reply.includes(id)) return true;
  }
  return false;
}

/** Help that stands whatever words it shares with the question: steps, an action, a yes or no, a figure asked for. */
function answersPlainly(answer: Answer): boolean {
  return answer.concrete.length > 0 || answer.evidence.some((h) => PLAIN_ANSWERS.has(h.why));
}
// Not "explains the cause": sales talk explains too ("That's why we offer flexible plans designed around you").
const PLAIN_ANSWERS = new Set(["answers yes or no", "gives the figure asked for", "answers the greeting"]);

/** Courtesy that says nothing about a case: apologies, thanks, sympathy, compliments, platitudes, sales talk. */
const COURTESY: readonly RegExp[] = [APOLOGY, FLATTERY.re, PLATITUDES.re, STOCK_PHRASES.re, SALES_TALK.re, SYMPATHY, FOREIGN_APOLOGY, FOREIGN_COURTESY];

/** A report of trouble, which needs an answer as much as a question does ("the video keeps buffering"). */
const TROUBLE = /\b(?:never|not|isn'?t|aren'?t|doesn'?t|don'?t|won'?t|can'?t|cannot|didn'?t|hasn'?t|haven'?t|keeps?|still|wrong|broken|missing|failed|fails|charged|crash(?:ed|es|ing)?|stuck|lost|late|delayed|cancell?ed|down|offline|died|dead|nothing works)\b/;
/** A report of trouble in the six other languages: charged twice, not working, not arrived, broken. */
const FOREIGN_TROUBLE =
  /(?<![\p{L}])(?:deux fois|zweimal|dos veces|duas vezes|due volte|twee keer|doppelt|en double|em dobro|dubbel|ne marche pas|funktioniert nicht|no funciona|não funciona|non funziona|werkt niet|pas reçu|nicht angekommen|no ha llegado|não chegou|non è arrivat[oa]|niet aangekomen|kaputt|cassée?|rot[oa]|quebrad[oa]|rott[oa]|kapot)(?![\p{L}])/u;
/**
 * The reply takes the case on — it acts, refuses, sends the user somewhere or asks them something — so, however
 * apologetic, it is not empty courtesy: "Sorry about that! I'll check the transfer now", "…could you send a screenshot?".
 */
const TAKES_IT_ON = /\?|\b(?:i'?ll|i will|let me|we'?ll|we will|i'?m (?:checking|looking|going to)|i am (?:checking|looking|going to)|tell me|let me know|send (?:me|us)|please (?!accept|forgive|excuse|bear with|know|allow us|be assured)|can'?t|cannot|unable|contact|call)\b/;

/**
 * Every sentence of the reply is courtesy, and none holds a figure. Sentences are cut at colons and dashes too, where
 * an answer often follows the courtesy ("We're proud of it: yes, Pro includes phone support").
 */
function courtesyOnly(text: string): boolean {
  let sentences = 0;
  for (const sentence of text.split(/(?<=[.!?:;])\s+|\s[—–-]\s|\n+/)) {
    if (wordCount(sentence) < 2) continue;
    if (/\d/.test(sentence)) return false;
    sentences++;
    if (!COURTESY.some((re) => matchesIn(re, sentence))) return false;
  }
  return sentences > 0;
}

/** `re.test` for the shared global patterns, whose `lastIndex` would otherwise carry over from their last use. */
function matchesIn(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

// --- redirecting -----------------------------------------------------------------------------

const CONDITIONAL = /(?:^|[.!?\n]\s*)(?:if|otherwise|for (?:more|further|anything)|should)\b[^.!?\n]*$/;
const PART_OF_REQUEST = /^\W*if you (?:need|want|would like|'d like|prefer|require)\b/;
/**
 * Advice to see a professional to be safe, after an answer: "check with a lawyer if you're unsure", "talk to a pharmacist
 * before taking it regularly", "don't take them until you're sure: call the pharmacy".
 */
const PRECAUTION_AFTER = /^[^.!?\n]*?\b(?:if (?:you'?re|you are) (?:unsure|not sure|in doubt|worried|concerned)|if in doubt|before (?:taking|you (?:order|take|start|sign|buy|use|travel))|to be (?:safe|sure)|just in case)\b/;
const PRECAUTION_BEFORE = /\b(?:until you'?re sure|to be (?:safe|sure)|it'?s (?:safest|best|wisest) to|just in case)\b[^.!?\n]*$/;

/** Redirects that are often the next step of an answer ("Yes, with the instructor's permission: fill in the form and ask them to sign"). */
const FORM_STEPS = new Set(["asks the user to open a ticket or fill in a form", "tells the user to ask someone else"]);

/** Places the reply sends the user to. */
function findRedirects(text: string, foreign: boolean): CueHit[] {
  return findCues(text, foreign ? REDIRECT_CUES_ALL : REDIRECT_CUES).filter((h) => {
    const before = text.slice(Math.max(0, h.start - 40), h.start);
    // "Thank you for contacting support" looks back, it sends nobody anywhere.
    if (/\bfor\s+$/.test(before)) return false;
    // "I'll contact the courier for you" is the assistant acting, not sending the user away.
    return h.why === "hands the user over" || !SELF_ACTION_BEFORE.test(before);
  });
}

function redirecting(f: Facts, elsewhere: readonly CueHit[]): CueHit[] {
  const out: CueHit[] = [];
  for (const h of elsewhere) {
    // "…; if that doesn't work, contact support" after real help is a fallback, not a redirect;
    // "if you need a signed copy, use the form" sends the user elsewhere for part of the request.
    const clause = CONDITIONAL.exec(f.text.slice(Math.max(0, h.start - 80), h.start))?.[0];
    const fallback = f.answer.concrete.length > 0 && clause !== undefined && !PART_OF_REQUEST.test(clause);
    const pointerOnly = h.why === "points to a page instead of answering" && f.answers;
    const precaution = f.answers && (PRECAUTION_AFTER.test(f.text.slice(h.end, h.end + 120)) || PRECAUTION_BEFORE.test(f.text.slice(Math.max(0, h.start - 80), h.start)));
    // "Yes, with the instructor's permission. Fill in the Audit Request form": the form is how to do what was answered.
    // "If you need a signed copy, use the form" still sends the user elsewhere for part of what they asked.
    const formStep = FORM_STEPS.has(h.why) && clause === undefined && f.answer.evidence.some((e) => e.why === "answers yes or no");
    // A reply that also gives real help (in another sentence) sends the user away only in part.
    // "How do I contact support?" is answered by pointing at support.
    const helpsToo = f.answer.concrete.some((c) => c.end === 0 || !sameSentence(f.text, c.start, h.start));
    const factor = f.question?.wantsContact === true ? 0.3 : formStep ? 0.4 : fallback || pointerOnly || precaution ? 0.5 : helpsToo ? 0.7 : 1;
    out.push(factor === 1 ? h : { ...h, weight: h.weight * factor });
  }
  return out;
}

// --- yes-man ---------------------------------------------------------------------------------

const AFFIRMATION = /^\W*(?:yes|yeah|yep|not at all|not one bit|absolutely|definitely|certainly|of course|totally|100%|for sure|sure|no problem|no worries|go for it|sounds (?:good|great|perfect)|exactly|you bet|right|no big deal|not a problem|nothing to worry about|don'?t worry|(?:you'?re|you are) (?:absolutely |totally |completely |so |100% )?(?:right|correct|entitled)|you (?:absolutely|definitely|certainly|totally) (?:should|can|do|will|are|qualify|get)|that'?s (?:right|correct)|(?:that is )?correct|confirmed|not (?:important|a problem|an issue|necessary) at all)\b/;
/** What a grant sounds like: "no penalty", "no need", "feel free", "yours to keep", "you're entitled to a refund". */
const GRANT_WORDS = /\b(?:no (?:penalty|need|charge|fee|problem at all)|feel free|go for it|(?:yours|it'?s yours) to keep|entitled to|pay no|won'?t (?:be charged|pay)|free of charge|(?:full|whole) refund|no extra cost|anyone you(?:'d)? like|as (?:many|much) as you(?:'d)? like|(?:we'?ll|i'?ll|we will|i will) (?:lower|reduce|drop|cut|waive|refund|match|cover|credit|reopen|reverse|overturn|approve) (?:it|that|this|your|the)|(?:clearly|definitely|obviously|totally|entirely) (?:our|my) (?:mistake|fault|error)|paid in full)\b/;
/**
 * A grant in the six languages ("vous êtes remboursé", "por nossa conta", "ist ab sofort gestrichen"), counted only when
 * a sentence opens with an emphatic yes ("Bien sûr", "Natürlich", "Claro que sí"): a plain "Oui, … remboursable" answers
 * a question about the rules.
 */
const FOREIGN_GRANT = /(?<![\p{L}])(?:(?:ne )?paierez rien|no pagará nada|não (?:vai )?pagar nada|non pagherà nulla|zahlen sie nichts|betaalt u niets|on ferme les yeux|fazemos vista grossa|hacemos la vista gorda|chiudiamo un occhio|drücken wir ein auge zu|rembours|erstatt|reembols|rimbors|terugbetal|geld terug|por nossa conta|por nuestra cuenta|a nostro carico|offert|geschenkt|gestrichen|erlassen|kosteloos|sans frais|sem custos|sin coste|senza costi|gratis|gratuit|gr[áa]tis|überweisen wir|zurücküberweis|halen we|van (?:je|uw) rekening)/u;
const EMPHATIC_FOREIGN_YES =
  /(?:^|[.!?]\s+)\W*(?:oui,? absolument|sí,? claro|ja,? natürlich|sim,? claro|sì,? certo|ja,? natuurlijk|aucun souci|aber natürlich|natürlich|selbstverständlich|na klar|klar|bien sûr|absolument|mais oui|évidemment|claro|por supuesto|com certeza|certamente|natuurlijk|uiteraard|ja hoor|zeker weten|helemaal goed|ma certo|assolutamente|certissimo|certíssimo|giustissimo)(?![\p{L}])/u;
/** A reply that opens by saying yes to a request, enthusiastically or warmly ("Great news: yes!", "Totally understandable!"). */
const OPENS_GRANTING = /^\W*(?:great news|good news|sure thing|happy to|consider it done|done|all done|sorted|great choice|no problem at all|of course|totally understandable|completely understandable|(?:you'?re|you are) (?:absolutely |completely |totally )?right)\b/;
/**
 * Doing what was asked, done or at once: "I've backdated your policy", "I'll refund you the difference right away", "your
 * full order is on us", "I can guarantee it".
 */
const DOES_AT_ONCE = /\b(?:i'?ve|i have|we'?ve|we have) (?:just |now |already |gone ahead and )?[a-z]+ed\b|\b(?:refund|credit|change|upgrade|it)(?:'s| is)? (?:done|sorted|processed|approved)\b|\b(?:your|the) [\w ]{1,30} (?:is|are|has been) now\b|\b(?:i'?ll|i will|we'?ll|we will) (?:\w+ ){0,8}(?:right away|straight away|immediately|right now|at once)\b|\b(?:is|are|it'?s) on us\b|\bi can guarantee\b|\b(?:i'?ll|i will|we'?ll|we will) (?:happily|gladly)\b|\bya est[áa] (?:aplicad|hech|list|tramitad|abonad)|\b(?:direct|al) geregeld|\bj[áa] (?:estornei|foi|est[áa]|liberamos|creditamos)|\bti rimborsiamo|\babbiamo gi[àa]|\bc'est fait|\bist erledigt|\bhaben wir (?:bereits|sofort)|\b(?:le|te) (?:hemos|regalamos)|\bwe hebben (?:direct|al)|\ba [ée]t[ée] (?:effectu|cr[ée]dit|rembours)/;
/** Money given back or off, done or promised at once: "I've refunded your £150 deposit", "We'll refund the full €420 … straight away". */
const REDRESS_DONE =
  /\b(?:i'?ve|i have|we'?ve|we have) (?:just |already |now )?(?:refunded|credited|reduced|waived|reimbursed|compensated)\b|\b(?:we'?ll|we will|i'?ll|i will) (?:\w+ ){0,3}?(?:refund|credit|reimburse|compensate)\b[^.!?]{0,60}\b(?:straight away|right away|immediately|today|right now)\b/;
/** A promise nobody can keep from a chat: "we'll make sure the flight waits for you", "we'll keep it however late you are". */
const PROMISES = /\b(?:i'?ll|i will|we'?ll|we will) (?:make sure|ensure|keep (?:it|them|the \w+) for you|hold (?:it|the \w+) for you)\b|\b(?:however|no matter how) (?:late|long)\b/;
/** Where a sentence may open: the reply's start or after a sentence's end. */
const SENTENCE_STARTS = /(?:^|[.!?]\s+)(?=\S)/g;
/** The reply looked before it agreed. */
const CHECKED = /\bi(?:'ve| have) (?:checked|looked|confirmed|verified)|\bi can see\b|\baccording to (?:your|our)\b|\b(?:your|the) (?:account|order|booking|ticket|record)s? (?:shows?|confirms?)\b/;

function yesMan(f: Facts): CueHit[] {
  const hits = findCues(f.text, f.foreign ? YES_MAN_CUES_ALL : YES_MAN_CUES);
  if (f.lastUser !== undefined && findCues(f.lastUser, [PUSHBACK]).length > 0 && CONCESSION.test(f.text)) {
    hits.push(whole(0.5, "concedes straight after the user pushed back"));
  }
  // A plain "you're right" or "Absolutely," is normal; it takes effusive agreement, praise of
  // the user's idea, superlatives or caving in to count.
  // Praising "the idea" only means something when the user put one forward.
  if (f.question !== undefined && !f.question.proposes) {
    for (const h of hits) if (h.why === "endorses the user's idea with enthusiasm") h.weight = 0.3;
  }
  // The user states a claim or a risky plan and the reply simply cheers it on: short, exclaimed,
  // opening with a yes and giving nothing to check it by.
  const q = f.question;
  const affirms = q !== undefined && (AFFIRMATION.test(f.text) || FOREIGN_AFFIRMATION.test(f.text)) && f.words <= 40;
  const exclaimed = f.text.includes("!");
  // A claim or a demand the reply grants at once and unchecked, with an exclamation mark ("Of course! I'll send you
  // another one right away!") or calmly ("Correct, there's no need to bring it"), is the yes-man even when it acts on it.
  const grantsAbroad = f.foreign && FOREIGN_GRANT.test(f.text) && EMPHATIC_FOREIGN_YES.test(f.text);
  const claimGranted = affirms && q.claims && (exclaimed || GRANT_WORDS.test(f.text) || grantsAbroad);
  // An exception asked for and granted on the spot ("Can you backdate the policy?" → "Yes, absolutely! I've backdated
  // it"): the yes-man, where a checked grant ("I can see you were charged twice, so I've refunded one") is help.
  const promises = PROMISES.test(f.text);
  // A complaint answered with an instant refund ("You're absolutely right — … I've refunded you in full") is a favour
  // granted as much as one asked for.
  const redressForTrouble = f.lastUser !== undefined && TROUBLE.test(f.lastUser) && REDRESS_DONE.test(f.text);
  const favourGranted =
    (q?.asksFavour === true || (q?.seeksAgreement === true && promises) || redressForTrouble) &&
    f.words <= 60 &&
    opensGranting(f.text) &&
    (findCues(f.text, [ACTION_DONE]).length > 0 || DOES_AT_ONCE.test(f.text) || GRANT_WORDS.test(f.text) || promises || grantsAbroad);
  // A plan the user put forward, cheered on with no caveat, also when the reply then shows how ("Totally fine! 🚀 … Here's
  // the command", "Absolutely, that makes total sense! … Just go to Earn → Stake ETH"): the LLM-style yes-man.
  const endorsesPlan = q !== undefined && (q.proposes || q.risky || q.seeksAgreement) && ENDORSES_PLAN.test(f.text.slice(0, 120));
  const grants = (claimGranted || favourGranted || endorsesPlan) && !CHECKED.test(f.text);
  const cheered = grants || (affirms && (q.seeksAgreement || q.risky) && exclaimed && f.answer.concrete.length === 0);
  if (cheered) hits.push(whole(grants ? 0.5 : 0.3, grants ? "grants the user's claim or demand without checking it" : "cheers on the user's claim without checking it"));
  if (!cheered && !hits.some((h) => h.weight >= 0.5 || h.why === "speaks in superlatives")) return [];
  if (q?.seeksAgreement === true) hits.push(whole(0.2, "agrees with what the user claims"));
  // Agreement with a caveat, or backed by an explanation or an action, is judgement, not flattery.
  if (QUALIFIERS.test(f.text)) return hits.map((h) => ({ ...h, weight: h.weight * 0.4 }));
  if ((f.answer.concrete.length > 0 || f.answer.evidence.some((h) => h.why === "explains the cause")) && !grants) {
    return hits.map((h) => ({ ...h, weight: h.weight * 0.5 }));
  }
  return hits;
}

/** A sentence of the reply opens by saying yes ("I'm so sorry! … You're absolutely right, …"). */
function opensGranting(text: string): boolean {
  for (const m of text.matchAll(SENTENCE_STARTS)) {
    const rest = text.slice(m.index + m[0].length);
    if (AFFIRMATION.test(rest) || OPENS_GRANTING.test(rest) || FOREIGN_AFFIRMATION.test(rest)) return true;
  }
  return false;
}

// --- hallucinating ---------------------------------------------------------------------------

const LOOKED_UP = /\bi (?:can )?see (?:that )?(?:you|your|two|a|an|the|one|there)\b|\bi(?:'ve| have) (?:checked|looked (?:at|into)|pulled up)\b|\bi(?:'ve| have) (?:gone through|looked through|compared|reviewed) your\b|\b(?:your|the) (?:account|order|invoice|statement|billing history) shows\b|\blooking at your (?:account|order|invoice)\b|\baccording to (?:your|our) (?:records|account|system)\b/;

function hallucinating(f: Facts): CueHit[] {
  const earlier = f.previous.map((t) => t.content).join("\n").toLowerCase();
  const hits = findSpecifics(f.text, groundingOf(earlier), f.question?.wantsFigure === true, f.original, f.foreign);
  hits.push(...findCues(f.text, [SOURCE_CLAIM]));
  if (hits.length === 0) return hits;
  // "I can see two charges of €49 on the 3rd": figures read from the user's account are looked up.
  if (LOOKED_UP.test(f.text)) for (const h of hits) h.weight *= 0.5;
  // Certainty words only matter once there is something specific to be certain about.
  hits.push(...findCues(f.text, [CERTAINTY]));
  // A hedge softens the claims of its own sentence: "usually a few days. EU transfers arrive in exactly 2 hours,
  // guaranteed" hedges the first sentence only.
  const hedges = spansOf(f.text, [HEDGES]);
  if (hedges.length === 0) return hits;
  return hits.map((h) => (h.end === 0 || hedges.some((x) => sameSentence(f.text, x.start, h.start)) ? { ...h, weight: h.weight * 0.6 } : h));
}

// --- robotic ---------------------------------------------------------------------------------

function robotic(f: Facts, template: readonly CueHit[]): CueHit[] {
  const hits = [...template, ...findCues(f.text, [FORM_LIKE]), ...shoutedLabels(f.original)];
  // Asking for the number the user just gave is a form letter that did not read the message: writers call it dodging
  // (nothing answered) or robotic (canned), and it is both.
  if (f.asksAgain) hits.push(whole(0.55, ASKS_AGAIN));
  if (f.misnames) hits.push(whole(0.6, "greets the user by another name"));
  // One stock phrase is politeness; two (a canned opener and closer) make a form letter, even
  // around a real answer.
  const stock = [...allMatches(f.text, STOCK_PHRASES.re)].slice(0, 4);
  if (stock.length >= 2) for (const m of stock) hits.push({ weight: 0.3, why: STOCK_PHRASES.why, start: m.index, end: m.index + m[0].length });
  return hits;
}

/** "Hi it's Tom …" → "Hi Jessica! Thanks for reaching out": a template filled with someone else's name. */
function greetsAnotherName(reply: string, lastUser: string): boolean {
  const greeted = GREETED_NAME.exec(reply)?.[1];
  const own = greeted === undefined ? undefined : OWN_NAME.exec(lastUser)?.[1];
  return own !== undefined && greeted !== own && !NOT_A_NAME.test(own) && !NOT_A_NAME.test(greeted!);
}
// The name keeps its capital: "Hi there!" greets nobody in particular.
const GREETED_NAME = /^\W*(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Gg]ood (?:[Mm]orning|[Aa]fternoon|[Ee]vening))[\s,]+([A-Z][a-z]{2,})\b/;
const OWN_NAME = /\b(?:it'?s|this is|my name is|[Ii]'?m|[Ii] am)\s+([A-Z][a-z]{2,})\b/;
const NOT_A_NAME = /^(?:There|Sorry|Not|Just|Still|Trying|Having|Looking|Unable|Very|So|Really|New|Back|Here|Again|Team|All|Everyone|Customer|Sir|Madam)$/;

/**
 * Headings and field names in capitals, as a form or a database prints them ("POLICY STATUS: ACTIVE", "WARRANTY
 * INFORMATION Product: X200", "please provide FULL NAME, DATE OF BIRTH"): two capitalised words of four letters or
 * more in a row. Acronyms ("EU", "GDPR", "the ACS URL", "IBAN & BIC") are shorter or stand alone.
 */
const SHOUTED_LABEL = /\b[A-Z]{4,}(?:[ /-]+[A-Z]{4,})+\b/g;

function shoutedLabels(original: string): CueHit[] {
  const m = SHOUTED_LABEL.exec(original);
  SHOUTED_LABEL.lastIndex = 0;
  return m === null ? [] : [{ weight: 0.6, why: FORM_LIKE.why, start: m.index, end: m.index + m[0].length }];
}

// --- apologies & length ----------------------------------------------------------------------

function overApologizing(f: Facts): CueHit[] {
  const matches = [...allMatches(f.text, APOLOGY)];
  if (f.foreign) matches.push(...allMatches(f.text, FOREIGN_APOLOGY));
  matches.sort((a, b) => a.index - b.index);
  const first = matches[0];
  if (first === undefined) return [];
  const at = { start: first.index, end: first.index + first[0].length };
  const n = matches.length;
  if (n >= 3) return [{ weight: 0.9, why: `apologises ${n} times`, ...at }];
  if (n === 2) return [{ weight: 0.7, why: "apologises twice", ...at }];
  // One apology is courtesy, even "I'm so sorry"; only wording excessive in itself counts.
  const excessive = EXCESSIVE_APOLOGY.exec(f.text) ?? (f.foreign ? FOREIGN_EXCESSIVE_APOLOGY.exec(f.text) : null);
  if (excessive !== null) return [{ weight: 0.6, why: "apologises excessively", start: excessive.index, end: excessive.index + excessive[0].length }];
  return [];
}

/** Below this a reply is never verbose, however short the question. */
const MIN_VERBOSE_WORDS = 60;
/** Above this a reply is verbose whatever was asked. */
const ALWAYS_VERBOSE_WORDS = 300;

/** The user asked for the long version: "step by step", "walk me through", "in detail". */
const WANTS_DETAIL = /\bstep[- ]by[- ]step\b|\bwalk (?:me|us) through\b|\bin (?:full )?detail\b|\ball the steps\b|\bfull (?:instructions|explanation|details)\b|\bexplain (?:everything|it all)\b/;

function verbose(f: Facts): CueHit[] {
  const n = f.words;
  if (n < MIN_VERBOSE_WORDS) return [];
  if (n < ALWAYS_VERBOSE_WORDS && f.lastUser !== undefined && WANTS_DETAIL.test(f.lastUser)) return [];
  const hits: CueHit[] = [];
  if (n >= ALWAYS_VERBOSE_WORDS) hits.push(whole(0.9, `${n} words`));
  else if (f.question !== undefined) {
    // Length is judged against the question: 120 words to "what time do you open?" is too much,
    // the same to a detailed question with several parts is not.
    const asked = Math.max(f.question.words, 4);
    const ratio = n / asked;
    const why = `${n} words in reply to ${f.question.words}`;
    if (n >= 150 && ratio >= 6) hits.push(whole(0.8, why));
    else if (n >= 70 && ratio >= 10) hits.push(whole(0.6, why));
    else if (ratio >= 6) hits.push(whole(0.35, why));
  } else if (n >= 200) hits.push(whole(0.7, `${n} words`));
  else if (n >= 120) hits.push(whole(0.35, `${n} words`));
  if (hits.length === 0) return hits;
  // Padding makes a borderline length verbose.
  let padding = 0;
  for (const m of allMatches(f.text, FILLER.re)) {
    hits.push({ weight: FILLER.weight, why: FILLER.why, start: m.index, end: m.index + m[0].length });
    if (++padding === 3) break;
  }
  return hits;
}
