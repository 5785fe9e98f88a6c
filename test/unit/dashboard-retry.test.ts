import { describe, expect, it } from "vitest";
import { ApiError } from "../../dashboard/src/api/api-error";
import { retryDelay, shouldRetry } from "../../dashboard/src/api/retry";

const refused = (status: number, retryAfterSeconds?: number) => new ApiError(status, "x", "refused", [], undefined, retryAfterSeconds);

describe("when the dashboard tries a failed read again", () => {
  it("retries a network failure or a server error once, soon", () => {
    for (const error of [new TypeError("fetch failed"), refused(0), refused(500), refused(503)]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(false);
      expect(retryDelay(0, error)).toBe(400);
    }
  });

  it("never retries a refusal that would answer the same", () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(0, refused(status))).toBe(false);
  });

  it("retries a rate limit twice, each after the server's Retry-After", () => {
    const limited = refused(429, 12);
    expect([0, 1, 2].map((failures) => shouldRetry(failures, limited))).toEqual([true, true, false]);
    expect(retryDelay(0, limited)).toBe(12_000);
  });

  it("waits out the limiter's whole window when a 429 names no wait, and never longer", () => {
    expect(retryDelay(0, refused(429))).toBe(60_000);
    expect(retryDelay(0, refused(429, 0))).toBe(60_000);
    expect(retryDelay(0, refused(429, 3600))).toBe(60_000);
  });
});
