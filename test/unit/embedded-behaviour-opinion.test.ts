import { describe, expect, it } from "vitest";
import { RAISE, shippedBehaviourModel, withBehaviourOpinion } from "../../worker/analysis/embedded/behaviour-opinion";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import { OPINION_BEHAVIOURS, replyFeatures, type OpinionModel } from "../../worker/analysis/embedded/opinion-features";
import { trainBehaviourOpinion } from "../../worker/analysis/embedded/opinion-train";
import type { AnalysisOptions, Detection } from "../../worker/analysis/types";

type Weights = Partial<Record<(typeof OPINION_BEHAVIOURS)[number], number>>;

/** A model that knows a few features, each sure of some behaviours (weights in hundredths, OPINION_BEHAVIOURS order). */
function modelOf(features: Record<string, Weights>): OpinionModel {
  const weights = new Map<string, number[]>();
  for (const [key, w] of Object.entries(features)) weights.set(key, OPINION_BEHAVIOURS.map((b) => w[b] ?? 0));
  return { bias: OPINION_BEHAVIOURS.map(() => -400), weights };
}

/** "zorblat" and "quibble" are words no cue knows: only the model can raise a behaviour on them. */
const MODEL = modelOf({
  "u:zorblat": { dodging: 900 },
  "u:quibble": { helpful: 900 },
  "u:the": { dodging: 300 },
  "qu:zorblat": { redirecting: 900 },
});

const NO_LEANINGS: ReadonlyMap<string, number> = new Map();

const reply = (content: string, question: string | undefined, options: AnalysisOptions): Detection[] =>
  analyzeSync({ role: "assistant", content, previous: question === undefined ? [] : [{ role: "user", content: question }] }, options).behaviours;
const slugs = (content: string, question: string | undefined, options: AnalysisOptions): string[] => reply(content, question, options).map((d) => d.slug);

