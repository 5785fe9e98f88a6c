import { describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { signup, chatbotOf } from "../helpers/member";
import { connect, openSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

describe("browser conversation ids", () => {
  it("refuses a publishable key opening a pub_ conversation under an id the browser chose, so it can never share one with another browser", async () => {
    const t = await createTenant();
    const chosen = "pub_AAAAAAAAAAAAAAAAAAAAAA";
    const { socket, response } = await openSocket(`/api/v1/live/${chosen}?key=${t.publishableKey}`);
    expect(socket).toBeNull();
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
    // The plain GET a client sends to learn why its handshake failed says the same, not "upgrade".
    const why = await call(`/api/v1/live/${chosen}?key=${t.publishableKey}`);
    expect(why.status).toBe(404);
    expect(((await why.json()) as ErrorBody).error.message).toMatch(/^conversation not found/);
  });

  it("lets a browser reconnect to the conversation the server opened for it, with its history", async () => {
    const t = await createTenant();
    const first = await connect(`/api/v1/live?key=${t.publishableKey}`);
    const { externalId } = await first.next("welcome");
    expect(externalId).toMatch(/^pub_[0-9A-Za-z]{22}$/); // 16 random bytes: 128 bits
    first.send({ type: "message", id: "w1", role: "user", content: "hello" });
    await first.next("ack");
    first.close();
    // Asked over plain HTTP, the id it was given is a conversation: only the upgrade is missing.
    expect((await call(`/api/v1/live/${externalId}?key=${t.publishableKey}`)).status).toBe(426);
    const again = await connect(`/api/v1/live/${externalId}?key=${t.publishableKey}&after=0`);
    await again.next("welcome");
    expect((await again.next("message")).message.id).toBe("w1");
    again.close();
  });
});

describe("live feed origins", () => {
  for (const origin of ["null", "not a url", "https://"]) {
    it(`answers a member's live-feed upgrade from origin ${JSON.stringify(origin)} with 403, not a server error`, async () => {
      const owner = await signup();
      const { chatbotId } = await chatbotOf(owner);
      const { response } = await openSocket(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: owner.cookie, origin } });
      expect(response.status).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe("forbidden");
    });
  }
});
