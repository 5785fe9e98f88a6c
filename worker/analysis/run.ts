/**
 * Runs the configured analyzer for a message or a finished conversation. Workers AI when the
 * deployment asks for it (`ANALYZER = "workers-ai"`), with a bounded retry and then the embedded
 * analyzer as fallback, marked as such; the embedded analyzer alone otherwise (local runs, tests, CI).
 */
import { effectivePrompts, toAnalysisOptions, type AnalysisConfig } from "./config";
import { analyzeSync, embeddedAnalyzer } from "./embedded";
import { detectLanguage, languageDetectorLoaded, loadLanguageDetector, UNDETERMINED_LANGUAGE } from "./language";
import type { Resolution } from "./labels";
import { embeddedResolution } from "./resolution";
import type { AnalysisInput, MessageAnalysis, PreviousTurn } from "./types";
import { DEFAULT_AI_MODEL, WorkersAiAnalyzer, type AiRunner } from "./workers-ai";

export const TRANSLATION_MODEL = "@cf/meta/m2m100-1.2b";

export interface AnalyzerChoice {
  ai: AiRunner | null;
  model: string;
}

export interface AnalysisOutcome {
  analysis: MessageAnalysis;
  analyzer: string;
  analyzerVersion: string;
  /** Why the embedded analyzer stood in for Workers AI, when it did. */
  fallbackReason?: string;
  /**
   * The message's language (ISO 639-1 or "und"): for user messages always the detector's (see
   * `analyzeMessage`), for assistant messages the one Workers AI reported, when it ran.
   */
  language?: string;
  /** The message in the chatbot's primary language, when auto-translation produced one. */
  translation?: string;
}

export interface ResolutionOutcome {
  resolution: Resolution;
  reason: string;
  analyzer: string;
  analyzerVersion: string;
  fallbackReason?: string;
}

let aiForTests: AiRunner | null = null;

/** Tests stand a fake in for the (remote-only) AI binding; null restores the deployment's choice. */
export function setAiForTests(ai: AiRunner | null): void {
  aiForTests = ai;
}

export function analyzerChoice(env: Pick<Env, "ANALYZER" | "AI" | "AI_MODEL">): AnalyzerChoice {
  const model = env.AI_MODEL || DEFAULT_AI_MODEL;
  if (aiForTests) return { ai: aiForTests, model };
  if (env.ANALYZER === "workers-ai") return { ai: env.AI as unknown as AiRunner, model };
  return { ai: null, model };
}

const embedded = { analyzer: embeddedAnalyzer.name, analyzerVersion: embeddedAnalyzer.version };

function aiAnalyzer(choice: AnalyzerChoice & { ai: AiRunner }, config: AnalysisConfig): WorkersAiAnalyzer {
  const prompts = effectivePrompts(config);
  return new WorkersAiAnalyzer(choice.ai, {
    model: choice.model,
    prompts: { sentiment: prompts.sentiment.text, intent: prompts.intent.text, topics: prompts.topics.text, flags: prompts.flags.text },
    companyDescription: config.companyDescription,
  });
}

export async function analyzeMessage(choice: AnalyzerChoice, input: AnalysisInput, config: AnalysisConfig): Promise<AnalysisOutcome> {
  // Once per isolate (language.ts); after that no await here, so an annotation still leaves with its ack.
  if (!languageDetectorLoaded()) await loadLanguageDetector();
  const options = toAnalysisOptions(config);
  // Detected once here so both analyzers (and the fallback) read the same language.
  const detected = input.language ?? (input.role === "user" ? detectLanguage(input.content) : undefined);
  const withLanguage: AnalysisInput = detected === undefined ? input : { ...input, language: detected };
  const embeddedOutcome = (): AnalysisOutcome => ({ analysis: usedLanguage(analyzeSync(withLanguage, options), detected), ...embedded, ...(detected ? { language: detected } : {}) });
  if (!choice.ai) return embeddedOutcome();
  const analyzer = aiAnalyzer({ ...choice, ai: choice.ai }, config);
  let result: Awaited<ReturnType<WorkersAiAnalyzer["detectAndAnalyze"]>>;
  try {
    result = await analyzer.detectAndAnalyze(withLanguage, options);
  } catch (error) {
    return { ...embeddedOutcome(), fallbackReason: error instanceof Error ? error.message : String(error) };
  }
  // For user messages the detector wins over the model's guess: the stored language (and the
  // conversations filter built on it) must not change with the deployment's analyzer or when a model
  // hiccup falls back to the embedded one, and the model names a language even for "ok", where the
  // detector rightly says "und". An "und" message is not translated: there is no source language to
  // give the translator, and two words rarely need one. Assistant messages are not detected, so the
  // model's language still decides their translation, as before.
  const language = detected ?? result.language;
  const outcome: AnalysisOutcome = {
    analysis: usedLanguage(result.analysis, detected),
    analyzer: analyzer.name,
    analyzerVersion: analyzer.version,
    ...(language ? { language } : {}),
  };
  const target = config.primaryLanguage;
  if (config.autoTranslate && target && language && language !== UNDETERMINED_LANGUAGE && language !== target && input.role !== "system") {
    outcome.translation = await translate(choice.ai, input.content, language, target);
  }
  return outcome;
}

/** Records the language the analysis ran with, unless the analyzer said so itself. */
function usedLanguage(analysis: MessageAnalysis, language: string | undefined): MessageAnalysis {
  return language === undefined || analysis.language !== undefined ? analysis : { ...analysis, language };
}

/** Translation is a nicety: when it fails the original stands alone and analysis is unaffected. */
async function translate(ai: AiRunner, text: string, from: string, to: string): Promise<string | undefined> {
  try {
    const answer = (await ai.run(TRANSLATION_MODEL, { text, source_lang: from, target_lang: to })) as { translated_text?: unknown };
    return typeof answer?.translated_text === "string" && answer.translated_text.trim() ? answer.translated_text : undefined;
  } catch {
    return undefined;
  }
}

export async function resolveConversation(choice: AnalyzerChoice, turns: readonly PreviousTurn[], config: AnalysisConfig): Promise<ResolutionOutcome> {
  if (!languageDetectorLoaded()) await loadLanguageDetector();
  if (!choice.ai) return { ...embeddedResolution(turns), ...embedded };
  const analyzer = aiAnalyzer({ ...choice, ai: choice.ai }, config);
  try {
    return { ...(await analyzer.resolveConversation(turns)), analyzer: analyzer.name, analyzerVersion: analyzer.version };
  } catch (error) {
    return { ...embeddedResolution(turns), ...embedded, fallbackReason: error instanceof Error ? error.message : String(error) };
  }
}
