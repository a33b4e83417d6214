import { isBridgeError } from '../errors.js';
import { invalid, isRecord, str } from '../shared/check.js';
import type { RequestOptions } from '../portal/types.js';
import {
  agentCampaignsFields, logoffFields, parseAgentCampaigns, parseQueueMembers, parseSms, queueFields, smsFields, unBreakFields,
} from './agent.js';
import { blacklistFields, blacklistManyFields } from './blacklist.js';
import { agentCallFields, agentCallWithDataFields, dispositionFields, hangupFields } from './calls.js';
import { campaignStatusFields, parseCampaignStatus, parseCampaignsSummary } from './campaigns.js';
import { startDeadline } from './deadline.js';
import { dialerMode, dialerTaskFields, scheduleFields, targetFields } from './dialer.js';
import { resolveEndpoints, type EndpointName } from './endpoints.js';
import { json, parseFileName, parseGuid, parseOk, parseWritten } from './parse.js';
import { oddFieldLog, type OddField } from './record.js';
import { convertFields, getRecordingsFields, parseRecordings, tagFields } from './recordings.js';
import { rawRequest } from './request.js';
import { checkCredentials, Session } from './session.js';
import { post, settle, type FormFields, type Target, type Wire } from './transport.js';
import type { FetchLike, HttpLogEvent, HttpOperation, UContactClient, UContactClientOptions } from './types.js';
import { runUpload } from './upload.js';

const MAX_TIMER = 2_147_483_647;
const OP = 'createUContactClient';

type Parse<T> = (operation: string, body: string, odd: OddField) => T;

