import { type CuePattern, cue } from "./cues";
import { MENU } from "./behaviour-cues";

/**
 * How support bots phrase the behaviours in German, French, Spanish, Portuguese, Italian and Dutch — the languages the
 * embedded analyzer reads user messages in. The English cues (behaviour-cues.ts) take these as further alternatives, so
 * a German reply that apologises three times, or a French one that only sends the user to "notre service client", is
 * judged as its English twin would be. Replies are lower-cased but keep their accents; phrases list the accented
 * spelling bots write and, where people drop accents, the plain one too.
 */

const MARKS = /[äöüßàâçèêëîïôûùœáíóúñãõìò¿¡]/;
// Common short words of the six languages that English text hardly ever holds ("per", "os", "im", "ci", "met" are left out).
const FUNCTION_WORDS =
  /(?<![a-z])(?:und|nicht|ist|sie|ihre|ihr|wir|bitte|ich|der|die|das|den|dem|ein|eine|mit|auf|zu|nous|vous|votre|notre|pour|avec|pas|je|et|du|le|la|les|des|un|une|por|para|los|las|usted|una|el|en|es|se|lo|del|al|da|em|ao|na|uma|il|di|mi|non|che|della|dei|sono|grazie|su|poi|sua|suo|alla|nel|nella|sul|gli|questo|questa|het|een|uw|niet|voor|bij|wij|onze|op|te|ik|er|om|dat|de|pelo|pela|muito|muita|nao|voce|seu|nosso|nossa|ainda|tambem|obrigad[oa])(?![a-z])/g;

/**
 * The reply is likely in one of the six languages: an accented letter, or two of their commonest words. English replies
 * skip the phrases below, which would otherwise cost a third more time on every reply.
 */
export function looksForeign(text: string): boolean {
  if (MARKS.test(text)) return true;
  FUNCTION_WORDS.lastIndex = 0;
  let n = 0;
  while (FUNCTION_WORDS.exec(text) !== null) if (++n === 2) break;
  FUNCTION_WORDS.lastIndex = 0;
  return n >= 2;
}

/** Word edges that know accented letters (`\b` does not: "désolé" has none after its "é"). */
const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";

/** An apology, each counted once: "es tut mir leid", "désolé", "lo sentimos", "pedimos desculpa", "ci scusiamo", "excuses". */
export const FOREIGN_APOLOGY = new RegExp(
  `${START}(?:es tut (?:mir|uns) (?:sehr |wirklich |aufrichtig |schrecklich )?leid|entschuldig\\p{L}*|verzeih\\p{L}*|wir bedauern|bedauerlicherweise|d[ée]sol[ée]e?s?|toutes nos excuses|(?:nous )?nous excusons|je m['’]excuse|excusez-(?:nous|moi)|veuillez nous excuser|nos excuses|mes excuses|lo siento|lo sentimos|disculp\\p{L}*|perd[óo]n\\p{L}*|lamentamos|lamento|desculp\\p{L}*|pedimos desculpa|sentimos muito|sinto muito|perd[ãa]o|mi dispiace|ci dispiace|(?:ci )?scusiamo|mi scuso|scusa(?:te|ci)?|scusi|(?:onze |mijn )?excuses|het spijt (?:me|ons)|verontschuldig\\p{L}*)${END}`,
  "gu",
);

/** Wording that is excessive said once: "tausendmal Entschuldigung", "mille excuses", "mil disculpas". */
export const FOREIGN_EXCESSIVE_APOLOGY = new RegExp(
  `${START}(?:tausendmal|vielmals|zutiefst|aufrichtigst)\\p{L}* (?:entschuldig|leid)|mille (?:excuses|pardons|scuse)|(?:profond[ée]ment|sinc[èe]rement|vraiment) d[ée]sol[ée]|mil (?:disculpas|perdones|desculpas)|(?:profundamente|sinceramente) (?:lo sentimos|lo siento|lamentamos)|(?:profondamente|sinceramente) dispiaciut|duizendmaal excuses|(?:oprecht|echt) (?:onze )?excuses`,
  "u",
);

