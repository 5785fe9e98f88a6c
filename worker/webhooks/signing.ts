/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}` with the base64-decoded part of the `whsec_` secret,
 * sent as `webhook-signature: v1,<base64>`. During a secret rotation's overlap window the request is signed
 * with both secrets, `v1,<new> v1,<old>` (the spec allows several space-separated signatures; a receiver
 * accepts the request when any one verifies), so the receiver can switch secrets at its own pace.
 */
const encoder = new TextEncoder();

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

async function signature(secret: string, signed: Uint8Array): Promise<string> {
  const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, signed);
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

/** Signs with every secret given (the current one first): one `v1,` signature each. */
export async function sign(secrets: string | string[], id: string, timestampSeconds: number, body: string): Promise<SignedHeaders> {
  const signed = encoder.encode(`${id}.${timestampSeconds}.${body}`);
  const all = await Promise.all((Array.isArray(secrets) ? secrets : [secrets]).map((secret) => signature(secret, signed)));
  return { "webhook-id": id, "webhook-timestamp": String(timestampSeconds), "webhook-signature": all.join(" ") };
}
