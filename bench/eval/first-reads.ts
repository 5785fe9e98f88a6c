/**
 * How much the learned second opinion adds on a writer nobody had read: the analyzer as it was before a blind
 * set was written (a `git archive` of that commit, with node_modules linked in), its cues alone and with the
 * second opinion of this checkout trained only on the sets written before it, scored on every row of that set.
 * The figures are in bench/eval/README.md ("The learned second opinion").
 *
 *   git archive <commit> | tar -x -C /tmp/then && ln -s "$PWD/node_modules" /tmp/then/node_modules
 *   npx tsx bench/eval/first-reads.ts /tmp/then support-blind-9.csv
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { USER_FLAGS } from "../../worker/analysis/labels";
import { withSecondOpinion } from "../../worker/analysis/embedded/opinion";
import { proseOfMessage } from "../../worker/analysis/embedded/prose";
import { trainOpinion } from "../../worker/analysis/embedded/opinion-train";
import type { MessageAnalysis } from "../../worker/analysis/types";
import { loadSupportUser, trainingRowsOf, USER_SETS, type UserSet } from "./data";
import { multiLabel } from "./metrics";
import { argv, exit } from "node:process";

const [tree, target] = argv.slice(2) as [string | undefined, UserSet | undefined];
if (tree === undefined || target === undefined || !USER_SETS.includes(target)) {
  console.error(`usage: first-reads.ts <old checkout> <one of ${USER_SETS.join(", ")}>`);
  exit(1);
}

if (!existsSync(`${tree}/worker/analysis/embedded/index.ts`)) {
  console.error(`${tree} is not an OpenBat checkout (no worker/analysis/embedded/index.ts); make one with git archive as above.`);
  exit(1);
}

type Analyze = (input: { role: "user"; content: string; language: string }) => MessageAnalysis;
const then = (path: string) => import(pathToFileURL(`${tree}/worker/analysis/${path}`).href);
const { analyzeSync } = (await then("embedded/index.ts")) as { analyzeSync: Analyze };
const { detectLanguage, loadLanguageDetector } = (await then("language.ts")) as { detectLanguage: (t: string) => string; loadLanguageDetector: () => Promise<void> };
await loadLanguageDetector();

const before = USER_SETS.slice(0, USER_SETS.indexOf(target));
const training = trainingRowsOf(before);
const model = trainOpinion(training);
const rows = loadSupportUser(target);
const cues: string[][] = [];
const heard: string[][] = [];
for (const row of rows) {
  // The old analyzer may already consult a second opinion of its own; its cues are what it raised then.
  const flags = analyzeSync({ role: "user", content: row.text, language: detectLanguage(row.text) }).flags.filter((f) => !f.reason.startsWith("Worded like"));
  cues.push(flags.map((f) => f.slug));
  heard.push(withSecondOpinion(proseOfMessage(row.text), flags, model).map((f) => f.slug));
}
const gold = rows.map((r) => r.flags);
const cell = (pred: string[][]) => {
  const { micro } = multiLabel(gold, pred, USER_FLAGS);
  return `${micro.f1.toFixed(3)} (P ${micro.precision.toFixed(2)} R ${micro.recall.toFixed(2)})`;
};
console.log(`${target} (${rows.length} rows), trained on ${before.length} earlier sets (${training.length} messages)`);
console.log(`  cues alone:            flag micro-F1 ${cell(cues)}`);
console.log(`  cues + second opinion: flag micro-F1 ${cell(heard)}`);
