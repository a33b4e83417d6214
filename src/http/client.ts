import { isBridgeError } from '../errors.js';
import { invalid, isRecord, str } from '../shared/check.js';
import type { RequestOptions } from '../portal/types.js';
import { blacklistFields, blacklistManyFields } from './blacklist.js';
import { agentCallFields, agentCallWithDataFields, dispositionFields, hangupFields } from './calls.js';
import { campaignStatusFields, parseCampaignStatus, parseCampaignsSummary } from './campaigns.js';
import { startDeadline } from './deadline.js';
import { dialerMode, dialerTaskFields, scheduleFields, targetFields } from './dialer.js';
import { resolveEndpoints, type EndpointName } from './endpoints.js';
import { parseFileName, parseGuid, parseOk } from './parse.js';
import { convertFields, getRecordingsFields, parseRecordings, tagFields } from './recordings.js';
import { checkCredentials, Session } from './session.js';
import { post, settle, type FormFields, type Wire } from './transport.js';
import type { FetchLike, HttpLogEvent, UContactClient, UContactClientOptions } from './types.js';
import { runUpload } from './upload.js';

const MAX_TIMER = 2_147_483_647;

function ms(operation: string, field: string, value: unknown, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_TIMER) {
    invalid(operation, `${field} must be an integer from ${min} to ${MAX_TIMER}`);
  }
  return value;
}

