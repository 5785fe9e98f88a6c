/**
 * Every route that takes a body (POST, PATCH, PUT), generated from the router like the route matrix, is
 * sent malformed bodies — empty, of the wrong JSON type, every field of the wrong type, every string
 * field huge — as an authorised caller of the tenant that owns the ids in its path, so the request gets
 * past authentication into validation and the handler. None may answer with a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { openApiDocument } from "../../worker/openapi/document";
import { call } from "../helpers/http";
import { as, chatbotOf, invited, signup } from "../helpers/member";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";

const routes = app.routes
  .filter((r) => ["POST", "PATCH", "PUT"].includes(r.method))
  .map((r) => `${r.method} ${r.path}`)
  .filter((r, i, all) => all.indexOf(r) === i);

type Json = Record<string, unknown>;

/** The JSON Schema of the body a route validates with, from the OpenAPI document generated from the routes. */
function bodySchemaOf(route: string): Json | undefined {
  const [method, path] = route.split(" ") as [string, string];
  const paths = openApiDocument(app).paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>>;
  return paths[path.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()]?.requestBody?.content["application/json"]?.schema;
}

/** Every property named anywhere in the schema (unions and nested objects included), with its type. */
function propertiesOf(schema: unknown, into = new Map<string, unknown>()): Map<string, unknown> {
  if (!schema || typeof schema !== "object") return into;
  const s = schema as Json;
  for (const [name, property] of Object.entries((s.properties as Json | undefined) ?? {})) {
    into.set(name, (property as Json).type);
    propertiesOf(property, into);
  }
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const part of (s[key] as unknown[] | undefined) ?? []) propertiesOf(part, into);
  if (s.items) propertiesOf(s.items, into);
  return into;
}

/** Strings as long as fit in a body under the 1 MB limit, so they reach validation rather than the size check. */
const huge = (fields: number) => "x".repeat(Math.floor(900_000 / Math.max(fields, 1)));
const wrongFor = (type: unknown) => (type === "string" ? 12345 : type === "number" || type === "integer" ? "not a number" : type === "array" ? { not: "an array" } : type === "boolean" ? "yes" : ["wrong"]);

/** The malformed bodies sent to one route. */
function bodiesFor(route: string): [string, unknown][] {
  const fields = propertiesOf(bodySchemaOf(route));
  const names = fields.size ? [...fields.keys()] : ["name", "email", "password", "token", "url", "kind", "status"];
  return [
    ["an empty object", {}],
    ["null", null],
    ["an array", [1, 2]],
    ["a string", "hello"],
    ["a number", 42],
    ["every field of the wrong type", Object.fromEntries(names.map((n) => [n, wrongFor(fields.get(n))]))],
    ["every field null", Object.fromEntries(names.map((n) => [n, null]))],
    ["every field a huge string", Object.fromEntries(names.map((n) => [n, huge(names.length)]))],
    ["every field a deep object", Object.fromEntries(names.map((n) => [n, { a: { b: { c: [{ d: "x".repeat(1000) }] } } }]))],
    ["prototype keys", JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}')],
  ];
}

interface Tenant {
  cookie: string;
  csrf: string;
  ids: Record<string, string>;
  ingestKey: string;
  adminKey: string;
}

/** A fresh tenant per route: each route gets the whole per-key rate budget, so every body reaches the handler. */
async function tenant(): Promise<Tenant> {
  const owner = await signup("Fuzz");
  const { chatbotId, ingestKey } = await chatbotOf(owner);
  const keyOf = async (kind: string) =>
    ((await (await as(owner, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind, name: kind } })).json()) as { data: { id: string; secret: string } }).data;
  const admin = await keyOf("admin");
  const spare = await keyOf("read");
  const destination = (await (await call("/api/v1/webhooks", { method: "POST", key: admin.secret, json: { name: "d", url: "https://hooks.example.com/x" } })).json()) as { data: { id: string } };
  const workflow = (await (await call("/api/v1/workflows", { method: "POST", key: admin.secret, json: { template: "hallucination_flag", destinationId: destination.data.id } })).json()) as {
    data: { id: string };
  };
  const report = (await (await call("/api/v1/reports", { method: "POST", key: admin.secret, json: { name: "Weekly" } })).json()) as { data: { id: string } };
  const label = (await (await call("/api/v1/labels", { method: "POST", key: admin.secret, json: { name: "VIP", color: "grape" } })).json()) as { data: { id: string } };
  const colleague = await invited(owner, "member");
  const invitation = (await (await as(owner, `/api/v1/organizations/${owner.organizationId}/invitations`, { method: "POST", json: { email: "later@example.com" } })).json()) as {
    data: { id: string };
  };
  return {
    cookie: owner.cookie,
    csrf: owner.csrf,
    ingestKey,
    adminKey: admin.secret,
    ids: {
      orgId: owner.organizationId,
      chatbotId,
      memberId: colleague.memberId,
      keys: spare.id,
      webhooks: destination.data.id,
      workflows: workflow.data.id,
      invitations: invitation.data.id,
      reports: report.data.id,
      labels: label.data.id,
      runId: "run_unknown",
      slug: "some_intent",
      name: "sentiment",
    },
  };
}

