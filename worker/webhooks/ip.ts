/**
 * IP address text → numbers, and which addresses a webhook may reach. A pure parser rather than
 * regexes over text: an address has many spellings (`::ffff:10.0.0.1` is also `::ffff:a00:1` and
 * `0:0:0:0:0:ffff:a00:0001`; `127.0.0.1` is also `127.1`, `0x7f.1`, `2130706433`), and a check that
 * matches one spelling is bypassed by the next. Every spelling is reduced to numbers first and judged
 * by range, and an IPv6 address that carries an IPv4 address is judged by the IPv4 address inside.
 */

export type Ip = { version: 4; value: number } | { version: 6; hextets: number[] };

/**
 * IPv4 as `inet_aton` and the URL standard read it: one to four parts, each decimal, octal (leading 0)
 * or hex (0x); the last part fills the bytes left (`127.1` is 127.0.0.1). A trailing dot is ignored.
 */
export function parseIpv4(text: string): number | null {
  const trimmed = text.endsWith(".") ? text.slice(0, -1) : text;
  const parts = trimmed.split(".");
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

function parseIpv4Number(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part, 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return null;
}

/** Four decimal bytes, nothing else: the only IPv4 spelling allowed inside an IPv6 address. */
function parseDottedQuad(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((sum, p) => sum * 256 + Number(p), 0);
}

/** IPv6 in any RFC 4291 spelling, with or without brackets; a zone id (`%eth0`) is dropped. */
export function parseIpv6(text: string): number[] | null {
  let t = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = t.indexOf("%");
  if (zone >= 0) t = t.slice(0, zone); // names an interface, not a different address
  if (!t.includes(":")) return null;
  const lastColon = t.lastIndexOf(":");
  const tail = t.slice(lastColon + 1);
  if (tail.includes(".")) {
    // A trailing dotted quad stands for the last two groups.
    const v4 = parseDottedQuad(tail);
    if (v4 === null) return null;
    t = `${t.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = t.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  if (halves.length === 1 ? all.length !== 8 : all.length > 7) return null;
  const zeros = Array<number>(8 - all.length).fill(0);
  return [...head, ...zeros, ...rest].map((g) => (typeof g === "number" ? g : parseInt(g, 16)));
}

export function parseIp(text: string): Ip | null {
  const hextets = parseIpv6(text);
  if (hextets) return { version: 6, hextets };
  const value = parseIpv4(text);
  return value === null ? null : { version: 4, value };
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

type V4Range = [base: string, bits: number, name: string];
type V6Range = [prefix: number[], bits: number, name: string];

/** IPv4 ranges no webhook may reach (IANA special-purpose registry, less what is globally reachable). */
export const REFUSED_V4: readonly V4Range[] = [
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["255.255.255.255", 32, "broadcast"],
  ["240.0.0.0", 4, "reserved"],
];

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits: judged by that address. */
const EMBEDDING_V6: readonly V6Range[] = [
  [[0, 0, 0, 0, 0, 0xffff], 96, "IPv4-mapped"],
  [[0, 0, 0, 0, 0xffff, 0], 96, "IPv4-translated"],
  [[0x64, 0xff9b, 0, 0, 0, 0], 96, "NAT64"],
  [[0, 0, 0, 0, 0, 0], 96, "IPv4-compatible"],
];

/**
 * IPv6 ranges no webhook may reach. Only global unicast (2000::/3) can pass at all; these are the
 * special ranges inside it, plus names for the commonest ones outside it so refusals say why.
 */
const REFUSED_V6: readonly V6Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128, "unspecified"],
  [[0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"],
  [[0x64, 0xff9b, 1], 48, "local-use NAT64"],
  [[0x100, 0, 0, 0], 64, "discard-only"],
  [[0x2001, 0], 32, "Teredo"],
  [[0x2001, 0x0db8], 32, "documentation"],
  [[0x2001, 0], 23, "IETF protocol assignments"],
  [[0x3fff, 0], 20, "documentation"],
  [[0xfc00], 7, "unique-local (incl. cloud metadata fd00:ec2::254)"],
  [[0xfe80], 10, "link-local"],
  [[0xfec0], 10, "site-local"],
  [[0xff00], 8, "multicast"],
];

const v4Base = (text: string) => parseDottedQuad(text)!;

function inV4(value: number, [base, bits]: V4Range): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((value & mask) >>> 0) === ((v4Base(base) & mask) >>> 0);
}

function inV6(hextets: number[], [prefix, bits]: V6Range): boolean {
  for (let i = 0; i < 8 && bits > i * 16; i++) {
    const take = Math.min(16, bits - i * 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((hextets[i]! & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

export type Verdict = { public: true } | { public: false; range: string };

/** Whether an address is globally routable unicast, and if not, which range it falls in. */
export function judge(ip: Ip): Verdict {
  if (ip.version === 4) {
    const refused = REFUSED_V4.find((r) => inV4(ip.value, r));
    return refused ? { public: false, range: refused[2] } : { public: true };
  }
  const h = ip.hextets;
  const refused = REFUSED_V6.find((r) => inV6(h, r));
  if (refused) return { public: false, range: refused[2] };
  const embedding = EMBEDDING_V6.find((r) => inV6(h, r));
  if (embedding) return carried(embedding[2], h[6]! * 0x10000 + h[7]!);
  // 6to4: 2002:AABB:CCDD::/48 routes to the IPv4 address AA.BB.CC.DD.
  if (h[0] === 0x2002) return carried("6to4", h[1]! * 0x10000 + h[2]!);
  if ((h[0]! & 0xe000) !== 0x2000) return { public: false, range: "reserved (not global unicast)" };
  return { public: true };
}

function carried(form: string, v4: number): Verdict {
  const inner = judge({ version: 4, value: v4 });
  return inner.public ? inner : { public: false, range: `${inner.range}, as ${form} ${formatIpv4(v4)}` };
}

/** True only when `ip` is loopback as itself: 127.0.0.0/8 or ::1, never an IPv6 form carrying 127.x. */
export function isPlainLoopback(ip: Ip): boolean {
  if (ip.version === 4) return ip.value >>> 24 === 127;
  return ip.hextets.every((g, i) => g === (i === 7 ? 1 : 0));
}
