import type { UserFlag } from "../../labels";
import type { CueHit } from "../cues";
import { de } from "./de";
import { es } from "./es";
import { cueValence, findFlagCues, finishFlags, goodNewsValence } from "./flags";
import { fold, type Folded } from "./fold";
import { fr } from "./fr";
import { it } from "./it";
import { nl } from "./nl";
import { compilePack, type LanguagePack, type LanguageSource } from "./pack";
import { pt } from "./pt";
import { scoreForeign, tokenizeFolded } from "./sentiment";

/**
 * Sentiment and flag evidence for German, French, Spanish, Portuguese, Italian and Dutch user
 * messages, rule-based and deterministic like the English analyzer. The caller detects the language
 * and turns the evidence into detections exactly as for English (noisyOr ≥ 0.5).
 */

export interface ForeignAnalysis {
  /** score −1…1 (3 decimals); chunk = the sentence that drove it ("" if none); reason in English. */
  sentiment: { score: number; chunk: string; reason: string };
  /** Evidence per flag; offsets point into the text passed in. Flags without evidence are absent. */
  flags: Partial<Record<UserFlag, CueHit[]>>;
}

export const FOREIGN_LANGUAGES = ["de", "fr", "es", "pt", "it", "nl"] as const;
export type ForeignLanguage = (typeof FOREIGN_LANGUAGES)[number];

const SOURCES: Record<ForeignLanguage, LanguageSource> = { de, fr, es, pt, it, nl };

/** Compiled on first use per language, so an isolate that only sees English pays nothing. */
const PACKS = new Map<ForeignLanguage, LanguagePack>();

function isForeign(language: string): language is ForeignLanguage {
  return (FOREIGN_LANGUAGES as readonly string[]).includes(language);
}

function packFor(language: ForeignLanguage): LanguagePack {
  let p = PACKS.get(language);
  if (p === undefined) {
    p = compilePack(SOURCES[language]);
    PACKS.set(language, p);
  }
  return p;
}

/** ISO 639-3/-2B codes some detectors return ("deu", "fra"), and region tags ("pt-BR"), are accepted. */
const ALIASES: Readonly<Record<string, ForeignLanguage>> = {
  deu: "de", ger: "de", fra: "fr", fre: "fr", spa: "es", por: "pt", ita: "it", nld: "nl", dut: "nl",
};

/**
 * "Hola otra vez", "Bonjour encore une fois", "Ciao di nuovo": a greeting said again, not trouble that came back
 * (the packs read "again" as a failure that recurs). The "again" words right after a greeting, ending the clause,
 * are blanked in the folded text — spaces of the same length, so every offset still maps to the original — and
 * "Hola, otra vez no funciona" keeps them.
 */
const GREETING_AGAIN =
  /\b(hola|buenas|bonjour|rebonjour|salut|ola|oi|ciao|salve|hallo|hoi|hey|hi|hello)([ ,!]+)(otra vez|de nuevo|encore une fois|encore|de novo|outra vez|di nuovo|ancora|nochmal|wieder|opnieuw|weer)(?=\s*(?:[,.;:!?]|$))/g;

function withoutGreetingAgain(folded: Folded): Folded {
  const text = folded.text.replace(GREETING_AGAIN, (_m, greeting: string, gap: string, again: string) => greeting + gap + " ".repeat(again.length));
  return text === folded.text ? folded : { ...folded, text };
}

/** Undefined for languages this module does not handle (English included). */
export function analyzeForeign(text: string, language: string): ForeignAnalysis | undefined {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? "";
  const code = ALIASES[base] ?? base;
  if (!isForeign(code)) return undefined;
  const pack = packFor(code);
  const folded = withoutGreetingAgain(fold(text));
  const tokens = tokenizeFolded(folded.text);
  const cueHits = findFlagCues(text, folded, pack);
  const s = scoreForeign(text, folded, tokens, pack, [...cueValence(cueHits), ...goodNewsValence(folded)], (cueHits.frustrated_user?.length ?? 0) > 0);
  return {
    sentiment: { score: s.score, chunk: s.chunk, reason: s.reason },
    flags: finishFlags(text, folded, cueHits, s),
  };
}
