/**
 * Status and assignee changes made by requests that interleave (README "Acting on conversations"): each reads the
 * conversation's triage, then writes its change and its activity row, and another request may write between its read
 * and its write (test/helpers/interleaved-d1.ts). Every timeline row must name what it replaced, and the last row must
 * say what the conversation ended as.
 */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { conversations, members, memberships, notifications } from "../../worker/db/schema";
import { ApiError } from "../../worker/errors";
import { newId } from "../../worker/services/ids";
import { updateTriage } from "../../worker/triage/actions";
import type { Scope } from "../../worker/triage/context";
import { listActivity, triageOfOne } from "../../worker/triage/read";
import { interleaved, onceAfter } from "../helpers/interleaved-d1";
import { createTenant } from "../helpers/tenant";

const db = () => createDb(env.DB);
type Status = "open" | "needs_review" | "escalated" | "reviewed" | "resolved_by_team";

/** A tenant's scope acting as a member of its organization, and one conversation of its chatbot in the D1 index. */
async function conversationOf(): Promise<{ scope: Scope; conversationId: string; member: (name: string) => Promise<string> }> {
  const t = await createTenant();
  const member = async (name: string) => {
    const id = newId("mem");
    await db().insert(members).values({ id, email: `${id}@example.com`, name, passwordHash: "x" });
    await db().insert(memberships).values({ organizationId: t.organizationId, memberId: id, role: "admin" });
    return id;
  };
  const scope: Scope = { organizationId: t.organizationId, chatbotId: t.chatbotId, keyId: "", memberId: await member("Ada") };
  const conversationId = `${t.chatbotId}_conversation`;
  await db().insert(conversations).values({ id: conversationId, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: "c-1", createdAt: 1_000 });
  return { scope, conversationId, member };
}

/** A database on which `other` runs once, through the real database, right after the first read of the conversation's triage. */
function otherChangeAfterFirstRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /^select .* from "conversation_triage"/, other);
}

/** The timeline oldest first, as `kind from→to` or `kind assignee`. */
async function timeline(scope: Scope, conversationId: string): Promise<string[]> {
  const rows = (await listActivity(db(), scope.chatbotId, conversationId)).reverse();
  return rows.map((a) => (a.kind === "status_changed" ? `${a.detail.from}→${a.detail.to}` : `${a.kind} ${a.detail.assigneeName}`));
}

