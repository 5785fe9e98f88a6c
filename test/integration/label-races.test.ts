/**
 * A label put on or taken off a conversation by two requests at once (README "Acting on conversations"): both read the
 * conversation's labels before either writes (test/helpers/interleaved-d1.ts), so both find it still to do. Only the one
 * whose write lands may record it on the timeline.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { conversations, labels, members, memberships } from "../../worker/db/schema";
import { newId } from "../../worker/services/ids";
import { addLabel, removeLabel } from "../../worker/triage/actions";
import type { Scope } from "../../worker/triage/context";
import { listActivity, triageOfOne } from "../../worker/triage/read";
import { onceAfter } from "../helpers/interleaved-d1";
import { createTenant } from "../helpers/tenant";

const db = () => createDb(env.DB);

/** A tenant's scope acting as a member, one conversation of its chatbot in the D1 index, and one label of the chatbot. */
async function labelledConversation(): Promise<{ scope: Scope; conversationId: string; labelId: string }> {
  const t = await createTenant();
  const memberId = newId("mem");
  await db().insert(members).values({ id: memberId, email: `${memberId}@example.com`, name: "Ada", passwordHash: "x" });
  await db().insert(memberships).values({ organizationId: t.organizationId, memberId, role: "admin" });
  const conversationId = `${t.chatbotId}_conversation`;
  await db().insert(conversations).values({ id: conversationId, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: "c-1", createdAt: 1_000 });
  const labelId = newId("lbl");
  await db().insert(labels).values({ id: labelId, organizationId: t.organizationId, chatbotId: t.chatbotId, name: "Refund", color: "red" });
  return { scope: { organizationId: t.organizationId, chatbotId: t.chatbotId, keyId: "", memberId }, conversationId, labelId };
}

/** A database on which `other` runs once, through the real database, right after the first read of the conversation's labels. */
function otherChangeAfterLabelsRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /from "conversation_labels"/, other);
}

const kinds = async (scope: Scope, conversationId: string) => (await listActivity(db(), scope.chatbotId, conversationId)).map((a) => a.kind);

describe("a label changed by two requests at once", () => {
  it("records a label put on by two requests at once once on the timeline, and says the later one changed nothing", async () => {
    const { scope, conversationId, labelId } = await labelledConversation();
    const racing = otherChangeAfterLabelsRead(() => addLabel(db(), scope, conversationId, labelId));
    const answer = await addLabel(createDb(racing), scope, conversationId, labelId);
    expect(await kinds(scope, conversationId)).toEqual(["label_added"]);
    expect(answer.changes).toEqual([]);
    expect(answer.triage.labels.map((l) => l.id)).toEqual([labelId]);
    expect((await triageOfOne(db(), scope.chatbotId, conversationId)).labels.map((l) => l.id)).toEqual([labelId]);
  });

  it("records a label taken off by two requests at once once on the timeline", async () => {
    const { scope, conversationId, labelId } = await labelledConversation();
    await addLabel(db(), scope, conversationId, labelId);
    const racing = otherChangeAfterLabelsRead(() => removeLabel(db(), scope, conversationId, labelId));
    const answer = await removeLabel(createDb(racing), scope, conversationId, labelId);
    expect(await kinds(scope, conversationId)).toEqual(["label_removed", "label_added"]);
    expect(answer.changes).toEqual([]);
    expect((await triageOfOne(db(), scope.chatbotId, conversationId)).labels).toEqual([]);
  });
});
