import { api } from "../api/client";
import type { SessionView } from "../api/types";

let early: Promise<SessionView> | null = null;

/**
 * Asks who is logged in as soon as boot.ts runs, before the application's bundle has arrived. The
 * rejection is observed here so that a visitor who is not logged in sees no unhandled-promise error;
 * the provider's first probe receives the same outcome.
 */
export function startSessionProbe(): Promise<SessionView> {
  if (!early) {
    early = api.auth.session();
    early.catch(() => undefined);
  }
  return early;
}

/** The session probe: the request boot.ts started, the first time, and a new one after that. */
export function probeSession(): Promise<SessionView> {
  const probe = early ?? api.auth.session();
  early = null;
  return probe;
}
