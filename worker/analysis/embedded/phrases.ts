/**
 * Multi-word expressions whose meaning is not the sum of their words: "fed up" is negative
 * without a negative word, "no problem" is positive despite "no" and "problem", and "kind of"
 * softens rather than praises.
 */

export type PhraseEffect =
  | { kind: "valence"; value: number }
  | { kind: "scale"; factor: number } // multiword softener/intensifier: "kind of", "a bit"
  | { kind: "neutral" }; // idioms whose words would mislead: "of course", "looks like"

export interface Phrase {
  words: readonly string[];
  effect: PhraseEffect;
}

const PHRASE_VALENCES: readonly (readonly [number, string])[] = [
  [3.2, "works perfectly|worked like a charm|works like a charm|couldn't be happier|could not be happier"],
  [2.8, "hats off|well said|well done|great job|good job|nice job|great work|good work|top notch|happy birthday|killed it|killing it|nailed it|to die for|you rock|you guys rock|you all rock|y'all rock|hell yeah|hell yes|fuck yeah|fuck yes"],
  [2.4, "can't wait|cant wait|can not wait|looking forward|look forward|works great|merry christmas|happy new year|god bless|thank god|thank goodness|spot on"],
  [1.8, "good call|hassle free|no hassle|fingers crossed|no problem|no problems|no worries|no prob|good point|good luck|take care|feel better|on point|without a doubt|high five|heck yeah|thumbs up"],
  [2.4, "exactly what i need|exactly what we need|exactly what i needed|exactly what we needed|exactly what i wanted|exactly what we wanted|exactly what i was looking for|exactly what we were looking for|works like a dream|game changer|life saver"],
  [1.2, "fair point|not bad|not too bad|makes sense|fair enough|no doubt|can't complain|free shipping|works now|working now|it worked|that worked"],
  [-1, "arrived late|turned up late|showed up late|came late|delivered late|deal with it|no response|no reply|no answer|locked out|no thanks|no thank you|oh well|out of stock|on hold|too bad|thumbs down|dead end"],
  [-2, "not working|doesn't work|does not work|don't work|didn't work|did not work|won't work|isn't working|is not working|never works|stopped working|still waiting|still not working|give up|gave up|giving up|tired of|broke down|what the hell|is a joke|what a joke|hell no|let down|no one cares|nobody cares|shut up|never again|how dare|never arrived|never received|still haven't|still hasn't"],
  [-2.8, "fed up|sick of|sick and tired|waste of time|waste of money|rip off|ripped off|let me down|messed up|screwed up|charged twice|double charged|pain in the ass|falling apart|fall apart|what the fuck|screw you|go to hell|worst ever|piece of crap|fuck this|fucked up|piece of shit|fuck you|fuck off"],
];

const PHRASE_SCALES: readonly (readonly [number, string])[] = [
  [0.7, "kind of|sort of|a bit|a little|a little bit|to some extent|more or less"],
  [1.3, "so much|very much|a lot|way too|by far"],
];

