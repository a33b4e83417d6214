import type { RequestOptions } from '../portal/types.js';
import { agentCampaignsFields, logoffFields, parseAgentCampaigns, parseQueueMembers, parseSms, queueFields, smsFields, unBreakFields } from './agent.js';
import { blacklistFields, blacklistManyFields } from './blacklist.js';
import { agentCallFields, agentCallWithDataFields, dispositionFields, hangupFields } from './calls.js';
import { campaignStatusFields, parseCampaignStatus, parseCampaignsSummary } from './campaigns.js';
import {
  dialerClickToCallFields, dialerInsertFields, dialerPriorityFields, dialerScheduleFields, dialerTaskFields, scheduleFields, targetFields,
} from './dialer.js';
import type { EndpointTag } from './endpoints.js';
import type { EndpointKind } from './paths.js';
import { parseFileName, parseGuid, parseOk, parseWritten } from './parse.js';
import type { OddField } from './record.js';
import { convertFields, getRecordingsFields, parseRecordings, tagFields } from './recordings.js';
import type { FormFields } from './transport.js';
import type { TimeZoneChoice } from '../shared/validate.js';

// The REST client in one table: a row per operation, named once. A row with a `path` is an endpoint
// (overridable with `createUContactClient({ endpoints })`); a row with `fields` and `parse` is a
// method of the client: its arguments are checked and turned into form fields by `fields` (before
// anything is sent), the answer's body is read by `parse`. An endpoint's `kind` is `'write'` unless
// its row says `'read'` (ENDPOINTS fills it in). `via` sends a method to another row's endpoint (the
// DialerTask modes); `query: true` sends the fields in the query string; `fields: null` is a method
// without arguments. The client's methods and their types come from this table.

/**
 * Turns a method's arguments into the form fields of its request (checked, in the contract's order);
 * `zone`: the client's `timeZone`, for a `Date` whose arguments name none.
 */
export type BuildFields<A> = (operation: string, args: A, zone?: TimeZoneChoice) => FormFields;

/** Reads an answer's body into a method's result; `odd` reports a field of a record that could not be read. */
export type ParseAnswer<T> = (operation: string, body: string, odd: OddField) => T;

interface Row {
  readonly path?: string;
  readonly kind?: EndpointKind;
  readonly tag?: EndpointTag;
  readonly via?: string;
  readonly fields?: BuildFields<never> | null;
  readonly parse?: ParseAnswer<unknown>;
  readonly query?: true;
}

