/**
 * Light, dark or the system's setting, remembered per member on this browser: localStorage key
 * `openbat.color-scheme.<memberId>`. Before anyone is signed in (log-in, sign-up pages) the dashboard
 * follows the system. Kept in the browser rather than on the server because it is a property of a
 * device as much as of a person (a dark phone, a light office screen), and it needs no request before
 * the first paint.
 */
import { isMantineColorScheme, type MantineColorScheme, type MantineColorSchemeManager } from "@mantine/core";
import { rememberColorScheme } from "../session/first-paint";

export const COLOR_SCHEME_KEY_PREFIX = "openbat.color-scheme.";

let memberId: string | null = null;
let update: ((scheme: MantineColorScheme) => void) | null = null;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage blocked: follow the system
  }
}

export const colorSchemeManager: MantineColorSchemeManager = {
  get: (defaultValue) => {
    const stored = memberId ? read(COLOR_SCHEME_KEY_PREFIX + memberId) : null;
    return isMantineColorScheme(stored) ? stored : defaultValue;
  },
  set: (value) => {
    if (!memberId) return;
    rememberColorScheme(value);
    try {
      window.localStorage.setItem(COLOR_SCHEME_KEY_PREFIX + memberId, value);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  },
  subscribe: (onUpdate) => {
    update = onUpdate;
  },
  unsubscribe: () => {
    update = null;
  },
  clear: () => {
    if (memberId) window.localStorage.removeItem(COLOR_SCHEME_KEY_PREFIX + memberId);
  },
};

/** Called when the signed-in member changes (log-in, log-out): applies that member's choice. */
export function setColorSchemeMember(id: string | null): void {
  if (id === memberId) return;
  memberId = id;
  const scheme = colorSchemeManager.get("auto");
  // The Worker's first paint of the next page follows this member's choice (session/first-paint.ts).
  if (id) rememberColorScheme(scheme);
  update?.(scheme);
}
