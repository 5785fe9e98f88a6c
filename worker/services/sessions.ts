/**
 * Member sessions (dashboard). Filled in by the accounts work; until then no session is ever valid.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import type { KeyScope } from "./keys";

export async function memberChatbotScope(_c: Context<AppEnv>, _chatbotId: string): Promise<KeyScope> {
  throw new ApiError("unauthorized", "log in, or send an API key as `Authorization: Bearer <key>`");
}
