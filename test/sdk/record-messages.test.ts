import { afterEach, describe, expect, it } from "vitest";
import { OpenBat, type RecordMessagesInput } from "../../sdk/src/index";
import { BASE } from "../helpers/http";
import { createTenant } from "../helpers/tenant";
import { fast, next, recordingLogger, sdk, stored, workerFetch } from "./fixtures";

/** The Worker's `process.env` (nodejs_compat), where the SDK looks for its OPENBAT_* fallbacks. */
const processEnv = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

const turn = (conversationId: string): RecordMessagesInput => ({
  conversationId,
  messages: [
    { role: "user", content: "I want to cancel my subscription" },
    { role: "assistant", content: "Sorry to hear that — may I ask why?" },
    { role: "user", content: "ok" },
    { role: "user", content: "ok" },
  ],
  user: { id: "u-42", plan: "pro", mrr: 99 },
  organization: { id: "o-7", name: "Analytical Engines", plan: "enterprise", mrr: 4200 },
  session: { country: "GB", device: "desktop" },
});

describe("SDK recordMessages over REST", () => {
  it("records a call once even when the same call is repeated", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const first = await openbat.recordMessages(turn("rest-repeat"));
    const second = await openbat.recordMessages(turn("rest-repeat"));
    expect(first).toMatchObject({ ok: true, inserted: 4, duplicates: 0 });
    expect(second).toMatchObject({ ok: true, inserted: 0, duplicates: 4 });
    const { messages, state } = await stored(t, "rest-repeat");
    // Two identical messages within one call are two messages; the repeat added nothing.
    expect(messages.map((m) => m.content)).toEqual(["I want to cancel my subscription", "Sorry to hear that — may I ask why?", "ok", "ok"]);
    expect(state?.organization).toMatchObject({ id: "o-7", mrr: 4200 });
    expect(state?.session).toMatchObject({ country: "GB", device: "desktop" });
  });

  it("keeps the ids it is given, so a message captured over REST is recognised on a live socket", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    await openbat.recordMessages({ conversationId: "rest-ids", messages: [{ id: "r1", role: "user", content: "via REST" }] });
    const conversation = openbat.connect({ conversationId: "rest-ids", ...fast });
    expect(await conversation.send({ id: "r1", role: "user", content: "via REST" })).toMatchObject({ seq: 1, duplicate: true });
    await conversation.close();
  });

  it("logs what the answer warns of, such as an id reused for another message, over REST and over a socket", async () => {
    const t = await createTenant();
    const { openbat, log } = sdk(t.ingestKey);
    await openbat.recordMessages({ conversationId: "rest-reused", messages: [{ id: "r1", role: "user", content: "first" }] });
    expect(log.lines).toEqual([]);
    expect(await openbat.recordMessages({ conversationId: "rest-reused", messages: [{ id: "r1", role: "user", content: "second" }] })).toMatchObject({ duplicates: 1 });
    expect(log.lines).toEqual(['[openbat] message id "r1" is already stored with another role or text; that first message is kept (give each new message a new id)']);
    const conversation = openbat.connect({ conversationId: "rest-reused", ...fast });
    expect(await conversation.send({ id: "r1", role: "user", content: "third" })).toMatchObject({ seq: 1, duplicate: true });
    expect(log.lines).toHaveLength(2);
    expect(log.lines[1]).toContain('message id "r1" is already stored');
    await conversation.close();
  });

  it("returns at once without throwing, and swallows and logs a network failure", async () => {
    const t = await createTenant();
    const calls: string[] = [];
    const { openbat, log } = sdk(t.ingestKey, {
      retries: 1,
      fetch: async (input) => {
        calls.push(String(input));
        throw new TypeError("fetch failed: connection refused");
      },
    });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = openbat.recordMessages(turn("rest-network"));
    }).not.toThrow();
    expect(calls).toEqual([]); // nothing happened on the caller's time
    expect(await result).toBeNull();
    expect(calls).toHaveLength(2); // the first attempt and one retry
    expect(log.lines.join("\n")).toContain("connection refused");
  });

  it("swallows server errors: retries a 5xx and logs it, and does not retry a request refused on its merits", async () => {
    const t = await createTenant();
    let attempts = 0;
    const failing = sdk(t.ingestKey, {
      retries: 1,
      fetch: async () => {
        attempts++;
        return Response.json({ error: { code: "internal", message: "database on fire" } }, { status: 500 });
      },
    });
    expect(await failing.openbat.recordMessages(turn("rest-500"))).toBeNull();
    expect(attempts).toBe(2);
    expect(failing.log.lines.join("\n")).toContain("database on fire");

    let refused = 0;
    const invalid = sdk(t.ingestKey, {
      retries: 3,
      fetch: (input, init) => {
        refused++;
        return workerFetch(input, init);
      },
    });
    const bad = { conversationId: "rest-400", messages: [{ role: "robot", content: "beep" }] } as unknown as RecordMessagesInput;
    expect(await invalid.openbat.recordMessages(bad)).toBeNull();
    expect(refused).toBe(1);
    expect(invalid.log.lines.join("\n")).toContain("messages.0.role");
  });

  it("stores the messages once after a retried 503", async () => {
    const t = await createTenant();
    let attempts = 0;
    const { openbat } = sdk(t.ingestKey, {
      retries: 2,
      fetch: async (input, init) => {
        // The first attempt reaches the Worker but its answer is lost behind a 503.
        if (++attempts === 1) {
          await workerFetch(input, init);
          return new Response("upstream unavailable", { status: 503 });
        }
        return workerFetch(input, init);
      },
    });
    expect(await openbat.recordMessages(turn("rest-503"))).toMatchObject({ inserted: 0, duplicates: 4 });
    expect(attempts).toBe(2);
    expect((await stored(t, "rest-503")).messages).toHaveLength(4);
  });

  it("never throws, even for input that cannot be sent at all", async () => {
    const t = await createTenant();
    const { openbat, log } = sdk(t.ingestKey);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const input = { conversationId: "rest-bad", messages: [{ role: "user", content: "x" }], custom: circular } as unknown as RecordMessagesInput;
    expect(await openbat.recordMessages(input)).toBeNull();
    expect(await openbat.recordMessages(null as unknown as RecordMessagesInput)).toBeNull();
    expect(log.lines).toHaveLength(2);
  });

  it("resolves null even when the integrator's logger throws", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey, {
      retries: 0,
      fetch: async () => new Response("nope", { status: 500 }),
      logger: {
        warn: () => {
          throw new Error("logger bug");
        },
        error: () => {
          throw new Error("logger bug");
        },
      },
    });
    expect(await openbat.recordMessages(turn("rest-logger"))).toBeNull();
  });

  it("does nothing when disabled, by option or by OPENBAT_ENABLED", async () => {
    const t = await createTenant();
    let calls = 0;
    const counting: typeof fetch = async (input, init) => {
      calls++;
      return workerFetch(input, init);
    };
    const off = new OpenBat({ apiKey: t.ingestKey, baseUrl: BASE, enabled: false, fetch: counting });
    expect(off.enabled).toBe(false);
    expect(await off.recordMessages(turn("rest-off"))).toBeNull();
    expect(await off.createConversationToken()).toBeNull();
    processEnv.OPENBAT_ENABLED = "false";
    try {
      expect(new OpenBat({ apiKey: t.ingestKey, baseUrl: BASE, fetch: counting }).enabled).toBe(false);
    } finally {
      delete processEnv.OPENBAT_ENABLED;
    }
    expect(calls).toBe(0);
    expect((await stored(t, "rest-off")).messages).toEqual([]);
  });

  it("ends a conversation over REST", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    await openbat.recordMessages(turn("rest-end"));
    expect(await openbat.endConversation("rest-end")).toBe(true);
    expect((await stored(t, "rest-end")).state).toMatchObject({ status: "ended", endReason: "explicit" });
    expect(await openbat.endConversation("rest-never-started")).toBe(false);
  });
});

