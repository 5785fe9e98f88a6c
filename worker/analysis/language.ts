// Language detection for user messages (SPEC §5: an ISO 639-1 code, or "und" when too short to tell).
//
// eld ("efficient language detector", byte n-grams) was chosen over tinyld and franc-min on hand-written
// support-chat messages: it was the only one that got every 2–4 word message in en/de/fr/es/pt/it/nl
// right while answering "und" for "ok", "thanks!" and "hallo", at ~20 µs a message. The `small` database
// is a module of the bundle (no fs, no runtime loading of data files), so it runs unchanged in workerd.
//
// It is imported on first use (loadLanguageDetector), not with this module: evaluating its n-gram tables was
// ~40 % of every isolate's startup (`wrangler check startup`: 290–440 ms with it, 150–180 ms without), and only
// the conversations' objects, which analyse messages, need it.
import type { eld as Eld } from "eld/small";
import { z } from "zod";

let detector: typeof Eld | undefined;
let loading: Promise<void> | undefined;

/** Loads the detector once per isolate; analysis awaits it before its first message (worker/analysis/run.ts). */
export function loadLanguageDetector(): Promise<void> {
  return (loading ??= import("eld/small").then((m) => {
    detector = m.eld;
  }));
}

/** Whether detectLanguage can run now (the hot path skips the await once it can). */
export const languageDetectorLoaded = (): boolean => detector !== undefined;

function loadedDetector(): typeof Eld {
  if (!detector) throw new Error("the language detector is not loaded yet: await loadLanguageDetector() first");
  return detector;
}

/** The languages the embedded analyzer has cues and sentiment for. */
export const SUPPORTED_ANALYSIS_LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "nl"] as const;
export type SupportedAnalysisLanguage = (typeof SUPPORTED_ANALYSIS_LANGUAGES)[number];

export const UNDETERMINED_LANGUAGE = "und";

/**
 * Every value `detectLanguage` can answer: the detector's ISO 639-1 codes (eld's `small` database; a unit test
 * checks the list against it, so a new eld cannot change it unseen) and "und". Written out so that validating
 * a filter does not load the detector.
 */
export const DETECTABLE_LANGUAGES: readonly string[] = [
  ...["am", "ar", "az", "be", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "gu", "he", "hi", "hr", "hu", "hy", "is"],
  ...["it", "ja", "ka", "kn", "ko", "ku", "lo", "lt", "lv", "ml", "mr", "ms", "nl", "no", "or", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv"],
  ...["ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "yo", "zh"],
  UNDETERMINED_LANGUAGE,
].sort();

/**
 * A language as filters take it: any case in, lower case out. Only values the detector can produce are
 * accepted, so a typo ("ge" for German) is a 400 naming the field rather than a silently empty table.
 */
export const languageCode = z
  .string()
  .regex(/^(?:[A-Za-z]{2}|[Uu][Nn][Dd])$/, "must be `und` or an ISO 639-1 code the language detector reports")
  .transform((code) => code.toLowerCase())
  .refine((code) => DETECTABLE_LANGUAGES.includes(code), "must be `und` or an ISO 639-1 code the language detector reports");

const supported: ReadonlySet<string> = new Set(SUPPORTED_ANALYSIS_LANGUAGES);

// Prose is not code, logs or addresses: those are written in English keywords whatever the user's
// language, so they would pull a German question with a pasted stack trace towards "en".
const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL = /\S+@\S+\.\S+/g;
const PATH_OR_IDENTIFIER = /\S*[/\\_<>{}[\]=|#$%^*~]\S*/g;
const DOTTED = /\b\w+(?:\.\w+){1,}\b/g;
const NUMBER = /\S*\d\S*/g;
/** Stack frames and exception headers read as English whatever the user writes. */
const STACK_LINE = /^\s*(?:at\s|File\s"|Traceback\b|Caused by\b|[\w.$]*(?:Error|Exception)\b[:\s])/;
/** Below this share of letters among its non-space characters a line is data (JSON, logs, tables). */
const MIN_LETTER_SHARE = 0.6;

/** Scripts written without spaces between words, where a word count says nothing about length. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const LETTER = /\p{L}/gu;
const HAS_LETTER = /\p{L}/u;
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;

/** Below this many letters there is too little text for any detector to be trusted. */
const MIN_LETTERS = 6;
/** Latin-script text shorter than this is accepted only in a supported language (see detectLanguage). */
const SHORT_WORDS = 4;
/** eld's own default threshold ratio for a reliable result, and the stricter one for two-word text. */
const DEFAULT_RELIABILITY = 0.75;
const STRICT_RELIABILITY = 1.0;
/** eld reads the first 1,000 characters; cleaning more than a little beyond that is wasted work. */
const MAX_INPUT = 4_000;

/** The prose of a message: code, URLs, emails, paths, identifiers and numbers removed. */
export function proseForDetection(text: string): string {
  const withoutBlocks = text.slice(0, MAX_INPUT).replace(FENCED_CODE, " ").replace(INLINE_CODE, " ");
  return withoutBlocks
    .split("\n")
    .filter(isProseLine)
    .join("\n")
    .replace(URL, " ")
    .replace(EMAIL, " ")
    .replace(PATH_OR_IDENTIFIER, " ")
    .replace(DOTTED, " ")
    .replace(NUMBER, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The language a message is written in: an ISO 639-1 code, or "und" when the text is too short or too
 * ambiguous to tell. Short text is biased towards "und": a wrong language on a two-word message would
 * send it to the wrong lexicon, which is worse than the language-neutral path.
 */
export function detectLanguage(text: string): string {
  const prose = proseForDetection(text);
  const letters = prose.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return UNDETERMINED_LANGUAGE;
  const unspaced = UNSPACED_SCRIPT.test(prose);
  const words = prose.split(" ").filter((word) => HAS_LETTER.test(word)).length;
  if (!unspaced && words < 2) return UNDETERMINED_LANGUAGE;

  // Two or three Latin-script words ("ok super", "top merci") easily look like some language's n-grams:
  // there only a language we analyse is trusted, and two words must clear a stricter margin (eld's
  // reliability ratio 1.0 instead of 0.75; "geht nicht", "no funciona" still pass). Other scripts
  // identify themselves.
  const shortLatin = !unspaced && words < SHORT_WORDS && !NON_LATIN_LETTER.test(prose);
  const result = loadedDetector().detect(prose);
  const reliability = shortLatin && words === 2 ? STRICT_RELIABILITY : DEFAULT_RELIABILITY;
  if (!result.language || !isReliable(result, reliability)) return UNDETERMINED_LANGUAGE;
  if (shortLatin && !supported.has(result.language)) return UNDETERMINED_LANGUAGE;
  return result.language;
}

function isProseLine(line: string): boolean {
  if (STACK_LINE.test(line)) return false;
  const visible = line.replace(/\s+/g, "");
  if (visible === "") return true;
  const letters = visible.match(LETTER)?.length ?? 0;
  return letters / visible.length >= MIN_LETTER_SHARE;
}

/**
 * eld's `isReliable` takes the threshold ratio (default 0.75) although its typings declare no parameter;
 * the version is pinned and the two-word tests in test/unit/language.test.ts fail if that changes.
 */
function isReliable(result: ReturnType<typeof Eld.detect>, ratio: number): boolean {
  return (result.isReliable as (thresholdRatio?: number) => boolean)(ratio);
}
