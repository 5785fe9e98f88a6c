/**
 * What of an email may appear in logs: never a link (links carry one-time tokens) and never the whole
 * address, only enough to tell two recipients apart when following a failure.
 */

/** `ada@example.com` → `a***@example.com`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

/** Error text as it may be logged: cut short, with anything that looks like a token or key blanked. */
export function safeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/[A-Za-z0-9_\-]{24,}/g, "[redacted]").slice(0, 300);
}