/** Sending the user elsewhere: another team, the hotline, a branch, a form. */
export const FOREIGN_REDIRECT_CUES: readonly CuePattern[] = [
  // The thirteenth multilingual reply set: "Quanto à inscrição anual familiar, tem de perguntar na receção do clube."
  cue(0.75, "sends the user to someone else", "(perguntar|preguntar|demander|chiedere|vragen|fragen) (na|en la|à la|a la|alla|bij de|an der) (receção|recepção|recepción|réception|reception|receptie|rezeption)"),
  cue(
    0.75,
    "sends the user to someone else",
    [
      // de
      "wenden sie sich (bitte )?(direkt )?an|wende dich (bitte )?(direkt )?an|kontaktieren sie (bitte )?(direkt )?(unser|unseren|unsere|den|die|das|ihre|ihren|ihr)|kontaktiere (bitte )?(unser|unseren|unsere|den|die)|rufen sie (bitte )?(einfach )?(unsere|unseren|die|den|das|ihre|ihren) [\\p{L}-]+( [\\p{L}-]+)? an|melden sie sich (bitte )?(bei|in)|fragen sie (bitte )?(direkt |am besten )?(bei|ihre|ihren|ihr|den|die|das) ",
      "(dafür|dafur|hierfür|hierfur) (ist|sind) (unser|unsere|die|der|das|ihre|ihr) ([\\p{L}-]+ ){0,2}zuständig|(dafür|hierfür) ist leider",
      // fr
      "il (vous )?faut (contacter|appeler|vous adresser|vous rendre)|merci de (contacter|joindre|appeler|vous adresser)|(je vous invite|on vous invite) (à|a) (contacter|appeler|joindre|vous rapprocher|vous adresser|vous rendre)|veuillez (contacter|joindre|appeler|vous adresser|vous rapprocher|vous rendre)|(contactez|appelez|joignez|rapprochez-vous de) (notre|nos|votre|le|la|les|l')|adressez-vous (à|a)|nous vous invitons à (contacter|appeler|vous rapprocher|vous rendre)|relève (du|de la|de l'|de votre|de notre)|demandez (directement )?(à|a|au|aux) ",
      // es
      "(escríbeles|escribeles|escríbales|llámales|llámeles) (a través|por|al|en)|(tienes|tiene|tenés|tendrás|tendrá) que (escribir|llamar|contactar|dirigirte|dirigirse|acudir) (al|a la|a|con)|(póngase|pongase|ponte|pónganse) en contacto con|(contacte|contacta|llame|llama|comuníquese|comuniquese|diríjase|dirijase|acuda|acude) (con|a|al|a la|a su|a nuestro|a nuestra)|le (recomendamos|sugerimos|rogamos) (que )?(contacte|llame|acuda|se ponga)|(pregunta|pregúntale|preguntale|pregunte) (directamente )?(en|a|al|a la|a tu|a su) ",
      // pt
      "(entre|entra|entrem) em contato com|(entre|entra) em contacto com|(ligue|liga|contacte|contate|dirija-se|procure) (para|a|ao|à|o|a nossa|o nosso|uma|um|nosso|nossa|a sua|o seu)|recomendamos que (entre|ligue|contacte|procure)|(fale|fala) (diretamente |direto )?com (o seu|seu|a sua|sua|o|a|um|uma) ",
      // it
      "(contatti|contatta|si rivolga|rivolgiti|la invitiamo a contattare|ti invitiamo a contattare|chiami|chiama) (a|al|alla|allo|all'|il|la|i|le|ai|alle|il nostro|la nostra|un|una|direttamente)|(è|e) di competenza (del|della|dell')|(chieda|chiedi) (direttamente )?(alla|al|all'|allo|ai|alle|a) ",
      // nl
      "(kunt u|kun je) (het beste |daarvoor |dan )?contact opnemen met|(verwijzen|verwijs) (we|wij|ik) (u|je) (graag )?(door )?naar|bel daarvoor (met|naar)|neem (dan |even |gerust |daarvoor |hiervoor )?contact op met|(bel|mail) (dan |even |gerust |daarvoor )?(met |naar )?(onze|de|het|uw|je) [\\p{L}-]+|wend (u|je) (zich |je )?(dan )?tot|vraag (het |dat )?(dan |even |gerust )?(na )?(bij|aan) (uw|je|de|het) ",
    ].join("|"),
  ),
  cue(
    0.7,
    "says another team handles it",
    [
      "(unser|unsere|der|die) ([\\p{L}-]+ )?(kundenservice|kundendienst|service-team|serviceteam|fachabteilung|abteilung|hotline|beratung) (hilft|kann|wird|ist zuständig|kümmert sich)",
      "(notre|le|la) (service|équipe|equipe|conseiller|conseillère|agence) ([\\p{L}-]+ ){0,2}(pourra|peut|se chargera|est (à même|en mesure|compétent))",
      "(nuestro|nuestra|el|la) (servicio|equipo|departamento|área|oficina) ([\\p{L}-]+ ){0,3}(podrá|puede|se encarga|gestiona|le ayudará)",
      "(nossa|nosso|a|o) (central|equipe|equipa|departamento|serviço|servico|agência) ([\\p{L}-]+ ){0,3}(poderá|pode|é responsável|trata|vai ajudar)",
      "(il nostro|la nostra|il|la) (servizio|reparto|ufficio|team|assistenza) ([\\p{L}-]+ ){0,2}(potrà|può|si occupa|gestisce|la aiuterà)",
      "(onze|de) (klantenservice|afdeling|servicedesk|collega's|adviseurs) ([\\p{L}-]+ ){0,2}(kan|kunnen|helpt|helpen|is verantwoordelijk)",
    ].join("|"),
  ),
  cue(
    0.7,
    "sends the user to a store or branch",
    "besuchen sie (bitte )?(eine|unsere|die|ihre) ([\\p{L}-]+ )?(filiale|geschäftsstelle|servicestelle|werkstatt)|(rendez-vous|rendez vous|présentez-vous) (dans|en|à|a) (une |votre |notre |l')?(agence|boutique|magasin|guichet)|(acuda|diríjase|dirijase|visite) (a )?(una|su|nuestra|la) (tienda|oficina|sucursal)|(dirija-se|vá|va|visite) (a )?(uma|a sua|a nossa|nossa|à) (loja|agência|agencia|balcão)|(si rechi|recati|vada|passi) (presso|in|al|alla|in una) ([\\p{L}-]+ )?(negozio|filiale|sportello|punto vendita)|(ga|kom) (langs )?(bij|naar) (een|de|onze|uw) (winkel|vestiging|balie|servicepunt)",
  ),
  cue(
    0.75,
    "asks the user to open a ticket or fill in a form",
    "(acceda|accede|vaya|ve) al formulario|(gebruikt u|gebruik) het ([\\p{L}-]+ )?formulier|vul het ([\\p{L}-]+ )?formulier in|(füllen|fuellen) sie (bitte )?(das|unser) ([\\p{L}-]+ )?formular aus|nutzen sie (bitte )?(das|unser) ([\\p{L}-]+ )?(formular|kontaktformular)|(remplissez|complétez|utilisez) (le|notre) (formulaire|formulaire de contact)|(rellene|rellena|complete|utilice) el formulario|(preencha|preenche|utilize) o formulário|(compili|compila|utilizzi) il modulo|(la preghiamo di|si prega di|la invitiamo a) (compilare|riempire|utilizzare) il modulo|(vul|vult) (het|ons) ([\\p{L}-]+ )?formulier in",
  ),
];

