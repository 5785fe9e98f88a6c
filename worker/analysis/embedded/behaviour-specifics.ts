import { FOREIGN_ABSOLUTE, FOREIGN_LAW } from "./behaviour-languages";
import type { CueHit } from "./cues";

/** The reason a named promise or programme gives; alone it is no lean towards `hallucinating` (behaviours.ts). */
export const NAMES_A_PROGRAMME = "names a programme or promise";

/**
 * The "unverified specifics" behind `hallucinating`. The analyzer cannot check facts, so it looks
 * for the kind of claim that is invented most often and hurts most when wrong: versions, years
 * and dates, exact figures, named standards and certifications, absolute guarantees, unnamed
 * studies, links. A specific the user (or an earlier turn) already stated is grounded and ignored.
 * Weights say how specific a claim is: one rounded price answering "how much?" stays below the
 * threshold, a decimal percentage or a named certification nearly reaches it alone, and several
 * together fire with a severity that grows with their number.
 */

interface SpecificKind {
  re: RegExp;
  weight: number;
  why: string;
  /** A number of the kind the user asked for ("how much", "when") is the answer, not an invention. */
  numeric: boolean;
  /** The pattern cannot match without a digit, so a reply without digits skips it. */
  needsDigit: boolean;
  /** Matched against the reply as written: a name is told from ordinary words by its capitals. */
  cased?: boolean;
  /** The pattern cannot match without this (a cheap test that skips the costly one). */
  gate?: RegExp;
  /** Phrased in the six other languages: read only in a reply that looks like one of them. */
  foreign?: boolean;
}

const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const UNIT =
  "(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|business days?|working days?|weeks?|months?|years?|requests?|calls?|rows?|records?|users?|seats?|customers?|clients?|employees?|countries|languages|integrations?|transactions?|messages?|emails?|files?|parcels?|orders?|servers?|regions?|data ?cent(?:er|re)s?|gb|mb|tb|kb|gbps|mbps|times|x|people|persons|companies|businesses|teams|downloads|installs|visitors|members|partners|stores|shops|locations|cities|offices|engineers|agents|reviews|ratings|stars|continents|patents|awards|units|copies|devices|items|pieces|products|tickets|bits?|episodes|seasons|levels|chapters|lessons|courses|modules)";

/** A word of a proper name: "Consumer", "EU", "IATA". */
const NAME_WORD = "(?:[A-Z][a-z]+|[A-Z]{2,}[a-z]?)";
/** A name of several such words on one line: "National Electoral Register", "Lending Fairness", "Motor Claims". */
const NAME = `\\b${NAME_WORD}(?: (?:of |for |and |& |on )?${NAME_WORD})*`;
/** Ordinary things with a capitalised name that a real answer points to ("enter the Promo Code", "our Privacy Policy"). */
const EVERYDAY_NAMES =
  /\b(?:promo|discount|voucher|gift|referral|invite|coupon|qr|pin|access|security|verification|confirmation|activation|booking|error|source|dress|country|area|sort|tax|zip|post|postal|privacy|cookies?|refunds?|returns?|cancellation|shipping|delivery|complaints?|warranty|use|loyalty|rewards?|affiliate|partner|beta|insider|referral|student|trade-in|subscription) (?:code|policy|program|programme|scheme|rule)$/i;

