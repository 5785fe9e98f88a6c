/**
 * The roles a product or provider is named in that make it no alternative the user weighs: something they integrate
 * with or pay through, money moved to or from it, their own bank, card, line or device, the carrier bringing their
 * parcel, the platform they play on, their employer, a place, the shop a purchase came through. A name in one of these
 * roles is no competitor mention (flags.ts), unless its sentence or the next compares it with us or chooses it over us
 * (bench/eval/README.md, 2.32.0: the two blind sets written for these roles).
 */
import { sentenceSpan } from "./cues";

/**
 * "Connect Slack", "integrate with Shopify", "pay with PayPal", "Akzeptiert ihr auch PayPal?": a product named as
 * something the user integrates with or pays through is not an alternative they are weighing.
 */
const INTEGRATION_BEFORE = /((integrat|connect|link|sync)\w*(\s+(with|to|into))?|(sync|pull|fetch)\w*(\s+[\w-]+){1,2}\s+(from|with|to|into)|(integr|connect|conect|collega|synchroni|sincroniz|verbind|koppel)\p{L}*(\s+[\p{L}-]+){0,3}\s+(with|to|into|avec|à|mit|an|con|com|met|aan)|import\w*|(export|upload|push)\w*(( [\w'-]+){0,3} (to|into))?|plugin|add-?on|(pay|paid|paying|payments?|checkout|check out)( [\w-]+){0,4} (with|via|by|through|using|from)(( [\w.]+,?)*( or| and|,))?|(log|sign) ?in (with|using|via)|(do|does|can|will) (you|u|ya|they) (also |still )?accept|login (with|using|via)|account on|webhooks? (to|from|for)|(akzeptiert ihr|akzeptieren sie|nehmt ihr|nehmen sie|acceptez-vous|accept(ez|es) vous|aceptan|aceptais|aceitam|aceitas|accettate|accetti|accepteren jullie|accepteert u|(be)?zahlen|payer|pagar|pagare|betalen)(\s+(auch|aussi|tambi[eé]n|tamb[eé]m|anche|ook|mit|per|par|avec|con|com|via|met|por))*)\s+(my\s+|our\s+|the\s+|a\s+|your\s+)?$/iu;
const INTEGRATION_AFTER =
  /^-(?:kanaal|kanal|canale|canal|channel|integration|integração|intégration|integración|integrazione|integratie|koppeling|anbindung|app|plugin)|^\s*((be)?zahlen|payouts?|payments|transactions|balance|dashboard|betalen|pagar|payer|pagare|integration|connector|plugin|app|add-?on|account|api|webhook|channel|workspace|store|shop|login|sso|export|import|sync|sales|orders|listings|seller|(zu\s+)?(exportieren|importieren|synchronisieren|verbinden|übertragen)|exporter|importer|synchroniser|exportar|importar|sincronizar|esportare|importare|sincronizzare|exporteren|importeren|synchroniseren|koppelen)\b/iu;
/** "my bank (Barclays) added a fee", "our bank, Rabobank, says": the user's own bank, named to explain, is no alternative. */
const OWN_BANK_BEFORE = /\b(my|our) (own )?bank(\s*\(|,)\s*$/i;
/**
 * "I bought the watch on Amazon and want to connect it", "Booked through Booking.com but want to add breakfast": the shop
 * or site a purchase came through, named to explain it — unless it is compared or chosen over us ("cheaper on Amazon",
 * "on Amazon instead").
 */
const CHANNEL_BEFORE = /\b(bought|purchased|ordered|booked)( [\w'-]+){0,4} (on|from|at|through|via)\s+$/i;
/**
 * What follows the shop's name: the purchase goes on with us ("… on Amazon and want to connect it", "bought tickets on
 * Ticketmaster for your festival, can I upgrade here?"); "… and ordered from Amazon." ends there.
 */
const GOES_ON_WITH_US = /^( [\w'-]+){0,4}[\s,]{0,3}(and|but|so|how|can|could|where|what|when|do|does|is|are|will|why|who)\b/i;
const CHOSEN_OVER_US = /\b(cheaper|instead|for less|better|next time|from now on|anymore|any more)\b/i;

/**
 * Money moved through it: "topped up via PayPal", "withdraw to paypal", "the refund went back to my Klarna", "cashed out
 * to Revolut". Transfers count only with money named ("transfer the money to my Monzo"): "transfer my number to
 * Vodafone" is leaving, and so is moving a salary or savings to another bank.
 */
const MONEY_MOVED_BEFORE =
  /\b(top(ped|ping|s)?[ -]?up|topup|withdr[ae]w\w*|cash(ed|ing)?[ -]?out|pay(ing)?[ -]?outs?|deposit\w*|refund\w*|reimburs\w*|(transfer\w*|sen[dt]\w*)( (the|my|our|all|some))? (money|funds|cash|balance|payment|winnings|[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?[$€£]|\d[\d.,]*\s?(euros?|dollars?|pounds?|quid|bucks)))( [\w'-]+){0,4}\s+(to|via|from|into|through|using|with|on|back to|onto)\s+(my\s+|our\s+|the\s+|a\s+)?$/i;

/**
 * The user's own account, card, line or device at a named provider, named to explain ("my Vodafone sim", "my Barclays
 * card", "our Gmail inbox", "my PlayStation"); a contract, bill or plan there is what they may leave for us ("our
 * Zendesk contract runs out").
 */
const OWN_BEFORE = /\b(my|our)\s+$/i;
const OWN_THING_AFTER =
  /^\s*([\w-]+\s+)?(sim|e-?sim|number|line|phone|mobile|network|signal|card|debit|credit|account|app|wallet|e-?mail|inbox|address|router|broadband|wifi|login|id|console|controller|watch|headset|speaker)\b/i;

/** Carriers: named where a parcel is, they are the shop's partner, not a rival. */
const CARRIERS = new Set(["dhl", "fedex", "ups", "usps", "postnl", "hermes", "evri", "dpd", "gls", "royal mail", "inpost", "correos", "la poste", "colissimo", "chronopost", "mondial relay", "bpost", "ctt", "seur", "poste italiane"]);
const PARCEL_WORDS =
  /(?<!\p{L})(parcels?|sent|send(ing)?|posted|mailed|pacotes?|estafetas?|repartidor\p{L}*|bezorger|corriere|fattorin\p{L}*|livreur\p{L}*|postbote|zusteller\p{L}*|packages?|deliver\p{L}*|couriers?|drivers?|track\p{L}*|shipment\p{L}*|ship(ped|ping)|dispatch\p{L}*|depot|lockers?|collect\p{L}*|pick(ed)? ?up|drop(ped)? ?off|left it|labels?|orders?|box|pakete?|sendung\p{L}*|zustell\p{L}*|geliefert|liefer\p{L}*|colis|livr\p{L}*|paquetes?|env[ií]os?|entreg\p{L}*|pedidos?|encomendas?|pacchi|pacco|spedizion\p{L}*|consegn\p{L}*|pakket\p{L}*|pakje|bezorg\p{L}*|zending\p{L}*)(?!\p{L})/iu;

/** Carriers named as the means of sending: "sent my passport by FedEx". */
const CARRIER_BEFORE = /\b(by|via|with|through|using)\s+$/i;

/**
 * Payment providers named about a payment of ours: "PayPal says the dispute was closed", "Klarna still shows the
 * instalment". Said of their refunds or fees in a comparison ("PayPal never held my money like this") they stay rivals.
 */
const PAYMENT_PROVIDERS = new Set(["paypal", "klarna", "afterpay", "stripe", "apple pay", "google pay", "venmo", "satispay", "bizum", "ideal", "mb way", "mercado pago"]);
const PAYMENT_WORDS =
  /(?<!\p{L})(dispute\p{L}*|chargeback\p{L}*|refund\p{L}*|payments?|paid|charge[sd]?|invoices?|instal+ments?|balance|transactions?|receipts?|debited|declined|(be)?zahl\p{L}*|rückzahlung|erstatt\p{L}*|abgebucht|abbuchung\p{L}*|gutschrift|pay[ée]\p{L}*|paiement\p{L}*|rembours\p{L}*|d[ée]bit\p{L}*|pag[oaó]\p{L}*|cobr\p{L}*|reembols\p{L}*|devol\p{L}*|estorno|rimbors\p{L}*|addebit\p{L}*|betaa?l\p{L}*|terugbetaling|terugstorting|afgeschreven)(?!\p{L})/iu;

/** Devices and game platforms played or run on: "crashes on my PlayStation", "auf der PlayStation"; "from Fitbit" is a source. */
const PLATFORMS = new Set(["playstation", "xbox", "nintendo", "steam", "epic games", "gog", "garmin", "fitbit", "alexa", "siri"]);
const ON_PLATFORM_BEFORE =
  /(?<!\p{L})(on|in|auf|am|im|sur|dans|en|em|no|na|su|sulla|nella|op)\s+((my|the|our|a|der|dem|meiner|meinem|ma|mon|la|le|el|mi|o|meu|minha|il|lo|mio|mia|de|het|mijn)\s+)?$/iu;
const PLATFORM_AFTER = /^\s*(version|edition|app|port|controllers?|console|store|account|players?|users?|friends?|trophies|achievements|saves?|cross)\b/i;

/** Where the user works: "I work at Amazon", "trabajo en Mercadona", "Lavoro in Enel". */
const EMPLOYER_BEFORE =
  /(?<!\p{L})(i|we) (work|am working|'m working)\s+(at|for)\s+$|(?<!\p{L})(work(ing)?|employed)\s+(at|for|by)\s+$|(?<!\p{L})(trabaj[oa]|trabalho|lavoro|arbeite|travaille|werk)\s+(en|para|na|no|em|in|da|per|presso|bei|für|chez|pour|à|bij|voor)\s+$/iu;

/** A place named by a shop or site in it: "the car park at Tesco", "parkplatz beim Rewe", "el parking del Carrefour". */
const PLACE_BEFORE =
  /(?<!\p{L})(car ?park|parking( lot)?|parkplatz|parkhaus|estacionamento|parcheggio|parkeer\p{L}*|garage|branch|filiale|entrance|entrada|ingresso|eingang)\s+((at|of|by|near|outside|beim|bei|vom|am|del|de|da|do|du|des|al|van|bij|dello|della)\s+)?((the|der|dem|el|la|le|o|a|il|lo|het|de)\s+)?$/iu;

/** The user's own card at a bank, named to explain: "la tarjeta de ING"; an account there is banking elsewhere. */
const ACCOUNT_AT_BEFORE = /(?<!\p{L})(tarjeta|carte|karte|cart[ãa]o|carta|kaart|pas)\s+((de|da|do|di|del|von|der|bei|van|bij|chez)\s+)?$/iu;

/** A purchase made elsewhere in the six languages (the English one is CHANNEL_BEFORE): "j'ai acheté la montre sur Amazon". */
const BOUGHT_AT_BEFORE =
  /(?<!\p{L})(achet[ée]\p{L}*|command[ée]\p{L}*|compr[éeaoi]\p{L}*|ordinat\p{L}*|gekauft|bestellt|adquiri\p{L}*)( [\p{L}'-]+){0,4} (sur|chez|à|en|no|na|em|pela|pelo|su|da|presso|bei|auf|über|via|op|bij)\s+$/iu;
const BOUGHT_AT_AFTER = /^\s*(gekocht|besteld|gekauft|bestellt)(?!\p{L})/iu;

/** Words that compare the name with us or pick it over us: a competitor, whatever its role. */
const ALTERNATIVE_SIGNS =
  /(?<!\p{L})(cheaper|instead|for less|better|faster|quicker|than|switch\p{L}*|rather|prefer\p{L}*|next time|from now on|any ?more|going (back )?to|go(ing)? with|mov(e|ing) to|offers?|gives?|for free|free of charge|at least|unlike|manage[sd]? to|currently (with|on|using)|go(es|ing)? through|over from|won'?t renew|not renewing|ditch\p{L}*|you too|you also|yours|el vuestro|la vuestra|le vôtre|la vôtre|il vostro|la vostra|o vosso|a vossa|o de vocês|eure[rn]?|jullie ook|ihr auch|vous aussi|anche voi|vosotros también|vocês também|voortaan|désormais|dorénavant|à l'avenir|künftig|ab jetzt|in zukunft|de ahora en adelante|a partir de ahora|daqui pra frente|a partir de agora|d'ora in poi|d'ora in avanti|günstiger|billiger|besser|schneller|stattdessen|lieber|wechsel\p{L}*|moins cher|mieux|plus rapide|plutôt|au lieu|más barato|mejor|más rápido|en vez|en lugar|mais barato|melhor|mais rápido|em vez|più economico|meglio|più veloce|invece|goedkoper|beter|sneller|in plaats van|liever|overstap\p{L}*)(?!\p{L})/iu;

/** Said to us in contrast: "DHL manages to deliver to my door, you can't even find my street", "your checkout doesn't". */
const WE_DO_NOT = /(?<!\p{L})(you|your [\p{L}-]+) (don'?t|doesn'?t|do not|does not|can'?t|cannot|won'?t)(?!\p{L})/iu;
/** The name as the subject of what it does for the user: "PayPal never held my money like this", "Lidl always has it". */
const DOES_MORE_AFTER = /^\s*(never|always|would(n'?t)?|just|even|actually)\b/i;

/** Brought over to us from it: "move my Steam copy to your launcher", "bring my saves over to your app". */
const BROUGHT_TO_US = /(?<!\p{L})(mov\p{L}*|transfer\p{L}*|import\p{L}*|bring|port(ing)?|migrat\p{L}*)(?!\p{L})[^.!?]{0,40}(?<!\p{L})(to|into|over to) (your|you)(?!\p{L})/iu;
/** Everything sent through another carrier from now on: "je vais tout envoyer en Mondial Relay". */
const SEND_EVERYTHING = /(?<!\p{L})(send|ship|envoy\p{L}*|verstuur|versend\p{L}*|spedi\p{L}*|envi\p{L}*|mand\p{L}*)\s+((\p{L}+)\s+)?(everything|all|alles|tout|todo|tudo|tutto)(?!\p{L})|(?<!\p{L})(everything|alles|tout|todo|tudo|tutto)\s+(send|ship|envoyer|versturen|verschicken|enviar|mandar|spedire)(?!\p{L})/iu;

/** The sentence after `span` ends where that one ends, or `span`'s own end when none follows. */
function nextSentenceEnd(text: string, span: { start: number; end: number }): number {
  const next = text.slice(span.end).search(/[^\s]/);
  if (next < 0) return span.end;
  const at = span.end + next;
  return sentenceSpan(text, at, at + 1).end;
}

/** Whether the name at [start, end) is named in a role that makes it no alternative (above). */
export function namedInPassing(text: string, start: number, end: number): boolean {
  // Wide enough for "pay for the domain renewal with PayPal": the payment verb four words before the name.
  const before = text.slice(Math.max(0, start - 50), start);
  const after = text.slice(end, end + 40);
  if (INTEGRATION_BEFORE.test(before) || INTEGRATION_AFTER.test(after) || OWN_BANK_BEFORE.test(before)) return true;
  const name = text.slice(start, end).toLowerCase().replace(/\s+/g, " ");
  // The name's sentence, found once: several roles below and the comparison check read it.
  const span = sentenceSpan(text, start, end);
  const sentence = () => text.slice(span.start, span.end);
  if (CHANNEL_BEFORE.test(before) && GOES_ON_WITH_US.test(after) && !CHOSEN_OVER_US.test(sentence())) return true;
  // A purchase elsewhere followed by a question to us ("… sur Amazon, comment j'active la garantie chez vous ?").
  const boughtThere = (BOUGHT_AT_BEFORE.test(before) || BOUGHT_AT_AFTER.test(after)) && sentence().includes("?");
  const inPassing =
    boughtThere ||
    MONEY_MOVED_BEFORE.test(before) ||
    EMPLOYER_BEFORE.test(before) ||
    PLACE_BEFORE.test(before) ||
    ACCOUNT_AT_BEFORE.test(before) ||
    (OWN_BEFORE.test(before) && OWN_THING_AFTER.test(after)) ||
    (CARRIERS.has(name) && (CARRIER_BEFORE.test(before) || PARCEL_WORDS.test(sentence()))) ||
    (PAYMENT_PROVIDERS.has(name) && PAYMENT_WORDS.test(sentence())) ||
    (PLATFORMS.has(name) && (ON_PLATFORM_BEFORE.test(before) || OWN_BEFORE.test(before) || PLATFORM_AFTER.test(after)));
  if (!inPassing) return false;
  // The sentence and the one after it, where a comparison often lands ("X always has space. Yours are full.").
  const around = text.slice(span.start, nextSentenceEnd(text, span));
  return !ALTERNATIVE_SIGNS.test(around) && !WE_DO_NOT.test(around) && !BROUGHT_TO_US.test(around) && !SEND_EVERYTHING.test(around) && !DOES_MORE_AFTER.test(after);
}
