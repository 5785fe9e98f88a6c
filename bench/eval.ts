/**
 * Offline evaluation of the embedded analyzer: against two npm baselines on public labelled sets, and on
 * the team's hand-labelled support-chat set.
 *
 *   npm run eval            (npx tsx bench/eval.ts)
 *
 * Data: ../shared/eval/*.csv relative to the repo root (see that folder's README.md for sources,
 * licences and the sampling; OPENBAT_PUBLIC_EVAL_DIR overrides the folder) and bench/eval/support-*.csv
 * (bench/eval/README.md: columns, labelling guidelines, counts). Every model sees exactly the same rows.
 * Exit code 1 only when a data file is missing or malformed; scores never fail the run.
 *
 * Our analyzer is called as the pipeline calls it: detectLanguage once, its result passed as
 * `language` to analyzeSync (user messages); assistant replies with the user's question as `previous`.
 *
 * Report sections: public sets (ours, VADER, AFINN); support chat English (sentiment macro recall for all
 * three, per-flag and micro P/R/F1 for ours); multilingual (per language: sentiment macro recall, flag
 * micro-F1, language-detection accuracy); assistant behaviours (per behaviour and micro); timing; intents on
 * Banking77 (bench/eval/intents.ts).
 * Support-set figures are printed for dev and holdout rows separately (every 4th row is holdout, see
 * bench/eval/data.ts): tune on dev, check on holdout.
 * The second support set (bench/eval/support-*-2.csv, written independently after the rules had been tuned
 * on the first) is printed whole in its own "second set (independent)" column/row: never tune on it.
 * The blind sets (bench/eval/support-blind-3.csv to -7.csv, en + 6 languages, and support-assistant-blind.csv
 * and -blind-2.csv, each written by a writer who saw only the labelling guidelines; the fourth weighted to
 * indirect churn, quiet frustration and urgency told by its consequences) are split by row parity: their even
 * rows were read to find errors, their odd rows never were, so the odd rows are the check that a change
 * generalises.
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
import { intentReport } from "./eval/intents";
import { BEHAVIOURS, USER_FLAGS, sentimentLabel, sentimentPolarity } from "../worker/analysis/labels";
import { detectLanguage, loadLanguageDetector } from "../worker/analysis/language";
import type { OpinionModel } from "../worker/analysis/embedded/opinion-features";
import { trainBehaviourOpinion, trainOpinion } from "../worker/analysis/embedded/opinion-train";
import type { MessageAnalysis } from "../worker/analysis/types";
import type { AssistantRow, PublicRow, Split, UserRow } from "./eval/data";
import { ASSISTANT_SETS, type AssistantSet, behaviourTrainingRows, loadPublic, loadSupportAssistant, loadSupportUser, MEASURED_ONLY_USER_SETS, opinionTrainingRows, type ScoredUserSet, SPLITS, splitOf, splitRows, USER_SETS } from "./eval/data";
import type { Polarity, Prf, Timing } from "./eval/metrics";
import { f1Cell, macroRecall, medianPassMicros, multiLabel, timeEach } from "./eval/metrics";
import { requireCjs } from "./eval/node";
import { num, printTable } from "./eval/report";

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnResult {
  score: number;
  comparative: number;
}
type AfinnCtor = new () => { analyze(text: string): AfinnResult };

const vader = requireCjs("vader-sentiment") as VaderModule;
const Afinn = requireCjs("sentiment") as AfinnCtor;
const afinn = new Afinn();

/** The eight behaviours the support set labels ("other" is a catch-all nobody labels). */
const SCORED_BEHAVIOURS = BEHAVIOURS.filter((b) => b !== "other");

// The pipeline loads the language detector before its first analysis (worker/analysis/language.ts); so does this.
await loadLanguageDetector();

