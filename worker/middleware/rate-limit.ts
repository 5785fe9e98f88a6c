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

/** The check itself, for routes that only know their key after authenticating in the handler. */
export async function checkRateLimit(env: Env, binding: LimiterBinding, key: string): Promise<void> {
  const { success } = await env[binding].limit({ key });
  if (!success) {
    throw new ApiError("rate_limited", `rate limit exceeded; retry after ${WINDOW_SECONDS} seconds`, undefined, WINDOW_SECONDS);
  }
}