/** Courtesy that answers nothing: thanks for patience, "your satisfaction is our priority", "we are always working on it". */
export const FOREIGN_COURTESY = new RegExp(
  [
    "(?:vielen |herzlichen )?dank (?:für|fur) (?:ihre|deine|ihr|dein) (?:geduld|nachricht|anfrage|treue|verständnis|vertrauen|interesse)|ihre zufriedenheit (?:ist|liegt)|(?:ist|sind) uns (?:sehr )?wichtig|wir arbeiten (?:ständig|stetig|kontinuierlich|täglich|jeden tag)|wir (?:verstehen|wissen),? (?:wie|dass)|wir schätzen",
    "merci (?:beaucoup |infiniment )?(?:pour|de) votre (?:patience|message|confiance|fidélité|compréhension|intérêt)|votre satisfaction (?:est|reste)|(?:est|sont) (?:très |extrêmement )?important(?:e|s|es)? pour nous|nous travaillons (?:constamment|sans cesse|chaque jour|en permanence)|nous comprenons|nous apprécions",
    "(?:muchas )?gracias por (?:su|tu) (?:paciencia|mensaje|confianza|comprensión|interés|fidelidad)|su satisfacción es|(?:es|son) (?:muy )?important(?:e|es) para nosotros|trabajamos (?:cada día|constantemente|día a día)|entendemos|valoramos",
    "obrigad[oa] (?:pela|pelo) (?:sua|tua|seu|teu) (?:paciência|mensagem|confiança|compreensão|interesse|contato|contacto)|a sua satisfação é|(?:é|são) (?:muito )?importantes? para nós|trabalhamos (?:todos os dias|constantemente|diariamente)|compreendemos|entendemos|valorizamos",
    "grazie (?:per|della) (?:la sua|la tua|il suo|il tuo|sua|tua) (?:pazienza|messaggio|fiducia|comprensione|interesse)|la sua soddisfazione è|(?:è|sono) (?:molto )?important[ei] per noi|lavoriamo (?:ogni giorno|costantemente|continuamente)|comprendiamo|capiamo",
    "(?:hartelijk )?(?:bedankt|dank) voor (?:uw|je) (?:geduld|bericht|vertrouwen|begrip|interesse)|uw tevredenheid (?:is|staat)|(?:is|zijn) (?:heel |erg )?belangrijk voor ons|we werken (?:elke dag|voortdurend|continu|hard)|we begrijpen|wij begrijpen|we waarderen",
    // Praise of the question and talk about the company's mission, in place of an answer.
    "uns ein (?:großes|grosses|wichtiges|besonderes) anliegen|wir setzen uns (?:jeden tag|täglich|mit voller|mit ganzer)|schön,? dass (?:sie|du) (?:bei uns|dabei)|dass (?:sie sich|du dich) für uns entschieden|wir danken (?:ihnen|dir)|(?:mit|voller|viel) leidenschaft|unser ziel ist (?:es)?|wir sind stolz|gute frage",
    "merci (?:beaucoup )?pour votre question|nous investissons|au c(?:œ|oe)ur de|nous sommes fiers|merci de votre confiance|notre engagement|avec passion|notre objectif est|nous mettons tout en (?:œ|oe)uvre|bonne question",
    "(?:qué|que) buena pregunta|nos esforzamos|gracias por formar parte|gracias por (?:tu|su) interés|nuestro compromiso|con (?:mucha )?pasión|nuestro objetivo es|estamos orgullosos|sabemos lo importante",
    "que legal|que bom que|agradecemos (?:o seu|o teu|a sua|a tua|seu|sua) (?:contacto|contato|mensagem|interesse|preferência)|(?:estamos|está) sempre inovando|fique de olho|vem muita coisa boa|(?:o )?nosso compromisso|com (?:muito )?carinho|(?:o )?nosso objetivo é|temos orgulho|boa pergunta",
    "ottima domanda|bella domanda|la ringraziamo (?:per|di)|continu[ia] a seguirci|il meglio deve ancora venire|con passione|il nostro obiettivo è|siamo orgogliosi|il nostro impegno",
    // Policy talk in place of a reason: "Unsere Versandkonditionen orientieren sich stets an den geltenden
    // Rahmenbedingungen", "segue rigorosamente as normas regulatórias vigentes", "in overeenstemming met de algemene
    // voorwaarden", "gestisce ogni giorno migliaia di spedizioni con la massima cura".
    "orientier\\p{L}* sich (?:stets |immer |grundsätzlich )?an|(?:geltenden|gültigen|jeweiligen) (?:rahmenbedingungen|bestimmungen|richtlinien|vorgaben|vorschriften)|gemäß unseren (?:richtlinien|agb|bedingungen|vorgaben)",
    "conformément (?:à|a) (?:nos|notre|la) (?:conditions|politique|réglementation|règles)|(?:réglementation|politique|règles|normes) en vigueur|dans le (?:strict )?respect (?:de|des)",
    "(?:de acuerdo|conforme) (?:con|a) (?:nuestras?|la|las) (?:políticas?|normativas?|condiciones)|(?:normativa|políticas|normas) vigentes?|nos regimos por",
    "segue (?:rigorosamente|estritamente|todas) as (?:normas|regras)|normas regulatórias|preza (?:pela|pelo|por)|em conformidade com|(?:normas|regras|políticas) (?:vigentes|em vigor)",
    "con la massima (?:cura|attenzione|serietà|trasparenza)|ci impegniamo (?:costantemente|ogni giorno|quotidianamente|a garantire)|standard (?:di qualità )?(?:elevati|elevatissimi)|(?:normativa|regolamento|condizioni) (?:vigente|vigenti|in vigore)",
    "in overeenstemming met|(?:onze )?algemene voorwaarden|(?:het )?(?:geldende|huidige) beleid|periodiek herzien|(?:wij|we) danken u voor uw begrip",
    // The eleventh multilingual reply set: the company's self-portrait in place of the answer.
    "wir freuen uns (?:sehr )?(?:über|uber) ihr(?:e)? (?:interesse|nachricht|anfrage)|als \\p{L}+ unternehmen|(?:entwickeln|verbessern) (?:wir )?unsere \\p{L}+ (?:stetig|ständig|standig|kontinuierlich) weiter|wertvolle[sn]? feedback",
    "notre solution accompagne|(?:approche|démarche|demarche) centrée sur|innovation continue|nos experts sont passionnés|transformation digitale",
    "(?:tu|su) opinión es muy valiosa|experiencia inolvidable|(?:cada|todos los) (?:huésped|cliente)s? (?:es|son) (?:único|especial|importante)s?",
    "somos apaixonados|cada \\p{L}+ importa",
    "staan [^.!?]{0,40} centraal|samen bouwen we|(?:waar|zodat) iedereen zich thuis voelt",
    // The twelfth multilingual reply set: "Wir freuen uns sehr, dass du dich für unsere Blumen entschieden hast! … ein echtes
    // Unikat", "Valoramos enormemente a cada uno de los profesionales", "Wij geloven in een duurzame toekomst".
    "wir freuen uns (?:sehr )?,? dass|ein echtes unikat|mit viel liebe|valoramos (?:enormemente|mucho|muchísimo)|seguir construyendo|wij geloven in|we geloven in|samen met onze klanten|nous croyons en|acreditamos (?:em|que)|crediamo in",
    "wij danken u|we danken je|goede vraag|met (?:veel )?passie|ons doel is|we zijn trots|onze belofte|blijf ons volgen",
    // The company's mission in place of where the order is: "Bei uns dreht sich alles um leckeres Essen", "Nossa missão é …".
    "(?:bei uns )?dreht sich (?:bei uns )?alles um|tout tourne autour|todo gira (?:en torno|alrededor)|tudo gira em torno|tutto ruota attorno|(?:bij ons )?draait (?:bij ons )?alles om|(?:a )?nossa missão é|nuestra misión es|notre mission est|la nostra missione è|unsere mission ist|onze missie is|(?:obrigad[oa]|gracias|merci|grazie|danke|bedankt) (?:por|pour|per|für|fürs|voor) (?:escolher|elegir(?:nos)?|choisir|aver scelto|scegliere|kiezen)|(?:bedankt|dank je|dank u) dat (?:je|u) voor ons kiest|wij brengen elke dag|levar felicidade",
  ].join("|"),
  "u",
);

