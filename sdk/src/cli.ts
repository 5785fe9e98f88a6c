/**
 * The `openbat` command (`npx openbat …`). One command so far:
 *
 *   openbat verify [--key ob_read_…] [--base-url https://…] [--timeout 120]
 *
 * waits for the chatbot's first (or next) message and exits 0 when it arrives, 2 when the time runs
 * out, 1 when OpenBat refuses the key or cannot be reached, 64 for a command it does not understand.
 */
import { waitForMessage } from "./verify.js";

export const USAGE = `Usage: openbat verify [--key <read key>] [--base-url <url>] [--timeout <seconds>]

Waits until your chatbot's first message (or, if it has some, its next one) reaches OpenBat.
  --key       a read or admin key of the chatbot (default: OPENBAT_READ_KEY)
  --base-url  where OpenBat runs (default: OPENBAT_BASE_URL)
  --timeout   seconds to wait (default 120)
Exit status: 0 received, 2 timed out, 1 refused or unreachable, 64 usage error.`;

/** What the command needs from its surroundings, so tests can run it without a process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  print: (line: string) => void;
  error: (line: string) => void;
  fetch?: typeof fetch;
  /** Poll interval in ms (tests make it short). */
  intervalMs?: number;
}

/** Runs `openbat <args>` and resolves with the exit status. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  // `openbat verify --help` asks for the same page as `openbat --help`.
  if (command === "--help" || command === "-h" || command === "help" || (command === "verify" && rest.some((arg) => arg === "--help" || arg === "-h"))) {
    io.print(USAGE);
    return 0;
  }
  if (command !== "verify") {
    io.error(command ? `openbat: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return 64;
  }
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const match = /^--(key|base-url|timeout)(?:=(.*))?$/.exec(rest[i]!);
    const value = match?.[2] ?? rest[i + 1];
    if (!match || value === undefined) {
      io.error(`openbat verify: cannot read "${rest[i]}"\n\n${USAGE}`);
      return 64;
    }
    if (match[2] === undefined) i++;
    flags[match[1]!] = value;
  }
  const apiKey = flags.key ?? io.env.OPENBAT_READ_KEY;
  const baseUrl = flags["base-url"] ?? io.env.OPENBAT_BASE_URL;
  const timeout = Number(flags.timeout ?? 120);
  if (!apiKey || !baseUrl || !(timeout > 0)) {
    io.error(`openbat verify: ${!apiKey ? "a read key (--key or OPENBAT_READ_KEY)" : !baseUrl ? "a base URL (--base-url or OPENBAT_BASE_URL)" : "a timeout in seconds above 0"} is needed\n\n${USAGE}`);
    return 64;
  }
  if (apiKey.startsWith("ob_live_") || apiKey.startsWith("ob_pub_")) {
    io.error("openbat verify: that is a capture key; verify reads, so it needs a read key (ob_read_…) or an admin key from the chatbot's settings");
    return 64;
  }
  const outcome = await waitForMessage({ apiKey, baseUrl, timeoutMs: timeout * 1000, intervalMs: io.intervalMs, fetch: io.fetch, print: io.print });
  if (outcome.status === "received") {
    const c = outcome.conversation;
    io.print(`✓ Message received: conversation ${c.externalId} has ${c.messageCount} message${c.messageCount === 1 ? "" : "s"}. OpenBat is recording your chatbot.`);
    return 0;
  }
  if (outcome.status === "timeout") {
    io.error(`✗ No message within ${timeout} s. Check that your chatbot sends with an ingest key of this chatbot and OPENBAT_BASE_URL set, then run this again.`);
    return 2;
  }
  io.error(`✗ ${outcome.message}`);
  return 1;
}
