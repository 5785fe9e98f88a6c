/**
 * Trains the embedded analyzer's two second opinions on every labelled set of bench/eval/ and writes them: the one on
 * user messages (worker/analysis/embedded/opinion.ts) to opinion-model.ts, the one on assistant replies
 * (behaviour-opinion.ts) to behaviour-opinion-model.ts. `npm run eval` does not score a set with these models: it
 * trains ones without that set (bench/eval/data.ts, opinionTrainingRows and behaviourTrainingRows), so its figures
 * stay figures on text the models never saw.
 * Run: `npm run train:analyzer` (a few seconds); test/generated/opinion-model.test.ts fails while a committed
 * model differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ASSISTANT_SETS, behaviourTrainingRows, opinionTrainingRows, USER_SETS } from "../bench/eval/data";
import { modelModule, trainBehaviourOpinion, trainOpinion } from "../worker/analysis/embedded/opinion-train";

export const OPINION_MODEL_FILE = "worker/analysis/embedded/opinion-model.ts";
export const BEHAVIOUR_MODEL_FILE = "worker/analysis/embedded/behaviour-opinion-model.ts";

export function opinionModelSource(): string {
  const rows = opinionTrainingRows();
  return modelModule(trainOpinion(rows), `the ${USER_SETS.length} labelled user sets of bench/eval/ (${rows.length} messages)`);
}

export function behaviourModelSource(): string {
  const rows = behaviourTrainingRows();
  return modelModule(trainBehaviourOpinion(rows), `the ${ASSISTANT_SETS.length} labelled assistant sets of bench/eval/ (${rows.length} replies)`, "BEHAVIOUR_OPINION", "behaviour (OPINION_BEHAVIOURS order)");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const [file, source] of [
    [OPINION_MODEL_FILE, opinionModelSource()],
    [BEHAVIOUR_MODEL_FILE, behaviourModelSource()],
  ] as const) {
    writeFileSync(new URL(`../${file}`, import.meta.url), source);
    console.log(`Wrote ${file} (${(source.length / 1024).toFixed(0)} KB).`);
  }
}
