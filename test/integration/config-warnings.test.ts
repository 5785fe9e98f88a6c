/**
 * The analysis configuration's `warnings` say what a change left that cannot work as meant: a workflow whose flag
 * or behaviour condition names one the chatbot no longer has (a custom one removed), or has switched off.
 */
import { describe, expect, it } from "vitest";
import { call } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";

async function send<T>(t: Tenant, method: string, path: string, json?: unknown): Promise<T> {
  const res = await call(path, { method, key: t.adminKey, json });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return ((await res.json()) as { data: T }).data;
}

type Config = { warnings: string[] };

describe("the analysis configuration's warnings", () => {
  it("name a workflow whose custom flag was removed, or whose behaviour was switched off, until that is undone", async () => {
    const t = await createTenant();
    const refund = { slug: "refund_request", name: "Refund request", description: "asks for their money back" };
    await send(t, "PATCH", "/api/v1/analysis/config", { customFlags: [refund] });
    const workflow = await send<{ id: string }>(t, "POST", "/api/v1/workflows", {
      name: "Refunds",
      trigger: "user_message",
      conditions: [{ field: "flag", op: "detected", value: "refund_request" }],
      actions: [{ type: "in_app", to: "admins" }],
    });
    await send(t, "POST", "/api/v1/workflows", {
      name: "Dodges",
      trigger: "assistant_message",
      conditions: [{ field: "behaviour", op: "=", value: "dodging" }],
      actions: [{ type: "in_app", to: "admins" }],
    });
    expect((await send<Config>(t, "GET", "/api/v1/analysis/config")).warnings).toEqual([]);

    const removed = await send<Config>(t, "PATCH", "/api/v1/analysis/config", { customFlags: [], behaviours: { dodging: false } });
    expect(removed.warnings).toEqual([
      `workflow "Refunds" (${workflow.id}) has a condition on the flag "refund_request", which this chatbot no longer has: no message will raise it`,
      expect.stringMatching(/^workflow "Dodges" \(wf_\w+\) has a condition on the behaviour "dodging", which this chatbot has switched off: no message will raise it$/),
    ]);
    expect((await send<Config>(t, "GET", "/api/v1/analysis/config")).warnings).toEqual(removed.warnings);

    // Another tenant's configuration says nothing of these workflows.
    expect((await send<Config>(await createTenant(), "GET", "/api/v1/analysis/config")).warnings).toEqual([]);

    const restored = await send<Config>(t, "PATCH", "/api/v1/analysis/config", { customFlags: [refund], behaviours: { dodging: true } });
    expect(restored.warnings).toEqual([]);
  });
});
