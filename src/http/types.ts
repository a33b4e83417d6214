import type { BridgeErrorCode } from '../errors.js';
import type { RequestOptions } from '../portal/types.js';
import type { UploadCallsBaseArgs, UploadResult } from './callsbase.js';
import type { EndpointKind, EndpointOverrides, EndpointTable } from './endpoints.js';
import type { EndpointName, MethodName, TableMethods } from './operations.js';
import type { TimeZoneChoice } from '../shared/validate.js';

/** The part of a `fetch` answer the client reads; the global `Response` fits. */
export interface FetchResponse {
  readonly status: number;
  /** `'opaqueredirect'` for a redirect a browser did not follow (`redirect: 'manual'`). */
  readonly type?: string;
  /** True when the fetch followed a redirect (a custom fetch that ignored `redirect: 'manual'`). */
  readonly redirected?: boolean;
  /** The URL the answer came from: one of another origin than `baseUrl` is refused as a followed redirect; absent or empty, it is the request's. */
  readonly url?: string | null;
  readonly headers?: { get(name: string): string | null | undefined };
  /**
   * The body stream, read up to `maxResponseBytes`; without it, or when it is no web stream (node-fetch's
   * is a Node stream, never read), `arrayBuffer()` is read, else `text()`.
   */
  readonly body?: ReadableStream<Uint8Array> | object | null;
  /** The body's bytes (node-fetch has it): decoded in the charset the answer declares, as a stream's are. */
  arrayBuffer?(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/**
 * The part of `fetch` the client uses; the global `fetch` fits. A custom fetch must honour
 * `redirect: 'manual'` (never follow a redirect) and `signal`; the client also refuses a followed
 * redirect (`redirected: true`, or a `url` of another origin) and ends its deadline without the fetch's help.
 */
export type FetchLike = (url: string, init: {
  method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual';
  /** Never an answer from (or into) the HTTP cache: a cacheable GET answer was served again to the next poll and to another token. */
  cache: 'no-store';
  /** True on `close()`'s EndSession (the request outlives the page that sends it: `close()` in a `pagehide` listener), false on every other request. */
  keepalive?: boolean;
}) => Promise<FetchResponse>;

/** What a request of the client is about: a method, an endpoint of the table (the logins), or `'request'` (raw requests). */
export type HttpOperation = MethodName | EndpointName | 'request' | ApiTokenOperation;

/** The methods of {@link ApiTokenClient}, as errors and log events name them. */
export type ApiTokenOperation = 'loadList' | 'freshLeads' | 'interactionMessages' | 'webhook' | 'request';

/**
 * How to get a session token:
 * - `{ user, password }`: auth/getUserToken (supervisor or API user; servers only), with one
 *   automatic fallback to auth/UserLogin when getUserToken answers HTTP 404;
 *   `{ user, password, login: 'UserLogin' }` uses auth/UserLogin from the start;
 * - `{ agent, password }`: auth/AgentLogin, the token is the agent's `md5secret`;
 * - `{ token }`: a token obtained elsewhere, used as is (`user`: its owner, for EndSession and uploads).
 *
 * The shapes do not mix: a key of another shape is `INVALID_ARGUMENT`.
 */
export type Credentials =
  | { readonly user: string; readonly password: string; readonly login?: 'getUserToken' | 'UserLogin' | undefined; readonly agent?: never; readonly token?: never }
  | { readonly agent: string; readonly password: string; readonly user?: never; readonly login?: never; readonly token?: never }
  | { readonly token: string; readonly user?: string | undefined; readonly password?: never; readonly agent?: never; readonly login?: never };

/** Retries of `'read'` endpoints (network errors and 5xx answers). */
export interface RetryOptions {
  /** Attempts in all, first included. Default 3; 1 disables retries. */
  readonly attempts?: number | undefined;
  /** Delay before the 2nd attempt, doubled each time. Default 250 ms. */
  readonly baseDelayMs?: number | undefined;
  /** Upper bound of one delay. Default 4000 ms. */
  readonly maxDelayMs?: number | undefined;
}

/**
 * What the log hook receives. Redacted by construction: endpoint names, paths, statuses, counts and
 * error codes only; never tokens, passwords, form fields or answer bodies.
 */
export interface HttpLogEvent {
  /**
   * `login`: a login endpoint is sent; `relogin`: a 401 starts a new login (once per expiry,
   * however many calls got a 401 and wait for it, done or refused, also calls sent with an older token);
   * `session-end`: EndSession answered.
   */
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
  /** The instance origin, e.g. `'https://acme.ucontactcloud.com'` (a path prefix is kept; a copied `/Integra/resources` is dropped). */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** Per-endpoint overrides of `path` and `kind`. Default: {@link ENDPOINTS}. */
  readonly endpoints?: EndpointOverrides | undefined;
  /** Default: the global `fetch`, as it is at each call. */
  readonly fetch?: FetchLike | undefined;
  /**
   * Default time limit of one call (retries and backoff included), in ms. Default 30000; 0 = none.
   * The login, shared by concurrent calls, always has this limit (30000 when 0), whatever a call's
   * own `timeoutMs`; `uploadCallsBase` applies a limit to each chunk's request.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Largest answer body read, in bytes; a larger one is `RESPONSE_TOO_LARGE`, never retried. Default
   * 10 MiB. A custom `fetch` whose answers have no `body` stream is read whole by `arrayBuffer()`,
   * else by `text()` (measured in its UTF-8 bytes), then dropped when larger.
   */
  readonly maxResponseBytes?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /**
   * Zone a `Date` argument is written in when the call's arguments name no `timeZone`
   * (`getRecordings`' range, `dispositionCall`'s `schedule`, the dialer's `calldate`, the `calldate`
   * of `scheduleDialerCall`'s Schedule, which has no zone of its own): `'local'` (the default: this
   * machine's zone), `'UTC'` or an IANA name, e.g. the instance's `'America/Montevideo'` for a back
   * end running in UTC.
   */
  readonly timeZone?: TimeZoneChoice | undefined;
  /** Receives redacted events. Never called with secrets or phone numbers. What it throws or rejects with is ignored. */
  readonly log?: ((event: HttpLogEvent) => unknown) | undefined;
}

/** Options of `client.request`: {@link RequestOptions} plus how to send and read. */
export interface RawRequestOptions extends RequestOptions {
  /**
   * `'POST'` (default): `fields` as a form body. `'GET'`: `fields` in the query string (after
   * `query`; a field also named in `query` is `INVALID_ARGUMENT`), no body; a read unless `kind`
   * says otherwise. Anything else is `INVALID_ARGUMENT`.
   */
  readonly method?: 'GET' | 'POST' | undefined;
  /** `'read'` (a GET's default): retried on network errors and 5xx; `'write'` (a POST's default): sent once. */
  readonly kind?: EndpointKind | undefined;
  /** Query-string parameters, e.g. `{ queue: 'Sales' }`. */
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** `'text'` (default): resolve with the body text; `'json'`: with the parsed body (`BAD_RESPONSE` if not JSON). */
  readonly parse?: 'text' | 'json' | undefined;
}

/**
 * The typed uContact REST client. Every method validates its arguments before sending anything
 * (unknown keys included; `uploadCallsBase` checks an iterable's records as it reads them) and
 * takes {@link RequestOptions} last. Writes whose success answer is unknown resolve with the
 * answer's text (trimmed): any 2xx answer but `0` is success. The methods of the endpoint table
 * (`agentCall`, `dialerInsert`, `getRecordings`, …) come from its rows.
 *
 * Every method but `close` rejects with `INVALID_ARGUMENT` (bad arguments or options, before
 * anything is sent; `uploadCallsBase`: see there), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`, `HTTP_ERROR` (a
 * non-2xx status, in `status`), `API_ERROR` (the answer `0`), `UNAUTHORIZED` (the login refused,
 * or a 401 after the one new login), `RESPONSE_TOO_LARGE`, and `BAD_RESPONSE` (a login answer
 * with no token; for some methods, their value unreadable: see each).
 */
export interface UContactClient extends TableMethods {
  /** The endpoint table in use (defaults plus overrides), frozen. */
  readonly endpoints: EndpointTable;
  /**
   * Uploads a calls base in chunks of `chunkSize` records (see `formatCallsBaseRecord`). Rejects
   * with `INVALID_ARGUMENT` (before anything is sent; but a bad record of an iterable `records`,
   * read as it goes, stops the upload after a chunk was sent), `TIMEOUT`, `ABORTED`,
   * `NETWORK_ERROR`, `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR`, `UNAUTHORIZED`,
   * `RESPONSE_TOO_LARGE`, `BAD_RESPONSE` (a login answer with no token), and `CALLBACK_FAILED`
   * when your `records` iterable or `onProgress` threw after a chunk was sent (before: your own
   * error, as it is; a `BridgeError` they threw, e.g. of another client call, keeps its code). Once
   * a chunk was sent, the error carries `upload` (the report): check it before sending again,
   * whatever the code.
   */
  uploadCallsBase(args: UploadCallsBaseArgs, options?: RequestOptions): Promise<UploadResult>;
  /**
   * Any endpoint, with the session, the one 401 re-login, retries (`kind: 'read'`), deadlines and
   * typed errors of the named methods. `path` is `Group/Method` under `Integra/resources/`, or
   * `/path` from the instance root (`/IntegraChannels/resources/…`). `fields` go as a form body, or
   * with `method: 'GET'` in the query string (`InboundSMS/ReceiveURLSMS`: a GET is a read, retried,
   * unless `kind: 'write'`, which that one needs). Resolves with the body text.
   * A path below a flow's webhook (`/api/webhook/<name>`, `/IntegraChannels/resources/webhook/<name>`,
   * from the instance root, or from the host when the baseUrl holds part of it:
   * `https://host/IntegraChannels/resources` and `/webhook/x`) is sent without the session token (webhooks take none, and a flow may pass on what it gets).
   * Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`,
   * `HTTP_ERROR`, `API_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`, `BAD_RESPONSE` (a login
   * answer with no token; with `parse: 'json'`, a body that is not JSON).
   */
  request(path: string, fields?: Readonly<Record<string, string>>, options?: RawRequestOptions & { readonly parse?: 'text' | undefined }): Promise<string>;
  /**
   * Any endpoint (`Group/Method` under `Integra/resources/`, or `/path` from the instance root), with
   * `parse: 'json'`: resolves with the parsed JSON body. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`,
   * `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR`, `UNAUTHORIZED`,
   * `RESPONSE_TOO_LARGE`, `BAD_RESPONSE` (a body that is not JSON, or a login answer with no token).
   */
  request(path: string, fields: Readonly<Record<string, string>> | undefined, options: RawRequestOptions & { readonly parse: 'json' }): Promise<unknown>;
  /**
   * Any endpoint (`Group/Method` under `Integra/resources/`, or `/path` from the instance root), with
   * options whose `parse` is known only at run time: resolves with the body text, or with the parsed
   * JSON for `parse: 'json'`. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`, `BAD_RESPONSE`
   * (a login answer with no token; with `parse: 'json'`, a body that is not JSON).
   */
  request(path: string, fields?: Readonly<Record<string, string>>, options?: RawRequestOptions): Promise<unknown>;
  /**
   * Ends the session (auth/EndSession) if one is open. With `user` or `agent` credentials the next
   * call logs in again; a `{ token }` session cannot be renewed (the next call sends the ended token).
   * A call in flight whose 401 comes from the session close() ended rejects with `UNAUTHORIZED`: it
   * is not replayed, and no login opens a session nothing would end (so too a call sent with an older
   * token, whose expiry that session had answered), until the next call's login. After a close() that failed, the
   * session is still the client's: a 401 logs in again and replays, as for any expiry (with `user` or
   * `agent` credentials; a `{ token }` session is never renewed). Two close() at once send one
   * EndSession and both settle with its outcome (each within its own timeout and signal); when the
   * one that sent it is aborted or times out first, the others go on and end the session. close()
   * does not stop an upload under way (its next chunk logs in again): abort its signal first.
   * Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`,
   * `HTTP_ERROR`, `API_ERROR`, `RESPONSE_TOO_LARGE` (a 401 counts as ended).
   */
  close(options?: RequestOptions): Promise<void>;
}

/** Options of {@link createApiTokenClient}. */
export interface ApiTokenClientOptions {
  /** The instance origin, e.g. `'https://acme.ucontactcloud.com'` (a path prefix is kept; a copied `/Integra/resources` is dropped). */
  readonly baseUrl: string;
  /** The user's API token (portal: API Token), sent as `Authorization: Bearer <token>` to `baseUrl` only. */
  readonly token: string;
  /**
   * Where each group of the API lives, from the instance root. Defaults `'api/dialer/id'`,
   * `'api/interactions/id'`, `'api/webhook'` (legacy webhooks: `'IntegraChannels/resources/webhook'`).
   */
  readonly paths?: { readonly dialer?: string | undefined; readonly interactions?: string | undefined; readonly webhook?: string | undefined } | undefined;
  /** Default: the global `fetch`, as it is at each call. */
  readonly fetch?: FetchLike | undefined;
  /** Default time limit of one call (retries and backoff included), in ms. Default 30000; 0 = none. */
  readonly timeoutMs?: number | undefined;
  /** Largest answer body read, in bytes. Default 10 MiB. */
  readonly maxResponseBytes?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Receives redacted events (no token, no body, paths with digits hidden). */
  readonly log?: ((event: HttpLogEvent) => unknown) | undefined;
}

/** A contact of a list: `clientIds` (phone numbers, WhatsApp ids, …) or, on an email hub, `clientId`; other fields go as they are. */
export interface ListContact {
  readonly clientIds?: readonly string[] | undefined;
  readonly clientId?: string | undefined;
  readonly [field: string]: unknown;
}

/** A fresh lead: its `clientIds`, optionally a time zone, workflow data, a contact id and an agent; other fields go as they are. */
export interface FreshLead {
  readonly clientIds: readonly string[];
  /** An IANA time zone name. */
  readonly timezone?: string | undefined;
  /** Spelled `timezone` here (the API's field), not as the library's `timeZone` options: refused with `INVALID_ARGUMENT`. */
  readonly timeZone?: never;
  readonly data?: Readonly<Record<string, unknown>> | undefined;
  readonly contactId?: string | undefined;
  readonly agent?: string | undefined;
  /** No lead field: a `leads` key makes the argument of `freshLeads` its `{ leads }` form. */
  readonly leads?: never;
  readonly [field: string]: unknown;
}

/** Options of `webhook`: {@link RequestOptions} plus how to send. */
export interface WebhookOptions extends RequestOptions {
  /** Default `'POST'`. */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | undefined;
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** Send `body` (an object of strings) as form fields instead of JSON. */
  readonly form?: boolean | undefined;
  /** Send the API token too. Default false: webhooks take none unless the flow asks for one. */
  readonly auth?: boolean | undefined;
}

/** Options of `ApiTokenClient.request`. */
export interface ApiRequestOptions extends Omit<WebhookOptions, 'method'> {
  /** `'read'`: retried on network errors and 5xx. Default: `'read'` for GET, `'write'` (sent once) otherwise and for a GET below a webhook path (it runs the flow, as `webhook()`). */
  readonly kind?: EndpointKind | undefined;
  /**
   * Default: the parsed JSON body; a write's answer that is not JSON resolves with its text (an empty
   * one `undefined`), a read's is `BAD_RESPONSE`. `'json'`: JSON or `BAD_RESPONSE` (saying a write
   * may have been done; an empty write answer is `undefined`); `'text'`: the body text.
   */
  readonly parse?: 'json' | 'text' | undefined;
  /**
   * Send the API token. Default true, except below a webhook path (`paths.webhook`, `api/webhook`,
   * `IntegraChannels/resources/webhook`, any letter case, from the instance root, or from the host when
   * the baseUrl holds part of it: `https://host/api` and `/webhook/x`): a flow's webhook gets none unless `auth: true`.
   */
  readonly auth?: boolean | undefined;
}

/**
 * The client of the REST API with API tokens (spec 9). Arguments and options are checked before
 * anything is sent (unknown option keys refused). A write whose answer is not JSON resolves with its
 * text, the server took it (`request` too, unless its `parse` says otherwise).
 *
 * Every method rejects with `INVALID_ARGUMENT` (bad arguments or options, before anything is sent),
 * `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`, `HTTP_ERROR` (a non-2xx status, in
 * `status`), `UNAUTHORIZED` (a 401), `RESPONSE_TOO_LARGE` and `BAD_RESPONSE` (`interactionMessages`
 * and JSON-reading `request`s: a body that is not the JSON expected). Never `API_ERROR`.
 */
export interface ApiTokenClient {
  /**
   * `POST <dialer>/<hub>/lists`: loads a contact list into a hub (the server loads it asynchronously).
   * Resolves with the answer. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`.
   */
  loadList(hub: string, args: { readonly filename: string; readonly list: readonly ListContact[] }, options?: RequestOptions): Promise<unknown>;
  /**
   * `POST <dialer>/<hub>/freshLeads`: contacts to reach as soon as possible (one lead, or `{ leads }`).
   * Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`,
   * `HTTP_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`.
   */
  freshLeads(hub: string, leads: FreshLead | { readonly leads: readonly FreshLead[] }, options?: RequestOptions): Promise<unknown>;
  /**
   * `GET <interactions>/<id>/messages`: the interaction's messages (default `lastMessage` -1, `limit` 2000).
   * A read: retried. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`, `BAD_RESPONSE` (not JSON, or no
   * list of messages).
   */
  interactionMessages(id: string, query?: { readonly lastMessage?: number | undefined; readonly limit?: number | undefined }, options?: RequestOptions): Promise<unknown[]>;
  /**
   * Calls a flow's webhook (`<webhook>/<name>`), without the API token unless `auth: true`. Never retried.
   * With `method: 'GET'` it carries no body (its fields go in `query`); the type says so when the method is known.
   * Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`,
   * `HTTP_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`.
   */
  webhook<O extends WebhookOptions = WebhookOptions>(name: string, body?: O extends { readonly method: 'GET' } ? undefined : unknown, options?: O): Promise<unknown>;
  /**
   * Any request below the instance root, with the token, deadlines, retries of reads and typed errors.
   * A `'GET'` carries no body (its fields go in `query`); the type says so when the method is known.
   * Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `REDIRECT_REFUSED`,
   * `HTTP_ERROR`, `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`, `BAD_RESPONSE` (a body that is not the JSON its
   * `parse` or a read expects).
   */
  request<M extends 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>(method: M, path: string, body?: [M] extends ['GET'] ? undefined : unknown, options?: ApiRequestOptions): Promise<unknown>;
}
