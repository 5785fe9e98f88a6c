/**
 * Cutting user text to a length for previews, excerpts and stored summaries. A cut by UTF-16 code units can
 * split an emoji's surrogate pair, and the lone half left is not Unicode: JSON readers reject it, and SQLite
 * stores it as U+FFFD replacement characters. These cut between characters (code points) instead.
 */

/** The first `max` characters (code points) of `text`; the text itself when it has no more. */
export function firstChars(text: string, max: number): string {
  // Every code point is one or two code units: a text of at most `max` units has at most `max` characters.
  if (text.length <= max) return text;
  let units = 0;
  let count = 0;
  for (const char of text) {
    if (count === max) break;
    units += char.length;
    count += 1;
  }
  return text.slice(0, units);
}
