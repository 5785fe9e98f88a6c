/**
 * Member passwords: PBKDF2-SHA256 from WebCrypto with a random salt (SPEC §2).
 * 100,000 iterations is the most the Workers runtime allows. Stored as
 * `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>` so the cost can rise later.
 */
import { base64url, fromBase64url } from "./crypto";

const ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${ITERATIONS}$${base64url(salt)}$${base64url(await derive(password, salt, ITERATIONS))}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  const saltBytes = salt ? fromBase64url(salt) : null;
  const expected = hash ? fromBase64url(hash) : null;
  if (scheme !== "pbkdf2-sha256" || !saltBytes || !expected || !Number(iterations)) return false;
  const actual = await derive(password, saltBytes, Number(iterations));
  // Constant-time comparison: the loop never exits early.
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ (expected[i] ?? 0);
  return diff === 0;
}
