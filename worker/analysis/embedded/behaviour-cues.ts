import { cue, type CuePattern } from "./cues";

/** Phrase cues for assistant behaviours. Weights as in flag-cues.ts: ≥ 0.5 fires on its own. */

export const APOLOGY = /(?<![\p{L}])(?:sorry|apologi[sz](?:e|es|ed|ing)|apolog(?:y|ies)|my bad|forgive me|pardon me|regret (?:any|the) inconvenience)(?![\p{L}])/giu;
export const EMPHATIC_APOLOGY = /(?:so|very|truly|deeply|terribly|really|extremely|sincerely|incredibly) sorry|sincere(?:st)? apolog|deeply apologi|cannot apologi[sz]e enough|can['’]?t apologi[sz]e enough/iu;

export const ROBOTIC_CUES: readonly CuePattern[] = [
  cue(0.8, "talks like a template", "as an ai( language model| assistant| model)?|i('m| am) (just |only )?(a|an) (ai|bot|virtual assistant|chatbot|language model|automated assistant)|i (do not|don't) have (personal )?(feelings|emotions|opinions)|your (request|query|inquiry|enquiry|ticket) has been (received|processed|logged|submitted|registered)|please be advised|kindly (note|be informed)|i (didn't|did not) (understand|get|catch) (that|your (request|question|message))|please rephrase|invalid (input|option|selection|response)|please (select|choose) (one of|an option|from the)|reply with (a number|yes or no|\\d)|type (\\d|yes|no|menu|help|agent) to"),
  cue(0.45, "uses stock phrases", "i understand your (concern|frustration|request)|thank you for (contacting|reaching out|your patience|your inquiry|your enquiry|your message|choosing)|is there anything else (i can|that i can|i may) (help|assist)|we (value|appreciate) your (feedback|business|patience)|(we|i) apologi[sz]e for (any|the) inconvenience|rest assured|at your earliest convenience|please do not hesitate to|don't hesitate to|as per (your|our)|i hope this (email|message) finds you well|(it is|it's) important to note that|have a (great|nice|wonderful) day"),
];

export const REDIRECT_CUES: readonly CuePattern[] = [
  cue(0.75, "sends the user elsewhere", "(please )?(contact|call|phone|email|e-mail|reach out to|get in touch with|consult|ask) (our |the |a |your |an )?(support|customer (service|support|care)|team|agent|representative|specialist|help ?desk|bank|provider|administrator|admin|manager|doctor|professional|lawyer|accountant|it department|service desk)|(visit|check|see|refer to|go to|consult) (our |the )?(website|help (center|centre)|faq|support (page|site|portal)|documentation|docs|knowledge ?base|community forum)|(i'll|i will|let me) (transfer|connect|escalate|forward|hand) you|(speak|talk|chat) (to|with) (a|an|one of our) (human|agent|representative|specialist|advisor)|(open|submit|create|raise|file|log) a (support )?(ticket|request|case|complaint)|email us at|call us (at|on)|outside (of )?(my|the) scope|beyond (my|the) scope"),
];

export const DODGE_CUES: readonly CuePattern[] = [
  cue(0.7, "declines to answer", "(i can only|i'm only able to|i am only able to) (help|assist) with|i (can't|cannot|am unable to|am not able to|won't|will not|'m unable to|'m not able to) (help|assist|answer|provide|discuss|comment|share|give|disclose|go into)|(i'm|i am) (not able|unable|not allowed|not permitted|not authorized) to|i('d| would) rather not|let's (focus on|talk about|move on to) (something else|another)|i (don't|do not) have (access to|information (about|on)|the ability|that information|any information|details)|(that's|that is|this is) (not something|something) i (can't|cannot|can|am unable to) (help|discuss|share)"),
  cue(0.4, "praises the question instead of answering", "(that's|that is|it's|what) (a )?(great|good|interesting|complex|tricky|difficult|big) question"),
  cue(0.45, "answers vaguely", "it (really )?depends|hard to say|difficult to say|there are (many|several|a number of) factors|everyone is different|(i'm|i am) not (sure|certain)|i (can't|cannot) (say|tell|be sure|guarantee)"),
];

export const YES_MAN_CUES: readonly CuePattern[] = [
  cue(0.6, "agrees effusively", "you('re| are) (absolutely|totally|completely|so|100%|entirely|definitely) (right|correct)|(great|excellent|fantastic|brilliant|wonderful|amazing|awesome|fabulous) (question|point|idea|observation|catch|thinking|choice)|i (completely|totally|fully|absolutely|100%|wholeheartedly) agree|what a (great|brilliant|wonderful|fantastic|smart) (idea|question|point)|couldn't agree more|exactly right|(that's|that is) (absolutely|exactly|totally|completely) (right|correct|true)"),
  cue(0.4, "agrees", "you('re| are) right|you are correct|good (catch|point|question)"),
  cue(0.4, "agrees", "(absolutely|definitely|certainly|of course|totally)!", { sentenceStart: true }),
];

/** The user contradicted the assistant; an immediate "you're right" then looks like caving in. */
export const PUSHBACK = cue(0.5, "user pushed back", "(that's|that is|this is|you're|you are|it's|it is) (wrong|incorrect|not (right|true|correct))|not true|are you sure|i don't think so|actually,? (it|that|the|you)|no,? (it|that)('s| is| was)|you made (that|this|it) up|that doesn't exist|incorrect");
export const CONCESSION = /^\W*(?:you['’]?re|you are|oh,? you['’]?re)? ?(?:absolutely |totally |completely )?(?:right|correct)|^\W*(?:i apologi[sz]e|my (?:apologies|mistake|bad)|sorry)/iu;

export const HEDGES: CuePattern = cue(0.5, "hedges", "i think|i believe|might|may be|possibly|probably|not (sure|certain)|please (verify|check|confirm|double-check)|double-check|i (could|might) be wrong|as far as i know|to my knowledge");

export const CERTAINTY: CuePattern = cue(0.25, "sounds certain", "guaranteed|guarantee|100%|definitely|always works|never fails|without (a|any) doubt|(i'm|i am) (100% |absolutely |completely )?(certain|sure)|rest assured|proven|it is a fact|fact:");

export const SOURCE_CLAIM: CuePattern = cue(0.4, "cites unnamed sources", "studies (show|have shown|prove|found)|research (shows|proves|has shown|suggests)|according to (a |the |recent )?(recent )?(study|survey|report|research|experts|statistics)|scientists (say|found|agree)|experts (say|agree|recommend)|it is (widely|well) (known|documented)|statistics show");

export const HELP_CUES: readonly CuePattern[] = [
  cue(0.45, "gives instructions", "go to|navigate to|click|tap|select|open|enter|type|press|choose|log ?in|sign in|head to|scroll to|update|reset|restart|install|download", { sentenceStart: true }),
  cue(0.45, "gives instructions", "(you can|simply|just|then|first,?|next,?) (go to|navigate to|click|tap|select|open|enter|type|press|choose|log ?in|sign in|head to|scroll to|update|reset|restart|install|download)"),
  cue(0.45, "answers directly", "you can|you('ll| will) need to|to do (this|that|so)|here('s| is) how|follow these steps|the (answer|reason|difference) is|this (means|happens because)|(i've|i have) (updated|changed|reset|cancelled|canceled|processed|sent|booked|refunded|fixed|resolved|added|removed|scheduled)|(has|have) been (updated|processed|refunded|sent|booked|reset|resolved|fixed|cancelled|canceled|scheduled)|(it|this|that) (costs|takes|is available|ships|arrives)|the (price|cost|fee) (is|for)|(yes|no), (you|it|we|that)"),
];
