import { ACTION_DONE, EXPLANATION, FLATTERY, INSTRUCTION_CUES, MENU, PLATITUDES, STOCK_PHRASES } from "./behaviour-cues";
import { FOREIGN_AFFIRMATION, FOREIGN_GREETING_REPLY, FOREIGN_INSTRUCTION_CUES, FOREIGN_NEGATION, GREETING_OR_THANKS } from "./behaviour-languages";
import { type CueHit, findCues, sameSentence } from "./cues";
import { stem, stemSet } from "./custom";

/**
 * Does the reply answer what the user asked? Shared by `helpful` (it answers), `dodging` (it does
 * not) and the detectors that must not punish a real answer (`yes_man`, `redirecting`).
 *
 * The question is the last user turn. Its content words (stopwords and meta words like "help" or
 * "question" removed) are looked for in the reply's *substance*: the reply with compliments,
 * platitudes and stock phrases blanked out, so "Great question! Billing matters to us" does not
 * count as talking about billing. Kinds of answer that need no shared word are recognised too:
 * instructions, numbered steps, "I've refunded it", a yes/no to a yes/no question, a figure to a
 * "how much / when" question, a stated cause.
 */

export interface Question {
  /** Content stems of the question. */
  stems: ReadonlySet<string>;
  words: number;
  /** A question or a request, as opposed to a statement or a greeting. */
  asks: boolean;
  yesNo: boolean;
  /** "How much", "how long", "when", "which version": the answer is a figure. */
  wantsFigure: boolean;
  /** "Which browsers…", "what kinds of…": the answer names things. */
  wantsNames: boolean;
  /** "What's a kill switch?", "what does the blue ring mean", "the difference between cash and accrual": the answer says what it is. */
  wantsMeaning: boolean;
  /** The user states an opinion or plan and seeks agreement ("…, right?", "I think…", "good idea?"). */
  seeksAgreement: boolean;
  /** The user asserts a claim or demands something as their due ("pretty sure it's free", "just send another"). */
  claims: boolean;
  /** The user asks for an exception or a favour someone should check first: money back, a fee removed, a rule bent. */
  asksFavour: boolean;
  /** The user asks how to reach someone (support, an agent, by phone or e-mail): pointing there is the answer. */
  wantsContact: boolean;
  /** Only a greeting or thanks: answering in kind is the whole answer. */
  greeting: boolean;
  /** The user proposes something that deserves a second look ("I'll just…", "should I…", "no big deal, right?"). */
  risky: boolean;
  /** The user puts forward an idea or plan of their own ("should I…", "I want to…", "what about…"), which praise can endorse. */
  proposes: boolean;
}

export interface Answer {
  /** Content stems of the question found in the reply's substance. */
  shared: number;
  /** Instructions, steps, a completed action or code: help that stands without shared words. */
  concrete: CueHit[];
  /** Every piece of evidence that the reply answers (includes `concrete`). */
  evidence: CueHit[];
  /** The reply contains a number or a time word (for "how much / when" questions). */
  hasFigure: boolean;
  /** Content words of the substance that are neither in the question nor generic ("care", "value"). */
  fresh: number;
  /** Words in the reply. */
  words: number;
}

/** Words a reply uses when it talks around a subject instead of about it. */
const GENERIC = new Set(
  "something things thing great good best amazing fantastic wonderful awesome incredible excellent perfect brilliant love world taste care flexible need needs important priority value valued experience always aim strive committed commitment quality customer customers appreciate understand happy help fair product products service seriously ensure continuously constantly improve improving solution solutions option options possible different depend depends depending various many several factors factor team working work hard think matter matters look forward every everyone lot really very".split(" ").map(stem),
);

/** Words that say a message is a question without saying what it is about. */
const META = new Set(
  "help question questions know wonder wondering tell explain possible able sure right good great idea think guess mean sorry anyone look find need get got going actually quick wrong correct true hey hiya fine okay yeah info information details detail".split(" ").map(stem),
);

