/**
 * The OpenAPI document, generated from the routes' own definitions: served without credentials, every
 * mounted route in it (and nothing that is not mounted) with its request and response schemas, and a
 * sample of its schemas checked against what the routes really accept and refuse. (That it validates as
 * OpenAPI 3.1 is checked in Node, test/e2e/api-reference.test.ts: the validator reads its meta-schemas
 * from disk. test/integration/contract.test.ts checks real answers against it.)
 */
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { createDb } from "../../worker/db/client";
import { createKey } from "../../worker/services/keys";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { env } from "cloudflare:workers";
import { PAGES } from "../helpers/routes";
import { messageId } from "../../durable-objects/protocol";

type Json = Record<string, unknown>;
interface Parameter { name: string; in: string; required: boolean; schema: Json }
interface Operation {
  summary: string;
  operationId: string;
  security: Json[];
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: Json } } };
  responses: Record<string, Json & { content?: Record<string, { schema?: Json }>; $ref?: string }>;
}
interface Document { openapi: string; info: Json; paths: Record<string, Record<string, Operation>>; components: { schemas: Json; responses: Json; securitySchemes: Json } }

async function fetchDocument(): Promise<Document> {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return JSON.parse(await res.text()) as Document;
}

/** `METHOD /path/{param}` for every route the app mounts; an optional last segment answers at two paths. */
function mountedOperations(): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    // The dashboard's page the Worker answers is HTML for browsers, not an API operation.
    if (r.method === "ALL" || PAGES.has(`${r.method} ${r.path}`)) continue;
    const optional = /\/:(\w+)\?$/.exec(r.path);
    const paths = optional ? [r.path.slice(0, -optional[0].length), r.path.slice(0, -1)] : [r.path];
    for (const p of paths) out.add(`${r.method} ${p.replace(/:(\w+)/g, "{$1}")}`);
  }
  return [...out].sort();
}

const documentedOperations = (doc: Document) =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

const op = (doc: Document, method: string, path: string): Operation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
};
const queryParam = (o: Operation, name: string) => o.parameters!.find((p) => p.in === "query" && p.name === name)!.schema;

async function freshRead(t: Tenant): Promise<string> {
  return (await createKey(createDb(env.DB), { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "openapi test" })).secret;
}

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document without credentials", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearer", "session"]);
  });

  it("documents every mounted route, and only mounted ones", async () => {
    const doc = await fetchDocument();
    expect(documentedOperations(doc)).toEqual(mountedOperations());
    // The families the public API is made of, at both mounts where they have two.
    for (const path of ["/api/v1/capture", "/api/v1/conversations", "/api/v1/keys", "/api/v1/analysis/config", "/api/v1/webhooks", "/api/v1/workflows", "/api/v1/analytics/overview"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/v1/chatbots/{chatbotId}/analytics/insights"]?.get).toBeDefined();
  });

  it("gives every operation a summary, a unique id, its path parameters and resolvable references", async () => {
    const doc = await fetchDocument();
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(o.summary, where).toBeTruthy();
        expect(ids.has(o.operationId), `${where} duplicates ${o.operationId}`).toBe(false);
        ids.add(o.operationId);
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect((o.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name).sort(), where).toEqual(inPath);
        expect(Object.keys(o.responses).some((s) => s.startsWith("2") || s === "101"), where).toBe(true);
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const target = ref.slice(8, -1).replace(/^#\//, "").split("/");
      let node: unknown = doc;
      for (const part of target) node = (node as Json)[part];
      expect(node, ref).toBeDefined();
    }
  });

  it("gives every operation a schema for each answer with a body, errors included, and for every request part it reads", async () => {
    const doc = await fetchDocument();
    // Operations that act on the id in their path and read no body.
    const bodiless = /\/(logout|rotate|enable|test|revert|retry|read|read-all)$|\/suggestions\/\{slug\}\/reject$|\/labels\/\{labelId\}$/;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        for (const [status, response] of Object.entries(o.responses)) {
          // 101 switches to a WebSocket, 204 and 202 (an MCP notification) carry no body.
          if (["101", "204"].includes(status) || (status === "202" && path === "/mcp")) continue;
          if (response.$ref) {
            expect(response.$ref, `${where} ${status}`).toBe("#/components/responses/Error");
            continue;
          }
          const schema = response.content?.["application/json"]?.schema ?? response.content?.["text/html"]?.schema;
          expect(schema, `${where} ${status} has a schema`).toBeDefined();
          expect(Object.keys(schema!).length, `${where} ${status} schema is not empty`).toBeGreaterThan(0);
        }
        for (const p of o.parameters ?? []) expect(p.schema, `${where} parameter ${p.name}`).toBeDefined();
        if (["post", "patch", "put"].includes(method) && !bodiless.test(path)) {
          expect(o.requestBody?.content["application/json"]?.schema, `${where} documents its body`).toBeDefined();
        }
        if (o.security.length) expect(o.responses["401"], `${where} documents 401`).toBeDefined();
      }
    }
    expect(doc.components.schemas).toHaveProperty("Error");
  });

  it("marks public routes public and key routes with a bearer key; dashboard mounts also take a session", async () => {
    const doc = await fetchDocument();
    expect(op(doc, "get", "/health").security).toEqual([]);
    expect(op(doc, "post", "/api/v1/auth/login").security).toEqual([]);
    expect(op(doc, "get", "/api/v1/analytics/overview").security).toEqual([{ bearer: [] }]);
    expect(op(doc, "get", "/api/v1/chatbots/{chatbotId}/analytics/overview").security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(op(doc, "get", "/api/v1/organizations").security).toEqual([{ session: [] }]);
  });
});