/** Canned machine phrasing: ticket acknowledgements, automated messages, "please rephrase", "press 1". */
export const FOREIGN_TEMPLATE_CUES: readonly CuePattern[] = [
  cue(
    0.8,
    "talks like a template",
    [
      "ihre (anfrage|nachricht|meldung|bestellung|beschwerde) (wurde|ist) (erfolgreich )?(eingegangen|registriert|erfasst|weitergeleitet|aufgenommen)|dies ist eine automatische (nachricht|antwort|e-mail)|bitte formulieren sie (ihre frage )?(neu|um)|ich habe (sie|ihre (frage|anfrage)|das) (leider )?nicht verstanden|bitte antworten sie nicht auf diese",
      "votre (demande|requête|message|réclamation|dossier) a (bien )?été (enregistrée|enregistré|reçue|reçu|transmise|transmis|pris en compte|prise en compte)|ceci est un message automatique|veuillez reformuler|je n'ai pas compris (votre (demande|question))?|merci de ne pas répondre",
      "su (solicitud|consulta|petición|mensaje|reclamación|incidencia|llamada) es (muy )?importante para nosotros|su (solicitud|consulta|petición|mensaje|reclamación|incidencia) (ha sido|fue) (recibida|registrada|recibido|registrado|tramitada)|este es un mensaje automático|(por favor,? )?reformule|no he entendido (su|tu) (pregunta|consulta)|no (le|te) he entendido",
      "(a sua|o seu|sua|seu) (solicitação|mensagem|pedido|reclamação|ocorrência|protocolo) foi (recebida|registada|registrada|recebido|registado|registrado|encaminhad[oa])|esta é uma mensagem automática|(por favor,? )?reformule|não (entendi|compreendi) (a sua|sua) (pergunta|mensagem)",
      "la sua (richiesta|segnalazione|pratica|domanda) è stata (ricevuta|registrata|inoltrata|presa in carico)|questo è un messaggio automatico|(la preghiamo di )?riformulare|non ho capito (la sua|la tua) (domanda|richiesta)",
      "uw (aanvraag|verzoek|vraag|bericht|klacht|melding) is (in goede orde )?(ontvangen|geregistreerd|doorgestuurd)|dit is een automatisch (bericht|antwoord)|(kunt u|kun je) (uw|je) vraag (anders )?(herformuleren|anders stellen)|ik begrijp (uw|je) vraag niet",
    ].join("|"),
  ),
  cue(
    0.8,
    MENU,
    "(drücken sie|wählen sie|tippen sie|geben sie|appuyez sur|tapez|choisissez|pulse|marque|escriba|pressione|digite|escolha|prema|premi|digiti|scegli|druk op|toets|typ|kies) (die |la |el |o |il |de )?(\\d|option \\d|opción \\d|opção \\d|opzione \\d|optie \\d)|(escolha|selecione|seleccione|elija|sélectionnez|choisissez|wählen sie|scegli|selezioni|kies) (uma|una|une|eine|un'|een) (opção|opción|option|opzione|optie)|(digite|tapez|escriba|tippen sie|digiti|typ) (o número|le chiffre|el número|die nummer|il numero|het nummer)",
  ),
];