const INTERROGATIVE = /^\W*(?:(?:hi|hello|hey|so|ok|okay|quick question)\W+)?(?:what|whats|when|where|wheres|which|who|whom|whose|why|how|hows|can|could|do|does|did|is|are|was|were|will|would|should|shall|have|has|am|may|any)\b/;
const YES_NO = /^\W*(?:(?:hi|hello|hey|so|ok|okay|quick question)\W+)?(?:can|could|do|does|did|is|are|was|were|will|would|should|shall|have|has|am|may|any)\b|\b(?:is|are|can|could|do|does|did|will|would|should|has|have) (?:that|this|it|there|they|i|we|you)\b[^.?!]*\?|\b(?:right|correct|isn'?t it|aren'?t they|ok|okay|fine|good idea|no)\s*\?+\s*$/;
/** "controller support on mac?", "refund for the cancelled class?": a few words and a question mark, no question word. */
const NOMINAL_QUESTION = /^(?![^?]*\b(?:what|whats|when|where|wheres|which|who|whom|whose|why|how|hows)\b)[^?.!\n]{3,60}\?+\s*$/;
/** "wo bleibt meine pizza", "cadê meu pedido", "waar blijft die", "dov'è il mio ordine": asked without a question mark. */
const FOREIGN_WHERE_IS = /(?:^|\W)(?:wo bleibt|wo ist|wann kommt|cad[eê]|onde est[aá]|waar blijft|wanneer komt|d[oó]nde est[aá]|o[uù] est|o[uù] en est|dov'[eè]|quando arriva)(?:\W|$)/u;
const REQUEST = /\b(?:can|could|would) you\b|\bplease\b|\bi (?:need|want|would like|'d like)\b|\bhelp me\b|\bhow (?:do|can|to)\b|\bis there\b|\bare there\b/;
const WANTS_FIGURE = /\bhow (?:much|many|long|often|fast|soon|big|large|old)\b|\bwhat (?:time|date|year|version|percentage|price|is the price|is the cost)\b|^\W*when\b|\bwhen (?:will|would|is|are|was|does|do|did|can|could|should|exactly)\b|\bwhich (?:version|year|date|release)\b|\b(?:plans|pricing|prices|costs?|fees?|limits?|quotas?|refund policy)\b|\bwhat(?:'s| is| are)? (?:the |your |a )?(?:price|pricing|cost|fee|rate|limit|uptime|sla|quota|max|maximum|minimum)\b/;
const SEEKS_AGREEMENT = /(?:\b(?:right|correct|isn'?t it|won'?t (?:you|they)|wouldn'?t (?:you|they)|can you confirm|aren'?t they|don'?t you think|agree|good idea|makes sense|that'?s fine|ok|okay|yeah|yes|yep|oder|richtig|stimmt'?s|nicht wahr|n'est-ce pas|hein|verdad|cierto|vero|giusto|toch|klopt dat)|né|não é|¿no|, no|, non)\s*\?+\s*$|^\W*(?:i think|i believe|i'm (?:going|gonna) to|i'll just|i will just|i'm sure|so the problem is|clearly|obviously)\b/;
/**
 * The user asserts something or demands it as their due ("pretty sure it should be free", "my ticket definitely
 * includes a bag", "so just send me another one"): agreeing on the spot, without checking, is the yes-man.
 */
const CLAIMS = /\b(?:je crois que|ich glaube|creo que|eu li que|acho que|credo che|ik (?:denk|dacht) dat|(?:m'a|m’a|nous a) (?:dit|promis|assur[ée])|me (?:dijo|dijeron|asegur[óo]|prometi[óo]) que|(?:falou|disse|disseram|garantiu|prometeu) que|mi (?:ha|hanno) (?:detto|promesso|assicurato)|hat (?:mir|uns)(?: [^\s.!?]+){0,5} (?:gesagt|versprochen|zugesichert)|(?:zei|zeiden|beloofde)(?: [^\s.!?]+){0,5} (?:dat|me)|(?:habe|hab|heb|ai|tengo|tenho|ho) (?:doch |toch |bien |gewoon )?(?:ein |het )?(?:recht|anrecht|droit|derecho|direito|diritto) (?:auf|op|à|a|al|ao)\b|c'est bien [çc]a|confirma\s*\?|toch\s*\?|n[ãa]o tenho\s*\?|pretty sure|i'?m sure|im sure|definitely|obviously|surely|i know (?:that )?(?:i|it|you|my)|should be free|isn'?t it|not that important|(?:so )?just (?:send|give|refund|credit|change|approve|waive|cancel|upgrade|put|add|let|extend)|i should(?:'ve| have) (?:got|gotten|been|had)|i'?m entitled|i am entitled|i should (?:still |also )?(?:get|have|be)|i read (?:that|you|on|in)|(?:said|says|told me) (?:that |i'?d |i would |i'?ll |i will |i get |i can |you )|so (?:i|we) (?:get|can|will|don'?t have to|won'?t have to)|def)\b|\b(?:you'?re overcharging|i should be (?:on|getting|paying|charged)|(?:change|fix|refund|sort) (?:it|this|that) (?:now|right now|immediately))\b|\b(?:right|correct|is it|yes|yeah|yep|oder|richtig|n'est-ce pas|verdad|vero|toch)\s*\?|né\s*\?|\b(?:right|yeah|yep|correct)\W*$/;
/**
 * What an exception or a favour is asked with ("refund the difference", "take it off", "backdate the policy", "even though
 * she's fully booked"): granting it on the spot, unchecked, is the yes-man; resending an invoice is not.
 */
const FAVOUR = /\b(?:ne pas (?:me |nous )?faire payer|sans (?:me |nous )?faire payer|no (?:me )?cobr(?:ar|éis|en)|não (?:me )?cobr(?:ar|em)|non (?:mi )?fa(?:te|ccia) pagare|nicht berechnen|niet (?:in rekening )?(?:brengen|rekenen)|gr[aá]tis|gratuit|goedkoper|g[üu]nstiger|moins cher|m[aá]s barato|mais barato|pi[uù] economico|erlass|kostenlos|rimbors|reembols|rembours|devolv|devuelv|devolu|restitu|terugbetal|erstatt|estorn|sconto|descuento|desconto|r[ée]duction|korting|rabatt|dinheiro de volta|geld zur|geld terug|regal|compensa|indemni|entsch[äa]dig|vergoed|buono|bon d.achat)|\bple{2,}a+s+e|\bplea{2,}s+e|\b(?:without (?:me |us )?paying|(?:for )?free|refund(?:ed|s)?|money back|(?:get|have) (?:it|them|(?:my|the|our) (?:\w+ ){0,2}?\w+) back|(?:can|could) you do anything|anything you can do|i want (?:the cost|a new|a replacement|my money)|the difference|compensat(?:e|ion)|waive|overturn|backdate|reverse (?:the|it|that|this)|guarantee|exception|just this once|(?:skip|bypass|ignore) the (?:\w+ )?(?:check|rule|queue|line|verification|requirement|limit)|even though|no penalty|without (?:a |any )?(?:penalty|fee|charge)|discount|same deal|price match|match (?:it|that|this|the price|their price)|unfair|should be covered|deserve|fully booked|accept it late|let (?:me|us) off|write (?:it|that|this) off|take (?:\w+ ){1,3}off|remove (?:it|that|this|them|the (?:\w+ )?(?:fee|charge|penalty|fine)s?)|extend (?:my |our |the )?(?:trial|deadline|offer|promo)|(?:raise|increase|up|extend|lift) (?:my|our|the) (?:credit |spending |overdraft |borrowing |daily |transfer |withdrawal |card |payment ){0,2}limit|(?:can|could) you (?:just )?(?:drop|lower|reduce|cut|turn off|disable|switch off|lift)|sort it|(?:ich will|je veux|quiero|quero|voglio|ik wil)\b[^.?!]{0,60}\b(?:sofort|tout de suite|ya|j[aá]|subito|meteen|per direct))\b/;
const WANTS_NAMES = /\bwhich\b|\bwhat (?:kinds?|types?|sorts?) of\b|\bwhat [a-z]+s (?:are|do|does|can|is)\b/;
const RISKY = /\b(?:should (?:i|we) (?:just )?|good idea|is it (?:ok|okay|fine|safe|smart|wise)|i'?ll just|i'?m (?:just )?(?:going|gonna) to|no big deal|that'?s fine|no need to|can (?:i|we) just|i can (?:just )?(?:skip|ignore))\b/;
const PROPOSES = /\b(?:should (?:i|we)|can (?:i|we)|could (?:i|we)|shall (?:i|we)|is it (?:ok|okay|fine|a good idea|smart|wise|better)|would it (?:be|make)|i (?:want|plan|intend|would like|'d like|am thinking|'m thinking|am planning|'m planning) (?:to|of|about)|i'?ll (?:just )?|i'?m (?:going|gonna) to|what about|how about|thinking (?:of|about)|my (?:plan|idea))\b|(?<![\p{L}])(?:ich (?:möchte|will|werde)|soll ich|je (?:souhaite|veux|vais)|dois-je|(?:yo )?quiero|voy a|¿?debería|(?:eu )?quero|vou|devo|voglio|vorrei|ik (?:wil|ga)|moet ik|slim toch|ich (?:überlege|dachte)|j'envisage|je pense|pensaba|estoy pensando en|pensei em|penso em|estou pensando em|pensavo di|sto pensando di|ik denk erover)(?![\p{L}])/u;
/** A number, time or span in the reply ("one of our favourites" is none). */
const FIGURE = /\d|\b(?:one(?! of\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|million|half|noon|midnight|immediately|instantly|right away|same day|next (?:business |working )?day|tomorrow|today|tonight)\b|\b(?:a|few|several|couple of) (?:seconds?|minutes?|hours?|days?|weeks?|months?)\b/;
const WANTS_CONTACT = /\b(?:contact|reach|talk to|speak to|speak with|talk with|call|phone|email|e-mail|write to|get hold of)\b[^.?!]{0,30}\b(?:you|support|someone|somebody|a human|a person|an agent|a real|an advisor|the team|your team|sales|billing)\b|\b(?:phone number|email address|contact details|support email|human agent|real person)\b|\b(?:open|submit|raise|file) a (?:ticket|complaint|case)\b/;
const GREETING_ONLY = /^\W*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks?|thank you|thx|cheers|ok(?:ay)?|great|perfect|bye|goodbye)(?:\s+(?:there|again|so much|a lot|all|team|guys))?[\s!.,]*){1,3}$/;
const GREETING_REPLY = /^\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|you'?re (?:very )?welcome|my pleasure|glad|happy to help|no problem|anytime)\b/;
const YES_NO_ANSWER = /^\W*(?:yes|yep|yeah|yup|no|nope|sure|correct|right|indeed|unfortunately|sadly|not (?:yet|currently|at the moment|right now|automatically|directly|really|exactly|on|in|for|with)|only (?:on|in|for|if|with)|absolutely|of course|definitely|certainly|it (?:does|doesn'?t|is|isn'?t|can|can'?t|will|won'?t)|we (?:do|don'?t|can|can'?t|are|aren'?t|have|haven'?t)|you (?:can|can'?t|cannot|do|don'?t|will|won'?t)|that'?s (?:right|correct))\b/;
/** A capitalised word inside a sentence: a product, a page, a menu item ("Chrome", "Billing"). */
const MID_SENTENCE_NAME = /(?<=[a-z0-9,;] )[A-Z][A-Za-z]+/g;
/** "…planning. Today, yes, we're open…": the yes or no a long reply gets to eventually. */
const BURIED_YES_NO = /[.!?]\s+(?:[a-z]+,\s+)?(?:yes|no)\b[,!.]/;
const STEP_LINE = /^\s*(?:\d+[.)]|[-*•])\s+\S/gm;

/** Beyond this many words, mentioning the subject no longer counts as answering it. */
const LONG_REPLY_WORDS = 70;

const WANTS_MEANING = /\bwhat(?:'s| is| are) (?:a|an|the)\b|\bwhat does\b[^?]*\bmean\b|\bdifference between\b|\bunderstand (?:the|what|my)\b|\bwhat(?:'s| is) (?:this|that)\b/;
/**
 * A sentence that says what something is: "Comprehensive covers accidents and illnesses", "The standing charge is that fixed
 * daily amount", "A spinning blue ring means…", "That's where the kill switch comes in: …". Praise of the thing ("Autocorrect
 * is one of those features people love") says nothing about it.
 */
const DEFINES = /^\W*(?:so,?\s+|put simply,?\s+|in short,?\s+|that'?s where\s+)?(?:[\w*'-]+\s+){0,3}?([\w*'-]+(?:\s+[\w*'-]+)?)\s+(?:is|are|means|mean|covers|cover|refers to|comes in|works)\b/;
const PRAISE_NOT_MEANING = /\bone of (?:the|our|those)\b|\b(?:exciting|fantastic|amazing|wonderful|great (?:way|question)|favourite|popular|journey)\b/;

function definesAsked(text: string, stems: ReadonlySet<string>): boolean {
  for (const sentence of text.split(/[.!?:;\n]+/)) {
    const term = DEFINES.exec(sentence)?.[1];
    if (term === undefined || PRAISE_NOT_MEANING.test(sentence)) continue;
    for (const s of stemSet(term.replace(/\*/g, ""))) if (stems.has(s) && !GENERIC.has(s)) return true;
  }
  return false;
}

const INSTRUCTION_CUES_ALL = [...INSTRUCTION_CUES, ...FOREIGN_INSTRUCTION_CUES];

/** How much text is compared: a reply that answers does so early; the cap keeps long ones cheap. */
const OVERLAP_CHARS = 1500;

/** `text` must be lower-cased with `normalise` (see behaviour-cues.ts). */
/**
 * A tag asking to be told yes, in any of the seven languages, wherever a sentence ends ("…igual, no? voy con el
 * tiempo justo", "stimmt doch?", "c'est bon ?", "Dat kan toch wel?", "é verdade?"), or closing the message unasked
 * ("…the next one, thats right isnt it", "… und nen 20€ Gutschein oder").
 */
const TAGGED =
  /(?<![\p{L}'])(?:stimmt doch|stimmt's|gell|oder nicht|c'est bon|c'est [çc]a|c'est bien [çc]a|pas vrai|[ée] verdade|pois n[ãa]o|n[ãa]o [ée]|toch wel|of niet|klopt dat|ne|no|non|oder|toch|hein|n[ée]|right|yeah|correct|vero|giusto|certo|verdad|cierto|n'est-ce pas|isn'?t it|isnt it)\s*\?+(?=\s|$)|(?<![\p{L}'])(?:oder|toch|hein|n[ée]|gell|right|yeah|innit|isn'?t it|isnt it)\s*[.!]*\s*$/u;
/** Someone else's word or the law cited for what the user wants ("my boss said it's there", "lo dice la legge"). */
const CITED =
  /\b(?:my|our) (?:friend|boss|manager|colleague|brother|sister|mum|mom|dad|neighbou?r|landlord|agent|doctor|teacher)s? (?:says|said|told me|reckons)\b|\b(?:that|it) (?:shouldn'?t|won'?t|doesn'?t) matter\b|\bis it true (?!(?:that )?(?:you|you guys|your \w+) (?:offer|have|sell|do|ship|accept|support|open|deliver|take)\b)|\b(?:the|a) (?:guy|man|lady|woman|driver|seller|instructor|agent) (?:at|from|in|on) (?:the |my )?[\w-]+ (?:said|told me|says)\b|\b(?:someone|somebody|people|everyone) (?:said|told me|says) (?:so|that)\b|\bi think\s*\?+\s*$|\bso you'?ll\b|\b(?:the law says|by law|legally you|lo dice la legge|per legge|seg[uú]n la ley|por lei|selon la loi|laut gesetz|gesetzlich|volgens de wet|secondo me|li num|j'ai lu que|ich habe gelesen|he le[ií]do que|ho letto che|ik las dat)\b/u;

export function readQuestion(text: string): Question {
  const stems = new Set<string>();
  for (const s of stemSet(text.slice(0, OVERLAP_CHARS))) if (!META.has(s)) stems.add(s);
  const trimmed = text.trim();
  const yesNo = YES_NO.test(trimmed) || NOMINAL_QUESTION.test(trimmed);
  const agrees = SEEKS_AGREEMENT.test(trimmed);
  const tagged = TAGGED.test(trimmed);
  return {
    stems,
    words: wordCount(text),
    greeting: GREETING_ONLY.test(trimmed) || GREETING_OR_THANKS.test(trimmed),
    wantsContact: WANTS_CONTACT.test(trimmed),
    asks: trimmed.includes("?") || INTERROGATIVE.test(trimmed) || REQUEST.test(trimmed) || FOREIGN_WHERE_IS.test(trimmed),
    yesNo,
    wantsFigure: WANTS_FIGURE.test(trimmed),
    wantsNames: WANTS_NAMES.test(trimmed),
    wantsMeaning: WANTS_MEANING.test(trimmed),
    seeksAgreement: agrees || tagged,
    claims: CLAIMS.test(trimmed) || tagged || CITED.test(trimmed),
    asksFavour: FAVOUR.test(trimmed),
    proposes: PROPOSES.test(trimmed) || agrees,
    risky: RISKY.test(trimmed),
  };
}

/** The reply with compliments, platitudes and stock phrases blanked (same length, offsets kept). */
export function substanceOf(text: string): string {
  let out = text.slice(0, OVERLAP_CHARS);
  for (const p of [FLATTERY, PLATITUDES, STOCK_PHRASES]) {
    // Most replies have none of these; testing first avoids copying the string.
    p.re.lastIndex = 0;
    if (p.re.test(out)) out = out.replace(p.re, (m) => " ".repeat(m.length));
  }
  return out;
}

/** `reply` must be lower-cased with `normalise`. */
/**
 * `elsewhere`: spans that look like instructions but are not help ("please open a ticket",
 * "please choose from the following options"). `original`: the reply before lower-casing, for
 * capitalised names.
 */
export function readAnswer(reply: string, q: Question | undefined, elsewhere: readonly CueHit[] = [], original = reply, menu = false, foreign = false): Answer {
  const substance = substanceOf(reply);
  // "Please open a ticket" is an instruction, but one that sends the user away: it is not help, nor is the way there
  // told in the same sentence ("open a ticket via Support Portal → New ticket").
  // Nor is "Select a topic: [1] Orders [2] Returns": the instructions around a menu are how to pick from it.
  const menus = elsewhere.filter((e) => e.why === MENU);
  const concrete = [...findCues(substance, foreign ? INSTRUCTION_CUES_ALL : INSTRUCTION_CUES), ...findCues(substance, [ACTION_DONE])].filter(
    (h) =>
      !elsewhere.some((e) => (h.start < e.end && e.start < h.end) || (e.end <= h.start && sameSentence(substance, e.end, h.start))) &&
      !menus.some((e) => h.end <= e.start && sameSentence(substance, h.end, e.start)),
  );
  const steps = (reply.match(STEP_LINE) ?? []).length;
  // A numbered menu ("1. Billing 2. Account") is a list of topics to pick from, not steps to follow.
  if (steps >= 2 && !menu) concrete.push({ weight: 0.6, why: `gives ${steps} steps`, start: 0, end: 0 });
  if (/```|`[^`\n]+`/.test(reply)) concrete.push({ weight: 0.4, why: "shows code", start: 0, end: 0 });

  const evidence = [...concrete, ...findCues(substance, [EXPLANATION])];
  const hasFigure = FIGURE.test(substance);
  const words = wordCount(reply);
  let shared = 0;
  let fresh = 0;
  let generic = 0;
  for (const s of stemSet(substance)) {
    if (q?.stems.has(s) === true) shared++;
    else if (GENERIC.has(s)) generic++;
    else fresh++;
  }
  const none = (): Answer => ({ shared, concrete, evidence: concrete, hasFigure, fresh, words });
  if (q === undefined) return { shared, concrete, evidence, hasFigure, fresh, words };
  // "Hello!" → "Hi! How can I help?" answers all there was to answer.
  if (q.greeting && (GREETING_REPLY.test(reply) || FOREIGN_GREETING_REPLY.test(reply))) evidence.push({ weight: 0.5, why: "answers the greeting", start: 0, end: 0 });
  // Talk about prices without a price is not an answer to "how much?".
  if (q.wantsFigure && !hasFigure && concrete.length === 0) return none();
  // "25 MB per file." to "what's the max size?": a figure straight away is the answer; in a longer
  // reply, a sentence that names what was asked and gives a number ("the cut-off is 3:30pm").
  // (In a menu the numbers are its options: "For GRADES reply 1. For FEES reply 3".)
  const figureAsked = q.wantsFigure && menus.length === 0;
  if (figureAsked && words <= 40 && /\d/.test(reply.slice(0, 60))) evidence.push({ weight: 0.5, why: "gives the figure asked for", start: 0, end: 0 });
  else if (figureAsked && figureSentence(substance, q.stems)) evidence.push({ weight: 0.5, why: "gives the figure asked for", start: 0, end: 0 });
  else if (figureAsked && hasFigure && shared + concrete.length > 0) evidence.push({ weight: 0.35, why: "gives the figure asked for", start: 0, end: 0 });
  const substantive = wordCount(substance) >= 4;
  if (q.yesNo && substantive && (YES_NO_ANSWER.test(substance) || (words > LONG_REPLY_WORDS && BURIED_YES_NO.test(substance)))) {
    evidence.push({ weight: 0.45, why: "answers yes or no", start: 0, end: 0 });
  } else if (foreign && q.asks && substantive && (FOREIGN_AFFIRMATION.test(substance) || FOREIGN_NEGATION.test(substance))) {
    // "Oui, nous livrons en Corse.": the yes/no questions of the other languages are not told apart from the rest
    // ("vous livrez en corse ?"), so any question answered with a yes or a no of the reply's language counts.
    evidence.push({ weight: 0.45, why: "answers yes or no", start: 0, end: 0 });
  }
  // In a long reply, a sentence naming what was asked next to a figure ("today, yes, we're open from 9am").
  if (!q.wantsFigure && words > LONG_REPLY_WORDS && figureSentence(substance, q.stems)) evidence.push({ weight: 0.3, why: "gives concrete details", start: 0, end: 0 });
  if (q.wantsMeaning && !q.wantsFigure && definesAsked(substance, q.stems)) evidence.push({ weight: 0.5, why: "says what the asked thing is", start: 0, end: 0 });
  // A long reply always mentions the subject and says something new; only a short one is judged
  // an answer on that alone. Long replies need instructions, a yes/no, a figure or a cause.
  if (words > LONG_REPLY_WORDS) return { shared, concrete, evidence, hasFigure, fresh, words };
  // New, specific content ("shared folders, version history", "Chrome, Firefox, Safari") is what
  // an answer adds to a question; talk around a subject is mostly generic words.
  const names = (original.slice(0, OVERLAP_CHARS).match(MID_SENTENCE_NAME) ?? []).length;
  if ((fresh >= 3 && generic * 2 < fresh) || names >= 2) evidence.push({ weight: 0.25, why: "adds specific information", start: 0, end: 0 });
  if (substantive && shared >= 2) evidence.push({ weight: 0.45, why: "talks about what was asked", start: 0, end: 0 });
  else if (substantive && shared === 1) evidence.push({ weight: 0.3, why: "talks about what was asked", start: 0, end: 0 });
  if (!q.wantsFigure && hasFigure && shared > 0) evidence.push({ weight: 0.25, why: "gives concrete details", start: 0, end: 0 });
  if (q.wantsNames && names > 0 && shared > 0) evidence.push({ weight: 0.3, why: "names what was asked for", start: 0, end: 0 });
  return { shared, concrete, evidence, hasFigure, fresh, words };
}

/** A sentence holding a digit and one of the question's content words. */
function figureSentence(text: string, stems: ReadonlySet<string>): boolean {
  if (stems.size === 0) return false;
  for (const sentence of text.split(/[.!?\n]+/)) {
    if (!/\d/.test(sentence)) continue;
    for (const s of stemSet(sentence)) if (stems.has(s)) return true;
  }
  return false;
}

export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).length;
}
