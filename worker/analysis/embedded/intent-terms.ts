import { stem } from "./custom";
import { wordValence } from "./lexicon";
import { STOPWORDS } from "./stopwords";

/**
 * Words for intents and topics: a tokeniser that folds case and accents, the words that carry no
 * meaning of their own in the seven languages the embedded analyzer covers, and the term key two
 * spellings of one word share. Used per message (built-in cues, candidate names, discovered topics)
 * and per suggestion listing (clusters), so both sides agree on what a word is.
 */

/** Intent and topic cues look at the start of a message only; the first few hundred words say what it wants. */
export const MAX_INTENT_TOKENS = 300;

/** Lower-case, accents folded ("résilier" → "resilier", "Kündigung" → "kundigung"), `ß` → `ss`. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most messages are ASCII: skip the Unicode normalisation for them.
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.normalize("NFD").replace(/\p{M}+/gu, "").replace(/ß/g, "ss").replace(/[’‘]/g, "'");
}

/**
 * Letter/digit runs of the folded text. Apostrophes split ("doesn't" → "doesn", "t";
 * "l'abonnement" → "l", "abonnement"), so cue phrases are written the same way.
 */
export function tokens(text: string, max = MAX_INTENT_TOKENS): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  const folded = fold(text);
  for (let m = re.exec(folded); m !== null && out.length < max; m = re.exec(folded)) out.push(m[0]);
  return out;
}

/** Function words of de/fr/es/pt/it/nl (English comes from the shared list), accents folded. */
const FOREIGN_STOPWORDS = `
  aber alle allem allen aller alles als also am an ander andere auch auf aus bei bin bis bist bitte da dann
  das dass dein deine dem den der des dich die dies diese diesem diesen dieser dir doch dort du durch ein eine
  einem einen einer es euch euer fur gibt habe haben hat hatte hier ich ihr ihre im in ist ja jetzt kann kannst
  kein keine konnen konnte mal man mein meine meinem meinen meiner mich mir mit muss nach nicht noch nur ob oder
  sein seine sich sie sind so uber um und uns unser unsere von vor war warum was weil welche wenn wer werden wie
  wieder wir wird wo zu zum zur gerne hallo danke moglich mochte brauche bekomme geht machen
  au aux avec ce ces cet cette dans de des du elle en est et etre eux il ils je la le les leur lui ma mais me
  meme mes moi mon ne nos notre nous on ou par pas peut pour qu que qui sa se ses son sur ta te tes toi ton tu
  un une vos votre vous y ai as avez avons comment est-ce faire fait merci bonjour salut oui non tres plus
  veux voudrais peux pouvez besoin aide
  al algo como con cual cuando del el ella ellos en era es esa ese eso esta este esto estoy hay la las le les lo
  los me mi mis muy nada ni no nos nuestro o para pero por porque que quien se si sin sobre su sus te tengo ti
  tu tus un una uno unos usted y ya hola gracias puedo puede quiero necesito hacer ayuda favor
  ao aos as com da das de do dos e ela ele eles em entre essa esse isso esta este eu foi ha isso ja lhe mais mas
  me meu minha muito na nao nas no nos num numa o os ou para pela pelo por quando que se sem seu sua tem tenho
  um uma voce voces ola obrigado obrigada posso pode quero preciso fazer ajuda
  ad agli ai al alla alle allo anche che chi ci come con cosa da dal dalla dei del della delle di dove e gli ha
  ho il in io la le lei lo loro lui ma mi mia mie miei mio ne nei nel nella noi non o per perche piu questa
  questo qui se si sono su sua sue suo suoi te ti tu tua tue tuo tuoi un una uno vi voi ciao grazie posso
  puoi voglio vorrei devo fare aiuto
  aan al alle als ben bij dan dat de deze die dit doen door een en er geen had heb hebben heeft het hier hij
  hoe hun ik in is ja je jij jullie kan kunnen maar me meer met mij mijn moet na naar niet nog nu of om onder
  ons onze ook op over te tot u uw van veel voor waar wat we wel wie wij wil willen zal ze zich zijn zo zou
  hallo hoi bedankt dank graag kunt wilt`;

/**
 * Words that are never what a message is about: help/request verbs, time words, fillers and the
 * generic nouns every support chat has ("problem", "question", "app").
 */
