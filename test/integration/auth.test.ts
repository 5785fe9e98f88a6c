import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { connect, openSocket } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";

const body = { conversationId: "c1", messages: [{ role: "user", content: "hi" }] };

async function code(res: Response): Promise<string> {
  return ((await res.json()) as ErrorBody).error.code;
}

describe("API keys", () => {
  it("answers 401 when the key is missing", async () => {
    const res = await call("/api/v1/capture", { method: "POST", json: body });
    expect(res.status).toBe(401);
    expect(await code(res)).toBe("unauthorized");
  });

  it("answers 401 for a key that does not exist", async () => {
    const res = await capture("ob_live_thisKeyWasNeverIssued000000000000", body);
    expect(res.status).toBe(401);
  });

  it("answers 401 for a malformed Authorization header", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/capture", { method: "POST", json: body, headers: { authorization: `Token ${t.ingestKey}` } });
    expect(res.status).toBe(401);
  });

  it("answers 403 when a valid key of the wrong kind is used", async () => {
    const t = await createTenant();
    const res = await capture(t.readKey, body);
    expect(res.status).toBe(403);
    expect(await code(res)).toBe("forbidden");
  });

  it("names the kinds of key a route needs, in plain English", async () => {
    const t = await createTenant();
    const message = async (res: Promise<Response>) => ((await (await res).json()) as ErrorBody).error.message;
    expect(await message(capture(t.readKey, body))).toBe("this endpoint needs an ingest key; a read key was given");
    expect(await message(call("/api/v1/keys", { key: t.readKey }))).toBe("this endpoint needs an admin key; a read key was given");
    expect(await message(call("/api/v1/labels", { method: "POST", key: t.readKey, json: { name: "x", color: "red" } }))).toBe(
      "this action needs an admin key; a read key was given",
    );
  });

  it("answers 401 for a revoked key", async () => {
    const t = await createTenant();
    const list = (await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { id: string; kind: string }[] };
    const ingest = list.data.find((k) => k.kind === "ingest")!;
    expect((await call(`/api/v1/keys/${ingest.id}`, { method: "DELETE", key: t.adminKey })).status).toBe(200);
    const res = await capture(t.ingestKey, body);
    expect(res.status).toBe(401);
  });

  it("shows a new key's secret once and lists only its prefix", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "read", name: "BI export" } });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; secret: string; prefix: string } };
    expect(data.secret).toMatch(/^ob_read_[0-9A-Za-z]{33}$/);
    expect(data.secret.startsWith(data.prefix)).toBe(true);
    const listed = await (await call("/api/v1/keys", { key: t.adminKey })).text();
    expect(listed).toContain(data.prefix);
    expect(listed).not.toContain(data.secret);
    expect(listed).not.toContain('"hash"');
    expect((await call("/api/v1/conversations", { key: data.secret })).status).toBe(200);
  });

  it("rotates a key: the new secret works and the old one stops at once", async () => {
    const t = await createTenant();
    const list = (await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { id: string; kind: string }[] };
    const read = list.data.find((k) => k.kind === "read")!;
    const rotated = (await (await call(`/api/v1/keys/${read.id}/rotate`, { method: "POST", key: t.adminKey })).json()) as { data: { secret: string } };
    expect((await call("/api/v1/conversations", { key: t.readKey })).status).toBe(401);
    expect((await call("/api/v1/conversations", { key: rotated.data.secret })).status).toBe(200);
  });

  it("refuses with 409 to rotate an expired key, whose copy would be born expired", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "read", name: "short-lived", expiresAt: Date.now() + 60_000 } });
    const { data } = (await created.json()) as { data: { id: string } };
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, data.id).run();
    const rotated = await call(`/api/v1/keys/${data.id}/rotate`, { method: "POST", key: t.adminKey });
    expect(rotated.status).toBe(409);
    expect(((await rotated.json()) as ErrorBody).error.message).toMatch(/expired/);
    const keys = (await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { name: string }[] };
    expect(keys.data.filter((k) => k.name === "short-lived")).toHaveLength(1);
  });

  it("answers 404 when revoking another tenant's key", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    const list = (await (await call("/api/v1/keys", { key: theirs.adminKey })).json()) as { data: { id: string }[] };
    const res = await call(`/api/v1/keys/${list.data[0]!.id}`, { method: "DELETE", key: mine.adminKey });
    expect(res.status).toBe(404);
    expect((await call("/api/v1/conversations", { key: theirs.readKey })).status).toBe(200);
  });

  it("answers 400 naming the field for an invalid new key", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "superuser", name: "x" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("kind");
  });
});