describe("SDK configuration", () => {
  afterEach(() => {
    delete processEnv.OPENBAT_API_KEY;
    delete processEnv.OPENBAT_BASE_URL;
  });

  it("falls back to OPENBAT_API_KEY and OPENBAT_BASE_URL", async () => {
    const t = await createTenant();
    processEnv.OPENBAT_API_KEY = t.ingestKey;
    processEnv.OPENBAT_BASE_URL = `${BASE}/`;
    const openbat = new OpenBat({ fetch: workerFetch, retries: 0 });
    expect(await openbat.recordMessages(turn("env-fallback"))).toMatchObject({ inserted: 4 });
  });

  it("stays disabled and says so when no base URL is configured", () => {
    const log = recordingLogger();
    const openbat = new OpenBat({ apiKey: "ob_live_x", logger: log });
    expect(openbat.enabled).toBe(false);
    expect(log.lines.join()).toContain("no baseUrl");
  });
});

describe("SDK conversation tokens", () => {
  it("mints a token on the server that lets a keyless browser client open exactly that conversation", async () => {
    const t = await createTenant();
    const server = sdk(t.ingestKey);
    const grant = await server.openbat.createConversationToken({ conversationId: "tok-1", ttlSeconds: 600 });
    expect(grant).toMatchObject({ conversationId: "tok-1", token: expect.any(String) });
    expect(grant!.expiresAt).toBeGreaterThan(Date.now());

    const browser = sdk(undefined);
    const conversation = browser.openbat.connect({ token: grant!.token, ...fast });
    const welcome = await next(conversation, "open");
    expect(welcome.externalId).toBe("tok-1");
    expect(browser.net.current.url).toBe(`wss://openbat.test/api/v1/live?token=${encodeURIComponent(grant!.token)}`);
    await conversation.send({ id: "b1", role: "user", content: "hello from the page" });
    expect((await stored(t, "tok-1")).messages.map((m) => m.id)).toEqual(["b1"]);
    await conversation.close();
  });

  it("resolves null and logs when the key may not mint tokens", async () => {
    const t = await createTenant();
    const { openbat, log } = sdk(t.readKey);
    expect(await openbat.createConversationToken()).toBeNull();
    expect(log.lines.join()).toContain("403");
  });
});
