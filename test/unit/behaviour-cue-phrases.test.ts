/**
 * The behaviour cues are compiled by `alternation()` (behaviour-cues.ts), which puts `\b` in front of a phrase that opens
 * with a letter, a digit or a group. Before a letter that is a word start; but a phrase that opens with an optional
 * group followed by something that is not a letter ("(select: )?\[\d\] …") matches only where that group is present
 * in the text, since `\b` before "[" after a space is never true — the bracketed-menu cue never matched for that reason.
 * This holds every compiled behaviour cue to phrases that cannot fail that way.
 */
import { describe, expect, it } from "vitest";
import * as cues from "../../worker/analysis/embedded/behaviour-cues";
import * as languages from "../../worker/analysis/embedded/behaviour-languages";
import { splitTopLevel as alternativesOf } from "../../worker/analysis/embedded/cues";

/** What follows the first group of an alternative that opens with `\b(?:(`, when that group is optional. */
function afterOptionalOpening(alternative: string): string | undefined {
  const open = "\\b(?:(";
  if (!alternative.startsWith(open)) return undefined;
  let depth = 1;
  let i = open.length;
  for (; i < alternative.length && depth > 0; i++) {
    const ch = alternative[i];
    if (ch === "\\") i++;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
  }
  return alternative[i] === "?" ? alternative.slice(i + 1) : undefined;
}

const compiled = [...Object.entries(cues), ...Object.entries(languages)].flatMap(([name, value]) =>
  (Array.isArray(value) ? value : [value]).flatMap((c: unknown) =>
    c !== null && typeof c === "object" && "re" in c && (c as { re: unknown }).re instanceof RegExp ? [{ name, re: (c as { re: RegExp }).re }] : [],
  ),
);

describe("behaviour cue phrases", () => {
  it("finds the compiled cues to check", () => {
    expect(compiled.length).toBeGreaterThan(20);
  });

  it("never open with an optional group followed by anything but a letter or another group", () => {
    const broken = compiled.flatMap(({ name, re }) =>
      alternativesOf(re.source).flatMap((alternative) => {
        const rest = afterOptionalOpening(alternative);
        return rest !== undefined && !/^[a-z(]/.test(rest) ? [`${name}: ${alternative.slice(0, 80)}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("catches the phrase that once broke the bracketed menu", () => {
    const alternative = alternativesOf(/\b(?:((please\s+)?(select|choose)\s?:\s?)?\[\d\]\s+[a-z]+)|\b(?:a)/.source)[0] as string;
    expect(afterOptionalOpening(alternative)).toMatch(/^\\\[/);
  });
});