/** A reply opening with a yes: "Natürlich!", "Bien sûr !", "¡Claro que sí!", "Com certeza!", "Certamente!", "Natuurlijk!". */
export const FOREIGN_AFFIRMATION =
  /^\W*(?:certíssimo|giustissimo|zeker weten|ma certo|helemaal terecht|klopt helemaal|sem dúvida|tem,? sim|faltaría más|aber natürlich|na klar|mais oui|claro que sim|ja|jawohl|natürlich|selbstverständlich|absolut|genau|klar|aber sicher|oui|absolument|bien sûr|tout à fait|exactement|évidemment|sí|sì|claro(?: que sí)?|por supuesto|desde luego|exacto|totalmente|sim|com certeza|exatamente|certamente|confirmo|confermo|je confirme|ich bestätige|bevestig|certo|assolutamente|esatto|certo che sì|ja hoor|zeker|absoluut|precies|natuurlijk|uiteraard)(?![\p{L}])/u;

/** A reply opening with a no: "Nein, …", "Non, …", "No, …", "Não, …", "Nee, …". With FOREIGN_AFFIRMATION, the yes or no a question asked for. */
export const FOREIGN_NEGATION = /^\W*(?:nein|leider nicht|non|pas encore|malheureusement|no|lamentablemente|todavía no|não|nao|infelizmente|ainda não|purtroppo|non ancora|nee|helaas|nog niet)(?![\p{L}])/u;

