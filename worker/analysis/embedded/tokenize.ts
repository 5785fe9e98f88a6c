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

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>https?:\/\/\S+|www\.\S+)`,
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:${EMOTICON})(?![\p{L}\p{N}]))`,
    String.raw`(?<mention>@[\p{L}\p{N}_]+)`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+)`,
    String.raw`(?<word>\p{L}+(?:['’]\p{L}+)*)`,
    String.raw`(?<number>\p{N}+(?:[.,:]\p{N}+)*%?)`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)`,
    String.raw`(?<punct>[!?¡¿]+|\.{2,}|…|[.,;:()"“”\-–—])`,
  ].join("|"),
  "gu",
);

const CURLY_APOSTROPHE = /’/g;
const LONG_RUN = /(\p{L})\1{2,}/gu;
const HAS_LOWER = /\p{Ll}/u;
const LETTERS_ONLY = /^\p{Lu}{2,}$/u;

export function squeezeRepeats(word: string): string {
  return word.replace(LONG_RUN, "$1$1");
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const g = m.groups ?? {};
    let kind: TokenKind;
    if (g.url !== undefined) kind = "url";
    else if (g.emoticon !== undefined) {
      // Require whitespace (or text edge) around an emoticon: "3:)" inside a word is not a face.
      const before = start === 0 ? " " : text[start - 1];
      const after = start + raw.length >= text.length ? " " : text[start + raw.length];
      kind = isBoundary(before) && isBoundary(after) ? "emoticon" : "punct";
    } else if (g.mention !== undefined) kind = "mention";
    else if (g.hashtag !== undefined) kind = "hashtag";
    else if (g.word !== undefined) kind = "word";
    else if (g.number !== undefined) kind = "number";
    else if (g.emoji !== undefined) kind = "emoji";
    else kind = "punct";

    let norm: string;
    let elongated = false;
    let caps = false;
    if (kind === "word" || kind === "hashtag") {
      const body = kind === "hashtag" ? raw.slice(1) : raw;
      const lower = body.toLowerCase().replace(CURLY_APOSTROPHE, "'");
      norm = squeezeRepeats(lower);
      elongated = norm !== lower;
      caps = kind === "word" && LETTERS_ONLY.test(body.replace(CURLY_APOSTROPHE, "")) && !HAS_LOWER.test(body);
    } else if (kind === "emoticon") {
      norm = raw;
    } else if (kind === "punct") {
      norm = raw.replace(/¡/g, "!").replace(/¿/g, "?").replace("…", "...");
    } else {
      norm = raw.toLowerCase();
    }
    tokens.push({ kind, raw, norm, start, end: start + raw.length, caps, elongated });
  }
  return tokens;
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,!?"')(]/.test(ch);
}
