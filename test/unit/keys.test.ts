import { describe, expect, it } from "vitest";
import { displayPrefix, generateSecret, KEY_PREFIX } from "../../worker/services/keys";
import { hashPassword, verifyPassword } from "../../worker/services/passwords";

describe("key secrets", () => {
  it.each(Object.entries(KEY_PREFIX))("gives %s keys the %s prefix and at least 128 random bits", (kind, prefix) => {
    const secret = generateSecret(kind as keyof typeof KEY_PREFIX);
    expect(secret.startsWith(prefix)).toBe(true);
    // base62: log2(62) ≈ 5.95 bits a character
    expect((secret.length - prefix.length) * Math.log2(62)).toBeGreaterThanOrEqual(128);
  });

  it("never repeats a secret", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret("ingest")));
    expect(seen.size).toBe(1000);
  });

  it("shows the kind plus six characters as the display prefix", () => {
    expect(displayPrefix("ob_admin_abcdefghijk")).toBe("ob_admin_abcdef");
    expect(displayPrefix("ob_live_abcdefghijk")).toBe("ob_live_abcdef");
  });
});

describe("member passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses a malformed stored hash", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});
