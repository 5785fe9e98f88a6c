import type { UserFlag } from "../../labels";
import type { CueHit } from "../cues";
import { de } from "./de";
import { es } from "./es";
import { cueValence, findFlagCues, finishFlags, goodNewsValence, type FlagHits } from "./flags";
import { fold, type Folded } from "./fold";
import { fr } from "./fr";
import { it } from "./it";
import { nl } from "./nl";
import { compilePack, type LanguagePack, type LanguageSource } from "./pack";
import { pt } from "./pt";
import { scoreForeign, tokenizeFolded, type ExtraValence } from "./sentiment";

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

/**
 * "Consegui entrar de novo", "Ya puedo entrar de nuevo", "Funziona di nuovo": something that works again is
 * good news, not a failure that came back. A verb of working or managing, not negated, then the "again" words
 * within five words that join no second clause: the "again" is blanked like a greeting's, and the span is good
 * news. "No puedo entrar otra vez", "non funziona di nuovo" and "consegui pagar e o app travou de novo" keep
 * their "again".
 */
const WORKS_AGAIN =
  /(?<!\b(?:no|nao|non|nunca|mai|jamas|nem|ni|ne|n)\s+(?:(?:me|te|se|nos|lo|la|le|mi|ti|ci|vi|si|y)\s+)?)\b(funciona|funcionan|funcionou|funcionam|anda|andan|consegui|conseguimos|consigo|logre|logramos|puedo|podemos|pude|pudimos|posso|possiamo|riesco|riusciamo|riuscito|riuscita|riusciti|funziona|funzionano|carga|carrega|carregou|carica|entro|entrou|abre|abriu|apre|marche|fonctionne|remarche)\b((?:\s+(?!(?:mas|pero|ma|mais|aber|maar|e|y|et|und|en|ou|oder|of|no|nao|non|ne|nicht|niet)\b)\p{L}+){0,5}?)(\s+)(otra vez|de nuevo|nuevamente|de novo|outra vez|novamente|di nuovo|nuovamente|a nouveau|de nouveau)\b(?!\s+(?:no|nao|non|pas|plus)\b)/gu;

/** The folded text with the "again" of a greeting or of something working again blanked, and the latter as good news. */
function withoutAgainThatIsNotTrouble(folded: Folded): { folded: Folded; worksAgain: ExtraValence[] } {
  const worksAgain: ExtraValence[] = [];
  const text = folded.text
    .replace(GREETING_AGAIN, (_m, greeting: string, gap: string, again: string) => greeting + gap + " ".repeat(again.length))
    .replace(WORKS_AGAIN, (m: string, verb: string, between: string, gap: string, again: string, offset: number) => {
      worksAgain.push({ start: offset, end: offset + m.length, valence: 2, note: "works again", dampen: false });
      return verb + between + gap + " ".repeat(again.length);
    });
  return { folded: text === folded.text ? folded : { ...folded, text }, worksAgain };
}

/** Asking to talk to someone, in the packs' "wants a human" cue (its other parts are insults to the bot). */
const TALK = /\b(?:sprechen|reden|verbunden|verbinden|chatten|telefonieren|hablar|chatear|comunicarme|comunicarnos|parler|discuter|echanger|parlare|chattare|comunicare|spreken|praten|bellen|falar|conversar)\b/;
/** A request put politely: asked as "may I / can I", or with "please", in the message's language (folded). */
const POLITE_ASK =
  /\b(?:kann ich|konnte ich|darf ich|bitte|puedo|podria|por favor|puis-je|pourrais-je|je peux|est-ce que je peux|s'il vous plait|s'il te plait|svp|posso|potrei|per favore|per piacere|mag ik|kan ik|zou ik|graag|alstublieft|aub|poderia|pode|podem)\b/;

/**
 * A person asked for politely ("Kann ich bitte mit einem Mitarbeiter sprechen?", "¿Puedo hablar con una persona, por
 * favor?") is urgent and not frustration, as in English (2.16.4, flag-cues.ts "asks for a person"): the packs read
 * every request for a person as frustration, which also made the message strongly negative. Demanded, or beside any
 * other sign of frustration, it stays one.
 */
