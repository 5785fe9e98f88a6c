/**
 * Where a chatbot's setup stands. Most of it is derived from the chatbot itself, so it survives other
 * browsers and other admins: keys exist or not, the first message arrived or not (the chatbot is no longer
 * `pending`). Only what leaves no trace on the server — the analysis step seen, the setup finished or
 * skipped — is remembered in this browser, per chatbot.
 */
export type SetupStep = "keys" | "connect" | "analysis" | "done";
export const STEPS: SetupStep[] = ["keys", "connect", "analysis", "done"];

type Remembered = "analysis" | "done" | "skipped";
const storageKey = (chatbotId: string) => `openbat.setup.${chatbotId}`;

export function remembered(chatbotId: string): Remembered | null {
  try {
    const value = window.localStorage.getItem(storageKey(chatbotId));
    return value === "analysis" || value === "done" || value === "skipped" ? value : null;
  } catch {
    return null; // storage blocked (privacy modes): setup starts from what the server says
  }
}

export function remember(chatbotId: string, value: Remembered): void {
  try {
    window.localStorage.setItem(storageKey(chatbotId), value);
  } catch {
    // as above: nothing to keep it in, and nothing breaks without it
  }
}

/** The first step not yet done. */
export function resumeAt(input: { hasKeys: boolean; hasMessages: boolean; remembered: Remembered | null }): SetupStep {
  if (input.remembered === "done") return "done";
  if (!input.hasKeys) return "keys";
  if (!input.hasMessages && input.remembered !== "analysis") return "connect";
  return "analysis";
}
