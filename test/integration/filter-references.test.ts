/**
 * Filters that name something of the chatbot's — `labelId`, `flags` (search's `flag`), `assignee` — answer 400 naming
 * the parameter when it names nothing the chatbot has, on every route that takes them (the conversations table, its
 * export, search), rather than an empty table that reads as "nothing matched".
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../worker/db/client";
import { labels } from "../../worker/db/schema";
import { createKey } from "../../worker/services/keys";
import { checkedFilters } from "../../worker/services/filter-references";
import { call, type ErrorBody } from "../helpers/http";
import { memberIn, type Member } from "../helpers/member";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);

describe("filters naming a label, a flag or a member", () => {
  let t: Tenant;
  let other: Tenant;
  let colleague: Member;
  let stranger: Member;
  const ownLabel = "lbl_filters_own";
  const theirLabel = "lbl_filters_theirs";

  beforeAll(async () => {
    t = await createTenant();
    other = await createTenant();
    colleague = await memberIn(t.organizationId, "member");
    stranger = await memberIn(other.organizationId, "member");
    await db.insert(labels).values({ id: ownLabel, organizationId: t.organizationId, chatbotId: t.chatbotId, name: "billing", color: "blue" });
    await db.insert(labels).values({ id: theirLabel, organizationId: other.organizationId, chatbotId: other.chatbotId, name: "billing", color: "blue" });
    const config = await call("/api/v1/analysis/config", {
      method: "PATCH",
      key: t.adminKey,
      json: { customFlags: [{ slug: "wants_invoice", name: "Wants an invoice", description: "asks for an invoice" }] },
    });
    expect(config.status).toBe(200);
  });

  /** A read key of its own per test: the read limit (25 a minute in tests) is per key. */
  const readKey = async () => (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "filters" })).secret;
  const refusal = async (res: Response) => {
    expect(res.status).toBe(400);
    return ((await res.json()) as ErrorBody).error;
  };

  it("refuses a label id the chatbot does not have, another chatbot's included, naming labelId", async () => {
    const key = await readKey();
    for (const id of ["lbl_nope", theirLabel]) {
      const error = await refusal(await call(`/api/v1/analytics/conversations?labelId=${id}`, { key }));
      expect(error.code).toBe("invalid_request");
      expect(error.details).toEqual([{ field: "labelId", message: `the chatbot has no label "${id}" (GET /labels lists its labels and their ids)` }]);
      expect(error.message).toBe(`labelId: ${error.details![0]!.message}`);
    }
    expect((await call(`/api/v1/analytics/conversations?labelId=${ownLabel}`, { key })).status).toBe(200);
  });

  it("refuses a flag the chatbot does not have, listing its flags, and takes its built-in and custom ones", async () => {
    const key = await readKey();
    const error = await refusal(await call("/api/v1/analytics/conversations?flags=churn_risk,nope", { key }));
    expect(error.details?.[0]?.field).toBe("flags");
    expect(error.message).toBe(
      'flags: the chatbot has no flag "nope" (its flags: churn_risk, frustrated_user, buying_signal, competitor_mention, urgent_request, confused_user, wants_invoice)',
    );
    // A flag of another chatbot's configuration is not this one's.
    expect((await call("/api/v1/analytics/conversations?flags=wants_invoice", { key: other.readKey })).status).toBe(400);
    expect((await call("/api/v1/analytics/conversations?flags=churn_risk,wants_invoice", { key })).status).toBe(200);
  });

  it("refuses an assignee who is no member of the chatbot's organization, another organization's member included", async () => {
    const key = await readKey();
    for (const id of ["mem_nope", stranger.memberId]) {
      const error = await refusal(await call(`/api/v1/analytics/conversations?assignee=${id}`, { key }));
      expect(error.details).toEqual([{ field: "assignee", message: `no member "${id}" in this organization; give a member's id, \`me\` or \`unassigned\`` }]);
    }
    expect((await call(`/api/v1/analytics/conversations?assignee=${colleague.memberId}`, { key })).status).toBe(200);
    expect((await call("/api/v1/analytics/conversations?assignee=unassigned", { key })).status).toBe(200);
  });

  it("names every refused filter at once", async () => {
    const error = await refusal(await call("/api/v1/analytics/conversations?labelId=lbl_nope&flags=nope&assignee=mem_nope", { key: await readKey() }));
    expect(error.details?.map((d) => d.field)).toEqual(["labelId", "flags", "assignee"]);
  });

  it("refuses them alike on the export and on search's flag", async () => {
    const key = await readKey();
    for (const [query, field] of [["labelId=lbl_nope", "labelId"], ["flags=nope", "flags"], ["assignee=mem_nope", "assignee"]] as const) {
      expect((await refusal(await call(`/api/v1/exports/conversations?${query}`, { key }))).details?.[0]?.field).toBe(field);
    }
    expect((await call(`/api/v1/exports/conversations?labelId=${ownLabel}&flags=wants_invoice`, { key })).status).toBe(200);
    const search = await refusal(await call("/api/v1/search?q=invoice&flag=nope", { key }));
    expect(search.details?.[0]?.field).toBe("flag");
    expect(search.message).toMatch(/^flag: the chatbot has no flag "nope" \(its flags: churn_risk, .*wants_invoice\)$/);
    expect((await call("/api/v1/search?q=invoice&flag=wants_invoice", { key })).status).toBe(200);
  });

  it("reads nothing for built-in flags, `me` or `unassigned`, and reads `me` as the member calling", async () => {
    // Any read would throw on this stand-in for the database.
    const noDb = new Proxy({}, { get: () => { throw new Error("the database was read"); } }) as Db;
    const auth = { organizationId: t.organizationId, chatbotId: t.chatbotId, memberId: colleague.memberId };
    await expect(checkedFilters(noDb, auth, { flags: ["churn_risk", "urgent_request"], assignee: "unassigned" })).resolves.toMatchObject({ assignee: "unassigned" });
    await expect(checkedFilters(noDb, auth, { flag: "buying_signal", assignee: "me" })).resolves.toEqual({ flag: "buying_signal", assignee: colleague.memberId });
    await expect(checkedFilters(noDb, { ...auth, memberId: undefined }, { assignee: "me" })).rejects.toMatchObject({ message: "assignee: `me` needs a member session; give a member id" });
  });
});
