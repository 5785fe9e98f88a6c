import { api } from "../api/client";
import type { SessionView } from "../api/types";

let inFlight: Promise<SessionView> | null = null;

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