function pathFor(route: string, t: Tenant): string {
  const [, path] = route.split(" ") as [string, string];
  return path
    .replace(/\/(keys|webhooks|workflows|invitations|reports|labels)\/:id/, (_, what: string) => `/${what}/${t.ids[what]}`)
    .replace(/:(\w+)\??/g, (_, name: string) => t.ids[name] ?? "unknown");
}

/** Key routes without a chatbot in the path take a key; everything else a member session. */
function credentials(route: string, t: Tenant, n: number): Record<string, string> {
  const ip = { "cf-connecting-ip": `10.77.${n}.${Math.floor(Math.random() * 250)}` };
  if (/ \/api\/v1\/(capture|conversation-tokens)/.test(route)) return { ...ip, authorization: `Bearer ${t.ingestKey}` };
  if (/ \/(api\/v1\/(keys|webhooks|workflows|analysis|conversations|reports|labels)|mcp)/.test(route)) return { ...ip, authorization: `Bearer ${t.adminKey}` };
  return { ...ip, cookie: t.cookie, "x-csrf-token": t.csrf };
}

let restore: () => void;
beforeAll(() => {
  restore = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
});
afterAll(() => restore());

describe("malformed bodies", () => {
  it("are sent to every route that takes a body", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContain("PATCH /api/v1/organizations/:orgId/chatbots/:chatbotId");
  });

  it.each(routes.map((route, n) => [route, n] as const))("never answer %s with a server error", async (route, n) => {
    const t = await tenant();
    const [method] = route.split(" ") as [string];
    const statuses: string[] = [];
    for (const [what, body] of bodiesFor(route)) {
      const res = await call(pathFor(route, t), { method, body: JSON.stringify(body), headers: { ...credentials(route, t, n), "content-type": "application/json" } });
      statuses.push(`${what}: ${res.status}`);
      expect(res.status, `${route} with ${what}`).toBeLessThan(500);
      if (res.status !== 204) expect(res.headers.get("content-type"), `${route} with ${what}`).toMatch(/application\/json/);
    }
    // Every body got past authentication and rate limits, so the route's own handling was exercised
    // (log-out excepted: its first request ends the session the others present).
    const stopped = statuses.filter((s) => /: (401|403|429)$/.test(s));
    expect(stopped, statuses.join(", ")).toHaveLength(route.endsWith("/logout") ? statuses.length - 1 : 0);
  });
});

describe("empty patches", () => {
  it("answer 200 with the chatbot unchanged for PATCH {} on a chatbot", async () => {
    const owner = await signup();
    const { chatbotId } = await chatbotOf(owner, "Unchanged bot");
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "PATCH", json: {} });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { id: string; name: string } }).data).toMatchObject({ id: chatbotId, name: "Unchanged bot" });
  });

  it("answer 200 with the organization unchanged for PATCH {} on an organization, and 404 for another's", async () => {
    const owner = await signup();
    const other = await signup();
    const res = await as(owner, `/api/v1/organizations/${owner.organizationId}`, { method: "PATCH", json: {} });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { name: string } }).data.name).toBe("Ada's org");
    expect((await as(owner, `/api/v1/organizations/${other.organizationId}`, { method: "PATCH", json: {} })).status).toBe(404);
  });

  it("answer 404 for PATCH {} on another organization's chatbot", async () => {
    const owner = await signup();
    const other = await signup();
    const { chatbotId } = await chatbotOf(other);
    expect((await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots/${chatbotId}`, { method: "PATCH", json: {} })).status).toBe(404);
  });
});
