import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { createDb } from "../../worker/db/client";
import { conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { connect } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const msg = (id: string, role: "user" | "assistant" = "user", content = `message ${id}: how do I export my data?`) => ({ type: "message", id, role, content });

/** The object's private scheduling, reached the way a test reaches anything inside a Durable Object. */
interface Internals {
  alarmAt: number | null | undefined;
  analyseSoon: () => void;
}

/**
 * Takes the alarm away from this instance (deleted, and never set again: it believes one is already
 * due), so whatever the socket then sees cannot have come from an alarm. With `deferAnalysis`, the
 * analysis that runs right after each ack is switched off too, as if the object went away first.
 */
async function withoutAlarm(stub: DurableObjectStub<Conversation>, deferAnalysis: boolean): Promise<void> {
  await runInDurableObject(stub, async (instance: Conversation, state) => {
    const internals = instance as unknown as Internals;
    internals.alarmAt = 0;
    if (deferAnalysis) internals.analyseSoon = () => undefined;
    await state.storage.deleteAlarm();
  });
}

/** From here on, records the first words of every statement the conversation's store runs, in order. */
async function countStatements(stub: DurableObjectStub<Conversation>): Promise<void> {
  await runInDurableObject(stub, (instance: Conversation) => {
    const store = (instance as unknown as { store: { sql: SqlStorage } }).store;
    const sql = store.sql;
    const seen: string[] = [];
    (globalThis as { statements?: string[] }).statements = seen;
    store.sql = new Proxy(sql, {
      get: (target, key) =>
        key === "exec"
          ? (query: string, ...bindings: unknown[]) => {
              seen.push(query.trim().split(/\s+/).slice(0, 3).join(" "));
              return target.exec(query, ...(bindings as SqlStorageValue[]));
            }
          : Reflect.get(target, key, target),
    });
  });
}

const statementsSeen = (stub: DurableObjectStub<Conversation>) => runInDurableObject(stub, () => (globalThis as { statements?: string[] }).statements ?? []);

describe("the ack path", () => {
  it("annotates each message right after its ack with the embedded analyzer, no alarm involved", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/inline", { key: t.ingestKey });
    await socket.next("welcome");
    const stub = conversationStub(env, t.chatbotId, "inline");
    await withoutAlarm(stub, false);
    socket.send(msg("a"));
    socket.send(msg("b", "assistant", "Go to Settings, then Export."));
    socket.send(msg("c", "user", "This is useless, I want to cancel my subscription right now!"));
    const frames = [];
    while (frames.length < 6) frames.push(await socket.next());
    // Each message's ack comes before its annotation; every message gets exactly one of each.
    for (const [seq, id] of [[1, "a"], [2, "b"], [3, "c"]] as const) {
      const ack = frames.findIndex((f) => f.type === "ack" && f.seq === seq);
      const annotation = frames.findIndex((f) => f.type === "annotation" && f.seq === seq);
      expect(ack, `ack of ${id}`).toBeGreaterThanOrEqual(0);
      expect(annotation, `annotation of ${id}`).toBeGreaterThan(ack);
    }
    expect(await runInDurableObject(stub, (_i: Conversation, state) => state.storage.getAlarm())).toBeNull();
    const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages.every((m) => m.analysis !== null)).toBe(true);
    expect(snapshot?.state.aggregates.flags).toContain("churn_risk");
    socket.close();
  });

  it("writes one row per message — its analysis job on it — and leaves the state row as it was", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/one-write", { key: t.ingestKey });
    await socket.next("welcome");
    const stub = conversationStub(env, t.chatbotId, "one-write");
    await withoutAlarm(stub, true);
    const stateRow = () => runInDurableObject(stub, (_i: Conversation, state) => state.storage.sql.exec<{ body: string }>("SELECT body FROM state").one().body);
    const before = await stateRow();
    socket.send(msg("a"));
    socket.send(msg("b", "assistant"));
    socket.send({ type: "message", id: "s", role: "system", content: "session started" });
    await socket.take("ack", 3);
    expect(await stateRow()).toBe(before);
    const rows = await runInDurableObject(stub, (_i: Conversation, state) => ({
      messages: state.storage.sql.exec("SELECT id, analysis_due_at IS NOT NULL AS waiting FROM messages ORDER BY seq").toArray(),
      jobs: state.storage.sql.exec("SELECT count(*) AS n FROM analysis_jobs").one().n,
    }));
    expect(rows).toEqual({
      messages: [
        { id: "a", waiting: 1 },
        { id: "b", waiting: 1 },
        { id: "s", waiting: 0 }, // system messages are not analysed
      ],
      jobs: 0,
    });
    socket.close();
  });

  it("runs two SQL statements for a message before its ack — the lookup by id and the insert — and nothing else", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/statements", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send(msg("first"));
    await socket.next("ack");
    const stub = conversationStub(env, t.chatbotId, "statements");
    await syncIndex(stub);
    await withoutAlarm(stub, true);
    await countStatements(stub);
    socket.send(msg("second"));
    await socket.next("ack");
    expect(await statementsSeen(stub)).toEqual(["SELECT seq, id,", "INSERT INTO messages"]);
    socket.close();
  });

  it("analyses a message after its ack without reading messages or jobs back: this instance stored them", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/no-read-back", { key: t.ingestKey });
    await socket.next("welcome");
    for (const id of ["a", "b", "c"]) socket.send(msg(id));
    await socket.take("annotation", 3);
    const stub = conversationStub(env, t.chatbotId, "no-read-back");
    await syncIndex(stub);
    await withoutAlarm(stub, false);
    await countStatements(stub);
    socket.send(msg("d", "user", "I am so frustrated, this still does not work"));
    expect(await socket.next("annotation")).toMatchObject({ seq: 4 });
    const statements = await statementsSeen(stub);
    // The analyzer's context (the three earlier messages) and the due job came from memory.
    expect(statements.filter((s) => s.startsWith("SELECT"))).toEqual(["SELECT seq, id,", "SELECT (SELECT min(due_at)"]);
    expect(statements).toContain("INSERT INTO analyses");
    expect(statements).toContain("UPDATE messages SET");
    socket.close();
  });

  it("recovers the counts and times of messages stored after the state row, and analyses them, after an eviction", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/evicted-early", { key: t.ingestKey });
    await socket.next("welcome");
    const stub = conversationStub(env, t.chatbotId, "evicted-early");
    await withoutAlarm(stub, true);
    socket.send(msg("a"));
    socket.send(msg("b", "assistant"));
    socket.send(msg("c"));
    const acks = await socket.take("ack", 3);
    // Gone before the analysis that follows an ack could run: only the message rows were written.
    await evictDurableObject(stub);
    const woken = await stub.read(t.chatbotId, { after: 0, limit: 10 });
    expect(woken?.state).toMatchObject({
      lastSeq: 3,
      messageCount: 3,
      userMessageCount: 2,
      firstMessageAt: acks[0]!.receivedAt,
      lastMessageAt: acks[2]!.receivedAt,
      idleDueAt: acks[2]!.receivedAt + woken!.state.idleTimeoutMs,
    });
    expect(woken?.messages.map((m) => m.analysis)).toEqual([null, null, null]);
    socket.send(msg("d"));
    expect(await socket.next("ack")).toMatchObject({ id: "d", seq: 4, duplicate: false });
    await syncIndex(stub);
    const done = await stub.read(t.chatbotId, { after: 0, limit: 10 });
    expect(done?.messages.map((m) => m.analysis?.analyzer)).toEqual(["embedded", "embedded", "embedded", "embedded"]);
    const row = await createDb(env.DB).select().from(conversations).where(eq(conversations.externalId, "evicted-early")).get();
    expect(row).toMatchObject({ messageCount: 4, userMessageCount: 3 });
    socket.close();
  });

  it("acknowledges and annotates every message of a pipelined burst exactly once", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/burst", { key: t.ingestKey });
    await socket.next("welcome");
    const count = 200;
    for (let i = 0; i < count; i++) socket.send(msg(`m-${i}`));
    const acks = await socket.take("ack", count, 30_000);
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(acks.every((a) => !a.duplicate)).toBe(true);
    const stub = conversationStub(env, t.chatbotId, "burst");
    await syncIndex(stub);
    const annotated = socket.frames.filter((f) => f.type === "annotation").map((f) => (f as { seq: number }).seq);
    expect(new Set(annotated).size).toBe(count);
    expect(annotated).toHaveLength(count);
    socket.close();
  }, 60_000); // a bound for a loaded machine, not a performance claim
});
