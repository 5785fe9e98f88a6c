import { describe, expect, it } from "vitest";
import { chunks } from "../../worker/db/chunks";

describe("chunks", () => {
  it("splits a list into consecutive pieces of at most the size, in order, the last one shorter", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunks(Array.from({ length: 181 }, (_, i) => i), 90).map((c) => c.length)).toEqual([90, 90, 1]);
  });

  it("gives no piece for an empty list and one for a list within the size", () => {
    expect(chunks([], 90)).toEqual([]);
    expect(chunks(["a"], 90)).toEqual([["a"]]);
  });

  it("refuses a size that would never advance", () => {
    expect(() => chunks([1], 0)).toThrow(RangeError);
    expect(() => chunks([1], 1.5)).toThrow(RangeError);
  });
});
