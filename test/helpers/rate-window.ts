/**
 * The local rate limiters (miniflare's) count in fixed windows aligned to the wall clock: every minute starts a
 * new count. A test that must see exactly N requests pass and the next refused waits, when the current window is
 * nearly over, for the next one to begin — otherwise a rollover mid-test lets one more through.
 */
export async function inFreshRateWindow(periodSeconds = 60, needSeconds = 20): Promise<void> {
  const periodMs = periodSeconds * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < needSeconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
