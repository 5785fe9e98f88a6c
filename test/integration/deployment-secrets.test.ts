/**
 * SECRETS_KEY and CONVERSATION_TOKEN_SECRET missing: everything that needs them fails closed with an
 * error naming the secret, instead of quietly using a fixed key.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "../../worker/webhooks/secrets";
import { call, type ErrorBody } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { createTenant } from "../helpers/tenant";

type Secret = "SECRETS_KEY" | "CONVERSATION_TOKEN_SECRET";
const settable = env as unknown as Record<Secret, string | undefined>;
const saved = { SECRETS_KEY: env.SECRETS_KEY, CONVERSATION_TOKEN_SECRET: env.CONVERSATION_TOKEN_SECRET };

afterEach(() => Object.assign(settable, saved));

describe("deployment secrets", () => {
  it("refuses to encrypt or decrypt webhook secrets without SECRETS_KEY rather than using a fixed key", async () => {
    for (const missing of [undefined, "", "  "]) {
      await expect(encryptSecret(missing, "whsec_x")).rejects.toThrow(/SECRETS_KEY is not set/);
    }
    const sealed = await encryptSecret("a real key", "whsec_x");
    await expect(decryptSecret(undefined, sealed)).rejects.toThrow(/SECRETS_KEY is not set/);
    expect(await decryptSecret("a real key", sealed)).toBe("whsec_x");
  });

  it("answers 503 naming SECRETS_KEY when a webhook destination is created without it", async () => {
    const t = await createTenant();
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    try {
      settable.SECRETS_KEY = undefined;
      const res = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
      expect(res.status).toBe(503);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code).toBe("not_configured");
      expect(error.message).toMatch(/SECRETS_KEY/);
    } finally {
      outbound.restore();
    }
  });

  it("answers a destination's test-send without SECRETS_KEY with 503, sending nothing", async () => {
    const t = await createTenant();
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    try {
      const created = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
      const { data } = (await created.json()) as { data: { id: string } };
      settable.SECRETS_KEY = "";
      const res = await call(`/api/v1/webhooks/${data.id}/test`, { method: "POST", key: t.adminKey });
      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/SECRETS_KEY/);
      expect(outbound.received).toHaveLength(0);
    } finally {
      outbound.restore();
    }
  });

  it("after a SECRETS_KEY change, names the fix for an unreadable secret, and signs with the current one when only the previous is unreadable", async () => {
    const t = await createTenant();
    const outbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
    try {
      const created = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name: "d", url: "https://hooks.example.com/x" } });
      const { data } = (await created.json()) as { data: { id: string } };
      settable.SECRETS_KEY = "a different key";
      const unreadable = (await (await call(`/api/v1/webhooks/${data.id}/test`, { method: "POST", key: t.adminKey })).json()) as { data: { ok: boolean; response: string } };
      expect(unreadable.data.ok).toBe(false);
      expect(unreadable.data.response).toMatch(/SECRETS_KEY has changed.*rotate the destination's secret/);
      // Rotated with the default overlap, the old (unreadable) secret cannot sign beside the new one: no overlap is promised.
      const rotated = await call(`/api/v1/webhooks/${data.id}/rotate`, { method: "POST", key: t.adminKey });
      expect(rotated.status).toBe(200);
      expect(((await rotated.json()) as { data: { previousSecretExpiresAt: number | null } }).data.previousSecretExpiresAt).toBeNull();
      const tested = (await (await call(`/api/v1/webhooks/${data.id}/test`, { method: "POST", key: t.adminKey })).json()) as { data: { ok: boolean } };
      expect(tested.data.ok).toBe(true);
      expect(outbound.received).toHaveLength(1);
    } finally {
      outbound.restore();
    }
  });

  it("answers 503 naming CONVERSATION_TOKEN_SECRET when a token is minted or used without it", async () => {
    const t = await createTenant();
    const minted = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: {} });
    const { data } = (await minted.json()) as { data: { token: string } };
    settable.CONVERSATION_TOKEN_SECRET = "";
    const mint = await call("/api/v1/conversation-tokens", { method: "POST", key: t.ingestKey, json: {} });
    expect(mint.status).toBe(503);
    expect(((await mint.json()) as ErrorBody).error.message).toMatch(/CONVERSATION_TOKEN_SECRET/);
    const use = await call(`/api/v1/live?token=${encodeURIComponent(data.token)}`, { headers: { upgrade: "websocket" } });
    expect(use.status).toBe(503);
    expect(((await use.json()) as ErrorBody).error.message).toMatch(/CONVERSATION_TOKEN_SECRET/);
  });
});
