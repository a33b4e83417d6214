import { bridgeError, fail, isBridgeError } from '../errors.js';
import { own } from '../shared/validate.js';
import { discard, readBody } from './body.js';
import { sleep, startDeadline, within, type Deadline } from './deadline.js';
import { unquoted } from './parse.js';
import { fromRoot, type EndpointKind } from './paths.js';
import type { FetchLike, HttpLogEvent, HttpOperation, RetryOptions } from './types.js';

/** Form fields of one request, in the order they are sent. */
export type FormFields = Readonly<Record<string, string>>;

/** A raw HTTP answer: status and body text. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** How requests go out: what the transport needs from the client. */
export interface Transport {
  /** The instance: `<origin><prefix>/`. */
  readonly root: string;
  readonly fetch: FetchLike;
  readonly retry: { readonly [K in keyof RetryOptions]-?: NonNullable<RetryOptions[K]> };
  /** Largest answer body read, in bytes. */
  readonly maxBytes: number;
  /** The client's time limit of one call (`timeoutMs`, 0 = none), when the call names none. */
  readonly timeoutMs: number;
  readonly log: (event: HttpLogEvent) => void;
}

/** Where one request goes: an endpoint table row, or a raw path. */
export interface Target {
  readonly path: string;
  readonly kind: EndpointKind;
  /** Query-string parameters (raw requests and queue members). */
  readonly query?: FormFields | undefined;
  /** The path as messages and log events show it, when not `path`: a raw request's, digits hidden. */
  readonly shown?: string | undefined;
}

/** The path of `target` as messages and log events show it. */
export const where = (target: Target): string => target.shown ?? target.path;

/** The content type of a form body. */
export const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** The `application/x-www-form-urlencoded` text of `fields` (UTF-8, as URLSearchParams writes it). */
// A field set to `undefined` is left out (record() sets one over a key a bug put on Object.prototype).
export const encodeForm = (fields: FormFields): string =>
  new URLSearchParams(Object.entries(fields).filter(([, v]) => v !== undefined)).toString();

/** One request as it goes out: the method, the body and its type, the `Authorization` header. */
export interface Outgoing {
  readonly method: string;
  readonly body?: string | undefined;
  readonly type?: string | undefined;
  readonly auth?: string | undefined;
}

