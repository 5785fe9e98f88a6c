import { STOPWORDS } from "./stopwords";

/**
 * The literals a compiled cue regex cannot match without: read from the regex itself, so they hold for every cue
 * (the phrase cues of cues.ts, the language packs' and the behaviours' own) and for the whole match, not only for
 * its first word. Of the parts every match needs ("frustrat", "the", "joke|nightmare|mess|…") the one least likely
 * in a message is kept: findCues runs a cue's regex only when one of those literals is in the message.
 *
 * Sound by construction: each construct yields only literals that any text it matches contains (lower-cased when
 * the regex ignores case), and anything not understood yields none. Under the `i` flag only literals of ASCII and
 * of caseless characters (CASELESS) are kept: an ASCII letter matches, case aside, only its two cases, U+017F "ſ"
 * (which lower-cases to itself, so findCues does not trust these literals on text containing it) and U+212A, the
 * Kelvin sign (which lower-cases to "k").
 */

/** The text characters a case-insensitive ASCII literal matches whose lower case is not that literal's. */
export const UNSAFE_FOR_LOWER = /\u017f/;

interface Info {
  /** Every string the node can match, when there are few (lower-cased for a case-insensitive regex); null when not. */
  exact: string[] | null;
  /** Sets of literals of which every match holds at least one (each a necessary condition; none holds ""). */
  parts: string[][];
}

const EMPTY: Info = { exact: [""], parts: [] };
const ANY: Info = { exact: null, parts: [] };
const MAX_EXACT = 64;
const MAX_CLASS = 8;

/** The needles of a regex: the rarest required set of literals, or null when no literal is required. */
export function literalsRequiredBy(re: RegExp): string[] | null {
  // Without the u flag "\\p{L}" is three letters and a surrogate pair two characters: only u regexes are read.
  if (!re.flags.includes("u") || re.flags.includes("v")) return null;
  try {
    const parser = new Parser(re.source, re.flags.includes("i"));
    const info = parser.disjunction();
    if (parser.at < re.source.length) return null;
    return best(info);
  } catch {
    return null;
  }
}

/** How likely a message holds one of the literals, roughly: short ones and function words nearly always do. */
function rarity(part: readonly string[]): number {
  let sum = 0;
  for (const s of part) {
    const letters = /[\p{L}\p{N}]/u.test(s);
    const word = s.trim();
    if (letters && s.length < 3) sum += 5;
    else if (COMMON.has(word)) sum += 0.5;
    else if (!letters) sum += 0.3;
    else sum += s.length >= 6 ? 0.03 : s.length === 5 ? 0.05 : s.length === 4 ? 0.1 : 0.2;
  }
  return sum;
}

/** Function words and their beginnings ("wha", "som"): in most messages. */
const COMMON: ReadonlySet<string> = new Set([...STOPWORDS].flatMap((w) => Array.from({ length: w.length }, (_, k) => w.slice(0, k + 1))));

function candidates(info: Info): string[][] {
  const out = [...info.parts];
  if (info.exact !== null && !info.exact.includes("")) out.push(info.exact);
  return out;
}

function best(info: Info): string[] | null {
  let chosen: string[] | null = null;
  let score = Infinity;
  for (const part of candidates(info)) {
    const s = rarity(part);
    if (s < score) [chosen, score] = [part, s];
  }
  return chosen;
}

const dedup = (xs: Iterable<string>): string[] => [...new Set(xs)];

function concat(items: readonly Info[]): Info {
  const parts: string[][] = [];
  let acc: string[] | null = [""];
  let broken = false;
  const flush = () => {
    if (acc !== null && !acc.includes("")) parts.push(acc);
  };
  for (const item of items) {
    parts.push(...item.parts);
    if (acc !== null && item.exact !== null && acc.length * item.exact.length <= MAX_EXACT) {
      const next: string[] = [];
      for (const a of acc) for (const b of item.exact) next.push(a + b);
      acc = dedup(next);
    } else {
      broken = true;
      flush();
      acc = item.exact;
    }
  }
  if (broken) flush();
  return { exact: broken ? null : acc, parts };
}

