import { cue, type CuePattern } from "./cues";

/**
 * Phrase cues for the built-in user flags. Weights are evidence strengths (0…1): one cue at
 * ≥ 0.5 is enough to raise a flag on its own, weaker cues need company. They are written for
 * what people type to a support or sales bot, not fitted to any dataset.
 */

export const CHURN_CUES: readonly CuePattern[] = [
  cue(0.9, "asks to cancel", "cancel(l?ing)? (my |the |our |this |your )?(subscription|account|membership|plan|service|contract|policy|auto-?renewal)|cancel (it|everything) (all )?(now|today)|how (do|can) i cancel|want to cancel|like to cancel|going to cancel|(i'll|i will|i'm gonna) cancel", { negatable: true }),
  cue(0.9, "wants to unsubscribe or close the account", "unsubscribe|close (my|our|the) account|delete (my|our) account|terminate (my |our |the )?(account|contract|subscription|service)|end (my|our) (subscription|membership|contract)|stop (my|the) (subscription|membership|auto-?renewal)", { negatable: true }),
  cue(0.85, "says they are leaving", "take (my|our) business elsewhere|(i'm|i am|we're|we are) (leaving|done with (you|this|your)|switching|quitting|out)|(won't|will not|not going to|never going to) (renew|be renewing|use (you|this|your)|order from you|buy from you|come back)|never (using|use|ordering|order|buying|buy) (from )?(you|this|your \\w+) again|last time i (use|order|buy)"),
  cue(0.8, "plans to switch provider", "(switch|switching|move|moving|go|going|went|switched|migrate|migrating) (over )?to (a |an )?(another|different|other|competitor|new) (provider|company|service|bank|app|platform|carrier|vendor|tool)", { negatable: true }),
  cue(0.55, "asks for a refund", "refund|money back|chargeback|charge back", { negatable: true }),
  cue(0.5, "questions the value", "not worth (it|the (money|price|cost))|waste of (my )?money|too expensive|overpriced|(looking for|find|found) (an |a better )?alternative"),
  cue(0.45, "downgrades", "downgrade|pause (my )?(subscription|membership|account)", { negatable: true }),
];

export const BUYING_CUES: readonly CuePattern[] = [
  cue(0.8, "asks about price", "how much (is|does|do|for|are|would|will|it)|what('s| is| are| does) (the |your )?(price|pricing|cost|rates?|fees?)|pricing|price list|price for|(get|request|send( me)?) a quote|quotation", { negatable: true }),
  cue(0.8, "wants to buy", "(want|wanna|would like|'d like|ready|looking|planning|plan|going|intend) to (buy|order|purchase|subscribe|upgrade|sign up|get started|book|pre-?order)|i('ll| will) take (it|one|two|the)|add (it |this )?to (my )?(cart|basket)|place an order", { negatable: true }),
  cue(0.7, "asks about plans or trials", "free trial|(book|schedule|request|get|see) a demo|demo call|(enterprise|business|team|pro|premium|annual|yearly|monthly) (plan|tier|license|licence|subscription|billing)|which plan|what plans|(volume|bulk|student|nonprofit) (discount|pricing|order)", { negatable: true }),
  cue(0.6, "asks about availability or delivery", "in stock|back in stock|(available|availability) (in|for|to)|do you (ship|deliver) to|shipping (cost|costs|fee|time|to|options)|delivery (time|cost|fee|options)|payment (options|methods|plan|plans)|(do|can) you accept|pay (by|with|in) (card|paypal|installments|instalments)", { negatable: true }),
  cue(0.55, "mentions an upgrade, discount or sign-up", "upgrade|discount|coupon|promo code|voucher|sign up|subscribe|interested in (buying|purchasing|your|the|a)", { negatable: true }),
];

/**
 * A capitalised word that could be a product or company name. Sentence-initial pronouns and
 * everyday capitalised words are excluded so "It is cheaper" or "Settings" never count.
 */