describe("the documented schemas match what the routes validate", () => {
  it("conversations list: the documented limit bounds are the ones enforced", async () => {
    const doc = await fetchDocument();
    const limit = queryParam(op(doc, "get", "/api/v1/conversations"), "limit");
    expect(limit).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    const t = await createTenant();
    expect((await call(`/api/v1/conversations?limit=${limit.maximum}`, { key: t.readKey })).status).toBe(200);
    const over = await call(`/api/v1/conversations?limit=${Number(limit.maximum) + 1}`, { key: t.readKey });
    expect(over.status).toBe(400);
    expect(((await over.json()) as ErrorBody).error.details?.[0]?.field).toBe("limit");
  });

  it("capture: each documented required field is required, and the documented roles are the accepted ones", async () => {
    const doc = await fetchDocument();
    const schema = op(doc, "post", "/api/v1/capture").requestBody!.content["application/json"].schema as {
      required: string[];
      properties: { messages: { items: { properties: { role: { enum: string[] } } } } };
    };
    expect(schema.required.sort()).toEqual(["conversationId", "messages"]);
    const t = await createTenant();
    const valid = { conversationId: "openapi-1", messages: [{ role: "user", content: "hi" }] };
    for (const field of schema.required) {
      const body: Json = { ...valid };
      delete body[field];
      const res = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: body });
      expect(res.status, field).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field, field).toBe(field);
    }
    const roles = schema.properties.messages.items.properties.role.enum;
    for (const role of roles) {
      const res = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { conversationId: `openapi-${role}`, messages: [{ role, content: "hi" }] } });
      expect(res.status, role).toBe(200);
    }
    const refused = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, json: { conversationId: "openapi-x", messages: [{ role: "bot", content: "hi" }] } });
    expect(((await refused.json()) as ErrorBody).error.details?.[0]?.field).toBe("messages.0.role");
  });

  it("capture: a message's id is described by the one message-id schema, as on a conversation socket", async () => {
    const doc = await fetchDocument();
    const schema = op(doc, "post", "/api/v1/capture").requestBody!.content["application/json"].schema as {
      properties: { messages: { items: { properties: { id: { description?: string } } } } };
    };
    expect(messageId.description).toBe("The integrator's message id; a resent id is recognised and never stored twice.");
    expect(schema.properties.messages.items.properties.id.description).toBe(messageId.description);
  });

  it("analytics: every documented interval and sort value is accepted, and nothing else", async () => {
    const doc = await fetchDocument();
    const t = await createTenant();
    const cases: [string, string, string][] = [
      ["/api/v1/analytics/sentiment", "interval", "minute"],
      ["/api/v1/analytics/conversations", "sort", "email"],
      ["/api/v1/analytics/users", "sort", "email"],
      ["/api/v1/analytics/organizations", "order", "up"],
    ];
    for (const [path, name, wrong] of cases) {
      const values = (queryParam(op(doc, "get", path), name) as { enum: string[] }).enum;
      expect(values.length, `${path} ${name}`).toBeGreaterThan(1);
      const key = await freshRead(t);
      for (const value of values) expect((await call(`${path}?${name}=${value}`, { key })).status, `${path} ${name}=${value}`).toBe(200);
      const res = await call(`${path}?${name}=${wrong}`, { key });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe(name);
    }
  });

  it("keys: the documented key kinds are exactly the ones that can be created", async () => {
    const doc = await fetchDocument();
    const schema = op(doc, "post", "/api/v1/keys").requestBody!.content["application/json"].schema as { properties: { kind: { enum: string[] } }; required: string[] };
    expect(schema.required.sort()).toEqual(["kind", "name"]);
    const t = await createTenant();
    for (const kind of schema.properties.kind.enum) {
      expect((await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind, name: kind } })).status, kind).toBe(201);
    }
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "superuser", name: "x" } });
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("kind");
  });

  it("workflows: the documented triggers are the accepted ones", async () => {
    const doc = await fetchDocument();
    const body = op(doc, "post", "/api/v1/workflows").requestBody!.content["application/json"].schema as { anyOf: { properties: Json }[] };
    const full = body.anyOf.find((s) => "trigger" in s.properties)!;
    expect((full.properties.trigger as { enum: string[] }).enum).toEqual(["user_message", "assistant_message", "any_message", "conversation_ended"]);
    const fromTemplate = body.anyOf.find((s) => "template" in s.properties && "destinationId" in s.properties);
    expect(fromTemplate).toBeDefined();
  });
});

