/**
 * Where and on what the end user is (SPEC §3 "Geolocation and device").
 * Precedence, per field: what the SDK states > headers the integrator's server forwarded from its
 * end user > this request's own edge metadata. Forwarded headers switch request.cf off entirely,
 * because then our caller is a server and its location says nothing about the end user.
 */
export type Device = "desktop" | "mobile" | "tablet";

export interface EdgeSession {
  country?: string;
  city?: string;
  continent?: string;
  timezone?: string;
  device?: Device;
}

const TABLET = /ipad|tablet|playbook|silk|kindle|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini|iemobile/i;

export function deviceFromUserAgent(userAgent: string | null | undefined, mobileHint?: string | null): Device | undefined {
  if (mobileHint === "?1") return "mobile";
  if (!userAgent) return undefined;
  if (TABLET.test(userAgent)) return "tablet";
  if (MOBILE.test(userAgent)) return "mobile";
  return "desktop";
}

/** ISO 3166-1 alpha-2; Cloudflare uses XX (unknown) and T1 (Tor), which say nothing about a place. */
function country(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const code = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) && code !== "XX" ? code : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

type HeaderSource = Pick<Headers, "get">;

/** Reads the edge location and device of an incoming request. */
export function edgeSession(request: Request, forwarded?: Record<string, string>): EdgeSession {
  if (forwarded && Object.keys(forwarded).length) return fromHeaders(lowerCased(forwarded));
  const cf = (request as { cf?: IncomingRequestCfProperties }).cf;
  const fromCf: EdgeSession = {
    country: country(cf?.country),
    city: text(cf?.city),
    continent: text(cf?.continent),
    timezone: text(cf?.timezone),
  };
  return prune({ ...fromHeaders(request.headers), ...prune(fromCf) });
}

function fromHeaders(headers: HeaderSource): EdgeSession {
  return prune({
    country: country(headers.get("cf-ipcountry")),
    city: text(headers.get("cf-ipcity")),
    continent: text(headers.get("cf-ipcontinent")),
    timezone: text(headers.get("cf-timezone")),
    device: deviceFromUserAgent(headers.get("user-agent"), headers.get("sec-ch-ua-mobile")),
  });
}

function lowerCased(record: Record<string, string>): HeaderSource {
  const map = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => map.get(name.toLowerCase()) ?? null };
}

function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Durable Object location hints by the edge's continent, so a conversation lives near its first user. */
export function locationHint(continent: string | undefined): DurableObjectLocationHint | undefined {
  switch (continent) {
    case "NA":
      return "enam";
    case "SA":
      return "sam";
    case "EU":
      return "weur";
    case "AS":
      return "apac";
    case "OC":
      return "oc";
    case "AF":
      return "afr";
    default:
      return undefined;
  }
}