/**
 * A greeting or thanks and nothing else, in one of the six languages or English: "Bonsoir", "Olá", "Goedemiddag",
 * "Muchas gracias, sois muy majos", "valeu, resolveu aqui!", "Top, bedankt voor de snelle hulp!". Answering in kind is
 * the whole answer. (Read on the question, whatever language the reply looks like.)
 */
export const GREETING_OR_THANKS =
  /^\W*(?:(?:hallo|guten (?:tag|morgen|abend)|moin|servus|bonjour|bonsoir|salut|coucou|hola|buen[oa]s(?: (?:d[ií]as|tardes|noches))?|ol[áa]|oi|bom dia|boa (?:tarde|noite)|ciao|salve|buongiorno|buonasera|goede(?:morgen|middag|navond)|hoi)[\s!.,]*$|(?:(?:top|super|perfekt|parfait|perfecto|perfeito|perfetto|prima|toll|genial|great|perfect|awesome|ok(?:ay)?|super)\W+)?(?:danke|vielen dank|merci|gracias|muchas gracias|obrigad[oa]|valeu|grazie|bedankt|dank (?:je|u)|thanks|thank you|thx|cheers|ty)(?![\p{L}])[^?]{0,60}$)/u;

/** Answering a greeting or thanks in kind: "Bonsoir ! Que puis-je faire pour vous ?", "Graag gedaan!", "¡Gracias a ti!", "Prego!". */
export const FOREIGN_GREETING_REPLY =
  /^\W*(?:hallo|guten (?:tag|morgen|abend)|gern(?:e| geschehen)|bitte(?: sehr| schön)?|sehr gerne|bonjour|bonsoir|salut|de rien|avec plaisir|je vous en prie|merci à vous|hola|buen[oa]s|de nada|gracias a (?:ti|usted|vosotros)|un placer|ol[áa]|oi|bom dia|boa (?:tarde|noite)|disponha|imagina|por nada|que (?:ótimo|bom)|ciao|salve|buongiorno|buonasera|prego|figurati|di nulla|grazie a (?:lei|te|voi)|con piacere|goede(?:morgen|middag|navond)|hoi|graag gedaan|geen dank)(?![\p{L}])/u;

