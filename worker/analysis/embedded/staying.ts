/**
 * Words that say the customer stays, read beside the churn cues of every language.
 */

/**
 * "Not cancelling, just asking", in the seven languages: the model, reading words and pairs, takes "cancelling" or
 * "disdire" for leaving, and the negation in another word ("non voglio disdire", "ik zeg niet op") for nothing.
 */
export const NOT_LEAVING =
  /(?<![\p{L}])(?:(?:i'?m|i am|im|we'?re|we are) not (?:cancel+ing|leaving|quitting|switching|going anywhere|unsubscribing)|not (?:looking|planning|trying|going|wanting) to (?:cancel|leave|quit|switch)|(?:i|we) (?:don'?t|do not) want to (?:cancel|leave|quit|switch)|no (?:voy|vamos|quiero|queremos) (?:a )?(?:cancelar|darme de baja|dar de baja|irme)|n[ãa]o (?:vou|vamos|quero|queremos) (?:cancelar|sair)|(?:je|nous) ne (?:veux|voulons|vais|vais pas|compte|comptons) pas (?:r[ée]silier|annuler|partir)|(?:je|nous) ne (?:r[ée]silie|r[ée]silions|pars|partons) pas|ich (?:will|m[öo]chte|werde) (?:nicht|gar nicht|auf keinen fall) k[üu]ndigen|ich k[üu]ndige nicht|non (?:voglio|vogliamo|ho intenzione di|sto per) (?:disdire|cancellare|annullare|andarmene|lasciare)|non disdico|ik (?:zeg|zeggen) (?:niet|niks) op|(?:ik|we|wij) (?:wil|willen|ga|gaan) niet opzeggen)/iu;

/** Pausing in the seven languages ("pause", "pausing", "pausieren", "mettre en pause", "pausar", "sospendere", "pauzeren"). */
const PAUSING = /(?<![\p{L}])(?:paus\p{L}*|pauz\p{L}*|sospend\p{L}*|suspend\p{L}*|congel\p{L}*|aussetzen)/iu;

/**
 * "Non voglio disdire, volevo solo capire se posso sospendere l'abbonamento": a pause asked about by someone who has
 * just said they are not leaving is no churn; every other cue stands. `original` is what NOT_LEAVING reads, `text` the
 * (possibly folded) text the hits' offsets point into.
 */
export function withoutPauseWhenStaying<H extends { start: number; end: number }>(original: string, text: string, hits: H[]): H[] {
  if (hits.length === 0 || !NOT_LEAVING.test(original)) return hits;
  return hits.filter((h) => !PAUSING.test(text.slice(h.start, h.end)));
}

/**
 * "Please cancel my appointment on 14 March", "cancelar la cita de mañana": a visit, a booking or an order called off
 * is no leaving, though the model learned "cancel" from people who were. Read where the model's first word stands,
 * unless leaving is said beside it (LEAVING_BESIDE).
 */
export const CANCELS_ONE_OFF =
  /^(?:cancel\p{L}*|annul\p{L}*|storn\p{L}*|afzeggen|zeg\p{L}* af)\s+(?:(?:my|the|our|this|that|today's|tomorrow's|next|a|an|o|la|el|le|les|l'|mon|ma|mes|mi|meu|minha|mein|meinen|meine|den|die|das|de|het|mijn|il|lo|mio|mia)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:appointments?|bookings?|reservations?|orders?|visits?|sessions?|class(?:es)?|lessons?|deliver(?:y|ies)|table|rides?|trips?|flights?|consultations?|calls?|viewings?|slots?|meetings?|aula|consulta|reserva|pedido|encomenda|cita|clase|turno|rendez-vous|r[ée]servation|commande|cours|termin|bestellung|buchung|afspraak|bestelling|reservering|appuntamento|prenotazione|ordine|lezione|visita)(?![\p{L}])(?!\s+(?:pass|plan|subscription|membership|box|service|account|contract|club|package|bundle|abo|abonnement|assinatura|suscripci[oó]n)(?![\p{L}]))/iu;

/** Leaving said beside the cancellation ("We've decided to go with another venue. Please cancel our booking"). */
export const LEAVING_BESIDE = /\b(?:another|elsewhere|other (?:provider|company|supplier|venue|shop|store|bank)|switch\w*|moving (?:to|abroad|away)|leav(?:e|ing)|competitor|go(?:ing)? with|for good)\b/i;

/**
 * "We've outgrown the starter plan": a customer too big for their plan grows with it; "we've outgrown it" (the cues'
 * leaving) names no plan. The second opinion learned "starter" and "plan" from downgrades.
 */
export const OUTGROWN_PLAN = /\boutgr(?:own|ew|owing) (?:the|our|my|this|your) (?:[\w-]+ )?(?:plan|tier|package|subscription|bundle|licen[cs]e)s?\b/i;
