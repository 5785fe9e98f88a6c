import { useEffect, useState } from "react";

/** How often relative times ("just now", "3 min ago") are worked out again while they are on screen. */
export const RELATIVE_TIME_TICK_MS = 30_000;

/**
 * The current time, renewed every `everyMs`: a component showing how long ago something happened re-renders with
 * it, so its words stay true while the page stays open, without asking the API again.
 */
export function useNow(everyMs = RELATIVE_TIME_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