/** Effusive agreement: "Sie haben völlig recht!", "vous avez entièrement raison", "¡tienes toda la razón!". */
export const FOREIGN_YES_MAN_CUES: readonly CuePattern[] = [
  cue(
    0.6,
    "agrees effusively",
    "(está|estás|você está) coberto de razão|coberto de razão|klopt helemaal|helemaal terecht|faltaría más|sem (qualquer )?dúvida|assolutamente sì|certíssimo|(sie haben|du hast) (völlig|absolut|vollkommen|ganz|natürlich|voll und ganz) recht|vous avez (tout à fait|entièrement|complètement|parfaitement|absolument) raison|tu as (tout à fait|entièrement|complètement|parfaitement) raison|(tiene|tienes|usted tiene) (toda la|totalmente la|toda) razón|(você|voce|tu) (tem|tens) (toda a|total|toda) razão|(ha|hai) (perfettamente|assolutamente|proprio|pienamente) ragione|(u hebt|u heeft|je hebt) (helemaal|volkomen|absoluut) gelijk",
  ),
  cue(
    0.35,
    "opens with enthusiastic agreement",
    "(absolut|natürlich|selbstverständlich|aber natürlich|aber sicher|absolument|bien sûr|évidemment|avec plaisir|por supuesto|claro que sí|claro|desde luego|com certeza|claro que sim|certamente|assolutamente|certo|absoluut|natuurlijk|zeker weten|uiteraard)(!+|,)",
    { sentenceStart: true },
  ),
];

