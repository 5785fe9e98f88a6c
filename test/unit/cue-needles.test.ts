import { describe, expect, it } from "vitest";
import user from "../../bench/eval/support-user.csv?raw";
import multilingual from "../../bench/eval/support-multilingual.csv?raw";
import { parseCsv } from "../../bench/eval/csv";
import { cue, type CuePattern } from "../../worker/analysis/embedded/cues";
import * as flagCues from "../../worker/analysis/embedded/flag-cues";
import { TROUBLE_CUES } from "../../worker/analysis/embedded/trouble-cues";

/**
 * findCues skips a cue's regex when none of its needles occurs in the message. That is only an
 * optimisation if it never hides a match: checked here on every cue against every message of the
 * support-chat eval set, with the skip switched off.
 */

const patterns: CuePattern[] = [
  ...Object.values(flagCues).filter((v): v is readonly CuePattern[] => Array.isArray(v) && (v as CuePattern[])[0]?.re instanceof RegExp).flat(),
  ...TROUBLE_CUES,
];
const messages = [...parseCsv(user).slice(1), ...parseCsv(multilingual).slice(1)].map((r) => r[0] ?? "");

function matchesAnywhere(p: CuePattern, text: string): boolean {
  p.re.lastIndex = 0;
  return p.re.test(text);
}

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
    expect(cue(1, "t", "[Mm]ove to").needles).toBeNull();
    expect(cue(1, "t", "asap|a\\.s\\.a\\.p").needles).toBeNull();
  });
});