// Load everything first: a missing file stops the run before any figure is printed.
const tweetSent = loadPublic("tweeteval_sentiment.csv");
const tweetEmo = loadPublic("tweeteval_emotion.csv");
const goEmo = loadPublic("goemotions.csv");
const supportUser = loadSupportUser("support-user.csv");
const supportMulti = loadSupportUser("support-multilingual.csv");
const supportAssistant = loadSupportAssistant("support-assistant.csv");
// The second set was written independently after the rules had been tuned on the first (bench/eval/README.md):
// it is reported whole, beside the first set's dev and holdout, as a check that the rules generalise.
const supportUser2 = loadSupportUser("support-user-2.csv");
const supportMulti2 = loadSupportUser("support-multilingual-2.csv");
const supportAssistant2 = loadSupportAssistant("support-assistant-2.csv");
const SECOND = "second set (independent)" as const;
/** The blind user sets, in the order written, each with what its writer was asked for (bench/eval/README.md). */
const BLIND_USER_SETS = [
  ["support-blind-3.csv", "en 240 + 30 in each of 6 languages"],
  ["support-blind-4.csv", "en 180 + 30 in each of 6 languages; indirect churn, quiet frustration, urgency by consequence"],
  ["support-blind-5.csv", "en 240 + 30 in each of 6 languages, rows shuffled"],
  ["support-blind-6.csv", "en 150 + 25 in each of 6 languages, rows shuffled; situations told in the user's own words"],
  ["support-blind-7.csv", "en 160 + 23–24 in each of 6 languages; eleven kinds of business"],
  ["support-blind-8.csv", "en 168 + 22 in each of 6 languages; messy chat, indirect signals, sixteen kinds of business"],
  ["support-blind-9.csv", "en 144 + 16 in each of 6 languages; replies mid-conversation, twelve kinds of business"],
  ["support-blind-10.csv", "en 144 + 16 in each of 6 languages, shuffled; mostly ordinary traffic, flags without their keyword, look-alikes"],
  ["support-blind-11.csv", "en 120 + 20 in each of 6 languages, shuffled; business customers, longer messages"],
  ["support-blind-12.csv", "en 96 + 24 in each of 6 languages, shuffled; consumers typing on phones, local brands"],
  ["support-blind-13.csv", "en 144 + 16 in each of 6 languages, shuffled; mid-conversation, writers of every age and temper"],
  ["support-blind-14.csv", "en 150 + 15 in each of 6 languages; people in a hurry mid-task, replies to the bot, twelve kinds of business"],
  ["support-blind-15.csv", "en 150 + 15 in each of 6 languages; frustration and confusion in many registers, indirect churn and urgency"],
  ["support-blind-16.csv", "en 150 + 15 in each of 6 languages; a week of traffic at five companies, look-alikes mixed in"],
  ["support-blind-17.csv", "en 150 + 15 in each of 6 languages; subscriptions, marketplaces, public services; indirect and mixed feelings"],
  ["support-blind-18.csv", "en 150 + 15 in each of 6 languages; mid-conversation fragments, busy and non-native writers"],
  ["support-blind-19.csv", "en 150 + 15 in each of 6 languages; situations explained in two to five sentences, twelve kinds of business"],
  ["support-blind-20.csv", "en 150 + 15 in each of 6 languages; short phone-typed chat turns, slang and abbreviations"],
  ["support-blind-21.csv", "en 150 + 15 in each of 6 languages; sarcasm, irony, mixed feelings and polite anger"],
  ["support-blind-22.csv", "en 60 + 30 in each of 6 languages; native idioms, registers and regional variants"],
  ["support-blind-23.csv", "en 150 + 15 in each of 6 languages; pharmacies, public services, legal, charities, rentals, recruiting; long messages decided mid-way"],
  ["support-blind-24.csv", "en 150 + 15 in each of 6 languages; follow-ups and escalations in open cases, combined signals, calm requests"],
  ["support-blind-25.csv", "en 150 + 15 in each of 6 languages; small businesses and their software vendors, local competitors and integrations"],
  ["support-blind-26.csv", "40 in each of 6 languages, no English; chat slang, regional variants, local brands"],
  ["support-blind-27.csv", "en 150 + 15 in each of 6 languages; everyday consumer services, alarming words in plain questions"],
  ["support-blind-28.csv", "en 60 + 30 in each of 6 languages; two to eight sentences, the signal mid-way or implied, mixed feelings"],
  ["support-blind-29.csv", "en 150 + 15 in each of 6 languages; consumer subscriptions: trials, price rises, pausing, retention offers"],
  ["support-blind-30.csv", "40 in each of 6 languages, no English; formal letters, business customers and blunt chat lines"],
  ["support-blind-31.csv", "en 150 + 15 in each of 6 languages; B2B admins and developers: SSO, APIs, webhooks, seats, renewals"],
  ["support-blind-32.csv", "40 in each of 6 languages, no English; native chat, regional variants, long messages decided mid-way"],
  ["support-blind-33.csv", "en 150 + 15 in each of 6 languages; travel and retail: airlines, hotels, returns, stuck at a gate or a till"],
  ["support-blind-34.csv", "en 180 + 10 in each of 6 languages; three to nine sentences, the signal mid-way or implied, the bot quoted back"],
  ["support-blind-35.csv", "en 240; subscriptions, utilities, insurers, telcos; polite letters with the problem mid-way, sarcasm, calm leavers and angry stayers"],
  ["support-blind-36.csv", "40 in each of 6 languages, no English; banks, airlines, shops, gyms, operators; regional variants, slang, formal letters"],
  ["support-blind-37.csv", "en 240; clinics, courses, games, neobanks, delivery, rentals, letting, payroll, gyms; signals implied, mixed, negated, text-speak"],
  ["support-blind-38.csv", "40 in each of 6 languages, no English; the same businesses; formal and informal, regional variants, local competitors"],
  ["support-blind-39.csv", "en 240; merchants, sellers, agencies, developers and small businesses; English of India, Nigeria, the Philippines, Ireland, South Africa, Singapore"],
  ["support-blind-40.csv", "en 120 + 20 in each of 6 languages; public services, utilities, insurers, travel disruption, childcare, vets; urgency by circumstance"],
  ["support-blind-41.csv", "en 240; telecoms, travel, car leasing, insurance claims, ticketing, streaming, meal kits, home services, shop software, marketplaces; mid-chat replies, dictation, several signals at once"],
  ["support-blind-42.csv", "40 in each of 6 languages, no English; the same businesses, banks and rail; regional variants, chat abbreviations, English loanwords"],
  ["support-blind-43.csv", "en 240; banks, shops, SaaS, telecoms, delivery, fitness, travel; terse messages, learners' and code-mixed English, look-alike signals, the decision mid-message"],
  ["support-blind-44.csv", "en 120 + 20 in each of 6 languages; B2B and prosumer software: renewals, migrations, outages, billing disputes, security scares, compliance"],
  ["support-blind-45.csv", "en 240; games, dating, courses, GP and dentist booking, lettings, insurance, crypto, ride-hailing, gyms; phone-typed slang, learners' and code-switched English, look-alikes, situations"],
  ["support-blind-46.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses; phone-typed slang and abbreviations, look-alikes, situations"],
  ["support-blind-47.csv", "en 240; banks and money apps, energy, courses, games, rentals, gyms, dating, pet food and vets, car repair, cloud hosting, pharmacies; very short and very long, teenagers and the elderly, look-alikes"],
  ["support-blind-48.csv", "40 in each of 6 languages, no English; banking, energy, courses, games, rentals, gyms, delivery, telecoms, insurers; regional variants, pasted formal letters, look-alikes"],
  ["support-blind-49.csv", "en 240; payroll and HR, schools and tutoring, crypto and trading, ride-hailing, couriers, furniture, repairs and warranties, tax software, news, smart home, venues, coworking; written for someone else, the point in a PS, sarcasm, threats of reviews and chargebacks"],
  ["support-blind-50.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses, energy and transport passes; dictation, teenagers and formal letters, consumer authorities, irony, conditional signals"],
  ["support-blind-51.csv", "en 240; patient portals, home insurance, car rental, solar and heat pumps, cinema tickets, charities, web hosting, invoicing, photo printing, mattresses, language schools and visas, baby products; bursts, British understatement, marketing quoted back, urgency in the past"],
  ["support-blind-52.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses; bursts, formal letters, sarcasm and understatement, complaints framed as questions"],
  ["support-blind-53.csv", "en 240; loyalty programmes, hotels, sports clubs, music lessons, pet insurance, gardening, used cars, online pharmacies, print on demand, B2B SaaS, museums, student loans; the signal mid-paragraph, lists, replies to the bot, hypotheticals, signals denied"],
  ["support-blind-54.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses and supermarket delivery; long messages, lists, slang, polite anger, hypotheticals, signals denied"],
  ["support-blind-55.csv", "en 240; mobile games, VPNs and password managers, dating apps, fitness wearables, meal kits, EV charging and parking, neobanks and money transfer, ticket resale, freelance and tutoring marketplaces, photo storage, driving schools, florists and weddings; English of non-native writers, dictation, pasted threads, privacy requests, calm goodbyes"],
  ["support-blind-56.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses; regional variants, English words mixed in, dictation, formal letters next to chat shorthand, a compliment and a threat together"],
  ["support-blind-57.csv", "en 240; water and broadband, airline baggage, car insurance claims, removals and storage, nurseries and childcare apps, online courses, legal documents, letting agents, job platforms, gyms, vet clinics, second-hand fashion; all-lowercase, earlier turns referred to, sarcasm with emoji, children and elderly people, the bot quoted back, signals as questions"],
  ["support-blind-58.csv", "40 in each of 6 languages, no English, each written afresh; the same businesses; no accents or punctuation, earlier turns referred to, the bot quoted back, competitors named only as where something was bought, formal and informal"],
  ["support-blind-59.csv", "en 240; brands named in every role: payment means, the user's own bank, network or device, carriers, game platforms, log-ins, integrations, places, shops a purchase came through, employers (120 rows, no competitor) beside 80 rivals named and 40 rows without a name"],
  ["support-blind-60.csv", "40 in each of 6 languages, no English; the same roles of named brands, local ones among them (Bizum, iDEAL, MB Way, Satispay, PostNL, Correos, N26, Bol.com, Vinted); regional variants, English words mixed in"],
  ["support-blind-61.csv", "en 240, never trained on; praise words that are not praise: sarcasm and irony about a failure (100 rows: mock thanks, applause emoji, scare quotes, understatement, rhetorical questions, the company's slogan quoted back) beside sincere praise that looks like it (80) and plain messages (60)"],
  ["support-blind-62.csv", "40 in each of 6 languages, no English, never trained on; the same: each language's sarcasm and irony (17 a language), sincere praise that looks like it (13), plain messages (10); regional variants"],
] as const;
const BLIND_ASSISTANT_SETS = ["support-assistant-blind.csv", "support-assistant-blind-2.csv", "support-assistant-blind-3.csv", "support-assistant-blind-4.csv", "support-assistant-blind-5.csv", "support-assistant-blind-6.csv", "support-assistant-blind-7.csv", "support-assistant-multilingual.csv", "support-assistant-blind-8.csv", "support-assistant-multilingual-2.csv", "support-assistant-blind-9.csv", "support-assistant-multilingual-3.csv", "support-assistant-blind-10.csv", "support-assistant-multilingual-4.csv", "support-assistant-blind-11.csv", "support-assistant-multilingual-5.csv", "support-assistant-blind-12.csv", "support-assistant-multilingual-6.csv", "support-assistant-blind-13.csv", "support-assistant-multilingual-7.csv", "support-assistant-blind-14.csv", "support-assistant-blind-15.csv", "support-assistant-multilingual-8.csv", "support-assistant-blind-16.csv", "support-assistant-multilingual-9.csv", "support-assistant-blind-17.csv", "support-assistant-blind-18.csv", "support-assistant-multilingual-10.csv", "support-assistant-blind-19.csv", "support-assistant-multilingual-11.csv", "support-assistant-blind-20.csv", "support-assistant-multilingual-12.csv", "support-assistant-blind-21.csv", "support-assistant-multilingual-13.csv"] as const;
const blindUsers = BLIND_USER_SETS.map(([file, about]) => ({ file, about, rows: loadSupportUser(file) }));
/** The assistant sets whose even rows only were read for errors (the earlier ones were read whole). */
const NEVER_READ_ODD_ROWS: ReadonlySet<AssistantSet> = new Set(["support-assistant-blind-4.csv", "support-assistant-blind-5.csv", "support-assistant-blind-6.csv", "support-assistant-blind-7.csv", "support-assistant-multilingual.csv", "support-assistant-blind-8.csv", "support-assistant-multilingual-2.csv", "support-assistant-blind-9.csv", "support-assistant-multilingual-3.csv", "support-assistant-blind-10.csv", "support-assistant-multilingual-4.csv", "support-assistant-blind-11.csv", "support-assistant-multilingual-5.csv", "support-assistant-blind-12.csv", "support-assistant-multilingual-6.csv", "support-assistant-blind-13.csv", "support-assistant-multilingual-7.csv", "support-assistant-blind-14.csv", "support-assistant-blind-15.csv", "support-assistant-multilingual-8.csv", "support-assistant-blind-16.csv", "support-assistant-multilingual-9.csv", "support-assistant-blind-17.csv", "support-assistant-blind-18.csv", "support-assistant-multilingual-10.csv", "support-assistant-blind-19.csv", "support-assistant-multilingual-11.csv", "support-assistant-blind-20.csv", "support-assistant-multilingual-12.csv", "support-assistant-blind-21.csv", "support-assistant-multilingual-13.csv"]);
const blindAssistants = BLIND_ASSISTANT_SETS.map((file) => ({ file, rows: loadSupportAssistant(file) }));

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