/** Imperatives that tell the user what to do: "Gehen Sie zu …", "cliquez sur …", "pulse …", "clique em …", "vada su …", "ga naar …". */
export const FOREIGN_INSTRUCTION_CUES: readonly CuePattern[] = [
  cue(
    0.5,
    "gives instructions",
    "(gehen|klicken|tippen|öffnen|wählen|geben|melden|laden|aktivieren|deaktivieren) sie (auf |zu |in |im |unter |ein |sich |die |das |den )?|(allez|cliquez|ouvrez|sélectionnez|appuyez|saisissez|connectez-vous|rendez-vous|activez|désactivez|téléchargez) (dans|sur|à|au|la|le|les|votre|l'|vos|en)|(vaya|haga clic|pulse|abra|seleccione|toque|introduzca|inicie sesión|active|desactive|descargue) (a|en|la|el|su|los|las|al)|(vá|clique|abra|selecione|toque|introduza|insira|inicie sessão|faça login|ative|desative|baixe) (a|em|o|na|no|as|os|sua|seu)|(vada|clicchi|apra|selezioni|tocchi|inserisca|acceda|attivi|disattivi|scarichi|vai|clicca|apri|seleziona|tocca|inserisci|accedi) (su|in|a|al|alla|la|il|le|i|nel|nella)|(ga|klik|open|kies|tik|selecteer|vul|log|activeer|zet) (naar|op|in|de|het|uw|je|aan|uit)",
  ),
];

/** Invented laws and absolute guarantees: "laut Verbraucherschutzgesetz 2019", "garanti à vie", "para siempre". */
export const FOREIGN_ABSOLUTE = new RegExp(
  `${START}(?:garantiert|garantieren|garanti(?:e|s|es)?|garantizad[oa]s?|garantizamos|garantid[oa]s?|garantimos|garantit[oa]|garantiamo|gegarandeerd|garanderen)${END}|${START}(?:für immer|lebenslang|ein leben lang|pour toujours|à vie|toute (?:ta|votre) vie|para siempre|de por vida|para toda la vida|para sempre|para o resto da vida|pelo resto da vida|para toda a vida|per sempre|a vita|per tutta la vita|voor altijd|levenslang|de rest van (?:je|uw) leven|sans (?:aucune )?exception|sin (?:ninguna )?excepci[oó]n|sem exce[cç][aã]o|senza (?:alcuna )?eccezion[ei]|zonder uitzondering|ohne ausnahme)${END}`,
  "gu",
);

export const FOREIGN_LAW = new RegExp(
  `${START}\\p{L}+(?:gesetz|gesetzes|verordnung|richtlinie)(?: von| aus)? (?:19|20)\\d\\d${END}|${START}(?:loi|décret|directive|règlement|ley|real decreto|decreto(?: legislativo| lei)?|lei|legge|wet|besluit) (?:n[°º.]? ?)?\\d[\\d/.-]+${END}|${START}(?:loi|ley|lei|legge|wet) (?:\\p{L}+ ){1,3}(?:de |del |van |du |da |do )?(?:19|20)\\d\\d${END}|§ ?\\d+|${START}(?:artikel|article|art\\.|artículo|articulo|artigo|articolo) ?\\d+[\\p{L}\\d:/.-]*(?: (?:lid|alinéa|al\\.|abs\\.|absatz|comma|inciso|apartado|par\\.|§) ?\\d+)?,? (?:(?:van|du|de|del|do|da|della|dello|des|der|des|dei) )(?:het |la |le |l'|el |o |a |il |den )?\\p{L}+`,
  "gu",
);
