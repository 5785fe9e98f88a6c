import { describe, expect, it } from "vitest";
import { cue, findCues, type CuePattern } from "../../worker/analysis/embedded/cues";
import * as flagCues from "../../worker/analysis/embedded/flag-cues";
import { TROUBLE_CUES } from "../../worker/analysis/embedded/trouble-cues";
import { cueLists, matchesAnywhere, mixedCueMessages, mixedCues, supportMessages as messages } from "../helpers/cue-fixtures";

/**
 * findCues skips a cue's regex when none of its needles occurs in the message. That is only an
 * optimisation if it never hides a match: checked here on every cue against every message of the
 * support-chat eval set and of the blind sets, with the skip switched off.
 */

const patterns: CuePattern[] = [
  ...cueLists(flagCues),
  ...TROUBLE_CUES,
];

describe("cue needles", () => {
  it("never hide a match of their cue in any support-chat message", () => {
    expect(messages.length).toBeGreaterThan(600);
    const hidden: string[] = [];
    let matched = 0;
    for (const p of patterns) {
      if (p.needles === undefined || p.needles === null) continue;
      for (const text of messages) {
        if (!matchesAnywhere(p, text)) continue;
        matched++;
        const haystack = p.caseSensitive === true ? text : text.toLowerCase();
        if (!p.needles.some((n) => haystack.includes(n))) hidden.push(`${p.why}: ${text.slice(0, 60)}`);
      }
    }
    expect(matched).toBeGreaterThan(300);
    expect(hidden).toEqual([]);
  });

  it("are taken from required words only, skipping optional groups and short words", () => {
    expect(cue(1, "t", "(i|we) (still )?(don't|do not) understand").needles).toEqual(["don", "not"]);
    expect(cue(1, "t", "cancel(l?ing)? (my )?subscription").needles).toEqual(["cancel"]);
    expect(cue(1, "t", "(my )?invoice|refund").needles).toEqual(["invoice", "refund"]);
    expect(cue(1, "t", "[Mm]ove to").needles).toEqual(["ove"]);
    expect(cue(1, "t", "[Mm]\\w+ to").needles).toBeNull();
  });

  it("come from a later required part when a phrase has no leading word", () => {
    expect(cue(1, "t", "we('re| are) (moving|switching) away").needles).toEqual(["moving", "switching"]);
    expect(cue(1, "t", "5\\d\\d (error|bad gateway)").needles).toEqual(["error", "bad"]);
    expect(cue(1, "t", "(\\d+|half|only) [^.!?\\n]{0,20}instead of").needles).toEqual(["instead"]);
    expect(cue(1, "t", "asap|a\\.s\\.a\\.p").needles).toEqual(["asap", "a.s.a.p"]);
    // Punctuation and symbols filter at any length; a short word does not.
    expect(cue(1, "t", "\\?\\s*\\?").needles).toEqual(["?"]);
    expect(cue(1, "t", "hmm+|🤔").needles).toEqual(["hmm", "🤔"]);
    expect(cue(1, "t", "uhh*").needles).toBeNull();
    // An optional group or one with an empty alternative names nothing required.
    expect(cue(1, "t", "(very )?(good|)").needles).toBeNull();
  });
});

describe("findCues without the word-start lookbehinds", () => {
  const reference = (p: CuePattern): CuePattern => ({ ...p, scan: null });
  const starts = ["", "x", "𝐚", "🙂", "é", "1", "-", " "];

  it("finds exactly what each cue's full regex finds, in every support-chat message", () => {
    const scanned = patterns.filter((p) => p.scan);
    expect(scanned.length).toBeGreaterThan(40);
    let hits = 0;
    for (const p of scanned) {
      for (const text of messages) {
        const found = findCues(text, [p]);
        hits += found.length;
        expect(found, `${p.why}: ${text.slice(0, 60)}`).toEqual(findCues(text, [reference(p)]));
      }
    }
    expect(hits).toBeGreaterThan(300);
    // Every cue against every message twice: seconds of work, more on a busy machine than the default 5 s allow.
  }, 30_000);

  it("refuses a match glued to a letter or digit before it, astral ones included, and looks again further on", () => {
    const p = cue(1, "cancels", "cancel(ling)? (my|our) (plan|account)");
    for (const start of starts) {
      const text = `${start}cancel my plan, then cancel our account`;
      expect(findCues(text, [p]), JSON.stringify(start)).toEqual(findCues(text, [reference(p)]));
    }
    expect(findCues("𝐚cancel my plan, then cancel our account", [p])).toEqual([expect.objectContaining({ start: 23 })]);
    // A refused match may hide the start of the right one: the search resumes one position on, not after it.
    expect(findCues("xopen door now", [cue(1, "t", "open door|door now")])).toEqual([expect.objectContaining({ start: 6, end: 14 })]);
  });
});

describe("a phrase that opens on a lookbehind", () => {
  const c = cue(0.8, "says they are leaving", "(?<=(want|need) out of (my|the) )(contract|plan)|(?<=never )again");

  it("matches only where the lookbehind's words are there, and quotes them with the rest", () => {
    const text = "Honestly I want out of my contract now";
    const [hit] = findCues(text, [c]);
    expect(hit && text.slice(hit.start, hit.end)).toBe("want out of my contract");
    expect(findCues("the contract is out of date", [c])).toEqual([]);
    const again = findCues("never again.", [c])[0];
    expect(again && "never again.".slice(again.start, again.end)).toBe("never again");
  });

  it("opens its needles on the words after the lookbehind", () => {
    expect([...(c.needles ?? [])].sort()).toEqual(["again", "contract", "plan"]);
  });
});

describe("findCues on a list of eight cues or more, indexed by its needles' trigrams", () => {
  /** The same cues with no needles: every regex runs on every message, nothing is skipped. */
  const unfiltered = (list: readonly CuePattern[]): CuePattern[] => list.map((p) => ({ ...p, needles: null }));
  const lists = Object.entries(flagCues)
    .filter((e): e is [string, readonly CuePattern[]] => Array.isArray(e[1]) && (e[1] as CuePattern[])[0]?.re instanceof RegExp && (e[1] as CuePattern[]).length >= 8)
    .concat([["TROUBLE_CUES", TROUBLE_CUES]]);

  it("finds exactly what the unfiltered list finds, hit for hit, in every support-chat message", () => {
    expect(lists.length).toBeGreaterThanOrEqual(6);
    let hits = 0;
    for (const [name, list] of lists) {
      const reference = unfiltered(list);
      for (const text of messages) {
        const found = findCues(text, list);
        hits += found.length;
        expect(found, `${name}: ${text.slice(0, 60)}`).toEqual(findCues(text, reference));
      }
    }
    expect(hits).toBeGreaterThan(500);
  }, 30_000);

  it("still runs the cues it cannot index: case-sensitive ones, short needles and none, in short messages and long", () => {
    const list = mixedCues();
    expect(list.map((p) => !p.needles || p.needles.some((n) => n.length < 3))).toEqual([false, false, true, true, false, false, true, false]);
    const filler = "the weather was fine and nobody said anything of note. ".repeat(40);
    for (const text of mixedCueMessages) {
      for (const message of [text, filler + text]) {
        const found = findCues(message, list);
        expect(found.length, message.slice(-60)).toBeGreaterThan(1);
        expect(found, message.slice(-60)).toEqual(findCues(message, unfiltered(list)));
      }
    }
    expect(findCues("zendesk is fine", list)).toEqual([]);
  });
});
