import { describe, expect, it } from "vitest";
import * as behaviourCues from "../../worker/analysis/embedded/behaviour-cues";
import { filterOf, mayRun } from "../../worker/analysis/embedded/cue-filter";
import { CASELESS, literalsRequiredBy, UNSAFE_FOR_LOWER } from "../../worker/analysis/embedded/cue-literals";
import { cue, findCues, type CuePattern } from "../../worker/analysis/embedded/cues";
import * as flagCues from "../../worker/analysis/embedded/flag-cues";
import { de } from "../../worker/analysis/embedded/languages/de";
import { es } from "../../worker/analysis/embedded/languages/es";
import { fold } from "../../worker/analysis/embedded/languages/fold";
import { fr } from "../../worker/analysis/embedded/languages/fr";
import { it as italian } from "../../worker/analysis/embedded/languages/it";
import { nl } from "../../worker/analysis/embedded/languages/nl";
import { compilePack } from "../../worker/analysis/embedded/languages/pack";
import { pt } from "../../worker/analysis/embedded/languages/pt";
import { TROUBLE_CUES } from "../../worker/analysis/embedded/trouble-cues";
import { cueLists, matchesAnywhere, mixedCueMessages, mixedCues, supportMessages as messages } from "../helpers/cue-fixtures";

/**
 * findCues runs a cue's regex only where the literals that regex cannot match without are in the message
 * (cue-literals.ts, cue-filter.ts). That is only an optimisation if it never hides a match: checked here for every
 * cue of the analyzer (English, the language packs on folded text, the behaviours) against every message of the
 * support-chat eval set and of the blind sets, and for the lower-casing it relies on, against every character.
 */

const english: CuePattern[] = [...cueLists(flagCues), ...TROUBLE_CUES, ...cueLists(behaviourCues)];
const packs: CuePattern[] = [de, fr, es, pt, italian, nl].flatMap((source) => {
  const pack = compilePack(source);
  return [...Object.values(pack.flags).flatMap((list) => (list ?? []).map((c) => c.pattern)), ...pack.phrases.map((p) => p.pattern), ...pack.named.map((n) => n.pattern)];
});
const folded = messages.map((m) => fold(m).text);

/** The literals as findCues looks for them: in the lower-cased text when the regex ignores case. */
function holdsOne(p: CuePattern, text: string, literals: readonly string[]): boolean {
  const haystack = p.re.flags.includes("i") ? text.toLowerCase() : text;
  return literals.some((l) => haystack.includes(l));
}

describe("the literals a cue's regex requires", () => {
  it("are in every support-chat message the regex matches, for every cue of the analyzer", () => {
    expect(messages.length).toBeGreaterThan(600);
    const hidden: string[] = [];
    let matched = 0;
    let read = 0;
    for (const [patterns, texts] of [
      [english, messages],
      [packs, folded],
    ] as const) {
      for (const p of patterns) {
        const literals = literalsRequiredBy(p.re);
        if (literals === null) continue;
        read++;
        for (const text of texts) {
          if (!matchesAnywhere(p, text)) continue;
          matched++;
          if (!holdsOne(p, text, literals) || !mayRun(text, filterOf(p))) hidden.push(`${p.why}: ${text.slice(0, 60)}`);
        }
      }
    }
    // Nearly every cue has literals to filter on, and they are checked against well over a thousand matches.
    expect(read).toBeGreaterThan(0.9 * (english.length + packs.length));
    expect(matched).toBeGreaterThan(1000);
    expect(hidden).toEqual([]);
  }, 60_000);

  it("are read from the whole match, and the rarest required part is kept", () => {
    expect(literalsRequiredBy(cue(1, "t", "(this|it|that)('s| is) (a )?(joke|nightmare)").re)).toEqual(["joke", "nightmare"]);
    expect(literalsRequiredBy(cue(1, "t", "frustrat(ed|ing)|fed up").re)).toEqual(["frustrated", "frustrating", "fed"]);
    // "x+" needs one x at least: it joins the literal before it.
    expect(literalsRequiredBy(cue(1, "t", "hmm+|🤔").re)).toEqual(["hmm", "🤔"]);
    // Case is folded to lower for a case-insensitive cue, kept for a case-sensitive one.
    expect(literalsRequiredBy(cue(1, "t", "[Mm]ove to", { caseSensitive: true }).re)).toEqual(["Move", "move"]);
    expect(literalsRequiredBy(cue(1, "t", "Cancel my PLAN").re)).toEqual(["cancel"]);
    // What a positive lookbehind looks at is in the message too; a negative one says nothing.
    expect(literalsRequiredBy(/(?<=refund\s)now/u)).toEqual(["refund"]);
    expect(literalsRequiredBy(/(?<!refund\s)now/u)).toEqual(["now"]);
  });

  it("are none where nothing literal is required or the syntax is not read", () => {
    expect(literalsRequiredBy(cue(1, "t", "(very )?(good|)").re)).toBeNull();
    expect(literalsRequiredBy(/[\p{L}&]+\s+\d+/u)).toBeNull();
    // Without the u flag "\p{L}" would be letters: such regexes are left alone, as are back-references.
    expect(literalsRequiredBy(/refund/i)).toBeNull();
    expect(literalsRequiredBy(/(refund)\s\1/u)).toBeNull();
    // A cased letter outside ASCII matches characters lower-casing does not give it: it ends a literal under i.
    expect(literalsRequiredBy(/café/iu)).toEqual(["caf"]);
    expect(literalsRequiredBy(/café/u)).toEqual(["café"]);
  });
});

