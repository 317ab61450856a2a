// Every call to the API: JSON in and out, the bearer token, one silent
// refresh and retry when the access token has expired, and errors as
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

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, body, options);
  if (response.status === 401 && hasStoredSession() && !SESSION_ROUTES.includes(path)) {
    await refresh();
    response = await send(method, path, body, options);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
