import type { BridgeErrorCode } from '../errors.js';
import type { RequestOptions } from '../portal/types.js';
import type { Schedule } from '../shared/records.js';
import type {
  AgentCampaignsArgs, AgentChannelCampaigns, AgentLogoffArgs, AgentUnBreakArgs, QueueMember, QueueMembersArgs, SendSmsArgs, SmsResult,
} from './agent.js';
import type { BlacklistEntry } from './blacklist.js';
import type { AgentCallArgs, AgentCallWithDataArgs, DispositionCallArgs, HangupPhoneArgs } from './calls.js';
import type { UploadCallsBaseArgs, UploadResult } from './callsbase.js';
import type { CampaignStatus, CampaignStatusArgs, CampaignSummary } from './campaigns.js';
import type { DialerContactArgs, DialerTargetArgs, DialerTaskCall } from './dialer.js';
import type { EndpointKind, EndpointName, EndpointOverrides, EndpointTable } from './endpoints.js';
import type { ConvertRecordingArgs, GetRecordingsArgs, Recording, TagRecordingArgs } from './recordings.js';

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

/** A client operation: a key of the endpoint table, or `'request'` (raw requests). */
export type HttpOperation = EndpointName | 'request';

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
  readonly type: 'request' | 'response' | 'retry' | 'login' | 'relogin' | 'session-end' | 'error' | 'upload-chunk' | 'odd-field';
  readonly endpoint?: HttpOperation;
  readonly path?: string;
  readonly attempt?: number;
  readonly status?: number;
  /** Duration of an answered attempt, or the delay before a retry. */
  readonly ms?: number;
  readonly reason?: 'network' | 'status';
  readonly code?: BridgeErrorCode;
  /** Upload chunk number (1-based) and its record count. */
  readonly chunk?: number;
  readonly records?: number;
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
 * The typed uContact REST client. Every method validates its arguments before sending anything.
 * Writes whose success answer is unknown resolve with the answer's text (trimmed): any 2xx answer
 * but `0` is success.
 */
export interface UContactClient {
  /** The endpoint table in use (defaults plus overrides). */
  readonly endpoints: EndpointTable;
  /** Places a two-step call; resolves with its guid. */
  agentCall(args: AgentCallArgs, options?: RequestOptions): Promise<string>;
  /** Same as `agentCall`, with workflow data; resolves with the guid. */
  agentCallWithData(args: AgentCallWithDataArgs, options?: RequestOptions): Promise<string>;
  hangupPhone(args: HangupPhoneArgs, options?: RequestOptions): Promise<string>;
  dispositionCall(args: DispositionCallArgs, options?: RequestOptions): Promise<string>;
  /** Raw Dialers/DialerTask; the four helpers below build its documented modes. */
  dialerTask(call: DialerTaskCall, options?: RequestOptions): Promise<string>;
  /** Inserts a contact into a dialer (`calldate: null`, `automatic: true`). */
  dialerInsert(args: DialerContactArgs, options?: RequestOptions): Promise<string>;
  /** Inserts a contact with a priority (1 highest … 9999). */
  dialerInsertWithPriority(args: DialerContactArgs & { readonly priority: number }, options?: RequestOptions): Promise<string>;
  /** A manual click-to-call task for `agent` (`automatic: false`). */
  dialerClickToCall(args: DialerContactArgs & { readonly agent: string }, options?: RequestOptions): Promise<string>;
  /** A call at `calldate` for any agent. */
  dialerScheduleForAnyAgent(
    args: DialerContactArgs & { readonly calldate: Date | string; readonly timeZone?: string }, options?: RequestOptions,
  ): Promise<string>;
  /** Requires the answer `1` (the one write whose success body real clients read). */
  scheduleDialerCall(schedule: Schedule, options?: RequestOptions): Promise<void>;
  deleteDialerContact(args: DialerTargetArgs, options?: RequestOptions): Promise<string>;
  deleteScheduledCall(args: DialerTargetArgs, options?: RequestOptions): Promise<string>;
  /** Uploads a calls base in chunks of `chunkSize` records (see `formatCallsBaseRecord`). */
  uploadCallsBase(args: UploadCallsBaseArgs, options?: RequestOptions): Promise<UploadResult>;
  addBlacklist(entry: BlacklistEntry, options?: RequestOptions): Promise<string>;
  addBlacklistMultiple(entries: readonly BlacklistEntry[], options?: RequestOptions): Promise<string>;
  removeBlacklist(entry: BlacklistEntry, options?: RequestOptions): Promise<string>;
  removeBlacklistMultiple(entries: readonly BlacklistEntry[], options?: RequestOptions): Promise<string>;
  getRecordings(args: GetRecordingsArgs, options?: RequestOptions): Promise<Recording[]>;
  /** Resolves with the converted file's name. */
  convertRecording(args: ConvertRecordingArgs, options?: RequestOptions): Promise<string>;
  tagRecording(args: TagRecordingArgs, options?: RequestOptions): Promise<string>;
  /** Live figures keyed by campaign. */
  campaignStatus(args?: CampaignStatusArgs, options?: RequestOptions): Promise<Record<string, CampaignStatus>>;
  campaignsSummary(options?: RequestOptions): Promise<CampaignSummary[]>;
  /** Logs an agent off (api/AgentLogoff). */
  agentLogoff(args: AgentLogoffArgs, options?: RequestOptions): Promise<string>;
  /** Ends an agent's break (api/AgentUnBreak). */
  agentUnBreak(args: AgentUnBreakArgs, options?: RequestOptions): Promise<string>;
  /** Sends an SMS (SMS/SendSMSv2); resolves with what the server answered (its `id`, leniently). */
  sendSms(args: SendSmsArgs, options?: RequestOptions): Promise<SmsResult>;
  /** The members of a queue (queues/getqueuemembersofqueue?queue=). */
  queueMembers(args: QueueMembersArgs, options?: RequestOptions): Promise<QueueMember[]>;
  /** An agent's campaigns by channel (IntegraChannels AgentResources/GetCampaigns). */
  agentCampaigns(args: AgentCampaignsArgs, options?: RequestOptions): Promise<AgentChannelCampaigns[]>;
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