function polarityOf(a: MessageAnalysis): Polarity {
  return sentimentPolarity(sentimentLabel(a.sentiment?.score ?? 0));
}

function oursView(a: MessageAnalysis): ModelView {
  return {
    polarity: polarityOf(a),
    frustrated: a.flags.some((f) => f.slug === "frustrated_user"),
    confused: a.flags.some((f) => f.slug === "confused_user"),
  };
}

/** A user message as the pipeline analyses it: language detected once and handed to the analyzer. */
function runOurs(text: string): MessageAnalysis {
  return analyzeSync({ role: "user", content: text, language: detectLanguage(text) });
}

/** A reply as the pipeline analyses it, with the shipped second opinion on behaviours unless told another (or none). */
function runOursAssistant(row: AssistantRow, behaviourModel?: OpinionModel | null): MessageAnalysis {
  return analyzeSync({ role: "assistant", content: row.reply, previous: [{ role: "user", content: row.question }] }, { behaviourModel });
}

function vaderPolarity(text: string): Polarity {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return c >= 0.05 ? "positive" : c <= -0.05 ? "negative" : "neutral";
}

function afinnPolarity(text: string): Polarity {
  const s = afinn.analyze(text).score;
  return s > 0 ? "positive" : s < 0 ? "negative" : "neutral";
}

