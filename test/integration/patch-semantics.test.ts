/**
 * A PATCH changes only the fields it names, and `{}` changes nothing (README "Conventions"), for the resources
 * whose create schema fills in defaults: a field left out of a PATCH must not come back as its default.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { createDb } from "../../worker/db/client";
import { webhookDestinations } from "../../worker/db/schema";
import { call, type ErrorBody } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { BEHAVIOURS, USER_FLAGS } from "../../worker/analysis/labels";
import { createTenant, type Tenant } from "../helpers/tenant";

/** Every built-in toggle on, but those named. */
const toggles = (all: readonly string[], off: Record<string, boolean>) => Object.fromEntries(all.map((s) => [s, off[s] ?? true]));

async function send<T>(t: Tenant, method: string, path: string, json?: unknown): Promise<T> {
  const res = await call(path, { method, key: t.adminKey, json });
  expect(res.status, `${method} ${path}: ${res.status}`).toBeLessThan(300);
  return ((await res.json()) as { data: T }).data;
}

describe("PATCH keeps what it does not name", () => {
  it("a workflow keeps its conditions, match, cooldown and status through a rename and an empty PATCH", async () => {
    const t = await createTenant();
    const created = await send<Record<string, unknown> & { id: string }>(t, "POST", "/api/v1/workflows", {
      name: "Cancel hook",
      trigger: "user_message",
      match: "any",
      conditions: [
        { field: "sentiment_score", op: "<", value: -0.5 },
        { field: "flag", op: "detected", value: "churn_risk" },
      ],
      actions: [{ type: "in_app", to: "admins" }],
      cooldown: { type: "minutes", minutes: 10 },
      status: "inactive",
    });
    const kept = { match: "any", conditions: created.conditions, cooldown: { type: "minutes", minutes: 10 }, status: "inactive" };
    expect(created).toMatchObject(kept);

    expect(await send(t, "PATCH", `/api/v1/workflows/${created.id}`, {})).toMatchObject({ ...kept, name: "Cancel hook" });
    expect(await send(t, "PATCH", `/api/v1/workflows/${created.id}`, { name: "Renamed" })).toMatchObject({ ...kept, name: "Renamed" });
    expect(await send(t, "GET", `/api/v1/workflows/${created.id}`)).toMatchObject({ ...kept, name: "Renamed" });
    // Naming a field still changes it.
    expect(await send(t, "PATCH", `/api/v1/workflows/${created.id}`, { status: "active" })).toMatchObject({ ...kept, status: "active", name: "Renamed" });
  });

  it("a workflow whose destination was deleted can still be turned off and renamed, but not given that destination again", async () => {
    const t = await createTenant();
    // The destination's name resolves to a public address (no network in tests).
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    onTestFinished(() => outbound.restore());
    const destination = await send<{ id: string }>(t, "POST", "/api/v1/webhooks", { name: "gone", kind: "custom", url: "https://hooks.example.com/x" });
    const workflow = await send<{ id: string }>(t, "POST", "/api/v1/workflows", {
      name: "To a destination",
      trigger: "any_message",
      match: "all",
      conditions: [],
      actions: [{ destinationId: destination.id }],
      cooldown: { type: "none" },
    });
    // The API refuses to delete a destination a workflow uses (409); one deleted before it did is gone from D1 alone.
    expect((await call(`/api/v1/webhooks/${destination.id}`, { method: "DELETE", key: t.adminKey })).status).toBe(409);
    await createDb(env.DB).delete(webhookDestinations).where(eq(webhookDestinations.id, destination.id));
    expect(await send(t, "PATCH", `/api/v1/workflows/${workflow.id}`, { status: "inactive" })).toMatchObject({ status: "inactive" });
    expect(await send(t, "PATCH", `/api/v1/workflows/${workflow.id}`, {})).toMatchObject({ name: "To a destination", status: "inactive" });
    expect(await send(t, "PATCH", `/api/v1/workflows/${workflow.id}`, { name: "Renamed" })).toMatchObject({ name: "Renamed" });
    // Actions that change are checked.
    const again = await call(`/api/v1/workflows/${workflow.id}`, { method: "PATCH", key: t.adminKey, json: { actions: [{ destinationId: destination.id }] } });
    expect(again.status).toBe(400);
  });

  it("the analysis config keeps every setting a PATCH does not name", async () => {
    const t = await createTenant();
    const set = {
      topics: true,
      sentiment: false,
      flags: { churn_risk: false },
      competitors: ["Acme"],
      ownNames: ["Shoebox", "Shoebox Plus"],
      customTopics: [{ slug: "shipping", name: "Shipping", description: "Delivery times and tracking" }],
      companyDescription: "We sell shoes online.",
    };
    expect(await send(t, "PATCH", "/api/v1/analysis/config", set)).toMatchObject(set);
    expect(await send(t, "PATCH", "/api/v1/analysis/config", {})).toMatchObject(set);
    expect(await send(t, "PATCH", "/api/v1/analysis/config", { companyDescription: "Shoes and socks." })).toMatchObject({ ...set, companyDescription: "Shoes and socks." });
    expect(await send(t, "GET", "/api/v1/analysis/config")).toMatchObject({ ...set, companyDescription: "Shoes and socks." });
  });

  it("the analysis config keeps each competitor and own name once, whatever its case, first spelling first", async () => {
    const t = await createTenant();
    const config = await send(t, "PATCH", "/api/v1/analysis/config", { competitors: ["Acme", "Zendesk", "acme", "ZENDESK"], ownNames: ["Shoebox", "shoebox"] });
    expect(config).toMatchObject({ competitors: ["Acme", "Zendesk"], ownNames: ["Shoebox"] });
  });

  it("the analysis config's toggles and prompts change only the entries a PATCH names", async () => {
    const t = await createTenant();
    // Every built-in flag and behaviour is listed, on, before anything is switched off.
    const fresh = await send<{ flags: object; behaviours: object }>(t, "GET", "/api/v1/analysis/config");
    expect(fresh.flags).toEqual(toggles(USER_FLAGS, {}));
    expect(fresh.behaviours).toEqual(toggles(BEHAVIOURS, {}));
    await send(t, "PATCH", "/api/v1/analysis/config", { flags: { churn_risk: false }, behaviours: { verbose: false }, prompts: { sentiment: "Score how the user feels, from -1 to 1." } });
    const after = await send<{ flags: object; behaviours: object; prompts: object; effectivePrompts: Record<string, { isDefault: boolean }> }>(t, "PATCH", "/api/v1/analysis/config", {
      flags: { frustrated_user: false },
      behaviours: { robotic: false },
      prompts: { intent: "Pick the one intent that fits this message best." },
    });
    expect(after.flags).toEqual(toggles(USER_FLAGS, { churn_risk: false, frustrated_user: false }));
    expect(after.behaviours).toEqual(toggles(BEHAVIOURS, { verbose: false, robotic: false }));
    expect(after.prompts).toEqual({ sentiment: "Score how the user feels, from -1 to 1.", intent: "Pick the one intent that fits this message best." });
    // A flag switched back on, and a prompt set to null (its default), are entries like any other.
    const back = await send<typeof after>(t, "PATCH", "/api/v1/analysis/config", { flags: { churn_risk: true }, prompts: { sentiment: null } });
    expect(back.flags).toEqual(toggles(USER_FLAGS, { frustrated_user: false }));
    expect(back.effectivePrompts.sentiment!.isDefault).toBe(true);
    expect(back.effectivePrompts.intent!.isDefault).toBe(false);
    // Back to its default, the prompt is no entry of its own (as after POST …/prompts/sentiment/revert), not a null.
    expect(back.prompts).toEqual({ intent: "Pick the one intent that fits this message best." });
  });

  it("refuses a custom definition list that names one slug twice, naming the second", async () => {
    const t = await createTenant();
    const twice = [
      { slug: "export_contacts", name: "Export contacts", description: "wants to export contacts" },
      { slug: "export_contacts", name: "Export", description: "export" },
    ];
    const res = await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { customIntents: twice } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([expect.objectContaining({ field: "customIntents.1.slug" })]);
  });
});

