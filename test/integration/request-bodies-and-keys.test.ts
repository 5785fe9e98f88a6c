/**
 * How requests arrive from real clients: an optional body sent as nothing at all, even with a JSON Content-Type
 * (clients that always set the header), and a secret key put in a URL, which is refused rather than accepted once.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/services/conversation-stub";
import { syncIndex } from "../helpers/index-queue";
import { call, type ErrorBody } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { createTenant } from "../helpers/tenant";

const JSON_TYPE = { "content-type": "application/json" };

describe("an optional body left out", () => {
  it("is no body, with or without a JSON Content-Type", async () => {
    // The destination's name resolves to a public address (no network in tests).
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    const t = await createTenant();
    const report = await call("/api/v1/reports", { method: "POST", key: t.adminKey, json: { name: "Weekly" } });
    const { data } = (await report.json()) as { data: { id: string } };
    const destination = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
    const { data: d } = (await destination.json()) as { data: { id: string } };
    // No body at all, and an empty one (a stream with nothing in it, as HTTP delivers `curl -d ''`).
    const empty = () => new ReadableStream({ start: (controller) => controller.close() });
    for (const [headers, body] of [[{}, undefined], [JSON_TYPE, undefined], [JSON_TYPE, empty]] as const) {
      const what = `${JSON.stringify(headers)}${body ? " empty body" : ""}`;
      const copy = await call(`/api/v1/reports/${data.id}/duplicate`, { method: "POST", key: t.adminKey, headers, body: body?.() });
      expect(copy.status, what).toBe(201);
      expect(((await copy.json()) as { data: { name: string } }).data.name, what).toBe("Weekly (copy)");
      const rotated = await call(`/api/v1/webhooks/${d.id}/rotate`, { method: "POST", key: t.adminKey, headers, body: body?.() });
      expect(rotated.status, what).toBe(200);
      const token = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, headers, body: body?.() });
      expect(token.status, what).toBe(201);
      expect(((await token.json()) as { data: { conversationId: string } }).data.conversationId, what).toBeTruthy();
    }
    // Another declared type is refused as every JSON route refuses it, in the same words.
    const typed = await call(`/api/v1/reports/${data.id}/duplicate`, { method: "POST", key: t.adminKey, headers: { "content-type": "text/plain" } });
    expect(typed.status).toBe(415);
    expect(((await typed.json()) as ErrorBody).error.message).toBe("send the body as JSON with `Content-Type: application/json`");
    outbound.restore();
  });

  it("names a fraction where a whole number is needed in plain words", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: { ttlSeconds: 90.5 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toBe("ttlSeconds: must be a whole number");
  });

  it("is still checked when it is there", async () => {
    const t = await createTenant();
    const bad = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, headers: JSON_TYPE, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.code).toBe("invalid_json");
    const wrong = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: { ttlSeconds: 5 } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.details?.[0]?.field).toBe("ttlSeconds");
  });
});

describe("a secret key in a URL", () => {
  it("is refused, with the reason, alone or beside a valid header", async () => {
    const t = await createTenant();
    for (const [what, path, key] of [
      ["alone", `/api/v1/conversations?key=${t.readKey}`, undefined],
      ["beside the header", `/api/v1/conversations?key=${t.readKey}`, t.readKey],
      ["under another name", `/api/v1/keys?api_key=${encodeURIComponent(t.adminKey)}`, t.adminKey],
      ["on a chatbot's member route", `/api/v1/chatbots/${t.chatbotId}/conversations?key=${t.ingestKey}`, undefined],
      ["as a parameter's name", `/api/v1/capture?${t.ingestKey}`, t.ingestKey],
      ["as an unknown parameter's name", `/api/v1/conversations?${t.readKey}`, t.readKey],
      ["as a path segment", `/api/v1/conversations/${t.readKey}`, t.readKey],
      ["as a conversation id on the live route", `/api/v1/live/${t.ingestKey}`, t.ingestKey],
      ["percent-encoded", `/api/v1/conversations?q=${t.readKey.replace(/_/g, "%5F")}`, t.readKey],
      // One malformed escape elsewhere does not leave the rest of the URL undecoded.
      ["percent-encoded beside a malformed escape", `/api/v1/search?q=%ZZ+${t.readKey.replace(/_/g, "%5F")}`, t.readKey],
      ["percent-encoded on MCP beside a malformed escape", `/mcp?x=%ZZ&k=${t.readKey.replace(/_/g, "%5F")}`, t.readKey],
      ["on the MCP endpoint", `/mcp?token=${t.readKey}`, t.readKey],
      ["on a member-only route", `/api/v1/auth/session?k=${t.adminKey}`, undefined],
    ] as const) {
      const res = await call(path, { key });
      expect(res.status, what).toBe(401);
      expect(((await res.json()) as ErrorBody).error.message, what).toMatch(/^secret key sent in a URL/);
    }
    // Without it, the same call answers; a publishable key may be in a URL (the live route's `?key=`), and a key's
    // displayed prefix is too short to be one.
    expect((await call("/api/v1/conversations", { key: t.readKey })).status).toBe(200);
    expect((await call(`/api/v1/conversations?q=${t.readKey.slice(0, 10)}`, { key: t.readKey })).status).not.toBe(401);
  });
});

describe("a body field the route does not take", () => {
  it("is refused naming it, so a misspelt field never becomes its default", async () => {
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    const t = await createTenant();
    const destination = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
    const { data: d } = (await destination.json()) as { data: { id: string } };
    for (const [what, path, key, json] of [
      ["a key's expiry in snake case", "/api/v1/keys", t.adminKey, { kind: "read", name: "x", expires_at: 1_796_500_000_000 }],
      ["a rotation's overlap in snake case", `/api/v1/webhooks/${d.id}/rotate`, t.adminKey, { overlap_seconds: 0 }],
      ["a destination's extra field", "/api/v1/webhooks", t.adminKey, { name: "e", url: "https://hooks.example.com/y", secret: "mine" }],
      ["a workflow's misspelt field", "/api/v1/workflows", t.adminKey, { name: "w", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }], cooldwon: { type: "none" } }],
      ["a token's extra field", "/api/v1/conversation-tokens", t.ingestKey, { ttl: 60 }],
      ["a workflow action's extra field", "/api/v1/workflows", t.adminKey, { name: "w", trigger: "user_message", actions: [{ type: "in_app", to: "admins", subject: "x" }] }],
      ["a workflow condition's extra field", "/api/v1/workflows", t.adminKey, { name: "w", trigger: "user_message", conditions: [{ field: "user_plan", op: "=", value: "pro", x: 1 }], actions: [{ type: "in_app", to: "admins" }] }],
      ["an approval's extra field", "/api/v1/analysis/suggestions/export_contacts/approve", t.adminKey, { name: "Export", description: "d", slug: "other" }],
      ["a custom intent's extra field", "/api/v1/analysis/config", t.adminKey, { customIntents: [{ slug: "ab", name: "AB", description: "x", keywords: ["a"] }] }],
    ] as const) {
      const res = await call(path, { method: path.endsWith("/config") ? "PATCH" : "POST", key, json });
      expect(res.status, what).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.message, what).toMatch(/Unrecognized key/);
    }
    // Nothing was made by the refused requests: the one destination, no key beyond the tenant's own.
    const keys = (await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { name: string }[] };
    expect(keys.data.some((k) => k.name === "x")).toBe(false);
    const workflows = (await (await call("/api/v1/workflows", { key: t.adminKey })).json()) as { data: unknown[] };
    expect(workflows.data).toEqual([]);
    outbound.restore();
  });

  it("is ignored by capture, so a newer SDK still captures", async () => {
    const t = await createTenant();
    // A query parameter capture does not know is ignored too: a stray one never costs a message.
    const res = await call("/api/v1/capture?utm_source=bot", {
      method: "POST",
      key: t.ingestKey,
      json: { conversationId: "newer-sdk", messages: [{ id: "m1", role: "user", content: "hi" }], sdkFeature: true },
    });
    expect(res.status).toBe(200);
  });
});

describe("a refused field's reason", () => {
  it("is one per field, in words a user reads: an empty id, a value outside a choice", async () => {
    const t = await createTenant();
    const empty = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { conversationId: "", messages: [{ role: "user", content: "hi" }] } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error).toMatchObject({
      message: "conversationId: must not be empty",
      details: [{ field: "conversationId", message: "must not be empty" }],
    });
    const weekly = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "w", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }], cooldown: { type: "weekly" } },
    });
    expect(weekly.status).toBe(400);
    expect(((await weekly.json()) as ErrorBody).error.message).toBe('cooldown.type: must be one of "once_per_conversation", "minutes", "none"');
  });
});

describe("an unknown field inside an object", () => {
  it("is named by its own path, never by the object holding it or a real field of the same name", async () => {
    const t = await createTenant();
    const workflow = await call("/api/v1/workflows", {
      method: "POST",
      key: t.adminKey,
      json: { name: "w", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }], cooldown: { type: "none", minutes: 5 } },
    });
    expect(workflow.status).toBe(400);
    expect(((await workflow.json()) as ErrorBody).error).toMatchObject({
      message: 'cooldown.minutes: Unrecognized key: "minutes"',
      details: [{ field: "cooldown.minutes", message: 'Unrecognized key: "minutes"' }],
    });
    // A note's text is its `body`: a misspelt field beside it is named as itself, not as "body".
    const captured = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { conversationId: "c1", messages: [{ role: "user", content: "hi" }] } });
    const { conversationId } = (await captured.json()) as { conversationId: string };
    const note = await call(`/api/v1/conversations/${conversationId}/notes`, { method: "POST", key: t.adminKey, json: { body: "Called back", author: "me", tags: ["x"] } });
    expect(note.status).toBe(400);
    expect(((await note.json()) as ErrorBody).error.details).toEqual([
      { field: "author", message: 'Unrecognized key: "author"' },
      { field: "tags", message: 'Unrecognized key: "tags"' },
    ]);
  });
});

describe("a query parameter the route does not take", () => {
  it("is refused naming it, so a guessed filter never answers unfiltered figures as if filtered", async () => {
    const t = await createTenant();
    const day = 86_400_000;
    const known = await call(`/api/v1/analytics/overview?from=${Date.now() - 7 * day}&to=${Date.now()}`, { key: t.readKey });
    expect(known.status).toBe(200);
    for (const [path, name] of [
      ["/api/v1/analytics/overview?country=GB", "country"],
      [`/api/v1/analytics/overview?from=${Date.now() - day}&plan=pro`, "plan"],
      ["/api/v1/workflows?status=enabled", "status"],
      ["/api/v1/conversations?limit=5&sentiment=negative", "sentiment"],
    ] as const) {
      const res = await call(path, { key: t.readKey });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as ErrorBody).error, path).toEqual(
        expect.objectContaining({ code: "invalid_request", message: `${name}: Unrecognized key: "${name}"`, details: [{ field: name, message: `Unrecognized key: "${name}"` }] }),
      );
    }
  });
});

describe("a body sent to a route that takes none", () => {
  it("is refused before the route acts: a field, unparseable JSON or another type; nothing or {} is no body", async () => {
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    const t = await createTenant();
    const destination = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
    const { data: d } = (await destination.json()) as { data: { id: string } };
    const keys = async () => ((await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { id: string; kind: string; revokedAt: number | null }[] }).data;
    const publishable = (await keys()).find((k) => k.kind === "publishable")!;
    const rotate = (init: { headers?: Record<string, string>; body?: string }) =>
      call(`/api/v1/keys/${publishable.id}/rotate`, { method: "POST", key: t.adminKey, ...init });

    const field = await rotate({ headers: JSON_TYPE, body: '{"x":1}' });
    expect(field.status).toBe(400);
    expect(((await field.json()) as ErrorBody).error).toMatchObject({ code: "invalid_request", message: 'x: Unrecognized key: "x"', details: [{ field: "x", message: 'Unrecognized key: "x"' }] });
    const broken = await rotate({ headers: JSON_TYPE, body: "{bogus" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBe("invalid_json");
    const text = await rotate({ headers: { "content-type": "text/plain" }, body: "rotate please" });
    expect(text.status).toBe(400);
    expect(((await text.json()) as ErrorBody).error).toMatchObject({
      code: "invalid_request",
      message: "body: this route takes no body",
      details: [{ field: "body", message: "this route takes no body" }],
    });
    const test = await call(`/api/v1/webhooks/${d.id}/test`, { method: "POST", key: t.adminKey, headers: JSON_TYPE, body: "{bogus" });
    expect(test.status).toBe(400);
    // None of them acted: the key is not revoked, no test webhook went out.
    expect((await keys()).find((k) => k.id === publishable.id)?.revokedAt).toBeNull();
    expect(outbound.received.filter((r) => r.url.startsWith("https://hooks.example.com/"))).toHaveLength(0);

    // `{}` and nothing at all are no body.
    expect((await rotate({ headers: JSON_TYPE, body: "{}" })).status).toBe(201);
    expect((await call(`/api/v1/webhooks/${d.id}/enable`, { method: "POST", key: t.adminKey })).status).toBe(200);
    outbound.restore();
  });
});

describe("a publishable key's origins", () => {
  it("refuses an empty list, which would read as 'no origin' yet allow any", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "publishable", name: "p", allowedOrigins: [] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("allowedOrigins");
  });

  it("stores each origin once as browsers send it, so a trailing slash, capitals or a default port still match", async () => {
    const t = await createTenant();
    const origins = ["HTTPS://Shop.Example/", "https://shop.example:443", "http://localhost:5173"];
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "publishable", name: "p", allowedOrigins: origins } });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { id: string; allowedOrigins: string[] } };
    expect(data.allowedOrigins).toEqual(["https://shop.example", "http://localhost:5173"]);
    const listed = (await (await call("/api/v1/keys", { key: t.adminKey })).json()) as { data: { id: string; allowedOrigins: string[] | null }[] };
    expect(listed.data.find((k) => k.id === data.id)?.allowedOrigins).toEqual(data.allowedOrigins);
  });

  it("refuses origins on a server's key (ingest, read, admin), where no browser's Origin is checked", async () => {
    const t = await createTenant();
    for (const kind of ["ingest", "read", "admin"]) {
      const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind, name: "k", allowedOrigins: ["https://shop.example"] } });
      expect(res.status, kind).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details, kind).toEqual([{ field: "allowedOrigins", message: expect.stringMatching(/^only a publishable key/) }]);
    }
  });

  it("refuses what no browser sends as its origin, naming the entry: a path, a query, a fragment, a user, another scheme", async () => {
    const t = await createTenant();
    for (const bad of ["https://shop.example/checkout", "https://shop.example/?a=1", "https://shop.example/#top", "https://me@shop.example", "ftp://shop.example", "shop.example"]) {
      const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "publishable", name: "p", allowedOrigins: ["https://ok.example", bad] } });
      expect(res.status, bad).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.details?.[0], bad).toEqual({ field: "allowedOrigins.1", message: expect.stringMatching(/must be an origin/) });
    }
  });
});

describe("the live route opened with an ingest key and no conversation", () => {
  it("answers 400 naming the missing conversationId in details, like every other invalid_request", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/live", { key: t.ingestKey, headers: { upgrade: "websocket" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([{ field: "conversationId", message: "required in the path for ingest keys" }]);
  });
});

describe("a body left out where the route requires fields", () => {
  it("answers 400 naming the missing fields, as {} does, not 415; another declared type still answers 415", async () => {
    const t = await createTenant();
    const empty = () => new ReadableStream({ start: (controller) => controller.close() });
    for (const [path, fields] of [
      ["/api/v1/labels", ["name", "color"]],
      ["/api/v1/analysis/suggestions/export_contacts/approve", ["name", "description"]],
    ] as const) {
      const asEmpty = await call(path, { method: "POST", key: t.adminKey, json: {} });
      const expected = ((await asEmpty.json()) as ErrorBody).error.details;
      expect(expected?.map((d) => d.field), path).toEqual(fields);
      for (const [headers, body] of [[{}, undefined], [JSON_TYPE, undefined], [JSON_TYPE, empty]] as const) {
        const what = `${path} ${JSON.stringify(headers)}${body ? " empty body" : ""}`;
        const res = await call(path, { method: "POST", key: t.adminKey, headers, body: body?.() });
        expect(res.status, what).toBe(400);
        expect(((await res.json()) as ErrorBody).error.details, what).toEqual(expected);
      }
      expect((await call(path, { method: "POST", key: t.adminKey, headers: { "content-type": "text/plain" } })).status, path).toBe(415);
    }
  });
});

describe("a required field left out", () => {
  it("is named as required, whatever type or choice it would take", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/labels", { method: "POST", key: t.adminKey, json: { name: "bug" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ message: "color: required", details: [{ field: "color", message: "required" }] });
    // Nested and in a list too, whatever the field's type.
    const capture = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { messages: [{ content: "hi" }] } });
    expect(((await capture.json()) as ErrorBody).error.details).toEqual([
      { field: "conversationId", message: "required" },
      { field: "messages.0.role", message: "required" },
    ]);
    // A value that is there but wrong keeps its reason, and so does a schema's own words for a missing one.
    const wrong = await call("/api/v1/labels", { method: "POST", key: t.adminKey, json: { name: "bug", color: "mauve" } });
    expect(((await wrong.json()) as ErrorBody).error.message).toMatch(/^color: Invalid option/);
    const email = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { name: "w", trigger: "user_message", actions: [{ type: "email" }] } });
    expect(((await email.json()) as ErrorBody).error.details).toEqual([{ field: "actions.0.to", message: 'to is "members" or a list of 1–50 member ids' }]);
  });
});

describe("a body's encoding and type", () => {
  /** `{"body":"<bytes> bad"}` with bytes that are no UTF-8. */
  const notUtf8 = (field: string) => new Uint8Array([...new TextEncoder().encode(`{"${field}":"`), 0xff, 0xfe, ...new TextEncoder().encode(' bad"}')]);

  it("refuses bytes that are not UTF-8 with 400 invalid_json, storing nothing, on every JSON route (capture too)", async () => {
    const t = await createTenant();
    const captured = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { conversationId: "c1", messages: [{ role: "user", content: "hi" }] } });
    const { conversationId } = (await captured.json()) as { conversationId: string };
    await syncIndex(conversationStub(env, t.chatbotId, "c1"));
    const notes = `/api/v1/conversations/${conversationId}/notes`;
    const note = await call(notes, { method: "POST", key: t.adminKey, headers: JSON_TYPE, body: notUtf8("body") });
    expect(note.status).toBe(400);
    expect(((await note.json()) as ErrorBody).error).toMatchObject({ code: "invalid_json", message: "body is not valid UTF-8: send JSON encoded as UTF-8" });
    expect(((await (await call(notes, { key: t.readKey })).json()) as { data: unknown[] }).data).toEqual([]);
    const capture = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, headers: JSON_TYPE, body: notUtf8("conversationId") });
    expect(((await capture.json()) as ErrorBody).error.code).toBe("invalid_json");
    // UTF-8 itself, a character of four bytes included, is taken.
    expect((await call(notes, { method: "POST", key: t.adminKey, json: { body: "Rappelé 🙂" } })).status).toBe(201);
  });

  it("takes application/json with its parameters, and refuses other JSON-based types with 415", async () => {
    const t = await createTenant();
    const post = (type: string) => call("/api/v1/labels", { method: "POST", key: t.adminKey, headers: { "content-type": type }, body: JSON.stringify({ name: type.slice(0, 40), color: "blue" }) });
    expect((await post("application/json; charset=utf-8")).status).toBe(201);
    expect((await post("Application/JSON")).status).toBe(201);
    for (const type of ["application/vnd.api+json", "application/merge-patch+json", "application/json-seq", "text/json"]) {
      const res = await post(type);
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as ErrorBody).error.code, type).toBe("unsupported_media_type");
    }
  });
});
