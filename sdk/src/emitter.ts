import type { Logger } from "./environment.js";

/**
 * A tiny typed event emitter. A listener that throws is logged and never breaks the SDK or the other
 * listeners: the integrator's bug must not stop messages from being recorded.
 * @example
 * const off = conversation.on("message", (m) => render(m));
 * off(); // stop listening
 */
export class Emitter<Events extends Record<string, unknown>> {
  private listeners: { [K in keyof Events]?: Set<(payload: Events[K]) => void> } = {};

  constructor(protected readonly log: Logger) {}

  /** Calls `listener` for every `type` event; returns a function that removes it. */
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
    const set = (this.listeners[type] ??= new Set());
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Returns whether anyone listened, so unheard errors can be logged instead of vanishing. */
  protected emit<K extends keyof Events>(type: K, payload: Events[K]): boolean {
    const set = this.listeners[type];
    for (const listener of set ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.log.error(`[openbat] a "${String(type)}" listener threw`, error);
      }
    }
    return !!set?.size;
  }
}
