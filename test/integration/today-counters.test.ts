/**
 * The live feed's "today" counters come from the index (worker/analytics/today.ts): they equal a plain count of
 * the raw rows since midnight in the zone asked for, zones whose midnight is not on the hour included.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { StoredAnalysis } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { startOfDay } from "../../worker/analytics/time-zone";
import { todayCounts } from "../../worker/analytics/today";
import { createDb } from "../../worker/db/client";
import { indexSnapshotOf } from "../../worker/index-queue/snapshot";
import { writeIndexBatch } from "../../worker/services/conversation-index";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant } from "../helpers/tenant";

const MINUTE = 60_000;
/** UTC, +05:45, +14:00 and -03:30 (-02:30 in summer): midnights on the hour, the quarter and the half. */
const ZONES = ["UTC", "Asia/Kathmandu", "Pacific/Kiritimati", "America/St_Johns"];

const analysed = (seq: number, analysedAt: number, score: number | null): StoredAnalysis => ({
  seq,
  messageId: `m${seq}`,
  analysedAt,
  analyzer: "test",
  analyzerVersion: "1",
  analysis: {
    sentiment: score === null ? undefined : { score, label: score > 0 ? "positive" : "negative", chunk: "", reason: "r" },
    flags: [],
    behaviours: [],
    topics: [],
  },
});

describe("today's counters, read from the index", () => {
  it("equal a plain count of the messages and analysed user messages since midnight in each zone", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "today", messages: [{ role: "user", content: "hello" }, { role: "assistant", content: "hi" }] });
    const stub = conversationStub(env, t.chatbotId, "today");
    await syncIndex(stub);
    const state = (await stub.read(t.chatbotId, { after: 0, limit: 1 }))!.state;

    // A minute either side of every zone's midnight (the side after it only when that is not in the future).
    const now = Date.now();
    const times = ZONES.flatMap((zone) => {
      const midnight = startOfDay(now, zone);
      return [midnight - MINUTE, Math.min(midnight + MINUTE, now - 1)];
    });
    const messages = times.map((receivedAt, i) => ({ seq: i + 3, id: `m${i + 3}`, role: i % 2 ? "assistant" : "user", content: `message ${i}`, receivedAt }) as StoredMessage);
    // Assistant messages are analysed without a sentiment: not "analysed" in the overview's sense.
    const analyses = messages.map((m, i) => analysed(m.seq, m.receivedAt, i % 2 ? null : -0.4));
    await writeIndexBatch(env.DB, [indexSnapshotOf({ ...state, version: state.version + 1, messageCount: 2 + messages.length }, analyses, messages)]);

    const { results: at } = await env.DB.prepare("SELECT at FROM search_messages WHERE chatbot_id = ?").bind(t.chatbotId).all<{ at: number }>();
    const { results: scored } = await env.DB.prepare("SELECT created_at AS at FROM annotations WHERE chatbot_id = ? AND kind = 'sentiment'").bind(t.chatbotId).all<{ at: number }>();
    expect(at).toHaveLength(2 + messages.length);
    for (const zone of ZONES) {
      const midnight = startOfDay(now, zone);
      const counts = await todayCounts(createDb(env.DB), t.chatbotId, zone, now);
      expect(counts, zone).toMatchObject({
        timeZone: zone,
        day: new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(now),
        messagesToday: at.filter((r) => r.at >= midnight).length,
        analysedToday: scored.filter((r) => r.at >= midnight).length,
      });
      // Not vacuous: each zone leaves out the minute before its own midnight.
      expect(counts.messagesToday, zone).toBeLessThan(at.length);
    }
  });
});