async function attempt(transport: Transport, name: HttpOperation, target: Target, url: string, out: Outgoing,
  deadline: Deadline, onSend: (() => void) | undefined): Promise<HttpAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*' };
  // Own keys: a request without a body has none, and `body` or `type` a bug puts on Object.prototype
  // must not go out with it (a GET with a body is a TypeError in fetch).
  if (own(out, 'type') && out.type) headers['Content-Type'] = out.type;
  if (out.auth) headers.Authorization = out.auth;
  // Time up counts though its timer has not run (a page frozen, or busy, past it): never sent then.
  const early = deadline.failure(name, true);
  if (early) throw early;
  // Called as a plain function, never as a method of the transport: the page's own fetch passed as
  // the option (`fetch: window.fetch`) throws 'Illegal invocation' in browsers when `this` is no window.
  const fetchFn = transport.fetch;
  try {
    onSend?.();
    // `within`: the deadline settles the call even when a custom fetch ignores the signal.
    // No `body` key without a body: a fetch typed as the platform's (RequestInit) takes no undefined one.
    // No prototype: fetch reads every RequestInit member it knows (`body`, `mode`, `credentials`,
    // `integrity`, …) through it, and one a bug puts on Object.prototype would go out with the request.
    const init: Parameters<FetchLike>[1] = Object.assign(Object.create(null) as object, { method: out.method, headers, signal: deadline.signal, redirect: 'manual' as const, cache: 'no-store' as const,
      // EndSession outlives its page: close() in a pagehide listener reaches the server (without it,
      // Chromium cancels the request with the document).
      keepalive: name == 'endSession' });
    // `cache`: a GET answer marked cacheable (max-age, or Last-Modified alone) came back from the
    // browser's cache to the next poll, and to a client with another token the instance never saw.
    if (own(out, 'body') && out.body !== undefined) init.body = out.body;
    const res = await within(fetchFn(url, init), deadline, name);
    // A browser hides a manual redirect as an `opaqueredirect` with status 0; a fetch that followed
    // it anyway says `redirected`, or only its `url` tells (an XMLHttpRequest-based polyfill has no
    // `redirected`). Either way the answer is not the instance's. A `url` that is absent, empty or
    // relative (custom fetches often give none) resolves to the request's own: taken.
    if (res.type === 'opaqueredirect' || res.redirected === true || (res.status >= 300 && res.status < 400)
      || new URL(res.url as string, url).origin !== new URL(url).origin) {
      discard(res);
      const location = res.headers?.get('location');
      let to = '';
      try {
        // Only the origin: the query of a redirect may hold anything. Its digits hidden as a raw path's
        // (a host may be a phone number: 099123456.example.com).
        if (location) to = ` to ${hideDigits(new URL(location).origin)}`;
      } catch {
        // a relative or unreadable Location: say nothing about it
      }
      // Refused, not 'never followed': a fetch that follows redirects itself (an XMLHttpRequest-based
      // polyfill) has already followed this one.
      fail('REDIRECT_REFUSED', name, `${where(target)} answered with a redirect${to} (HTTP ${res.status}); refused: make its final URL the baseUrl`, { status: res.status });
    }
    // No status is no answer: `Response.error()` (type 'error', status 0) is the Fetch standard's
    // network error, which a stub, a service worker or a test's fetch may resolve with.
    if (!res.status) throw res;
    // The body of a non-2xx answer is never read (its status says all): a proxy's or a CDN's error
    // page over maxResponseBytes is its status, not RESPONSE_TOO_LARGE (a read retried on a 503).
    return { status: res.status, body: res.status < 200 || res.status > 299 ? (discard(res), '')
      : await within(readBody(res, transport.maxBytes, name, where(target)), deadline, name) };
  } catch (cause) {
    if (isBridgeError(cause)) throw cause;
    // What fetch threw, as a structured clone: an Error's class, message, stack and causes, none of
    // its other properties. Node's fetch (undici) keeps the bytes of an answer it could not parse,
    // from the bad one on (a login's token, an md5secret, call data), in its HTTPParserError's
    // `data`, which a reporter or logger that serialises causes sent on. As it is if not cloneable.
    // A fetch that names the URL (node-fetch: `request to <url> failed, reason: …`; a string thrown; a
    // plain object's `url`, `config.url`) names its query and path (a phone number in them): in every
    // string of the copy, at any depth (its messages, stacks and causes), the URL (as sent, which is
    // its href) is the one messages show: the root and the shown path (a raw path's digits hidden),
    // no query. A copy's cause or property may loop: each object once; bytes (a typed array of a
    // body) are no text and not walked (10 MB of them took seconds).
    // So are the body and the Authorization header as sent (a plain object thrown with what it was
    // given, axios-style `config.data` and `config.headers`: a login's password, the token), as `…`.
    const seen = new Set<unknown>();
    const clean = (v: unknown): unknown => (typeof v == 'string' ? [out.body, out.auth].reduce<string>((t, s) => (s ? t.split(s).join('…') : t), v.split(url).join(transport.root + fromRoot(where(target))))
      : (v && !seen.has(v) && seen.add(v) && !ArrayBuffer.isView(v) && Object.getOwnPropertyNames(v).map((k) => (v as Record<string, unknown>)[k] = clean((v as Record<string, unknown>)[k])), v));
    let copy = cause;
    try {
      copy = clean(structuredClone(cause));
    } catch {
      // a Response (status 0), or no structuredClone: kept
    }
    throw deadline.failure(name) ?? bridgeError('NETWORK_ERROR', name, 'no answer from the server (network error)', { cause: copy });
  }
}

/**
 * POSTs `fields` to one endpoint of the legacy API (see {@link deliver}), with the session token; no
 * `fields` is a GET (no body, no content type: its fields are in the target's query).
 * `onSend` runs when a request is handed to fetch (an upload tells "not sent" from "answer lost").
 */
export const post = (transport: Transport, name: HttpOperation, target: Target, fields: FormFields | undefined,
  token: string | undefined, deadline: Deadline, onSend?: () => void): Promise<HttpAnswer> => {
  // The token is already base64 of `user:uuid`: it goes out exactly as the server returned it.
  const auth = token && `Basic ${token}`;
  return deliver(transport, name, target, fields ? { method: 'POST', body: encodeForm(fields), type: FORM, auth } : { method: 'GET', auth },
    deadline, onSend);
};

/**
 * Sends one request to `target` below the instance root. Reads are retried on network errors and
 * 5xx answers with exponential backoff; writes get exactly one attempt (a lost answer may hide a
 * done action).
 */
