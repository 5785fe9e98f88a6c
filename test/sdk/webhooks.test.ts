import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../sdk/src/index";
import { sign } from "../../worker/webhooks/signing";

const secret = `whsec_${btoa("a 24-byte signing secret")}`;
const body = JSON.stringify({ type: "workflow.triggered", conversation: { externalId: "support-8812" }, text: "Churn risk" });
const now = () => Math.floor(Date.now() / 1000);

describe("SDK verifyWebhook", () => {
  it("accepts a webhook signed by the product, with Fetch or Node-style headers", async () => {
    const headers = { ...(await sign(secret, "msg_1", now(), body)) };
    expect(await verifyWebhook(secret, new Headers({ ...headers }), body)).toBe(true);
    expect(await verifyWebhook(secret, { ...headers }, new TextEncoder().encode(body))).toBe(true);
  });

  it("accepts a delivery that also carries a signature it cannot check, as during a secret rotation", async () => {
    const headers = { ...(await sign(secret, "msg_2", now(), body)) };
    const rotated = { ...headers, "webhook-signature": `v1,not-base64!! v1,${btoa("x".repeat(32))} ${headers["webhook-signature"]}` };
    expect(await verifyWebhook(secret, rotated, body)).toBe(true);
  });

  it("rejects a tampered body, id, timestamp or signature", async () => {
    const ts = now();
    const headers = { ...(await sign(secret, "msg_3", ts, body)) };
    expect(await verifyWebhook(secret, headers, body.replace("Churn", "Chum"))).toBe(false);
    expect(await verifyWebhook(secret, { ...headers, "webhook-id": "msg_4" }, body)).toBe(false);
    expect(await verifyWebhook(secret, { ...headers, "webhook-timestamp": String(ts - 1) }, body)).toBe(false);
    const signature = headers["webhook-signature"];
    const flipped = signature.slice(0, -3) + (signature.at(-3) === "A" ? "B" : "A") + signature.slice(-2);
    expect(await verifyWebhook(secret, { ...headers, "webhook-signature": flipped }, body)).toBe(false);
    expect(await verifyWebhook(`whsec_${btoa("another secret entirely!")}`, headers, body)).toBe(false);
  });

  it("rejects a stale or far-future timestamp, within a configurable tolerance", async () => {
    const stale = { ...(await sign(secret, "msg_5", now() - 301, body)) };
    expect(await verifyWebhook(secret, stale, body)).toBe(false);
    expect(await verifyWebhook(secret, stale, body, { toleranceSeconds: 600 })).toBe(true);
    const future = { ...(await sign(secret, "msg_6", now() + 400, body)) };
    expect(await verifyWebhook(secret, future, body)).toBe(false);
  });

  it("rejects, without throwing, a request with missing or malformed headers", async () => {
    const headers = { ...(await sign(secret, "msg_7", now(), body)) };
    expect(await verifyWebhook(secret, {}, body)).toBe(false);
    expect(await verifyWebhook(secret, { ...headers, "webhook-signature": "" }, body)).toBe(false);
    expect(await verifyWebhook(secret, { ...headers, "webhook-signature": "v2,abc" }, body)).toBe(false);
    expect(await verifyWebhook(secret, { ...headers, "webhook-timestamp": "soon" }, body)).toBe(false);
    expect(await verifyWebhook("whsec_%%%not-base64", headers, body)).toBe(false);
  });
});
