/**
 * `openbat verify`: waits until a chatbot's first (or next) message has reached OpenBat. It asks the
 * conversations API (`GET /api/v1/conversations?limit=1`, newest activity first) with a read key, so it
 * sees exactly what the dashboard sees, a second or so after capture (the conversation index).
 */

/** What `waitForMessage` needs. */
export interface WaitOptions {
  /** A read (or admin) key of the chatbot: `ob_read_…`. */
  apiKey: string;
  /** Where OpenBat runs, e.g. `https://openbat.example.com`. */
  baseUrl: string;
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** How often to ask (default 2 s; the read API allows 300 requests a minute per key). */
  intervalMs?: number;
  fetch?: typeof fetch;
  /** Progress lines, for people. */
  print?: (line: string) => void;
}

/** How the wait ended: the message arrived, time ran out, or OpenBat refused or could not be reached. */
export type WaitOutcome =
  | { status: "received"; conversation: { id: string; externalId: string; messageCount: number; lastMessageAt: number } }
  | { status: "timeout" }
  | { status: "failed"; message: string };

interface Row {
  id: string;
  externalId: string;
  messageCount: number;
  lastMessageAt: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the chatbot's next message: the first one when it has none yet, else one newer than what it
 * had when the wait began. Never throws; the outcome says how it ended.
 * @example
 * const outcome = await waitForMessage({ apiKey: "ob_read_…", baseUrl: "https://openbat.example.com" });
 * if (outcome.status === "received") console.log("first message in", outcome.conversation.externalId);
 */
export async function waitForMessage(options: WaitOptions): Promise<WaitOutcome> {
  const print = options.print ?? (() => {});
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, "");
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const interval = options.intervalMs ?? 2000;

  /** The conversation with the newest message, null when there is none, or why it could not be read. */
  const latest = async (): Promise<{ row: Row | null } | { retryAfter: number } | { error: string }> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/v1/conversations?limit=1`, { headers: { authorization: `Bearer ${options.apiKey}`, accept: "application/json" } });
    } catch (error) {
      return { error: `cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const body = (await response.json().catch(() => null)) as { data?: Row[]; error?: { message?: string } } | null;
    if (response.status === 429) return { retryAfter: Number(response.headers.get("retry-after")) || 5 };
    if (!response.ok || !Array.isArray(body?.data)) return { error: `${response.status}: ${body?.error?.message ?? "not an OpenBat API answer"}` };
    const row = body.data[0];
    return { row: row && row.messageCount > 0 && row.lastMessageAt !== null ? row : null };
  };

  const first = await latest();
  if ("error" in first) return { status: "failed", message: first.error };
  const before = "row" in first ? first.row : null;
  const mark = (row: Row) => `${row.id}:${row.messageCount}:${row.lastMessageAt}`;
  print(
    before
      ? `Waiting for the next message at ${base} (the latest is ${ago(before.lastMessageAt!)} in ${before.externalId})…`
      : `Waiting for the first message at ${base}…`,
  );
  let polls = 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { status: "timeout" };
    await sleep(Math.min(interval, left));
    const now = await latest();
    if ("error" in now) return { status: "failed", message: now.error };
    if ("retryAfter" in now) {
      print(`Rate limited; asking again in ${now.retryAfter} s`);
      await sleep(Math.min(now.retryAfter * 1000, Math.max(0, deadline - Date.now())));
      continue;
    }
    const row = now.row;
    if (row && (!before || mark(row) !== mark(before))) {
      return { status: "received", conversation: { id: row.id, externalId: row.externalId, messageCount: row.messageCount, lastMessageAt: row.lastMessageAt! } };
    }
    // A line every ~10 s says it is still alive without flooding the terminal.
    if (++polls % Math.max(1, Math.round(10_000 / interval)) === 0) print(`still waiting (${Math.ceil((deadline - Date.now()) / 1000)} s left)…`);
  }
}

function ago(at: number): string {
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}
