import { api } from "../api/client";
import type { SessionView } from "../api/types";

let first: Promise<SessionView> | null = null;
let taken = false;

/**
 * The page's first "who is logged in?", started by boot.ts before the application's bundle has arrived
 * (or by the provider, if it runs first: then boot.ts gets that same request). The rejection is
 * observed here so that a visitor who is not logged in sees no unhandled-promise error.
 */
export function startSessionProbe(): Promise<SessionView> {
  if (!first) {
    first = api.auth.session();
    first.catch(() => undefined);
  }
  return first;
}

/** The session provider's probe: the first request the first time, a new one every time after that. */
export function probeSession(): Promise<SessionView> {
  if (taken) return api.auth.session();
  taken = true;
  return startSessionProbe();
}
