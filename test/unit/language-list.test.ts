/** The languages filters accept are written out (worker/analysis/language.ts); they must be the detector's own. */
import { eld } from "eld/small";
import { describe, expect, it } from "vitest";
import { DETECTABLE_LANGUAGES, UNDETERMINED_LANGUAGE } from "../../worker/analysis/language";

describe("the detectable languages", () => {
  it("are exactly the detector's languages and `und`", () => {
    expect([...DETECTABLE_LANGUAGES].sort()).toEqual([...Object.values(eld.info().Languages), UNDETERMINED_LANGUAGE].sort());
  });
});
