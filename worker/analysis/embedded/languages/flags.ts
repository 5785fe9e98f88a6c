import type { UserFlag } from "../../labels";
import { type CueHit, type CuePattern, cue, findCues, sameSentence } from "../cues";
import { type Folded, originalOffset } from "./fold";
import { NAME, type FlagCue, type LanguagePack } from "./pack";
import { withoutPauseWhenStaying } from "../staying";
import type { ExtraValence, ForeignSentiment } from "./sentiment";

/**
 * Flag evidence for one message: each language's phrase cues, cancelled by that language's
 * negation, plus the language-independent signals the English detector also uses (strong outward
 * negativity, capitals and "!!" as amplifiers, "???" as confusion).
 */

const OUTWARD_NEGATIVE_MILD = -0.35;
/** Reported failures alone read as frustration only when piled up this high. */
const OUTWARD_NEGATIVE_STRONG_TROUBLE = -0.8;
/** Negation is looked for this far back, within the clause. */
const NEGATION_LOOKBACK = 60;

const SAYS_URGENT = "says it is urgent";
const HAS_DEADLINE = "has a deadline";
/** A deadline cue's words that are a span of time ("in 20 minuti", "en 24 horas", "em duas horas"), not a date. */
const TIME_SPAN = /^(?:in|en|em|dans|binnen)\s/i;
/** A word for "nothing" or "without" right before an urgency word, in the folded text of any of the six languages. */
const NOTHING_BEFORE = /(?<![\p{L}])(?:rien|niente|nulla|nessun[ao]?|nada|ningun[ao]?|nenhum[a]?|nichts|niets|sin|sem|senza)(?:\s+(?:de|di|d|da))?[\s']*$/u;
/** The packs' why for "still not" ("toujours pas", "nog steeds niet"): trouble again, exasperation only with company. */
const STILL_NOT_FIXED = "says it is still not fixed";
/** The "why" of cues whose evidence also carries sentiment (kept in step with the language files). */
export const COMPARES = "compares with a named competitor";
/** The packs' why for a comparison we win ("viel einfacher als bei der Sparkasse"): praise of us, not a complaint. */
const WE_WIN = "compares us favourably with a named competitor";
export const WANTS_TO_BUY = "wants to buy";

/** Punctuation cues that mean the same in every language. */
const SHARED_CONFUSION: readonly CuePattern[] = [
  cue(0.55, "piles up question marks", "\\?\\s*\\?\\s*\\?"),
  cue(0.45, "doubles the question mark", "\\?\\s*\\?"),
  cue(0.4, "hesitates", "🤔|¿\\s*\\?"),
  cue(0.45, "shrugs", "🤷"),
  // "Cos'è questa voce 'utenti eccedenti'?", "c'est quoi cette ligne", "was ist dieser Posten": a line of a bill or a term asked about.
  cue(0.6, "asks what a term means", "(cos e|che cos e|cosa e|c est quoi|qu est ce que c est|que es|o que e|was ist|was sind|wat is|wat zijn) (questa|questo|sta|sto|cette|ce|este|esta|esse|essa|dieser|diese|dieses|deze|dit) (voce|termine|sigla|addebito|ligne|terme|prelevement|frais|cargo|concepto|termino|cobranca|termo|posten|begriff|betrag|regel|term|post|kosten)"),
  cue(0.7, "says they are confused", "(?<![\\p{L}])(q|k) (significa|quiere decir)(?![\\p{L}])|(?<![\\p{L}])(nao|nn|n) entendi( nada)?(?![\\p{L}])|(?<![\\p{L}])(o que e|que es|qu est ce que|was ist|wat is|cos e|che cos e) [\"“«]"),
  cue(0.6, "asks which of two", "(qual|cual|quale|lequel|laquelle|welche[rs]?|welk|welke) (dos|de los|de las|das|dei|delle|degli|des|von|van)( de| den)? (dois|duas|dos|due|deux|beiden|twee)"),
];

/** A small count, in digits or words, and a span of days, weeks or months (folded). */
const COUNT = "(\\d+|deux|trois|quatre|cinq|dos|tres|cuatro|cinco|duas|quatro|due|tre|quattro|cinque|zwei|drei|vier|funf|twee|drie|vijf|plusieurs|varios|varias|vari|varie|mehrere|meerdere)";
const SPAN = "(semaines|mois|jours|semanas|meses|dias|settimane|mesi|giorni|wochen|monaten?|tagen?|weken|maanden|dagen)";

/**
 * Cues written once for the six languages (folded: lower case, no accents, apostrophes as spaces). Their words do
 * not collide across these languages, so each message is simply searched for all of them.
 */
const SHARED_FRUSTRATION: readonly CuePattern[] = [
  cue(0.6, "swears", "(?<![\\p{L}])(wtf|ke palle|che palle|che schifo|ke schifo)(?![\\p{L}])"),
  // "Ya es costumbre con ustedes", "Já é tradição": the failure called a habit.
  cue(0.6, "calls the failure a habit", "ya es (costumbre|tradicion|lo normal) con (ustedes|vosotros)|ya es (costumbre|tradicion)(?=\\s*[.!?,]|\\s*$)|ja e (tradicao|costume|rotina)|ja virou (rotina|costume|tradicao)|ormai e (una )?(tradizione|abitudine)|c est devenu une (habitude|tradition)"),
  // Eye-rolling and face-palming emoji carry exasperation in every language.
  cue(0.6, "rolls their eyes", "🙄|😒|🤦|😤|😡|🤬|😠"),
  // Resignation: "ich geb auf", "j'abandonne", "me rindo", "desisto", "lascio perdere", "laat maar".
  cue(0.85, "gives up", "ich geb(e)? (es )?auf|vergiss es|j abandonne|je laisse tomber|laissez tomber|laisse tomber|me rindo|desisto|deixa (pra|para) la|lascio perdere|lasciamo perdere|mi arrendo|ci rinuncio|laat (maar|ook maar) zitten|laat maar[.!,]|ik geef (het )?op"),
  // A promise recalled, then what came of it: "On m'avait promis mardi. On est vendredi."
  cue(0.65, "holds them to a broken promise", "(zugesagt|versprochen|zugesichert|m avait promis|m aviez promis|vous aviez promis|on nous avait promis|me dijisteis|me dijeron|nos dijeron|prometisteis|prometieron|prometeram|me prometeram|mi avevate promesso|avevate promesso|mi avete promesso|mi hanno promesso|beloofd|toegezegd|zou binnen [^.!?]{1,30} worden)[^.!?]{0,100}[.!?]+\\s+(?!(danke|merci|gracias|obrigad\\p{L}*|grazie|bedankt|dank je)(?![\\p{L}]))\\S+"),
  cue(0.5, "asks if they are serious", "ernsthaft\\s*\\?|serieusement\\s*\\?|en serio\\s*\\?|fala serio|sul serio\\s*\\?|serieus\\s*\\?|echt waar\\s*\\?"),
  // "Terza bolletta sbagliata di fila", "la troisième coupure ce mois-ci", "die dritte falsche Rechnung in Folge".
  cue(0.7, "counts the failures", `(zweite|dritte|vierte|funfte|deuxieme|troisieme|quatrieme|cinquieme|segunda|segundo|tercera|tercer|cuarta|cuarto|terceira|terceiro|quarta|quarto|seconda|secondo|terza|terzo|quinta|quinto|tweede|derde|vierde|vijfde)[^.!?]{0,30}(di fila|de suite|d affilee|seguida|seguidas|seguidos|consecutiv\\p{L}*|in folge|hintereinander|op rij|achter elkaar|ce mois|cette semaine|este mes|esta semana|questo mese|questa settimana|diesen monat|diese woche|deze maand|deze week)`),
  // "Ça fait trois semaines que j'attends", "Al twee weken wacht ik", "warte seit drei Tagen".
  cue(0.65, "has waited for weeks", `(ca fait|cela fait|depuis|hace|faz|ha|da|seit|al) ${COUNT} ${SPAN}[^.!?]{0,50}(attends|attend|espero|esperando|aguardo|aspetto|aspettando|warte|warten|wacht|wachten)|(attends|espero|aguardo|estou esperando|estoy esperando|aspetto|sto aspettando|warte|wacht)( ik)?[^.!?]{0,30}(depuis|desde|hace|ha|da|seit|al) ${COUNT} ${SPAN}`),
  cue(0.5, "says nobody calls back", "personne ne (me )?(rappelle|repond)|nadie (me )?(llama|devuelve|responde|contesta)|ninguem (me )?(liga|retorna|responde)|nessuno (mi )?(richiama|chiama|risponde)|niemand (ruft|meldet|antwortet)|keiner (ruft|meldet|antwortet)|belt (gewoon |echt |nooit )?niemand|niemand (belt|reageert)"),
];


/** A provider, supplier or operator, in the six languages: what "chose another …" names. */
const PROVIDER =
  "(leverancier|aanbieder|provider|partij|anbieter|dienstleister|lieferanten|fournisseur|prestataire|operateur|proveedor|compania|operadora|fornecedor|fornitore|gestore|operatore)";

const SHARED_CHURN: readonly CuePattern[] = [
  // "Könnt ihr da mitgehen, sonst wechsel ich."
  cue(0.8, "threatens to leave otherwise", "sonst (wechsel|wechsle|kundige|kuendige|geh|gehe|bin ich weg)(?![\\p{L}])|sinon je (pars|resilie|change)|si no,? me (cambio|voy|doy de baja)|senao eu (saio|cancelo|mudo)|altrimenti (cambio|disdico|me ne vado)|anders (stap ik over|zeg ik op|ben ik weg)"),
  // Leaving told in the future or with the verb first: "je fermerai mon compte dès que…", "appena arriva l'IBAN chiudo
  // tutto", "zodra mijn salaris overgezet is sluit ik mijn rekening".
  // "Se não baixarem, a gente sai.": Brazilian "a gente" for "we", leaving.
  cue(0.8, "says they are leaving", "a gente (sai|vai sair|cancela|vai cancelar|muda de|vai mudar de|vai embora)(?![\\p{L}])"),
  cue(0.8, "will close the account", "(fermerai|fermerons|resilierai|resilierons|cloturerai) (mon|notre|le|ce) (compte|abonnement|contrat|forfait)|(appena|quando|non appena) [^.!?]{0,40} chiudo (tutto|il conto|il contratto|l abbonamento)|(sluit|zeg) (ik|we|wij) (mijn|onze|het|de|m n) (rekening|account|abonnement|contract)( op)?(?![\\p{L}])|cerrare (mi|la|nuestra) (cuenta|suscripcion)|vou encerrar (a|minha) conta assim que|kundige ich (mein|das|den|meinen) (konto|abo|vertrag)"),
  cue(0.8, "lets the trial run out on purpose", "(testphase|probezeit|probephase|testzeitraum) [^.!?]{0,30}(auslaufen|ablaufen)|laiss\\p{L}* (expirer|se terminer|finir) (l essai|la periode d essai)|(dejar|dejamos|dejo|voy a dejar) que (termine|caduque|expire|acabe) la prueba|deix\\p{L}* (a avaliacao|o teste|o periodo de teste|o trial) (expirar|acabar|vencer)|lasci\\p{L}* scadere (la prova|il periodo di prova)|proefperiode [^.!?]{0,20}(verlopen|aflopen)"),
  cue(0.75, "moves its tools elsewhere", "(regroup|consolid|zusammenleg|bundel|samenvoeg)\\p{L}* [^.!?]{0,40}(outils|tools|ferramentas?|herramientas?|strumenti|plattform|plateforme|plataforma|piattaforma|platform|software|logiciels?)|(alle|unsere) (tools|programme|systeme|anwendungen) [^.!?]{0,30}(auf|in) (eine|einer|ein) (einzige\\p{L}* )?(plattform|tool|system|losung)"),
  cue(0.75, "found something that fits better", "(iets|etwas|quelque chose|algo|qualcosa|uma solucao|une solution|una solucion|una soluzione|eine losung) (anders )?(gevonden|gefunden|trouve|encontramos|encontrei|encontrado|trovato)[^.!?]{0,40}(beter|besser|mieux|mejor|melhor|meglio)"),
  cue(0.85, "takes their number elsewhere", "rufnummernmitnahme|portabilite|portabilidad(?!e)(?! de (?:nomina|salario))|portabilidade(?! de salario)|portabilita(?! dello stipendio)|nummerbehoud|(neem|nemen) (mijn|ons|het) nummer mee"),
  // "We hebben een andere leverancier gekozen", "Nous avons choisi un autre fournisseur".
  cue(0.8, "chose another provider", `(andere|nieuwe|anderen|neuen|autre|nouveau|otro|otra|nuevo|outro|outra|novo|altro|altra|nuovo) ${PROVIDER} ([\\p{L}\\p{N}]+ ){0,3}(gekozen|gevonden|genomen|gewahlt|gefunden|ausgewahlt|choisi|trouve|elegido|encontrado|escolhemos|escolhido|encontramos|scelto|trovato)|(gekozen|gewahlt|entschieden|choisi|elegido|escolhemos|escolhido|scelto|optado|opte) ([\\p{L}\\p{N}]+ ){0,2}(voor |fur |pour |por |para |per )?(een |einen |eine |un |une |una |uno |um |uma )?(andere|anderen|neuen|autre|nouveau|otro|otra|nuevo|outro|outra|novo|altro|altra|nuovo) ${PROVIDER}`),
];

/**
 * A customer arriving: "ich wechsel gerade von einem anderen Anbieter zu euch", "fiz a portabilidade do meu número pra
 * vocês", "je passe chez vous avec mon numéro". Their switching and porting words are no churn (as a switch to the
 * chatbot's own name is not, ../flags.ts).
 */
/** Up to six words between the verb and "to you", none a span of time: "j'ai passé dix ans chez vous" is said on the way out. */
const BETWEEN = "((?!(ans|annees|mois|anni|mesi|anno|anos|meses|jahre|jahren|monate|monaten|jaar|maanden) )[\\p{L}\\p{N}]+ ){0,6}";
const ARRIVING = new RegExp(
  [
    `(wechs|komm|portier|umzieh|umsteig|gewechselt|mitnehm|mitnahme)\\p{L}* ${BETWEEN}zu (euch|ihnen|dir)`,
    `(portabilidade|port|traz|trag|trouxe|mud|pass|vim|venho|vir)\\p{L}* ${BETWEEN}(pra|para) (voces|vcs|vc|a vossa operadora)`,
    `(portabilidad|port|traer|traigo|traje|cambi|pas|ven|vin)\\p{L}* ${BETWEEN}a (ustedes|vosotros)`,
    `(portabilite|port|transfer|pass|ven|vien|arriv)\\p{L}* ${BETWEEN}chez vous`,
    `(portabilita|port|pass|ven|arriv)\\p{L}* ${BETWEEN}(da voi|a voi)`,
    `(overstap|overzet|overgestapt|nummerbehoud|kom|stap|meenemen|neem)\\p{L}* ${BETWEEN}naar (jullie|u)`,
  ]
    .map((p) => `(?<![\\p{L}])${p}(?![\\p{L}])`)
    .join("|"),
  "u",
);
/** Whether folded text (lower case, no accents) says the customer is arriving, in one of the six languages. */
export const arrivingCustomer = (folded: string): boolean => ARRIVING.test(folded);

/** The churn cues an arriving customer's words trip. */
const SWITCHING_WHYS: ReadonlySet<string> = new Set(["takes their number elsewhere", "plans to switch provider", "says they are leaving"]);

const SHARED_URGENT: readonly CuePattern[] = [
  cue(0.75, "wants the account blocked now", "(blokkeer|bloquez|bloquea|bloqueen|bloqueie|bloqueiem|blocca|bloccate|sperrt|sperren sie) (mn|m n|mijn|mon|ma|mi|minha|meu|il mio|la mia|mein|meine|meinen) (account|rekening|pas|kaart|compte|carte|cuenta|tarjeta|conta|cartao|conto|carta|konto|karte)"),
  // "la caisse plante à chaque paiement", "de pinautomaat doet het weer niet", "il POS non stampa più": a shop's till down.
  cue(0.7, "says the till is down", "(caisse|tpe|terminal de paiement|cassa|registratore di cassa|pos|kassa|kassasysteem|pinautomaat|pinapparaat|betaalterminal|datafono|tpv|maquininha|kasse|kassensystem|kartenterminal)[^.!?]{0,40}(plante|ne marche plus|ne fonctionne plus|ne marche pas|ne fonctionne pas|non funziona|non stampa|non va piu|doet het (weer |nog steeds |alweer )?niet|werkt (weer |nog steeds )?niet|no funciona|no va|nao funciona|nao passa|geht nicht|funktioniert nicht|streikt|ist ausgefallen)"),
  // "Los het NU op", "réglez ça maintenant", "arreglenlo ya": fix it now, in the six languages.
  cue(0.75, "wants it fixed now", "los (het|dit) (nu|meteen|direct|onmiddellijk) op|(reglez|reparez|corrigez) (ca|le|la|moi ca) (maintenant|tout de suite|immediatement)|(arreglenlo|arreglalo|solucionenlo) (ya|ahora)|(resolvam|consertem|arrumem) (isso|isto) (ja|agora)|(sistemate|risolvete|aggiustate)(lo|la)? (subito|adesso|ora)|(macht|reparieren sie|beheben sie) (das|es) (sofort|jetzt)"),
  cue(0.75, "has minutes left", "(boardt|vertrekt|begint|sluit|embarca|sai|parte|comeca|fecha|sale|empieza|cierra|decolle|inizia|chiude|beginnt|schliesst|startet|abflug|depart)[^.!?]{0,20} (over|dans|en|dentro de|daqui a|tra|fra|binnen|in) (\\d+|een|une|un|una|uma|meia|mezz|mezza|half|halbe?|einer) ?(minuten|minutes|minutos|minuti|uur|heure|hora|ora|stunde)"),
  cue(0.7, "has a deadline", "(hoy|esta noche|manana|heute|morgen|aujourd.hui|ce soir|demain|oggi|stasera|domani|hoje|amanha|vandaag|vanavond) ([\\p{L}\\p{N}]+ ){0,4}(nominas|salarios|sueldos|gehalter|gehaelter|lohne|loehne|paie|salaires|stipendi|folha de pagamento|salarissen|lonen)|(nominas|gehalter|gehaelter|lohne|loehne|paie|salaires|stipendi|folha de pagamento|salarissen|lonen) ([\\p{L}\\p{N}]+ ){0,4}(hoy|esta noche|heute|aujourd.hui|ce soir|oggi|stasera|hoje|vandaag|vanavond)"),
  cue(0.9, "says it is urgent", "emergenza|emergencia|urgence|notfall|noodgeval"),
  // "mijn pinpas is net ingeslikt door de automaat", "el cajero se ha tragado mi tarjeta": without the card, right now.
  cue(0.7, "is stranded", "(pinpas|bankpas|betaalpas|karte|bankkarte|tarjeta|cartao|carte|carta|bancomat)[^.!?]{0,40}(ingeslikt|ingenomen|eingezogen|geschluckt|einbehalten|tragado|tragada|retenido|retenida|engolido|engolida|retido|retida|avalee|avale|trattenuta|mangiata|inghiottita)|(ingeslikt|eingezogen|geschluckt|tragado|tragada|engoliu|engolido|avale|mangiato|inghiottito)[^.!?]{0,30}(pinpas|bankpas|karte|tarjeta|cartao|carte|carta)"),
  // "o boleto vence hoje", "die Rechnung ist heute fällig", "la bolletta scade oggi".
  cue(0.7, "has a deadline", "(vence|vencimento|scade|scadenza|faellig|fallig|expire|vervalt|vence el plazo)[^.!?]{0,20}(hoje|hoy|oggi|heute|aujourd hui|vandaag|ce soir|stasera|esta noche|vanavond)|(hoje|hoy|oggi|heute|aujourd hui|vandaag) (vence|scade|ist faellig|ist fallig|expire|vervalt)|(voor|vor|avant|antes das|antes de las|prima delle|entro le) \\d{1,2}([:h.]\\d{2}| ?uhr| ?h)[^.!?]{0,40}(indienen|einreichen|abgeben|soumettre|deposer|presentar|entregar|enviar|inviare|presentare|betalen|bezahlen|payer|pagar|pagare)"),
  cue(0.75, "asks to be called back now", "(llamadme|llameme|llamame|llamenme|richiamatemi|chiamatemi|richiamami|rappelez-moi|appelez-moi|ligue-me|liguem-me|bel me|belt u mij|rufen sie mich|ruft mich) ([\\p{L}\\p{N}]+ ){0,2}(ahora|ya|cuanto antes|subito|adesso|ora|tout de suite|maintenant|agora|ja|nu|meteen|sofort|gleich|dringend|urgente)"),
  cue(0.7, "has someone waiting in front of them", "(patient\\p{L}*|paciente|paziente|client\\p{L}*|cliente|kunde\\p{L}*|klant\\p{L}*) [^.!?]{0,30}(am empfang|an der kasse|wartet|warten|na fila|no balcao|in studio|in attesa|aspetta|en caja|esperando|attend|en caisse|aan de balie|wacht|wachten)|(sitzt|steht|wartet) (ein|eine) (patient\\p{L}*|kunde\\p{L}*|kundin)|(ho|abbiamo) (il|un|una) (paziente|cliente)|tenho (um |uma )?(cliente|paciente)|tengo (un |una )?(cliente|paciente)|j ai (un|une) (client|cliente|patient|patiente)|ik heb (een )?(klant|patient)"),
];

/** A condition with a date in the next days: "si mañana …", "wenn das morgen …", "se entro venerdì …", "als er morgen …". */
const DATED_CONDITION: CuePattern = cue(
  0.6,
  "sets a deadline or they leave",
  "(si|se|wenn|falls|als|indien|if) [^.!?]{0,60}(manana|morgen|demain|domani|amanha|hoy|heute|vandaag|oggi|hoje|aujourd.hui|vendredi|viernes|freitag|venerdi|sexta|vrijdag|lundi|lunes|montag|lunedi|segunda|maandag|fin de semana|fim de semana|wochenende|weekend|fine settimana)",
);

/** Abbreviations written in capitals that are not shouting. */
const ACRONYMS =
  /^(?:API|PDF|CSV|URL|SSO|SEPA|IBAN|BIC|IT|EU|USA|GB|MB|GB|KB|TB|CPU|RAM|SMS|PIN|TAN|QR|IOS|SSL|DNS|VPN|CRM|ERP|SAP|AWS|B2B|B2C|MWST|UST|TVA|IVA|NIF|CIF|DNI|CPF|CNPJ|BTW|KVK|FAQ|OK|HTTP|HTTPS|JSON|XML|HTML|CSS|SDK|UI|UX|AG|GMBH|SA|SL|SRL|SPA|BV|NV|LTDA|SAS|SARL)$/;

/**
 * "Bei N26 … in zehn Sekunden, bei Ihnen …", "Con Fastweb … con voi …": a named provider set against "you" is a
 * competitor mention and a complaint (`COMPARES` carries the sentiment). The name is checked in the original text.
 */
const SHARED_NAMED_COMPARISON: CuePattern = cue(
  0.8,
  COMPARES,
  `(bei|bij|con|chez|en|no|na|com) ${NAME}[^.!?]{0,80}[,.;:]?\\s*(bei ihnen|bei euch|bij jullie|bij u|con voi|da voi|con vosotros|con ustedes|chez vous|vous non|aqui|aca|hier bei|hier moet|qui da voi|qui invece)`,
);

/** Relief and praise that the packs' word lists do not score: "¡Qué alivio!", "Ufa", "Finalmente!", "Complimenti". */
const SHARED_GOOD_NEWS: readonly CuePattern[] = [
  // "Endlich!" opening a message is relief; "eskalieren Sie das endlich!" is impatience.
  cue(0.8, "relieved or full of praise", "(finalmente|enfin|endlich|eindelijk)\\s*[!.,]", { sentenceStart: true }),
  cue(0.8, "relieved or full of praise", "que alivio|ufa+|uff+|gott sei dank|dieu merci|gracias a dios|gracas a deus|grazie a dio|meno male|godzijdank|complimenten|complimenti|felicitaciones|enhorabuena|parabens|chapeau|(wat|que|quel|quelle|che) (een |un |una )?(verschil|diferenca|diferencia|difference|differenza)"),
];

/** Positive valence for relief and praise the word lists miss. */
export function goodNewsValence(folded: Folded): ExtraValence[] {
  return findCues(folded.text, SHARED_GOOD_NEWS).map((h) => ({ start: h.start, end: h.end, valence: 2.5, note: h.why, dampen: false }));
}

export type FlagHits = Partial<Record<UserFlag, CueHit[]>>;

/** A pack flag's cue patterns as one list, made once: findCues indexes a long list by its identity. */
const patternLists = new WeakMap<readonly FlagCue[], readonly CuePattern[]>();
function patternsOf(cues: readonly FlagCue[]): readonly CuePattern[] {
  let list = patternLists.get(cues);
  if (list === undefined) patternLists.set(cues, (list = cues.map((c) => c.pattern)));
  return list;
}

/** Phrase cues per flag, negation applied; offsets into the folded text. */
export function findFlagCues(original: string, folded: Folded, pack: LanguagePack): FlagHits {
  const out: FlagHits = {};
  const text = folded.text;
  for (const [flag, cues] of Object.entries(pack.flags) as [UserFlag, LanguagePack["flags"][UserFlag]][]) {
    if (cues === undefined) continue;
    const negatable = pack.negatableWhys;
    const raw = findCues(text, patternsOf(cues));
    let hits = raw.filter((h) => !negatable.has(h.why) || !negated(text, h.start, h.end, pack));
    // "Tickets mit dem Label 'dringend'": a word in quotes names a label or a feature, it asks for nothing.
    if (flag === "urgent_request") {
      hits = hits.filter((h) => !quoted(original, originalOffset(folded, h.start), originalOffset(folded, h.end)));
      // "Rien d'urgent", "Niente di urgente", "Nessuna urgenza", "Nichts Dringendes": nothing urgent is a calm request.
      hits = hits.filter((h) => h.why !== SAYS_URGENT || !NOTHING_BEFORE.test(text.slice(Math.max(0, h.start - 20), h.start)));
    }
    if (flag === "churn_risk") hits = hits.filter((h) => !hypothetical(text, h.start, h.end, pack));
    if (hits.length > 0) out[flag] = hits;
  }
  const confusion = findCues(text, SHARED_CONFUSION);
  if (confusion.length > 0) out.confused_user = [...(out.confused_user ?? []), ...confusion];
  for (const [flag, cues] of [["frustrated_user", SHARED_FRUSTRATION], ["churn_risk", SHARED_CHURN], ["urgent_request", SHARED_URGENT]] as const) {
    const shared = findCues(text, cues).filter((h) => flag !== "churn_risk" || !negated(text, h.start, h.end, pack));
    if (shared.length > 0) out[flag] = [...(out[flag] ?? []), ...shared];
  }
  // An arriving customer's switching words, and a pause asked about by someone staying, are no leaving.
  if (out.churn_risk !== undefined) {
    const arriving = arrivingCustomer(text) ? out.churn_risk.filter((h) => !SWITCHING_WHYS.has(h.why)) : out.churn_risk;
    const leaving = withoutPauseWhenStaying(original, text, arriving);
    if (leaving.length > 0) out.churn_risk = leaving;
    else delete out.churn_risk;
  }
  // "Si mañana sigue sin funcionar, me cambio de empresa": a threat with a date is urgent (the guidelines' "by Friday or we leave").
  if ((out.churn_risk?.length ?? 0) > 0) {
    const dated = findCues(text, [DATED_CONDITION]);
    if (dated.length > 0) out.urgent_request = [...(out.urgent_request ?? []), ...dated];
  }
  for (const h of findCues(text, [SHARED_NAMED_COMPARISON])) {
    if (hasName(original, folded, h.start, h.end)) out.competitor_mention = [...(out.competitor_mention ?? []), h];
  }
  for (const named of pack.named) {
    for (const h of findCues(text, [named.pattern])) {
      if (!hasName(original, folded, h.start, h.end)) continue;
      if (named.negatable && negated(text, h.start, h.end, pack)) continue;
      for (const flag of named.flags) out[flag] = [...(out[flag] ?? []), { ...h }];
    }
  }
  return out;
}

/**
 * "Falls ich irgendwann kündige, …?", "Si un jour je résilie, … ?": leaving asked about inside a
 * condition, in a question, is a record-keeping question rather than a plan. A threat is a statement
 * ("si no lo arreglan hoy, me doy de baja").
 */
function hypothetical(text: string, start: number, end: number, pack: LanguagePack): boolean {
  const sentenceStart = Math.max(text.lastIndexOf(".", start), text.lastIndexOf("!", start), text.lastIndexOf("?", start), text.lastIndexOf("\n", start)) + 1;
  const rest = text.slice(end);
  const stop = rest.search(/[.!?\n]/);
  if (stop < 0 || rest[stop] !== "?") return false;
  const before = text.slice(sentenceStart, start).match(/\p{L}+/gu) ?? [];
  return before.some((w) => pack.conditionals.has(w));
}

/**
 * Whether a word of the hit after its first is written like a name in the original text:
 * capitalised or all caps, and not a plan, month, pronoun or everyday noun ("zu Pro", "zu Ende").
 */
function hasName(original: string, folded: Folded, start: number, end: number): boolean {
  const re = /[\p{L}\p{N}]+/gu;
  re.lastIndex = start;
  let first = true;
  for (let m = re.exec(folded.text); m !== null && m.index < end; m = re.exec(folded.text)) {
    // The cue's own first word may be capitalised at a sentence start ("Bei …", "Chez …").
    if (first) {
      first = false;
      continue;
    }
    const word = original.slice(originalOffset(folded, m.index), originalOffset(folded, m.index + m[0].length));
    // Capitalised, or written like a brand with a capital inside ("sevDesk", "iFood", "eBay") or a digit first
    // ("1und1"); a bare number ("passer à 50 utilisateurs") is no name.
    if (/^(\p{Lu}|\p{N}+\p{L})|^\p{Ll}{1,4}\p{Lu}/u.test(word) && !NOT_NAMES.has(m[0])) return true;
  }
  return false;
}

/** Countries, regions and large cities as the seven languages write them, folded (no accents, lower case). */
const PLACES =
  "europa europe ausland extranjero estrangeiro etranger estero buitenland " +
  "italia italie italien italy " +
  "spagna espagne spanien espana espanha spain spanje " +
  "francia france frankreich franca frankrijk " +
  "germania allemagne deutschland alemania alemanha germany duitsland " +
  "portugal portogallo portugalia " +
  "belgique belgien belgica belgio belgie belgium " +
  "nederland niederlande holanda olanda pays bas paesi bassi holland netherlands " +
  "suisse schweiz svizzera suiza suica zwitserland switzerland " +
  "austria autriche osterreich oostenrijk " +
  "grece griechenland grecia griekenland greece " +
  "turquie turkei turquia turchia turkije turkey " +
  "croatie kroatien croacia croazia kroatie croatia " +
  "inglaterra angleterre england inghilterra engeland " +
  "irlanda irlande irland ierland ireland " +
  "escocia ecosse schottland scozia schotland scotland " +
  "polen pologne polonia polska " +
  "argentina argentine argentinien argentinie " +
  "brasil bresil brasilien brasile brazilie brazil " +
  "mexico mexique mexiko messico " +
  "chile chili cile " +
  "colombia colombie kolumbien " +
  "peru perou " +
  "usa eeuu eua etats unis estados unidos stati uniti verenigde staten vereinigte staaten " +
  "canada kanada " +
  "marruecos maroc marokko marocco marrocos morocco " +
  "tunisie tunesien tunez tunisia " +
  "japon japan giappone japao " +
  "china chine cina " +
  "thailand thailande tailandia thailandia " +
  "london londres londra londen " +
  "paris parigi parijs " +
  "roma rome rom " +
  "lisboa lisbonne lissabon lisbona lisbon " +
  "madrid barcelona barcelone barcellona " +
  "berlin berlino berlijn " +
  "amsterdam bruxelles brussel brussels bruxelas " +
  "mallorca majorque canarias canaries kanaren algarve sardegna sicilia toscana bretagne provence";

/** Capitalised words after "switch to" that are not providers (German capitalises every noun). */
const NOT_NAMES = new Set(
  (
    "pro premium business enterprise basic plus team starter standard professional gold silver ultimate " +
    "ende anfang beginn monatsende jahresende anbieter tarif plan paket version konkurrenz jahresplan monatsplan " +
    "problem probleme fehler zeit geld arger stress schwierigkeiten zugriff zugang rechnung rechnungen konto vertrag " +
    "abo support service kundenservice app daten termin lieferung bestellung karte system software programm " +
    "januar februar marz april mai juni juli august september oktober november dezember " +
    "montag dienstag mittwoch donnerstag freitag samstag sonntag " +
    "ich wir sie ihr du es das der die den dem ein eine einen einem einer ihnen euch " +
    "je nous vous il elle on ce la le les un une moi lui " +
    "yo nosotros usted ustedes el los las una eu nos voce voces o os um uma io noi voi lo gli " +
    "ik we wij jullie u het een de dit dat " +
    // Network technologies, written like brands ("passer à la 5G").
    "3g 4g 5g lte dsl adsl vdsl wifi fibre fiber fibra glasfaser " +
    // Places one travels or moves to ("vado in Spagna", "vou viajar pra Argentina", "gaan naar Frankrijk").
    PLACES
  ).split(" "),
);



/**
 * What the phrase cues say about sentiment: giving up on the vendor and saying one has had enough
 * are negative even without an emotion word ("ich habe die Nase voll", "me doy de baja").
 */
export function cueValence(hits: FlagHits): ExtraValence[] {
  const out: ExtraValence[] = [];
  for (const h of hits.frustrated_user ?? []) if (h.end > h.start) out.push({ start: h.start, end: h.end, valence: -3.5 * h.weight, note: h.why, dampen: false });
  // Losing the customer is bad news even when asked politely as a question ("Podem encerrar a conta?").
  for (const h of hits.churn_risk ?? []) if (h.weight >= 0.5) out.push({ start: h.start, end: h.end, valence: -2, note: h.why, dampen: false });
  // Wanting money back is bad news too, if milder.
  for (const h of hits.churn_risk ?? []) if (h.weight < 0.5) out.push({ start: h.start, end: h.end, valence: -1.5, note: h.why, dampen: true });
  // "Ich bin verwirrt", "je suis perdu": confusion is not displeasure, so its words carry no valence.
  for (const h of hits.confused_user ?? []) if (h.end > h.start) out.push({ start: h.start, end: h.end, valence: 0, note: h.why, dampen: false });
  // Comparing us with a named competitor is a complaint ("Chez Orange au moins la fibre fonctionne").
  const won = (hits.competitor_mention ?? []).filter((h) => h.why === WE_WIN);
  for (const h of hits.competitor_mention ?? []) {
    if (h.why === COMPARES && !won.some((w) => w.start < h.end && h.start < w.end)) out.push({ start: h.start, end: h.end, valence: -1.5, note: h.why, dampen: false });
  }
  for (const h of won) out.push({ start: h.start, end: h.end, valence: 1.5, note: h.why, dampen: false });
  // Wanting to buy is enthusiasm; asking a price is not.
  for (const h of hits.buying_signal ?? []) if (h.why === WANTS_TO_BUY) out.push({ start: h.start, end: h.end, valence: 1.5, note: h.why, dampen: true });
  return out;
}


const OPENING_QUOTES = `'"“‘«„`;
const CLOSING_QUOTES = `'"”’»“`;

function quoted(text: string, start: number, end: number): boolean {
  return OPENING_QUOTES.includes(text[start - 1] ?? "") && CLOSING_QUOTES.includes(text[end] ?? "");
}

/** Adds the evidence that needs the sentiment and maps every offset back into the original text. */
export function finishFlags(original: string, folded: Folded, cueHits: FlagHits, sentiment: ForeignSentiment): FlagHits {
  const out: FlagHits = {};
  for (const [flag, hits] of Object.entries(cueHits) as [UserFlag, CueHit[]][]) out[flag] = toOriginal(hits.map((h) => ({ ...h })), folded);
  const text = folded.text;

  const frustrated = out.frustrated_user ?? [];
  // A reported failure alone is a bug report, not frustration; emotional wording ("péssimo",
  // "Frechheit") on top of a negative message is.
  // "toujours rien", "werkt nog steeds niet": the "still" that is the only cue is also what made the message negative,
  // so its calm negativity is not counted a second time (in every set these read as trouble, not exasperation).
  const stillAlone = frustrated.length > 0 && frustrated.every((h) => h.why === STILL_NOT_FIXED);
  if (sentiment.score <= OUTWARD_NEGATIVE_MILD && !(stillAlone && !sentiment.emotional)) {
    const strong = sentiment.emotional || sentiment.score <= OUTWARD_NEGATIVE_STRONG_TROUBLE;
    frustrated.push({ weight: strong ? 0.5 : 0.35, why: "strongly negative about something", start: 0, end: 0 });
  }
  if (sentiment.sarcasm) frustrated.push({ weight: 0.5, why: "sarcastic praise", start: 0, end: 0 });
  // Capitals and "!!" amplify other evidence but are not frustration on their own ("SUPER, DANKE!!").
  if (frustrated.length > 0 && sentiment.score <= 0) {
    const shout = shouting(original);
    if (shout !== undefined) frustrated.push(shout);
    if (/[!?]*![!?]*[!?]|\?!/.test(text)) frustrated.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });
  }
  // A clearly positive message is not frustration unless it says so outright.
  if (frustrated.length > 0 && !(sentiment.score >= 0.2 && !frustrated.some((h) => h.weight >= 0.8))) out.frustrated_user = frustrated;
  else delete out.frustrated_user;

  // "Ich kündige, und zwar sofort": "now" right after a cancellation says when it takes effect,
  // not that something is urgent.
  if (out.urgent_request !== undefined && out.churn_risk !== undefined) {
    const churn = out.churn_risk;
    out.urgent_request = out.urgent_request.filter(
      (u) => u.why !== SAYS_URGENT || !churn.some((c) => c.end <= u.start && u.start - c.end <= 24 && !/[.!?\n]/.test(original.slice(c.end, u.start))),
    );
    if (out.urgent_request.length === 0) delete out.urgent_request;
  }
  const urgent = out.urgent_request;
  if (urgent !== undefined && /!{2,}/.test(text)) urgent.push({ weight: 0.2, why: "heavy punctuation", start: 0, end: 0 });
  // Someone leaving who names the trial or the renewal they are giving up is not asking to buy it.
  if (out.buying_signal !== undefined && (out.churn_risk ?? []).some((h) => h.weight >= 0.75) && out.buying_signal.every((h) => h.weight < 0.8)) delete out.buying_signal;
  // "Ich downgrade auf den Basic-Tarif, der Business-Plan lohnt sich nicht mehr": the plan named is the one being left.
  if (out.buying_signal !== undefined && (out.churn_risk ?? []).some((h) => h.why === "downgrades or pauses") && out.buying_signal.every((h) => h.why === "asks about plans or trials")) delete out.buying_signal;

  return out;
}

