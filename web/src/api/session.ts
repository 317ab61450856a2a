// Credentials: the access token lives in memory only; the refresh token in
// localStorage so a reload or a new tab stays signed in. Refresh tokens
// rotate and a reused one revokes the whole family, so tabs take turns
// (a Web Lock) and each refresh uses the newest token any tab stored.
// Browsers give Web Locks only to secure contexts: the console is meant to
// be served over HTTPS (or on localhost), where they exist.

import { ApiError, errorFrom } from "./errors";

const REFRESH_KEY = "sentra.refresh_token";

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: { id: string };
  organization: { id: string };
}

let accessToken = "";
// Whose session this tab shows: another tab signing in as someone else
// must not turn this tab's screens into theirs.
let identity = "";
// Bumped by every sign-out: a refresh that was in flight then is dropped.
let epoch = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let onSignedOut: () => void = () => {};
let onIdentityChanged: () => void = () => {};

export function whenSessionEnds(signedOut: () => void, identityChanged: () => void) {
  onSignedOut = signedOut;
  onIdentityChanged = identityChanged;
}

// Another tab signed out: so is this one.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === REFRESH_KEY && e.newValue === null && accessToken) {
      forgetSession();
      onSignedOut();
    }
  });
}

export function hasStoredSession(): boolean {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

export function currentAccessToken(): string {
  return accessToken;
}

export function storedRefreshToken(): string {
  return localStorage.getItem(REFRESH_KEY) ?? "";
}

export function storeSession(session: Session) {
  accessToken = session.access_token;
  identity = `${session.user.id}/${session.organization.id}`;
  localStorage.setItem(REFRESH_KEY, session.refresh_token);
  // Silently, a minute before the access token would expire.
  clearTimeout(refreshTimer);
  const inMs = Math.max(10, session.expires_in - 60) * 1000;
  refreshTimer = setTimeout(() => void refresh().catch(() => {}), inMs);
}

export function forgetSession() {
  epoch++;
  accessToken = "";
  identity = "";
  clearTimeout(refreshTimer);
  localStorage.removeItem(REFRESH_KEY);
}

let refreshing: Promise<void> | null = null;

// One refresh at a time in this tab, and across tabs where the browser has
// Web Locks. Rejects (and signs out) when the session is over.
export function refresh(): Promise<void> {
  const started = epoch;
  refreshing ??= withLock(async () => {
    const token = localStorage.getItem(REFRESH_KEY);
    if (!token) {
      signedOutHere();
      throw new ApiError(401, "UNAUTHENTICATED", "signed out");
    }
    const response = await fetch("/v1/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    });
    if (epoch !== started) throw new ApiError(401, "UNAUTHENTICATED", "signed out meanwhile");
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 || response.status === 403) signedOutHere();
      throw error;
    }
    const session = (await response.json()) as Session;
    const before = identity;
    storeSession(session);
    if (before && before !== identity) onIdentityChanged();
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// Waits for a refresh in flight, so that a sign-out is not undone by it.
export async function settleRefresh() {
  await refreshing?.catch(() => {});
}

function signedOutHere() {
  forgetSession();
  onSignedOut();
}

async function withLock(work: () => Promise<void>): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    await navigator.locks.request("sentra.refresh", work);
  } else {
    await work();
  }
}