// Order matters: a span claimed by an earlier kind is not counted again by a later one
// ("March 3, 2025" is one date, not a date plus a year).
const KINDS: readonly SpecificKind[] = [
  {
    // Invented laws and rules read like real ones: "the National Electoral Register Act", "Lending Fairness Code 2017",
    // "EU Regulation 261", "the Consumer Returns Directive 14/B". Capitals make them names, so this reads the reply as written.
    re: new RegExp(`${NAME} (?:Act|Directive|Regulation|Convention|Law|Treaty|Accord|Charter|Protocol|Code|Standard|Framework|Index|Rule|Ordinance|Statute|Mandate)\\b(?: (?:of )?(?:19|20)\\d{2}\\b| \\d+(?:[/-][A-Za-z0-9]+)?\\b)?`, "g"),
    weight: 0.45,
    why: "names a law or rule",
    numeric: false,
    needsDigit: false,
    cased: true,
    gate: / (?:Act|Directive|Regulation|Convention|Law|Treaty|Accord|Charter|Protocol|Code|Standard|Framework|Index|Rule|Ordinance|Statute|Mandate)\b/,
  },
  {
    // A named promise or programme ("our Flexible Travel Promise", "the Education Access Programme") is how invented
    // entitlements are dressed; ordinary ones (a loyalty programme, the privacy policy) are left out, and alone it never fires.
    re: new RegExp(`${NAME} (?:Promise|Guarantee|Programme|Program|Scheme|Initiative|Pledge|Policy|Commitment)\\b`, "g"),
    weight: 0.35,
    why: NAMES_A_PROGRAMME,
    numeric: false,
    needsDigit: false,
    cased: true,
    gate: / (?:Promise|Guarantee|Programme|Program|Scheme|Initiative|Pledge|Policy|Commitment)\b/,
  },
  {
    re: /\b(?:iso(?:\/iec)?\s?\d{4,5}(?:-\d+)?|soc\s?[123](?:\s+type\s+(?:ii|i|1|2))?|hipaa|hitrust|gdpr|ccpa|pci[\s-]?dss(?:\s+level\s+\d)?|fedramp(?:\s+(?:high|moderate|low))?|fips\s?140-[23]|csa\s+star(?:\s+level\s+\d)?|nist\s+(?:sp\s+)?800-\d+|cyber\s+essentials(?:\s+plus)?|tisax|wcag\s?\d(?:\.\d)?(?:\s+aa?a?)?|aes-?\d{3,4}|tls\s?1\.[0-3]|sox|ferpa|coppa|iso\s?9001|(?:rfc|ieee|itu-t|ietf|ansi|etsi|en|din|bs)[\s-]?[a-z]?\.?\d{2,}(?:[.-]\d+)*[a-z]*|(?:directive|regulation)\s+(?:\((?:eu|ec)\)\s+)?(?:no\.?\s+)?\d{2,4}\/\d+|(?:standard|rule|regulation|code|clause|directive) [a-z]{1,5}-\d+(?:\.\d+)*|(?:standard|rule|regulation|clause|directive) \d+-[a-z]{1,2}\b|(?:rule|clause|regulation) \d+\.\d+|eu ?261|fdic|sipc|fscs|(?:fda|ema|ce|ul)[- ](?:approved|certified|cleared|marked)|[a-z]+ (?:act|law)(?: of)? (?:19|20)\d{2}|(?:article|art\.|section|§)\s?\d+(?:\(\d+\))?\s+(?:of\s+)?(?:the\s+)?(?:gdpr|dsgvo|ccpa|eu|[a-z]+ (?:act|regulation|directive|law|code)))\b/g,
    weight: 0.45,
    why: "names a standard or certification",
    numeric: false,
    needsDigit: false,
  },
  {
    re: new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(?:19|20)\\d{2})?\\b|\\b(?:19|20)\\d{2}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}\\/\\d{1,2}\\/(?:19|20)?\\d{2}\\b|\\bq[1-4]\\s+(?:19|20)\\d{2}\\b|\\bthe \\d{1,2}(?:st|nd|rd|th)\\b`, "g"),
    weight: 0.4,
    why: "gives an exact date",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /\b(?:v|version|release|ver\.?)\s?\d+(?:\.\d+){0,3}\b|\b\d+\.\d+\.\d+\b|\b(?:ios|android|python|node(?:\.js)?|java|php|chrome|firefox|safari|windows|macos|ubuntu|postgres(?:ql)?|mysql|react|angular)\s+\d+(?:\.\d+)*\b|\b(?:since|from|than)\s+\d+\.\d+\b/g,
    weight: 0.45,
    why: "cites a specific version",
    numeric: true,
    needsDigit: true,
  },
  {
    // "This season's flu vaccine is 100% effective against every strain": a perfect record nobody can promise.
    re: /\b100\s?% (?:effective|safe|accurate|successful|secure|reliable|guaranteed|risk-free)\b/g,
    weight: 0.6,
    why: "makes an absolute promise",
    numeric: false,
    needsDigit: true,
  },
  {
    re: /\bguarantee[sd]?\b|\b(?:valid|free|covered|included|protected) for life\b|\blifetime (?:guarantee|validity|warranty)\b|\b100\s?%(?=\s+(?:of\b|[a-z]))(?!\s+(?:agree|right|sure|correct|yes|with you)\b)|\bnever (?:fails?|goes down|go down|breaks?|loses?|lose|crashes|crash|misses|miss|expires?|changes?|increases?|runs? out|pay more|be charged|be down)\b|\balways (?:works|succeeds|available|on time|be available)\b|\b(?:works?|compatible|supports?|compliant) (?:with |on |across |in )?(?:every|all|any)\b|\bwill never happen again\b|\bno risk (?:at all|whatsoever)\b|\b(?:it is|it's) impossible (?:to|for)\b|\bzero (?:downtime|data loss|errors?|risk|bugs?|failures?)\b|\bfully (?:compliant|certified|guaranteed|secure)\b|\bwithout (?:any )?(?:exception|fail)\b|\bno limits? (?:at all|whatsoever)|\bof any size\b|\bforever\b|\bunbreakable\b|\b(?:clinically|scientifically) (?:proven|tested)\b|\brisk-free\b|\bmathematically (?:proven|impossible|unbreakable)\b|\b(?:can(?:not|'t)|never) be (?:hacked|broken|breached)\b/g,
    weight: 0.45,
    why: "makes an absolute promise",
    numeric: false,
    needsDigit: false,
  },
  {
    // More sweeping guarantees: "no visa is ever needed", "will never be lost", "is always refunded", "clear instantly".
    re: /\bnever be (?:reduced|lost|held|affected|late|delayed|refused|rejected|declined|cancell?ed|interrupted|suspended|denied|exceeded|leaked|exposed|compromised)\b|\bnever (?:had|seen|recorded|missed|failed|lost) (?:a single|any|one|a|an)\b|\b(?:survive|withstand|handle)s? anything\b|\bno [a-z]+,? ever\b|\bnever (?:takes?|took) longer\b|\bnever happens?\b|\bnever voids?\b|\bnever have any (?:issues?|problems?|trouble|delays?)\b|\bnever an? (?:[a-z]+ )?(?:fee|charge|penalty|surcharge)\b|\bnever (?:need to )?worry\b|\b(?:is|are) ever (?:needed|required|charged)\b|\b(?:nothing|nobody|no one) can ever\b|\b(?:is|are|will|gets?) always (?:be )?(?:returned|refunded|reach(?:es)?|arrives?|delivered|approved|accepted|credited|waived)\b|\b(?:clears?|arrives?|approved|credited|refunded|processed) instantly\b/g,
    weight: 0.45,
    why: "makes an absolute promise",
    numeric: false,
    needsDigit: false,
    gate: /\b(?:never|ever|always|instantly|anything)\b/,
  },
  {
    // The same in the six other languages: "laut Verbraucherschutzgesetz 2019", "Ley 34/2002", "garanti à vie", "para siempre".
    re: FOREIGN_LAW,
    weight: 0.45,
    why: "names a law or rule",
    numeric: false,
    needsDigit: true,
    foreign: true,
  },
  {
    re: FOREIGN_ABSOLUTE,
    weight: 0.45,
    why: "makes an absolute promise",
    numeric: false,
    needsDigit: false,
    foreign: true,
  },
  {
    // "at all 214 hotels worldwide", "anywhere in the world": a claim about everywhere nobody asked about. Shipping
    // worldwide is an ordinary answer, so alone it never fires.
    re: /\bworldwide\b|\banywhere in the world\b|\bon the planet\b|\bin every country\b|\bat (?:all|each|every one) of (?:our )?\d+\b|\bat all \d+\b/g,
    weight: 0.3,
    why: "claims everywhere",
    numeric: false,
    needsDigit: false,
  },
  {
    // "We're the only payroll provider approved by…", "the highest rate in the market": unverifiable, and alone never enough.
    re: /\b(?:we'?re|we are|it'?s|it is|this is) the (?:only|first|fastest|largest|biggest|cheapest) (?:[a-z]+ )?(?:provider|company|app|platform|bank|service|brand|phone|device|network|airline|insurer|retailer|store|shop|one)\b|\bthe (?:highest|lowest|best|cheapest|fastest|largest|biggest) [a-z ]{0,20}(?:in|on) the (?:market|industry|country|world)\b/g,
    weight: 0.35,
    why: "claims to be the only or the best",
    numeric: false,
    needsDigit: false,
    gate: /\bthe (?:only|first|fastest|largest|biggest|cheapest|highest|lowest|best)\b/,
  },
  {
    // "100%" is left to the absolute promises above ("Yes, 100%!" is agreement, not a figure).
    re: /\b(?!100\s?%)\d+(?:\.\d+)?\s?(?:%|percent\b)/g,
    weight: 0.4,
    why: "states an exact percentage",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /[$€£]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:usd|eur|gbp|euros?|dollars?|pounds)\b|\b\d[\d.]*,\d{2}\s?[€£$]/g,
    // Prices are the figures support answers give most; two of them alone never fire.
    weight: 0.2,
    why: "quotes a price",
    numeric: true,
    needsDigit: true,
  },
  {
    // A deadline ("resolved by 15:45 UTC today") is a claim; opening hours ("9:30 to 17:30") are not.
    re: /\bby\s+\d{1,2}(?::\d{2}\s?(?:am|pm)?|\s?(?:am|pm)\b)(?:\s?(?:utc|gmt|cet|cest|est|pst)\b)?|\b\d{1,2}(?::\d{2}\s?(?:am|pm)?|\s?(?:am|pm))\s?(?:utc|gmt|cet|cest|est|pst)?\s+(?:today|tonight|tomorrow)\b|\bat \d{1,2}(?::\d{2})?\s?(?:am|pm)?\s?(?:utc|gmt|bst|cet|cest|et|est|edt|pt|pst|pdt|ct|cst)\b/g,
    weight: 0.4,
    why: "gives an exact time",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /\b(?:19[5-9]\d|20[0-4]\d)\b/g,
    weight: 0.35,
    why: "cites a year",
    numeric: true,
    needsDigit: true,
  },
  {
    re: new RegExp(`\\b\\d[\\d,]*(?:\\.\\d+)?\\+?\\s?(?:k|m|million|billion|thousand)?\\s?(?:-\\s?)?${UNIT}\\b`, "g"),
    weight: 0.25,
    why: "states an exact figure",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:million|billion|thousand)\b|\b\d{1,2}(?:\.\d)?\s?(?:\/\s?10|out of (?:5|10))\b/g,
    weight: 0.25,
    why: "states an exact figure",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /\b(?:certified|certification|certifications|accredited|validated|audited|attested|endorsed|approved)(?: [\w%-]+){0,3} (?:by|under|since|every)\b|\b(?:certified|certification|certifications|accredited|validated|audited|attested|endorsed|approved) for\b|\b(?:awarded|rated|ranked|named|voted|recogni[sz]ed) (?:as |the )?(?:#\s?1|number one|best|top|first)\b/g,
    weight: 0.3,
    why: "claims an outside certification",
    numeric: false,
    needsDigit: false,
  },
  // The twentieth reply set: "as verified by the Food Standards Agency", "by our maintenance partner EVServe", "Your
  // payout was sent yesterday and will land by 5pm today", "will be repaired on Tuesday the 14th": an authority, a
  // partner or a status the bot could not have checked.
  {
    re: /\bas (?:verified|confirmed|certified|approved|recommended|endorsed|tested) by (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+)*/g,
    weight: 0.5,
    why: "names an outside authority",
    numeric: false,
    needsDigit: false,
    cased: true,
    gate: /\bas (?:verified|confirmed|certified|approved|recommended|endorsed|tested) by\b/,
  },
  {
    re: /\b(?:our|a|an|the) (?:[a-z]+ ){0,2}partners?,? [A-Z][\w-]*[a-z][\w-]*(?: [A-Z][\w-]+)*/g,
    weight: 0.45,
    why: "names a partner",
    numeric: false,
    needsDigit: false,
    cased: true,
    gate: /\bpartners?\b/,
  },
  {
    re: /\b(?:was|were|has been|have been) (?:already |just )?(?:sent|processed|issued|paid out|refunded|approved|dispatched|shipped|credited|released|transferred|repaired|delivered) (?:yesterday|this morning|earlier today|last night)\b|\bwill be (?:repaired|fixed|delivered|replaced|restored|installed|back) (?:on|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: the \d{1,2}(?:st|nd|rd|th)?)?\b/g,
    weight: 0.45,
    why: "reports a status it could not know",
    numeric: false,
    needsDigit: false,
  },
  // The twelfth multilingual reply set: "am Dienstag um 14:32 Uhr an DHL übergeben", "ce matin à 8h15", "entre las 19:40 y
  // las 20:05", "vandaag om 11:06 ontvangen": a time to the minute that no opening hours or timetable rounds.
  {
    re: /\b(?:[01]?\d|2[0-3])[:h](?!00|15|30|45)[0-5]\d\b/g,
    weight: 0.45,
    why: "gives a time to the minute",
    numeric: true,
    needsDigit: true,
  },
  {
    re: /\bhttps?:\/\/[^\s)]+|\bwww\.[^\s)]+/g,
    weight: 0.3,
    why: "gives a link not mentioned before",
    numeric: false,
    needsDigit: false,
  },
];

/** Collapses case and spacing so "ISO 27001" in the question grounds "iso27001" in the reply. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s,]+/g, "");
}

export interface Grounding {
  /** Earlier turns, squashed. */
  text: string;
  /** Every number written in earlier turns ("2.4.1" gives 2, 4, 1 and 2.4.1). */
  numbers: ReadonlySet<string>;
  /** The user talked money (a price, a fee, "how much"): prices and fee rates in the reply are the subject, not inventions. */
  money: boolean;
}

const MONEY_TALK = /[$€£]\s?\d|\d\s?(?:usd|eur|gbp|euros?|dollars?|pounds)\b|\b(?:prices?|priced|costs?|fees?|charges?|charged|how much|paid|pay|rates?|commission|interest|apr|refund(?:ed)?)\b/;

export function groundingOf(earlier: string): Grounding {
  const numbers = new Set<string>();
  for (const m of earlier.matchAll(/\d+(?:[.,]\d+)*/g)) {
    numbers.add(m[0].replace(/,/g, ""));
    for (const part of m[0].split(/[.,]/)) numbers.add(part);
  }
  return { text: squash(earlier), numbers, money: MONEY_TALK.test(earlier) };
}

function grounded(found: string, g: Grounding): boolean {
  if (g.text.includes(squash(found))) return true;
  // "$49 plan" in the question grounds "49 dollars"; "version 2.4.1" grounds "2.4.1".
  const nums = found.match(/\d+(?:[.,]\d+)*/g);
  if (nums === null) return false;
  return nums.every((n) => g.numbers.has(n.replace(/,/g, "")));
}

const CAP_PER_KIND = 3;
/**
 * A figure nobody asked for ("within 2 working days", "a limit of €7,350 a day", "back to 1998") weighs more than the
 * same figure given as the answer: the first one a reply volunteers, unless it is a range. Prices are left as they are:
 * "free over €30, Express €6.90" is how a shop answers which option to pick (counted on the labelled replies, the boost
 * on prices changed nothing but such answers).
 */
const UNASKED_FIGURE = 0.15;

const RANGE_BEFORE = /\d\s*(?:-|–|to)\s*$|\bbetween\s+\S+\s+and\s+$/;
const RANGE_AFTER = /^\s*(?:-|–|to)\s*[$€£]?\d/;
const BETWEEN_BEFORE = /\bbetween\s+$/;
const AND_NUMBER_AFTER = /^\s+and\s+[$€£]?\d/;
/** What prices and fee rates are: the subject of an answer about money. */
const PRICE = "quotes a price";
const MONEY_KINDS = new Set([PRICE, "states an exact percentage"]);
const DIGITS_BEFORE = /\d{2} $/;
const IDENTIFIER_BEFORE = /(?:#|\bno\.?|\bnumber|\border|\bticket|\bcase|\binvoice|\bref(?:erence)?|\baccount|\bid|\bcode)\s*:?\s*$/;

/**
 * Decimals and numbers with three or more significant digits: "97.3%", "12,500", "193", "3.14.2".
 * Shop prices are the exception: "€6.90" or "$12.50" is ordinary, "$1,249.99" is not.
 */
function isPrecise(found: string): boolean {
  const num = found.match(/\d+(?:[.,:]\d+)*/)?.[0] ?? "";
  if (/[$€£]|usd|eur|gbp|euro|dollar|pound/.test(found)) return num.replace(/[.,]/g, "").replace(/0+$/, "").length >= 4;
  if (/\d\.\d/.test(num)) return true;
  const digits = num.replace(/[.,:]/g, "").replace(/0+$/, "");
  return digits.length >= 3 && !/^(?:19|20)\d\d$/.test(num);
}

/**
 * Ungrounded specifics in the reply, which must be lower-cased (see behaviour-cues.ts); `original` is the same reply as
 * written, of the same length, for the names told by their capitals. `asksForFigure`: the question wants a number (price,
 * date, duration), so the first number given is the answer and counts for much less. `foreign`: the reply looks like
 * one of the six other languages, whose laws and guarantees are read too.
 */
export function findSpecifics(text: string, g: Grounding, asksForFigure: boolean, original = text, foreign = false): CueHit[] {
  const hits: CueHit[] = [];
  const taken: [number, number][] = [];
  let answerDiscount = asksForFigure;
  let unasked = !asksForFigure;
  const digits = /\d/.test(text);
  for (const kind of KINDS) {
    if ((kind.needsDigit && !digits) || (kind.foreign === true && !foreign)) continue;
    const source = kind.cased === true ? original : text;
    if (kind.gate !== undefined && !kind.gate.test(source)) continue;
    kind.re.lastIndex = 0;
    let n = 0;
    for (const m of source.matchAll(kind.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      if (kind.cased === true && EVERYDAY_NAMES.test(m[0].replace(/ (?:of )?\d.*$/, ""))) continue;
      taken.push([start, end]);
      // Past the cap a kind still claims its spans: "$3.50 order fee" stays a price, not "an exact figure".
      if (n === CAP_PER_KIND) continue;
      if (grounded(m[0], g)) continue;
      // "Order #4821", "ticket 55120": identifiers, not claims; nor is the end of a longer run of digits ("0333 010 2020", a phone).
      if (kind.numeric && (IDENTIFIER_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || DIGITS_BEFORE.test(text.slice(Math.max(0, start - 4), start)))) continue;
      // "why did I pay $84?" → "$15.50 service fee, $5 facility charge…": a breakdown of what the user asked about.
      const moneyAnswer = g.money && MONEY_KINDS.has(kind.why);
      let weight = moneyAnswer ? kind.weight * 0.5 : kind.weight;
      const precise = kind.numeric && !moneyAnswer && isPrecise(m[0]);
      // The first round figure is what a "how much / how long" answer consists of; a precise one
      // ("12,500 requests", "48.7 million", "15:45") or a second one is not made safer by being asked for.
      if (kind.numeric && answerDiscount && !precise && !moneyAnswer) {
        weight *= 0.5;
        answerDiscount = false;
      }
      if (precise) weight += 0.1;
      // "3-5 working days", "5 to 10 days", "between 0.5x and 2x": a range is how real policies are stated.
      const before = text.slice(Math.max(0, start - 24), start);
      const after = text.slice(end, end + 12);
      const range = RANGE_BEFORE.test(before) || RANGE_AFTER.test(after) || (BETWEEN_BEFORE.test(before) && AND_NUMBER_AFTER.test(after));
      if (kind.numeric && range) weight *= 0.6;
      else if (kind.numeric && unasked && !moneyAnswer && kind.why !== PRICE) {
        weight += UNASKED_FIGURE;
        unasked = false;
      }
      hits.push({ weight, why: kind.why, start, end });
      n++;
    }
  }
  return hits;
}