function baselineView(polarity: Polarity): ModelView {
  return { polarity, frustrated: polarity === "negative", confused: undefined };
}

const MODELS = ["ours", "VADER", "AFINN"] as const;
type ModelName = (typeof MODELS)[number];

function views(rows: readonly PublicRow[]): Record<ModelName, ModelView[]> {
  return {
    ours: rows.map((r) => oursView(runOurs(r.text))),
    VADER: rows.map((r) => baselineView(vaderPolarity(r.text))),
    AFINN: rows.map((r) => baselineView(afinnPolarity(r.text))),
  };
}

// --- public sets -----------------------------------------------------------------------------

const fmt = (x: number): string => x.toFixed(3);
const publicTable: string[][] = [];

{
  const gold = tweetSent.map((r) => r.labels[0] as Polarity);
  const v = views(tweetSent);
  publicTable.push([`TweetEval sentiment (n=${tweetSent.length})`, "macro recall", ...MODELS.map((m) => fmt(macroRecall(gold, v[m].map((x) => x.polarity))))]);
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
  publicTable.push([
    `GoEmotions sentiment groups (n=${kept.length} of ${goEmo.length})`,
    "macro recall",
    ...MODELS.map((m) => fmt(macroRecall(gold, kept.map((i) => goViews[m][i]?.polarity ?? "neutral")))),
  ]);
}
{
  const gold = goEmo.map((r) => r.labels.includes("anger") || r.labels.includes("annoyance"));
  const npos = gold.filter(Boolean).length;
  publicTable.push([`GoEmotions anger|annoyance → frustrated (pos=${npos})`, "F1", ...MODELS.map((m) => f1Cell(gold, goViews[m].map((x) => x.frustrated)))]);
}
{
  const gold = goEmo.map((r) => r.labels.includes("confusion"));
  const npos = gold.filter(Boolean).length;
  publicTable.push([`GoEmotions confusion → confused (pos=${npos})`, "F1", ...MODELS.map((m) => f1Cell(gold, goViews[m].map((x) => x.confused)))]);
}
{
  const gold = tweetEmo.map((r) => r.labels[0] === "anger");
  const v = views(tweetEmo);
  const npos = gold.filter(Boolean).length;
  publicTable.push([`TweetEval emotion anger → frustrated (n=${tweetEmo.length}, pos=${npos})`, "F1", ...MODELS.map((m) => f1Cell(gold, v[m].map((x) => x.frustrated)))]);
}

