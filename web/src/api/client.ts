// Every call to the API: JSON in and out, the bearer token, one silent
// refresh and retry when the access token has expired, a read refused by the
// rate limiter tried again once the limiter says it may be, and errors as
// ApiError with the envelope's code, message and field details.

import { ApiError, errorFrom } from "./errors";
import { currentAccessToken, hasStoredSession, refresh } from "./session";

export interface RequestOptions {
  ifMatch?: number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

// The routes that make sessions: a 401 from them is the answer itself.
const SESSION_ROUTES = ["/v1/auth/login", "/v1/auth/signup", "/v1/auth/refresh"];

// A screen opened in a burst (a board, its totals, its filters) can meet the
// per-user limit for a second. A read is tried again when the limiter's
// Retry-After is this short; a longer wait (a daily quota) is shown at once.
const MAX_RETRY_AFTER_SECONDS = 5;
const MAX_RATE_RETRIES = 3;

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let response = await sendRead(method, path, body, options);
  if (response.status === 401 && hasStoredSession() && !SESSION_ROUTES.includes(path)) {
    await refresh();
    response = await sendRead(method, path, body, options);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// send(), and for a GET refused with a short Retry-After, the same GET again
// after that wait. Writes are never repeated here: the user sees the 429.
async function sendRead(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await send(method, path, body, options);
    if (response.status !== 429 || method !== "GET" || attempt >= MAX_RATE_RETRIES) return response;
    // Only the limiter's own answer says when to come back; a 429 without it
    // (from a proxy, say) is shown as it is.
    const header = response.headers.get("Retry-After");
    const wait = header === null || header.trim() === "" ? NaN : Number(header);
    if (!(wait >= 0 && wait <= MAX_RETRY_AFTER_SECONDS)) return response;
    // A screen's reads refused together come back spread over a quarter second.
    await delay(Math.max(wait, 1) * 1000 + Math.random() * 250, options.signal);
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new DOMException("aborted", "AbortError"));
    if (signal?.aborted) return aborted();
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = currentAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (options.ifMatch !== undefined) headers["If-Match"] = String(options.ifMatch);
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", "The server cannot be reached.");
  }
}

// A query string from the filters that are set.
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface Page<T> {
  data: T[];
  next_cursor?: string;
}

// Every item of a list, page after page: for lists a screen needs whole
// (a record type's custom fields), which the API pages like any other.
export async function apiAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes("?") ? "&" : "?";
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await api<Page<T>>("GET", `${path}${separator}limit=200${after}`);
    items.push(...page.data);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

// A loader for useRecord: the whole list at `path` as one { data } record.
export async function wholeList<T>(path: string): Promise<{ data: T[] }> {
  return { data: await apiAll<T>(path) };
}
