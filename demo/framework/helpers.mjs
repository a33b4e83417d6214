// What each form framework helper does in the simulator (spec section 3.1). The form's
// integraFramework.js sends the helper's arguments here as a JSON array; the answer is the value
// the helper's promise resolves with, or an error its promise rejects with.
import { randomUUID } from 'node:crypto';
import { SqlError } from './tables.mjs';
import { QUEUES } from '../rest/fixtures.mjs';
import { Reject, dateText } from '../rest/checks.mjs';
import { loadGamificationAction } from '../rest/endpoints.mjs';

/** A helper refused its arguments: its promise rejects with this message. */
export class HelperError extends Error {}

const refuse = (why) => { throw new HelperError(why); };
const text = (v) => (v === undefined || v === null ? '' : String(v));
// The database helpers report a failed statement as "ERROR", as real forms expect.
const okOrError = (fn) => { try { fn(); return 'OK'; } catch (e) { if (e instanceof SqlError) return 'ERROR'; throw e; } };

/**
 * The helpers, by name: `(args, ctx) → value` (may be async). `ctx` is `{ session, rest, proxy }`.
 * Every name here is a global function of the simulated integraFramework.js.
 */
export const HELPERS = {
  // Places a call; resolves with its guid. Seen as (outQueue, '', Number(phone)) and (campaign,
  // callerid, number, false): the destination may be a number, the fourth argument is unknown.
  UC_makeCall_async([campaign, callerid, destination, flag], { session }) {
    const number = text(destination).trim();
    // Number('') is 0 and Number('099 123') NaN: an empty or unreadable phone field, not a number to call.
    const badNumber = typeof destination === 'number' && !(Number.isSafeInteger(destination) && destination > 0);
    if (!number || badNumber) refuse('UC_makeCall_async: destination is required');
    const guid = randomUUID();
    session.setCall({ guid, campaign: text(campaign), destination: number, callerid: text(callerid), via: 'UC_makeCall_async', flag: flag ?? null });
    return guid;
  },
  // (campaign, callerid, guid, l1, l2, l3, comment): the contract's seven, as older real forms call
  // it. Newer real forms pass nine or eleven (…, l3, agent, client name, comment[, schedule, null]):
  // taken as d1, d2, comment, schedule, camptoreschedule, the order of REST's DispositionCall.
  UC_DispositionCall_async(args, { session, rest }) {
    const [campaign, callerid, guid, l1, l2, l3] = args;
    const long = args.length > 8;
    const [d1, d2, comment, schedule, camptoreschedule, ...extra] = long ? args.slice(6) : [null, null, args[6], null, null, ...args.slice(7)];
    if (!text(guid)) refuse('UC_DispositionCall_async: guid is required');
    session.dispose({
      via: 'UC_DispositionCall_async', campaign: text(campaign), callerid: text(callerid), guid: text(guid),
      l1: text(l1), l2: text(l2), l3: text(l3), comment: text(comment),
      ...(long && { d1: text(d1), d2: text(d2), schedule: text(schedule), camptoreschedule: text(camptoreschedule) }),
      extra, known: session.knows(text(guid)),
    });
    // A disposed call of its campaign, as REST's DispositionCall counts it.
    rest.countDisposition(text(campaign));
    return 'OK';
  },
  // (guid, 'l1|l2|l3'): real forms call it without waiting. It tags the call's recording, the one
  // REST's TagRecording tags.
  UC_TagRecord([guid, tags], { session, rest }) {
    if (!text(guid)) refuse('UC_TagRecord: guid is required');
    session.tag({ via: 'UC_TagRecord', guid: text(guid), tag: text(tags), labels: text(tags).split('|'), known: session.knows(text(guid)) });
    if (text(tags)) rest.tagRecording(text(guid), text(tags));
    return 'OK';
  },
  UC_closeForm(_args, { session }) {
    session.closeForm();
    return 'OK';
  },
  UC_pause([on], { session }) {
    session.setPaused(Boolean(on));
    return 'OK';
  },
  // Resolves with the rows as JSON text (forms JSON.parse it): `[]` when none match.
  UC_get_async([sql], { session }) {
    if (typeof sql !== 'string') refuse('UC_get_async: sql must be text');
    try {
      return JSON.stringify(session.tables.select(sql));
    } catch (e) {
      if (e instanceof SqlError) refuse(`UC_get_async: ${e.message}`);
      throw e;
    }
  },
  UC_exec_async([sql], { session }) {
    return okOrError(() => session.tables.exec(typeof sql === 'string' ? sql : ''));
  },
  UC_Save_async([row, table], { session }) {
    return okOrError(() => session.tables.insert(text(table), row));
  },
  UC_update_async([row, table, key], { session }) {
    return okOrError(() => session.tables.update(text(table), row, key));
  },
  // JSON text of campaign names, as forms JSON.parse them: the desk agent's, as the REST API's
  // AgentResources/GetCampaigns and the framework's queues_agents table give them.
  UC_getMyAgentCampaigns_async(_args, { agent }) {
    return JSON.stringify(Object.keys(QUEUES).filter((q) => QUEUES[q].includes(agent)));
  },
  UC_getSystemCampaigns_async(_args, { rest }) {
    return JSON.stringify(Object.keys(rest.state.campaigns));
  },
  // (text): a line in the platform's audit log, as gmorales254/CRMLite (CRMLite/CRMLite.js) writes one
  // after blacklisting a number, without waiting. Kept in the desk's log; what the real helper
  // resolves with is not known (no public form reads it): "OK" here.
  UC_audit() {
    return 'OK';
  },
  // (performance measure, amount): gamification actions of the desk's agent, now (the instance's zone),
  // as REST's IntegraGamification/resources/GM_Integration/LoadActions loads them (its fields
  // performanceMeasureName, actionAmount; dateHour, agentName the framework's): the same checks, the
  // same list of the REST simulator's state (`gamificationActions`), the endpoint's answer, `OK` or
  // `ERROR`. CRMLite awaits it after each disposition with the disposition's measure, null when it has
  // none: it resolves for any measure (a rejection would stop the form's save), `ERROR` for that one.
  UC_GM_LoadActions([measure, amount], { rest, agent }) {
    const f = { performanceMeasureName: text(measure), dateHour: dateText(new Date(), rest.config.timeZone), agentName: agent, actionAmount: text(amount) };
    try {
      return loadGamificationAction(rest.state, f);
    } catch (e) {
      if (e instanceof Reject) return 'ERROR';
      throw e;
    }
  },
  // (fileb64, campaign, filename, cant): a calls base for a dialer, as gmorales254/CRMLite-Manager
  // (CRMLiteManager/Customers.js) uploads one. The form does not define it: the framework's, its
  // arguments REST's Dialers/uploadbase fields; sent there with the agent's session (`Agent.token`,
  // the agent as `username`). The form reads no answer: {code, body} of REST's here, as
  // UC_Http_proxy's ('1' stored, '0' refused).
  ajaxUploadBase([fileb64, campaign, filename, cant], { session, proxy, agent }) {
    const body = new URLSearchParams({ filename: text(filename), fileb64: text(fileb64), campaign: text(campaign), cant: text(cant), username: agent });
    return proxy({
      url: '/Integra/resources/Dialers/uploadbase', method: 'POST', body: body.toString(),
      headers: { Authorization: `Basic ${session.token ?? ''}`, 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
  },
  // ({url, method, headers, body?, type?}) → {code, body}: the instance's own REST API only (the
  // simulator reaches no other host); anything else answers code 502.
  UC_Http_proxy([request], { proxy }) {
    if (!request || typeof request !== 'object') refuse('UC_Http_proxy: the request must be an object');
    return proxy(request);
  },
};

/** Helper names in the order the portal's panel lists them. */
export const HELPER_NAMES = Object.keys(HELPERS);

/** The answer of a helper in `fail` mode: what a failing portal would make the form see. */
export function failure(name) {
  if (['UC_exec_async', 'UC_Save_async', 'UC_update_async'].includes(name)) return { ok: true, value: 'ERROR' };
  if (name === 'UC_Http_proxy' || name === 'ajaxUploadBase') return { ok: true, value: { code: 500, body: '' } };
  return { ok: false, error: 'simulated failure' };
}

// A URL with each query value replaced by `…` (a token may travel there: EndSession's `token`).
function withoutQueryValues(url) {
  if (typeof url !== 'string' || !url.includes('?')) return url;
  const [base, rest] = [url.slice(0, url.indexOf('?')), url.slice(url.indexOf('?') + 1).split('#')[0]];
  return `${base}?${[...new URLSearchParams(rest).keys()].map((k) => `${k}=…`).join('&')}`;
}
/**
 * The most characters of one argument or answer of a helper call the desk's log keeps: its log keeps
 * LOG_LIMIT calls and goes out whole in each answer to the desk's POSTs and each event stream's hello,
 * and a `SELECT *` of a table one INSERT filled answered megabytes, kept whole at each call.
 */
export const LOG_TEXT = 2000;
// A text, or a value whose JSON text, is longer: its first LOG_TEXT characters and its length.
const clip = (v) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return text.length <= LOG_TEXT ? v : `${text.slice(0, LOG_TEXT)}… (${text.length} characters)`;
};
const size = (body) => (body === undefined || body === null ? undefined : (typeof body === 'string' ? body : JSON.stringify(body) ?? '').length);

/**
 * What the desk's helper log keeps of a call `name(args)` that answered `answer` ({ok, value | error}):
 * all of it (LOG_TEXT characters of a long argument or answer), but for UC_Http_proxy, whose headers, query and bodies may carry a token or a password
 * (the log is served at /sim/framework/state and shown on the desk): its url without query values,
 * its method and type, its header names and how long its bodies were.
 */
export function forLog(name, args, answer) {
  const outcome = answer.ok ? { result: clip(answer.value) } : { error: clip(answer.error) };
  if (name !== 'UC_Http_proxy') return { args: args.map(clip), ...outcome };
  const [request] = args;
  const shown = request && typeof request === 'object'
    ? { url: withoutQueryValues(request.url), method: request.method, type: request.type, headers: Object.keys(request.headers ?? {}), bodyLength: size(request.body) }
    : request;
  const value = answer.ok && answer.value && typeof answer.value === 'object' ? { code: answer.value.code, bodyLength: size(answer.value.body) } : answer.value;
  return { args: [shown], ...(answer.ok ? { result: value } : outcome) };
}
