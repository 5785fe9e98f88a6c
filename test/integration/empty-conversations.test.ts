import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture } from "../helpers/http";
import { connect } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

async function counts(t: Tenant) {
  const overview = (await (await call("/api/v1/analytics/overview", { key: t.readKey })).json()) as { data: { kpis: { conversations: { value: number } } } };
  const table = (await (await call("/api/v1/analytics/conversations", { key: t.readKey })).json()) as { pagination: { total: number } };
  const list = (await (await call("/api/v1/conversations", { key: t.readKey })).json()) as { pagination: { total: number } };
  return { kpi: overview.data.kpis.conversations.value, table: table.pagination.total, list: list.pagination.total };
}

describe("empty conversations", () => {
  it("does not count a socket opened and left with nothing sent as a conversation, and counts it from its first message", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "spoken", messages: [{ role: "user", content: "hello" }] });
    const browser = await connect(`/api/v1/live?key=${t.publishableKey}`);
    const { externalId } = await browser.next("welcome");
    const server = await connect("/api/v1/live/silent", { key: t.ingestKey });
    await server.next("welcome");
    browser.send({ type: "context", session: { pageUrl: "https://shop.example/" } });
    await browser.next("context_saved");
    for (const id of ["spoken", externalId, "silent"]) await syncIndex(conversationStub(env, t.chatbotId, id));

    expect(await counts(t)).toEqual({ kpi: 1, table: 1, list: 1 });

    server.send({ type: "message", id: "first", role: "user", content: "now I speak" });
    await server.next("ack");
    await syncIndex(conversationStub(env, t.chatbotId, "silent"));
    expect(await counts(t)).toEqual({ kpi: 2, table: 2, list: 2 });
    browser.close();
    server.close();
  });

  it("answers 404 to capture/end on a conversation a socket opened and left empty, and leaves it open", async () => {
    const t = await createTenant();
    const first = await connect("/api/v1/live/left-empty", { key: t.ingestKey });
    await first.next("welcome");
    first.close();
    const res = await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "left-empty" } });
    expect(res.status).toBe(404);
    const again = await connect("/api/v1/live/left-empty", { key: t.ingestKey });
    expect((await again.next("welcome")).status).toBe("open");
    again.close();
  });

  it("answers 404 to GET /api/v1/conversations/:id for a conversation a socket opened and left empty", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/read-empty", { key: t.ingestKey });
    const { conversationId } = await socket.next("welcome");
    expect((await call(`/api/v1/conversations/${conversationId}`, { key: t.readKey })).status).toBe(404);
    socket.send({ type: "message", id: "m-1", role: "user", content: "hello" });
    await socket.next("ack");
    expect((await call(`/api/v1/conversations/${conversationId}`, { key: t.readKey })).status).toBe(200);
    socket.close();
  });

  it("answers an end frame on an empty conversation with its open status, ending nothing", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/end-empty", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "end" });
    expect(await socket.next("status")).toMatchObject({ status: "open" });
    socket.send({ type: "ping" });
    await socket.next("pong");
    expect(socket.frames.map((f) => f.type)).toEqual(["welcome", "status", "pong"]);
    socket.close();
    const again = await connect("/api/v1/live/end-empty", { key: t.ingestKey });
    expect((await again.next("welcome")).status).toBe("open");
    again.close();
  });
});