/**
 * "Con Glovo la consegna arriva in 20 minuti", "o iFood entrega em 30 minutos e vocês em duas horas": a span of time in
 * the sentence that names a competitor is how fast they are, not a deadline ("se entro venerdì non sistemate…, passiamo a
 * Fatture in Cloud" still is one). `competitors`: every competitor hit, the pack's and the named ones.
 */
export function withoutCompetitorSpeed(text: string, urgent: readonly CueHit[], competitors: readonly CueHit[]): CueHit[] {
  const speed = (u: CueHit) => u.why === HAS_DEADLINE && TIME_SPAN.test(text.slice(u.start, u.end)) && competitors.some((c) => sameSentence(text, c.start, u.start));
  return urgent.filter((u) => !speed(u));
}

/** Cues are found in the folded text; CueHit offsets must point into the original. */
function toOriginal(hits: CueHit[], folded: Folded): CueHit[] {
  if (folded.origin === undefined) return hits;
  for (const h of hits) {
    h.start = originalOffset(folded, h.start);
    h.end = originalOffset(folded, h.end);
  }
  return hits;
}

/**
 * "ich will nicht kündigen", "no voy a cancelar", "je ne vais pas résilier", "wir kündigen nicht".
 * A negation inside a condition does not cancel the consequence: "si no lo arreglan hoy, me doy de
 * baja" and "wenn das nicht bis Freitag behoben ist, kündigen wir" are threats, not denials.
 */