/** Every operation of the REST client (spec section 5); see the comment above for what a row says. */
export const OPERATIONS = {
  getUserToken: { path: 'auth/getUserToken', tag: 'doc' },
  userLogin: { path: 'auth/UserLogin', tag: 'doc' },
  agentLogin: { path: 'auth/AgentLogin', tag: 'doc' },
  endSession: { path: 'auth/EndSession', tag: 'seen' },
  /**
   * Places a two-step call (the agent's phone first); resolves with its guid.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or the answer is no guid: the call may have been placed).
   */
  agentCall: { path: 'Agents/AgentCall', tag: 'doc', fields: agentCallFields, parse: parseGuid },
  /**
   * Same as `agentCall`, with workflow data (sent as JSON text); resolves with the guid.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or the answer is no guid: the call may have been placed).
   */
  agentCallWithData: { path: 'Agents/AgentCallwithData', tag: 'doc', fields: agentCallWithDataFields, parse: parseGuid },
  /**
   * Hangs up the agent's phone; resolves with the answer's text.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  hangupPhone: { path: 'Agents/HangupPhone', tag: 'doc', fields: hangupFields, parse: parseWritten },
  /**
   * Dispositions a call (all thirteen fields sent); resolves with the answer's text.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dispositionCall: { path: 'api/DispositionCall', tag: 'doc', fields: dispositionFields, parse: parseWritten },
  /**
   * Raw Dialers/DialerTask; the four `dialer…` methods below build its modes (from the doc's examples: our profile, spec section 5).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dialerTask: { path: 'Dialers/DialerTask', tag: 'doc', fields: dialerTaskFields, parse: parseWritten },
  /**
   * Inserts a contact into a dialer (`calldate: null`, `automatic: true`).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dialerInsert: { via: 'dialerTask', fields: dialerInsertFields, parse: parseWritten },
  /**
   * Inserts a contact with a priority (1 highest … 9999).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dialerInsertWithPriority: { via: 'dialerTask', fields: dialerPriorityFields, parse: parseWritten },
  /**
   * A manual click-to-call task for `agent` (`automatic: false`).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dialerClickToCall: { via: 'dialerTask', fields: dialerClickToCallFields, parse: parseWritten },
  /**
   * A call at `calldate` for any agent.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  dialerScheduleForAnyAgent: { via: 'dialerTask', fields: dialerScheduleFields, parse: parseWritten },
  /**
   * Schedules a dialer call; requires the answer `1` (the one write whose success body real clients read).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or an answer other than `1`: it may have been scheduled).
   */
  scheduleDialerCall: { path: 'Dialers/ScheduleDialerCall', tag: 'seen', fields: scheduleFields, parse: parseOk },
  /**
   * Removes a contact from a dialer.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  deleteDialerContact: { path: 'Dialers/DeleteDialerContact', tag: 'profile', fields: targetFields, parse: parseWritten },
  /**
   * Removes a scheduled call from a dialer.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  deleteScheduledCall: { path: 'Dialers/DeleteScheduledCall', tag: 'profile', fields: targetFields, parse: parseWritten },
  // Chunked: its method is the client's own (uploadCallsBase).
  uploadCallsBase: { path: 'Dialers/uploadbase', tag: 'seen' },
  /**
   * Blacklists a number (in one campaign, or `'*'`: all).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  addBlacklist: { path: 'Blacklist/AddBlacklist', tag: 'profile', fields: blacklistFields, parse: parseWritten },
  /**
   * Blacklists several numbers.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  addBlacklistMultiple: { path: 'Blacklist/AddBlacklistMultiple', tag: 'profile', fields: blacklistManyFields, parse: parseWritten },
  /**
   * Removes a number from the blacklist.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  removeBlacklist: { path: 'Blacklist/RemoveBlacklist', tag: 'profile', fields: blacklistFields, parse: parseWritten },
  /**
   * Removes several numbers from the blacklist.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  removeBlacklistMultiple: {
    path: 'Blacklist/RemoveBlacklistMultiple', tag: 'profile', fields: blacklistManyFields, parse: parseWritten,
  },
  /**
   * One call's recordings (by guid), or those of a date range.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is not a JSON list).
   */
  getRecordings: { path: 'Recordings/GetRecordings', kind: 'read', tag: 'profile', fields: getRecordingsFields, parse: parseRecordings },
  /**
   * Converts a recording; resolves with the converted file's name.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is no file name).
   */
  convertRecording: { path: 'Recordings/ConvertRecording', tag: 'profile', fields: convertFields, parse: parseFileName },
  /**
   * Tags a recording with one label or several.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  tagRecording: { path: 'Recordings/TagRecording', tag: 'profile', fields: tagFields, parse: parseWritten },
  /**
   * Live figures keyed by campaign (all, or one queue).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is not the JSON expected).
   */
  campaignStatus: { path: 'Supervisor/campaignstatus', kind: 'read', tag: 'seen', fields: campaignStatusFields, parse: parseCampaignStatus },
  /**
   * One line per campaign.
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is not a JSON list).
   */
  campaignsSummary: { path: 'Supervisor/campaignssummary', kind: 'read', tag: 'profile', fields: null, parse: parseCampaignsSummary },
  /**
   * Logs an agent off (api/AgentLogoff).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  agentLogoff: { path: 'api/AgentLogoff', tag: 'doc', fields: logoffFields, parse: parseWritten },
  /**
   * Ends an agent's break (api/AgentUnBreak).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  agentUnBreak: { path: 'api/AgentUnBreak', tag: 'doc', fields: unBreakFields, parse: parseWritten },
  /**
   * Sends an SMS (SMS/SendSMSv2); resolves with what the server answered (its `id`, leniently).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token).
   */
  sendSms: { path: 'SMS/SendSMSv2', tag: 'seen', fields: smsFields, parse: parseSms },
  /**
   * The members of a queue (queues/getqueuemembersofqueue?queue=).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is not a JSON list).
   */
  queueMembers: { path: 'queues/getqueuemembersofqueue', kind: 'read', tag: 'seen', fields: queueFields, parse: parseQueueMembers, query: true },
  /**
   * An agent's campaigns by channel (IntegraChannels AgentResources/GetCampaigns).
   * Rejects with `INVALID_ARGUMENT` (before anything is sent), `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`,
   * `REDIRECT_REFUSED`, `HTTP_ERROR`, `API_ERROR` (the answer `0`), `UNAUTHORIZED`, `RESPONSE_TOO_LARGE`,
   * `BAD_RESPONSE` (a login answer with no token, or when the answer is not a JSON list).
   */
  agentCampaigns: {
    path: '/IntegraChannels/resources/AgentResources/GetCampaigns', kind: 'read', tag: 'seen', fields: agentCampaignsFields,
    parse: parseAgentCampaigns,
  },
} as const satisfies Readonly<Record<string, Row>>;

type Table = typeof OPERATIONS;

/** The name of a row of the table that is an endpoint (has a `path`): what `endpoints` overrides. */
export type EndpointName = { [K in keyof Table]: Table[K] extends { readonly path: string } ? K : never }[keyof Table];

/** The name of a row of the table that is a method of the client. */
export type MethodName = { [K in keyof Table]: Table[K] extends { readonly parse: unknown } ? K : never }[keyof Table];

/** A method's signature, from its row: its arguments (optional when they may be `undefined`), then `options`. */
type Method<R> =
  R extends { readonly fields: null; readonly parse: ParseAnswer<infer T> } ? (options?: RequestOptions) => Promise<T>
    : R extends { readonly fields: BuildFields<infer A>; readonly parse: ParseAnswer<infer T> }
      ? undefined extends A ? (args?: A, options?: RequestOptions) => Promise<T> : (args: A, options?: RequestOptions) => Promise<T>
      : never;

/** The client's methods made from the table: one per method row. */
export type TableMethods = { [K in keyof Table as K extends MethodName ? K : never]: Method<Table[K]> };
