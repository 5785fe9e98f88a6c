import { describe, expect, it } from "vitest";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import { OPINION_FLAGS, opinionFeatures, type OpinionModel } from "../../worker/analysis/embedded/opinion-features";
import { trainOpinion } from "../../worker/analysis/embedded/opinion-train";
import { RAISE, secondOpinion, shippedOpinionModel } from "../../worker/analysis/embedded/opinion";
import type { AnalysisOptions, Detection } from "../../worker/analysis/types";

/** A model that knows a few words, each sure of one flag (weights in hundredths, OPINION_FLAGS order). */
function modelOf(words: Record<string, Partial<Record<(typeof OPINION_FLAGS)[number], number>>>): OpinionModel {
  const weights = new Map<string, number[]>();
  for (const [key, flags] of Object.entries(words)) weights.set(key, OPINION_FLAGS.map((f) => flags[f] ?? 0));
  return { bias: OPINION_FLAGS.map(() => -400), weights };
}

/** "zorblat" is a word no cue knows: only the model can raise a flag on it. */
const ZORBLAT = modelOf({ "u:zorblat": { churn_risk: 900 }, "u:the": { churn_risk: 300 }, "u:pricey": { buying_signal: 900 } });

const flagsOf = (content: string, options: AnalysisOptions, language = "en"): Detection[] => analyzeSync({ role: "user", content, language }, options).flags;

