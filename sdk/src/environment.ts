/**
 * What the SDK learns from where it runs: environment variables (only when `process` exists), the
 * browser's page and device, and randomness. Globals are reached through `globalThis` so the same
 * code type-checks and runs in browsers, Node and Workers.
 */
import type { SessionContext } from "./types.js";

/**
 * Where the SDK reports what went wrong (it never throws into your code instead).
 * @example new OpenBat({ logger: { warn: () => {}, error: (...a) => myLogger.error(...a) } });
 */
export interface Logger {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

interface Globals {
  process?: { env?: Record<string, string | undefined> };
  window?: unknown;
  document?: { referrer?: string };
  location?: { href?: string };
  navigator?: { userAgent?: string };
  sessionStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void };
}
const g = globalThis as unknown as Globals;

/** An environment variable, or undefined where there is no `process` (browsers, Workers). */
export const env = (name: string): string | undefined => g.process?.env?.[name] || undefined;

/** True in a web page (where a secret key would be readable by anyone). */
export const inBrowser = (): boolean => g.window !== undefined && g.document !== undefined;

/** 128 random bits as hex; getRandomValues works in insecure contexts too, unlike randomUUID. */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The same rules the server applies to a User-Agent (worker/geo.ts).
const TABLET = /ipad|tablet|playbook|silk|kindle|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini|iemobile/i;

/** Page URL, referrer, device and a per-tab session id in browsers; nothing elsewhere. */
export function browserSession(): SessionContext | undefined {
  if (!inBrowser()) return undefined;
  const session: SessionContext = {};
  const href = g.location?.href;
  // The server refuses URLs over 2 KB; a long URL must not cost the whole context frame.
  if (href && /^https?:/.test(href) && href.length <= 2048) session.pageUrl = href;
  const referrer = g.document?.referrer;
  if (referrer && referrer.length <= 2048) session.referrer = referrer;
  const ua = g.navigator?.userAgent;
  if (ua) session.device = TABLET.test(ua) ? "tablet" : MOBILE.test(ua) ? "mobile" : "desktop";
  try {
    // One session per tab, surviving reloads; storage may be blocked (privacy modes), then per page.
    const store = g.sessionStorage;
    session.id = store?.getItem("openbat_sid") ?? randomId("s_");
    store?.setItem("openbat_sid", session.id);
  } catch {
    session.id ??= randomId("s_");
  }
  return session;
}

/** A 53-bit string hash (cyrb53), for deriving stable message ids. Not for security. */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Two differently seeded hashes: about 106 bits, ample for ids within one conversation. */
export const stableId = (text: string): string => `h_${cyrb53(text, 1)}${cyrb53(text, 2)}`;
