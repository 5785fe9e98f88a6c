import { Suspense, useState, type ReactNode } from "react";

/**
 * Renders `children` (a lazy component: a drawer, a dialog) from the first time `wanted` is true, and keeps it
 * mounted afterwards so it can animate closed. Until then its code is not downloaded: the first load of a page
 * does not carry the drawers it may never open (bench/README.md, dashboard).
 */
export function OnDemand({ wanted, children }: { wanted: boolean; children: ReactNode }) {
  const [mounted, setMounted] = useState(wanted);
  if (wanted && !mounted) setMounted(true);
  return mounted ? <Suspense fallback={null}>{children}</Suspense> : null;
}