describe("tenancy", () => {
  it("answers 404 for another tenant's conversation, exactly as for one that does not exist", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    const captured = (await (await capture(theirs.ingestKey, { conversationId: "secret-chat", messages: [{ role: "user", content: "my card number is…" }] })).json()) as {
      conversationId: string;
    };
    const res = await call(`/api/v1/conversations/${captured.conversationId}`, { key: mine.readKey });
    expect(res.status).toBe(404);
    const missing = await call(`/api/v1/conversations/${"0".repeat(64)}`, { key: mine.readKey });
    expect(missing.status).toBe(404);
    // The whole answer but its request id: nothing tells "someone else's" from "no such conversation".
    const withoutRequestId = async (r: Response) => {
      const { error } = (await r.json()) as ErrorBody;
      const { requestId: _id, ...rest } = error;
      return { status: r.status, contentType: r.headers.get("content-type"), error: rest };
    };
    expect(await withoutRequestId(res)).toEqual(await withoutRequestId(missing));
    expect((await call(`/api/v1/conversations/${captured.conversationId}`, { key: theirs.readKey })).status).toBe(200);
  });

  it("answers 404 when ending another tenant's conversation", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    await capture(theirs.ingestKey, { conversationId: "theirs", messages: [{ role: "user", content: "hi" }] });
    const res = await call("/api/v1/capture/end", { method: "POST", key: mine.ingestKey, json: { conversationId: "theirs" } });
    expect(res.status).toBe(404);
  });

  it("keeps two tenants' conversations with the same external id apart", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ra = (await (await capture(a.ingestKey, { conversationId: "shared-id", messages: [{ role: "user", content: "from a" }] })).json()) as { conversationId: string };
    const rb = (await (await capture(b.ingestKey, { conversationId: "shared-id", messages: [{ role: "user", content: "from b" }] })).json()) as { conversationId: string };
    expect(ra.conversationId).not.toBe(rb.conversationId);
    const read = (await (await call(`/api/v1/conversations/${ra.conversationId}`, { key: a.readKey })).json()) as { data: { messages: { content: string }[] } };
    expect(read.data.messages.map((m) => m.content)).toEqual(["from a"]);
  });
});

describe("browser sessions", () => {
  it("gives a publishable-key socket a fresh unguessable conversation", async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    const welcome = await socket.next("welcome");
    expect(welcome.externalId).toMatch(/^pub_[0-9A-Za-z]{22,}$/);
    socket.close();
  });

  it("refuses a publishable key on a conversation it was not given", async () => {
    const t = await createTenant();
    const { response } = await openSocket(`/api/v1/live/support-chat-42?key=${t.publishableKey}`);
    expect(response.status).toBe(403);
  });

  it("accepts a key offered as a WebSocket subprotocol and answers with the openbat subprotocol", async () => {
    const t = await createTenant();
    const { socket, response } = await openSocket("/api/v1/live/sub-chat", { headers: { "sec-websocket-protocol": `openbat, ${t.ingestKey}` } });
    expect(response.headers.get("sec-websocket-protocol")).toBe("openbat");
    await socket!.next("welcome");
    socket!.close();
  });

  it("answers 400 naming after for a replay point that is not a non-negative integer, an empty one included", async () => {
    const t = await createTenant();
    for (const after of ["", "-1", "abc", "1.5", "0x10", "1e3"]) {
      const { response } = await openSocket(`/api/v1/live/replay-x?after=${after}`, { key: t.ingestKey });
      expect(response.status, after).toBe(400);
      expect(((await response.json()) as ErrorBody).error.details?.[0]?.field, after).toBe("after");
    }
    // Twice is refused as on every route, though the capture side ignores parameters it does not take.
    const twice = await openSocket("/api/v1/live/replay-x?after=1&after=2&utm_source=x&utm_source=y", { key: t.ingestKey });
    expect(twice.response.status).toBe(400);
    expect(((await twice.response.json()) as ErrorBody).error.message).toBe("after: given more than once; give it once");
    const captured = await capture(t.ingestKey, { conversationId: "replay-x", messages: [{ id: "m1", role: "user", content: "hi" }] });
    const { conversationId } = (await captured.json()) as { conversationId: string };
    const page = await call(`/api/v1/conversations/${conversationId}?after=`, { key: t.readKey });
    expect(page.status).toBe(400);
    expect(((await page.json()) as ErrorBody).error.details?.[0]?.field).toBe("after");
  });

  it("refuses a secret key sent in the URL", async () => {
    const t = await createTenant();
    const { response } = await openSocket(`/api/v1/live/chat?key=${t.ingestKey}`);
    expect(response.status).toBe(401);
  });

  it("enforces a publishable key's allowed origins", async () => {
    const t = await createTenant({ allowedOrigins: ["https://shop.example"] });
    const denied = await openSocket(`/api/v1/live?key=${t.publishableKey}`, { headers: { origin: "https://evil.example" } });
    expect(denied.response.status).toBe(403);
    const allowed = await connect(`/api/v1/live?key=${t.publishableKey}`, { headers: { origin: "https://shop.example" } });
    await allowed.next("welcome");
    allowed.close();
  });

  it("matches a browser's origin to one a key stored before origins were normalized (a trailing slash, capitals)", async () => {
    const t = await createTenant({ allowedOrigins: ["HTTPS://Shop.Example/"] });
    const allowed = await connect(`/api/v1/live?key=${t.publishableKey}`, { headers: { origin: "https://shop.example" } });
    await allowed.next("welcome");
    allowed.close();
    const denied = await openSocket(`/api/v1/live?key=${t.publishableKey}`, { headers: { origin: "https://shop.example.evil" } });
    expect(denied.response.status).toBe(403);
  });

  it("lets a browser open exactly the conversation a minted token names", async () => {
    const t = await createTenant();
    const minted = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: { conversationId: "order-77", ttlSeconds: 600 } });
    expect(minted.status).toBe(201);
    const { data } = (await minted.json()) as { data: { token: string; conversationId: string } };
    const socket = await connect(`/api/v1/live?token=${encodeURIComponent(data.token)}`);
    expect((await socket.next("welcome")).externalId).toBe("order-77");
    socket.close();
    const other = await openSocket(`/api/v1/live/order-78?token=${encodeURIComponent(data.token)}`);
    expect(other.response.status).toBe(403);
  });

  it("refuses a tampered conversation token", async () => {
    const t = await createTenant();
    const { data } = (await (await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: { conversationId: "x" } })).json()) as {
      data: { token: string };
    };
    const [v, payload, sig] = data.token.split(".");
    const forged = JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/")));
    forged.cid = "someone-else";
    const forgedPayload = btoa(JSON.stringify(forged)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const { response } = await openSocket(`/api/v1/live?token=${v}.${forgedPayload}.${sig}`);
    expect(response.status).toBe(401);
  });
});

