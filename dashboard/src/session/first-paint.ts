/**
 * The overview's first paint (README "Dashboard": loading). The Worker answers `/chatbots/:id/overview` with
 * the KPIs already drawn into the page (an overlay, `#first-paint`) and the answer they were drawn from as
 * JSON (worker/first-paint). boot.ts hands that answer to the query cache, so the application shows the same
 * figures without asking again; the application removes the overlay as soon as it draws the page itself
 * (dismissFirstPaint: the overview once its KPIs or their error are on screen, any other page at once).
 * Kept free of React: boot.ts loads it in its small early chunk.
 */
import { FIRST_PAINT_DATA_ID, FIRST_PAINT_ID, SCHEME_COOKIE, ZONE_COOKIE, type FirstPaint } from "../lib/first-paint-contract";
import { viewerTimeZone } from "../lib/range";

/** The Worker's answer inlined in this page, when it painted one. */
export function readFirstPaint(): FirstPaint | null {
  const text = document.getElementById(FIRST_PAINT_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as FirstPaint;
  } catch {
    return null;
  }
}

/** Removes the painted overlay (once; later calls do nothing). */
export function dismissFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove();
}

const YEAR_S = 365 * 24 * 3600;

function writeCookie(name: string, value: string | null): void {
  const current = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  const encoded = value === null ? null : encodeURIComponent(value);
  if (current === (encoded === null ? undefined : `${name}=${encoded}`)) return;
  document.cookie = encoded === null ? `${name}=; path=/; max-age=0; samesite=lax` : `${name}=${encoded}; path=/; max-age=${YEAR_S}; samesite=lax`;
}

/** Tells the Worker the viewer's time zone, for the next first paint (lib/first-paint-contract.ts). */
export const rememberViewerZone = () => writeCookie(ZONE_COOKIE, viewerTimeZone());

/** Tells the Worker the colour scheme chosen on this browser; `auto` (the system's) clears it. */
export const rememberColorScheme = (scheme: "light" | "dark" | "auto") => writeCookie(SCHEME_COOKIE, scheme === "auto" ? null : scheme);
