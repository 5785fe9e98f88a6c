/**
 * The conversations table's triage filters (status, assignee incl. `me` and `unassigned`, label) and the
 * triage, labels and last user message on its rows, over rows seeded in D1; a second chatbot holds the same
 * triage so a filter leaking across chatbots would add its rows.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { conversationLabels, conversations, conversationTriage, labels } from "../../worker/db/schema";
import { createKey } from "../../worker/services/keys";
import { call, type ErrorBody } from "../helpers/http";
import { as, chatbotOf, invited, signup, type Member } from "../helpers/member";

const db = createDb(env.DB);

interface Row {
  externalId: string;
  triage: { status: string; assigneeId: string | null };
  labels: { id: string; name: string; color: string }[];
  lastUserMessage: { text: string; at: number | null } | null;
}

describe("the conversations table's triage filters", () => {
  let owner: Member;
  let colleague: Member;
  let chatbotId: string;
  let otherChatbotId: string;
  let readKey: string;
  const labelId = (bot: string) => `lbl_${bot}_billing`;

  /** c1 escalated to the owner, billing; c2 reviewed, the colleague's; c3 untouched; c4 open, assigned to the owner. */
  async function seed(bot: string) {
    const base = { organizationId: owner.organizationId, chatbotId: bot };
    await db.insert(labels).values({ ...base, id: labelId(bot), name: "billing", color: "grape" });
    for (const key of ["c1", "c2", "c3", "c4"]) {
      const at = Date.now() - Number(key.slice(1)) * 60_000;
      await db.insert(conversations).values({ ...base, id: `conv_${bot}_${key}`, externalId: key, createdAt: at, lastMessageAt: at, lastUserMessage: `words of ${key}`, lastUserMessageAt: at });
    }
    const triage = (key: string, status: "open" | "escalated" | "reviewed", assigneeId: string | null) =>
      db.insert(conversationTriage).values({ ...base, conversationId: `conv_${bot}_${key}`, status, assigneeId, statusAt: Date.now(), updatedAt: Date.now() });
    await triage("c1", "escalated", owner.memberId);
    await triage("c2", "reviewed", colleague.memberId);
    await triage("c4", "open", owner.memberId);
    await db.insert(conversationLabels).values({ ...base, conversationId: `conv_${bot}_c1`, labelId: labelId(bot) });
  }

  beforeAll(async () => {
    owner = await signup();
    colleague = await invited(owner, "member");
    chatbotId = (await chatbotOf(owner)).chatbotId;
    otherChatbotId = (await chatbotOf(owner, "Other bot")).chatbotId;
    readKey = (await createKey(db, { organizationId: owner.organizationId, chatbotId, kind: "read", name: "filters" })).secret;
    await seed(chatbotId);
    await seed(otherChatbotId);
  });

  const table = async (who: Member, query: string) => {
    const res = await as(who, `/api/v1/chatbots/${chatbotId}/analytics/conversations?sort=createdAt&order=asc&${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: Row[] }).data;
  };
  const keys = (rows: Row[]) => rows.map((r) => r.externalId).sort();

  it("filters by triage status, counting untouched conversations as open", async () => {
    expect(keys(await table(owner, "triageStatus=escalated"))).toEqual(["c1"]);
    expect(keys(await table(owner, "triageStatus=reviewed"))).toEqual(["c2"]);
    expect(keys(await table(owner, "triageStatus=open"))).toEqual(["c3", "c4"]);
  });

  it("filters by assignee: a member id, me, or unassigned", async () => {
    expect(keys(await table(owner, `assignee=${colleague.memberId}`))).toEqual(["c2"]);
    expect(keys(await table(owner, "assignee=me"))).toEqual(["c1", "c4"]);
    expect(keys(await table(colleague, "assignee=me"))).toEqual(["c2"]);
    expect(keys(await table(owner, "assignee=unassigned"))).toEqual(["c3"]);
  });

  it("filters by label and combines filters", async () => {
    expect(keys(await table(owner, `labelId=${labelId(chatbotId)}`))).toEqual(["c1"]);
    expect(keys(await table(owner, `assignee=me&triageStatus=open`))).toEqual(["c4"]);
  });

  it("shows each row's triage, labels and last user message", async () => {
    const rows = await table(owner, "");
    const c1 = rows.find((r) => r.externalId === "c1")!;
    expect(c1.triage).toEqual({ status: "escalated", assigneeId: owner.memberId });
    expect(c1.labels).toEqual([{ id: labelId(chatbotId), name: "billing", color: "grape" }]);
    expect(c1.lastUserMessage?.text).toBe("words of c1");
    expect(rows.find((r) => r.externalId === "c3")).toMatchObject({ triage: { status: "open", assigneeId: null }, labels: [] });
  });

  it("refuses assignee=me from a key and an unknown triage status, naming the field", async () => {
    const me = await call("/api/v1/analytics/conversations?assignee=me", { key: readKey });
    expect(me.status).toBe(400);
    expect(((await me.json()) as ErrorBody).error.details?.[0]?.field).toBe("assignee");
    const status = await as(owner, `/api/v1/chatbots/${chatbotId}/analytics/conversations?triageStatus=done`);
    expect(status.status).toBe(400);
    expect(((await status.json()) as ErrorBody).error.details?.[0]?.field).toBe("triageStatus");
  });
});