describe("who a browser may say it is", () => {
  it("keeps a publishable-key socket from stating the user or organization, and says so", async () => {
    const t = await createTenant();
    const socket = await connect(`/api/v1/live?key=${t.publishableKey}`);
    const welcome = await socket.next("welcome");
    socket.send({ type: "context", user: { id: "ceo", plan: "enterprise", mrr: 1e6 }, session: { pageUrl: "https://shop.example/cart" } });
    const saved = await socket.next("context_saved");
    expect(saved.ignored).toEqual(["user"]);
    // A conversation is read once it holds a message (empty conversations are not conversations).
    socket.send({ type: "message", id: "m1", role: "user", content: "hello" });
    await socket.next("ack");
    const snapshot = await conversationStub(env, t.chatbotId, welcome.externalId).read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.user).toBeNull();
    expect(snapshot?.state.session.pageUrl).toBe("https://shop.example/cart");
    socket.close();
  });

  it("takes the user and organization from the server that mints a conversation token", async () => {
    const t = await createTenant();
    const minted = await call("/api/v1/conversation-tokens", {
      method: "POST",
      key: t.ingestKey,
      json: { conversationId: "verified-1", user: { id: "u-9", email: "nine@example.com", plan: "pro" }, organization: { id: "o-9", mrr: 900 } },
    });
    const { data } = (await minted.json()) as { data: { token: string } };
    const socket = await connect(`/api/v1/live?token=${encodeURIComponent(data.token)}`);
    await socket.next("welcome");
    socket.send({ type: "context", user: { id: "someone-else" } });
    expect((await socket.next("context_saved")).ignored).toEqual(["user"]);
    socket.send({ type: "message", id: "m1", role: "user", content: "hello" });
    await socket.next("ack");
    const snapshot = await conversationStub(env, t.chatbotId, "verified-1").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.user).toMatchObject({ id: "u-9", email: "nine@example.com", plan: "pro" });
    expect(snapshot?.state.organization).toMatchObject({ id: "o-9", mrr: 900 });
    socket.close();
  });

  it("lets the server's ingest-key socket state the user", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/server-side", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "context", user: { id: "u-1" } });
    expect((await socket.next("context_saved")).ignored).toBeUndefined();
    socket.close();
  });
});
