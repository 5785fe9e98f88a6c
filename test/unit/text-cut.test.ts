import { describe, expect, it } from "vitest";
import { firstChars } from "../../worker/text-cut";

describe("firstChars", () => {
  it("keeps a text that fits, and cuts a longer one to that many characters", () => {
    expect(firstChars("hello", 5)).toBe("hello");
    expect(firstChars("hello world", 5)).toBe("hello");
    expect(firstChars("", 3)).toBe("");
  });

  it("counts an emoji as one character and never splits its surrogate pair", () => {
    const cut = firstChars(`${"x".repeat(139)}😀tail`, 140);
    expect(cut).toBe(`${"x".repeat(139)}😀`);
    expect(firstChars("😀".repeat(200), 140)).toBe("😀".repeat(140));
    // Every result is well-formed: no lone surrogate for JSON or SQLite to reject or replace.
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let n = 0; n < 12; n++) expect(firstChars("a😀b😀😀c", n)).not.toMatch(loneSurrogate);
    expect("x\uD83D").toMatch(loneSurrogate);
  });
});
