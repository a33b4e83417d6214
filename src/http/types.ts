import type { BridgeErrorCode } from '../errors.js';
import type { RequestOptions } from '../portal/types.js';
import type { UploadCallsBaseArgs, UploadResult } from './callsbase.js';
import type { EndpointKind, EndpointOverrides, EndpointTable } from './endpoints.js';
import type { EndpointName, MethodName, TableMethods } from './operations.js';

/** The part of a `fetch` answer the client reads; the global `Response` fits. */
export interface FetchResponse {
  readonly status: number;
  /** `'opaqueredirect'` for a redirect a browser did not follow (`redirect: 'manual'`). */
  readonly type?: string;
  /** True when the fetch followed a redirect (a custom fetch that ignored `redirect: 'manual'`). */
  readonly redirected?: boolean;
  readonly headers?: { get(name: string): string | null };
  /** The body stream, read up to `maxResponseBytes`; without it, `text()` is read. */
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/**
 * The part of `fetch` the client uses; the global `fetch` fits. A custom fetch must honour
 * `redirect: 'manual'` (never follow a redirect) and `signal`; the client also refuses a followed
 * redirect (`redirected: true`) and ends its deadline without the fetch's help.
 */
export type FetchLike = (url: string, init: {
  method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal; redirect: 'manual';
}) => Promise<FetchResponse>;

/** What a request of the client is about: a method, an endpoint of the table (the logins), or `'request'` (raw requests). */
export type HttpOperation = MethodName | EndpointName | 'request';

/**
 * How to get a session token:
 * - `{ user, password }`: auth/getUserToken (supervisor or API user; servers only), with one
 *   automatic fallback to auth/UserLogin when getUserToken answers HTTP 404;
 *   `{ user, password, login: 'UserLogin' }` uses auth/UserLogin from the start;
 * - `{ agent, password }`: auth/AgentLogin, the token is the agent's `md5secret`;
 * - `{ token }`: a token obtained elsewhere, used as is (`user`: its owner, for EndSession and uploads).
 */
export type Credentials =
  | { readonly user: string; readonly password: string; readonly login?: 'getUserToken' | 'UserLogin' }
  | { readonly agent: string; readonly password: string }
  | { readonly token: string; readonly user?: string };

/** Retries of `'read'` endpoints (network errors and 5xx answers). */
export interface RetryOptions {
  /** Attempts in all, first included. Default 3; 1 disables retries. */
  readonly attempts?: number;
  /** Delay before the 2nd attempt, doubled each time. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay. Default 4000 ms. */
  readonly maxDelayMs?: number;
}

/**
 * What the log hook receives. Redacted by construction: endpoint names, paths, statuses, counts and
 * error codes only; never tokens, passwords, form fields or answer bodies.
 */
export interface HttpLogEvent {
  readonly type: 'request' | 'response' | 'retry' | 'login' | 'relogin' | 'session-end' | 'error' | 'odd-field';
  readonly endpoint?: HttpOperation;
  readonly path?: string;
  readonly attempt?: number;
  readonly status?: number;
  /** Duration of an answered attempt, or the delay before a retry. */
  readonly ms?: number;
  readonly reason?: 'network' | 'status';
  readonly code?: BridgeErrorCode;
  /** `odd-field`: the name of a typed field of the answer that could not be read (never its value). */
  readonly field?: string;
}

/** Options of {@link createUContactClient}. */
export interface UContactClientOptions {
  /** The instance origin, e.g. `'https://acme.ucontactcloud.com'` (a path prefix is kept). */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** Per-endpoint overrides of `path` and `kind`. Default: {@link ENDPOINTS}. */
  readonly endpoints?: EndpointOverrides;
  /** Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Default time limit of one call (login, retries and backoff included), in ms. Default 30000; 0 = none. */
  readonly timeoutMs?: number;
  /** Largest answer body read, in bytes; a larger one is `RESPONSE_TOO_LARGE`, never retried. Default 10 MiB. */
  readonly maxResponseBytes?: number;
  readonly retry?: RetryOptions;
  /** Receives redacted events. Never called with secrets or phone numbers. */
  readonly log?: (event: HttpLogEvent) => void;
}

/** Options of `client.request`: {@link RequestOptions} plus how to send and read. */
export interface RawRequestOptions extends RequestOptions {
  /** `'read'`: retried on network errors and 5xx; `'write'` (default): sent once. */
  readonly kind?: EndpointKind;
  /** Query-string parameters, e.g. `{ queue: 'Sales' }`. */
  readonly query?: Readonly<Record<string, string>>;
  /** `'text'` (default): resolve with the body text; `'json'`: with the parsed body (`BAD_RESPONSE` if not JSON). */
  readonly parse?: 'text' | 'json';
}

/**
 * The typed uContact REST client. Every method validates its arguments before sending anything
 * (unknown keys included) and takes {@link RequestOptions} last. Writes whose success answer is
 * unknown resolve with the answer's text (trimmed): any 2xx answer but `0` is success. The methods
 * of the endpoint table (`agentCall`, `dialerInsert`, `getRecordings`, …) come from its rows.
 */
export interface UContactClient extends TableMethods {
  /** The endpoint table in use (defaults plus overrides). */
  readonly endpoints: EndpointTable;
  /** Uploads a calls base in chunks of `chunkSize` records (see `formatCallsBaseRecord`). */
  uploadCallsBase(args: UploadCallsBaseArgs, options?: RequestOptions): Promise<UploadResult>;
  /**
   * Any endpoint, with the session, the one 401 re-login, retries (`kind: 'read'`), deadlines and
   * typed errors of the named methods. `path` is `Group/Method` under `Integra/resources/`, or
   * `/path` from the instance root (`/IntegraChannels/resources/…`). Resolves with the body text.
   */
  request(path: string, fields?: Readonly<Record<string, string>>, options?: RawRequestOptions & { readonly parse?: 'text' }): Promise<string>;
  /** Same, resolving with the parsed JSON body. */
  request(path: string, fields: Readonly<Record<string, string>> | undefined, options: RawRequestOptions & { readonly parse: 'json' }): Promise<unknown>;
  /** Ends the session (auth/EndSession) if one is open. The next call logs in again. */
  close(options?: RequestOptions): Promise<void>;
}
