import { describe, expect, it } from "vitest";
import { IsolateCache } from "../../worker/isolate-cache";

const TTL = 1_000;
const MAX_STALE = 10_000;

/** A loader that counts its calls and answers what it is told, when it is told. */
function loader<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending, calls: () => pending.length };
}

const later = (ms: number) => Date.now() + ms;

/** A cache holding `value` for "bot", read just now, and the loader that will answer its next reads. */
async function holding(value: string) {
  const cache = new IsolateCache<string>(TTL, MAX_STALE);
  const l = loader<string>();
  const first = cache.get("bot", l.load);
  l.pending[0]!.resolve(value);
  await first;
  return { cache, l };
}

describe("IsolateCache", () => {
  it("shares one read among the callers that ask while it is under way", async () => {
    const cache = new IsolateCache<string>(TTL, MAX_STALE);
    const l = loader<string>();
    const a = cache.get("bot", l.load);
    const b = cache.get("bot", l.load);
    expect(l.calls()).toBe(1);
    l.pending[0]!.resolve("config");
    expect(await Promise.all([a, b])).toEqual(["config", "config"]);
  });

  it("answers from the cache within the time to live without reading", async () => {
    const { cache, l } = await holding("v1");
    expect(await cache.get("bot", l.load)).toBe("v1");
    expect(l.calls()).toBe(1);
  });

  it("answers a stale value at once and refreshes it with one read in the background", async () => {
    const { cache, l } = await holding("v1");
    expect(await cache.get("bot", l.load, later(TTL + 1))).toBe("v1");
    expect(await cache.get("bot", l.load, later(TTL + 2))).toBe("v1");
    expect(l.calls()).toBe(2);
    l.pending[1]!.resolve("v2");
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get("bot", l.load)).toBe("v2");
    expect(l.calls()).toBe(2);
  });

  it("waits for the fresh read when the cached value is older than the staleness bound", async () => {
    const { cache, l } = await holding("v1");
    const fresh = cache.get("bot", l.load, later(MAX_STALE + 1));
    l.pending[1]!.resolve("v2");
    expect(await fresh).toBe("v2");
  });

  it("forgets a value at once, and does not keep an answer that was under way when it forgot", async () => {
    const cache = new IsolateCache<string>(TTL, MAX_STALE);
    const l = loader<string>();
    const before = cache.get("bot", l.load);
    cache.forget("bot");
    l.pending[0]!.resolve("from before the change");
    expect(await before).toBe("from before the change");
    const after = cache.get("bot", l.load);
    expect(l.calls()).toBe(2);
    l.pending[1]!.resolve("after the change");
    expect(await after).toBe("after the change");
    expect(await cache.get("bot", l.load)).toBe("after the change");
  });

  it("keeps the old value when a background refresh fails, and tries again on the next call", async () => {
    const { cache, l } = await holding("v1");
    expect(await cache.get("bot", l.load, later(TTL + 1))).toBe("v1");
    l.pending[1]!.reject(new Error("D1 unreachable"));
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get("bot", l.load, later(TTL + 1))).toBe("v1");
    expect(l.calls()).toBe(3);
  });

  it("rejects when the read fails with nothing cached, and reads again on the next call", async () => {
    const cache = new IsolateCache<string>(TTL, MAX_STALE);
    const l = loader<string>();
    const failed = cache.get("bot", l.load);
    l.pending[0]!.reject(new Error("D1 unreachable"));
    await expect(failed).rejects.toThrow("D1 unreachable");
    const retried = cache.get("bot", l.load);
    expect(l.calls()).toBe(2);
    l.pending[1]!.resolve("v1");
    expect(await retried).toBe("v1");
  });

  it("keeps keys apart", async () => {
    const cache = new IsolateCache<string>(TTL, MAX_STALE);
    const l = loader<string>();
    const a = cache.get("bot-a", l.load);
    const b = cache.get("bot-b", l.load);
    l.pending[0]!.resolve("a");
    l.pending[1]!.resolve("b");
    expect([await a, await b]).toEqual(["a", "b"]);
  });
});