describe("a body whose every field is optional may be left out", () => {
  it("answers a PATCH without a body, or with an empty JSON one, as it answers {}", async () => {
    const t = await createTenant();
    const label = await send<{ id: string; name: string }>(t, "POST", "/api/v1/labels", { name: "Billing", color: "blue" });
    const workflow = await send<{ id: string }>(t, "POST", "/api/v1/workflows", {
      name: "Quiet",
      trigger: "any_message",
      match: "all",
      conditions: [],
      actions: [{ type: "in_app", to: "admins" }],
      cooldown: { type: "none" },
    });
    for (const path of [`/api/v1/labels/${label.id}`, `/api/v1/workflows/${workflow.id}`, "/api/v1/analysis/config"]) {
      const asIs = await send(t, "PATCH", path, {});
      for (const init of [{}, { headers: { "content-type": "application/json" }, body: "" }]) {
        const res = await call(path, { method: "PATCH", key: t.adminKey, ...init });
        expect(res.status, `${path} ${JSON.stringify(init)}`).toBe(200);
        expect(((await res.json()) as { data: unknown }).data, path).toEqual(asIs);
      }
    }
  });

  it("still answers 415 and 400 to a body that is there but not JSON, and 400 to a required one left out", async () => {
    const t = await createTenant();
    expect((await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, headers: { "content-type": "text/plain" }, body: "x" })).status).toBe(415);
    expect((await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, headers: { "content-type": "application/json" }, body: "{" })).status).toBe(400);
    const required = await call("/api/v1/labels", { method: "POST", key: t.adminKey });
    expect(required.status).toBe(400);
    expect(((await required.json()) as ErrorBody).error.details?.map((d) => d.field)).toEqual(["name", "color"]);
  });
});