function negated(text: string, start: number, end: number, pack: LanguagePack): boolean {
  // A negator inside the matched words ("ik ga niet opzeggen", "ich will das nicht kaufen").
  if (pack.flagNegationInside.test(text.slice(start, end))) return true;
  const before = text.slice(Math.max(0, start - NEGATION_LOOKBACK), start);
  const clause = before.split(/[.!?;,\n]/).pop() ?? "";
  const m = pack.flagNegationBefore.exec(clause);
  if (m !== null) {
    const head = clause.slice(0, m.index);
    const words = head.match(/\p{L}+/gu) ?? [];
    const conditional = words.some((w) => pack.conditionals.has(w));
    // Inside a condition only a negator right before the cue counts.
    const wordsBetween = m[0].trim().split(/\s+/).length - 1;
    if (!conditional || wordsBetween <= 1) return true;
  }
  if (pack.flagNegationAfter !== undefined) {
    const after = text.slice(end, end + 24);
    if (pack.flagNegationAfter.test(after)) return true;
  }
  return false;
}

function shouting(original: string): CueHit | undefined {
  const re = /(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])/gu;
  let count = 0;
  let first: RegExpExecArray | undefined;
  for (let m = re.exec(original); m !== null; m = re.exec(original)) {
    if (ACRONYMS.test(m[0])) continue;
    count++;
    first ??= m;
  }
  if (count < 2 || first === undefined) return undefined;
  return { weight: count >= 3 ? 0.45 : 0.3, why: "writes in capitals", start: first.index, end: first.index + first[0].length };
}
