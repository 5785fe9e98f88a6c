/**
 * What of a message is prose a person wrote, as opposed to code, logs and data they pasted.
 *
 * Users paste stack traces, JSON and log lines into support chats all the time. Read as words,
 * a calm "TypeError: Cannot read properties of undefined" is furious and `"priority":"urgent"`
 * is an urgent request. Everything here works by *masking*: the pasted parts are replaced by
 * spaces, so the text keeps its length and every offset (the quoted chunk of a result) stays
 * valid against the stored message. The message itself is stored and shown unchanged.
 */

/** Cheap pre-check: most chat messages contain none of these and skip the line scan. */
const MAYBE_PASTED = /[`'{}<>[\]=;\n]|\bat\s|Error|ERR|FATAL|PANIC|CRIT|WARN|Exception|Traceback|SELECT|UPDATE|INSERT|DELETE/;

/** ``` fenced blocks ``` and `inline code`. */
const FENCED = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]{1,400}`/g;

/** SQL written inline ("SELECT … WHERE status = 'failed';") and quoted identifiers ('order_id', 'v2.1'). */
const INLINE_SQL = /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[^;\n]{0,400}(?:;|(?=\n)|$)/g;
const QUOTED_LITERAL = /(?<![\p{L}\p{N}])'[\w.-]*[_.\d][\w.-]*'(?![\p{L}\p{N}])/gu;

/** A JSON object or array written inline in a sentence: `{"priority":"urgent","id":4}`. */
const INLINE_JSON = /[{[]\s*[{[]?\s*"[^"\n]{0,80}"\s*:[^\n]*?[}\]](?=[\s.,;!?)]|$)/g;
/**
 * A log line pasted after the question on the same line ("How do I read this? [2026-11-20 10:00:01] FATAL db …", "Is this
 * normal? FATAL: password authentication failed"): from its timestamp and level, or its level, to the line's end, after a
 * sentence. A date alone is no log ("I AM sending ISO 8601: 2024-03-05T10:00:00+01:00. what format does it want??").
 * A question the user asks after it on that line stays ("Sync stopped. ERROR: token expired, what does that mean??").
 */
const INLINE_LOG =
  /(?<=[.?!:]\s+)(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}\S*\]?\s+\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|PANIC)\b|\[?(?:TRACE|DEBUG|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|PANIC)\]?:\s)[^\n]*?(?=[,;]\s*(?:what|how|why|when|where|which|can|could|should|is|are|do|does|did|any|anyone|pls|please|help)\b[^\n]*\?\s*(?:\n|$)|\n|$)/g;
/** Quoted machine output ("fatal: Authentication failed for 'https://…'"): a colon or slash inside quotes. */
const QUOTED_OUTPUT = /"[^"\n]{0,200}(?::\s|\/)[^"\n]{0,200}"/g;

/** A log level opening a line: "ERROR: …", "[WARN] …". */
const LEVEL_PREFIX = /^\s*\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|PANIC)\]?[\s:|]/;

/** Whole lines that are machine output rather than prose. */
const PASTED_LINE: readonly RegExp[] = [
  /^\s*at\s+[\w$.<>\[\]/]+\s*\(?.*[:)]\s*$/, // JS/Java stack frame
  /^\s*at\s+[\w$.<>/]+\s*$/, // bare frame "at Object.<anonymous>"
  /^\s*Traceback \(most recent call last\):/,
  /^\s*File ".*", line \d+/, // Python frame
  /^\s*(?:Caused by|Exception in thread|Uncaught|Unhandled)\b.*[:]/,
  /^\s*(?:[\w.$]+\.)?[A-Z]\w*(?:Error|Exception|Fault)\b(?::|\s*\(|$)/, // TypeError: …, java.io.IOException
  /^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, // 2026-11-30T10:22 … log line
  /^\s*\[?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s/, // 10:22:31.004 …
  /^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}[ T]+\d{1,2}:\d{2}/, // 01.10.2024 04:21:56 …
  /^\s*\[[\w.:/@-]+\]\s/, // [checkout-web] …
  /^\s*[VDIWEF]\/[\w.$-]+(?:\(\s*\d+\))?:/, // Android logcat E/AndroidRuntime:
  /^\s*(?:Process|PID|TID|Thread|Build|Version|Device|Host|Request|Response|Status|Code|Trace|Request-Id|X-[\w-]+|upstream|downstream|Caused by|at|in|error|exception|stack|errno|signal)\s*[:=]\s*\S/i, // key: value diagnostics
  LEVEL_PREFIX,
  /^\s*(?:\$|>|#|PS [A-Z]:\\[^>]*>)\s+\S/, // shell prompt
  /^\s*(?:curl|wget|npm|npx|yarn|pnpm|pip3?|git|docker|kubectl|ssh|sudo|cd|ls|cat|python3?|node|go|cargo|brew|apt(?:-get)?|make|terraform|aws|gcloud|az)\s+-{0,2}\w/, // a command
  /^\s{2,}\S.*[=(){};]/, // indented code
  /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*/, // request line
  /^\s*HTTP\/\d(?:\.\d)? \d{3}/, // status line
  /^\s*[{}[\]],?\s*$/, // a lone brace of a JSON block
  /^\s*"[^"]*"\s*:\s*.*[,{[]?\s*$/, // "key": value, inside a JSON block
  /^\s*<\/?[A-Za-z][\w:.-]*(?:\s[^>]*)?\/?>.*$/, // XML/HTML line
  /^\s*(?:const|let|var|function|class|import|export|return|def|if|for|while|public|private|SELECT|INSERT|UPDATE|DELETE FROM)\b.*[;{(:=]\s*$/, // code statement
];

const KEY_VALUE = /^\s*[\p{L}][\p{L}\p{N} ./#()-]{0,30}:\s*\S/u;
/** Rows of a semicolon-separated export: four or more fields with no spaces between. */
const DELIMITED_ROW = /[^\s;]+(?:;[^\s;]*){3,}/g;

/** A line whose characters are mostly symbols is code or data whatever it starts with. */
function symbolHeavy(line: string): boolean {
  if (line.length < 12) return false;
  let symbols = 0;
  let visible = 0;
  for (const ch of line) {
    if (ch === " " || ch === "\t") continue;
    visible++;
    if ("{}[]()<>;=:\"'`$\\/|_*&^%#@+~".includes(ch)) symbols++;
  }
  return visible > 0 && symbols / visible > 0.3;
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, " ");
}

/** The message with pasted code, logs and data replaced by spaces (same length, same offsets). */
export function maskPasted(text: string): string {
  if (!MAYBE_PASTED.test(text)) return text;
  let out = text.replace(FENCED, blank).replace(INLINE_JSON, blank).replace(INLINE_SQL, blank).replace(QUOTED_OUTPUT, blank).replace(QUOTED_LITERAL, blank).replace(DELIMITED_ROW, blank).replace(INLINE_LOG, blank);
  // "CRITICAL: database connections exhausted, customers can't check out. Need someone on a call ASAP.": in a message of
  // one line a log level is a person's headline (a lone pasted line, "ERROR: Connection refused", reads as the trouble
  // it reports either way); in a block of lines it marks the log.
  if (!out.includes("\n") && !PASTED_LINE.some((re) => re !== LEVEL_PREFIX && re.test(out))) return out;
  const lines = out.split("\n");
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (PASTED_LINE.some((re) => re.test(line)) || symbolHeavy(line)) {
      lines[i] = blank(line);
      changed = true;
    }
  }
  // A block of three or more "Label: value" lines is a form or record pasted in (claim details, a booking).
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) for (const k of run) lines[k] = blank(lines[k] ?? "");
    if (run.length >= 3) changed = true;
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (KEY_VALUE.test(lines[i] ?? "")) run.push(i);
    else flush();
  }
  flush();
  if (changed) out = lines.join("\n");
  return out;
}

