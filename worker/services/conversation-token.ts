/**
 * Signed conversation tokens: the integrator's server (holding the secret ingest key) mints one for a
 * browser, which may then open exactly that conversation and nothing else until it expires.
 * Format: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`.
 */
import { z } from "zod";
import { base64url, fromBase64url, hmacKey } from "./crypto";

const claims = z.object({
  org: z.string(),
  bot: z.string(),
  cid: z.string(),
  /** The id of the key that minted the token: revoking or rotating that key voids the token. */
  kid: z.string(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof claims>;

const encoder = new TextEncoder();

export async function mintToken(secret: string, value: TokenClaims): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(value)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), encoder.encode(`v1.${payload}`));
  return `v1.${payload}.${base64url(new Uint8Array(signature))}`;
}

/** The token's claims when its signature holds and it has not expired; otherwise null. */
export async function verifyToken(secret: string, token: string, now = Date.now()): Promise<TokenClaims | null> {
  const [version, payload, signature] = token.split(".");
  if (version !== "v1" || !payload || !signature || token.split(".").length !== 3) return null;
  const sig = fromBase64url(signature);
  if (!sig) return null;
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), sig, encoder.encode(`v1.${payload}`));
  if (!valid) return null;
  const bytes = fromBase64url(payload);
  if (!bytes) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const result = claims.safeParse(parsed);
  if (!result.success || result.data.exp <= Math.floor(now / 1000)) return null;
  return result.data;
}
