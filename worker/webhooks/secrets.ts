/**
 * Webhook signing secrets (`whsec_` + base64 of 24 random bytes, the Standard Webhooks form). Unlike API
 * keys they cannot be hashed — we must sign with them — so they are stored encrypted with AES-GCM under
 * the deployment's SECRETS_KEY and shown to the customer once.
 */
import { base64url, fromBase64url } from "../services/crypto";
import { requireSecret } from "../services/deployment-secrets";

const encoder = new TextEncoder();

export function generateSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** `secretsKey` is env.SECRETS_KEY; unset, it fails closed (never a fixed key). */
async function aesKey(secretsKey: string | undefined): Promise<CryptoKey> {
  // Any text works as SECRETS_KEY: it is hashed to the 256-bit AES key.
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(requireSecret(secretsKey, "SECRETS_KEY")));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function encryptSecret(secretsKey: string | undefined, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(secretsKey), encoder.encode(secret));
  return `v1.${base64url(iv)}.${base64url(new Uint8Array(sealed))}`;
}

export async function decryptSecret(secretsKey: string | undefined, ciphertext: string): Promise<string> {
  const [version, iv, sealed] = ciphertext.split(".");
  const ivBytes = iv ? fromBase64url(iv) : null;
  const sealedBytes = sealed ? fromBase64url(sealed) : null;
  if (version !== "v1" || !ivBytes || !sealedBytes) throw new Error("unreadable secret ciphertext");
  const key = await aesKey(secretsKey);
  try {
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv: ivBytes }, key, sealedBytes));
  } catch {
    throw new UnreadableSecretError();
  }
}

/** A secret sealed under another SECRETS_KEY: what to do about it, rather than AES-GCM's own words. */
export class UnreadableSecretError extends Error {
  constructor() {
    super(
      "the signing secret cannot be read: SECRETS_KEY has changed since it was stored; rotate the destination's secret (POST /api/v1/webhooks/:id/rotate) or create the destination anew",
    );
  }
}
