import type { OpinionModel } from "./embedded/opinion-features";
import type { MessageRole, SentimentLabel, Severity } from "./labels";

export interface PreviousTurn {
  role: MessageRole;
  content: string;
}

export interface AnalysisInput {
  role: MessageRole;
  content: string;
  /**
   * A few earlier turns, oldest first. Analyzers may use them for context, e.g. judging an
   * assistant reply against the user's question; they are never analysed themselves.
   */
  previous?: readonly PreviousTurn[];
  /**
   * The message's detected language (ISO 639-1 or "und", see `detectLanguage`), computed once by the
   * caller so every analyzer reads the same value; analyzers detect it themselves when absent.
   */
  language?: string;
}

export interface SentimentResult {
  /** −1…1, rounded to 3 decimals so stored values are stable across runtimes. */
  score: number;
  label: SentimentLabel;
  /** The span of the original text that drove the score ("" when nothing did). */
  chunk: string;
  /** One line, shown next to the badge in the dashboard. */
  reason: string;
}

export interface Detection {
  slug: string;
  /** 0…1 */
  confidence: number;
  reason: string;
  chunk?: string;
  severity?: Severity;
  /** Intent only: no configured intent reached the acceptance threshold; a person must approve this suggestion. */
  pending?: boolean;
  /** Topics only: not from the chatbot's topic list but discovered from the text. */
  autoDiscovered?: boolean;
  /** The slug comes from a custom definition rather than the built-in vocabulary. */
  custom?: boolean;
}

export interface MessageAnalysis {
  sentiment?: SentimentResult;
  flags: Detection[];
  behaviours: Detection[];
  intent?: Detection;
  topics: Detection[];
  /** The language the analysis used (ISO 639-1 or "und"); absent when the analyzer did not consider it. */
  language?: string;
}

/** A chatbot-specific intent, topic, flag or behaviour as configured in the dashboard. */
export interface CustomDefinition {
  slug: string;
  name: string;
  description: string;
}

/**
 * Per-chatbot analysis configuration. Every field is optional so callers only state what
 * differs from the defaults: sentiment on, all built-in flags and behaviours on, intent and
 * topics off (topics are opt-in per SPEC §5; intent needs an intent list to be useful).
 */
export interface AnalysisOptions {
  sentiment?: boolean;
  intent?: boolean;
  topics?: boolean;
  /** Built-in user flags to run; omitted = all of them, [] = none. */
  enabledFlags?: readonly string[];
  /** Built-in behaviours to run; omitted = all of them, [] = none. */
  enabledBehaviours?: readonly string[];
  intents?: readonly CustomDefinition[];
  topicList?: readonly CustomDefinition[];
  customFlags?: readonly CustomDefinition[];
  customBehaviours?: readonly CustomDefinition[];
  /** Extra competitor names for `competitor_mention`, on top of the built-in generic cues. */
  competitors?: readonly string[];
  /** The company's own brand and product names: never a `competitor_mention`, in any case. */
  ownNames?: readonly string[];
  /**
   * Embedded analyzer only: the learned second opinion on user flags (embedded/opinion.ts). Omitted = the
   * shipped model; null = the cues alone. The eval passes a model trained without the set it scores.
   */
  opinionModel?: OpinionModel | null;
  /**
   * Embedded analyzer only: the learned second opinion on assistant behaviours (embedded/behaviour-opinion.ts).
   * Omitted = the shipped model; null = the cues alone. The eval passes a model trained without the set it scores.
   */
  behaviourModel?: OpinionModel | null;
}

export interface Analyzer {
  readonly name: string;
  readonly version: string;
  analyzeMessage(input: AnalysisInput, config?: AnalysisOptions): Promise<MessageAnalysis>;
}
