import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, ApiError, onUnauthorized, setCsrfToken } from "../api/client";
import { useNavigate } from "react-router";
import { queryClient } from "../api/query-client";
import type { SessionView } from "../api/types";
import { setColorSchemeMember } from "../theme/color-scheme";
import { probeSession, takeEarlyProbe } from "./session-probe";

interface SessionContextValue {
  /** undefined while the first probe runs; null when nobody is logged in. */
  session: SessionView | null | undefined;
  probeError: unknown;
  /** Re-reads the session; `probe` gives it instead, where an answer already carries it (a renewed session). */
  refresh: (probe?: () => Promise<SessionView>) => Promise<SessionView | null>;
  logout: () => Promise<void>;
  switchOrganization: (organizationId: string) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [probeError, setProbeError] = useState<unknown>(null);

  const refresh = useCallback(async (probe: () => Promise<SessionView> = probeSession) => {
    try {
      const next = await probe();
      setCsrfToken(next.csrfToken);
      setSession(next);
      setProbeError(null);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setSession(null);
        return null;
      }
      setProbeError(error);
      setSession(null);
      return null;
    }
  }, []);

  // The theme is the signed-in member's; nothing cached for one member is ever shown to the next. The cache is
  // emptied only when a member who was signed in is no longer (logged out, session ended, another person logged in):
  // a visitor nobody signed in for holds nothing of a member's, and what their page is loading (the invitation it
  // opens) must survive the probe answering "nobody" while it is in flight.
  const memberId = session === undefined ? undefined : (session?.member.id ?? null);
  const signedIn = useRef<string | null>(null);
  useEffect(() => {
    if (memberId === undefined) return;
    setColorSchemeMember(memberId);
    if (signedIn.current !== null && signedIn.current !== memberId) queryClient.clear();
    signedIn.current = memberId;
  }, [memberId]);

  useEffect(() => {
    void refresh(takeEarlyProbe);
    // Any unexpected 401 means the session is gone: forget it, and the route guard sends to /login.
    onUnauthorized(() => setSession(null));
    return () => onUnauthorized(null);
  }, [refresh]);

  const logout = useCallback(async () => {
    await api.auth.logout().catch(() => undefined);
    setCsrfToken("");
    setSession(null);
  }, []);

  const switchOrganization = useCallback(async (organizationId: string) => {
    const next = await api.auth.switchOrganization(organizationId);
    setSession(next);
  }, []);

  const value = useMemo(() => ({ session, probeError, refresh, logout, switchOrganization }), [session, probeError, refresh, logout, switchOrganization]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The logged-in session, for pages behind RequireSession. */
export function useSignedIn(): SessionView {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn outside RequireSession");
  return session;
}

/**
 * After an answer that signed the person in to an organization (a confirmed sign-up, an accepted
 * invitation): keep its CSRF token, reload the session and open that organization's chatbots.
 */
export function useEnterOrganization(): (joined: { csrfToken: string; organizationId: string }) => Promise<void> {
  const { refresh } = useSession();
  const navigate = useNavigate();
  return async (joined) => {
    setCsrfToken(joined.csrfToken);
    await refresh();
    navigate(`/orgs/${joined.organizationId}/chatbots`, { replace: true });
  };
}
