// Who is signed in, for every screen: loaded once at start (a stored
// refresh token signs back in silently), replaced on sign-in, cleared on
// sign-out or when the session ends elsewhere.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api } from "../api/client";
import {
  forgetSession, hasStoredSession, refresh, settleRefresh, storedRefreshToken, storeSession, whenSessionEnds, type Session,
} from "../api/session";
import type { Me, Organization } from "../api/types";

interface SessionState {
  me: Me | null;
  loading: boolean;
  signIn(session: Session): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
  // The organization as it now is, after its settings were saved.
  organizationChanged(organization: Organization): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(hasStoredSession());

  useEffect(() => {
    // Another tab signed in as someone else: start over as them, rather
    // than show their records under this tab's name.
    whenSessionEnds(() => setMe(null), () => window.location.assign("/leads"));
    if (!hasStoredSession()) return;
    refresh()
      .then(() => api<Me>("GET", "/v1/auth/me"))
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (session: Session) => {
    storeSession(session);
    setMe(await api<Me>("GET", "/v1/auth/me"));
  }, []);

  const signOut = useCallback(async () => {
    await settleRefresh();
    const token = storedRefreshToken();
    try {
      await api("POST", "/v1/auth/logout", { refresh_token: token });
    } catch {
      // Signed out here either way; the server forgets the token at expiry.
    }
    forgetSession();
    setMe(null);
  }, []);

  const organizationChanged = useCallback((organization: Organization) => {
    setMe((current) => current && { ...current, organization });
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      me, loading, signIn, signOut, organizationChanged, can: (p) => me?.permissions.includes(p) ?? false,
    }),
    [me, loading, signIn, signOut, organizationChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