const NAME =
  "(?!(?:It|This|That|There|These|Those|Which|What|Who|Mine|Yours|Ours|Everything|Nothing|Something|Anything|He|She|They|We|You|One|Yes|No|Now|Today|Tomorrow|Here|Cash|Card|Online|Settings|Home|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b)[A-Z][\\p{L}\\p{N}]+";

/** Generic competitor cues that need no name list. Names are matched separately. */
export const COMPETITOR_CUES: readonly CuePattern[] = [
  cue(0.75, "mentions a competitor", "(your|a|the) competitors?|your competition|(other|another|a different) (company|provider|service|bank|app|store|shop|vendor|platform|carrier|brand|site|website|tool|product|supplier|airline|insurer)s?|alternatives? to (you|this|your)|(elsewhere|somewhere else) (is|are|was|were|it's|it is) (cheaper|better|faster)|cheaper (elsewhere|somewhere else)"),
  cue(0.7, "compares with a named alternative", `(?:switch(?:ing|ed)?|migrat(?:e|ing)) (?:over )?to ${NAME}|(?:compared (?:to|with)|vs\\.?|versus|unlike) ${NAME}|${NAME} (?:is|are|was) (?:way |much |so )?(?:cheaper|better|faster|easier)|${NAME} (?:offers|gives|has|does) (?:it |this )?(?:better|cheaper|free|for free|a lower)`, { caseSensitive: true }),
];

/**
 * Widely known assistant and customer-support products. A chatbot's real competitors differ by
 * business, so operators should pass their own names in `AnalysisOptions.competitors`; this list
 * only makes the flag useful out of the box for AI/support-tool conversations.
 */
export const DEFAULT_COMPETITORS: readonly string[] = [
  "ChatGPT", "OpenAI", "Gemini", "Claude", "Copilot", "Perplexity", "Alexa", "Siri", "Zendesk",
  "Intercom", "Freshdesk", "Drift", "HubSpot", "Salesforce", "LiveChat", "Tidio",
];

export const URGENT_CUES: readonly CuePattern[] = [
  cue(0.9, "says it is urgent", "asap|a\\.s\\.a\\.p\\.?|urgent(ly)?|emergency|immediately|time[- ]sensitive|top priority|life or death|right this (minute|second)", { negatable: true }),
  // "Right now I have two accounts" is not urgent, so "right now" alone needs company.
  cue(0.45, "wants it right away", "right (now|away)", { negatable: true }),
  cue(0.75, "needs it now", "as soon as (possible|you can)|(need|needs|want|get) (it|this|help|an answer|a reply|a response|someone|them|a refund|my money)( back)? (now|today|tonight|immediately)|can't wait (any ?longer|anymore)|hurry( up)?|quickly please|please hurry", { negatable: true }),
  cue(0.6, "has a deadline", "deadline|before (tomorrow|tonight|noon|midnight|the end of (the )?day|eod|monday|tuesday|wednesday|thursday|friday|saturday|sunday|my flight)|by (today|tonight|tomorrow|eod|end of (the )?day|noon)|within (the |an |the next )?(hour|\\d+ (minutes|mins|hours))|running out of time|no time left|(flight|meeting|appointment|exam) (is )?(today|tomorrow|in \\d+)", { negatable: true }),
  cue(0.55, "reports something that cannot wait", "locked out|stranded|card (was )?(stolen|lost)|stolen card|account (was |has been |got )?hacked|fraud(ulent)? (charge|transaction|activity)|someone (is )?using my (card|account)|can't (log ?in|access|pay) and"),
];

