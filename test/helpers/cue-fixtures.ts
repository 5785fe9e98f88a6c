import user from "../../bench/eval/support-user.csv?raw";
import multilingual from "../../bench/eval/support-multilingual.csv?raw";
import blind3 from "../../bench/eval/support-blind-3.csv?raw";
import blind4 from "../../bench/eval/support-blind-4.csv?raw";
import blind5 from "../../bench/eval/support-blind-5.csv?raw";
import { parseCsv } from "../../bench/eval/csv";
import { cue, type CuePattern } from "../../worker/analysis/embedded/cues";

/** What the cue filters' tests share: real support-chat messages and a small list of cues of every kind a filter meets. */

/** Every message of the support-chat eval sets and of the first three blind sets. */
export const supportMessages: readonly string[] = [user, multilingual, blind3, blind4, blind5].flatMap((csv) => parseCsv(csv).slice(1)).map((r) => r[0] ?? "");

/** The cue lists a module exports (its arrays of compiled cues), as one list. */
export const cueLists = (module: Record<string, unknown>): CuePattern[] =>
  Object.values(module)
    .filter((v): v is readonly CuePattern[] => Array.isArray(v) && (v as CuePattern[])[0]?.re instanceof RegExp)
    .flat();

/** Whether the cue's regex matches anywhere in the text, without a filter (its lastIndex left at 0). */
export function matchesAnywhere(p: CuePattern, text: string): boolean {
  p.re.lastIndex = 0;
  const found = p.re.test(text);
  p.re.lastIndex = 0;
  return found;
}

/**
 * Eight cues (a list long enough to have its filters kept): plain words, a case-sensitive name, a word of no three
 * letters, a character class with no literal, optional words, punctuation only, a phrase whose first word is short.
 */
export const mixedCues = (): CuePattern[] => [
  cue(0.9, "cancels", "cancel(ling)? (my|our) (plan|account)"),
  cue(0.8, "names Zendesk", "Zendesk|Freshdesk", { caseSensitive: true }),
  cue(0.5, "hesitates", "hmm+|uhh*"),
  cue(0.5, "moves to", "[Mm]\\w+ to"),
  cue(0.6, "refund", "(a )?refund"),
  cue(0.6, "asap", "asap|a\\.s\\.a\\.p"),
  cue(0.4, "questions", "\\?\\s*\\?"),
  cue(0.7, "switching", "we('re| are) (moving|switching) away"),
];

/** Messages that hit several of `mixedCues`, the literals at the start, the middle and the end. */
export const mixedCueMessages = ["uhh, Zendesk does this. Mostly to be honest ??", "zendesk? hmm. We are switching away, asap!", "Please cancel my plan and send a refund"];
