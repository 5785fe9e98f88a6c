/**
 * Trains the embedded analyzer's second opinion (worker/analysis/embedded/opinion.ts) on every labelled user
 * message of bench/eval/ and writes worker/analysis/embedded/opinion-model.ts. `npm run eval` does not score a
 * set with this model: it trains one without that set (bench/eval/data.ts, opinionTrainingRows), so its figures
 * stay figures on text the model never saw.
 * Run: `npm run train:analyzer` (a few seconds); test/generated/opinion-model.test.ts fails while the committed
 * model differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { opinionTrainingRows, USER_SETS } from "../bench/eval/data";
import { modelModule, trainOpinion } from "../worker/analysis/embedded/opinion-train";

export const OPINION_MODEL_FILE = "worker/analysis/embedded/opinion-model.ts";

export function opinionModelSource(): string {
  const rows = opinionTrainingRows();
  return modelModule(trainOpinion(rows), `the ${USER_SETS.length} labelled user sets of bench/eval/ (${rows.length} messages)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const source = opinionModelSource();
  writeFileSync(new URL(`../${OPINION_MODEL_FILE}`, import.meta.url), source);
  console.log(`Wrote ${OPINION_MODEL_FILE} (${(source.length / 1024).toFixed(0)} KB).`);
}