describe("the learned second opinion on user flags", () => {
  it("raises a flag the cues missed when the model is sure, as a medium flag whose reason and chunk quote the words it went by", () => {
    const [churn] = flagsOf("Honestly the zorblat thing again. Anyway, bye.", { opinionModel: ZORBLAT });
    expect(churn).toMatchObject({ slug: "churn_risk", severity: "medium", chunk: "Honestly the zorblat thing again." });
    expect(churn?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(churn?.confidence).toBeLessThan(0.8);
    // "the" weighs for churn in this model too, but a reason that quotes a function word explains nothing.
    expect(churn?.reason).toBe('Worded like customers about to leave ("zorblat").');
  });

  it("quotes the words as the user wrote them, not as the model reads them, and only whole words", () => {
    const withWir = modelOf({ "u:zorblat": { churn_risk: 900 }, "u:wir": { churn_risk: 300 } });
    const [churn] = flagsOf("Wir: das Zörblat, bitte.", { opinionModel: withWir }, "de");
    // "wir" weighs too, but a German function word explains nothing either.
    expect(churn?.reason).toBe('Worded like customers about to leave ("Zörblat").');
    expect(churn?.chunk).toBe("Wir: das Zörblat, bitte.");
    // "zorblat" inside "Zorblatting" is not the word the model read.
    const [later] = flagsOf("Zorblatting is fun. I said zorblat.", { opinionModel: ZORBLAT });
    expect(later?.chunk).toBe("I said zorblat.");
  });

  it("is silent below its threshold, and with no model the cues speak alone", () => {
    const unsure = modelOf({ "u:zorblat": { churn_risk: 500 } });
    expect(secondOpinion("zorblat", unsure).flags.churn_risk).toBeLessThan(RAISE.churn_risk);
    expect(flagsOf("zorblat", { opinionModel: unsure })).toEqual([]);
    expect(flagsOf("zorblat", { opinionModel: null })).toEqual([]);
  });

  it("never drops or changes a flag the cues raised", () => {
    const text = "This is the third time I ask. Cancel my subscription now, I'm switching to Netflix.";
    const cues = flagsOf(text, { opinionModel: null });
    const heard = flagsOf(text, {});
    expect(cues.length).toBeGreaterThan(0);
    for (const d of cues) expect(heard).toContainEqual(d);
  });

  it("does not overrule a message that negates the words it went by or denies the flag outright", () => {
    expect(flagsOf("I don't want to zorblat anything", { opinionModel: ZORBLAT })).toEqual([]);
    expect(flagsOf("Is the gold plan pricey? Not for me, asking for a friend.", { opinionModel: ZORBLAT }).map((d) => d.slug)).not.toContain("buying_signal");
    expect(flagsOf("Is the gold plan pricey?", { opinionModel: ZORBLAT }).map((d) => d.slug)).toContain("buying_signal");
  });

  it("does not raise a competitor on a name that is the chatbot's own", () => {
    const brands = modelOf({ "u:zorblat": { competitor_mention: 900 } });
    expect(flagsOf("zorblat does it better", { opinionModel: brands }).map((d) => d.slug)).toEqual(["competitor_mention"]);
    expect(flagsOf("zorblat does it better", { opinionModel: brands, ownNames: ["Zorblat"] })).toEqual([]);
  });

  it("does not raise a competitor when any word it went by is the chatbot's own name, nor churn where the user arrives there", () => {
    const brands = modelOf({ "u:chez": { competitor_mention: 900 }, "u:zorblat": { competitor_mention: 5 } });
    expect(flagsOf("je passe chez Zorblat", { opinionModel: brands }).map((d) => d.slug)).toEqual(["competitor_mention"]);
    expect(flagsOf("je passe chez Zorblat", { opinionModel: brands, ownNames: ["Zorblat"] })).toEqual([]);
    const leaving = modelOf({ "u:month": { churn_risk: 900 } });
    expect(flagsOf("moving to Zorblat next month", { opinionModel: leaving }).map((d) => d.slug)).toEqual(["churn_risk"]);
    expect(flagsOf("moving to Zorblat next month", { opinionModel: leaving, ownNames: ["Zorblat"] })).toEqual([]);
    expect(flagsOf("leaving Zorblat next month", { opinionModel: leaving, ownNames: ["Zorblat"] }).map((d) => d.slug)).toEqual(["churn_risk"]);
  });

  it("raises a competitor only where a name is written: a capitalised word inside a sentence, or any word in chat written without capitals", () => {
    const moody = modelOf({ "u:gallery": { competitor_mention: 900 } });
    const named = (text: string) => flagsOf(text, { opinionModel: moody }).some((d) => d.slug === "competitor_mention");
    expect(named("Lovely print. The gallery asked for much more.")).toBe(false);
    // Months, days and "I" are capitalised without naming anyone.
    expect(named("In March I paid the gallery more on a Monday.")).toBe(false);
    expect(named("Lovely print. The gallery at Hoxton Prints asked for much more.")).toBe(true);
    expect(named("lovely print, the gallery asked for much more")).toBe(true);
  });

  it("keeps a flag switched off off, and is not consulted for a language it never learned from", () => {
    expect(flagsOf("zorblat", { opinionModel: ZORBLAT, enabledFlags: ["frustrated_user"] })).toEqual([]);
    expect(flagsOf("zorblat", { opinionModel: ZORBLAT }, "ja")).toEqual([]);
    expect(flagsOf("zorblat", { opinionModel: ZORBLAT }, "und").map((d) => d.slug)).toEqual(["churn_risk"]);
  });

  it("makes a message it reads as leaving negative, whichever flags are switched on", () => {
    const sentiment = (options: AnalysisOptions) => analyzeSync({ role: "user", content: "Great team, lovely people. Zorblat.", language: "en" }, options).sentiment;
    expect(sentiment({ opinionModel: null })?.label).toMatch(/positive/);
    const leaving = sentiment({ opinionModel: ZORBLAT });
    expect(leaving?.label).toBe("negative");
    expect(leaving?.reason).toBe("Wants to leave.");
    expect(sentiment({ opinionModel: ZORBLAT, enabledFlags: [] })).toEqual(leaving);
  });

  it("reads words, word pairs and four-letter pieces without case or accents", () => {
    const keys = [...opinionFeatures("Kündigung JETZT!")];
    expect(keys).toEqual(expect.arrayContaining(["u:kundigung", "u:jetzt", "u:!", "b:kundigung jetzt", "b:jetzt !", "c: kun", "c:ung "]));
    expect([...opinionFeatures("Kündigung JETZT!")]).toEqual(keys);
  });
});

describe("training the second opinion", () => {
  const rows = [
    ...["cancel my plan", "I want to cancel", "cancel it now", "please cancel my account", "cancel everything"].map((text) => ({ text, flags: ["churn_risk"] })),
    ...["where is my parcel", "thanks a lot", "how do I log in", "what is the price", "my parcel is late"].map((text) => ({ text, flags: [] })),
  ];

  it("learns which words go with a flag, and gives the same model every time", () => {
    const model = trainOpinion(rows);
    expect(secondOpinion("cancel", model).flags.churn_risk).toBeGreaterThan(0.5);
    expect(secondOpinion("where is my parcel", model).flags.churn_risk).toBeLessThan(0.2);
    expect(trainOpinion(rows)).toEqual(model);
  });

  it("ships a model for every flag, read from its generated module", () => {
    const model = shippedOpinionModel();
    expect(model.bias).toHaveLength(OPINION_FLAGS.length);
    expect(model.weights.size).toBeGreaterThan(1000);
    expect(model.weights.get("u:cancel")?.length).toBe(OPINION_FLAGS.length);
  });
});