/**
 * Cue matching is linear but runs many patterns, so a 32 KB message costs milliseconds. A message
 * longer than this keeps its head, its tail and a window around every word that can start a cue
 * (cancel, urgent, refund, switch …, in every supported language); the rest is masked. Nothing is
 * cut: a cancellation at the end of a 15 KB message is still seen.
 */
export const FOCUS_THRESHOLD = 6000;
const HEAD = 2000;
const TAIL = 2000;
const WINDOW = 240;

/** Stems that start a churn, urgency, frustration or buying cue in any supported language. */
const TRIGGERS =
  /cancel|unsubscri|refund|renew|downgrad|terminat|clos(e|ing) (my|our)|switch|migrat|leav|mov(e|ing) to|competitor|alternativ|chargeback|lawyer|urgent|asap|immediately|critical|emergency|deadline|escalat|down\b|outage|losing|frustrat|annoy|ridiculous|unacceptable|fed up|sick of|waiting|confus|understand|price|pricing|quote|upgrade|trial|demo|kündig|abo|wechs|dringend|sofort|résili|résil|urgent|abonnement|cancelar|baja|urgente|disdett|disdire|annull|opzeg|overstap|spoed|!!/gi;

/** The parts of a long message worth reading, everything else masked (same length, same offsets). */
export function focus(text: string): string {
  if (text.length <= FOCUS_THRESHOLD) return text;
  const keep = new Uint8Array(text.length);
  keep.fill(1, 0, HEAD);
  keep.fill(1, text.length - TAIL);
  TRIGGERS.lastIndex = 0;
  for (let m = TRIGGERS.exec(text); m !== null; m = TRIGGERS.exec(text)) {
    keep.fill(1, Math.max(0, m.index - WINDOW), Math.min(text.length, m.index + m[0].length + WINDOW));
  }
  let out = "";
  let runStart = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && keep[i] === keep[runStart]) continue;
    const run = text.slice(runStart, i);
    // A masked gap keeps its line breaks, so the words on either side never join into a phrase.
    out += keep[runStart] === 1 ? run : blank(run).replace(/^ /, "\n");
    runStart = i;
  }
  return out;
}

/** Prose to analyse: pasted material masked first, then long messages focused. */
export function prose(text: string): string {
  return focus(maskPasted(text));
}

/**
 * The prose of the messages analysed lately, by text. A message is read again as context by the next
 * CONTEXT_TURNS messages of its conversation, and masking it each time was ~8 % of a message's analysis.
 * Bounded (entries, and only texts up to KEPT_MAX_CHARS), oldest out first; an isolate's conversations share it.
 */
const kept = new Map<string, string>();
const KEPT_ENTRIES = 256;
const KEPT_MAX_CHARS = 4000;

/** The prose of the message being analysed, kept for the messages after it. */
export function proseOfMessage(text: string): string {
  const out = prose(text);
  if (text.length <= KEPT_MAX_CHARS && !kept.has(text)) {
    if (kept.size >= KEPT_ENTRIES) kept.delete(kept.keys().next().value as string);
    kept.set(text, out);
  }
  return out;
}

/** The prose of an earlier turn: the one kept when it was analysed, else worked out again. */
export function proseOfEarlierTurn(text: string): string {
  return kept.get(text) ?? prose(text);
}
