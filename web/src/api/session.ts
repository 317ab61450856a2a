// Credentials: the access token lives in memory only; the refresh token in
// localStorage so a reload or a new tab stays signed in. Refresh tokens
// rotate and a reused one revokes the whole family, so tabs take turns
// (a Web Lock) and each refresh uses the newest token any tab stored.

import { ApiError, errorFrom } from "./errors";

const REFRESH_KEY = "sentra.refresh_token";

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

let accessToken = "";
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let onSignedOut: () => void = () => {};

export function whenSignedOut(callback: () => void) {
  onSignedOut = callback;
}

export function hasStoredSession(): boolean {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

export function currentAccessToken(): string {
  return accessToken;
}

export function storeSession(session: Session) {
  accessToken = session.access_token;
  localStorage.setItem(REFRESH_KEY, session.refresh_token);
  // Silently, a minute before the access token would expire.
  clearTimeout(refreshTimer);
  const inMs = Math.max(10, session.expires_in - 60) * 1000;
  refreshTimer = setTimeout(() => void refresh().catch(() => {}), inMs);
}

export function forgetSession() {
  accessToken = "";
  clearTimeout(refreshTimer);
  localStorage.removeItem(REFRESH_KEY);
}

let refreshing: Promise<void> | null = null;

// One refresh at a time in this tab, and across tabs where the browser has
// Web Locks. Rejects (and signs out) when the session is over.
export function refresh(): Promise<void> {
  refreshing ??= withLock(async () => {
    const token = localStorage.getItem(REFRESH_KEY);
    if (!token) throw new ApiError(401, "UNAUTHENTICATED", "signed out");
    const response = await fetch("/v1/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    });
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 || response.status === 403) {
        forgetSession();
        onSignedOut();
      }
      throw error;
    }
    storeSession((await response.json()) as Session);
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withLock(work: () => Promise<void>): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    await navigator.locks.request("sentra.refresh", work);
  } else {
    await work();
  }
}
