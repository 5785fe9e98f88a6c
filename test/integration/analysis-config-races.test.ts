/**
 * Changes to a chatbot's analysis configuration made by requests that interleave: each reads the stored document,
 * merges its own change and writes it back, and another request may write between its read and its write
 * (test/helpers/interleaved-d1.ts). Neither change may be lost.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { analysisConfigPatch, loadConfig, MAX_CUSTOM_DEFINITIONS, revertPrompt, updateConfig } from "../../worker/analysis/config";
import { createDb } from "../../worker/db/client";
import { and, eq } from "drizzle-orm";
import { annotations, conversations } from "../../worker/db/schema";
import { ApiError } from "../../worker/errors";
import { approveSuggestion, listSuggestions } from "../../worker/services/intent-suggestions";
import { interleaved, onceAfter } from "../helpers/interleaved-d1";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = () => createDb(env.DB);
const topic = { slug: "shipping", name: "Shipping", description: "Parcels, couriers and delivery times" };

/** A database on which `other` runs once, through the real database, right after the first read of the configuration. */
function otherChangeAfterFirstRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /^select .* from "analysis_configs"/, other);
}

const patch = (body: unknown) => analysisConfigPatch.parse(body);

/** A suggested intent `api_key`: four pending messages over two conversations, as the analyzer stores them. */
async function suggestApiKey(t: Tenant) {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const ids = [0, 1].map((i) => `${t.chatbotId}_api_key_${i}`);
  await db().insert(conversations).values(ids.map((id) => ({ ...base, id, externalId: id, createdAt: 1_000 })));
  await db()
    .insert(annotations)
    .values(
      [0, 1, 2, 3].map((n): typeof annotations.$inferInsert => ({
        ...base,
        id: `ann_${t.chatbotId}_${n}`,
        conversationId: ids[n % 2]!,
        messageSeq: n + 1,
        kind: "intent",
        label: "api_key",
        chunk: `where is the api key (${n})`,
        confidence: 0.1,
        status: "pending",
        analyzer: "embedded",
        analyzerVersion: "test",
        createdAt: 1_000 + n,
      })),
    );
}

/** The statuses of the suggestion's messages, by annotation id. */
async function statusesOf(t: Tenant): Promise<string[]> {
  const rows = await db().select({ status: annotations.status }).from(annotations).where(and(eq(annotations.chatbotId, t.chatbotId), eq(annotations.kind, "intent")));
  return rows.map((r) => r.status);
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as ApiError,
  );

