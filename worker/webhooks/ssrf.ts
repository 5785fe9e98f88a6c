/**
 * Where a webhook may go (SPEC §6): https, to public addresses only — never private, loopback,
 * link-local, carrier-grade NAT, metadata, reserved or our own hosts. Checked when a destination is
 * saved and again before every send (DNS can change). Host names are resolved over DNS-over-HTTPS,
 * since a Worker has no resolver of its own; a name that does not resolve is refused, and so is a name
 * with any non-public address. Every address, written in the URL or answered by DNS, is parsed to
 * numbers before it is judged (./ip.ts), so no other spelling of a refused address gets through.
 * Local development may allow loopback http (WEBHOOKS_ALLOW_LOOPBACK), so a receiver on this machine
 * can be used; that opens 127.0.0.0/8, ::1 and localhost only.
 */
import { ApiError } from "../errors";
import { isPlainLoopback, judge, parseIp, type Ip } from "./ip";

export interface UrlPolicy {
  allowLoopback: boolean;
  /** Hosts that are ours (the API's own host names). */
  ownHosts: readonly string[];
  /** Resolves a name to its addresses; injectable for tests. */
  resolve?: (host: string) => Promise<string[]>;
}

/** Names that only mean something on a private network (public DNS would not answer them anyway). */
const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/, /\.localdomain$/];

export class UnsafeUrlError extends ApiError {
  constructor(message: string) {
    super("invalid_request", `url: ${message}`, [{ field: "url", message }]);
  }
}

/** The resolver could not answer right now: the URL is not known to be unsafe, only unchecked. */
export class ResolverUnavailableError extends UnsafeUrlError {}

/** Throws UnsafeUrlError unless `raw` may receive webhooks under `policy`. */
export async function assertDeliverable(raw: string, policy: UrlPolicy): Promise<URL> {
  let url: URL;
  try {
    // The URL parser already reduces IPv4 spellings (`0x7f.1`, `2130706433`, `127.1`, full-width dots)
    // to dotted quads and IPv6 to its compressed form; what it leaves is parsed again below.
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsafeUrlError("must use https");
  if (url.username || url.password) throw new UnsafeUrlError("must not carry credentials");
  // `example.com.` is the same host as `example.com`.
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  const literal = parseIp(host);
  if (policy.allowLoopback && (host === "localhost" || (literal && isPlainLoopback(literal)))) return url;
  // An address is judged by its range first: "0.0.0.0 is a non-public address" says more than "must use https", and
  // "127.0.0.1 is loopback" more than "this service", where both hold.
  if (literal) refuseIfNotPublic(host, literal);
  if (url.protocol !== "https:") throw new UnsafeUrlError("must use https");
  if (policy.ownHosts.some((own) => own.toLowerCase().replace(/\.+$/, "") === host)) throw new UnsafeUrlError("must not point at this service");
  if (literal) return url;
  if (!host || BLOCKED_NAMES.some((re) => re.test(host))) throw new UnsafeUrlError(`${host || "an empty host"} is not a public host`);
  const addresses = await (policy.resolve ?? resolveOverHttps)(host);
  if (!addresses.length) throw new UnsafeUrlError(`${host} does not resolve`);
  for (const address of addresses) {
    const ip = parseIp(address);
    if (!ip) throw new UnsafeUrlError(`${host} resolves to something that is not an address (${address.slice(0, 64)})`);
    refuseIfNotPublic(host, ip, address);
  }
  return url;
}

function refuseIfNotPublic(host: string, ip: Ip, answer?: string): void {
  const verdict = judge(ip);
  if (verdict.public) return;
  const what = answer ? `resolves to ${answer}, ` : "is ";
  throw new UnsafeUrlError(`${host} ${what}a non-public address (${verdict.range})`);
}

/** True for globally routable unicast addresses only; text that is not an address is not public. */
export function isPublicAddress(address: string): boolean {
  const ip = parseIp(address.trim());
  return ip !== null && judge(ip).public;
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
      if (!res?.ok) throw new ResolverUnavailableError(`${host} could not be resolved right now; try again`);
      const body = (await res.json()) as DohAnswer;
      return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data);
    }),
  );
  return lookups.flat();
}
