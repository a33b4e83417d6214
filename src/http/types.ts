import type { BridgeErrorCode } from '../errors.js';
import type { RequestOptions } from '../portal/types.js';
import type { Schedule } from '../shared/records.js';
import type { BlacklistEntry } from './blacklist.js';
import type { AgentCallArgs, AgentCallWithDataArgs, DispositionCallArgs, HangupPhoneArgs } from './calls.js';
import type { UploadCallsBaseArgs, UploadResult } from './callsbase.js';
import type { CampaignStatus, CampaignStatusArgs, CampaignSummary } from './campaigns.js';
import type { DialerContactArgs, DialerTargetArgs, DialerTaskCall } from './dialer.js';
import type { EndpointName, EndpointOverrides, EndpointTable } from './endpoints.js';
import type { ConvertRecordingArgs, GetRecordingsArgs, Recording, TagRecordingArgs } from './recordings.js';

/** The part of `fetch` the client uses; the global `fetch` fits. */
export type FetchLike = (url: string, init: {
  method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal;
}) => Promise<{ readonly status: number; text(): Promise<string> }>;

/**
 * How to get a session token:
 * - `{ user, password }`: auth/getUserToken (supervisor or API user; servers only);
 * - `{ agent, password }`: auth/AgentLogin, the token is the agent's `md5secret`;
 * - `{ token }`: a token obtained elsewhere, used as is (`user`: its owner, for EndSession and uploads).
 */
export type Credentials =
  | { readonly user: string; readonly password: string }
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
  readonly type: 'request' | 'response' | 'retry' | 'login' | 'relogin' | 'session-end' | 'error' | 'upload-chunk';
  readonly endpoint?: EndpointName;
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
  readonly retry?: RetryOptions;
  /** Receives redacted events. Never called with secrets or phone numbers. */
  readonly log?: (event: HttpLogEvent) => void;
}

/** The typed uContact REST client. Every method validates its arguments before sending anything. */
export interface UContactClient {
  /** The endpoint table in use (defaults plus overrides). */
  readonly endpoints: EndpointTable;
  /** Places a two-step call; resolves with its guid. */
  agentCall(args: AgentCallArgs, options?: RequestOptions): Promise<string>;
  /** Same as `agentCall`, with workflow data; resolves with the guid. */
  agentCallWithData(args: AgentCallWithDataArgs, options?: RequestOptions): Promise<string>;
  hangupPhone(args: HangupPhoneArgs, options?: RequestOptions): Promise<void>;
  dispositionCall(args: DispositionCallArgs, options?: RequestOptions): Promise<void>;
  /** Raw Dialers/DialerTask; the four helpers below build its documented modes. */
  dialerTask(call: DialerTaskCall, options?: RequestOptions): Promise<void>;
  /** Inserts a contact into a dialer (`calldate: null`, `automatic: true`). */
  dialerInsert(args: DialerContactArgs, options?: RequestOptions): Promise<void>;
  /** Inserts a contact with a priority (1 highest … 9999). */
  dialerInsertWithPriority(args: DialerContactArgs & { readonly priority: number }, options?: RequestOptions): Promise<void>;
  /** A manual click-to-call task for `agent` (`automatic: false`). */
  dialerClickToCall(args: DialerContactArgs & { readonly agent: string }, options?: RequestOptions): Promise<void>;
  /** A call at `calldate` for any agent. */
  dialerScheduleForAnyAgent(
    args: DialerContactArgs & { readonly calldate: Date | string; readonly timeZone?: string }, options?: RequestOptions,
  ): Promise<void>;
  scheduleDialerCall(schedule: Schedule, options?: RequestOptions): Promise<void>;
  deleteDialerContact(args: DialerTargetArgs, options?: RequestOptions): Promise<void>;
  deleteScheduledCall(args: DialerTargetArgs, options?: RequestOptions): Promise<void>;
  /** Uploads a calls base in chunks of `chunkSize` records (see `formatCallsBaseRecord`). */
  uploadCallsBase(args: UploadCallsBaseArgs, options?: RequestOptions): Promise<UploadResult>;
  addBlacklist(entry: BlacklistEntry, options?: RequestOptions): Promise<void>;
  addBlacklistMultiple(entries: readonly BlacklistEntry[], options?: RequestOptions): Promise<void>;
  removeBlacklist(entry: BlacklistEntry, options?: RequestOptions): Promise<void>;
  removeBlacklistMultiple(entries: readonly BlacklistEntry[], options?: RequestOptions): Promise<void>;
  getRecordings(args: GetRecordingsArgs, options?: RequestOptions): Promise<Recording[]>;
  /** Resolves with the converted file's name. */
  convertRecording(args: ConvertRecordingArgs, options?: RequestOptions): Promise<string>;
  tagRecording(args: TagRecordingArgs, options?: RequestOptions): Promise<void>;
  /** Live figures keyed by campaign. */
  campaignStatus(args?: CampaignStatusArgs, options?: RequestOptions): Promise<Record<string, CampaignStatus>>;
  campaignsSummary(options?: RequestOptions): Promise<CampaignSummary[]>;
  /** Ends the session (auth/EndSession) if one is open. The next call logs in again. */
  close(options?: RequestOptions): Promise<void>;
}
