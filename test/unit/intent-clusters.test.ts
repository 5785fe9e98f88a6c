/**
 * Suggested intents from recurring phrasing: candidates come from the embedded analyzer exactly as
 * stored (label + message), and only clusters across conversations become suggestions.
 */
import { describe, expect, it } from "vitest";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import { clusterCandidates, type IntentCandidate } from "../../worker/analysis/embedded/intent-clusters";

let seq = 0;
/** The candidate the analyzer records for a message in a conversation (none when an intent fits). */
function candidates(messages: readonly (readonly [conversation: string, text: string])[]): IntentCandidate[] {
  const out: IntentCandidate[] = [];
  for (const [conversationId, text] of messages) {
    const intent = analyzeSync({ role: "user", content: text }, { intent: true, intents: [] }).intent;
    if (intent?.pending !== true) continue;
    seq += 1;
    out.push({ id: `ann_${seq}`, conversationId, label: intent.slug, text: intent.chunk ?? null, createdAt: seq });
  }
  return out;
}

describe("intent suggestion clusters", () => {
  it("makes no suggestion from a one-off message", () => {
    expect(clusterCandidates(candidates([["c1", "How do I reset my password?"]]))).toEqual([]);
  });

  it("makes one suggestion from three similar messages across conversations, named verb-object with a real message as example", () => {
    const messages = [
      ["c1", "How do I reset my password?"],
      ["c2", "I need to reset the password for my colleague"],
      ["c3", "password reset link doesn't arrive"],
    ] as const;
    const [suggestion, ...rest] = clusterCandidates(candidates(messages));
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({ slug: "reset_password", name: "Reset password", occurrences: 3, conversations: 3 });
    expect(messages.map(([, text]) => text)).toContain(suggestion?.example);
  });

  it("needs more than one conversation: a user repeating themselves is not a recurring intent", () => {
    const same = candidates([
      ["c1", "How do I export my contacts?"],
      ["c1", "export contacts please"],
      ["c1", "can I export the contacts to csv"],
    ]);
    expect(same).toHaveLength(3);
    expect(clusterCandidates(same)).toEqual([]);
  });

  it("never names a suggestion from stopwords or filler", () => {
    const noise = candidates([
      ["c1", "honestly I was looking at it"],
      ["c2", "I thought about it a lot, honestly"],
      ["c3", "Das ist es"],
      ["c4", "lot of thought went into this"],
    ]);
    expect(clusterCandidates(noise)).toEqual([]);
  });

  it("merges phrasings that differ in word order and inflection into one suggestion", () => {
    const [only, ...rest] = clusterCandidates(
      candidates([
        ["c1", "export contacts to excel"],
        ["c2", "Exporting contacts is possible?"],
        ["c3", "contact export to csv"],
        ["c4", "how can I export a contact list"],
      ]),
    );
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ occurrences: 4, conversations: 4 });
    // "contact" and "contacts" are written equally often here; either spelling names it.
    expect(only?.slug).toMatch(/^export_contacts?$/);
  });

  it("keeps different requests apart and lists the one covering more messages first", () => {
    const suggestions = clusterCandidates(
      candidates([
        ["c1", "Where do I find the API key?"],
        ["c2", "api key please"],
        ["c3", "Lost my API key"],
        ["c4", "Can the widget colours match our brand?"],
        ["c5", "change widget colours"],
        ["c6", "widget colours look odd in Safari"],
        ["c7", "are widget colours configurable"],
      ]),
    );
    expect(suggestions.map((s) => [s.slug, s.occurrences])).toEqual([
      ["widget_colours", 4],
      ["api_key", 3],
    ]);
  });

  it("leaves out suggestions whose name is already an intent on the list", () => {
    const found = candidates([
      ["c1", "Where do I find the API key?"],
      ["c2", "api key please"],
      ["c3", "Lost my API key"],
    ]);
    expect(clusterCandidates(found, { exclude: new Set(["api_key"]) })).toEqual([]);
  });

  it("clusters AI suggestions by the slug the AI gave, with the message as example", () => {
    const ai: IntentCandidate[] = [
      { id: "a1", conversationId: "c1", label: "warranty_claim", text: "is my skate covered?", createdAt: 1 },
      { id: "a2", conversationId: "c2", label: "warranty_claim", text: "the wheel broke after a week, what now", createdAt: 2 },
      { id: "a3", conversationId: "c3", label: "warranty_claim", text: "do you replace cracked decks", createdAt: 3 },
    ];
    const [suggestion] = clusterCandidates(ai);
    expect(suggestion).toMatchObject({ slug: "warranty_claim", occurrences: 3 });
    expect(ai.map((a) => a.text)).toContain(suggestion?.example);
  });
});
