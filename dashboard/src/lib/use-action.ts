import { useCallback, useRef, useState } from "react";

/**
 * A button's change through the API: `busy` while it runs (give it to the button's `loading`), the refusal kept to
 * show beside it (also handed to `onError`, for a list that shows one error for all its rows), and a press while it
 * runs ignored, so a double click sends one request even before the button has re-rendered as busy. `done` says the
 * last run succeeded (for a form's "Saved."), and clears when the next one starts.
 */
export function useAction(onError?: (error: unknown) => void) {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<void> => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError(null);
      setDone(false);
      onError?.(null);
      try {
        await action();
        setDone(true);
      } catch (err) {
        setError(err);
        onError?.(err);
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [onError],
  );
  return { busy, error, done, run };
}