function alternation(branches: readonly Info[]): Info {
  if (branches.length === 1) return branches[0] as Info;
  let exact: string[] | null = [];
  for (const b of branches) exact = exact !== null && b.exact !== null ? [...exact, ...b.exact] : null;
  if (exact !== null) exact = dedup(exact);
  if (exact !== null && exact.length > MAX_EXACT) exact = null;
  const chosen = branches.map(best);
  const parts = chosen.every((c) => c !== null) ? [dedup(chosen.flat() as string[])] : [];
  return { exact, parts };
}

function quantified(info: Info, min: number, max: number): Info {
  if (max === 0) return EMPTY;
  if (min === 0) {
    const exact = max === 1 && info.exact !== null && info.exact.length < MAX_EXACT ? dedup([...info.exact, ""]) : null;
    return { exact, parts: [] };
  }
  if (min === 1 && max === 1) return info;
  return { exact: null, parts: candidates(info) };
}

/**
 * Characters a case-insensitive literal may hold: ASCII, and the emoji and typographic marks of chat that have no
 * case ("Ⓜ" has one: "ⓜ"). cue-literals.test.ts checks that no other character matches them, case aside.
 */
export const CASELESS = /^(?:[\u0000-\u007f’‘“”…–—]|(?![\p{Cased}\p{Changes_When_Casefolded}])\p{Extended_Pictographic})$/u;

/** A recursive-descent reader of the regex syntax the cues use; throws on anything else. */
class Parser {
  at = 0;
  constructor(
    private readonly src: string,
    private readonly ci: boolean,
  ) {}

  private peek(k = 0): string {
    return this.src[this.at + k] ?? "";
  }

  disjunction(): Info {
    const branches = [this.alternative()];
    while (this.peek() === "|") {
      this.at++;
      branches.push(this.alternative());
    }
    return alternation(branches);
  }

  private alternative(): Info {
    const items: Info[] = [];
    while (this.at < this.src.length && this.peek() !== "|" && this.peek() !== ")") items.push(...this.term());
    return concat(items);
  }

  /** A term as the items it puts in a row (a quantified one may be several). */
  private term(): Info[] {
    const atom = this.atom();
    return this.quantifier(atom);
  }

