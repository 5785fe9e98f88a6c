import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { conversationStub } from "../../worker/services/conversation-stub";
import { LIMITS } from "../../durable-objects/protocol";
import type { ErrorBody } from "../helpers/http";
import { connect, openSocket, type TestSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

const from = (address: string) => ({ headers: { "cf-connecting-ip": address } });

describe("live connect limits", () => {
  it("counts publishable-key connects per client address, so one address over its limit leaves other visitors connecting", async () => {
    const t = await createTenant();
    const opened: TestSocket[] = [];
    for (let i = 0; i < 10; i++) {
      const socket = await connect(`/api/v1/live?key=${t.publishableKey}`, from("203.0.113.7"));
      await socket.next("welcome");
      opened.push(socket);
    }
    const refused = await openSocket(`/api/v1/live?key=${t.publishableKey}`, from("203.0.113.7"));
    expect(refused.response.status).toBe(429);
    expect(((await refused.response.json()) as ErrorBody).error.code).toBe("rate_limited");

    const other = await connect(`/api/v1/live?key=${t.publishableKey}`, from("198.51.100.2"));
    expect((await other.next("welcome")).externalId).toMatch(/^pub_/);
    for (const socket of [...opened, other]) socket.close();
  });

  it("counts connects to one browser conversation per conversation, whatever the client address", async () => {
    const t = await createTenant();
    const first = await connect(`/api/v1/live?key=${t.publishableKey}`, from("192.0.2.1"));
    const { externalId } = await first.next("welcome");
    first.close();
    for (let i = 2; i <= 10; i++) {
      const again = await connect(`/api/v1/live/${externalId}?key=${t.publishableKey}`, from(`192.0.2.${i}`));
      await again.next("welcome");
      again.close();
    }
    const refused = await openSocket(`/api/v1/live/${externalId}?key=${t.publishableKey}`, from("192.0.2.11"));
    expect(refused.response.status).toBe(429);
  });

  it(`refuses one socket more than ${LIMITS.socketsPerConversation} on a conversation and accepts again once one closes`, async () => {
    const t = await createTenant();
    const opened: TestSocket[] = [];
    for (let i = 0; i < LIMITS.socketsPerConversation; i++) {
      const socket = await connect("/api/v1/live/crowded", { key: t.ingestKey });
      await socket.next("welcome");
      opened.push(socket);
    }
    const refused = await openSocket("/api/v1/live/crowded", { key: t.ingestKey });
    expect(refused.response.status).toBe(429);
    const body = (await refused.response.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "rate_limited" });
    expect(body.error.message).toContain(`${LIMITS.socketsPerConversation} open sockets`);

    opened.pop()!.close();
    const stub = conversationStub(env, t.chatbotId, "crowded");
    await expect.poll(() => runInDurableObject(stub, (_i: Conversation, state) => state.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length)).toBe(
      LIMITS.socketsPerConversation - 1,
    );
    const again = await connect("/api/v1/live/crowded", { key: t.ingestKey });
    await again.next("welcome");
    for (const socket of [...opened, again]) socket.close();
  });
});
