import type { CuePattern } from "./cues";

/**
 * Phrase cues for assistant behaviours. Weights as in flag-cues.ts: ≥ 0.5 fires on its own, lower
 * weights need company. Specific claims (versions, figures, standards, guarantees) live in
 * behaviour-specifics.ts; what counts as answering the question lives in behaviour-answer.ts.
 *
 * Every pattern here runs on the reply lower-cased by `normalise` (same length, so offsets still
 * point into the original, and curly apostrophes already straightened). That lets the regexes go
 * without the case-insensitive and Unicode flags, which made them several times slower in V8; the
 * cues are English, so ASCII word boundaries are enough.
 */

/**
 * Same phrase syntax as `cue()` in cues.ts ("a|(b|c) d", a space matches any whitespace, " ?" an
 * optional one, an apostrophe may be missing), compiled for lower-cased text.
 */
function cue(weight: number, why: string, phrases: string, opts: { negatable?: boolean; sentenceStart?: boolean } = {}): CuePattern {
  return { re: new RegExp(alternation(phrases), "g"), weight, why, negatable: opts.negatable ?? false, sentenceStart: opts.sentenceStart ?? false };
}

/** "a|(b|c) d" → word-bounded alternation; "|" inside parentheses is left alone. */
export function alternation(phrases: string): string {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of phrases) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (ch === "|" && depth === 0) {
      parts.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  parts.push(cur.trim());
  return parts
    .filter((p) => p !== "")
    .map((p) => {
      // " ?" (an optional space, as in "help ?desk") must become "\\s?", not "\\s+?" (one or more).
      const body = p.replace(/'/g, "'?").replace(/ \?/g, "\\s?").replace(/ /g, "\\s+");
      const pre = /^[a-z0-9(]/.test(p) ? "\\b" : "";
      const post = /[a-z0-9]$/.test(p) ? "\\b" : "";
      return `${pre}(?:${body})${post}`;
    })
    .join("|");
}

// --- apologies ---------------------------------------------------------------------------------

export const APOLOGY = /\b(?:sorry|apologi[sz](?:e|es|ed|ing)|apolog(?:y|ies)|my bad|forgive me|pardon me|regret (?:any|the) inconvenience)\b/g;
/** Wording that is excessive even said once; a plain "I'm so sorry" is courtesy, not this. */
export const EXCESSIVE_APOLOGY = /can(?:not|['’]?t) apologi[sz]e enough|a (?:thousand|million) apologies|(?:so|very|terribly|truly|deeply|really),? (?:so|very|terribly|truly|deeply|really) sorry|(?:deepest|most sincere|humblest) apologies|beg (?:your|for) forgiveness/;

// --- robotic -----------------------------------------------------------------------------------

/** Why a menu cue fired, in any language: the steps and figures around a menu are its options, not an answer. */
export const MENU = "offers a menu instead of an answer";

/** Machine or form-letter phrasing that a person in a chat would not write. */
export const TEMPLATE_CUES: readonly CuePattern[] = [
  cue(0.8, "talks like a template", "as an ai( language model| assistant| model)?|i am (the|your) (virtual|automated|digital) (assistant|agent)|i('m| am) (just |only )?(a|an) (ai|bot|virtual assistant|chatbot|language model|automated assistant)|i (do not|don't) have (personal )?(feelings|emotions|opinions)|your (request|query|inquiry|enquiry|ticket|message|case|call) (has been|was|is being) (received|processed|logged|submitted|registered|recorded|noted|forwarded)|please be advised|kindly (note|be informed|be advised)|we regret to inform you|dear (valued )?(customer|user|client|sir|madam|member)|(please )?do not reply to this (message|email)|this is an automated (message|response|reply)|in due course|(a|one of our) (representative|agent|team member|member of (our|the) team) will (contact|get back to|respond to|reach out to) you|your (call|request|message|inquiry|business) is (very )?important to us|i (didn't|did not) (quite )?(understand|get|catch) (that|your (request|question|message|input))|(please rephrase|(could|can|would) you (please )?rephrase)|please state your (query|question|request|issue)|please allow \\d+|in all (future )?correspondence|this (mailbox|inbox|address) is not monitored|(we )?acknowledge receipt of|status: ?[a-z_]+\\b|error( code)?:? ?[a-z-]*\\d{2,}|(session|request) (has )?timed out|kindly (provide|send|share|revert|contact|confirm)|revert back|(the )?requested operation (could not|cannot) be completed|(has|have) been (escalated|forwarded|assigned) to the (relevant|appropriate|responsible) (team|department)|(didn't|did not) (quite )?(catch|get) that|try (asking|rephrasing|wording) (it |that |your question )?(in )?(a )?(different|another) way|i (don't|do not) understand (your|the|that) (question|request|message|input)|press \\d (for|to)|please (enter|type|input) your [a-z0-9 -]{0,30}(number|id|code|reference)|please (hold|wait) while (i|we) (transfer|connect|process|look)|(your )?(ticket|reference|case|tracking) (number|no\\.?|id) (is|:) ?#?[a-z-]*\\d|reference (number|no\\.?|id) ?:|(this|the) (conversation|chat|session) (has been|was|is) (closed|ended|terminated)|(kind|best|warm) regards,? (the )?[a-z ]{0,30}(team|department|service)|your feedback has been (noted|recorded|received)|please try again later|please provide the following( information| details)?|(your |this )?(request|query|inquiry|enquiry) (cannot|can't|could not|couldn't) be (processed|handled|completed|fulfilled)|(i am|i'm|we are|we're) (unable|not able) to (assist|process|complete|fulfil|fulfill|handle) (with )?(that|this|your) (request|query|inquiry|enquiry)|(invalid|unrecognized|unrecognised) (input|option|selection|response|command|request)|please (select|choose) (one of|an option|from the)|(select|choose) (one of )?the following options|reply with (a number|yes or no|\\d)|type (\\d|yes|no|menu|help|agent) to"),
  // A menu in place of an answer: "Please select a valid option from the menu", "type one of these keywords".
  // "[1] Order status [2] Returns": starts at the bracket (a phrase opening with an optional group gets a \b that "[" cannot meet).
  cue(0.8, MENU, "\\[\\d\\] [a-z]+( [a-z]+)? \\[\\d\\]|for [a-z]+( [a-z]+)? reply \\d|(please )?(type|enter) (your|the) (choice|selection|option)|enter the number only|(enter|type|use) a valid (keyword|option|input|command|choice)|try again (using|with) (different|other) words|please rephrase|invalid input|supported topics ?:|you can ask (me )?(things|questions) like|(select|choose|pick) (a valid |an |one )?(option|topic|keyword)s?(:| (from|below|above|in) )|(select|choose|pick) one of the following|type one of (these|the following)( keywords| options| words)?|please type (one of|a keyword|the number)"),
  // Unfilled template slots: "Hi {first_name}", "Dear [Customer Name]".
  // The twelfth multilingual reply set: "Olá, %NOME%!", "Gentile <nome_cliente>", "Beste [Naam klant]", "[NUMÉRO_COMMANDE]".
  cue(0.8, "contains an unfilled template slot", "\\{\\{?\\s*[a-z_]+\\s*\\}\\}?|\\[(customer|user|client|first|your) ?name\\]|<(name|customer)>|%[a-zà-ÿ_]{3,}%|<[a-zà-ÿ]+_[a-zà-ÿ_]+>|\\[[a-zà-ÿ]+_[a-zà-ÿ_]+\\]|\\[(naam|name|nome|nom|nombre|prénom|prenom|vorname|numero|número|nummer|number|datum|data|fecha|date|pasnummer|bestelnummer|amount|betrag|montant|importe|valor|importo|bedrag)( [a-zà-ÿ]+)?\\](?!\\()"),
];

/**
 * A self-service form's phrasing: a survey or a menu prompt tacked on ("Was this answer helpful? Reply 1 for Yes"),
 * field rules ("Do not include additional text"), a reference code. Robotic, but unlike a template it may carry the
 * answer ("ROUTING NUMBER: 021000021 … Reply 1 for Yes, 2 for No"), so it does not stop the reply being helpful.
 */
export const FORM_LIKE: CuePattern = cue(
  0.6,
  "reads like a form",
  "(was|did) (this|that) (answer|article|information|reply|response) (helpful|help( you)?)|reply \\d for|(type|reply|enter|text) (yes|no|menu|agent|stop|help|y|n|\\d) (or|to|for)|to return to the (main )?menu|select option \\d|for [a-z ]{1,30} select option|do not include (any )?(additional|other|extra) text|enter each (field|item|detail) separately|(incomplete|invalid) (submissions?|requests?|entries|forms?) (cannot|can't|will not|won't) be (processed|accepted)|reference: ?[a-z]{1,5}-?\\d{3,}|not available in (this )?chat",
);

/** Stock phrases: one is politeness, several in one reply read as a form letter. */
export const STOCK_PHRASES: CuePattern = cue(
  0.3,
  "uses stock phrases",
  "did this answer your question|was this (article |answer )?helpful\\?|here's an article that (may|might) help|i understand your (concern|frustration|request)|thanks? (so much )?for (your patience|reaching out|contacting us|getting in touch|waiting|flying with us|choosing us|shopping with us|travelling with us|traveling with us|staying with us|ordering with us|banking with us)|thank you for (being a valued customer|contacting|reaching out|your patience|your inquiry|your enquiry|your message|choosing|your query)|is there anything else (i can|that i can|i may|we can) (help|assist|do)|we (value|appreciate) your (feedback|business|patience|loyalty)|(we|i) (sincerely )?apologi[sz]e for (any|the) inconvenience( (this|that) (may have )?caused)?|rest assured|at (your|the) earliest convenience|please do not hesitate to|don't hesitate to|as per (your|our)|i hope this (email|message) finds you well|(it is|it's) important to note that|have a (great|nice|wonderful|pleasant) day|for (security|quality|training) purposes|in accordance with (our|the)|we will get back to you|we are (currently )?experiencing (a )?high (volume|demand)",
);

// --- redirecting -------------------------------------------------------------------------------

/** Who or what a user can be sent to. */
const ELSEWHERE =
  "(team|department|dept|support|helpdesk|help ?desk|service ?desk|administrator|admin|admins|owner|bank|card issuer|issuer|provider|carrier|courier|landlord|employer|accountant|lawyer|doctor|account manager|manager|representative|rep|agent|specialist|sales|billing|finance|legal|vendor|seller|merchant|retailer|airline|insurer|insurance company|manufacturer|isp|internet provider|hr|payroll|accounts team|partner|branch|customer service|customer care|care team|office|service team|(support|help|payments?|phone|claims|fraud|bookings?|service|customer|sales) ?line|hotline|call cent(er|re)|organiser|organizer|event organiser|event organizer|venue|school|university|government|authority|authorities|tax office|embassy|police|local police|gp|physician|pharmacy|pharmacist|clinic|hospital|practice|airport|lost and found|lost property( office)?|letting agent|estate agent|property manager|landlord|host|restaurant|registrar|teacher|instructor|tutor|professor|front desk|desk|counter|reception|rental desk|network operator|grid operator|utility|utility company|supplier|energy supplier|wallet provider|publisher|studio|app store|google play|apple|paypal|payment provider)";
const ELSEWHERE_PAGE =
  "(website|site|help ?(center|centre)|faq|faqs|support (page|site|portal|center|centre)|documentation|docs|knowledge ?base|community|forum|status page|developer (portal|docs|documentation)|contact page|contact form|help (page|article|articles|docs)|discord|community forum|self-service portal|customer portal|online form|faq page|app store|play store)";

export const REDIRECT_CUES: readonly CuePattern[] = [
  cue(0.75, "sends the user to someone else", `(contact|contacting|email|e-mail|call|calling|phone|message|reach out to|reaching out to|get in touch with|getting in touch with|speak (to|with)|talk (to|with)|check with|consult|write to) (our |the |your |a |an )?([a-z'-]+ ){0,2}${ELSEWHERE}`, { negatable: true }),
  // "Ask your admin to…" usually comes with the rest of the answer, so alone it is not a redirect.
  cue(0.45, "tells the user to ask someone else", `(ask|asking) (our |the |your |a |an )?([a-z-]+ ){0,2}${ELSEWHERE}`, { negatable: true }),
  cue(0.7, "says another team handles it", `(is|are) (handled|managed|dealt with|processed|taken care of|configured|controlled|set up|decided|owned|issued|charged) (by|through) (our |the |your |a )?([a-z'-]+ ){0,3}${ELSEWHERE}|(our|the|your) ([a-z'-]+ ){0,2}${ELSEWHERE} (handles|manages|deals with|takes care of|is responsible for|are responsible for|can help with|owns|decides)|(falls?|is|are|comes?) (under|within) the (purview|remit|responsibility|jurisdiction) of|(only|just) (they|your admin|an admin|your administrator|the owner|the account owner|our [a-z]+ team) (can|could|is able to|are able to)`),
  cue(0.65, "says another team can help", `(our|the|your) ([a-z-]+ ){0,2}${ELSEWHERE} (can|will|should|would|is able to|are able to|is better placed to|are better placed to) (be able to )?(help|assist|answer|sort|look into|take care|advise|deal)|(raise|take up|discuss|take) (this|it|that) (up )?with (our|the|your) ([a-z-]+ ){0,2}${ELSEWHERE}|(raise|take up|discuss|check) (this|it|that) (up )?with (them|him|her)( directly)?|(only|just) (the|your|our) ([a-z'-]+ ){0,2}${ELSEWHERE} (can|could|is able to|are able to)|(has|have|needs? to) (to )?go through (the|your|our) ([a-z'-]+ ){0,2}${ELSEWHERE}|(is|are) better placed to (help|answer|advise)`, { negatable: true }),
  cue(0.65, "gives a phone number to call", "(call|ring|phone|dial|text) (us |them |([a-z&'-]+ ){1,4})?(on |at )?\\+?\\d[\\d -]{6,}\\d", { negatable: true }),
  cue(0.65, "sends the user to report it elsewhere", `report (it|this|that|the [a-z]+) (to|at|with) (the |your |our )?([a-z-]+ ){0,2}${ELSEWHERE}|report (it|this|that|the [a-z]+) ([a-z-]+ ){0,8}(through|via|on) (the |your |our )?([a-z-]+ ){0,2}(portal|website|app|form)`, { negatable: true }),
  cue(0.5, "says the answer is on another page", `(find|get) (more |all the |further )?(information|info|details|help|the answer|answers|everything) (you need )?(in|on|at|from) (our |the )?([a-z-]+ ){0,2}${ELSEWHERE_PAGE}|(through|via) (our |the )([a-z-]+ ){0,2}${ELSEWHERE_PAGE}`, { negatable: true }),
  cue(0.6, "says someone else must deal with it", "(you'd|you would|you'll|you will|you) (need|have|want) to (contact|ask|call|email|reach out to|check with|speak to|talk to|get in touch with) (them|him|her|that team)|(on|from) their (side|end)|(comes|is|are) from (your|the) ([a-z-]+ ){0,2}(bank|card issuer|issuer|provider|carrier|employer|it department|admin), not (from )?us|(book|schedule|arrange) a (call|meeting|demo) with (them|our|the|a)", { negatable: true }),
  cue(0.75, "asks the user to open a ticket or fill in a form", "(open|submit|create|raise|file|log|lodge) a (new )?(support |fraud |security )?(ticket|request|case|complaint|claim|report|dispute)|(fill (out|in)|complete|submit|use) (the|our|a|this) ([a-z\"“”'-]+ ){0,3}(form|web ?form)", { negatable: true }),
  cue(0.55, "points to a page instead of answering", `(visit|check|check out|see|refer to|go to|consult|head (over )?to|look at|browse) (our |the )?([a-z-]+ ){0,2}${ELSEWHERE_PAGE}|(visit|go to|check) the [a-z-]+ page (of|on) our (website|site)`, { negatable: true }),
  cue(0.7, "sends the user to a store or branch", "(visit|go to|head to|pop into|stop by|drop by|call into|bring it to|ask at) ((your|the|our|a|any) (nearest |local |closest )?|one of our ([a-z-]+ ){0,2})([a-z0-9&'-]+ )?(stores?|shops?|branch(es)?|offices?|service points?|post office|retailers?|repair (shop|centre|center)s?|front desk|reception|rental desk|service desk|counter|check-in desk|pharmac(y|ies)|clinics?|service cent(re|er)s?)", { negatable: true }),
  // "Please contact them for assistance", after naming the body that keeps the records.
  cue(0.6, "sends the user to someone else", "(contact|reach out to|get in touch with|write to|reach) them (directly )?(for|via|through|at|on) |(contact|reach out to|get in touch with) them( directly)?[.!]|submit your (inquiry|enquiry|request|question|query) to (them|that (team|office|department))", { negatable: true }),
  cue(0.6, "gives an address to write to", "(send|email|e-mail|write|forward|mail) ([a-z-]+ ){0,4}(to )?[a-z0-9._%+-]+@[a-z0-9-]+\\.[a-z]", { negatable: true }),
  cue(0.75, "hands the user over", "(i'll|i will|let me|i'm going to|i am going to|we'll|we will) (transfer|connect|escalate|forward|hand) (you|this|your (request|case|question))|(connect|connecting|transfer|transferring|pass|passing) you (on )?(to|with) (a|an|the|our|one of our) ([a-z-]+ ){0,2}(agent|human|person|representative|colleague|specialist|team|advisor|department)|(speak|talk|chat) (to|with) (a|an|one of our) (human|agent|representative|specialist|advisor|colleague)|(email|write to|contact) ((us|them|him|her) at )?[a-z0-9._%+-]+@[a-z0-9-]+\\.|(can|must|need to|has to|have to) (only )?be (handled|done|changed|processed) in (a |the )?(store|branch|person)|email us at|call us (at|on)"),
  // The twenty-first reply set: "For session prices, please ask the trainer or the team at reception", "You'll find the
  // prices … on our Wills page".
  cue(0.75, "sends the user to someone else", "please (ask|check with|speak to|talk to) (the|your|our) ([a-z-]+ ){0,2}(trainer|instructor|team|staff|reception|front desk|driver|branch|store|agent|landlord|vet|nursery|school)", { negatable: true }),
  cue(0.55, "points to a page instead of answering", "(you'll|you will|you can) find (the |our |all (the )?)?([a-z-]+ ){0,3}(on|in) (our|the) ([a-z-]+ ){0,2}(page|website|site|help (centre|center))", { negatable: true }),
  // The twentieth reply set: "Your request has been forwarded to the appropriate department.", "I'm escalating this to a
  // human agent now."
  cue(0.75, "hands the user over", "(your|this|the) (request|query|question|case|message|enquiry|inquiry|ticket|issue|complaint) (has been|have been|was|is being|will be) (forwarded|passed|escalated|transferred|sent|referred|handed) (on |over )?to (the |our |a )?([a-z-]+ ){0,2}(department|team|colleagues|specialists?|agents?|human)|(i'm|i am|we're|we are) (now )?(escalating|transferring|forwarding|passing|handing) (this|it|you|your [a-z]+) (over |on )?to (a|an|the|our|one of our) ([a-z-]+ ){0,2}(agent|human|person|colleague|specialist|team|advisor|department)"),
  // "Please contact the Bristol store directly", "I'm passing this over to our billing specialists", "Our Help Centre has a guide".
  cue(0.7, "sends the user to someone else", "(contact|call|ask|check with|speak (to|with)) (the |your |them |him |her )?([a-z-]+ ){0,3}directly|(passing|passed|handing|handed|forwarding|forwarded|transferring|referring) (this|it|you|your (case|query|request)) (over |on |across )?to (our |the )?([a-z-]+ ){0,3}(team|specialists?|department|colleagues|experts)|(help (centre|center)|knowledge base|faq|support site|community forum) has (a |an )?([a-z-]+ ){0,2}(guide|article|page|tutorial|walkthrough)|visit the ([a-z-]+ ){1,5}page (on our website |on the website )?for (full |more |further )?(details|information|info)", { negatable: true }),
];

/** "I'll contact the courier for you" is the assistant acting, not sending the user away. */
export const SELF_ACTION_BEFORE = /\b(?:i|we)(?:'ll|'ve| will| can| have| just| already|'m going to| am going to| are going to)\s+(?:\S+\s+)?$|\blet me\s+(?:\S+\s+)?$/;

// --- dodging -----------------------------------------------------------------------------------

export const REFUSAL: CuePattern = cue(
  0.7,
  "declines to answer",
  "(i can only|i'm only able to|i am only able to) (help|assist) with|i (can't|cannot|am unable to|am not able to|won't|will not|'m unable to|'m not able to) (help|assist|answer|provide|discuss|comment|share|give|disclose|go into|do that|do this|access|see|check)|(i'm|i am) (not able|unable|not allowed|not permitted|not authorized|not authorised) to|i('d| would) rather not|let's (focus on|talk about|move on to) (something else|another)|i (don't|do not) have (access to|information (about|on)|the ability|that information|any information|any details|details)|(that's|that is|this is) (not something|something) i (can't|cannot|can|am unable to) (help|discuss|share)|(outside|beyond) (of )?(my|the) scope|(we|i) (can't|cannot|are unable to|are not able to|don't) (comment on|share|disclose|discuss) (that|this|details|information|future|our roadmap|roadmap)|(we|i) (can't|cannot|are unable to|are not able to) (discuss|talk about|go into|comment on) ([a-z-]+ ){0,3}(here|in (this )?chat|over chat|on chat)",
);

export const VAGUE: CuePattern = cue(
  0.45,
  "answers vaguely",
  "it (really |all )?depends|(it's|it is|that's|that is) (hard|difficult|tricky|impossible) to say|depending on (your|the) (needs|situation|use case|usage|requirements|circumstances)|(can be|is|are) (very )?flexible|(hard|difficult) to say|depends? on (a lot of|lots of|many|several|a number of|various) (factors|things)|there (are|could be|can be|may be) (many|several|a number of|various|lots of|all sorts of) (factors|reasons|things|possibilities|variables)|every (device|situation|case|customer|user|setup|account|team|business) is different|(it|this|that|things) (can )?var(y|ies) (a lot|widely|from case to case)|i (can't|cannot) (say|tell|be sure|promise) (for sure|exactly|when|if|whether)?|(we'll|we will|i'll|i will) (see|have to see) what (we|i) can do|(something|things) (we're|we are|our team is) (always )?(looking into|evaluating|exploring|considering)|stay tuned|(i'm|i am) not (sure|certain) (about that|i can say|how to answer)|(a|it's a|that's a) matter of (perspective|opinion|taste)|(i'd|i would) rather not speculate|can't speculate|cannot speculate",
);

/**
 * Sales talk about the product or the company in place of an answer ("Our payroll module is built for modern, growing
 * teams", "We love seeing members start their day with us!"): harmless next to an answer, a dodge when it is all there is.
 */
export const SALES_TALK: CuePattern = cue(
  0.3,
  "answers with sales talk",
  [
    "(we're|we are) (so |really |very )?(thrilled|delighted|excited|happy) to (offer|provide|have|bring|serve|support|help|welcome|be)|(are|is|we're|we are|feel) (so |really |very |rightly )?proud (to|of)",
    "(we're|we are|i'm|i am) (always )?here to (make|help|support|ensure)|works? (really |very )?hard (to|behind the scenes|every day)|behind the scenes",
    // "The Revenue Office is committed to…", "central to everything we build", "Your privacy matters to us".
    "(is|are) (fully |deeply |firmly |truly )?(committed|dedicated) to|(is|are) central to (everything|all|what) (we|that we)|your [a-z]+ (truly |really )?(matters?|is (so |very )?(important|valuable|precious)) to us|(is|are) (so |very |really )?(valuable|precious) to us",
    "we (love|adore) (that|it when|seeing|hearing|having|helping|to see)",
    "(is|are|was|were) (specially |carefully |thoughtfully |purpose-)?(designed|built|made|crafted|created|tailored) (to|for|with|by|around)|(designed|built|crafted|tailored) (around|for) (you|your|teams|people|customers|every|modern)",
    "(one of|among) (the|our) (most|best|top|customers'|members') ",
    "(customers'|customer|members'|guests'|fans'|shoppers'|readers') (absolute |all-time )?favou?rites?",
    "at the (heart|core|centre|center) of",
    "(a|an|such a|such an|truly|really) (fantastic|wonderful|great|amazing|brilliant|exciting|popular|incredible|perfect|smart|ideal|vibrant|lovely|excellent|fun|rewarding) (way|choice|home|place|option|addition|pick|destination|opportunity|field|step|location|solution|experience)",
    "(journey|peace of mind|what matters (most|to you))",
    "(we'd|we would) love to (be|help|have|see|hear|welcome)",
    "of all (sizes|kinds|types|backgrounds|ages|levels|shapes)|(every|each) kind of",
    "happy (watching|shopping|testing|learning|travell?ing|travels|listening|gaming|reading|baking|cooking|streaming|saving|browsing|exploring|flying|riding|studying|playing|holidays)",
    "(something|plenty|lots|so much) (new |more )?to (discover|enjoy|explore|love|look forward to)",
    "(constantly|always|continuously|continually|regularly) (refresh|add|improv|invest|innovat|evolv|updat|expand|review|look|think|listen)[a-z]*",
    "we (truly |firmly |strongly )?believe (in|that|everyone|every|great)|with (love|care|passion|pride)|love and care",
    "(means?|matters?) (everything|the world|so much|a lot) to (us|our)",
    "(have|hold) (enormous|great|huge|the (utmost|greatest|deepest)) respect",
    "(it's|it is) (smart|great|wise|good|wonderful|lovely) (to|that you)",
    "(thank you|thanks) (so much )?for (your (interest|patience|understanding|loyalty|trust|support)|being (with us|a member|part of))",
    // "We're so glad you're enjoying your meals", "what we're passionate about", "our most advanced phone ever, with a stunning display".
    "(glad|happy|thrilled|delighted) (that )?(you're|you are) (enjoying|loving)|passionate about|(our|the) (most|best) ([a-z-]+ ){0,2}ever|stunning|beautifully|(is|are) (an |a )?(incredible|fascinating|amazing|remarkable)",
    "(really |truly )?(do )?appreciate your (patience|understanding|loyalty|business|custom|trust)|your amazing self|every great (story|journey|adventure)",
  ].join("|"),
);

/** Sympathy that acknowledges the feeling and says nothing about the case ("I know travel can be stressful"). */
export const SYMPATHY = /\b(?:(?:can|must|may) be|is|are|gets?) (?:so |really |very |incredibly |super |a bit |a little )?(?:stressful|frustrating|annoying|disappointing|upsetting|worrying|confusing|inconvenient|difficult|hard|tough|overwhelming)\b|\b(?:i|we) (?:completely |totally |fully |can )?(?:understand|imagine|know) (?:how|that|your)\b|\bthank you for (?:your|bearing)\b/;

/** Compliments the question or the interest instead of answering; harmless when an answer follows. */
export const FLATTERY: CuePattern = cue(
  0.35,
  "praises the question instead of answering",
  "(love|loving) (the|your) (passion|enthusiasm|energy|question|feedback|idea)|(so |really |very )?(glad|happy|delighted|thrilled|excited) (you're|you are) interested|(that's|that is|it's|it is|what) (a |an )?(really |very |such a |such an )?(great|good|interesting|excellent|fantastic|wonderful|important|thoughtful|complex|tricky|fair|valid) (question|point|thing to ask)|great question|good question|thanks? (you )?(so much )?for (your interest|asking|the question|bringing this up|raising this)|i love (that|this) question|glad you asked|i can (see|tell) (that )?you('re| are) (someone|a person|the kind of person|clearly)|(which|that) is (fantastic|wonderful|amazing|great to see)|thanks? (you )?for (asking|reaching out) about|(you have|you've got) (amazing|great|excellent|impeccable|fantastic) taste|(many|lots of|a lot of) (customers|people|users) (ask|wonder|have asked) (about )?(this|that)|(great|nice|lovely|good) to hear from you",
);

/** Company platitudes that fill a reply without saying anything about the case. */
export const PLATITUDES: CuePattern = cue(
  0.35,
  "answers with platitudes",
  [
    // "We're always working hard to…", "Our team is committed to…", "We always aim to offer…"
    "(we're|we are|our team is|the team is|we) (always |constantly |continuously )?(working|striving|committed|dedicated|focused|aim|aiming|strive) (hard )?(to|on) [^.!?\\n]*",
    "we (truly |really |greatly )?(appreciate|value) (your|you as|you)\\b[^.!?\\n]*",
    // "Privacy is very important to us", "Data protection is a top priority for us"
    "(is|are) (very |extremely |really |incredibly |so )?(important|a (top |high |key )?priority) (to|for) (us|our team|everyone here)[^.!?\\n]*",
    "(is|are) (always )?(our )?(top|highest|number one|#1|first|main|biggest) (priority|concern|goal|focus)[^.!?\\n]*",
    "we('re| are) (always )?here for you[^.!?\\n]*|every step of the way[^.!?\\n]*",
    "(we're|we are) (so |very |really )?proud to (offer|provide|be|serve)[^.!?\\n]*|help (our |all our )?customers (reach|achieve|meet) their (goals|dreams)[^.!?\\n]*",
    // "Our community's feedback shapes the game every single day"
    "(your|our|player|players'|customer|customers'|community|our community's|the community's) feedback (shapes|helps shape|drives|guides|is (always )?(heard|valued|welcome))[^.!?\\n]*",
    "we (completely |fully |totally )?understand (how|that|this|your|why) [^.!?\\n]*",
    "we (value|appreciate|love|cherish) (every|all|each|our) [^.!?\\n]*",
    // "Please allow us time to review your case.", "Weekend appointments are a topic that many of our patients are interested in."
    "please allow us (some )?(time|a (few|couple of) (days|weeks)) to (review|look into|investigate|consider) [^.!?\\n]*",
    "(is|are) a (topic|subject|question) (that )?(many|lots|a lot) of (our )?(customers|patients|users|members|people|clients) (are|have been) (interested in|asking about)[^.!?\\n]*",
    "(these|such) things (can )?take time[^.!?\\n]*|only time will tell",
    "we (take|treat|handle) [^.!?\\n]{0,40}(very |extremely )?(seriously|with (great |the utmost |extreme )?care)[^.!?\\n]*",
    "(something|things) we (take|treat|handle) [^.!?\\n]*",
    "we (care|think) (deeply |a lot |very carefully )?about [^.!?\\n]*",
    "we follow (industry |the )?(best practices|high standards|strict standards)[^.!?\\n]*",
    "(the best (possible )?|a great )(value|experience|service|product)[^.!?\\n]*",
    "(it's|it is|that's|that is) a (great|good|popular|fantastic) (choice|option)[^.!?\\n]*",
    "i (completely |totally |fully )?understand (this|that|how|your|why) [^.!?\\n]*",
    "thanks? (you )?for being (a|such a) (valued|loyal|great) (customer|member|user)[^.!?\\n]*",
    "(we are|we're|i am|i'm) (deeply |truly |so |very )?(grateful|thankful) for [^.!?\\n]*",
    "(is|are|lies|sits) at the heart of (everything|all) (we do|that we do)[^.!?\\n]*",
    "(we|our [a-z]+ teams?) (work|works|are working) (tirelessly|around the clock|day and night)[^.!?\\n]*",
    "(your (voice|opinion|feedback|business)|you) (truly |really )?(matters?|means? (a lot|so much|the world)) to us[^.!?\\n]*",
    "(your|customer) (satisfaction|experience|trust) (is|means) [^.!?\\n]*",
    "(our|the) (product|app|platform|service|team) is (constantly|always|continuously) (evolving|improving|changing|growing)[^.!?\\n]*",
    "(lots of |many |some )?exciting (things|news|updates|features|changes) (are )?(coming|ahead|planned|in the (pipeline|works))[^.!?\\n]*",
  ].join("|"),
);

// --- yes-man -----------------------------------------------------------------------------------

export const YES_MAN_CUES: readonly CuePattern[] = [
  cue(0.6, "agrees effusively", "you('re| are) (absolutely|totally|completely|so|100%|entirely|definitely|exactly|quite) (right|correct)|i (completely|totally|fully|absolutely|100%|wholeheartedly|couldn't) agree|couldn't agree more|exactly right|(that's|that is) (absolutely|exactly|totally|completely|100%) (right|correct|true)"),
  cue(0.6, "agrees without reservation", "(yes|yeah|yep),? (absolutely|totally|completely|exactly) (right|correct|true)|you nailed it|spot on|couldn't have said it better|you('re| are) a genius|whatever you (think|prefer|want|decide|choose)( is best)?|(exactly|just) what i would (do|have done|recommend)|i couldn't agree (more|with you more)"),
  cue(0.6, "endorses the user's idea with enthusiasm", "(great|excellent|fantastic|brilliant|wonderful|amazing|awesome|perfect|smart|genius|superb) (idea|plan|choice|decision|move|thinking|call|approach|way to)|what a (great|brilliant|wonderful|fantastic|smart|genius) (idea|plan|choice|move)|(that|it) (sounds|is) (like )?(a )?(great|perfect|fantastic|brilliant|wonderful|amazing) (idea|plan)"),
  cue(0.35, "opens with enthusiastic agreement", "(absolutely|definitely|certainly|of course|totally|100%|yes|yes yes|sure thing|exactly|for sure|no doubt|without a doubt|no problem at all|no big deal|oh yes|you bet)(!+|,)", { sentenceStart: true }),
  cue(0.3, "speaks in superlatives", "can't lose|sail through|no big deal at all|nothing to worry about|(it's|that's|it is|that is) (brilliant|genius|perfect|flawless|a masterpiece)|completely (in the )?(wrong|right)|(the )?best ([a-z]+ )?(on the market|in the (market|industry|world)|there is|ever)|world-class|second to none|(you have|you've got) (a )?(great|good|amazing|excellent|keen|fantastic) (eye|instinct|instincts)|in every (way|respect|aspect)|unbreakable|100% (safe|secure|sure|right)|(you have|you've got) (amazing|great|excellent|impeccable|fantastic) taste|nothing (else )?comes close|you('ll| will) love it|can't go wrong|go for it|(that|it|this|this plan|this one) (will be|is|would be|'ll be|'s) (perfect|amazing|incredible|fantastic|flawless|ideal)( for you)?|perfect for you|(amazing|incredible|unbeatable|unmatched|outstanding) (deal|value|product|choice|price)"),
  cue(0.35, "agrees", "you('re| are) right|you are correct|good (catch|point)|fair point|(that's|that is) (right|correct|true)"),
];

/** The user contradicted the assistant; an immediate "you're right" then looks like caving in. */
export const PUSHBACK = cue(0.5, "user pushed back", "(that's|that is|this is|you're|you are|it's|it is) (wrong|incorrect|not (right|true|correct))|not true|are you sure|i don't think so|actually,? (it|that|the|you)|no,? (it|that)('s| is| was)|you made (that|this|it) up|that doesn't exist|incorrect");
export const CONCESSION = /^\W*(?:you'?re|you are|oh,? you'?re)? ?(?:absolutely |totally |completely )?(?:right|correct)|^\W*(?:i apologi[sz]e|my (?:apologies|mistake|bad)|sorry)/;

/** Agreement that states a condition or a caveat is judgement, not flattery. */
export const QUALIFIERS = /\b(?:but|however(?! (?:late|long|much|many))|although|though|unless|except|keep in mind|bear in mind|note that|be aware|(?<!(?:i'?ll|we'?ll|i will|we will)(?: \w+){0,4} )make sure|that said|one (?:caveat|thing)|depends|instead|careful|recommend|not recommended|risk|only if|as long as)\b/;

// --- verbose -----------------------------------------------------------------------------------

/** Padding that makes a reply long without making it more useful. */
export const FILLER: CuePattern = cue(
  0.2,
  "pads the reply",
  "(it's|it is) (important|worth) (to note|noting|mentioning|pointing out)|in today's|as you (may|might) (already )?know|first and foremost|at the end of the day|needless to say|in other words|to put it simply|before (we|i) (dive|get) into|let me (start by|walk you through|explain)|there are (many|several|a number of|various) (factors|things|ways|aspects|reasons)|in (summary|conclusion)|to (summari[sz]e|sum up)|i hope this (detailed |long )?(explanation|answer|information)? ?helps|(furthermore|moreover|additionally),|more than happy to|which is (something|completely|totally|very) [^.!?\\n]*",
);

// --- help --------------------------------------------------------------------------------------

const ACTION_VERBS = "check|wait|retry|try again|look (in|at|under)|re-?enter|go to|navigate to|click|tap|select|open|enter|type|press|choose|pick|log ?in|sign in|sign out|head to|scroll( down)? to|update|reset|restart|reinstall|install|download|refresh|reload|clear|switch|toggle|enable|disable|turn (on|off)|add|remove|delete|edit|change|set|copy|paste|upload|search for|use|try|make sure|run|visit settings";

export const INSTRUCTION_CUES: readonly CuePattern[] = [
  // An imperative opening a sentence, a clause after ";" or ":", or a list item, possibly after a
  // purpose clause: "Open Settings; then…", "To reset it, click…".
  {
    re: new RegExp(`(?:^|[.!?;:\n*"“(]\\s*|\n\\s*(?:\\d+[.)]|[-*•])\\s*)(?:to [a-z' ]{1,40},\\s*)?(?:${alternation(ACTION_VERBS)})`, "g"),
    weight: 0.5,
    why: "gives instructions",
    negatable: false,
    sentenceStart: false,
  },
  cue(0.5, "gives instructions", `(you can|simply|just|then|first,?|next,?|and then|please) (${ACTION_VERBS})`),
  cue(0.45, "says where to find it", "(it's|it is|they're|they are|you'll find (it|them)|you can find (it|them)|it's located|it lives|find it) (right )?(under|in|on|at|next to|below|above|inside) (the |your )?[a-z]"),
  cue(0.45, "explains how", "you('ll| will) need to|to do (this|that|so)|here('s| is) how|follow these steps|[a-z][a-z]+ (>|→|›) [a-z]"),
  // "Settings → General management → Keyboard": a path three menus deep is where to go, however much talk surrounds it.
  cue(0.55, "gives the menu path", "[a-z][a-z]+\\W{0,3} (>|→|›) \\W{0,3}[a-z][a-z' -]{0,30} (>|→|›) \\W{0,3}[a-z]"),
];

export const ACTION_DONE: CuePattern = cue(
  0.6,
  "reports what it did",
  "(i've|i have|i just|we've|we have|i've just|we've just|i went ahead and|i) (now )?(started|blocked|frozen|froze|suspended|replaced|waived|rebooked|rescheduled|initiated|submitted|requested|arranged|ordered|activated|renewed|paused|resumed|set up|turned (on|off)|granted|raised|opened|created|generated|regenerated|updated|changed|reset|cancell?ed|processed|sent|re-?sent|resent|reissued|booked|refunded|credited|fixed|resolved|added|removed|scheduled|corrected|switched|upgraded|downgraded|restored|unlocked|extended|applied|enabled|disabled|merged|moved|renamed|deleted|waived|issued|reactivated|verified|escalated internally)|(has|have) (now )?been (updated|processed|refunded|sent|re-?sent|booked|reset|resolved|fixed|cancell?ed|scheduled|corrected|credited|restored|unlocked|extended|applied|enabled|removed|deleted|waived|issued|reactivated)|^done\\b",
);

export const EXPLANATION: CuePattern = cue(
  0.35,
  "explains the cause",
  "because|this (happens|occurs|can happen) (when|if|because)|(that's|that is|this is) (because|why)|the (reason|cause) is|caused by|due to|which means|this means|the (difference|answer) is|(it|this|that) (costs|takes|includes|comes with|supports|works with|is available|ships|arrives)|the (price|cost|fee|limit) (is|for)|is (only )?(available|included|limited) (on|in|to)|(fixes|solves|resolves|will fix|should fix) (it|this|that|the)",
);

/** "Let me check that for you": a holding reply promises an answer; it neither answers nor dodges. */
export const HOLDING = /^\W*(?:(?:sure|ok(?:ay)?|of course|thanks?(?: you)?|no problem)[,!.]?\s+)?(?:let me (?:check|look|see|find out|take a look|look into)|one moment|just a moment|bear with me|give me a (?:moment|minute|second)|i'?ll (?:check|look into|find out|get back to you))\b/;
/** A reply that goes to find the answer, said anywhere in it ("… One moment while I check the booking."). */
export const HOLDING_ANYWHERE = /(?<![\p{L}])(?:un attimo|un momento|un instant|einen moment|(?:één|een) moment(?:je)?|(?:só )?um (?:instante|momento)|ik kijk (?:even|het na)|controllo subito|vou (?:consultar|verificar|checar)|je (?:vérifie|regarde) (?:ça|cela|tout de suite)|ich (?:schaue|sehe) (?:mir )?(?:das )?(?:kurz|gleich) (?:nach|an)|one moment while|let me (?:check|look into|find out)|bear with me while|i'?ll (?:check|look into|find out) (?:what|why|and get back)|so (?:i|we) can (?:check|look into|look it up|find out|see)|what can i (?:help|do for) you with)\b/u;

export const HEDGES: CuePattern = cue(0.5, "hedges", "i think|i believe|might|may be|possibly|probably|not (sure|certain)|please (verify|check|confirm|double-check)|double-check|i (could|might) be wrong|as far as i know|to my knowledge|usually|typically|generally|normally|(around|about|approximately|roughly|nearly|almost) (\\d|a |an |one|two|three)|estimated|should (be|arrive|take|show)");

export const CERTAINTY: CuePattern = cue(0.2, "sounds certain", "will (definitely )?be (fully |completely )?(resolved|fixed|restored|back to normal|back online)|will (definitely |certainly |surely )?(rise|increase|go up|double|triple|grow|drop|fall) (by )?|definitely|without (a|any) doubt|(i'm|i am) (100% |absolutely |completely )?(certain|sure)|rest assured|it is a fact|fact:|exactly|precisely|officially|exactement|exactamente|exatamente|esattamente|precies|exakt|genau um");

export const SOURCE_CLAIM: CuePattern = cue(0.4, "cites unnamed sources", "studies (show|have shown|prove|found)|research (shows|proves|has shown|suggests)|according to (a |the |recent )?(recent )?(study|survey|report|research|experts|statistics|industry data)|scientists (say|found|agree)|experts (say|agree|recommend)|it is (widely|well) (known|documented)|statistics show|(independent|third-party) (tests|benchmarks|audits) (show|confirm|prove)");
