/**
 * What a search box may say, turned into an FTS5 query that cannot be malformed. People type words,
 * `"quoted phrases"` and `prefix*`; everything else FTS5 would read as syntax (parentheses, colons,
 * `AND`/`OR`/`NOT`, `^`, `+`, a stray quote) is taken as plain text. Every term is sent quoted, so no
 * input reaches FTS5 as an operator: a query either matches or it does not, it never fails to parse.
 */
import { z } from "zod";
import { SENTIMENT_LABELS } from "../analysis/labels";
import { languageCode } from "../analysis/language";
import { checkRangeOrder, instant, shortFilter } from "../analytics/params";
import { queryNumber } from "../schemas/common";

/** Longest query accepted: a sentence or two; longer is a mistake (or an attack) and answers 400. */
export const MAX_QUERY_LENGTH = 500;
/** Terms used from one query; more would only slow the index down without narrowing much. */
export const MAX_TERMS = 16;
/**
 * Shortest prefix (characters before the `*`): FTS5 merges the lists of every word a prefix starts, and
 * a one- or two-letter prefix starts most of the vocabulary (seconds over a million messages).
 */
export const MIN_PREFIX = 3;

export const SEARCH_ROLES = ["user", "assistant"] as const;

export const searchQuery = z
  .object({
    /** Words (all must occur), `"a phrase"`, `prefix*`. */
    q: z.string().trim().min(1, "must not be empty").max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`),
    page: queryNumber(z.coerce.number().int().min(1).max(50).default(1)),
    limit: queryNumber(z.coerce.number().int().min(1).max(50).default(20)),
    /** Who wrote the message. */
    role: z.enum(SEARCH_ROLES).optional(),
    /** When the message arrived: from (inclusive), to (exclusive). */
    from: instant.optional(),
    to: instant.optional(),
    /** The message's own sentiment label. */
    sentiment: z.enum(SENTIMENT_LABELS).optional(),
    /** Messages that raised this flag. */
    flag: z.string().regex(/^[a-z0-9_-]{1,64}$/, "must be a flag slug (a-z, 0-9, _ or -)").optional(),
    /** The conversation's main language (ISO 639-1, or `und`). */
    language: languageCode.optional(),
    /** The plan of the conversation's client organization, or of its user when it has none (case-insensitive). */
    plan: shortFilter.optional(),
    /** `auto` adds semantic results when the deployment has them; `fulltext` never does. */
    mode: z.enum(["auto", "fulltext"]).default("auto"),
  })
  .superRefine(checkRangeOrder)
  .superRefine((q, ctx) => {
    const terms = parseTerms(q.q);
    if (!terms.length) ctx.addIssue({ code: "custom", path: ["q"], message: "must contain a word (letters or digits)" });
    const short = terms.find((t) => t.prefix && [...t.text].length < MIN_PREFIX);
    if (short) ctx.addIssue({ code: "custom", path: ["q"], message: `a prefix needs at least ${MIN_PREFIX} characters before * (${short.text}*)` });
  });
export type SearchQuery = z.infer<typeof searchQuery>;

export interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

const WORDY = /[\p{L}\p{N}]/u;

/** The terms of a query in order: quoted phrases, words, words ending in `*` (prefixes). */
export function parseTerms(input: string): Term[] {
  const terms: Term[] = [];
  // A quote opens a phrase up to the next quote (or the end); outside quotes, whitespace separates words.
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  // Control characters separate words as the index's tokenizer reads them; a NUL inside the MATCH string
  // would end it early, and SQLite would refuse the expression.
  for (const match of input.replace(/\p{Cc}/gu, " ").matchAll(pattern)) {
    if (terms.length >= MAX_TERMS) break;
    if (match[1] !== undefined) {
      const text = match[1].trim();
      if (WORDY.test(text)) terms.push({ text, phrase: true, prefix: false });
      continue;
    }
    const raw = match[2]!;
    const prefix = raw.endsWith("*");
    const text = raw.replace(/\*+$/, "");
    if (WORDY.test(text)) terms.push({ text, phrase: false, prefix });
  }
  return terms;
}

/** The FTS5 MATCH expression: every term quoted (a quote inside doubled), joined by implicit AND. */
export function matchExpression(terms: readonly Term[]): string {
  return terms.map((t) => `"${t.text.replaceAll('"', '""')}"${t.prefix ? "*" : ""}`).join(" ");
}

/** The plain text a query means, for the embedding model (quotes and stars carry no meaning there). */
export function plainText(terms: readonly Term[]): string {
  return terms.map((t) => t.text).join(" ");
}
