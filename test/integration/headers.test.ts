/**
 * Browser hardening headers on the API's answers, and request ids that are always ours. The dashboard's
 * own policy (static files) is checked in Chromium by test/e2e/security.test.ts.
 */
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { call, type ErrorBody } from "../helpers/http";
import { signup } from "../helpers/member";
import { PAGES } from "../helpers/routes";
import { createTenant } from "../helpers/tenant";

// The dashboard's page the Worker answers carries the dashboard's own policy (test/integration/first-paint.test.ts).
const routes = app.routes
  .filter((r) => r.method !== "ALL" && !PAGES.has(`${r.method} ${r.path}`))
  .map((r) => [r.method, r.path.replace(/:[A-Za-z]+\??/g, "x")] as const)
  .filter(([m, p], i, all) => all.findIndex(([m2, p2]) => m2 === m && p2 === p) === i);

function expectHardened(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, what).toContain("default-src 'none'");
  expect(csp, what).toContain("frame-ancestors 'none'");
}

describe("security headers", () => {
  it("puts nosniff, no framing, no referrer and a deny-all policy on every route's answer", async () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const [method, path] of routes) {
      const res = await call(path, { method, json: method === "GET" || method === "DELETE" ? undefined : {} });
      expectHardened(res, `${method} ${path} (${res.status})`);
    }
  });

  it("puts them on successful answers, unknown paths and answers with a session cookie too", async () => {
    expectHardened(await call("/health"), "health");
    expectHardened(await call("/api/v1/no-such-thing"), "unknown path");
    const m = await signup();
    expectHardened(await call("/api/v1/auth/session", { headers: { cookie: m.cookie } }), "session");
  });
});

describe("the API reference page", () => {
  it("runs scripts and makes calls only on this host, loads Scalar from here (never a CDN), and says where its document is", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/);
    const html = await res.text();
    expect(html).toContain('<script src="/api-docs/scalar.js"></script>');
    expect(html).toContain('data-url="/api/v1/openapi.json"');
    expect(html).not.toMatch(/<script>|https?:\/\//);
  });
});

describe("request ids", () => {
  it("never takes a client-sent cf-ray as the request id", async () => {
    const res = await call("/api/v1/conversations", { headers: { "cf-ray": "attacker-chosen-ray" } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(((await res.json()) as ErrorBody).error.requestId).toBe(id);
  });

  it("puts the id on answers a route builds itself, such as an export's streamed download", async () => {
    const t = await createTenant();
    for (const path of ["/api/v1/exports/conversations", "/api/v1/exports/users?format=json", "/api/v1/exports/organizations"]) {
      const res = await call(path, { key: t.readKey });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-request-id"), path).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      await res.body?.cancel();
    }
  });

  it("gives every request an id of its own", async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await call("/health", { headers: { "cf-ray": "same-ray" } })).headers.get("x-request-id"));
    expect(ids.size).toBe(5);
  });
});
