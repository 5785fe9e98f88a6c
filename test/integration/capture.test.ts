import { describe, expect, it } from "vitest";
import { call, capture, type ErrorBody } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

describe("POST /api/v1/capture", () => {
  it("stores the messages and answers with the documented shape", async () => {
    const t = await createTenant();
    const res = await capture(t.ingestKey, {
      conversationId: "conv-1",
      messages: [
        { id: "m1", role: "user", content: "Hi, I need help with my invoice" },
        { id: "m2", role: "assistant", content: "Sure, what is the invoice number?" },
      ],
      user: { id: "u-1", email: "ada@example.com", plan: "pro", mrr: 99 },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, externalId: "conv-1", inserted: 2, duplicates: 0, analysisQueued: 0, warnings: [] });
    expect(body.conversationId).toMatch(/^[0-9a-f]{64}$/);

    const read = await call(`/api/v1/conversations/${body.conversationId}`, { key: t.readKey });
    expect(read.status).toBe(200);
    const detail = (await read.json()) as { data: { messages: { id: string; seq: number; content: string }[] } };
    expect(detail.data.messages.map((m) => [m.id, m.seq])).toEqual([["m1", 1], ["m2", 2]]);
  });

  it("answers 400 naming the field when a message has an unknown role", async () => {
    const t = await createTenant();
    const res = await capture(t.ingestKey, { conversationId: "c", messages: [{ role: "robot", content: "x" }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details?.[0]?.field).toBe("messages.0.role");
  });

  it("answers 401 without a key", async () => {
    const res = await capture("", { conversationId: "c", messages: [{ role: "user", content: "x" }] });
    expect(res.status).toBe(401);
  });
});
