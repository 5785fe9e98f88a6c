/**
 * `POST /workflows` with `template`: the starter form `{ template, destinationId?, name?, status? }`, unless the body
 * is a full workflow (it has `trigger` and `actions`), which may name the starter it came from.
 */
import { describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

describe("a workflow made from a starter", () => {
  it("refuses a full workflow's field beside a template naming it, not the full form's missing fields", async () => {
    const t = await createTenant();
    const post = (json: unknown) => call("/api/v1/workflows", { method: "POST", key: t.adminKey, json });
    const res = await post({ template: "frustration_escalation", trigger: "any_message" });
    expect(res.status).toBe(400);
    const reason = "not taken with a template (a starter sets its own trigger, conditions and actions; to set them, send a full workflow: name, trigger, actions)";
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "invalid_request", message: `trigger: ${reason}`, details: [{ field: "trigger", message: reason }] });
    const several = await post({ template: "frustration_escalation", conditions: [], cooldown: { type: "none" } });
    expect(((await several.json()) as ErrorBody).error.details?.map((d) => d.field)).toEqual(["conditions", "cooldown"]);
    // A field neither form takes is unknown, as everywhere.
    const unknown = await post({ template: "frustration_escalation", colour: "red" });
    expect(((await unknown.json()) as ErrorBody).error.message).toBe('colour: Unrecognized key: "colour"');
    expect(((await (await call("/api/v1/workflows", { key: t.readKey })).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("takes the starter form, and a full workflow that names its starter", async () => {
    const t = await createTenant();
    const post = (json: unknown) => call("/api/v1/workflows", { method: "POST", key: t.adminKey, json });
    const starter = await post({ template: "frustration_escalation", name: "Escalate", status: "inactive" });
    expect(starter.status).toBe(201);
    expect(((await starter.json()) as { data: unknown }).data).toMatchObject({ name: "Escalate", status: "inactive", template: "frustration_escalation" });
    const full = await post({ template: "frustration_escalation", name: "Mine", trigger: "any_message", actions: [{ type: "in_app", to: "admins" }] });
    expect(full.status).toBe(201);
    expect(((await full.json()) as { data: unknown }).data).toMatchObject({ name: "Mine", trigger: "any_message", template: "frustration_escalation" });
    // A full workflow missing its name is refused as one.
    const nameless = await post({ template: "frustration_escalation", trigger: "any_message", actions: [{ type: "in_app", to: "admins" }] });
    expect(((await nameless.json()) as ErrorBody).error.message).toBe("name: required");
  });
});
