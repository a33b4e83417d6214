import { invalid, isRecord } from '../shared/check.js';

/**
 * Whether a request may be sent again automatically: `'read'` endpoints are retried on network
 * errors and 5xx answers; `'write'` endpoints make something happen and are never retried.
 */
export type EndpointKind = 'read' | 'write';

/**
 * Where an endpoint comes from: `'doc'` uContact documents it, `'seen'` real clients use it,
 * `'profile'` our default where the docs are silent (override it when your server differs).
 */
export type EndpointTag = 'doc' | 'seen' | 'profile';

/** One row of the endpoint table. */
export interface EndpointSpec {
  /**
   * `<Group>/<Method>` under `<instance>/Integra/resources/`, or, with a leading `/`, a path from the
   * instance root (e.g. `/IntegraChannels/resources/AgentResources/GetCampaigns`).
   */
  readonly path: string;
  readonly kind: EndpointKind;
  readonly tag: EndpointTag;
}

/**
 * Every REST endpoint the client calls, by method name (spec section 5). The one place a path lives;
 * `createUContactClient({ endpoints })` overrides `path` or `kind` per entry.
 *
 * @example
 * ENDPOINTS.agentCall.path // 'Agents/AgentCall'
 */
export const ENDPOINTS = {
  getUserToken: { path: 'auth/getUserToken', kind: 'write', tag: 'doc' },
  userLogin: { path: 'auth/UserLogin', kind: 'write', tag: 'doc' },
  agentLogin: { path: 'auth/AgentLogin', kind: 'write', tag: 'doc' },
  endSession: { path: 'auth/EndSession', kind: 'write', tag: 'seen' },
  agentCall: { path: 'Agents/AgentCall', kind: 'write', tag: 'doc' },
  agentCallWithData: { path: 'Agents/AgentCallwithData', kind: 'write', tag: 'doc' },
  hangupPhone: { path: 'Agents/HangupPhone', kind: 'write', tag: 'doc' },
  dispositionCall: { path: 'api/DispositionCall', kind: 'write', tag: 'doc' },
  dialerTask: { path: 'Dialers/DialerTask', kind: 'write', tag: 'doc' },
  scheduleDialerCall: { path: 'Dialers/ScheduleDialerCall', kind: 'write', tag: 'seen' },
  deleteDialerContact: { path: 'Dialers/DeleteDialerContact', kind: 'write', tag: 'profile' },
  deleteScheduledCall: { path: 'Dialers/DeleteScheduledCall', kind: 'write', tag: 'profile' },
  uploadCallsBase: { path: 'Dialers/uploadbase', kind: 'write', tag: 'seen' },
  addBlacklist: { path: 'Blacklist/AddBlacklist', kind: 'write', tag: 'profile' },
  addBlacklistMultiple: { path: 'Blacklist/AddBlacklistMultiple', kind: 'write', tag: 'profile' },
  removeBlacklist: { path: 'Blacklist/RemoveBlacklist', kind: 'write', tag: 'profile' },
  removeBlacklistMultiple: { path: 'Blacklist/RemoveBlacklistMultiple', kind: 'write', tag: 'profile' },
  getRecordings: { path: 'Recordings/GetRecordings', kind: 'read', tag: 'profile' },
  convertRecording: { path: 'Recordings/ConvertRecording', kind: 'write', tag: 'profile' },
  tagRecording: { path: 'Recordings/TagRecording', kind: 'write', tag: 'profile' },
  campaignStatus: { path: 'Supervisor/campaignstatus', kind: 'read', tag: 'seen' },
  campaignsSummary: { path: 'Supervisor/campaignssummary', kind: 'read', tag: 'profile' },
  agentLogoff: { path: 'api/AgentLogoff', kind: 'write', tag: 'doc' },
  agentUnBreak: { path: 'api/AgentUnBreak', kind: 'write', tag: 'doc' },
  sendSms: { path: 'SMS/SendSMSv2', kind: 'write', tag: 'seen' },
  queueMembers: { path: 'queues/getqueuemembersofqueue', kind: 'read', tag: 'seen' },
  agentCampaigns: { path: '/IntegraChannels/resources/AgentResources/GetCampaigns', kind: 'read', tag: 'seen' },
} as const satisfies Record<string, EndpointSpec>;

/** A key of {@link ENDPOINTS}. */
export type EndpointName = keyof typeof ENDPOINTS;

/** Per-entry overrides of the endpoint table (`tag` stays ours: it records where the default came from). */
export type EndpointOverrides = Partial<Record<EndpointName, Partial<Pick<EndpointSpec, 'path' | 'kind'>>>>;

/** The table in use: every entry of {@link ENDPOINTS} after overrides. */
export type EndpointTable = Readonly<Record<EndpointName, EndpointSpec>>;

// Segments of letters, digits, `_`, `.`, `-`, never `.` or `..`: a path stays under the instance.
const PATH = /^\/?(?!\.\.?(?:\/|$))[\w.-]+(?:\/(?!\.\.?(?:\/|$))[\w.-]+)*$/;

/** True for a path the table or `request()` accepts (see {@link EndpointSpec.path}). */
export const isPath = (path: unknown): path is string => typeof path === 'string' && PATH.test(path);

/** The URL path of `path` below the instance root, without its leading slash. */
export const fromRoot = (path: string): string => (path[0] === '/' ? path.slice(1) : `Integra/resources/${path}`);

/** Applies `overrides` to {@link ENDPOINTS}, checking every overridden path and kind. */
export function resolveEndpoints(overrides: unknown): EndpointTable {
  const op = 'createUContactClient';
  if (overrides !== undefined && !isRecord(overrides)) invalid(op, 'endpoints must be an object');
  const table = {} as Record<EndpointName, EndpointSpec>;
  for (const name of Object.keys(ENDPOINTS) as EndpointName[]) table[name] = ENDPOINTS[name];
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(ENDPOINTS, name)) invalid(op, `endpoints.${name} is not a known endpoint`);
    if (!isRecord(value)) invalid(op, `endpoints.${name} must be an object`);
    const base = ENDPOINTS[name as EndpointName];
    const path = value.path ?? base.path;
    const kind = value.kind ?? base.kind;
    if (!isPath(path)) invalid(op, `endpoints.${name}.path must look like Group/Method or /path/from/the/instance`);
    if (kind !== 'read' && kind !== 'write') invalid(op, `endpoints.${name}.kind must be 'read' or 'write'`);
    table[name as EndpointName] = { path, kind, tag: base.tag };
  }
  return table;
}
