/**
 * Case- and accent-folding that keeps offsets: users often type "nao funciona" or "resilier" without
 * accents, so every word list is written without them and matched against a folded copy of the text.
 * Offsets found in the folded copy must still point into the original text (for `chunk` and CueHit),
 * so the fold is one character for one character whenever it can be, and otherwise carries a map.
 */

export interface Folded {
  /** Lower-cased, accents removed, apostrophes turned into spaces. */
  text: string;
  /** origin[i] = index in the original of folded character i (length + 1 entries); absent when 1:1. */
  origin: Int32Array | undefined;
}

const COMBINING = /[\u0300-\u036f]/;

/** Single-character replacements for the Latin-1 and Latin Extended-A/B letters, built once. */
const TABLE: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (let c = 0xc0; c <= 0x24f; c++) {
    const ch = String.fromCharCode(c);
    const base = ch.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (base.length === 1 && base !== ch) m.set(ch, base);
  }
  // Elisions become two words ("l'abonnement" → "l abonnement", "n'arrive" → "n arrive"), so
  // gaps and negators in the word lists see them as words.
  m.set("ø", "o").set("Ø", "o").set("’", " ").set("‘", " ").set("ʼ", " ");
  // ß stays ß (word lists write "(ss|ß)"); œ and æ stay too, they are one letter to a reader.
  m.delete("ß");
  return m;
})();

const NON_ASCII = /[^\x00-\x7f]/g;
const APOSTROPHE = /'/g;

function foldChar(ch: string): string {
  return TABLE.get(ch) ?? ch;
}

export function fold(text: string): Folded {
  const lower = text.toLowerCase();
  if (lower.length === text.length && !COMBINING.test(text)) {
    return { text: lower.replace(NON_ASCII, foldChar).replace(APOSTROPHE, " "), origin: undefined };
  }
  // Rare path (decomposed accents, "İ"): fold per character and remember where each came from.
  let out = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (COMBINING.test(ch)) continue;
    const code = text.charCodeAt(i);
    // Keep surrogate pairs (emoji) together.
    const unit = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : ch;
    const lowered = unit.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const folded = lowered === "'" ? " " : lowered.length === 1 ? foldChar(lowered) : lowered;
    for (let k = 0; k < folded.length; k++) {
      out += folded[k];
      origin.push(i);
    }
    if (unit.length === 2) i++;
  }
  origin.push(text.length);
  return { text: out, origin: Int32Array.from(origin) };
}

/** Maps a folded offset back into the original text. */
export function originalOffset(f: Folded, i: number): number {
  if (f.origin === undefined) return i;
  return f.origin[Math.min(i, f.origin.length - 1)] ?? i;
}
