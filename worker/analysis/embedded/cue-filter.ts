import { literalsRequiredBy, UNSAFE_FOR_LOWER } from "./cue-literals";
import type { CuePattern } from "./cues";

/**
 * Which cues may match a message, before any regex runs. Each cue has two filters, each a condition no match can be
 * without: the literals its regex requires (cue-literals.ts, the rarest of them, anywhere in the match) and the
 * needles of its phrases (cues.ts, the first word of each). The first skips most cues; the second is kept so that
 * a cue runs on no message it did not run on before. A cue runs when both find one of their literals.
 *
 * Every literal of every cue seen so far is numbered once and indexed by its first three characters, so one pass
 * over a message's positions finds all the literals it holds, for the dozen cue lists one analysis runs on it —
 * instead of a pass per list, or a search per literal (over a thousand a message).
 */

interface Literal {
  text: string;
  /** Looked for in the lower-cased message (its cue ignores case), else in the message as written. */
  lower: boolean;
  /** The cues this literal lets run: by their required literals, and by their needles. */
  required: number[];
  needed: number[];
}

/** A cue's number and which of its filters hold (a filter it has not lets it run). */
export interface CueFilter {
  id: number;
  required: boolean;
  /** Its required literals are lower-cased: not to be trusted on text whose lower case changes them (cue-literals.ts). */
  requiredLower: boolean;
  needed: boolean;
}

const literals: Literal[] = [];
const literalIds = new Map<string, number>();
/** Literals of one or two characters, with no trigram to index them by: each is looked for in every message. */
const short: number[] = [];
const filters = new WeakMap<RegExp, Array<{ needles: readonly string[] | null; caseSensitive: boolean; filter: CueFilter }>>();
let cues = 0;
/** Grows with each cue registered: a message looked at before is looked at again for the new literals. */
let registered = 0;

/**
 * Three UTF-16 code units hashed to a small integer, so sets and maps of them hold V8's cheapest keys. Two
 * trigrams may share a key: a key only decides whether a literal is searched for, never whether it is found.
 */
export const trigramKey = (s: string, i: number): number => ((s.charCodeAt(i) * 65_599 + s.charCodeAt(i + 1)) * 65_599 + s.charCodeAt(i + 2)) & 0x3fffffff;

/**
 * The literals of three characters or more by their first three, in two chained hash tables (literals looked for in
 * the lower-cased message, and in the message as written): a slot's first literal, then each literal's next.
 */
// 4,096 slots for some 4,500 literals: small tables stay in the CPU's cache, which 65,536 slots did not (the
// search took three times as long inside a whole analysis as on its own).
const SLOT_BITS = 12;
const slotOf = (key: number) => (key ^ (key >>> SLOT_BITS)) & ((1 << SLOT_BITS) - 1);
const lowerSlots = new Int32Array(1 << SLOT_BITS).fill(-1);
const exactSlots = new Int32Array(1 << SLOT_BITS).fill(-1);
let next = new Int32Array(1024);
let keys = new Int32Array(1024);
/** The pass in which each literal was last found, so one found twice in a message is counted once. */
let foundIn = new Uint32Array(1024);
let exactLiterals = 0;

function grown<T extends Int32Array | Uint32Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

function literalId(text: string, lower: boolean): number {
  const name = `${lower ? "l" : "e"}${text}`;
  let id = literalIds.get(name);
  if (id === undefined) {
    id = literals.push({ text, lower, required: [], needed: [] }) - 1;
    literalIds.set(name, id);
    [next, keys, foundIn] = [grown(next, id + 1), grown(keys, id + 1), grown(foundIn, id + 1)];
    if (text.length < 3) short.push(id);
    else {
      const slots = lower ? lowerSlots : exactSlots;
      const key = trigramKey(text, 0);
      const slot = slotOf(key);
      keys[id] = key;
      next[id] = slots[slot] as number;
      slots[slot] = id;
      if (!lower) exactLiterals++;
    }
  }
  return id;
}

