/**
 * When a failed read is tried again. A network failure or a server error is retried once, at once; a
 * rate limit (429) is retried after the server's `Retry-After`, twice, since the limit is shared by
 * the member's tabs and passes by itself; any other refusal (400, 403, 404…) never, as it would answer the same.
 */
import { ApiError } from "./api-error";

const SERVER_RETRIES = 1;
const RATE_LIMIT_RETRIES = 2;
const SERVER_RETRY_MS = 400;
/** The wait when a 429 names none, and the longest honoured: the limiters' window (worker/middleware/rate-limit.ts). */
const RATE_LIMIT_WAIT_MS = 60_000;

const rateLimited = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 429;

/** Whether the same request can answer differently later: it failed on the way, on our side, or was rate limited. */
export function canSucceedLater(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}

export function shouldRetry(failures: number, error: unknown): boolean {
  if (rateLimited(error)) return failures < RATE_LIMIT_RETRIES;
  if (failures >= SERVER_RETRIES) return false;
  return canSucceedLater(error);
}

export function retryDelay(_failures: number, error: unknown): number {
  if (!rateLimited(error)) return SERVER_RETRY_MS;
  const seconds = error.retryAfterSeconds;
  return seconds !== undefined && seconds > 0 ? Math.min(seconds * 1000, RATE_LIMIT_WAIT_MS) : RATE_LIMIT_WAIT_MS;
}