const GENERIC = `
  help need needs want wanted know knows knew think thought see seen look looking looks go going goes went come
  coming came take took give gave find found tried try trying work works working worked happen happened able
  sure okay ok yeah yep nope hey hi hello thanks thank thx please pls plz guys team sir madam
  problem problems issue issues question questions thing things stuff something anything everything nothing
  lot lots bit little today yesterday tomorrow now time times day days week weeks month months year years
  morning evening again already ever never always sometimes soon right left also actually honestly basically
  literally definitely probably maybe perhaps still just even really very quite pretty way ways app
  new old first last next other another same different good bad great best better worse worst
  hour hours minute minutes second seconds moment
  don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn hadn
  forgot forget forgotten got get getting make made use tell told keep kept put twice once able unable
  gut schlecht toll schon prima bien mal bueno buena malo mala bom boa ruim otimo buono buona male goed slecht
  seria sera serait sarebbe zou ware cuanto cuesta quanto custa costa kost kostet hoeveel combien coute
  klopt stimmt marche funciona funziona werkt funktioniert
  guten morgen abend bonjour bonsoir salut coucou hola buenos buenas dias noches ciao buongiorno buonasera salve
  goedemorgen goedemiddag goedenavond hoi danke dankeschon vielen merci beaucoup gracias muchas obrigado obrigada
  muito grazie mille bedankt dankjewel cheers
  mean means meant meaning understand explain sense lost confused idea clue follow sure seriously frankly absolutely
  kidding huh hmm lol wtf omg quick single whole three four five six ten twenty glad excited sorry
  vamos tudo todo quoi echt sommes passe llevo hab grad finde denn suis peu sirve haciendo attendez dois moment muss
  bin ganz wirklich langsam schon wieder immer encore toujours vraiment muy siempre otra otro sempre ainda ancora
  nog altijd weer wel gerade bisschen warte seit stunde heure hora ora uur long much many`;

const EXCLUDED = new Set([...STOPWORDS, ...`${FOREIGN_STOPWORDS} ${GENERIC}`.split(/\s+/).filter(Boolean)].map(fold));

/** A word that can name what a message is about: not a function or generic word, not a feeling, not a number. */
export function isContentToken(t: string): boolean {
  if (t.length < 3 || EXCLUDED.has(t) || /^\d/.test(t)) return false;
  // Feelings ("annoying", "love") say how, not what.
  return wordValence(t) === 0;
}

/**
 * The key two spellings of one word share: the shared crude stem, then a final vowel dropped so
 * Romance singular and plural meet ("fattura"/"fatture" → "fattur").
 */
export function termKey(token: string): string {
  const s = stem(token);
  return s.length > 4 && /[aeio]$/.test(s) ? s.slice(0, -1) : s;
}

/** Action verbs: when a message names one, the intent is "verb the object" (`reset_password`). */
export const ACTION_VERBS = new Set(
  `reset change update export import delete remove add connect disconnect integrate sync download upload install
  uninstall transfer share invite cancel book schedule reschedule track order return renew upgrade downgrade merge
  migrate print send resend receive set setup configure enable disable activate deactivate verify recover restore
  edit create open close move link unlink convert translate rename archive unarchive embed customize customise
  block unblock pause resume refund replace redeem apply submit assign unsubscribe subscribe register
  login logout signup sign log switch exporteren importeren exportieren importieren loschen andern hinzufugen
  exporter importer supprimer modifier ajouter exportar importar eliminar borrar cambiar anadir agregar
  esportare importare eliminare cambiare aggiungere verwijderen wijzigen toevoegen`
    .split(/\s+/)
    .filter(Boolean),
);

/** Each action verb's key to its base form, so "exporting invoices" is named `export_invoices`. */
const ACTION_BASE = new Map([...ACTION_VERBS].map((v) => [termKey(v), v]));
const ACTION_KEYS = new Set(ACTION_BASE.keys());

/** An action verb in any inflection the crude stem joins ("added", "exporting"). */
export const isActionVerb = (token: string): boolean => ACTION_KEYS.has(termKey(token));

/** A content word of a message with where it stands. */
export interface Term {
  key: string;
  surface: string;
  at: number;
}

/** Content words of a message in order, each key once (the first occurrence). */
export function contentTerms(toks: readonly string[], max = 12): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < toks.length && out.length < max; i++) {
    const t = toks[i] ?? "";
    if (!isContentToken(t)) continue;
    const key = termKey(t);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, surface: t, at: i });
  }
  return out;
}

/** snake_case from words, ASCII only, at most 48 characters: a valid intent or topic slug, or "" if none can be made. */
export function slugOf(words: readonly string[]): string {
  const slug = words
    .map((w) => fold(w).replace(/[^a-z0-9]+/g, ""))
    .filter(Boolean)
    .join("_")
    .slice(0, 48)
    .replace(/_+$/, "");
  return /^[a-z][a-z0-9_]{1,47}$/.test(slug) ? slug : "";
}

/**
 * The name of a message that fits no intent: its action verb and that verb's object when it has
 * one ("How do I export invoices to PDF?" → `export_invoices`), else its first two content words.
 */
export function candidateName(terms: readonly Term[]): string {
  const verb = terms.find((t) => ACTION_KEYS.has(t.key));
  if (verb !== undefined) {
    const object = terms.find((t) => t.at > verb.at && !ACTION_KEYS.has(t.key));
    if (object !== undefined) return slugOf([ACTION_BASE.get(verb.key) ?? verb.surface, object.surface]);
  }
  return slugOf(terms.slice(0, 2).map((t) => t.surface));
}
