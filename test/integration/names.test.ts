/**
 * Names people give things are shown in the dashboard, in emails' subjects and in chat messages: a control
 * character in one is refused with the field named, wherever the name is set.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { as, signup } from "../helpers/member";
import { createTenant } from "../helpers/tenant";

// The last two are halves of a surrogate pair alone: JSON carries them, but they are no character.
const BAD = ["Ops\nBcc: x@evil.example", "a\u0000b", "tab\there", "bell\u0007", "Invoice \u202Efdp.exe", "isolate \u2067x\u2069", "half \ud800 pair", "\udc00low"];

async function refused(res: Response, field: string) {
  expect(res.status, field).toBe(400);
  const { error } = (await res.json()) as ErrorBody;
  expect(error.details?.map((d) => d.field), field).toContain(field);
}

describe("names with control characters", () => {
  it("are refused naming the field for labels, reports, keys, workflows, destinations and custom definitions", async () => {
    const t = await createTenant();
    const post = (path: string, json: unknown, method = "POST") => call(path, { method, key: t.adminKey, json });
    // Two of them per route: an admin key's requests share one rate limit (25 a minute in the tests).
    for (const name of BAD.slice(0, 2)) {
      await refused(await post("/api/v1/labels", { name, color: "blue" }), "name");
      await refused(await post("/api/v1/reports", { name }), "name");
      await refused(await post("/api/v1/keys", { kind: "read", name }), "name");
      await refused(await post("/api/v1/webhooks", { name, url: "https://hooks.example.com/x" }), "name");
      await refused(await post("/api/v1/workflows", { name, trigger: "user_message", conditions: [], actions: [], cooldown: { type: "none" } }), "name");
      await refused(await post("/api/v1/analysis/config", { customIntents: [{ slug: "vip", name, description: "asks for the VIP desk" }] }, "PATCH"), "customIntents.0.name");
    }
    await refused(await post("/api/v1/webhooks", { name: "Ops", url: "https://hooks.example.com/\u0000" }), "url");
    // Ordinary names, accents and emoji included, still pass.
    expect((await post("/api/v1/labels", { name: "Réclamation 🔥", color: "blue" })).status).toBe(201);
  });

  it("are refused naming the field for organizations, chatbots and a member's name, text-direction overrides too", async () => {
    const m = await signup();
    const org = `/api/v1/organizations/${m.organizationId}`;
    for (const name of BAD) {
      await refused(await as(m, org, { method: "PATCH", json: { name } }), "name");
      await refused(await as(m, `${org}/chatbots`, { method: "POST", json: { name } }), "name");
    }
    await refused(await call("/api/v1/auth/signup", { method: "POST", json: { email: "new@example.com", password: "correct horse battery", name: "A\nB", organizationName: "Org" } }), "name");
    // A right-to-left name keeps the marks it needs.
    expect((await as(m, `${org}/chatbots`, { method: "POST", json: { name: "دعم\u200F العملاء" } })).status).toBe(201);
  });

  it("leave a configuration stored before the rule readable: only the field that no longer validates takes its default", async () => {
    const t = await createTenant();
    const stored = { topics: true, competitors: ["Zendesk", "bad\u0000name"], companyDescription: "We sell shoes." };
    await env.DB.prepare("INSERT INTO analysis_configs (chatbot_id, organization_id, config, updated_at) VALUES (?, ?, ?, ?)")
      .bind(t.chatbotId, t.organizationId, JSON.stringify(stored), Date.now())
      .run();
    const config = ((await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as { data: Record<string, unknown> }).data;
    expect(config).toMatchObject({ topics: true, competitors: [], companyDescription: "We sell shoes." });
  });
});