  private quantifier(atom: Info): Info[] {
    const c = this.peek();
    let min = 1;
    let max = 1;
    if (c === "*" || c === "+" || c === "?") {
      this.at++;
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Infinity;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (m === null) throw new Error("brace");
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return [atom];
    if (this.peek() === "?") this.at++;
    // x{m,n} is m x's then x{0,n-m}: the required x's join the literals before them ("hmm+" needs "hmm").
    if (min >= 1 && min <= 4 && max > min) return [...Array<Info>(min).fill(atom), quantified(atom, 0, max - min)];
    return [quantified(atom, min, max)];
  }

  private literal(ch: string): Info {
    if (!this.ci) return { exact: [ch], parts: [] };
    return CASELESS.test(ch) ? { exact: [ch.toLowerCase()], parts: [] } : ANY;
  }

  private atom(): Info {
    const c = this.peek();
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    this.at++;
    if (c === "^" || c === "$") return EMPTY;
    if (c === ".") return ANY;
    if (c === ")" || c === "*" || c === "+" || c === "?" || c === "{" || c === "|") throw new Error(`unexpected ${c}`);
    // A code point outside the BMP is one atom.
    const cp = this.src.codePointAt(this.at - 1) ?? 0;
    if (cp > 0xffff) {
      this.at++;
      return this.literal(String.fromCodePoint(cp));
    }
    return this.literal(c);
  }

  private group(): Info {
    this.at++; // (
    let kind: "plain" | "ahead" | "behind" | "negative" = "plain";
    if (this.peek() === "?") {
      const rest = this.src.slice(this.at, this.at + 3);
      if (rest.startsWith("?:")) this.at += 2;
      else if (rest.startsWith("?=")) [kind, this.at] = ["ahead", this.at + 2];
      else if (rest.startsWith("?!")) [kind, this.at] = ["negative", this.at + 2];
      else if (rest === "?<=") [kind, this.at] = ["behind", this.at + 3];
      else if (rest === "?<!") [kind, this.at] = ["negative", this.at + 3];
      else if (rest.startsWith("?<")) {
        const close = this.src.indexOf(">", this.at);
        if (close < 0) throw new Error("group name");
        this.at = close + 1;
      } else throw new Error("group");
    }
    const inner = this.disjunction();
    if (this.peek() !== ")") throw new Error("unclosed group");
    this.at++;
    if (kind === "plain") return inner;
    // A lookaround matches no text of its own; what a positive one looks at is in the message all the same.
    return kind === "negative" ? EMPTY : { exact: [""], parts: candidates(inner) };
  }

  /** A character of an escape, or null for a class or an assertion of several characters. */
  private escapedChar(inClass: boolean): string | null | "assertion" {
    this.at++; // backslash
    const c = this.peek();
    this.at++;
    if ("dDsSwW".includes(c)) return null;
    if (c === "p" || c === "P") {
      const close = this.src.indexOf("}", this.at);
      if (this.src[this.at] !== "{" || close < 0) throw new Error("property");
      this.at = close + 1;
      return null;
    }
    if (c === "b") return inClass ? "\b" : "assertion";
    if (c === "B") {
      if (inClass) throw new Error("\\B in class");
      return "assertion";
    }
    if (c === "n") return "\n";
    if (c === "r") return "\r";
    if (c === "t") return "\t";
    if (c === "v") return "\v";
    if (c === "f") return "\f";
    if (c === "0" && !/\d/.test(this.peek())) return "\0";
    if (c === "x") return this.hex(2);
    if (c === "u") {
      if (this.peek() === "{") {
        const close = this.src.indexOf("}", this.at);
        if (close < 0) throw new Error("\\u{");
        const cp = Number.parseInt(this.src.slice(this.at + 1, close), 16);
        this.at = close + 1;
        return String.fromCodePoint(cp);
      }
      return this.hex(4);
    }
    // Back-references, \c and \k<name> match text that cannot be told here.
    if (/[1-9ck]/.test(c)) throw new Error("unsupported escape");
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`unknown escape \\${c}`);
    return c;
  }

  private hex(n: number): string {
    const digits = this.src.slice(this.at, this.at + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error("hex");
    this.at += n;
    return String.fromCharCode(Number.parseInt(digits, 16));
  }

  private escape(): Info {
    const ch = this.escapedChar(false);
    if (ch === "assertion") return EMPTY;
    return ch === null ? ANY : this.literal(ch);
  }

  private charClass(): Info {
    this.at++; // [
    const negated = this.peek() === "^";
    if (negated) this.at++;
    const chars: string[] = [];
    let open = true; // false once the class holds something this cannot list
    while (this.peek() !== "]") {
      if (this.at >= this.src.length) throw new Error("unclosed class");
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.at++;
        const to = this.classAtom();
        if (from === null || to === null) throw new Error("class range");
        const a = from.codePointAt(0) ?? 0;
        const b = to.codePointAt(0) ?? 0;
        if (b - a >= MAX_CLASS) open = false;
        else for (let k = a; k <= b; k++) chars.push(String.fromCodePoint(k));
        continue;
      }
      if (from === null) open = false;
      else chars.push(from);
    }
    this.at++; // ]
    if (negated || !open || chars.length === 0) return ANY;
    const exact: string[] = [];
    for (const ch of chars) {
      const info = this.literal(ch);
      if (info.exact === null) return ANY;
      exact.push(...info.exact);
    }
    const set = dedup(exact);
    return set.length > MAX_CLASS ? ANY : { exact: set, parts: [] };
  }

  /** One character of a class, or null for an escape standing for many (\s, \p{L}). */
  private classAtom(): string | null {
    if (this.peek() === "\\") {
      const ch = this.escapedChar(true);
      if (ch === "assertion") throw new Error("assertion in class");
      return ch;
    }
    const cp = this.src.codePointAt(this.at) ?? 0;
    const ch = String.fromCodePoint(cp);
    this.at += ch.length;
    return ch;
  }
}