describe("request bodies in the OpenAPI document", () => {
  /**
   * Capture takes fields it does not know, so that an SDK newer than the server still captures (README,
   * "Capture"); so do the end of a capture and the user and organization a token states, the same shapes.
   * MCP's JSON-RPC messages are the protocol's to extend.
   */
  const LENIENT = new Set(["POST /api/v1/capture", "POST /api/v1/capture/end", "POST /api/v1/conversation-tokens.user", "POST /api/v1/conversation-tokens.organization", "POST /mcp"]);

  it("refuse unknown fields at every depth, as the README promises, save capture's", async () => {
    const doc = await fetchDocument();
    const resolve = (schema: Json): Json => {
      const ref = schema.$ref;
      return typeof ref === "string" ? resolve((doc.components.schemas as Record<string, Json>)[ref.replace("#/components/schemas/", "")] ?? {}) : schema;
    };
    const open: string[] = [];
    const walk = (raw: Json, where: string, seen: Set<Json>) => {
      const schema = resolve(raw);
      if (seen.has(schema) || LENIENT.has(where)) return;
      seen.add(schema);
      if (schema.properties && schema.additionalProperties !== false) open.push(where);
      for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) walk(child, `${where}.${name}`, seen);
      if (schema.items) walk(schema.items as Json, `${where}[]`, seen);
      for (const key of ["anyOf", "oneOf", "allOf"]) for (const [i, child] of ((schema[key] ?? []) as Json[]).entries()) walk(child, `${where}|${i}`, seen);
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        const body = operation.requestBody?.content["application/json"]?.schema;
        if (body) walk(body, route, new Set());
      }
    }
    expect(open).toEqual([]);
  });
});
