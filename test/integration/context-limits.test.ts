import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BROWSER_LIMITS, LIMITS } from "../../durable-objects/protocol";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture, type ErrorBody } from "../helpers/http";
import { connect } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

/** `count` custom keys named `${prefix}0…`, each holding `value`. */
const fields = (prefix: string, count: number, value: string | number = 1) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, value]));
const hi = (id: string) => [{ id, role: "user", content: "hi" }];

describe("bounded context per conversation", () => {
  it(`refuses a capture that would grow a conversation's custom fields past ${LIMITS.customKeysPerConversation} keys, naming the field, and stores none of it`, async () => {
    const t = await createTenant();
    const per = LIMITS.customKeys;
    for (let i = 0; i < LIMITS.customKeysPerConversation / per; i++) {
      expect((await capture(t.ingestKey, { conversationId: "wide", messages: hi(`m${i}`), custom: fields(`k${i}_`, per) })).status).toBe(200);
    }
    const refused = await capture(t.ingestKey, { conversationId: "wide", messages: hi("over"), custom: { oneMore: true } });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details?.[0]?.field).toBe("custom");
    expect(body.error.message).toContain(`${LIMITS.customKeysPerConversation} custom keys`);

    const stored = await conversationStub(env, t.chatbotId, "wide").read(t.chatbotId, { after: 0, limit: 10 });
    expect(stored?.messages.map((m) => m.id)).not.toContain("over");
    expect(Object.keys(stored!.state.custom)).toHaveLength(LIMITS.customKeysPerConversation);
  });

  it("refuses a list or an object as a custom value, naming the key and saying what a value may be", async () => {
    const t = await createTenant();
    for (const value of [["a", "b"], { b: 1 }]) {
      const refused = await capture(t.ingestKey, { conversationId: "flat", messages: hi("m"), custom: { tier: "gold", tags: value } });
      expect(refused.status).toBe(400);
      const { error } = (await refused.json()) as ErrorBody;
      expect(error.details?.[0]).toEqual({ field: "custom.tags", message: "must be a string, number, boolean or null, not a list or an object" });
    }
    expect((await capture(t.ingestKey, { conversationId: "flat", messages: hi("m"), custom: { tier: "gold", seats: 3, trial: false, coupon: null } })).status).toBe(200);
  });

  it("still takes new values for keys a full conversation already has", async () => {
    const t = await createTenant();
    for (let i = 0; i < 2; i++) await capture(t.ingestKey, { conversationId: "full", messages: hi(`m${i}`), custom: fields(`k${i}_`, LIMITS.customKeys) });
    const update = await capture(t.ingestKey, { conversationId: "full", messages: hi("m2"), custom: { k0_0: 2, k1_49: 3 } });
    expect(update.status).toBe(200);
  });

  it(`refuses a capture that would grow a conversation's custom fields past ${LIMITS.customBytesPerConversation} bytes`, async () => {
    const t = await createTenant();
    const refused = await capture(t.ingestKey, { conversationId: "heavy", messages: hi("m"), custom: fields("big", 20, "x".repeat(1000)) });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.details?.[0]?.field).toBe("custom");
    expect(body.error.message).toContain(`${LIMITS.customBytesPerConversation} bytes`);
  });

  it("answers a server socket's context frame over the conversation's limit with a context_too_large error naming the field", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/wide-socket", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "context", custom: fields("a", LIMITS.customKeys) });
    await socket.next("context_saved");
    socket.send({ type: "context", custom: fields("b", LIMITS.customKeys) });
    await socket.next("context_saved");
    socket.send({ type: "context", custom: { c: 1 } });
    const error = await socket.next("error");
    expect(error).toMatchObject({ code: "context_too_large", details: [{ field: "custom" }] });
    socket.close();
  });

  it(`answers a server socket's context frame over the per-call limits (${LIMITS.customKeys} keys, ${LIMITS.customValueChars} characters) with context_too_large too, and a wrong type with invalid_frame`, async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/per-call-socket", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "context", custom: fields("a", LIMITS.customKeys + 1) });
    expect(await socket.next("error")).toMatchObject({ code: "context_too_large", details: [{ field: "custom" }] });
    socket.send({ type: "context", custom: { note: "x".repeat(LIMITS.customValueChars + 1) } });
    expect(await socket.next("error")).toMatchObject({ code: "context_too_large", details: [{ field: "custom.note" }] });
    socket.send({ type: "context", custom: { note: { nested: true } } });
    expect(await socket.next("error")).toMatchObject({ code: "invalid_frame" });
    socket.send({ type: "context", custom: { note: "x".repeat(LIMITS.customValueChars) } });
    await socket.next("context_saved");
    socket.close();
  });

  it("answers a server socket's context frame with any text field over its length with context_too_large naming the field, and a wrong type with invalid_frame", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/long-fields", { key: t.ingestKey });
    await socket.next("welcome");
    const long = (n: number) => "x".repeat(n);
    const url = (n: number) => `https://shop.example/${long(n - "https://shop.example/".length)}`;
    const cases: [object, string, string][] = [
      [{ user: { id: long(129) } }, "user.id", "must be at most 128 characters"],
      [{ organization: { id: "o-1", name: long(257) } }, "organization.name", "must be at most 256 characters"],
      [{ session: { pageUrl: url(2049) } }, "session.pageUrl", "must be at most 2048 characters"],
      [{ session: { referrer: url(2049) } }, "session.referrer", "must be at most 2048 characters"],
    ];
    for (const [context, field, message] of cases) {
      socket.send({ type: "context", ...context });
      expect(await socket.next("error")).toEqual({ type: "error", code: "context_too_large", message: `${field}: ${message}`, details: [{ field, message }] });
    }
    socket.send({ type: "context", user: { id: 42 } });
    expect(await socket.next("error")).toMatchObject({ code: "invalid_frame", details: [{ field: "user.id" }] });
    socket.send({ type: "context", user: { id: long(128) }, session: { pageUrl: url(2048) } });
    await socket.next("context_saved");
    socket.close();
  });

  it("keeps user and organization records to their known fields, however many others are sent", async () => {
    const t = await createTenant();
    const res = await capture(t.ingestKey, {
      conversationId: "who",
      messages: hi("m"),
      user: { id: "u-1", plan: "pro", ...fields("extra", 2_000, "x".repeat(100)) },
      organization: { id: "o-1", ...fields("extra", 2_000, "x".repeat(100)) },
    });
    expect(res.status).toBe(200);
    const stored = await conversationStub(env, t.chatbotId, "who").read(t.chatbotId, { after: 0, limit: 1 });
    expect(stored?.state.user).toEqual({ id: "u-1", plan: "pro" });
    expect(stored?.state.organization).toEqual({ id: "o-1" });
  });
});

