/**
 * The message id of a frame that is refused unparsed (over the size limit, or over the rate limits), so the
 * client can tell which of its messages the refusal is for (README "Live protocol": `id` is echoed "when it can
 * be read").
 *
 * The frame is already in memory, but parsing it would copy its content (up to the runtime's message limit) only
 * to read a short field. So its top level is scanned instead: a string value is skipped with `indexOf` from quote
 * to quote (the content, nearly all of a frame, is one string), a nested object or array by counting brackets
 * outside strings. That finds `id` wherever it is, after the content too, and never one nested in another field
 * (a `custom` key named `id`); as JSON.parse would, the last `id` counts when there are several. Linear in the
 * frame, nothing allocated but the id.
 */
import { messageId } from "./protocol";

/** The frame's top-level `id`, when it is a string a message id may be; undefined when it cannot be read. */
export function frameId(data: string): string | undefined {
  let at = space(data, 0);
  if (data[at] !== "{") return undefined;
  at = space(data, at + 1);
  if (data[at] === "}") return undefined;
  let id: string | undefined;
  for (;;) {
    if (data[at] !== '"') return undefined;
    const keyEnd = stringEnd(data, at);
    if (keyEnd < 0) return undefined;
    const isId = keyEnd - at === 4 && data.startsWith('"id"', at);
    at = space(data, keyEnd);
    if (data[at] !== ":") return undefined;
    at = space(data, at + 1);
    const valueEnd = valueEndAt(data, at);
    if (valueEnd < 0) return undefined;
    if (isId) id = idValue(data, at, valueEnd);
    at = space(data, valueEnd);
    if (data[at] === "}") return id;
    if (data[at] !== ",") return undefined;
    at = space(data, at + 1);
  }
}

/** The longest a JSON string holding a message id can be: 128 characters, each written as `\uXXXX` at worst, and its quotes. */
const MAX_ID_TOKEN = 128 * 6 + 2;

/** The id a string token holds (its escapes decoded), if it is one a message may have; a non-string is none. */
function idValue(data: string, start: number, end: number): string | undefined {
  if (data[start] !== '"' || end - start > MAX_ID_TOKEN) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data.slice(start, end));
  } catch {
    return undefined; // a bad escape: not an id anyone could match
  }
  return typeof value === "string" && messageId.safeParse(value).success ? value : undefined;
}

/** The first index at or after `at` that is not JSON whitespace. */
function space(data: string, at: number): number {
  while (at < data.length && (data[at] === " " || data[at] === "\n" || data[at] === "\r" || data[at] === "\t")) at += 1;
  return at;
}

/** Just past the string whose opening quote is at `start`: the next quote not escaped (after an even run of backslashes); -1 if none. */
function stringEnd(data: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = data.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (data.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Just past the value that starts at `start` (a string, an object or array with all it holds, or a number or literal); -1 if it never ends. */
function valueEndAt(data: string, start: number): number {
  const first = data[start];
  if (first === '"') return stringEnd(data, start);
  if (first === "{" || first === "[") {
    let depth = 0;
    for (let at = start; at < data.length; ) {
      const c = data[at];
      if (c === '"') {
        at = stringEnd(data, at);
        if (at < 0) return -1;
        continue;
      }
      if (c === "{" || c === "[") depth += 1;
      else if (c === "}" || c === "]") depth -= 1;
      at += 1;
      if (depth === 0) return at;
    }
    return -1;
  }
  let at = start;
  while (at < data.length && !",}] \n\r\t".includes(data[at]!)) at += 1;
  return at === start ? -1 : at;
}
