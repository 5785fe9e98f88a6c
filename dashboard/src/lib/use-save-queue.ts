import { useRef, useState } from "react";

/**
 * A form's changes saved one after another, none dropped (where `useAction` would ignore a change made while one
 * saves). A change made meanwhile waits, merged with any other waiting one (a field's later value wins), and goes
 * out once the save before it is back: each save then starts from what the one before left.
 *
 * `pending` is what was changed and not yet saved: show it over the saved values, so a second change builds on the
 * first (a tag added after another keeps the other). It empties when the last save is back; the saved values then
 * hold everything, or after a refusal what the API kept. A refusal is kept until the next change made once the queue
 * is idle, not cleared by a save that was already waiting behind the refused one: a tag refused while a description
 * waited would otherwise vanish, unsaid, the moment the description went out.
 *
 * The queue lives in the component that calls this hook: keep that component mounted while it saves (no `key` a save
 * changes), or what is still waiting or saving is dropped from the screen.
 */
export function useSaveQueue<P extends object>(save: (patch: P) => Promise<void>) {
  const waiting = useRef<P | null>(null);
  const saving = useRef(false);
  const [pending, setPending] = useState<Partial<P>>({});
  const [error, setError] = useState<unknown>(null);
  const change = (patch: P): void => {
    waiting.current = { ...waiting.current, ...patch };
    setPending((shown) => ({ ...shown, ...patch }));
    if (saving.current) return;
    saving.current = true;
    setError(null);
    void (async () => {
      while (waiting.current !== null) {
        const next = waiting.current;
        waiting.current = null;
        try {
          await save(next);
        } catch (err) {
          setError(err);
        }
      }
      saving.current = false;
      setPending({});
    })();
  };
  return { pending, error, change };
}
