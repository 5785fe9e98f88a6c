/**
 * One-pass tokenizer for chat text. It keeps offsets into the original string so the analyzer can
 * quote the exact span ("chunk") that drove a result, and it keeps the cues lexicon models care
 * about — emoji, emoticons, runs of "!"/"?", ALL CAPS — instead of discarding them as noise.
 */

export type TokenKind =
  | "word"
  | "emoji"
  | "emoticon"
  | "punct"
  | "number"
  | "mention"
  | "url"
  | "hashtag";

export interface Token {
  kind: TokenKind;
  /** Original text of the token. */
  raw: string;
  /**
   * Lower-cased, curly apostrophes straightened, letter runs of 3+ squeezed to 2 ("soooo" → "soo").
   * Hashtags lose their "#". Emoji lose skin-tone and variation selectors.
   */
  norm: string;
  start: number;
  end: number;
  /** Word written in capitals (2+ letters), e.g. "NOW". Only meaningful against the rest of the text. */
  caps: boolean;
  /** Word had a letter repeated 3+ times ("sooo", "gooood"), a common way to add emphasis in chat. */
  elongated: boolean;
}

// Emoticons are matched only as whole whitespace-delimited items (checked below) so "http://" or
// "3:00" can never become a smiley.
const EMOTICON =
  String.raw`<\/?3|[:;=8xX][-^o']?[)\]}(\[{DdPpOo3*|\\\/@$]+|[)(\]\[][-^']?[:;=]|\^_*\^|[-T>][_.][-T<]|o_O|O_o|:'[()]`;

// Numbered (not named) groups: named groups allocate a `groups` object per match, which doubled
// tokenizer time on long messages. Group order: 1 url, 2 emoticon, 3 mention, 4 hashtag, 5 word,
// 6 number, 7 emoji, 8 punctuation.
const TOKEN_RE = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+)`,
    String.raw`((?<![\p{L}\p{N}])(?:${EMOTICON})(?![\p{L}\p{N}]))`,
    String.raw`(@[\p{L}\p{N}_]+)`,
    String.raw`(#[\p{L}\p{N}_]+)`,
    String.raw`(\p{L}+(?:['’]\p{L}+)*)`,
    String.raw`(\p{N}+(?:[.,:]\p{N}+)*%?)`,
    String.raw`(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)`,
    String.raw`([!?¡¿]+|\.{2,}|…|[.,;:()"“”\-–—])`,
  ].join("|"),
  "gu",
);

const KINDS: readonly TokenKind[] = ["url", "emoticon", "mention", "hashtag", "word", "number", "emoji", "punct"];
const CURLY_APOSTROPHE = /’/g;

/** Squeezes letter runs of 3+ to 2 ("soooo" → "soo") without a regex, as it runs on every word. */
export function squeezeRepeats(word: string): string {
  let out = "";
  let run = 0;
  let prev = "";
  let changed = false;
  for (const ch of word) {
    run = ch === prev ? run + 1 : 1;
    prev = ch;
    if (run >= 3 && ch.toLowerCase() !== ch.toUpperCase()) {
      changed = true;
      continue;
    }
    out += ch;
  }
  return changed ? out : word;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const start = m.index;
    let g = 1;
    while (g < 8 && m[g] === undefined) g++;
    let kind: TokenKind = KINDS[g - 1] ?? "punct";
    if (kind === "emoticon") {
      // Require whitespace (or text edge) around an emoticon: "3:)" inside a word is not a face.
      const before = start === 0 ? " " : text[start - 1];
      const after = start + raw.length >= text.length ? " " : text[start + raw.length];
      if (!isBoundary(before) || !isBoundary(after)) kind = "punct";
    }

    let norm: string;
    let elongated = false;
    let caps = false;
    if (kind === "word" || kind === "hashtag") {
      const body = kind === "hashtag" ? raw.slice(1) : raw;
      let lower = body.toLowerCase();
      if (lower.includes("’")) lower = lower.replace(CURLY_APOSTROPHE, "'");
      norm = squeezeRepeats(lower);
      elongated = norm !== lower;
      // A word token is letters (and apostrophes) only, so "all upper case" is just a comparison.
      caps = kind === "word" && body.length >= 2 && body === body.toUpperCase() && body !== body.toLowerCase();
    } else if (kind === "emoticon") {
      norm = raw;
    } else if (kind === "punct") {
      norm = raw === "…" ? "..." : raw.replace(/¡/g, "!").replace(/¿/g, "?");
    } else {
      norm = raw.toLowerCase();
    }
    if (kind === "hashtag" && CAMEL_HUMP.test(raw)) {
      // "#ThankYouObama" is three words; reading it as one unknown tag would lose "thank".
      splitHashtag(raw, start, tokens);
      continue;
    }
    tokens.push({ kind, raw, norm, start, end: start + raw.length, caps, elongated });
  }
  return tokens;
}

const CAMEL_HUMP = /\p{Ll}\p{Lu}/u;
const CAMEL_PART = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+/gu;

function splitHashtag(raw: string, start: number, into: Token[]): void {
  CAMEL_PART.lastIndex = 0;
  for (let m = CAMEL_PART.exec(raw); m !== null; m = CAMEL_PART.exec(raw)) {
    const part = m[0];
    const lower = part.toLowerCase();
    const norm = squeezeRepeats(lower);
    const s = start + m.index;
    const isNumber = /^\p{N}+$/u.test(part);
    into.push({ kind: isNumber ? "number" : "word", raw: part, norm, start: s, end: s + part.length, caps: false, elongated: norm !== lower });
  }
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,!?"')(]/.test(ch);
}

/** A word written against digits ("BS6 5QT", "A4", "M25"): part of a postcode, model or code, not a word of the text. */
export function partOfCode(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  return (next?.kind === "number" && next.start === t.end) || (prev?.kind === "number" && prev.end === t.start);
}
