import { buildWordValences } from "./words";

/**
 * Lookup layer over the word lists: light stemming, emoji/emoticon valences, modifiers
 * (intensifiers, softeners, negators) and multi-word phrases whose meaning is not the sum of
 * their words ("fed up", "no problem", "kind of").
 */

const WORDS = buildWordValences();

// Plain suffix stripping is enough for a lexicon lookup: a wrong stem simply misses, and exact
// entries always win over stems. Ordered longest-first so "ied" is tried before "ed".
const SUFFIX_RULES: readonly (readonly [suffix: string, replacements: readonly string[]])[] = [
  ["iest", ["y"]],
  ["ier", ["y"]],
  ["ied", ["y"]],
  ["ies", ["y"]],
  ["ily", ["y"]],
  ["ally", ["al", ""]],
  ["ness", [""]],
  ["ing", ["", "e"]],
  ["ed", ["", "e"]],
  ["es", ["", "e"]],
  ["ly", [""]],
  ["'s", [""]],
  ["s", [""]],
];

const STEM_CACHE = new Map<string, number>();
const STEM_CACHE_MAX = 4096;

/** Valence of a normalised word, 0 when unknown. */
export function wordValence(norm: string): number {
  const exact = WORDS.get(norm);
  if (exact !== undefined) return exact;
  if (norm.length < 4) {
    // "sooo" was squeezed to "soo"; a single letter may be the real word ("goood" → "good").
    return hasDoubleLetter(norm) ? (WORDS.get(unsqueeze(norm)) ?? 0) : 0;
  }
  const cached = STEM_CACHE.get(norm);
  if (cached !== undefined) return cached;
  const v = stemValence(norm);
  // Bounded so a long-lived isolate cannot grow without limit; the result never depends on it.
  if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
  STEM_CACHE.set(norm, v);
  return v;
}

function stemValence(norm: string): number {
  const single = hasDoubleLetter(norm) ? unsqueeze(norm) : norm;
  if (single !== norm) {
    const v = WORDS.get(single);
    if (v !== undefined) return v;
  }
  for (const [suffix, replacements] of SUFFIX_RULES) {
    if (!norm.endsWith(suffix) || norm.length - suffix.length < 3) continue;
    const base = norm.slice(0, -suffix.length);
    for (const r of replacements) {
      const v = WORDS.get(base + r);
      if (v !== undefined) return v;
    }
    // "stopped" → "stopp" → "stop"
    const last = base.length - 1;
    if (base[last] === base[last - 1]) {
      const v = WORDS.get(base.slice(0, last));
      if (v !== undefined) return v;
    }
  }
  return 0;
}

function hasDoubleLetter(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) return true;
  return false;
}

function unsqueeze(norm: string): string {
  return norm.replace(/(\p{L})\1/gu, "$1");
}

export function isKnownWord(norm: string): boolean {
  return wordValence(norm) !== 0;
}

// --- Emoji -----------------------------------------------------------------------------------

const EMOJI_GROUPS: readonly (readonly [number, string])[] = [
  [3, "😍 🥰 🤩 🥳 ❤ 💕 💖 💗 💓 💞 💘 💝 😻"],
  [2.4, "😀 😃 😄 😁 😆 😊 ☺ 😘 🤗 🎉 🎊 🙌 👏 👍 💯 🏆 💙 💚 💛 💜 🧡 🤍 💟"],
  [1.6, "🙂 😉 😇 😌 😋 😎 😗 😙 😚 😺 😸 🤣 😂 👌 ✌ 💪 ✨ 🌟 ⭐ 🔥 🎈 🥂 🍾 🤝 ✅ 🌹 🌸 ☀ 😛 😜 😝 🙏"],
  [1, "😅 😏 🤞 💀 🤓 🙆"],
  [-0.8, "😐 😑 😶 😬 😳 🤷 😪 😴 🥺 😮 😯 🤨 😭"],
  [-1.6, "😕 🙁 ☹ 😟 😦 😧 😓 😵 🤒 🤕 😷 ❌ 🚫 ⚠ 🤦 😩"],
  [-2.4, "😞 😔 😢 😫 😖 😣 😒 🙄 😨 😰 😱 😿 👎 💩 🤢 🤮 😤"],
  [-3, "😠 😡 🤬 💔 🖕"],
];

const EMOJI = new Map<string, number>();
for (const [v, list] of EMOJI_GROUPS) for (const e of list.split(" ")) EMOJI.set(e, v);

const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;

export function emojiValence(raw: string): number {
  const direct = EMOJI.get(raw);
  if (direct !== undefined) return direct;
  // Skin tones and variation selectors do not change the meaning.
  const base = raw.replace(EMOJI_MODIFIERS, "");
  const v = EMOJI.get(base);
  if (v !== undefined) return v;
  // Multi-person sequences (families, couples) carry no clear sentiment.
  return EMOJI.get([...base][0] ?? "") ?? 0;
}

/** Classifies an emoticon by its mouth rather than listing every nose/eye variant. */
export function emoticonValence(raw: string): number {
  if (raw === "<3") return 3;
  if (raw === "</3" || raw === "<\\3") return -2.6;
  if (raw.includes("'")) return raw.endsWith("(") ? -2.6 : 2; // crying / tears of joy
  if (/^\^_*\^$/.test(raw)) return 2;
  if (raw === "T_T" || raw === "T.T") return -2.4;
  if (raw === "-_-" || raw === "-.-") return -1.6;
  if (raw === ">_<" || raw === ">.<") return -1.6;
  if (/^o_O$|^O_o$/.test(raw)) return -0.6;
  const first = raw[0] ?? "";
  if (first === ")" || first === "]") return -2; // reversed sad "):"
  if (first === "(" || first === "[") return 2; // reversed happy "(:"
  const mouth = raw[raw.length - 1] ?? "";
  if (")]}D3*".includes(mouth)) return mouth === "D" ? 2.6 : 2;
  if ("pP".includes(mouth)) return 1.4;
  if ("([{".includes(mouth)) return -2;
  if ("/\\|".includes(mouth)) return -1;
  if ("oO@".includes(mouth)) return -0.4;
  return 0;
}

