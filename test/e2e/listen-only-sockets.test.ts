/**
 * Sockets that only listen — a widget waiting for replies, a tab waiting for notifications — close when the
 * server closes them, seen from Node's own WebSocket client against `wrangler dev` as a user runs it. The
 * integration tests cannot show this: their clients live in the same runtime, where a close frame is a close.
 * Over a real connection workerd kept a hibernating socket's connection open after a close the object started
 * if the client had never sent a frame (durable-objects/socket-release.ts), so none of these clients ever
 * heard its close event.
 */
import { expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, type ApiSession } from "./harness";

interface Closed {
  code: number;
  reason: string;
}

interface Listener {
  /** Resolves with the first frame (the welcome or hello). */
  first: Promise<unknown>;
  /** Resolves when the client's close event fires. */
  closed: Promise<Closed>;
}

/** A socket that never sends anything. */
function listen(path: string, init: { protocols?: string[]; headers?: Record<string, string> }): Listener {
  const url = `${e2e.url.replace(/^http/, "ws")}${path}`;
  // Node's WebSocket (undici) takes headers beside the protocols: the notification channel wants the session cookie.
  const ws = new WebSocket(url, init as unknown as string[]);
  const first = new Promise<unknown>((resolve, reject) => {
    ws.addEventListener("message", (event) => resolve(JSON.parse(String(event.data))), { once: true });
    ws.addEventListener("error", () => reject(new Error(`${path}: the socket failed before its first frame`)), { once: true });
  });
  const closed = new Promise<Closed>((resolve) => ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })));
  return { first, closed };
}

/** The close, or a failure naming what did not happen within `ms` (a client would otherwise wait forever). */
function within(closed: Promise<Closed>, ms = 5_000): Promise<Closed> {
  return Promise.race([closed, new Promise<Closed>((_, reject) => setTimeout(() => reject(new Error(`no close event within ${ms} ms`)), ms))]);
}

async function newKey(session: ApiSession, chatbotId: string, kind: "ingest" | "admin"): Promise<{ id: string; secret: string }> {
  const { data } = await apiCall<{ data: { id: string; secret: string } }>(session, "POST", `/chatbots/${chatbotId}/keys`, { kind, name: `e2e ${kind}` });
  return data;
}

browserSuite("Listen-only sockets", () => {
  it("a conversation socket that never sent a frame closes with 4001 when its key is revoked", async () => {
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const key = await newKey(owner, e2e.demo.chatbotId, "ingest");
    const socket = listen(`/api/v1/live/e2e-listen-${Date.now()}`, { protocols: ["openbat", key.secret] });
    expect(await socket.first).toMatchObject({ type: "welcome" });

    await apiCall(owner, "DELETE", `/chatbots/${e2e.demo.chatbotId}/keys/${key.id}`);
    expect(await within(socket.closed)).toEqual({ code: 4001, reason: "key revoked" });
  });

  it("every listening socket of an archived chatbot closes with 4003, a conversation with no message included", async () => {
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const orgPath = `/organizations/${e2e.demo.organizationId}/chatbots`;
    const { data: chatbot } = await apiCall<{ data: { id: string } }>(owner, "POST", orgPath, { name: `e2e archive ${Date.now()}` });
    const key = await newKey(owner, chatbot.id, "ingest");
    const sockets = ["one", "two"].map((name) => listen(`/api/v1/live/e2e-archive-${name}`, { protocols: ["openbat", key.secret] }));
    for (const socket of sockets) expect(await socket.first).toMatchObject({ type: "welcome" });

    await apiCall(owner, "PATCH", `${orgPath}/${chatbot.id}`, { status: "archived" });
    for (const socket of sockets) expect(await within(socket.closed)).toEqual({ code: 4003, reason: "chatbot archived" });
    await apiCall(owner, "DELETE", `${orgPath}/${chatbot.id}`);
  });

  it("a chatbot's deletion closes a listening socket with 4004", async () => {
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const orgPath = `/organizations/${e2e.demo.organizationId}/chatbots`;
    const { data: chatbot } = await apiCall<{ data: { id: string } }>(owner, "POST", orgPath, { name: `e2e delete ${Date.now()}` });
    const key = await newKey(owner, chatbot.id, "ingest");
    const socket = listen("/api/v1/live/e2e-deleted", { protocols: ["openbat", key.secret] });
    expect(await socket.first).toMatchObject({ type: "welcome" });

    await apiCall(owner, "DELETE", `${orgPath}/${chatbot.id}`);
    expect(await within(socket.closed)).toEqual({ code: 4004, reason: "chatbot deleted" });
  });

  it("logging out closes that session's notification channel with 4001", async () => {
    const member = await apiLogin(e2e.demo.email, e2e.demo.password);
    const socket = listen("/api/v1/notifications/live", { headers: { cookie: member.cookie, origin: e2e.url } });
    expect(await socket.first).toEqual({ type: "hello" });

    await apiCall(member, "POST", "/auth/logout");
    expect(await within(socket.closed)).toEqual({ code: 4001, reason: "session ended" });
  });
});
