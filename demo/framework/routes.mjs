// The stand-in of uContact's form framework, on the portal's origin:
//   GET  /uContact/assets/js/framework/integraFramework.js  the script a form loads (generated per
//        request for the session: `CTI`, `Agent`, the UC_* helpers)
//   POST /sim/framework/helper/<name>   a helper call from the form: {args} → {ok, value | error}
//   GET  /sim/framework/events          the session's changes, as server-sent events (the portal page)
//   GET  /sim/framework/state           the session's state (tests, curious people)
//   POST /sim/framework/desk            the portal page sets {cti?, call?, paused?} and reports a Porthole
//                                       {disposition?, tag?, schedule?} it acted on; the session's state
//                                       comes back (with a schedule: `scheduled`, and a refusal's `reason`)
//   POST /sim/framework/modes           the portal page sets the helpers' fault modes
import { readFile } from 'node:fs/promises';
import { MAX_TIMER_MS, isRecord, nestsDeeperThan } from '../rest/checks.mjs';
import { readBody, send } from '../rest/wire.mjs';
import { failure, forLog, HELPERS, HelperError } from './helpers.mjs';
import { createSessions } from './sessions.mjs';

export const FRAMEWORK_PATH = '/uContact/assets/js/framework/integraFramework.js';
const CLIENT = new URL('../portal/integra-framework.js', import.meta.url);
const PREFIX = '/sim/framework/';
/** The agent of the simulated desk: one of the REST simulator's agents. */
export const DESK_AGENT = 'agent1001';

const json = (res, status, value) => send(res, status, JSON.stringify(value), 'application/json');
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Creates the framework simulator for a portal at `portalOrigin` whose REST simulator is `rest`.
 * Returns `{ handle(req, res): boolean, sessions, cookieFor(req) }`.
 */