export async function deliver(transport: Transport, name: HttpOperation, target: Target, out: Outgoing, deadline: Deadline,
  onSend?: () => void): Promise<HttpAnswer> {
  // Its own key only: an endpoint table row has none, and one a bug puts on Object.prototype must
  // not go out with every request.
  // An empty query adds no `?`: its text is ''.
  const query = encodeForm((own(target, 'query') && target.query) || {});
  const url = transport.root + fromRoot(target.path) + (query && `?${query}`);
  const attempts = target.kind === 'read' ? transport.retry.attempts : 1;
  const path = where(target);
  for (let n = 1; ; n++) {
    // Monotonic: a wall-clock step must not show up as a negative or hour-long duration (nor a test's
    // fake performance.now() moving back: never below 0).
    const started = performance.now();
    transport.log({ type: 'request', endpoint: name, path, attempt: n });
    let answer: HttpAnswer | undefined;
    try {
      answer = await attempt(transport, name, target, url, out, deadline, onSend);
    } catch (e) {
      if (!isBridgeError(e, 'NETWORK_ERROR') || n >= attempts) throw e;
    }
    if (answer) {
      transport.log({ type: 'response', endpoint: name, path, attempt: n, status: answer.status, ms: Math.max(0, Math.round(performance.now() - started)) });
      if (answer.status < 500 || n >= attempts) return answer;
    }
    const delay = Math.min(transport.retry.baseDelayMs * 2 ** (n - 1), transport.retry.maxDelayMs);
    transport.log({ type: 'retry', endpoint: name, path, attempt: n, reason: answer ? 'status' : 'network', ms: delay,
      ...(answer ? { status: answer.status } : {}) });
    await sleep(delay, deadline, name);
  }
}

/** True for uContact's error body: `0`, with any whitespace, also written as the JSON string `"0"` (its whitespace escaped or not). */
export function isZero(body: string): boolean {
  const raw = body.trim();
  // As a write's JSON-string answer is read: `"0\n"` is the `0` that `"1\n"` is the `1`. Cut off, or
  // with raw line breaks inside the quotes (not JSON): the pattern.
  return unquoted(raw) === '0' || /^"\s*0\s*"$/.test(raw);
}

/**
 * Turns an answer into its body text: 401 → `UNAUTHORIZED`, other non-2xx → `HTTP_ERROR`, the body
 * `0` → `API_ERROR`.
 */
export function settle(name: HttpOperation, target: Target, answer: HttpAnswer): string {
  const { status } = answer;
  checkStatus(name, target, status);
  if (isZero(answer.body)) fail('API_ERROR', name, `${where(target)} answered 0 (error)`, { status });
  return answer.body;
}

/**
 * A non-2xx status: 401 → `UNAUTHORIZED` (with `refused` as its message when given), any other →
 * `HTTP_ERROR`, both saying where and the status. Shared by both clients.
 */
export function checkStatus(name: string, target: Target, status: number, refused?: string): void {
  if (status < 200 || status > 299) {
    fail(status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR', name, (status === 401 && refused) || `${where(target)} answered HTTP ${status}`, { status });
  }
}

/** One call's own limits, as checked (`limitsOf`): its `timeoutMs` (else the client's) and `signal`. */
export type Limits = { readonly timeoutMs?: number | undefined; readonly signal?: AbortSignal | undefined };

/**
 * Runs one call of a client under its own deadline (the call's `timeoutMs`, else the client's; 0 =
 * none; and the caller's `signal`): nothing is started when the signal has already aborted, a
 * failure is logged as an `error` event (its code only) and thrown, the deadline is disposed however
 * the call ends.
 */
export async function guarded<T>(transport: Transport, name: HttpOperation, limits: Limits, run: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = startDeadline(limits.timeoutMs ?? transport.timeoutMs, limits.signal);
  try {
    const early = deadline.failure(name);
    if (early) throw early;
    return await run(deadline);
  } catch (e) {
    transport.log({ type: 'error', endpoint: name, ...(isBridgeError(e) ? { code: e.code } : {}) });
    throw e;
  } finally {
    deadline.dispose();
  }
}

/** Where flows' webhooks are (spec 9: `/api/webhook/<name>`, legacy `/IntegraChannels/resources/webhook/<name>`). */
export const HOOKS = ['/api/webhook', '/IntegraChannels/resources/webhook'];

/**
 * Whether the URL of `path` (a target's) is below one of `hooks` (any case), from the instance root
 * or from the host: a baseUrl may hold part of a webhook's path (`https://host/api`, then
 * `/webhook/x`). A flow's webhook takes no token, and may hand what it receives to anything the flow
 * calls. (A proxy's prefix, `https://host/uc` then `/api/webhook/x`, is still one from the root.)
 */
export const hooked = (root: string, path: string, hooks: readonly string[]): boolean =>
  [new URL(root).pathname, '/'].some((r) => hooks.some((h) => (r + fromRoot(path)).toLowerCase().startsWith(`${h.toLowerCase()}/`)));

/** A path as messages and log events show it when it may hold data (an id, a number): digits as `#`. */
export const hideDigits = (path: string): string => path.replace(/\d+/g, '#');

/**
 * A target at a path the caller named (a raw request's, an API-token client's): messages and log
 * events show it with every digit hidden (an id or a name may be data).
 */
export const at = (path: string, kind: EndpointKind, query?: FormFields): Target => ({ path, shown: hideDigits(path), kind, query });
