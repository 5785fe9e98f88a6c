import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

type LimiterBinding = "CAPTURE_LIMITER" | "READ_LIMITER" | "MEMBER_READ_LIMITER" | "LIVE_CLIENT_LIMITER" | "LIVE_CONVERSATION_LIMITER" | "LIVE_KEY_LIMITER" | "AUTH_LIMITER";

/** The limiters' window in wrangler.toml; a caller over the limit may try again after it. */
const WINDOW_SECONDS = 60;

/**
 * Counts requests per API key (after authentication) — or per whatever `keyOf` names, e.g. the client
 * address on log-in — and answers 429 with Retry-After beyond the limit. Reads by a member's session count
 * against the member's own, larger limit (MEMBER_READ_LIMITER): the dashboard's tabs refetch live figures.
 */
export const rateLimit = (binding: LimiterBinding, keyOf: (c: Context<AppEnv>) => string = (c) => c.get("auth").keyId) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await checkRateLimit(c.env, binding === "READ_LIMITER" && c.get("auth")?.memberId ? "MEMBER_READ_LIMITER" : binding, keyOf(c));
    await next();
  });

/**
 * The check itself, for routes that only know their key after authenticating in the handler. `count` is how
 * many requests one HTTP request stands for (an MCP batch: one per message); the binding takes one at a time,
 * so they are taken in turn until one is refused — what was left before it stays spent, as with any refusal
 * after the budget ran out.
 */
export async function checkRateLimit(env: Env, binding: LimiterBinding, key: string, count = 1): Promise<void> {
  for (let taken = 0; taken < count; taken++) {
    const { success } = await env[binding].limit({ key });
    if (!success) {
      const what = count === 1 ? "rate limit exceeded" : `rate limit exceeded: a batch of ${count} messages counts as ${count} requests, more than this key has left`;
      throw new ApiError("rate_limited", `${what}; retry after ${WINDOW_SECONDS} seconds`, undefined, WINDOW_SECONDS);
    }
  }
}