describe("bounded context from browsers", () => {
  it(`refuses a browser's context frame with more than ${BROWSER_LIMITS.customKeys} custom keys or a custom value over ${BROWSER_LIMITS.customValueChars} characters`, async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    socket.send({ type: "context", custom: fields("k", BROWSER_LIMITS.customKeys + 1) });
    expect(await socket.next("error")).toMatchObject({ code: "context_too_large", details: [{ field: "custom" }] });
    socket.send({ type: "context", custom: { note: "x".repeat(BROWSER_LIMITS.customValueChars + 1) } });
    expect(await socket.next("error")).toMatchObject({ code: "context_too_large", details: [{ field: "custom.note" }] });
    socket.close();
  });

  it(`lets a browser grow a conversation's custom fields to ${BROWSER_LIMITS.customKeysPerConversation} keys and no further`, async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    socket.send({ type: "context", custom: fields("a", BROWSER_LIMITS.customKeysPerConversation) });
    await socket.next("context_saved");
    socket.send({ type: "context", custom: { a0: "changed" } });
    await socket.next("context_saved");
    socket.send({ type: "context", custom: { oneMore: 1 } });
    const error = await socket.next("error");
    expect(error).toMatchObject({ code: "context_too_large", details: [{ field: "custom" }] });
    expect(error.message).toContain("from a browser");
    socket.close();
  });

  it(`refuses a browser's page URL over ${BROWSER_LIMITS.urlChars} characters that the server may still send`, async () => {
    const t = await createTenant();
    const long = `https://shop.example/${"p".repeat(BROWSER_LIMITS.urlChars)}`;
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    socket.send({ type: "context", session: { pageUrl: long } });
    expect(await socket.next("error")).toMatchObject({ code: "context_too_large", details: [{ field: "session.pageUrl" }] });
    socket.close();
    expect((await capture(t.ingestKey, { conversationId: "long-url", messages: hi("m"), session: { pageUrl: long } })).status).toBe(200);
  });
});

describe("session addresses", () => {
  const notWeb = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "ftp://files.example/x"];

  it("accepts only http(s) page URLs and referrers over REST, naming the field", async () => {
    const t = await createTenant();
    for (const [i, url] of notWeb.entries()) {
      for (const field of ["pageUrl", "referrer"] as const) {
        const res = await capture(t.ingestKey, { conversationId: `url-${i}`, messages: hi("m"), session: { [field]: url } });
        expect(res.status, `${field} ${url}`).toBe(400);
        expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe(`session.${field}`);
      }
    }
    const ok = await capture(t.ingestKey, { conversationId: "url-ok", messages: hi("m"), session: { pageUrl: "https://shop.example/a", referrer: "http://search.example/" } });
    expect(ok.status).toBe(200);
  });

  it("refuses a non-http(s) page URL in a socket's context frame, naming the field", async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    await socket.next("welcome");
    socket.send({ type: "context", session: { pageUrl: "javascript:alert(document.cookie)" } });
    const error = await socket.next("error");
    expect(error).toMatchObject({ code: "invalid_frame" });
    expect(error.details).toEqual([expect.objectContaining({ field: "session.pageUrl" })]);
    socket.close();
  });
});
