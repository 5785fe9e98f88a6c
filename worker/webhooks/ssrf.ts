/**
 * Where a webhook may go (SPEC §6): https, to public addresses only — never private, loopback,
 * link-local, carrier-grade NAT, metadata or our own hosts. Checked when a destination is saved and
 * again before every send (DNS can change). Host names are resolved over DNS-over-HTTPS, since a
 * Worker has no resolver of its own; a name that does not resolve is refused. Local development may
 * allow loopback http (WEBHOOKS_ALLOW_LOOPBACK), so a receiver on this machine can be used.
 */
import { ApiError } from "../errors";

export interface UrlPolicy {
  allowLoopback: boolean;
  /** Hosts that are ours (the API's own host names). */
  ownHosts: readonly string[];
  /** Resolves a name to its addresses; injectable for tests. */
  resolve?: (host: string) => Promise<string[]>;
}

const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/, /^metadata\.google\.internal$/];

export class UnsafeUrlError extends ApiError {
  constructor(message: string) {
    super("invalid_request", `url: ${message}`, [{ field: "url", message }]);
  }
}

/** Throws UnsafeUrlError unless `raw` may receive webhooks under `policy`. */
export async function assertDeliverable(raw: string, policy: UrlPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("is not a valid URL");
  }
  if (url.username || url.password) throw new UnsafeUrlError("must not carry credentials");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopback = isLoopback(host);
  if (loopback && policy.allowLoopback) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsafeUrlError("must be http or https");
    return url;
  }
  if (url.protocol !== "https:") throw new UnsafeUrlError("must use https");
  if (policy.ownHosts.some((own) => own.toLowerCase() === host)) throw new UnsafeUrlError("must not point at this service");
  if (BLOCKED_NAMES.some((re) => re.test(host))) throw new UnsafeUrlError(`${host} is not a public host`);
  const addresses = isIp(host) ? [host] : await (policy.resolve ?? resolveOverHttps)(host);
  if (!addresses.length) throw new UnsafeUrlError(`${host} does not resolve`);
  const privateOne = addresses.find((a) => !isPublicAddress(a));
  if (privateOne) throw new UnsafeUrlError(`${host} resolves to a non-public address (${privateOne})`);
  return url;
}

function isIp(host: string): boolean {
  return parseIpv4(host) !== null || host.includes(":");
}

function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  const v4 = parseIpv4(host);
  if (v4) return v4[0] === 127;
  return host === "::1";
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : null;
}

/** True for globally routable unicast addresses only. */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4) return isPublicV4(v4);
  return isPublicV6(address.toLowerCase());
}

function isPublicV4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === 0 || a === 10 || a === 127) return false; // this network, private, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local, incl. cloud metadata 169.254.169.254
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0) return false; // IETF protocol assignments and TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a >= 224) return false; // multicast and reserved
  return true;
}

function isPublicV6(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return isPublicAddress(mapped[1]);
  if (address === "::" || address === "::1") return false;
  const first = parseInt(address.split(":")[0] || "0", 16);
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7 (incl. fd00:ec2::254 metadata)
  if ((first & 0xffc0) === 0xfe80) return false; // link-local
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (address.startsWith("64:ff9b:") || address.startsWith("2001:db8:")) return false; // NAT64, documentation
  return true;
}

interface DohAnswer {
  Status: number;
  Answer?: { type: number; data: string }[];
}

/** A and AAAA records over DNS-over-HTTPS. */
async function resolveOverHttps(host: string): Promise<string[]> {
  const lookups = await Promise.all(
    ["A", "AAAA"].map(async (type) => {
      const res = await fetch(`https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(host)}&type=${type}`, {
        headers: { accept: "application/dns-json" },
      }).catch(() => null);
      if (!res?.ok) throw new UnsafeUrlError(`${host} could not be resolved right now; try again`);
      const body = (await res.json()) as DohAnswer;
      return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data);
    }),
  );
  return lookups.flat();
}