describe("two changes to the analysis configuration at the same time", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps both when one adds a custom topic and the other switches a flag off", async () => {
    const t = await createTenant();
    await updateConfig(db(), t, patch({ companyDescription: "Shoes and socks." }));
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ flags: { churn_risk: false } })));
    const answer = await updateConfig(createDb(racing), t, patch({ customTopics: [topic] }));
    const stored = await loadConfig(db(), t.chatbotId);
    expect(stored).toMatchObject({ companyDescription: "Shoes and socks.", customTopics: [topic], flags: { churn_risk: false } });
    // The answer is the whole configuration after the change, the other request's change included.
    expect(answer).toEqual(stored);
  });

  it("keeps both when both are written within the same millisecond", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_800_000_000_000);
    const t = await createTenant();
    await updateConfig(db(), t, patch({ companyDescription: "Shoes and socks." }));
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ flags: { churn_risk: false } })));
    await updateConfig(createDb(racing), t, patch({ customTopics: [topic] }));
    expect(await loadConfig(db(), t.chatbotId)).toMatchObject({ customTopics: [topic], flags: { churn_risk: false } });
  });

  it("keeps both when they are the chatbot's first changes, made before any configuration was stored", async () => {
    const t = await createTenant();
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ competitors: ["Zendesk"] })));
    const answer = await updateConfig(createDb(racing), t, patch({ customIntents: [{ slug: "refund_status", name: "Refund status", description: "Where is my refund" }] }));
    const stored = await loadConfig(db(), t.chatbotId);
    expect(stored).toMatchObject({ competitors: ["Zendesk"], customIntents: [{ slug: "refund_status" }] });
    expect(answer).toEqual(stored);
  });

  it("keeps a change made while a prompt is being reverted", async () => {
    const t = await createTenant();
    await updateConfig(db(), t, patch({ prompts: { intent: "Pick the intent that fits best." } }));
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ ownNames: ["Shoebox"] })));
    const answer = await revertPrompt(createDb(racing), t, "intent");
    const stored = await loadConfig(db(), t.chatbotId);
    expect(stored).toMatchObject({ ownNames: ["Shoebox"], prompts: {} });
    expect(answer).toEqual(stored);
  });

  it("still applies a change when another request writes between every read and write it makes", async () => {
    const t = await createTenant();
    let n = 0;
    // Another request's change lands after each of the first three reads, so the first three writes find the
    // document changed; the change is still made, on top of all three.
    const busy = interleaved(env.DB, async (sql) => {
      if (n >= 3 || !/^select .* from "analysis_configs"/.test(sql)) return;
      n += 1;
      await updateConfig(db(), t, patch({ competitors: [...(await loadConfig(db(), t.chatbotId)).competitors, `Rival ${n}`] }));
    });
    await updateConfig(createDb(busy), t, patch({ topics: true }));
    expect(await loadConfig(db(), t.chatbotId)).toMatchObject({ topics: true, competitors: ["Rival 1", "Rival 2", "Rival 3"] });
  });

  it("gives up with a 409 and writes nothing of its own when another request writes between every read and write", async () => {
    const t = await createTenant();
    let n = 0;
    const endless = interleaved(env.DB, async (sql) => {
      if (!/^select .* from "analysis_configs"/.test(sql)) return;
      n += 1;
      await updateConfig(db(), t, patch({ companyDescription: `Version ${n}` }));
    });
    const error = await updateConfig(createDb(endless), t, patch({ topics: true })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(await loadConfig(db(), t.chatbotId)).toMatchObject({ topics: false, companyDescription: `Version ${n}` });
  });

  it("keeps a custom intent added while a suggested intent is being approved, beside the approved one", async () => {
    const t = await createTenant();
    await suggestApiKey(t);
    const refund = { slug: "refund_status", name: "Refund status", description: "Where is my refund" };
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ customIntents: [refund] })));
    const result = await approveSuggestion(createDb(racing), t, "api_key", { name: "API key", description: "asks where the API key is" });
    expect(result.accepted).toBe(4);
    const stored = await loadConfig(db(), t.chatbotId);
    expect(stored.customIntents.map((i) => i.slug)).toEqual(["refund_status", "api_key"]);
    expect(result.config).toEqual(stored);
  });
  it("leaves a suggestion's messages pending, and the suggestion listed, when its approval gives up with a 409 after losing every race", async () => {
    const t = await createTenant();
    await suggestApiKey(t);
    let n = 0;
    const endless = interleaved(env.DB, async (sql) => {
      if (!/^select .* from "analysis_configs"/.test(sql)) return;
      n += 1;
      await updateConfig(db(), t, patch({ companyDescription: `Version ${n}` }));
    });
    const error = await refusal(approveSuggestion(createDb(endless), t, "api_key", { name: "API key", description: "asks where the API key is" }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(409);
    expect(error!.message).toMatch(/kept changing/);
    expect((await loadConfig(db(), t.chatbotId)).customIntents).toEqual([]);
    expect(await statusesOf(t)).toEqual(["pending", "pending", "pending", "pending"]);
    // Nothing was half done, so approving it again once the others are done works.
    expect((await listSuggestions(db(), t.chatbotId, { page: 1, limit: 10 })).data.map((s) => s.slug)).toEqual(["api_key"]);
    expect((await approveSuggestion(db(), t, "api_key", { name: "API key", description: "asks where the API key is" })).accepted).toBe(4);
  });

  it("leaves a suggestion's messages pending when another request fills the intent list while it is being approved, with the full list's 409", async () => {
    const t = await createTenant();
    await suggestApiKey(t);
    const full = Array.from({ length: MAX_CUSTOM_DEFINITIONS }, (_, i) => ({ slug: `intent_${i}`, name: `Intent ${i}`, description: `Custom intent number ${i}` }));
    const racing = otherChangeAfterFirstRead(() => updateConfig(db(), t, patch({ customIntents: full })));
    const error = await refusal(approveSuggestion(createDb(racing), t, "api_key", { name: "API key", description: "asks where the API key is" }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(409);
    expect(error!.message).toMatch(new RegExp(`already has ${MAX_CUSTOM_DEFINITIONS} custom intents`));
    expect((await loadConfig(db(), t.chatbotId)).customIntents).toHaveLength(MAX_CUSTOM_DEFINITIONS);
    expect(await statusesOf(t)).toEqual(["pending", "pending", "pending", "pending"]);
  });
});