const publicTexts = [...tweetSent, ...tweetEmo, ...goEmo].map((r) => r.text);
const publicTiming = [medianPassMicros(publicTexts, runOurs), medianPassMicros(publicTexts, vaderPolarity), medianPassMicros(publicTexts, afinnPolarity)];
publicTable.push([`time per message (n=${publicTexts.length}, median of 5 passes)`, "µs", ...publicTiming.map((t) => t.toFixed(1))]);

console.log(`Rows loaded: tweeteval_sentiment=${tweetSent.length}, tweeteval_emotion=${tweetEmo.length}, goemotions=${goEmo.length}, support-user=${supportUser.length}, support-multilingual=${supportMulti.length}, support-assistant=${supportAssistant.length}, ` +
    `support-user-2=${supportUser2.length}, support-multilingual-2=${supportMulti2.length}, support-assistant-2=${supportAssistant2.length}, ` +
    [...blindUsers, ...blindAssistants].map((b) => `${b.file.replace(".csv", "")}=${b.rows.length}`).join(", "));
printTable("Public sets", ["data set", "metric", ...MODELS], publicTable);
console.log(
  [
    "Mapping: ours uses SPEC §5 bands (±0.2) and its frustrated_user / confused_user flags;",
    "VADER compound ±0.05; AFINN score sign. Baseline \"frustrated\" = their negative class (closest analogue);",
    "they have no confusion concept (n/a). GoEmotions sentiment keeps single-group rows, excluding ambiguous and mixed ones.",
    "Our timing covers language detection and the full user-message analysis (sentiment + all flags); the baselines compute sentiment only.",
  ].join("\n"),
);

// --- support sets: shared helpers --------------------------------------------------------------

interface Scored<T> {
  row: T;
  /** From the row's position in its file, so a language's rows keep the split they have in the file. */
  split: Split;
  predicted: string[];
  polarity: Polarity;
  language: string;
}

const modelsWithout = new Map<ScoredUserSet, OpinionModel>();

/** The learned second opinion trained on every labelled user set but `file` (~1 s each, once). */
function opinionWithout(file: ScoredUserSet): OpinionModel {
  let model = modelsWithout.get(file);
  if (model === undefined) modelsWithout.set(file, (model = trainOpinion(opinionTrainingRows(file))));
  return model;
}

const behaviourModelsWithout = new Map<AssistantSet, OpinionModel>();

/** The learned second opinion on replies trained on every labelled assistant set but `file` (well under a second, once). */
function behaviourOpinionWithout(file: AssistantSet): OpinionModel {
  let model = behaviourModelsWithout.get(file);
  if (model === undefined) behaviourModelsWithout.set(file, (model = trainBehaviourOpinion(behaviourTrainingRows(file))));
  return model;
}

/** A set's replies' behaviours as the pipeline finds them, with a second opinion trained without this set ("unseen"), or none. */
function behavioursOf(rows: readonly AssistantRow[], file: AssistantSet, opinion: "unseen" | "off" = "unseen"): LabelSet {
  const model = opinion === "off" ? null : behaviourOpinionWithout(file);
  return { gold: rows.map((r) => r.behaviours), pred: rows.map((r) => runOursAssistant(r, model).behaviours.map((b) => b.slug)) };
}

/**
 * A set's rows analysed as the pipeline does, except that the second opinion is one trained without this set
 * (the shipped model has learned from every set: its figures here would be on rows it was trained on), or none.
 */
function scoreUsers(rows: readonly UserRow[], file: ScoredUserSet, opinion: "unseen" | "off" = "unseen"): Scored<UserRow>[] {
  const key = `${opinion}:${file}`;
  const known = scoredSets.get(key);
  if (known !== undefined) return known;
  const opinionModel = opinion === "off" ? null : opinionWithout(file);
  const scored = rows.map((row, i) => {
    const language = detectLanguage(row.text);
    const a = analyzeSync({ role: "user", content: row.text, language }, { opinionModel });
    return { row, split: splitOf(i), predicted: a.flags.map((f) => f.slug), polarity: polarityOf(a), language };
  });
  scoredSets.set(key, scored);
  return scored;
}