const PHRASE_NEUTRAL =
  // A repair asked for ("I'd like it fixed") is not one that happened.
  "like it fixed|like it sorted|like it resolved|like it solved|like this fixed|like this sorted|like this resolved|like this solved|like that fixed|like that sorted|like that resolved|like that solved|like them fixed|like them sorted|like them resolved|like them solved|want it fixed|want it sorted|want it resolved|want it solved|want this fixed|want this sorted|want this resolved|want this solved|want that fixed|want that sorted|want that resolved|want that solved|want them fixed|want them sorted|want them resolved|want them solved|need it fixed|need it sorted|need it resolved|need it solved|need this fixed|need this sorted|need this resolved|need this solved|need that fixed|need that sorted|need that resolved|need that solved|need them fixed|need them sorted|need them resolved|need them solved|get it fixed|get it sorted|get it resolved|get it solved|get this fixed|get this sorted|get this resolved|get this solved|get that fixed|get that sorted|get that resolved|get that solved|get them fixed|get them sorted|get them resolved|get them solved|would like it fixed|would like it sorted|would like it resolved|would like it solved|would like this fixed|would like this sorted|would like this resolved|would like this solved|would like that fixed|would like that sorted|would like that resolved|would like that solved|would like them fixed|would like them sorted|would like them resolved|would like them solved|i'd like it fixed|i'd like it sorted|i'd like it resolved|i'd like it solved|i'd like this fixed|i'd like this sorted|i'd like this resolved|i'd like this solved|i'd like that fixed|i'd like that sorted|i'd like that resolved|i'd like that solved|i'd like them fixed|i'd like them sorted|i'd like them resolved|i'd like them solved|id like it fixed|id like it sorted|id like it resolved|id like it solved|id like this fixed|id like this sorted|id like this resolved|id like this solved|id like that fixed|id like that sorted|id like that resolved|id like that solved|id like them fixed|id like them sorted|id like them resolved|id like them solved|we'd like it fixed|we'd like it sorted|we'd like it resolved|we'd like it solved|we'd like this fixed|we'd like this sorted|we'd like this resolved|we'd like this solved|we'd like that fixed|we'd like that sorted|we'd like that resolved|we'd like that solved|we'd like them fixed|we'd like them sorted|we'd like them resolved|we'd like them solved|" +
  // The noun is no praise: "a patient is waiting", "my patient's results".
  "a patient|the patient|my patient|our patient|your patient|this patient|that patient|each patient|every patient|one patient|new patient|" +
  "good morning|good night|good afternoon|good evening|good day|by mistake|by accident|have a nice day|have a nice weekend|have a good day|have a good weekend|have a good one|have a great day|have a great weekend|have a nice evening|with all due respect|fast food|what kind|this kind|that kind|some kind|any kind|the kind|all kinds|these kinds|of course|pretty much|as well|feel like|feels like|felt like|looks like|look like|looked like|sounds like|sound like|seems like|seem like|would like|i'd like|just like|like this|like that|for free|free time|oh my god|oh my gosh|no way|well then|all right|right now|nothing but|not only|no matter|kind regards|best regards|thank you for your patience|" +
  // A request put politely ("I'd really like an actual person to tell me why", "I'd appreciate it if …") is no praise,
  // nor is "I'd love to know where the other 58% went".
  "i'd love to know|i would love to know|we'd love to know|would love to know|i'd love to hear how|would love to hear why|would really like|i'd really like|we'd really like|would very much like|i'd very much like|we'd very much like|would appreciate|would really appreciate|would very much appreciate|i'd appreciate|i'd really appreciate|we'd appreciate|we'd really appreciate|" +
  // What the company recommended is named, not praised ("The plugin you recommended never showed up.").
  "you recommended|you suggested|you guys recommended|u recommended|recommended by you|your recommended|the recommended|" +
  // Pleasantries that open or close a letter say nothing of the service ("Hi there, hope you're well. My bill …").
  "hope you're well|hope you are well|hope you're doing well|hope you are doing well|hope you're keeping well|hope you are keeping well|hope you're ok|hope you are ok|hope you're having a good day|hope you're having a good week|hope you're having a good weekend|hope you're having a good morning|hope you're having a good afternoon|hope you're having a good evening|hope you're having a great day|hope you're having a great week|hope you're having a great weekend|hope you're having a great morning|hope you're having a great afternoon|hope you're having a great evening|hope you're having a nice day|hope you're having a nice week|hope you're having a nice weekend|hope you're having a nice morning|hope you're having a nice afternoon|hope you're having a nice evening|hope you're having a lovely day|hope you're having a lovely week|hope you're having a lovely weekend|hope you're having a lovely morning|hope you're having a lovely afternoon|hope you're having a lovely evening|hope you are having a good day|hope you are having a good week|hope you are having a good weekend|hope you are having a good morning|hope you are having a good afternoon|hope you are having a good evening|hope you are having a great day|hope you are having a great week|hope you are having a great weekend|hope you are having a great morning|hope you are having a great afternoon|hope you are having a great evening|hope you are having a nice day|hope you are having a nice week|hope you are having a nice weekend|hope you are having a nice morning|hope you are having a nice afternoon|hope you are having a nice evening|hope you are having a lovely day|hope you are having a lovely week|hope you are having a lovely weekend|hope you are having a lovely morning|hope you are having a lovely afternoon|hope you are having a lovely evening|hope you've had a good day|hope you've had a good week|hope you've had a good weekend|hope you've had a good morning|hope you've had a good afternoon|hope you've had a good evening|hope you've had a great day|hope you've had a great week|hope you've had a great weekend|hope you've had a great morning|hope you've had a great afternoon|hope you've had a great evening|hope you've had a nice day|hope you've had a nice week|hope you've had a nice weekend|hope you've had a nice morning|hope you've had a nice afternoon|hope you've had a nice evening|hope you've had a lovely day|hope you've had a lovely week|hope you've had a lovely weekend|hope you've had a lovely morning|hope you've had a lovely afternoon|hope you've had a lovely evening|hope you have had a good day|hope you have had a good week|hope you have had a good weekend|hope you have had a good morning|hope you have had a good afternoon|hope you have had a good evening|hope you have had a great day|hope you have had a great week|hope you have had a great weekend|hope you have had a great morning|hope you have had a great afternoon|hope you have had a great evening|hope you have had a nice day|hope you have had a nice week|hope you have had a nice weekend|hope you have had a nice morning|hope you have had a nice afternoon|hope you have had a nice evening|hope you have had a lovely day|hope you have had a lovely week|hope you have had a lovely weekend|hope you have had a lovely morning|hope you have had a lovely afternoon|hope you have had a lovely evening|hope you had a good day|hope you had a good week|hope you had a good weekend|hope you had a good morning|hope you had a good afternoon|hope you had a good evening|hope you had a great day|hope you had a great week|hope you had a great weekend|hope you had a great morning|hope you had a great afternoon|hope you had a great evening|hope you had a nice day|hope you had a nice week|hope you had a nice weekend|hope you had a nice morning|hope you had a nice afternoon|hope you had a nice evening|hope you had a lovely day|hope you had a lovely week|hope you had a lovely weekend|hope you had a lovely morning|hope you had a lovely afternoon|hope you had a lovely evening|hope all's good|hope all is good|hope you're doing ok|hope you are doing ok|hope you're keeping safe|hope you are keeping safe|hope all is well|hope all's well|hope this finds you well|hope this message finds you well|hope this email finds you well|hope you can help|hope someone can help|hoping you can help|hoping someone can help|hope you could help|best wishes|warm regards|warmest regards|with best wishes|" +
  // The user's own slip or courtesy apology is no complaint about the service.
  "no idea|my bad|my mistake|my fault|my apologies|sorry to bother|sorry for bothering|sorry to ask|sorry for asking|sorry for the late reply|sorry for the delay|sorry for the confusion|sorry for the trouble|sorry for the inconvenience|sorry for the long message|sorry for my english|sorry for the typo|sorry if this|sorry if that|i typed the wrong|i entered the wrong|i put the wrong|i used the wrong|i selected the wrong|i picked the wrong|i chose the wrong|i clicked the wrong|i ordered the wrong|i gave the wrong|i typed a wrong|i entered a wrong";

function buildPhrases(): Map<string, Phrase[]> {
  const byFirst = new Map<string, Phrase[]>();
  const add = (text: string, effect: PhraseEffect): void => {
    const words = text.split(" ");
    const first = words[0] ?? "";
    const list = byFirst.get(first) ?? [];
    list.push({ words, effect });
    byFirst.set(first, list);
  };
  for (const [value, list] of PHRASE_VALENCES) for (const p of list.split("|")) add(p, { kind: "valence", value });
  for (const [factor, list] of PHRASE_SCALES) for (const p of list.split("|")) add(p, { kind: "scale", factor });
  for (const p of PHRASE_NEUTRAL.split("|")) add(p, { kind: "neutral" });
  // Longest first so "no thank you" beats "thank you"-style shorter overlaps.
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

const PHRASES = buildPhrases();

/** Longest phrase starting at `i` in the sequence of normalised words, if any. */
export function matchPhrase(words: readonly string[], i: number): Phrase | undefined {
  const candidates = PHRASES.get(words[i] ?? "");
  if (candidates === undefined) return undefined;
  for (const p of candidates) {
    let ok = true;
    for (let k = 1; k < p.words.length; k++) {
      if (words[i + k] !== p.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return p;
  }
  return undefined;
}
