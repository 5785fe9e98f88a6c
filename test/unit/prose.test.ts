import { describe, expect, it } from "vitest";
import { prose, proseOfEarlierTurn, proseOfMessage } from "../../worker/analysis/embedded/prose";

describe("the prose of an earlier turn", () => {
  const traced = "Getting this when I save:\nTypeError: Cannot read properties of undefined\n    at saveDraft (editor.js:212:19)";

  it("is the prose its message had when it was analysed", () => {
    const analysed = proseOfMessage(traced);
    expect(analysed).not.toContain("saveDraft");
    expect(proseOfEarlierTurn(traced)).toBe(analysed);
  });

  it("is worked out the same way for a turn this isolate never analysed", () => {
    const unseen = "Also this one:\n    at loadDraft (editor.js:80:3)\nany idea?";
    expect(proseOfEarlierTurn(unseen)).toBe(prose(unseen));
    expect(proseOfEarlierTurn(unseen)).not.toContain("loadDraft");
  });

  it("keeps its offsets: masking replaces pasted text, it never removes it", () => {
    expect(proseOfEarlierTurn(traced)).toHaveLength(traced.length);
  });
});
