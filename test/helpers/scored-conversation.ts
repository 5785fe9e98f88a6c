/**
 * One client user's conversation whose user messages were given these sentiment scores at these times,
 * written straight to D1 (the rollup triggers follow): for figures that depend on exactly when each score
 * was analysed.
 */
import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { annotations, clientUsers, conversations } from "../../worker/db/schema";
import type { Tenant } from "./tenant";

export async function seedScoredConversation(
  t: Tenant,
  { userExternalId, externalId, createdAt, scores }: { userExternalId: string; externalId: string; createdAt: number; scores: { at: number; score: number }[] },
): Promise<void> {
  const db = createDb(env.DB);
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  await db.insert(clientUsers).values({ ...base, id: `cusr_${t.chatbotId}`, externalId: userExternalId, updatedAt: createdAt });
  await db.insert(conversations).values({ ...base, id: `conv_${t.chatbotId}`, externalId, clientUserId: `cusr_${t.chatbotId}`, createdAt, messageCount: scores.length });
  await db.batch(
    scores.map((s, i) =>
      db.insert(annotations).values({ ...base, id: `ann_${t.chatbotId}_${i}`, conversationId: `conv_${t.chatbotId}`, messageSeq: i + 1, kind: "sentiment", label: "neutral", score: s.score, analyzer: "embedded", analyzerVersion: "test", createdAt: s.at }),
    ) as unknown as Parameters<typeof db.batch>[0],
  );
}
