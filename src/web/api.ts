/**
 * The web app's only way to the server: the REST API under `/api`, signed in by the HTTP-only
 * session cookie that `POST /api/auth/login` sets. Requests that change something carry the
 * session's CSRF token (`X-CSRF-Token`), read from the `qyzmet_csrf` cookie so that a reloaded
 * page still has it (src/http/security.ts says why the server asks for it).
 */

/** An answer other than 2xx: the server's `{ error, details }` with the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: unknown
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The fields a 400 names (`details.fields[]`, or `details.field`), for showing each error where it belongs. */
  get fields(): { field: string; message: string }[] {
    const d = this.details as { field?: unknown; fields?: unknown } | null;
    if (d && Array.isArray(d.fields)) {
      return (d.fields as { field?: unknown; message?: unknown }[]).filter((e) => typeof e?.field === 'string').map((e) => ({ field: e.field as string, message: typeof e.message === 'string' ? e.message : this.message }));
    }
    return d && typeof d.field === 'string' ? [{ field: d.field, message: this.message }] : [];
  }
}

function csrfToken(): string | undefined {
  const match = document.cookie.split('; ').find((c) => c.startsWith('qyzmet_csrf='));
  return match ? decodeURIComponent(match.slice('qyzmet_csrf='.length)) : undefined;
}

/** Called when any request answers 401: the session ended (expired, logged out elsewhere). */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/**
 * One API call. `body` is sent as JSON; the answer is parsed as JSON (or returned as a Blob for
 * `as: 'blob'`). Throws ApiError for any non-2xx answer, with the server's message.
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown, options: { as?: 'json' | 'blob' } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: options.as === 'blob' ? '*/*' : 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let error = res.statusText;
    let details: unknown = null;
    try {
      const parsed = (await res.json()) as { error?: string; details?: unknown };
      error = parsed.error ?? error;
      details = parsed.details ?? null;
    } catch {
      // not JSON (a proxy's page): the status text is all there is
    }
    if (res.status === 401 && path !== '/auth/login') onSignedOut();
    throw new ApiError(res.status, error, details);
  }
  if (options.as === 'blob') return (await res.blob()) as T;
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The signed-in user as `GET /api/auth/me` gives it. */
export interface Me {
  username: string;
  displayName: string;
  roles: string[];
  groups: string[];
  permissions: string[];
  provider: string;
}

/**
 * Opens a case's document (`GET /api/documents/:id`) in a new tab. The tab is opened at the click,
 * before the file arrives, because pop-up blockers allow only that; the file answers as an
 * attachment, so it is shown from a blob URL, given back after a minute. Throws ApiError when the
 * download fails (the empty tab is closed).
 */
export async function openDocument(doc: { id: string; mediaType?: string }): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const blob = await api<Blob>('GET', `/documents/${encodeURIComponent(doc.id)}`, undefined, { as: 'blob' });
    const url = URL.createObjectURL(new Blob([blob], { type: doc.mediaType ?? 'application/pdf' }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