/** Each set is scored once per kind of second opinion: its own tables and the second opinion's table share it. */
const scoredSets = new Map<string, Scored<UserRow>[]>();

function bySplit<T>(items: readonly Scored<T>[]): Record<Split, Scored<T>[]> {
  return { dev: items.filter((s) => s.split === "dev"), holdout: items.filter((s) => s.split === "holdout") };
}

/** "0.850 (P 0.90 R 0.80)"; "–" parts where undefined (no gold positives or no predictions). */
function prfCell(s: Prf | undefined): string {
  if (s === undefined) return "–";
  return `${num(s.f1)} (P ${num(s.precision, 2)} R ${num(s.recall, 2)})`;
}

interface LabelSet {
  gold: readonly (readonly string[])[];
  pred: readonly (readonly string[])[];
}

/**
 * Per-label rows with dev, holdout and all columns of the first set and a last column for the whole second
 * set, then the micro row, then the exact-set counts.
 */
function labelTable(title: string, labels: readonly string[], { gold, pred }: LabelSet, second: LabelSet): void {
  const idx = splitRows(gold.map((_, i) => i));
  const scores = {
    dev: multiLabel(idx.dev.map((i) => gold[i] ?? []), idx.dev.map((i) => pred[i] ?? []), labels),
    holdout: multiLabel(idx.holdout.map((i) => gold[i] ?? []), idx.holdout.map((i) => pred[i] ?? []), labels),
    all: multiLabel(gold, pred, labels),
    second: multiLabel(second.gold, second.pred, labels),
  };
  const rows = labels.map((l) => [
    l,
    `${scores.dev.perLabel[l]?.support ?? 0}/${scores.holdout.perLabel[l]?.support ?? 0}`,
    prfCell(scores.dev.perLabel[l]),
    prfCell(scores.holdout.perLabel[l]),
    prfCell(scores.all.perLabel[l]),
    `${prfCell(scores.second.perLabel[l])} n=${scores.second.perLabel[l]?.support ?? 0}`,
  ]);
  rows.push(["micro", `${scores.dev.micro.support}/${scores.holdout.micro.support}`, prfCell(scores.dev.micro), prfCell(scores.holdout.micro), prfCell(scores.all.micro), `${prfCell(scores.second.micro)} n=${scores.second.micro.support}`]);
  rows.push([
    "rows with the exact label set",
    `${scores.dev.rows}/${scores.holdout.rows}`,
    `${scores.dev.exact}/${scores.dev.rows}`,
    `${scores.holdout.exact}/${scores.holdout.rows}`,
    `${scores.all.exact}/${scores.all.rows}`,
    `${scores.second.exact}/${scores.second.rows}`,
  ]);
  printTable(title, ["label", "gold dev/holdout", "dev F1 (P R)", "holdout F1 (P R)", "all F1 (P R)", `${SECOND} F1 (P R), gold n`], rows);
}

function exactShare(items: readonly Scored<UserRow>[], filter: (r: UserRow) => boolean): string {
  const subset = items.filter((s) => filter(s.row));
  const right = subset.filter((s) => {
    const p = s.predicted.filter((l) => (USER_FLAGS as readonly string[]).includes(l));
    return p.length === s.row.flags.length && s.row.flags.every((f) => p.includes(f));
  }).length;
  return `${right}/${subset.length}`;
}

// --- (a) support chat, English -------------------------------------------------------------------

const scoredEn = scoreUsers(supportUser, "support-user.csv");
const scoredEn2 = scoreUsers(supportUser2, "support-user-2.csv");
{
  const splits = bySplit(scoredEn);
  const rows = [...SPLITS, "all" as const, SECOND].map((split) => {
    const items = split === "all" ? scoredEn : split === SECOND ? scoredEn2 : splits[split];
    const gold = items.map((s) => s.row.sentiment);
    return [
      split,
      String(items.length),
      fmt(macroRecall(gold, items.map((s) => s.polarity))),
      fmt(macroRecall(gold, items.map((s) => vaderPolarity(s.row.text)))),
      fmt(macroRecall(gold, items.map((s) => afinnPolarity(s.row.text)))),
    ];
  });
  printTable("Support chat, English (bench/eval/support-user.csv; second set support-user-2.csv): sentiment macro recall (neg/neu/pos)", ["split", "rows", "ours", "VADER", "AFINN"], rows);
  labelTable(
    "Support chat, English: user flags (ours)",
    USER_FLAGS,
    { gold: scoredEn.map((s) => s.row.flags), pred: scoredEn.map((s) => s.predicted) },
    { gold: scoredEn2.map((s) => s.row.flags), pred: scoredEn2.map((s) => s.predicted) },
  );
  console.log(
    `Exact flag set on rows with two or three flags: ${exactShare(scoredEn, (r) => r.flags.length >= 2)}; ` +
      `on long rows (over 8,000 characters): ${exactShare(scoredEn, (r) => r.text.length > 8000)}; ` +
      `on rows with no flag: ${exactShare(scoredEn, (r) => r.flags.length === 0)}.`,
  );
  console.log(
    `${SECOND}: exact flag set on rows with two or three flags: ${exactShare(scoredEn2, (r) => r.flags.length >= 2)}; ` +
      `on rows with no flag: ${exactShare(scoredEn2, (r) => r.flags.length === 0)}.`,
  );
}

