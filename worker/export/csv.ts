/**
 * CSV as spreadsheets read it (RFC 4180): fields with a comma, a quote or a line break are quoted, quotes
 * doubled, lines end in CRLF. A text cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return) is prefixed with `'`, so a user's message such as `=HYPERLINK(…)` opens as text, not as a
 * formula (OWASP "CSV injection"). Numbers are written as numbers.
 */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(",")}\r\n`;