export const CONFUSION_CUES: readonly CuePattern[] = [
  // First-person forms only: "he doesn't understand" is a judgement about someone else.
  cue(0.85, "says they are confused", "confus(ed|ing|es)|(i|we) (still |just |really )?(don't|do not|didn't|did not|can't|cannot|couldn't) (quite |really |fully |totally )?(understand|follow|figure (it |this |that )?out|get (it|this|that|what|how|why))|(i'm|i am|im) (so |completely |totally |a bit |a little |kinda |really )?(lost|puzzled|baffled|perplexed|stumped)|what do you mean|what does (that|this|it) (even )?mean|what are you (talking about|saying)|baffl(ed|ing)|puzzl(ed|ing)|perplex(ed|ing)|bewilder(ed|ing)|dumbfounded|mystif(ied|ying)", { negatable: true }),
  cue(0.7, "says it makes no sense", "(doesn't|does not|don't|didn't) make (any |much )?sense|makes? no (\\w+ )?sense|not making (any )?sense|(i )?never understood|(it's|it is|that's|this is) (very |so |really )?unclear"),
  cue(0.6, "is unsure what to do", "(i'm|i am|im|i was) (still )?not (so |too |really |quite |totally |100% |entirely )?sure|(i|we) (have )?no (idea|clue)|wait,? what|say what|come again\\?|huh\\?|how come|what's going on|what is (going on|happening)|am i (reading|seeing|getting) this right|(i )?can't tell (what|which|if|whether|the difference)|(wtf|tf|what the (hell|heck|fuck)) is|is (it|that|this) (supposed|meant) to"),
  cue(0.6, "is unsure what to do", "not (so |really |quite )?sure|no (idea|clue)", { sentenceStart: true }),
  cue(0.45, "does not know", "i (don't|do not) know (what|how|why|where|which|if|whether)|idk|dunno|no clue"),
  cue(0.45, "does not know", "(don't|dunno|idk) (know )?(what|how|why|where|which|if|whether)", { sentenceStart: true }),
  cue(0.55, "piles up question marks", "\\?\\s*\\?\\s*\\?"),
  cue(0.45, "doubles the question mark", "\\?\\s*\\?"),
  cue(0.4, "hesitates or doubts", "hmm+|umm+|uhh*|🤔|i (could|might) be wrong|i doubt|doubt (it|that)|i thought|did you mean|figure out"),
  cue(0.4, "asks which of two", "or (\\w+ ){0,3}\\w+\\s*\\?"),
];

export const FRUSTRATION_CUES: readonly CuePattern[] = [
  cue(0.85, "has had enough", "fed up|sick of|sick and tired|tired of|had enough|enough is enough|how dare|shut up|screw (you|this|it|that)|are you (kidding|joking|serious)|you('re| are|'ve got to| have got to| must) (be )?(kidding|joking)|for (god|fuck|christ|heaven|pete)'?s sake|what the (hell|fuck|heck)|waste of (my )?(time|money)|piece of (crap|shit|junk|garbage)|rip ?off|get your act together|worst (service|experience|app|company|bank|support|customer service|bot|product)"),
  cue(0.6, "reports it still does not work", "(still|again|yet again) (not|doesn't|does not|isn't|is not|won't|can't|no|broken|failing|down)|(not|doesn't|does not|isn't|is not|never|stopped) work(s|ing)?( again)?|broken again|keeps (crashing|failing|happening|breaking|asking)|(this|it) never works"),
  cue(0.6, "has repeated themselves", "how many times|for the (last|second|third|fourth|fifth|\\d+(st|nd|rd|th)) time|i('ve| have)? already (told|said|explained|asked|tried|sent)|as i (said|told you|already said)|like i (said|told you)|i (just )?told you"),
  cue(0.6, "wants a human", "(talk|speak|chat) (to|with) (a |an )?(real |actual |live )?(human|person|agent|manager|supervisor|representative|someone real)|real person|useless bot|stupid bot|you('re| are) (useless|not helping|no help|not listening)|not helpful( at all)?|no help at all|this is (ridiculous|absurd|insane|unacceptable|a joke|pathetic|useless)"),
  cue(0.45, "has been kept waiting", "(been|still|keep|kept) waiting|waited (for )?(hours|days|weeks|ages)|(hours|days|weeks) (now|already|later)|no one (helps|answers|responds|replies|cares)|nobody (helps|answers|responds|replies|cares)|never (got|received|heard) (a |any )?(reply|response|answer|back)"),
  cue(0.4, "exasperated", "every single time|what the (frick|heck)|come on|seriously\\?|unbelievable|give me a break|whatever\\.|why (is|does) (it|this) (so hard|take so long)|why can't you|why won't you|why don't you just|you people"),
];