export function createFrameworkSimulator({ rest, portalOrigin }) {
  // Every voice call of the desk (placed by the form or the portal, or answered) is a call of the
  // platform, as one placed with REST's AgentCall is: recorded (REST finds, tags and converts its
  // recording by the guid) and counted in its campaign. An answered interaction of another channel
  // (the CTI's Channel) is no call to record.
  const sessions = createSessions((call, cti) => {
    if (typeof call.guid !== 'string' || !call.guid) return;
    const channel = cti && String(cti.Guid) === call.guid && typeof cti.Channel === 'string' ? cti.Channel.toLowerCase() : 'telephony';
    const text = (v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
    if (channel === 'telephony') rest.recordCall({ guid: call.guid, campaign: text(call.campaign), callerid: text(call.destination), agent: DESK_AGENT });
  });

  // UC_Http_proxy: the instance's own API only. Real forms write `https://${instance}/...`, so the
  // host decides, not the scheme; or they name the instance as its server does (the proxy runs
  // there): a real Vue form posts to its flows at `http://localhost:8085/IntegraChannels/resources/webhook/…`.
  async function proxy(request) {
    let url;
    try {
      url = new URL(String(request.url ?? ''), portalOrigin);
    } catch {
      return { code: 502, body: 'UC_Http_proxy: not a URL' };
    }
    if (url.host !== new URL(portalOrigin).host && !(url.protocol === 'http:' && url.host === 'localhost:8085')) return { code: 502, body: 'UC_Http_proxy: the simulator reaches its own instance only' };
    const headers = new Headers();
    try {
      for (const [k, v] of Object.entries(request.headers ?? {})) headers.set(k, String(v));
      if (request.type && !headers.has('content-type')) headers.set('content-type', String(request.type));
    } catch {
      // A name with a space, a value with a line break: the form's promise rejects (not a 500).
      throw new HelperError('UC_Http_proxy: the headers must be valid HTTP header names and values');
    }
    const method = String(request.method ?? 'GET').toUpperCase();
    const body = method === 'GET' || method === 'HEAD' || request.body === undefined || request.body === null ? undefined
      : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    try {
      // Appended to the origin, never resolved against it: a path '//host/x' would name another host.
      const res = await fetch(portalOrigin + url.pathname + url.search, { method, headers, body, redirect: 'manual' });
      return { code: res.status, body: await res.text() };
    } catch {
      return { code: 502, body: 'UC_Http_proxy: no answer' };
    }
  }

  async function script(session) {
    // The agent's one session, as a portal gives each form it opens: a token per load would leave
    // an open session per form load (`sessions.active` +1 a call, all day). A new one once it ended.
    if (!session.token || !rest.live(session.token)) session.token = rest.issueToken(DESK_AGENT);
    const prelude = [
      '// integraFramework.js: the uContact simulator\'s stand-in for the portal\'s form framework,',
      '// generated for this agent desk. CTI is the JSON text of the call the portal opened the form for.',
      `var CTI = ${JSON.stringify(session.cti ? JSON.stringify(session.cti) : '')};`,
      `var Agent = ${JSON.stringify({ accountcode: DESK_AGENT, token: session.token })};`,
      // The instance's REST root, trailing slash included, as real forms append a resource to it
      // (CRMLite-Manager: RESTurl + "schedule/addsched"; uContact's web phone names it so too).
      `var RESTurl = ${JSON.stringify(`${portalOrigin}/Integra/resources/`)};`,
      `var __ucSimHelpers = ${JSON.stringify(`${portalOrigin}${PREFIX}helper/`)};`,
    ].join('\n');
    // The long declaration newer real forms call (a later declaration of a name wins).
    const long = session.dispositionParams === 11
      ? '\n/** Disposes the call, declared as newer real forms call it; resolves "OK". */\n' +
        'function UC_DispositionCall_async(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, camptoreschedule) { ' +
        "return __ucSimCall('UC_DispositionCall_async', arguments); }\n"
      : '';
    return `${prelude}\n${await readFile(CLIENT, 'utf8')}${long}`;
  }

  async function helper(session, name, res, text) {
    let args;
    try {
      args = JSON.parse(text).args;
    } catch {
      return json(res, 400, { ok: false, error: 'bad request' });
    }
    // Too deep to record: the session's state and event stream could no longer be written.
    if (!Array.isArray(args) || nestsDeeperThan(args)) return json(res, 400, { ok: false, error: 'bad request' });
    const mode = session.takeMode(name);
    let answer;
    if (mode.mode === 'fail') answer = failure(name);
    else {
      try {
        answer = { ok: true, value: await HELPERS[name](args, { session, rest, proxy, agent: DESK_AGENT }) };
      } catch (e) {
        if (!(e instanceof HelperError)) throw e;
        answer = { ok: false, error: e.message };
      }
    }
    const { args: shown, ...outcome } = forLog(name, args, answer);
    session.record({ name, args: shown, mode: mode.mode, ...outcome });
    // Silent and late: the helper acted (as a portal that acts but answers late or never).
    if (mode.mode === 'silent') return undefined;
    if (mode.mode === 'late') return void setTimeout(() => json(res, 200, answer), mode.delay).unref();
    return json(res, 200, answer);
  }

  function events(session, req, res) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`data: ${JSON.stringify({ type: 'hello', state: session })}\n\n`);
    session.subscribers.add(res);
    req.on('close', () => session.subscribers.delete(res));
  }

  function desk(session, body) {
    if (has(body, 'cti')) session.setCti(body.cti);
    if (has(body, 'call')) session.setCall(body.call);
    if (has(body, 'paused')) session.setPaused(Boolean(body.paused));
    const str = (v) => (typeof v === 'string' ? v : '');
    // A Porthole disposition the portal acted on, for its current call (campaign, callerid, guid):
    // recorded and counted in its campaign as UC_DispositionCall_async's are.
    if (has(body, 'disposition') && isRecord(body.disposition)) {
      const d = Object.fromEntries(['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'comment', 'tag', 'schedule', 'camptoreschedule']
        .map((k) => [k, str(body.disposition[k])]));
      session.dispose({ via: 'Porthole disposition', ...d, known: !!d.guid && session.knows(d.guid) });
      rest.countDisposition(d.campaign);
    }
    // A Porthole schedule the portal acted on: in the dialer's scheduled calls, as ScheduleDialerCall's
    // (REST's DeleteScheduledCall finds it there). One the dialer refuses is not stored: the answer
    // says why (`scheduled: false, reason`), for the portal to answer the form so.
    let outcome;
    if (has(body, 'schedule')) {
      const reason = rest.schedule(body.schedule);
      outcome = { scheduled: reason === undefined, ...(reason !== undefined && { reason }) };
    }
    // A Porthole tag the portal acted on: `{guid, tag}`, the guid the form named or the desk's current
    // call's. Recorded as UC_TagRecord's is, and the call's recording tagged the same way.
    if (has(body, 'tag') && isRecord(body.tag)) {
      const [guid, tag] = [str(body.tag.guid), str(body.tag.tag)];
      session.tag({ via: 'Porthole tag', guid, tag, labels: tag.split('|'), known: !!guid && session.knows(guid) });
      if (guid && tag) rest.tagRecording(guid, tag);
    }
    return outcome;
  }

  function modes(session, body) {
    if (body.dispositionParams === 7 || body.dispositionParams === 11) session.dispositionParams = body.dispositionParams;
    for (const [name, m] of Object.entries(body.modes ?? {})) {
      if (!has(HELPERS, name) || !m || typeof m !== 'object') continue;
      const mode = ['answer', 'fail', 'silent', 'late'].includes(m.mode) ? m.mode : 'answer';
      const times = m.times === undefined || m.times === null ? Infinity : Number(m.times);
      // Held at the timer limit (late would be at once past it).
      session.modes[name] = { mode, delay: Math.min(Math.max(Number(m.delay) || 0, 0), MAX_TIMER_MS), times };
    }
  }

  async function route(req, res, path) {
    const session = sessions.of(req);
    if (path === FRAMEWORK_PATH && req.method === 'GET') {
      // The agent's call (CTI) and REST token: for the portal's own forms, not for a script tag of
      // another origin's page (a script is readable cross-origin; the session cookie is sent to
      // another origin of the same site).
      return send(res, 200, await script(session), 'text/javascript; charset=utf-8', { 'Cross-Origin-Resource-Policy': 'same-origin' });
    }
    if (path === `${PREFIX}events` && req.method === 'GET') return events(session, req, res);
    if (path === `${PREFIX}state` && req.method === 'GET') return json(res, 200, session);
    if (req.method !== 'POST') {
      const readOnly = path === FRAMEWORK_PATH || path === `${PREFIX}events` || path === `${PREFIX}state`;
      return send(res, 405, 'Method Not Allowed', undefined, { Allow: readOnly ? 'GET' : 'POST' });
    }
    // A browser names the page's origin on every POST: the desk's state and the helpers answer the
    // portal's own pages only (another origin of the same site gets the session cookie, and a
    // no-cors POST would place calls or pause the agent).
    if (req.headers.origin !== undefined && req.headers.origin !== portalOrigin) return send(res, 403, 'Forbidden');
    let text;
    try {
      text = await readBody(req, 1 << 20);
    } catch (e) {
      // Over the limit: 413. The client gone mid-body: nobody to answer (send is a no-op then).
      return send(res, e.message === 'too-large' ? 413 : 400, e.message === 'too-large' ? 'Payload Too Large' : 'Bad Request');
    }
    const name = path.slice(`${PREFIX}helper/`.length);
    if (path.startsWith(`${PREFIX}helper/`) && has(HELPERS, name)) return helper(session, name, res, text);
    let body;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      return send(res, 400, 'Bad Request');
    }
    // The desk and the modes are objects (`null` would throw in them: a 500 for bad input).
    if (!isRecord(body) || nestsDeeperThan(body)) return send(res, 400, 'Bad Request');
    let outcome;
    if (path === `${PREFIX}desk`) outcome = desk(session, body);
    else if (path === `${PREFIX}modes`) modes(session, body);
    else return send(res, 404, 'Not Found');
    return json(res, 200, outcome ? { ...session.toJSON(), ...outcome } : session);
  }

  return {
    sessions,
    /**
     * A request to the legacy REST trees (not a flow's webhook) with no Authorization header but the
     * cookie of a desk with a live REST session gets that session's token, as a real portal's session
     * cookie stands for it (Integra's own test uploads its bases with cy.request and the portal's
     * cookies only). Not from another page: an Origin other than the portal's, or a Sec-Fetch-Site
     * other than same-origin or none, keeps the request as it came.
     */
    authorize(req) {
      if (req.headers.authorization !== undefined) return;
      const path = new URL(req.url ?? '/', 'http://sim').pathname;
      if (!/^\/Integra(?:Channels|Gamification)?\/resources\//.test(path) || /^\/IntegraChannels\/resources\/webhook\//i.test(path)) return;
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      if ((origin !== undefined && origin !== portalOrigin) || (site !== undefined && site !== 'same-origin' && site !== 'none')) return;
      const session = sessions.find(req);
      if (session?.token && rest.live(session.token)) req.headers.authorization = `Basic ${session.token}`;
    },
    /** A `Set-Cookie` value that gives a browser without one its own desk (set with the portal page). */
    cookieFor: (req) => sessions.newCookie(req),
    /** Serves the framework script and `/sim/framework/*`; false for any other path. */
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://sim').pathname;
      if (path !== FRAMEWORK_PATH && !path.startsWith(PREFIX)) return false;
      route(req, res, path).catch(() => send(res, 500, 'Internal Server Error'));
      return true;
    },
  };
}
