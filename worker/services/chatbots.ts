import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { chatbots } from "../db/schema";
import { ApiError } from "../errors";

export interface ChatbotState {
  chatbotStatus: "pending" | "active" | "archived";
  chatbotId: string;
}

/** Capture into an archived chatbot is refused; the first capture turns a pending one active. */
export function assertCapturable(scope: ChatbotState): void {
  if (scope.chatbotStatus === "archived") {
    throw new ApiError("chatbot_archived", "this chatbot is archived and no longer accepts messages; unarchive it in Settings");
  }
}

export async function markActive(db: Db, scope: ChatbotState): Promise<void> {
  if (scope.chatbotStatus !== "pending") return;
  await db.update(chatbots).set({ status: "active" }).where(and(eq(chatbots.id, scope.chatbotId), eq(chatbots.status, "pending")));
}
