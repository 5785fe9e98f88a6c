import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../worker/search/fusion";
import { chatbotToken, scopedMatch } from "../../worker/search/full-text";
import { matchExpression, MAX_TERMS, MIN_PREFIX, parseTerms, searchQuery } from "../../worker/search/query";

const fts = (q: string) => matchExpression(parseTerms(q));

describe("search query parsing", () => {
  it("quotes every word, so FTS5 reads none of them as an operator", () => {
    expect(fts("export AND button")).toBe('"export" "AND" "button"');
    expect(fts("NEAR(a b) col:x ^y")).toBe('"NEAR(a" "b)" "col:x" "^y"');
  });

  it("keeps a quoted phrase together and a trailing star as a prefix", () => {
    expect(fts('"export button" refund*')).toBe('"export button" "refund"*');
    expect(fts('say "she said ""hi""')).toBe('"say" "she said" "hi"');
  });

  it("doubles a quote inside a term and drops terms without a letter or digit", () => {
    expect(fts('it"s')).toBe('"it" "s"');
    expect(parseTerms('*** () "" " " -')).toEqual([]);
    expect(fts("l'export")).toBe(`"l'export"`);
  });

  it("reads control characters as spaces, so a NUL cannot end the MATCH string early", () => {
    expect(fts("a\u0000b")).toBe('"a" "b"');
    expect(fts('"export\u0000button" exp\u0000*')).toBe('"export button" "exp"');
  });

  it("uses at most the first 16 terms", () => {
    const terms = parseTerms(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "));
    expect(terms).toHaveLength(MAX_TERMS);
    expect(terms.at(-1)!.text).toBe("w15");
  });
});

describe("search query validation", () => {
  it(`refuses a prefix shorter than ${MIN_PREFIX} characters and takes one of ${MIN_PREFIX}`, () => {
    expect(searchQuery.safeParse({ q: "ex*" }).success).toBe(false);
    expect(searchQuery.safeParse({ q: "exp*" }).success).toBe(true);
    // A short word without a star is a word, not a prefix.
    expect(searchQuery.safeParse({ q: "ex" }).success).toBe(true);
  });
});

describe("the chatbot's scope in the index", () => {
  it("names a chatbot by one token that no other id shares, and keeps the query's words to the text", () => {
    expect(chatbotToken("cb_1")).toBe("c63625f31");
    expect(chatbotToken("cb_1_x").startsWith(chatbotToken("cb_1"))).toBe(true); // a different token: FTS5 matches whole tokens
    expect(scopedMatch("cb_1", undefined, '"export"')).toBe('scope : "c63625f31" AND content : ("export")');
    expect(scopedMatch("cb_1", "user", '"a" "b"*')).toBe('scope : "c63625f31" AND scope : "ruser" AND content : ("a" "b"*)');
  });
});

describe("reciprocal-rank fusion", () => {
  it("adds 1/(60 + rank) from each list and orders by the sum", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["c", "d"],
    ]);
    // b and d tie at 1/62: the first list's b comes first.
    expect(fused.map((f) => f.key)).toEqual(["c", "a", "b", "d"]);
    expect(fused[0]).toEqual({ key: "c", score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[1]).toEqual({ key: "a", score: 1 / 61, ranks: [1, null] });
    expect(fused[2]).toEqual({ key: "b", score: 1 / 62, ranks: [2, null] });
    expect(fused[3]).toEqual({ key: "d", score: 1 / 62, ranks: [null, 2] });
  });

  it("breaks a tie by the first list's order and counts a repeated key once", () => {
    expect(reciprocalRankFusion([["a"], ["b"]]).map((f) => f.key)).toEqual(["a", "b"]);
    expect(reciprocalRankFusion([["b"], ["a"]]).map((f) => f.key)).toEqual(["b", "a"]);
    expect(reciprocalRankFusion([["a", "a"]])).toEqual([{ key: "a", score: 1 / 61, ranks: [1] }]);
  });
});