function root(value: unknown): string {
  const op = 'createUContactClient';
  let url: URL;
  try {
    url = new URL(str(op, 'baseUrl', value));
  } catch {
    return invalid(op, 'baseUrl must be an absolute URL such as https://acme.ucontactcloud.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(op, 'baseUrl must be an http(s) URL');
  if (url.username || url.password || url.search || url.hash) invalid(op, 'baseUrl must hold no credentials, query or hash');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/Integra/resources/`;
}

/**
 * Creates a client for uContact's REST API (`<baseUrl>/Integra/resources/<Group>/<Method>`). Logs in
 * on first use; one login serves concurrent calls; a 401 triggers one new login and one replay.
 * Reads are retried on network errors and 5xx; writes never. Throws `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const uc = createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com', credentials: { user: 'api', password: secret } })
 * const guid = await uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' })
 * await uc.close()
 */
export function createUContactClient(options: UContactClientOptions): UContactClient {
  const op = 'createUContactClient';
  if (!isRecord(options)) invalid(op, 'options must be an object');
  const fetchFn: FetchLike | undefined = options.fetch ??
    (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  if (typeof fetchFn !== 'function') invalid(op, 'fetch must be a function (no global fetch here)');
  if (options.log !== undefined && typeof options.log !== 'function') invalid(op, 'log must be a function');
  if (options.retry !== undefined && !isRecord(options.retry)) invalid(op, 'retry must be an object');
  const timeoutMs = ms(op, 'timeoutMs', options.timeoutMs, 30_000);
  const hook = options.log;
  const wire: Wire = {
    root: root(options.baseUrl),
    fetch: fetchFn,
    retry: {
      attempts: ms(op, 'retry.attempts', options.retry?.attempts, 3, 1),
      baseDelayMs: ms(op, 'retry.baseDelayMs', options.retry?.baseDelayMs, 250),
      maxDelayMs: ms(op, 'retry.maxDelayMs', options.retry?.maxDelayMs, 4_000),
    },
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
    if (signal !== undefined && !(isRecord(signal) && typeof signal.aborted === 'boolean')) {
      invalid(name, 'signal must be an AbortSignal');
    }
    return { timeout: ms(name, 'timeoutMs', o?.timeoutMs, timeoutMs), signal: signal as AbortSignal | undefined };
  }

  // Arguments are checked (build) before the session is touched: bad input sends nothing at all.
  async function run<T>(name: EndpointName, build: () => FormFields, o: RequestOptions | undefined,
    parse: (operation: string, body: string) => T): Promise<T> {
    const { timeout, signal } = limits(name, o);
    const fields = build();
    const spec = table[name];
    const deadline = startDeadline(timeout, signal);
    try {
      let token = await session.current(deadline, name);
      let answer = await post(wire, name, spec, fields, token, deadline);
      // The server refused the request, so replaying it once with a fresh token cannot do it twice.
      if (answer.status === 401 && session.renewable) {
        token = await session.renew(token, deadline, name);
        answer = await post(wire, name, spec, fields, token, deadline);
      }
      return parse(name, settle(name, spec, answer));
    } catch (e) {
      wire.log({ type: 'error', endpoint: name, ...(isBridgeError(e) ? { code: e.code } : {}) });
      throw e;
    } finally {
      deadline.dispose();
    }
  }

  const ok = (name: EndpointName, build: (operation: string) => FormFields, o: RequestOptions | undefined): Promise<void> =>
    run(name, () => build(name), o, parseOk);

  return {
    endpoints: table,
    agentCall: async (a, o) => run('agentCall', () => agentCallFields('agentCall', a), o, parseGuid),
    agentCallWithData: async (a, o) => run('agentCallWithData', () => agentCallWithDataFields('agentCallWithData', a), o, parseGuid),
    hangupPhone: async (a, o) => ok('hangupPhone', (n) => hangupFields(n, a), o),
    dispositionCall: async (a, o) => ok('dispositionCall', (n) => dispositionFields(n, a), o),
    dialerTask: async (c, o) => ok('dialerTask', (n) => dialerTaskFields(n, c), o),
    dialerInsert: async (a, o) => ok('dialerTask', () => dialerTaskFields('dialerInsert', dialerMode('dialerInsert', a, 'insert')), o),
    dialerInsertWithPriority: async (a, o) =>
      ok('dialerTask', () => dialerTaskFields('dialerInsertWithPriority', dialerMode('dialerInsertWithPriority', a, 'priority')), o),
    dialerClickToCall: async (a, o) => ok('dialerTask', () => dialerTaskFields('dialerClickToCall', dialerMode('dialerClickToCall', a, 'manual')), o),
    dialerScheduleForAnyAgent: async (a, o) =>
      ok('dialerTask', () => dialerTaskFields('dialerScheduleForAnyAgent', dialerMode('dialerScheduleForAnyAgent', a, 'scheduled')), o),
    scheduleDialerCall: async (s, o) => ok('scheduleDialerCall', (n) => scheduleFields(n, s), o),
    deleteDialerContact: async (a, o) => ok('deleteDialerContact', (n) => targetFields(n, a), o),
    deleteScheduledCall: async (a, o) => ok('deleteScheduledCall', (n) => targetFields(n, a), o),
    uploadCallsBase: async (a, o) => {
      limits('uploadCallsBase', o);
      return runUpload(a, session.user, (fields) => ok('uploadCallsBase', () => fields, o));
    },
    addBlacklist: async (e, o) => ok('addBlacklist', (n) => blacklistFields(n, e), o),
    addBlacklistMultiple: async (e, o) => ok('addBlacklistMultiple', (n) => blacklistManyFields(n, e), o),
    removeBlacklist: async (e, o) => ok('removeBlacklist', (n) => blacklistFields(n, e), o),
    removeBlacklistMultiple: async (e, o) => ok('removeBlacklistMultiple', (n) => blacklistManyFields(n, e), o),
    getRecordings: async (a, o) => run('getRecordings', () => getRecordingsFields('getRecordings', a), o, parseRecordings),
    convertRecording: async (a, o) => run('convertRecording', () => convertFields('convertRecording', a), o, parseFileName),
    tagRecording: async (a, o) => ok('tagRecording', (n) => tagFields(n, a), o),
    campaignStatus: async (a, o) => run('campaignStatus', () => campaignStatusFields('campaignStatus', a), o, parseCampaignStatus),
    campaignsSummary: async (o) => run('campaignsSummary', () => ({}), o, parseCampaignsSummary),
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
