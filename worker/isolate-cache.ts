/**
 * A per-isolate cache of small per-key reads (a chatbot's analysis config, its active workflows) that the
 * conversations of a chatbot all need on every message. Three rules keep those reads off the hot path:
 *
 * - **one read at a time per key**: the conversations starting together share the read under way;
 * - **stale while revalidating**: past `ttlMs` the cached value is still answered at once while one
 *   background read refreshes it, so no message waits on D1 because a timer lapsed;
 * - **bounded staleness**: past `maxStaleMs` (an isolate idle for minutes) the caller waits for the fresh
 *   read, and `forget` (a change made through this isolate's API) drops the value at once.
 *
 * A failed background refresh keeps the old value (and is retried on the next call); a failed read
 * with nothing cached rejects, and the caller decides (analysis retries its jobs later).
 */
export class IsolateCache<T> {
  private values = new Map<string, { value: T; at: number }>();
  private readonly reads = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxStaleMs: number,
    private readonly maxKeys = 1000,
  ) {}

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const cached = this.values.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const read = this.read(key, load);
    if (cached && now - cached.at < this.maxStaleMs) {
      read.catch(() => undefined); // the stale value stands; the next call tries again
      return cached.value;
    }
    return read;
  }

  forget(key: string): void {
    this.values.delete(key);
    this.reads.delete(key);
  }

  private read(key: string, load: () => Promise<T>): Promise<T> {
    let read = this.reads.get(key);
    if (!read) {
      const started = load().then((value) => {
        // A forget() during the read means a change: this answer may predate it, so it is not kept.
        if (this.reads.get(key) === started) {
          if (this.values.size >= this.maxKeys) this.values = new Map();
          this.values.set(key, { value, at: Date.now() });
        }
        return value;
      });
      read = started;
      this.reads.set(key, read);
      read.then(
        () => this.reads.get(key) === started && this.reads.delete(key),
        () => this.reads.get(key) === started && this.reads.delete(key),
      );
    }
    return read;
  }
}
