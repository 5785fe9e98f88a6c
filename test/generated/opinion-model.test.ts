/**
 * The embedded analyzer's second opinions (on user messages and on assistant replies) are trained from the labelled
 * sets of bench/eval/ (`npm run train:analyzer`) and committed: this fails when a labelled set, the features or the
 * training changed and a model was not trained again.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BEHAVIOUR_MODEL_FILE, behaviourModelSource, OPINION_MODEL_FILE, opinionModelSource } from "../../scripts/train-opinion";
import { firstDifference } from "./first-difference";

describe("generated second-opinion models", () => {
  it("worker/analysis/embedded/opinion-model.ts is what training on the labelled sets gives (else run `npm run train:analyzer`)", () => {
    const committed = readFileSync(new URL(`../../${OPINION_MODEL_FILE}`, import.meta.url), "utf8");
    expect(firstDifference(committed, opinionModelSource())).toBeNull();
  });

  it("worker/analysis/embedded/behaviour-opinion-model.ts is what training on the labelled replies gives (else run `npm run train:analyzer`)", () => {
    const committed = readFileSync(new URL(`../../${BEHAVIOUR_MODEL_FILE}`, import.meta.url), "utf8");
    expect(firstDifference(committed, behaviourModelSource())).toBeNull();
  });
});