function askedPolitely(hits: FlagHits, folded: string): FlagHits {
  const talks = (h: CueHit) => TALK.test(folded.slice(h.start, h.end));
  const frustrated = hits.frustrated_user ?? [];
  const asks = frustrated.filter((h) => h.why === "wants a human" && talks(h));
  // A pack that read the request as waiting for a human ("Mag ik een medewerker spreken?") reads it as asking too.
  const waiting = (h: CueHit) => h.why === "complains about waiting for a human" && talks(h);
  const urgent = hits.urgent_request ?? [];
  // The cue hits first, the message's wording only for a request for a person: this runs on every message.
  if (asks.length !== frustrated.length || (asks.length === 0 && !urgent.some(waiting)) || !POLITE_ASK.test(folded) || WAITED.test(folded)) return hits;
  const asking = (h: CueHit) => ({ ...h, why: "asks for a person" });
  return { ...hits, frustrated_user: [], urgent_request: [...urgent.map((h) => (waiting(h) ? asking(h) : h)), ...asks.map(asking)] };
}

/** Having waited ("warte seit", "j'attends", "espero desde", "ik wacht al"): then asking for a person is a complaint too. */
const WAITED = /\b(?:wart\p{L}*|attend\p{L}*|esper\p{L}*|aspett\p{L}*|wacht\p{L}*|gewacht|seit|depuis|desde|da (?:ore|giorni)|al (?:uren|dagen))\b/u;

/** Marking or filing something, for "… as urgent" naming a label. */
const MARKING = /\b(?:markier\p{L}*|kennzeichn\p{L}*|markeer\p{L}*|markeren|marquer|marque\p{L}*|marc(?:o|a|ar|ado|ados)|segna\p{L}*|contrassegn\p{L}*|etiquet\p{L}*|etichett\p{L}*|classific\p{L}*|tagg\p{L}*|flagg\p{L}*)\b/u;

/**
 * "Wie kann ich Tickets als dringend markieren?": an urgency word after "as" in a message about marking things names
 * a label, not a request (the English rule, README "Flags"). The packs' "says it is urgent" cue read it as urgency.
 */
function urgentAsALabel(hits: FlagHits, folded: string): FlagHits {
  const urgent = hits.urgent_request ?? [];
  if (urgent.length === 0 || !MARKING.test(folded)) return hits;
  const kept = urgent.filter((h) => h.why !== "says it is urgent" || !/\b(?:als|comme|como|come)\s+$/.test(folded.slice(Math.max(0, h.start - 8), h.start)));
  return kept.length === urgent.length ? hits : { ...hits, urgent_request: kept };
}

/** Undefined for languages this module does not handle (English included). */
export function analyzeForeign(text: string, language: string): ForeignAnalysis | undefined {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? "";
  const code = ALIASES[base] ?? base;
  if (!isForeign(code)) return undefined;
  const pack = packFor(code);
  const { folded, worksAgain } = withoutAgainThatIsNotTrouble(fold(text));
  const tokens = tokenizeFolded(folded.text);
  const cueHits = urgentAsALabel(askedPolitely(findFlagCues(text, folded, pack), folded.text), folded.text);
  const extra = [...cueValence(cueHits), ...goodNewsValence(folded), ...worksAgain];
  // Frustration, or losing the customer, leaves no room for praise: "Bedankt voor de fijne samenwerking" closing
  // a goodbye is politeness (as in English, aim.ts).
  const complaint = (cueHits.frustrated_user?.length ?? 0) > 0 || (cueHits.churn_risk ?? []).some((h) => h.weight >= 0.5);
  const s = scoreForeign(text, folded, tokens, pack, extra, complaint);
  return {
    sentiment: { score: s.score, chunk: s.chunk, reason: s.reason },
    flags: finishFlags(text, folded, cueHits, s),
  };
}
