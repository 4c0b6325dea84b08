// The one path from the interface to the server: every request goes through
// `api()`, which sends the session cookie, the X-CSRF-Token header on every
// state-changing method, and turns the server's error shape
// {"error": {"kind", "message", "where", "hint"}} into an ApiError.
// A 401 (session missing or expired) calls the handler set with
// onUnauthorized(), which sends the user to the login page.

export interface ErrorBody {
  kind: string;
  message: string;
  where?: string;
  hint?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly kind: string;
  readonly where: string;
  readonly hint: string;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.kind = body.kind;
    this.where = body.where ?? '';
    this.hint = body.hint ?? '';
  }
}

let csrfToken = '';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrf(token: string): void {
  csrfToken = token;
}

export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  /** a JSON body */
  json?: unknown;
  /** a raw body (an uploaded file), sent as is */
  raw?: Blob;
  /** don't treat 401 as "session ended" (the login request itself) */
  no401Redirect?: boolean;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return '/api' + path + (qs ? '?' + qs : '');
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['Content-Type'] = opts.raw.type || 'application/octet-stream';
    body = opts.raw;
  }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, { kind: 'network', message: '' });
  }
  if (!res.ok) {
    let errBody: ErrorBody = { kind: 'http', message: `HTTP ${res.status}` };
    try {
      const parsed = await res.json();
      if (parsed && typeof parsed === 'object' && parsed.error && typeof parsed.error.message === 'string') {
        errBody = parsed.error;
      }
    } catch {
      /* not JSON: keep the status line */
    }
    if (res.status === 401 && !opts.no401Redirect && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(res.status, errBody);
  }
  return res;
}

/** A JSON request. Resolves to the parsed answer ({} for an empty body); rejects with ApiError. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** A request whose answer is a file (a dossier): the blob and the server's file name if it sent one. */
export async function apiBlob(path: string, query?: Query): Promise<{ blob: Blob; filename: string }> {
  return fileOf(await send('GET', path, { query }));
}

/** A POST whose answer is a file (an export). */
export async function apiPostBlob(path: string, json: unknown): Promise<{ blob: Blob; filename: string }> {
  return fileOf(await send('POST', path, { json }));
}

async function fileOf(res: Response): Promise<{ blob: Blob; filename: string }> {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return { blob: await res.blob(), filename: m ? decodeURIComponent(m[1]) : '' };
}

/**
 * True when the server has no such route at all (as opposed to "no such
 * record"): an older or newer server than this interface. httplib answers an
 * unknown POST with an empty 404, and sawt an unknown GET with "no such endpoint".
 */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 405 || (err.status === 404 && (err.kind === 'http' || err.message === 'no such endpoint')));
}
