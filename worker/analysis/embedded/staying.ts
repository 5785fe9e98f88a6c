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