function whole(operation: string, field: string, value: unknown, fallback: number, min = 0, max = MAX_TIMER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(operation, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

// The instance root. A baseUrl copied with the legacy API's own prefix is taken back to the
// instance: every path of the endpoint table adds `Integra/resources/` itself.
function root(value: unknown): string {
  let url: URL;
  try {
    url = new URL(str(OP, 'baseUrl', value));
  } catch {
    return invalid(OP, 'baseUrl must be an absolute URL such as https://acme.ucontactcloud.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(OP, 'baseUrl must be an http(s) URL');
  if (url.username || url.password || url.search || url.hash) invalid(OP, 'baseUrl must hold no credentials, query or hash');
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/Integra\/resources$/i, '')}/`;
}

/**
 * Creates a client for uContact's REST API (`<baseUrl>/Integra/resources/<Group>/<Method>`). Logs in
 * on first use; one login serves concurrent calls; a 401 triggers one new login and one replay.
 * Reads are retried on network errors and 5xx; writes never; redirects are refused. Throws
 * `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const uc = createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com', credentials: { user: 'api', password: secret } })
 * const guid = await uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' })
 * await uc.close()
 */
export function createUContactClient(options: UContactClientOptions): UContactClient {
  if (!isRecord(options)) invalid(OP, 'options must be an object');
  const fetchFn: FetchLike | undefined = options.fetch ??
    (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  if (typeof fetchFn !== 'function') invalid(OP, 'fetch must be a function (no global fetch here)');
  if (options.log !== undefined && typeof options.log !== 'function') invalid(OP, 'log must be a function');
  if (options.retry !== undefined && !isRecord(options.retry)) invalid(OP, 'retry must be an object');
  const timeoutMs = whole(OP, 'timeoutMs', options.timeoutMs, 30_000);
  const hook = options.log;
  const wire: Wire = {
    root: root(options.baseUrl),
    fetch: fetchFn,
    retry: {
      attempts: whole(OP, 'retry.attempts', options.retry?.attempts, 3, 1),
      baseDelayMs: whole(OP, 'retry.baseDelayMs', options.retry?.baseDelayMs, 250),
      maxDelayMs: whole(OP, 'retry.maxDelayMs', options.retry?.maxDelayMs, 4_000),
    },
    maxBytes: whole(OP, 'maxResponseBytes', options.maxResponseBytes, 10 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    log: (event: HttpLogEvent) => {
      try {
        hook?.(event);
      } catch {
        // A faulty hook must not break requests.
      }
    },
  };
  const table = resolveEndpoints(options.endpoints);
  const session = new Session(checkCredentials(options.credentials), wire, table, timeoutMs || 30_000);

  function limits(name: string, o: RequestOptions | undefined): { timeout: number; signal: AbortSignal | undefined } {
    if (o !== undefined && !isRecord(o)) invalid(name, 'options must be an object');
    const signal: unknown = o?.signal;
    // An AbortController (not its signal) or a look-alike would throw from inside the deadline.
    if (signal !== undefined && !(isRecord(signal) && typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function')) {
      invalid(name, 'signal must be an AbortSignal');
    }
    return { timeout: whole(name, 'timeoutMs', o?.timeoutMs, timeoutMs), signal: signal as AbortSignal | undefined };
  }

  // Arguments are checked (build) before the session is touched: bad input sends nothing at all.
  async function exchange<T>(name: HttpOperation, target: Target, build: () => FormFields, o: RequestOptions | undefined,
    parse: Parse<T>, inQuery = false, onSend?: () => void): Promise<T> {
    const { timeout, signal } = limits(name, o);
    let fields = build();
    if (inQuery) {
      target = { ...target, query: fields };
      fields = {};
    }
    const deadline = startDeadline(timeout, signal);
    try {
      // Already aborted: send nothing, not even a login.
      const early = deadline.failure(name);
      if (early) throw early;
      let token = await session.current(deadline, name);
      let answer = await post(wire, name, target, fields, token, deadline, onSend);
      // The server refused the request, so replaying it once with a fresh token cannot do it twice.
      if (answer.status === 401 && session.renewable) {
        token = await session.renew(token, deadline, name);
        answer = await post(wire, name, target, fields, token, deadline, onSend);
      }
      return parse(name, settle(name, target, answer), oddFieldLog((field) => wire.log({ type: 'odd-field', endpoint: name, field })));
    } catch (e) {
      wire.log({ type: 'error', endpoint: name, ...(isBridgeError(e) ? { code: e.code } : {}) });
      throw e;
    } finally {
      deadline.dispose();
    }
  }

  const run = <T>(name: EndpointName, build: (operation: string) => FormFields, o: RequestOptions | undefined, parse: Parse<T>,
    inQuery?: boolean): Promise<T> => exchange(name, table[name], () => build(name), o, parse, inQuery);
  // A write whose success body is unknown: resolves with the answer's text.
  const write = (name: EndpointName, build: (operation: string) => FormFields, o: RequestOptions | undefined): Promise<string> =>
    run(name, build, o, parseWritten);
  const dialer = (operation: string, a: unknown, mode: Parameters<typeof dialerMode>[2], o: RequestOptions | undefined): Promise<string> =>
    write('dialerTask', () => dialerTaskFields(operation, dialerMode(operation, a, mode)), o);

  return {
    endpoints: table,
    agentCall: async (a, o) => run('agentCall', (n) => agentCallFields(n, a), o, parseGuid),
    agentCallWithData: async (a, o) => run('agentCallWithData', (n) => agentCallWithDataFields(n, a), o, parseGuid),
    hangupPhone: async (a, o) => write('hangupPhone', (n) => hangupFields(n, a), o),
    dispositionCall: async (a, o) => write('dispositionCall', (n) => dispositionFields(n, a), o),
    dialerTask: async (c, o) => write('dialerTask', (n) => dialerTaskFields(n, c), o),
    dialerInsert: async (a, o) => dialer('dialerInsert', a, 'insert', o),
    dialerInsertWithPriority: async (a, o) => dialer('dialerInsertWithPriority', a, 'priority', o),
    dialerClickToCall: async (a, o) => dialer('dialerClickToCall', a, 'manual', o),
    dialerScheduleForAnyAgent: async (a, o) => dialer('dialerScheduleForAnyAgent', a, 'scheduled', o),
    scheduleDialerCall: async (s, o) => run('scheduleDialerCall', (n) => scheduleFields(n, s), o, parseOk),
    deleteDialerContact: async (a, o) => write('deleteDialerContact', (n) => targetFields(n, a), o),
    deleteScheduledCall: async (a, o) => write('deleteScheduledCall', (n) => targetFields(n, a), o),
    uploadCallsBase: async (a, o) => {
      limits('uploadCallsBase', o);
      return runUpload(a, session.user,
        (fields, sent) => exchange('uploadCallsBase', table.uploadCallsBase, () => fields, o, parseWritten, false, sent));
    },
    addBlacklist: async (e, o) => write('addBlacklist', (n) => blacklistFields(n, e), o),
    addBlacklistMultiple: async (e, o) => write('addBlacklistMultiple', (n) => blacklistManyFields(n, e), o),
    removeBlacklist: async (e, o) => write('removeBlacklist', (n) => blacklistFields(n, e), o),
    removeBlacklistMultiple: async (e, o) => write('removeBlacklistMultiple', (n) => blacklistManyFields(n, e), o),
    getRecordings: async (a, o) => run('getRecordings', (n) => getRecordingsFields(n, a), o, parseRecordings),
    convertRecording: async (a, o) => run('convertRecording', (n) => convertFields(n, a), o, parseFileName),
    tagRecording: async (a, o) => write('tagRecording', (n) => tagFields(n, a), o),
    campaignStatus: async (a, o) => run('campaignStatus', (n) => campaignStatusFields(n, a), o, parseCampaignStatus),
    campaignsSummary: async (o) => run('campaignsSummary', () => ({}), o, parseCampaignsSummary),
    agentLogoff: async (a, o) => write('agentLogoff', (n) => logoffFields(n, a), o),
    agentUnBreak: async (a, o) => write('agentUnBreak', (n) => unBreakFields(n, a), o),
    sendSms: async (a, o) => run('sendSms', (n) => smsFields(n, a), o, parseSms),
    queueMembers: async (a, o) => run('queueMembers', (n) => queueFields(n, a), o, parseQueueMembers, true),
    agentCampaigns: async (a, o) => run('agentCampaigns', (n) => agentCampaignsFields(n, a), o, parseAgentCampaigns),
    request: (async (path: unknown, fields: unknown, o: Parameters<UContactClient['request']>[2]) => {
      limits('request', o);
      const r = rawRequest(path, fields, o);
      return exchange('request', r.target, () => r.fields, o, r.json ? (n, body) => json(n, body.trim()) : (_n, body) => body);
    }) as UContactClient['request'],
    close: async (o) => {
      const { timeout, signal } = limits('close', o);
      const deadline = startDeadline(timeout, signal);
      try {
        await session.end(deadline);
      } finally {
        deadline.dispose();
      }
    },
  };
}