/**
 * A cue's filters, registered on its first use. Kept by its regex, so a copy of a cue (`{ ...p }`) made per call
 * registers nothing new: registering adds to the literals' lists of cues, which must not grow with every call.
 */
export function filterOf(p: CuePattern): CueFilter {
  const re = p.re;
  const needles = p.needles ?? null;
  const caseSensitive = p.caseSensitive === true;
  let variants = filters.get(re);
  const known = variants?.find((v) => v.needles === needles && v.caseSensitive === caseSensitive);
  if (known !== undefined) return known.filter;
  const literalsOfRe = literalsRequiredBy(re);
  const required = literalsOfRe !== null && literalsOfRe.length > 0 ? literalsOfRe : null;
  const f: CueFilter = { id: cues++, required: required !== null, requiredLower: required !== null && re.flags.includes("i"), needed: needles !== null };
  for (const text of required ?? []) literals[literalId(text, f.requiredLower)]?.required.push(f.id);
  for (const text of needles ?? []) literals[literalId(text, !caseSensitive)]?.needed.push(f.id);
  if (variants === undefined) filters.set(re, (variants = []));
  variants.push({ needles, caseSensitive, filter: f });
  registered++;
  return f;
}

/** The filters of a list of cues, kept for a list passed again (a module constant); a short list made per call is not kept. */
const listFilters = new WeakMap<readonly CuePattern[], CueFilter[]>();
const KEPT_LIST = 8;

export function filtersOf(patterns: readonly CuePattern[]): CueFilter[] {
  if (patterns.length < KEPT_LIST) return patterns.map(filterOf);
  let list = listFilters.get(patterns);
  if (list === undefined) listFilters.set(patterns, (list = patterns.map(filterOf)));
  return list;
}

/** The message last looked at: per cue, whether one of its literals of either kind was found in it (stamped with `pass`). */
let message: { text: string; pass: number; registered: number; unsafe: boolean } = { text: "", pass: 0, registered: -1, unsafe: false };
let foundRequired = new Uint32Array(1024);
let foundNeeded = new Uint32Array(1024);
let passes = 0;

function look(text: string): void {
  if (message.text === text && message.registered === registered) return;
  [foundRequired, foundNeeded] = [grown(foundRequired, cues), grown(foundNeeded, cues)];
  const pass = ++passes;
  const lower = text.toLowerCase();
  search(lowerSlots, lower, pass);
  if (exactLiterals > 0) search(exactSlots, text, pass);
  for (const id of short) {
    const literal = literals[id] as Literal;
    if ((literal.lower ? lower : text).includes(literal.text)) found(literal, pass);
  }
  message = { text, pass, registered, unsafe: UNSAFE_FOR_LOWER.test(text) };
}

/** Every literal of the table the haystack holds: where one occurs, its first three characters are the haystack's there. */
function search(slots: Int32Array, haystack: string, pass: number): void {
  for (let i = 0; i + 2 < haystack.length; i++) {
    const key = trigramKey(haystack, i);
    for (let id = slots[slotOf(key)] as number; id >= 0; id = next[id] as number) {
      if (keys[id] !== key || foundIn[id] === pass) continue;
      const literal = literals[id] as Literal;
      if (haystack.startsWith(literal.text, i)) {
        foundIn[id] = pass;
        found(literal, pass);
      }
    }
  }
}

function found(literal: Literal, pass: number): void {
  for (const cue of literal.required) foundRequired[cue] = pass;
  for (const cue of literal.needed) foundNeeded[cue] = pass;
}

/** Whether the cue may match the text: both its filters find one of their literals (or it has none of that kind). */
export function mayRun(text: string, f: CueFilter): boolean {
  look(text);
  if (f.required && foundRequired[f.id] !== message.pass && !(f.requiredLower && message.unsafe)) return false;
  return !f.needed || foundNeeded[f.id] === message.pass;
}