describe("status changes at the same time", () => {
  it("names in each timeline row the status it replaced when another change lands between the read and the write", async () => {
    const { scope, conversationId } = await conversationOf();
    await updateTriage(db(), scope, conversationId, { status: "escalated" });
    const racing = otherChangeAfterFirstRead(() => updateTriage(db(), scope, conversationId, { status: "reviewed" }));
    const answer = await updateTriage(createDb(racing), scope, conversationId, { status: "resolved_by_team" });
    expect(await timeline(scope, conversationId)).toEqual(["open→escalated", "escalated→reviewed", "reviewed→resolved_by_team"]);
    expect((await triageOfOne(db(), scope.chatbotId, conversationId)).status).toBe("resolved_by_team");
    expect(answer.triage.status).toBe("resolved_by_team");
  });

  it("chains every row's from to the row before and ends on the status the conversation has, for four interleaved changes", async () => {
    const { scope, conversationId } = await conversationOf();
    await updateTriage(db(), scope, conversationId, { status: "escalated" });
    // Each of three other changes lands right after the read of the one before it: all four read `escalated` first.
    const others: Status[] = ["open", "needs_review", "reviewed"];
    const nested = (i: number): D1Database =>
      otherChangeAfterFirstRead(async () => {
        const status = others[i]!;
        await updateTriage(createDb(i + 1 < others.length ? nested(i + 1) : env.DB), scope, conversationId, { status });
      });
    await updateTriage(createDb(nested(0)), scope, conversationId, { status: "resolved_by_team" });
    const rows = (await listActivity(db(), scope.chatbotId, conversationId)).reverse().map((a) => a.detail as { from: Status; to: Status });
    expect(rows).toHaveLength(5);
    rows.forEach((row, i) => expect(row.from).toBe(i === 0 ? "open" : rows[i - 1]!.to));
    expect((await triageOfOne(db(), scope.chatbotId, conversationId)).status).toBe(rows.at(-1)!.to);
  });

  it("writes nothing when the other change already set the same status, and answers the status as it is", async () => {
    const { scope, conversationId } = await conversationOf();
    const racing = otherChangeAfterFirstRead(() => updateTriage(db(), scope, conversationId, { status: "escalated" }));
    const answer = await updateTriage(createDb(racing), scope, conversationId, { status: "escalated" });
    expect(await timeline(scope, conversationId)).toEqual(["open→escalated"]);
    expect(answer.triage.status).toBe("escalated");
  });

  it("gives up with a 409 conflict, writing nothing of its own, when another change lands between every read and write", async () => {
    const { scope, conversationId } = await conversationOf();
    const cycle: Status[] = ["escalated", "reviewed"];
    let n = 0;
    const endless = interleaved(env.DB, async (sql) => {
      if (!/^select .* from "conversation_triage"/.test(sql)) return;
      await updateTriage(db(), scope, conversationId, { status: cycle[n++ % 2]! });
    });
    const error = await updateTriage(createDb(endless), scope, conversationId, { status: "resolved_by_team" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("conflict");
    const rows = await timeline(scope, conversationId);
    expect(rows).not.toContainEqual(expect.stringContaining("resolved_by_team"));
    expect(rows.length).toBe(n);
    expect((await triageOfOne(db(), scope.chatbotId, conversationId)).status).toBe(cycle[(n - 1) % 2]);
  });
});

describe("assignments at the same time", () => {
  it("names the assignee actually taken off when another assignment lands between the read and the unassignment", async () => {
    const { scope, conversationId, member } = await conversationOf();
    const [grace, linus] = [await member("Grace"), await member("Linus")];
    await updateTriage(db(), scope, conversationId, { assigneeId: grace });
    const racing = otherChangeAfterFirstRead(() => updateTriage(db(), scope, conversationId, { assigneeId: linus }));
    const answer = await updateTriage(createDb(racing), scope, conversationId, { assigneeId: null });
    expect(await timeline(scope, conversationId)).toEqual(["assigned Grace", "assigned Linus", "unassigned Linus"]);
    expect(answer.triage.assignee).toBeNull();
  });

  it("records two interleaved assignments in the order they were written, notifies each assignee once, and answers the last one", async () => {
    const { scope, conversationId, member } = await conversationOf();
    const [grace, linus] = [await member("Grace"), await member("Linus")];
    // The racing request assigns Grace; the slower one then finds her assigned and assigns Linus over her.
    const racing = otherChangeAfterFirstRead(() => updateTriage(db(), scope, conversationId, { assigneeId: grace }));
    const answer = await updateTriage(createDb(racing), scope, conversationId, { assigneeId: linus });
    expect(await timeline(scope, conversationId)).toEqual(["assigned Grace", "assigned Linus"]);
    expect(answer.triage.assignee?.id).toBe(linus);
    const told = await db().select({ memberId: notifications.memberId }).from(notifications).where(and(eq(notifications.conversationId, conversationId)));
    expect(told.map((n) => n.memberId).sort()).toEqual([grace, linus].sort());
  });

  it("keeps an assignment made while the status changes, and the status change's row names the status it replaced", async () => {
    const { scope, conversationId, member } = await conversationOf();
    const grace = await member("Grace");
    const racing = otherChangeAfterFirstRead(() => updateTriage(db(), scope, conversationId, { assigneeId: grace }));
    const answer = await updateTriage(createDb(racing), scope, conversationId, { status: "reviewed" });
    expect(await timeline(scope, conversationId)).toEqual(["assigned Grace", "open→reviewed"]);
    expect(answer.triage).toMatchObject({ status: "reviewed", assignee: { id: grace } });
    expect(await triageOfOne(db(), scope.chatbotId, conversationId)).toMatchObject({ status: "reviewed", assignee: { id: grace } });
  });
});
