const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Base62 text of `bytes` random bytes (rejection-free: 62^k ≥ 256^n is ensured by length). */
export function randomBase62(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let n = 0n;
  for (const b of buf) n = (n << 8n) | BigInt(b);
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** A prefixed, sortable-enough random id such as `org_3kTMd92jf8...` (128 bits of randomness). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(16)}`;
}