describe("lower-casing the message for a case-insensitive cue's literals", () => {
  const everyCharacter = function* () {
    for (let c = 0; c <= 0x10ffff; c++) if (c < 0xd800 || c > 0xdfff) yield String.fromCodePoint(c);
  };

  it("turns every character an ASCII literal matches into that literal, but U+017F, which findCues does not trust", () => {
    const ascii = /^[\u0000-\u007f]$/iu;
    const odd: string[] = [];
    for (const ch of everyCharacter()) {
      if (ch.charCodeAt(0) < 0x80 || !ascii.test(ch)) continue;
      for (let p = 0; p < 0x80; p++) {
        const literal = String.fromCharCode(p);
        if (new RegExp(`^[${literal === "]" || literal === "\\" || literal === "^" || literal === "-" ? "\\" : ""}${literal}]$`, "iu").test(ch) && ch.toLowerCase() !== literal.toLowerCase()) odd.push(ch);
      }
    }
    expect(odd).toEqual(["\u017f", "\u017f"]);
    expect(odd.every((ch) => UNSAFE_FOR_LOWER.test(ch))).toBe(true);
  }, 60_000);

  it("leaves the caseless characters a literal may hold as they are, and no other character matches them", () => {
    const caseless = [...everyCharacter()].filter((ch) => ch.charCodeAt(0) >= 0x80 && CASELESS.test(ch));
    // Emoji and the typographic marks ("Ⓜ", pictographic but with a lower case, is not one of them).
    expect(caseless.length).toBeGreaterThan(2500);
    expect(caseless).toContain("🙄");
    expect(caseless).not.toContain("Ⓜ");
    expect(caseless.filter((ch) => ch.toLowerCase() !== ch)).toEqual([]);
    const escaped = caseless.map((ch) => (ch === "-" ? "\\-" : ch)).join("");
    const exact = new RegExp(`^[${escaped}]$`, "u");
    const ignoringCase = new RegExp(`^[${escaped}]$`, "iu");
    expect([...everyCharacter()].filter((ch) => exact.test(ch) !== ignoringCase.test(ch))).toEqual([]);
  }, 60_000);
});

describe("findCues with the required literals", () => {
  /** A cue counting its regex's runs. */
  function counted(re: RegExp): { pattern: CuePattern; runs: () => number } {
    let runs = 0;
    const exec = re.exec.bind(re);
    re.exec = (s: string) => {
      runs++;
      return exec(s);
    };
    return { pattern: { re, weight: 0.9, why: "counted", negatable: false, sentenceStart: false }, runs: () => runs };
  }

  it("does not run a cue's regex on a message without its rarest required word, and finds it where it is", () => {
    const { pattern, runs } = counted(/(?<![\p{L}\p{N}])(?:the\s+\w+\s+is\s+a\s+(joke|nightmare))/giu);
    expect(findCues("the delivery is a day late and the app is slow", [pattern])).toEqual([]);
    expect(runs()).toBe(0);
    const text = "Honestly the app is a joke";
    expect(findCues(text, [pattern])).toEqual([{ weight: 0.9, why: "counted", start: 9, end: text.length }]);
    expect(runs()).toBeGreaterThan(0);
  });

  it("runs it on text holding U+017F, whose lower case does not turn it into an s", () => {
    const { pattern, runs } = counted(/sorry/giu);
    expect(findCues("ſorry", [pattern])).toEqual([{ weight: 0.9, why: "counted", start: 0, end: 5 }]);
    expect(runs()).toBeGreaterThan(0);
  });

  it("finds in long lists what each cue finds alone, with literals found at any position of short and long messages", () => {
    const list = mixedCues();
    const filler = "the weather was fine and nobody said anything of note. ".repeat(40);
    for (const text of mixedCueMessages) {
      for (const message of [text, filler + text, `${text} ${filler}`]) {
        const found = findCues(message, list);
        expect(found.length, message.slice(-60)).toBeGreaterThan(1);
        const alone = list.flatMap((p) => findCues(message, [p]));
        expect(found.map((h) => h.why).sort(), message.slice(-60)).toEqual(alone.map((h) => h.why).sort());
      }
    }
  });
});