describe("the learned second opinion on assistant behaviours", () => {
  it("raises a behaviour the cues missed when the model is sure, as a medium finding whose reason and chunk quote the words it went by", () => {
    expect(slugs("Well. The zorblat, as ever. Anyway.", "How do I export my data?", { behaviourModel: null })).not.toContain("dodging");
    const dodge = reply("Well. The zorblat, as ever. Anyway.", "How do I export my data?", { behaviourModel: MODEL }).find((d) => d.slug === "dodging");
    expect(dodge).toMatchObject({ severity: "medium", chunk: "The zorblat, as ever.", reason: 'Worded like replies that evade the question ("zorblat").' });
    expect(dodge?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(dodge?.confidence).toBeLessThan(0.8);
  });

  it("stays silent below its threshold", () => {
    const unsure = modelOf({ "u:zorblat": { dodging: Math.round(100 * Math.log(RAISE / (1 - RAISE))) + 390 } });
    expect(slugs("Well. The zorblat, as ever.", "How do I export my data?", { behaviourModel: unsure })).not.toContain("dodging");
  });

  it("reads the question too, but never quotes it in a reason", () => {
    const found = reply("We will look at it.", "what about the zorblat", { behaviourModel: MODEL }).find((d) => d.slug === "redirecting");
    expect(found?.reason).toBe("Worded like replies that send the user elsewhere.");
    expect(found?.chunk).toBeUndefined();
    expect(replyFeatures("We will look at it.", "the zorblat")).toContain("qu:zorblat");
    expect([...replyFeatures("We will look at it.", "the zorblat")].filter((k) => k.startsWith("qc:"))).toEqual([]);
  });

  it("never raises a yes-man or a dodge on a reply the cues found helpful, nor helpful on one they found dodging", () => {
    const answer = "Your order left our warehouse this morning and arrives tomorrow, zorblat.";
    expect(slugs(answer, "Where is my order?", { behaviourModel: null })).toEqual(["helpful"]);
    expect(slugs(answer, "Where is my order?", { behaviourModel: MODEL })).toEqual(["helpful"]);

    const dodge = "That is a great question! Our team always puts customers first, quibble.";
    const cues = slugs(dodge, "How much is the Team plan for 20 seats?", { behaviourModel: null });
    expect(cues).toContain("dodging");
    expect(slugs(dodge, "How much is the Team plan for 20 seats?", { behaviourModel: MODEL })).toEqual(cues);
  });

  it("raises only the surer of helpful and dodging when the cues found neither", () => {
    const both = (dodging: number) => modelOf({ "u:quibble": { helpful: 900 }, "u:zorblat": { dodging } });
    expect(withBehaviourOpinion("quibble zorblat", undefined, [], NO_LEANINGS, both(800)).map((d) => d.slug)).toEqual(["helpful"]);
    expect(withBehaviourOpinion("quibble zorblat", undefined, [], NO_LEANINGS, both(1000)).map((d) => d.slug)).toEqual(["dodging"]);
  });

  it("takes a cue's dodge away when it raises a redirect or a yes-man, as the cues rank them", () => {
    const dodge: Detection[] = [{ slug: "dodging", confidence: 0.7, reason: "Evades." }];
    const redirects = modelOf({ "u:zorblat": { redirecting: 900 } });
    expect(withBehaviourOpinion("zorblat", undefined, dodge, NO_LEANINGS, redirects).map((d) => d.slug)).toEqual(["redirecting"]);
    const verbose = modelOf({ "u:zorblat": { verbose: 900 } });
    expect(withBehaviourOpinion("zorblat", undefined, dodge, NO_LEANINGS, verbose).map((d) => d.slug)).toEqual(["dodging", "verbose"]);
  });

  it("raises an invented fact only where the cues saw something they could not ground", () => {
    const inventing = modelOf({ "u:zorblat": { hallucinating: 900 } });
    expect(withBehaviourOpinion("zorblat", undefined, [], NO_LEANINGS, inventing)).toEqual([]);
    expect(withBehaviourOpinion("zorblat", undefined, [], new Map([["hallucinating", 0.3]]), inventing).map((d) => d.slug)).toEqual(["hallucinating"]);
  });

  it("keeps the behaviours in their usual order and drops the switched-off ones after judging", () => {
    const cues: Detection[] = [{ slug: "verbose", confidence: 0.7, reason: "Long." }];
    expect(withBehaviourOpinion("quibble", undefined, cues, NO_LEANINGS, MODEL).map((d) => d.slug)).toEqual(["helpful", "verbose"]);
    expect(slugs("Well. The zorblat, as ever.", "How do I export my data?", { behaviourModel: MODEL, enabledBehaviours: ["helpful"] })).not.toContain("dodging");
  });

  it("leaves over-apologising to the cues: counting apologies is not a matter of words", () => {
    expect(OPINION_BEHAVIOURS).not.toContain("over_apologizing");
  });

  it("trains deterministically: the same rows give the same model", () => {
    const rows = [
      { question: "price?", reply: "It is 10 euros a month.", behaviours: ["helpful"] },
      { question: "price?", reply: "Great question! We value every customer.", behaviours: ["dodging"] },
    ];
    const a = trainBehaviourOpinion(rows);
    const b = trainBehaviourOpinion(rows);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toEqual(b.bias);
    expect(a.bias).toHaveLength(OPINION_BEHAVIOURS.length);
  });
});

describe("the shipped second opinion on replies", () => {
  it("adds no failing behaviour to ordinary answers the cues find helpful", () => {
    const ordinary: [string, string][] = [
      ["thanks!", "You're welcome!"],
      ["Can you resend my last invoice?", "Of course! I've resent it to the email on your account."],
      ["My invoice is missing", "Sorry about that! I've re-sent the invoice to your billing email just now."],
      ["The invoice says 20% VAT but I'm in Germany, shouldn't it be 19%?", "You're right, the German rate is 19%. I've corrected the invoice and sent you the updated copy."],
      ["How long is the free trial?", "14 days, no card required."],
      ["Do you ship to Norway?", "Yes, we ship to Norway; delivery takes 4 to 6 working days."],
    ];
    for (const [question, answer] of ordinary) expect(slugs(answer, question, {}), answer).toEqual(["helpful"]);
  });

  it("is read once per isolate", () => {
    expect(shippedBehaviourModel()).toBe(shippedBehaviourModel());
    expect(shippedBehaviourModel().bias).toHaveLength(OPINION_BEHAVIOURS.length);
  });
});