// --- Modifiers -------------------------------------------------------------------------------

/** Multipliers applied to the next sentiment-bearing word (within two tokens). */
export const INTENSITY = new Map<string, number>([
  ["very", 1.3],
  ["really", 1.25],
  ["so", 1.25],
  ["soo", 1.4],
  ["too", 1.15],
  ["extremely", 1.5],
  ["super", 1.3],
  ["totally", 1.3],
  ["absolutely", 1.4],
  ["completely", 1.3],
  ["incredibly", 1.5],
  ["truly", 1.25],
  ["highly", 1.25],
  ["deeply", 1.3],
  ["utterly", 1.4],
  ["quite", 1.1],
  ["such", 1.2],
  ["most", 1.2],
  ["especially", 1.15],
  ["particularly", 1.15],
  ["insanely", 1.4],
  ["ridiculously", 1.4],
  ["exceptionally", 1.4],
  ["immensely", 1.4],
  ["hugely", 1.3],
  ["remarkably", 1.3],
  ["seriously", 1.25],
  ["genuinely", 1.2],
  ["literally", 1.15],
  ["way", 1.15],
  ["fucking", 1.45],
  ["fuckin", 1.45],
  ["freaking", 1.35],
  ["frickin", 1.35],
  ["effing", 1.35],
  ["bloody", 1.3],
  ["damn", 1.3],
  ["hella", 1.35],
  ["pretty", 1.15],
  ["real", 1.15],
  ["slightly", 0.6],
  ["somewhat", 0.7],
  ["kinda", 0.7],
  ["sorta", 0.7],
  ["fairly", 0.85],
  ["rather", 0.9],
  ["almost", 0.8],
  ["mildly", 0.6],
  ["marginally", 0.6],
  ["partly", 0.7],
  ["barely", 0.5],
  ["bit", 0.7],
  ["little", 0.75],
]);

/**
 * Intensifiers that are sentiment words on their own ("fucking", "damn", "pretty") only act as
 * intensifiers when a sentiment word follows; otherwise they keep their own valence.
 */
export const OWN_VALENCE_WHEN_ALONE = new Map<string, number>([
  ["fucking", -2.2],
  ["fuckin", -2.2],
  ["freaking", -1],
  ["damn", -1.6],
  ["bloody", -0.8],
  ["pretty", 1.6],
]);

const NEGATORS = new Set([
  "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
  "cannot", "hardly", "aint", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent",
  "wont", "cant", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "nope", "lack",
  "lacks", "lacking", "neva", "nvr",
]);

export function isNegator(norm: string): boolean {
  return NEGATORS.has(norm) || norm.endsWith("n't");
}

/** Tokens that end a negation or intensifier scope. */
export function isClauseBreak(norm: string): boolean {
  return norm === "but" || norm === "however" || norm === "although" || norm === "though";
}

// --- Phrases ---------------------------------------------------------------------------------

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
  [2.8, "hats off|well said|well done|great job|good job|nice job|great work|good work|top notch|happy birthday|best wishes|killed it|killing it|nailed it|to die for|hell yeah|hell yes|fuck yeah|fuck yes"],
  [2.4, "can't wait|cant wait|can not wait|looking forward|look forward|works great|merry christmas|happy new year|god bless|thank god|thank goodness|spot on"],
  [1.8, "good call|hassle free|no hassle|fingers crossed|no problem|no problems|no worries|no prob|good point|good luck|take care|feel better|on point|without a doubt|high five|heck yeah|thumbs up"],
  [1.2, "fair point|not bad|not too bad|makes sense|fair enough|good morning|good night|good afternoon|good evening|no doubt|can't complain|free shipping|works now|working now|it worked|that worked"],
  [-1, "deal with it|no response|no reply|no answer|locked out|no thanks|no thank you|oh well|out of stock|on hold|too bad|thumbs down|dead end|no idea"],
  [-2, "not working|doesn't work|does not work|don't work|didn't work|did not work|won't work|isn't working|is not working|never works|stopped working|still waiting|still not working|give up|gave up|giving up|tired of|broke down|what the hell|is a joke|what a joke|hell no|let down|no one cares|nobody cares|shut up|never again|how dare|never arrived|never received|still haven't|still hasn't"],
  [-2.8, "fed up|sick of|sick and tired|waste of time|waste of money|rip off|ripped off|let me down|messed up|screwed up|charged twice|double charged|pain in the ass|falling apart|fall apart|what the fuck|screw you|go to hell|worst ever|piece of crap|fuck this|fucked up|piece of shit|fuck you|fuck off"],
];

const PHRASE_SCALES: readonly (readonly [number, string])[] = [
  [0.7, "kind of|sort of|a bit|a little|a little bit|to some extent|more or less"],
  [1.3, "so much|very much|a lot|way too|by far"],
];

const PHRASE_NEUTRAL =
  "with all due respect|fast food|what kind|this kind|that kind|some kind|any kind|the kind|all kinds|these kinds|of course|pretty much|as well|feel like|feels like|felt like|looks like|look like|looked like|sounds like|sound like|seems like|seem like|would like|i'd like|just like|like this|like that|for free|free time|oh my god|oh my gosh|no way|well then|all right|right now|nothing but|not only|no matter|kind regards|best regards|thank you for your patience";

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
