/**
 * Detected languages (README "Conversations": `language`): ISO 639-1 codes, or `und` when a message is
 * too short to tell. The analysed ones come first in the filter, as in worker/analysis/language.ts.
 */
export const ANALYSED_LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "nl"] as const;

/** Everything else the detector can report (worker/analysis/language.ts, DETECTABLE_LANGUAGES). */
const OTHER_DETECTED_LANGUAGES = [
  "am", "ar", "az", "be", "bg", "bn", "ca", "cs", "da", "el", "et", "eu", "fa", "fi", "gu", "he", "hi", "hr", "hu", "hy", "is",
  "ja", "ka", "kn", "ko", "ku", "lo", "lt", "lv", "ml", "mr", "ms", "no", "or", "pa", "pl", "ro", "ru", "sk", "sl", "sq", "sr",
  "sv", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "yo", "zh",
] as const;

export const UNDETERMINED = "und";

let names: Intl.DisplayNames | null | undefined;

/** "German" for `de`, "Undetermined" for `und`; the code itself when the browser has no name for it. */
export function languageName(code: string): string {
  if (code === UNDETERMINED) return "Undetermined";
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(["en"], { type: "language" });
    } catch {
      names = null;
    }
  }
  return names?.of(code) ?? code;
}

const option = (code: string) => ({ value: code, label: `${languageName(code)} (${code})` });

/** Options for a language filter, grouped: analysed languages, then undetermined, then the others by name. */
export const LANGUAGE_FILTER_OPTIONS = [
  { group: "Analysed", items: ANALYSED_LANGUAGES.map(option) },
  { group: "Too short to tell", items: [option(UNDETERMINED)] },
  { group: "Other detected", items: OTHER_DETECTED_LANGUAGES.map(option).sort((a, b) => a.label.localeCompare(b.label)) },
];
