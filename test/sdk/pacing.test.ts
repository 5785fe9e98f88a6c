import { describe, expect, it } from "vitest";
import { FRAME_LIMITS } from "../../durable-objects/frame-limits";
import { FRAME_BUDGETS, pacer as makePacer } from "../../sdk/src/pacer";

/** A pacer on a clock the test moves; its timers are real but due at once once the clock has moved past them. */
function paced(budget = { burst: 4, perSecond: 2 }) {
  let now = 0;
  const written: number[] = [];
  const pacer = makePacer(budget, () => now);
  return {
    pacer,
    written,
    write: (n: number) => pacer.send(() => written.push(n)),
    advance: async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setTimeout(resolve, budget.perSecond > 0 ? 1000 / budget.perSecond + 5 : 0));
    },
  };
}

describe("the SDK's frame pacing", () => {
  it("keeps the server's per-socket frame budgets for browser and server credentials", () => {
    expect(FRAME_BUDGETS.browser).toEqual(FRAME_LIMITS.browser);
    expect(FRAME_BUDGETS.server).toEqual(FRAME_LIMITS.server);
  });

  it("writes a burst up to the budget, less a reserve of a tenth (at least one), at once and holds the rest, in order, until it refills", async () => {
    const { written, write, advance } = paced();
    for (const n of [1, 2, 3, 4, 5, 6]) write(n);
    expect(written).toEqual([1, 2, 3]);
    await advance(1000); // two frames' worth at 2 a second
    expect(written).toEqual([1, 2, 3, 4, 5]);
    // A frame sent now waits behind the one already waiting, whatever the budget.
    write(7);
    await advance(1000);
    expect(written).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("starts a new socket with a full budget and drops what waited for the old one", async () => {
    const { pacer, written, write, advance } = paced();
    for (const n of [1, 2, 3, 4, 5]) write(n);
    pacer.reset();
    for (const n of [6, 7, 8]) write(n);
    expect(written).toEqual([1, 2, 3, 6, 7, 8]);
    await advance(2000); // 4 and 5 waited for the old socket: gone
    expect(written).toEqual([1, 2, 3, 6, 7, 8]);
  });
});
