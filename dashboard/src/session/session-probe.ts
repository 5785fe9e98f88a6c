import { api } from "../api/client";
import type { SessionView } from "../api/types";

let inFlight: Promise<SessionView> | null = null;
/** boot.ts's probe, settled or not, until the provider's first mount takes it. */
let early: Promise<SessionView> | null = null;

/**
 * "Who is logged in?": every caller while a probe is in flight shares it (boot.ts starts the first
 * before the application's bundle has arrived; the provider's mount then finds it under way), and a
 * probe after it settled asks again. The rejection is observed here so that a visitor who is not logged
 * in sees no unhandled-promise error; every caller still receives it.
 */
export function probeSession(): Promise<SessionView> {
  if (!inFlight) {
    const probe = api.auth.session();
    inFlight = probe;
    probe.then(
      () => (inFlight = null),
      () => (inFlight = null),
    );
  }
  return inFlight;
}

/** boot.ts: the page's first probe, kept for the application even when it answers before the bundle has run. */
export function startEarlyProbe(): Promise<SessionView> {
  early = probeSession();
  return early;
}

/**
 * The provider's first mount: boot.ts's probe when there was one (once: later calls probe again), so a
 * member whose session came back while the bundle was still arriving is not asked for again.
 */
export function takeEarlyProbe(): Promise<SessionView> {
  const probe = early ?? probeSession();
  early = null;
  return probe;
}
