/**
 * Limits on what one member or key can create: keys that would be born expired, and (below) how many
 * organizations and invitations a member may create.
 */
import { describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { as, signup } from "../helpers/member";
import { createTenant } from "../helpers/tenant";

describe("key expiry", () => {
  it("refuses a key that would be created already expired, or at a time no date can hold, naming expiresAt", async () => {
    const t = await createTenant();
    for (const expiresAt of [1, Date.now() - 1000, 9e15]) {
      const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "read", name: "late", expiresAt } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("expiresAt");
    }
  });

  it("creates a key that expires in the future, and it works until then", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/keys", { method: "POST", key: t.adminKey, json: { kind: "read", name: "soon", expiresAt: Date.now() + 60_000 } });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { secret: string } };
    expect((await call("/api/v1/conversations", { key: data.secret })).status).toBe(200);
  });

  it("refuses an already expired key from the dashboard too", async () => {
    const owner = await signup();
    const bot = (await (await as(owner, `/api/v1/organizations/${owner.organizationId}/chatbots`, { method: "POST", json: { name: "b" } })).json()) as { data: { id: string } };
    const res = await as(owner, `/api/v1/chatbots/${bot.data.id}/keys`, { method: "POST", json: { kind: "read", name: "late", expiresAt: Date.now() - 1 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/^expiresAt:/);
  });
});