// --- (b) multilingual ----------------------------------------------------------------------------

const scoredMulti = scoreUsers(supportMulti, "support-multilingual.csv");
const scoredMulti2 = scoreUsers(supportMulti2, "support-multilingual-2.csv");
{
  const languages = [...new Set([...supportMulti, ...supportMulti2].map((r) => r.language))];
  // Each group: its rows in the first set, then in the second set.
  const groups: [string, Scored<UserRow>[], Scored<UserRow>[]][] = [
    ["en (support-user)", scoredEn, scoredEn2],
    ...languages.map((l): [string, Scored<UserRow>[], Scored<UserRow>[]] => [l, scoredMulti.filter((s) => s.row.language === l), scoredMulti2.filter((s) => s.row.language === l)]),
    [`all ${languages.length} (support-multilingual)`, scoredMulti, scoredMulti2],
  ];
  const cells = (items: readonly Scored<UserRow>[]): string[] => {
    const micro = multiLabel(items.map((s) => s.row.flags), items.map((s) => s.predicted), USER_FLAGS).micro;
    return [num(macroRecall(items.map((s) => s.row.sentiment), items.map((s) => s.polarity))), num(micro.f1)];
  };
  const detected = (items: readonly Scored<UserRow>[]): string => {
    const correct = items.filter((s) => s.language === s.row.language).length;
    const und = items.filter((s) => s.language === "und").length;
    return `${num(correct / items.length)} (und ${und}, other ${items.length - correct - und})`;
  };
  const rows = groups.map(([name, items, second]) => {
    const splits = bySplit(items);
    const [devSent, devFlags] = cells(splits.dev);
    const [holdSent, holdFlags] = cells(splits.holdout);
    const [secondSent, secondFlags] = cells(second);
    return [name, `${splits.dev.length}/${splits.holdout.length}/${second.length}`, devSent ?? "", holdSent ?? "", secondSent ?? "", devFlags ?? "", holdFlags ?? "", secondFlags ?? "", detected(items), detected(second)];
  });
  printTable(
    `Support chat by language (bench/eval/support-multilingual.csv, en from support-user.csv; "second" = ${SECOND}, the -2 files): ours; MR = macro recall`,
    [
      "language",
      "rows dev/holdout/second",
      "sentiment MR dev",
      "sentiment MR holdout",
      "sentiment MR second",
      "flags micro-F1 dev",
      "flags micro-F1 holdout",
      "flags micro-F1 second",
      "language detected (first set)",
      "language detected (second)",
    ],
    rows,
  );
}

// --- (b2) the blind sets ---------------------------------------------------------------------------

/** Even rows were read to find kinds of errors, odd rows never: the odd rows are the check that a change generalises. */
const byParity = <T,>(items: readonly T[]): { even: T[]; odd: T[] } => ({
  even: items.filter((_, i) => i % 2 === 0),
  odd: items.filter((_, i) => i % 2 === 1),
});

for (const { file, rows: set, about } of blindUsers) {
  const scored = scoreUsers(set, file);
  const { even, odd } = byParity(scored);
  const halves: [string, Scored<UserRow>[]][] = [
    ["even rows (read for errors)", even],
    ["odd rows (never read)", odd],
    ["odd rows, en", odd.filter((s) => s.row.language === "en")],
    ["odd rows, 6 other languages", odd.filter((s) => s.row.language !== "en")],
    ["all", scored],
  ];
  const rows = halves.map(([name, items]) => {
    const flags = multiLabel(items.map((s) => s.row.flags), items.map((s) => s.predicted), USER_FLAGS);
    return [
      name,
      String(items.length),
      num(macroRecall(items.map((s) => s.row.sentiment), items.map((s) => s.polarity))),
      prfCell(flags.micro),
      ...USER_FLAGS.map((f) => prfCell(flags.perLabel[f])),
    ];
  });
  printTable(
    `Support chat, blind set (bench/eval/${file}, ${about}): ours`,
    ["rows", "n", "sentiment MR", "flags micro F1 (P R)", ...USER_FLAGS.map((f) => `${f} F1 (P R)`)],
    rows,
  );
}

// --- (b3) the learned second opinion ----------------------------------------------------------------

{
  const micro = (items: readonly Scored<UserRow>[]) => multiLabel(items.map((s) => s.row.flags), items.map((s) => s.predicted), USER_FLAGS).micro;
  const together = { off: [] as Scored<UserRow>[], unseen: [] as Scored<UserRow>[] };
  const rows = [...USER_SETS, ...MEASURED_ONLY_USER_SETS].map((file) => {
    const set = loadSupportUser(file);
    const off = scoreUsers(set, file, "off");
    const unseen = scoreUsers(set, file, "unseen");
    together.off.push(...off);
    together.unseen.push(...unseen);
    return [file, String(set.length), prfCell(micro(off)), prfCell(micro(unseen))];
  });
  rows.push(["all sets", String(together.off.length), prfCell(micro(together.off)), prfCell(micro(together.unseen))]);
  printTable(
    "The learned second opinion (worker/analysis/embedded/opinion.ts): user flags micro F1 (P R), each set scored by a model trained on every other set",
    ["set", "rows", "cues alone", "cues + second opinion"],
    rows,
  );
}

