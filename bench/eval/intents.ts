/**
 * Intents on Banking77 (../shared/eval/banking77.csv: 77 intents of an online bank's support, 20 messages
 * each): how a chatbot that lists those intents as its custom intents gets them from the embedded analyzer.
 *
 * Each intent is defined as an operator in a hurry would: its label as slug, name and description
 * ("card_arrival" → name and description "Card arrival"), nothing written from the messages. The list is
 * the product's — the ten built-in intents plus those 77 — and, for reference, the 77 alone. A message is
 * right when its intent is its label; a pending candidate (nothing reached 0.35) or a built-in is wrong.
 */
import { DEFAULT_INTENTS } from "../../worker/analysis/config";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import type { CustomDefinition } from "../../worker/analysis/types";
import type { PublicRow } from "./data";
import { num, printTable } from "./report";

const slugOf = (label: string): string => label.toLowerCase().replace(/[^a-z0-9_]/g, "");
const nameOf = (label: string): string => label.replace(/[_?]/g, " ").trim().replace(/^./, (c) => c.toUpperCase());

export function intentReport(rows: readonly PublicRow[]): void {
  const labels = [...new Set(rows.map((r) => r.labels[0] ?? ""))];
  const custom: CustomDefinition[] = labels.map((l) => ({ slug: slugOf(l), name: nameOf(l), description: nameOf(l) }));
  const builtins = new Set(DEFAULT_INTENTS.map((i) => i.slug));
  const score = (name: string, intents: readonly CustomDefinition[]): string[] => {
    let right = 0;
    let pending = 0;
    let builtin = 0;
    for (const row of rows) {
      const intent = analyzeSync({ role: "user", content: row.text }, { intent: true, intents }).intent;
      if (intent?.pending) pending++;
      else if (intent && builtins.has(intent.slug)) builtin++;
      else if (intent?.slug === slugOf(row.labels[0] ?? "")) right++;
    }
    const share = (n: number) => num(n / rows.length);
    return [name, String(rows.length), share(right), share(pending), share(builtin)];
  };
  printTable(
    `Intents, Banking77 (${labels.length} intents defined from their labels alone)`,
    ["intent list", "messages", "accuracy", "pending", "took a built-in"],
    [score("built-ins + the 77 (as a chatbot has it)", [...DEFAULT_INTENTS, ...custom]), score("the 77 alone (reference)", custom)],
  );
}