// --- (c) assistant behaviours ----------------------------------------------------------------------

{
  labelTable(
    "Assistant replies (bench/eval/support-assistant.csv; second set support-assistant-2.csv): behaviours (ours)",
    SCORED_BEHAVIOURS,
    behavioursOf(supportAssistant, "support-assistant.csv"),
    behavioursOf(supportAssistant2, "support-assistant-2.csv"),
  );

  for (const { file, rows } of blindAssistants) {
    const blind = behavioursOf(rows, file);
    const rowsOf = byParity(blind.gold.map((_, i) => i));
    const score = (idx: readonly number[]) => multiLabel(idx.map((i) => blind.gold[i] ?? []), idx.map((i) => blind.pred[i] ?? []), SCORED_BEHAVIOURS);
    const even = score(rowsOf.even);
    const odd = score(rowsOf.odd);
    const all = multiLabel(blind.gold, blind.pred, SCORED_BEHAVIOURS);
    const table = SCORED_BEHAVIOURS.map((b) => [
      b,
      `${even.perLabel[b]?.support ?? 0}/${odd.perLabel[b]?.support ?? 0}`,
      prfCell(even.perLabel[b]),
      prfCell(odd.perLabel[b]),
      prfCell(all.perLabel[b]),
    ]);
    table.push(["micro", `${even.micro.support}/${odd.micro.support}`, prfCell(even.micro), prfCell(odd.micro), prfCell(all.micro)]);
    table.push(["rows with the exact label set", `${even.rows}/${odd.rows}`, `${even.exact}/${even.rows}`, `${odd.exact}/${odd.rows}`, `${all.exact}/${all.rows}`]);
    printTable(
      `Assistant replies, blind set (bench/eval/${file}): behaviours (ours)`,
      ["label", "gold even/odd", "even rows (read for errors) F1 (P R)", "odd rows (never read) F1 (P R)", "all F1 (P R)"],
      table,
    );
  }
}

// --- (c2) the learned second opinion on replies ----------------------------------------------------

{
  const micro = (s: LabelSet, idx: readonly number[]) => prfCell(multiLabel(idx.map((i) => s.gold[i] ?? []), idx.map((i) => s.pred[i] ?? []), SCORED_BEHAVIOURS).micro);
  const rows = ASSISTANT_SETS.map((file) => {
    const set = loadSupportAssistant(file);
    const off = behavioursOf(set, file, "off");
    const unseen = behavioursOf(set, file, "unseen");
    // Sets whose even rows were read for errors are scored on their odd rows too: rows nobody tuned a cue on.
    const odd = NEVER_READ_ODD_ROWS.has(file) ? byParity(set.map((_, i) => i)).odd : undefined;
    const all = set.map((_, i) => i);
    return [file, String(set.length), micro(off, all), micro(unseen, all), odd === undefined ? "–" : micro(off, odd), odd === undefined ? "–" : micro(unseen, odd)];
  });
  printTable(
    "The learned second opinion on replies (worker/analysis/embedded/behaviour-opinion.ts): behaviour micro F1 (P R), each set scored by a model trained on every other set",
    ["set", "rows", "cues alone", "cues + second opinion", "odd rows (never read), cues alone", "odd rows, cues + second opinion"],
    rows,
  );
}

// --- (d) timing -----------------------------------------------------------------------------------

{
  const cell = (t: Timing): string => `${t.medianMicros.toFixed(1)} / ${t.meanMicros.toFixed(1)}`;
  const userRow = (name: string, texts: readonly string[], baselines: boolean): string[] => [
    name,
    String(texts.length),
    cell(timeEach(texts, detectLanguage)),
    cell(timeEach(texts, runOurs)),
    baselines ? cell(timeEach(texts, vaderPolarity)) : "n/a",
    baselines ? cell(timeEach(texts, afinnPolarity)) : "n/a",
  ];
  const supportTexts = [...supportUser, ...supportMulti].map((r) => r.text);
  const rows = [
    userRow("public sets", publicTexts, true),
    userRow("support-user (en)", supportUser.map((r) => r.text), true),
    userRow("support-multilingual", supportMulti.map((r) => r.text), false),
    userRow("support user messages, both files", supportTexts, false),
    userRow(`${SECOND}, user messages (en + 6 languages)`, [...supportUser2, ...supportMulti2].map((r) => r.text), false),
    ["support-assistant (analysis only)", String(supportAssistant.length), "n/a", cell(timeEach(supportAssistant.map((_, i) => String(i)), (i) => runOursAssistant(supportAssistant[Number(i)] as AssistantRow))), "n/a", "n/a"],
  ];
  printTable(
    "Time per message, µs: median / mean over messages (each message timed alone, its median of 5 passes)",
    ["set", "messages", "language detection", "ours: detection + analysis", "VADER", "AFINN"],
    rows,
  );
}

// --- (e) intents ----------------------------------------------------------------------------------

intentReport(loadPublic("banking77.csv"));
