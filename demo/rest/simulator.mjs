// A strict, in-memory uContact REST server (spec sections 5 and 9) for the demo and the tests.
// Mount `handle` in any node:http server, or run `startRestServer()`. No dependencies.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { apiRoute, createApi } from './api.mjs';
import { Reject, hostTimeZone } from './checks.mjs';
import { ENDPOINTS, countDisposition, recordCall, storeSchedule, tagRecording } from './endpoints.mjs';
import { createFaults } from './faults.mjs';
import { BadEscape, TooManyFields, formFields, readBody, send } from './wire.mjs';
import { createTableStore } from '../framework/tables.mjs';
import { DEFAULT_ACCOUNTS, LIST_LIMIT, freshState, keep } from './fixtures.mjs';

const PREFIX = '/Integra/resources/';
// Other trees of the instance (contract section 5: a few groups live under IntegraChannels; the
// gamification API under IntegraGamification).
const ROOTS = ['/IntegraChannels/resources/', '/IntegraGamification/resources/'];
const MAX_BODY = 64 * 1024 * 1024;
// A webhook takes no token: any site's page can post a form to it (no-cors), and its key names are kept.
const WEBHOOK_BODY = 1 << 20;
// So are the logins and EndSession: what they parse before any check is a few fields.
const LOGIN_BODY = 1 << 16;
const TEXT = 'text/plain; charset=utf-8';
/** How getUserToken may answer (option and `/sim/faults` switch `tokenFormat`). */
const TOKEN_FORMATS = ['quoted', 'bare', 'array'];
/** How many requests `state.log` keeps (the latest): as many as the state's other lists. */
export const LOG_LIMIT = LIST_LIMIT;

/** The first `[name, value]` of each name, in order: how a Java server reads a field sent twice. */
function firstOfEach(pairs) {
  const seen = new Map();
  for (const [k, v] of pairs) if (!seen.has(k)) seen.set(k, v);
  return [...seen];
}

/**
 * The endpoint key of a URL path, as the client's endpoint table writes it: below `/Integra/resources/`
 * without it, other trees from the root with their leading slash. Undefined for other paths.
 */
function endpointKey(path) {
  if (path.startsWith(PREFIX)) return path.slice(PREFIX.length);
  return ROOTS.some((r) => path.startsWith(r)) ? path : undefined;
}

/**
 * True when a request's `Host` header (`name`, lower case) is one of a loopback server's own names on
 * `port` (127.0.0.1, localhost, [::1]; bare on port 80), or absent, as non-browser clients may send it.
 * Another name on a loopback server is DNS rebinding: a site whose name was made to resolve here,
 * same-origin with the simulator's state under that name.
 */
export function isOwnHost(name, port) {
  return name === undefined || ['127.0.0.1', 'localhost', '[::1]'].some((n) => name === `${n}:${port}` || (port === 80 && name === n));
}

/**
 * An origin as a browser's `Origin` header writes it: `HTTP://LOCALHOST:3000/`, copied from an address
 * bar, is `http://localhost:3000`. What is no http(s) origin (`'*'`, `localhost:3000`, a path) is a
 * TypeError: kept, it matched no request, and every preflight was a silent 403.
 */
export function asOrigin(value, name = 'allowedOrigins') {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.href !== `${url.origin}/`) {
    throw new TypeError(`${name} holds origins such as http://localhost:3000 (scheme, host and port; no path)`);
  }
  return url.origin;
}

/** The instance's zone option: an IANA name the platform knows (its own spelling), or this process's. */
function instanceZone(zone) {
  if (zone === undefined) return hostTimeZone();
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: typeof zone === 'string' && /^[A-Za-z]/.test(zone) ? zone : '?' }).resolvedOptions().timeZone;
  } catch {
    throw new TypeError('timeZone is the instance\'s zone, an IANA name such as America/Montevideo');
  }
}

/**
 * Creates the simulator. Options: `accounts` ({ users: {name: password}, userPhones?: {name: extension}, agents: {name: {password,
 * phone, context}}}), `tokenFormat` ('quoted' | 'bare' | 'array', how getUserToken answers),
 * `allowedOrigins` (CRM origins that get CORS headers), `recordings`, `campaigns` (fixtures),
 * `apiTokens` ({token: user}, the uContact X API's tokens, see api.mjs), `timeZone` (the instance's
 * zone, an IANA name: the dates it writes, such as a recorded call's, are local text there, as
 * uContact writes them; default this process's zone, its `TZ`).
 * Returns { handle(req, res): boolean, state, reset(), faults, config, tokens(), live(token), issueToken(agent),
 * issueApiToken(user), revokeApiToken(token), recordCall(call),
 * tagRecording(guid, tag), countDisposition(campaign), schedule(value) }.
 */
export function createRestSimulator(options = {}) {
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const config = {
    tokenFormat: options.tokenFormat ?? 'quoted', allowedOrigins: [...(options.allowedOrigins ?? [])].map((o) => asOrigin(o)),
    timeZone: instanceZone(options.timeZone),
  };
  const state = freshState(options.recordings, options.campaigns);
  const tokens = new Map(); // token → { user, kind, expired }
  const api = createApi(state, options.apiTokens); // the uContact X API (section 9), its own tokens
  let seq = 0;

  // `sessions.active` is counted as tokens are issued and ended, never recounted: a count over every
  // token issued (expired ones stay) cost each login as much as all the logins before it.
  const issue = (user, kind, token) => {
    tokens.set(token, { user, kind, expired: false });
    state.sessions.active++;
    return token;
  };
  const ctx = {
    state, accounts, config,
    // The instance's database, as FormGet, FormExec and FormSave reach it: the framework's table store
    // with its seed, one per state (reset() makes a fresh one). Each desk of the portal keeps its own.
    tables: createTableStore(),
    loginUser(user, password, via = 'getUserToken') {
      if (!Object.hasOwn(accounts.users, user) || accounts.users[user] !== password) throw new Reject('bad-credentials');
      state.sessions.userLogins++;
      const token = issue(user, 'user', Buffer.from(`${user}:${randomUUID()}`).toString('base64'));
      // UserLogin answers an array: for a user without a phone, element [2] (its last string) is the
      // token; for one with a phone, the md5secret of its SIP object there (documented).
      const phone = accounts.userPhones?.[user];
      if (via === 'UserLogin') {
        return JSON.stringify([1, user, phone ? { name: phone, callerid: phone, context: 'from-internal', type: 'friend', host: 'dynamic', md5secret: token } : token]);
      }
      if (config.tokenFormat === 'bare') return token;
      if (config.tokenFormat === 'array') return JSON.stringify(['OK', token]);
      return JSON.stringify(token);
    },
    loginAgent(agent, password) {
      const a = Object.hasOwn(accounts.agents, agent) ? accounts.agents[agent] : undefined;
      if (!a || a.password !== password) throw new Reject('bad-credentials');
      state.sessions.agentLogins++;
      // The documented shape (the Agent API page): the agent's SIP peer, every key of the page's answer in
      // its order, named by its extension (`name`, `defaultuser`, `callerid` the bare extension), the
      // agent's name in `accountcode`, `id` (the peer's row) and `limite` numbers, the page's SIP
      // settings; md5secret is base64 of `<agent>:uuid` (the token). The page's answer also holds the
      // SIP `secret`: left out here.
      const md5secret = issue(agent, 'agent', Buffer.from(`${agent}:${randomUUID()}`).toString('base64'));
      return JSON.stringify({
        id: Object.keys(accounts.agents).indexOf(agent) + 1, name: a.phone, host: 'dynamic', nat: 'yes', type: 'friend', accountcode: agent,
        callgroup: '', callerid: a.phone, canreinvite: '', context: a.context, dtmfmode: 'rfc2833', insecure: '', language: 'en', mailbox: '',
        md5secret, pickupgroup: '', qualify: 'yes', disallow: 'all', allow: 'alaw;ulaw', port: '', defaultuser: a.phone,
        subscribecontext: 'default', record: 'agent', email: '', phonetype: 'SoftPhone', LogLevel: 'SEVERE', limite: 0, transport: 'wss',
        encryption: 'yes', did: '', outboundproxy: '', fullname: a.fullname ?? agent,
      });
    },
    endSession(user, token) {
      const t = tokens.get(token);
      if (!t || t.user !== user) throw new Reject('unknown-session');
      tokens.delete(token);
      state.sessions.endSessions++;
      if (!t.expired) state.sessions.active--;
      return '1';
    },
  };
  const faults = createFaults(() => {
    for (const t of tokens.values()) t.expired = true;
    state.sessions.active = 0;
  });

  function record(method, path, status, outcome, log = state.log) {
    const entry = { seq: ++seq, method, path, status, outcome };
    // The latest LOG_LIMIT requests (`seq` counts them all): a demo open all day serves the whole
    // state to each portal page every second.
    keep(log, entry);
    return entry;
  }

  function cors(req, res) {
    const origin = req.headers.origin;
    if (origin && config.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      return true;
    }
    return false;
  }

  // One request: faults before, the body, the answer of `run(req, text, url, bytes)` ({ ran, status, body,
  // type, outcome, headers?, lateType? }), faults after (only when the route's handler `ran`).
  async function serve(req, res, path, url, run, limit = MAX_BODY) {
    const fault = faults.take(path);
    if (fault?.kind === 'drop' && !fault.after) {
      record(req.method, path, 0, 'fault:dropped');
      req.socket.destroy();
      return;
    }
    // A request held across a reset() is logged in the log of its time, not in the fresh one.
    const log = state.log;
    // A held request holds no process: a test that closes the server mid-hold ends at once (unref).
    if (fault?.kind === 'delay' && !fault.after) await new Promise((r) => setTimeout(r, fault.ms).unref());
    // The body is always read before answering: answering early makes clients see a reset, not the status.
    let text;
    let bytes;
    try {
      bytes = await readBody(req, limit, true);
      text = bytes.toString('utf8');
    } catch (e) {
      // A client gone mid-body gets no answer; the log says so, not that its body was too large.
      if (e.message === 'aborted') return void record(req.method, path, 0, 'aborted', log);
      return (record(req.method, path, 413, 'too-large'), send(res, 413, 'Payload Too Large'));
    }
    if (fault && !fault.after && fault.kind !== 'delay') return answerFault(req, res, path, fault, 'fault');
    const a = run(req, text, url, bytes);
    if (!a.ran) {
      for (const [name, value] of Object.entries(a.headers ?? {})) res.setHeader(name, value);
      return (record(req.method, path, a.status, a.outcome), send(res, a.status, a.body, a.type));
    }
    const lateType = a.lateType ?? a.type;
    if (fault?.after && fault.kind === 'drop') {
      record(req.method, path, 0, `${a.outcome}+fault:dropped`);
      if (!fault.midBody) return req.socket.destroy();
      // No Content-Length: a chunked answer that never ends.
      res.writeHead(a.status, { 'content-type': lateType });
      return void res.write(a.body.slice(0, Math.ceil(a.body.length / 2)) || ' ', () => req.socket.destroy());
    }
    if (fault?.after && fault.kind === 'delay') {
      // The work is done; the answer comes late (the client may have given up by then).
      record(req.method, path, a.status, `${a.outcome}+fault:delayed`);
      await new Promise((r) => setTimeout(r, fault.ms).unref());
      if (!res.destroyed) send(res, a.status, a.body, lateType);
      return;
    }
    if (fault?.after) return answerFault(req, res, path, fault, `${a.outcome}+fault`);
    record(req.method, path, a.status, a.outcome);
    send(res, a.status, a.body, a.type);
  }

  // The legacy API (sections 5 and 6) at endpoint key `key`: form fields in, `0` for bad input.
  function legacy(key, req, text, url, bytes) {
    const refuse = (status, outcome, body, headers) => ({ ran: false, status, outcome, body, type: TEXT, headers });
    const endpoint = Object.hasOwn(ENDPOINTS, key) ? ENDPOINTS[key] : undefined;
    if (!endpoint) return refuse(404, 'not-found', 'Not Found');
    if (!(endpoint.methods ?? ['POST']).includes(req.method)) return refuse(405, 'method-not-allowed', 'Method Not Allowed', { Allow: (endpoint.methods ?? ['POST']).join(', ') });
    // A POST whose fields are all in the query string (EndSession, queue members) may carry no body and no type.
    if (req.method === 'POST' && text !== '' && !/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(415, 'unsupported-media-type', 'Unsupported Media Type');
    }
    // A login from another site's page (a no-cors form POST needs no preflight): that page cannot read
    // the answer, and each one kept a token. The allowed origins and the request's own log in.
    const origin = req.headers.origin;
    if ((endpoint.login || endpoint.ownToken) && origin !== undefined && !config.allowedOrigins.includes(origin) && ![`http://${req.headers.host}`, `https://${req.headers.host}`].includes(origin)) {
      return refuse(403, 'forbidden-origin', 'Forbidden');
    }
    if (!endpoint.login && !((endpoint.ownToken || endpoint.tokenless) && req.headers.authorization === undefined)) {
      // The credential is read as base64, what is not base64 skipped (a production wallboard sends
      // `Basic <token>'` on every request and real servers take it): the token of those bytes.
      const m = /^Basic (\S+)$/i.exec(req.headers.authorization ?? '');
      const t = m ? tokens.get(Buffer.from(m[1], 'base64').toString('base64')) : undefined;
      if (!t || t.expired) return refuse(401, 'unauthorized', 'Unauthorized');
    }
    // Form fields from the body, in its declared charset, and from the query string where real clients send them there.
    let params;
    try {
      // A field named twice in the body (or twice in the query string) is read as its first value, as
      // a JAX-RS server reads a @FormParam: CleverIdeas' "Call Disposition" page, whose HTTP and Java
      // examples send `d2=&d2=`, is copied as it is. Named in both the body and the query: refused below.
      // A GET's body is not read (a JAX-RS @GET reads its @QueryParam): fields there are left out.
      const fromBody = req.method === 'GET' ? [] : formFields(bytes, req.headers['content-type']);
      params = [...firstOfEach(fromBody), ...firstOfEach(url.searchParams)];
    } catch (e) {
      // A `%` not followed by two hex digits: Java's URLDecoder throws, and the server answers 400
      // before the endpoint runs (a script's `LIKE '%ana%'` sent unencoded is such a `%`).
      if (e instanceof BadEscape) return refuse(400, 'bad-escape', 'Bad Request');
      // Past MAX_FIELDS fields, refused before any is read, as a server past its parameter count.
      if (e instanceof TooManyFields) return refuse(400, 'too-many-fields', 'Bad Request');
      throw e;
    }
    const keys = params.map(([k]) => k);
    const f = Object.fromEntries(params);
    let body;
    let outcome = 'ok';
    try {
      if (!endpoint.query && url.search) throw new Reject('unexpected-query');
      const allowed = [...endpoint.fields, ...(endpoint.optional ?? [])];
      if (new Set(keys).size !== keys.length) throw new Reject('duplicate-field');
      if (endpoint.fields.some((k) => !(k in f))) throw new Reject('missing-field');
      if (keys.some((k) => !allowed.includes(k))) throw new Reject('unexpected-field');
      // An optional field left out reaches the endpoint as null where it says so (`absent: null`), as a
      // JAX-RS server hands a missing @FormParam to its method.
      if (endpoint.absent === null) for (const k of endpoint.optional) if (!(k in f)) f[k] = null;
      body = endpoint.handle(f, ctx);
    } catch (e) {
      if (!(e instanceof Reject)) throw e;
      body = e.body ?? endpoint.refusal ?? '0';
      outcome = `rejected:${e.reason}`;
    }
    const json = body.startsWith('{') || body.startsWith('[') || body.startsWith('"');
    // A late or cut answer (faults `after`) goes out as text, whatever the body.
    return { ran: true, status: 200, body, outcome, type: json ? 'application/json' : TEXT, lateType: TEXT };
  }

  // Answers with a fault instead of the endpoint's answer: a status, a body, a redirect or a huge body.
  function answerFault(req, res, path, fault, prefix) {
    if (fault.kind === 'redirect') {
      record(req.method, path, fault.status, `${prefix}:redirect`);
      if (!res.destroyed) res.writeHead(fault.status, { Location: fault.location, 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('Moved');
      return;
    }
    if (fault.kind === 'huge') {
      const entry = record(req.method, path, 200, `${prefix}:huge`);
      return streamHuge(res, fault, entry);
    }
    record(req.method, path, fault.status, `${prefix}:${fault.kind === 'body' ? 'body' : fault.status}`);
    return send(res, fault.status, fault.kind === 'body' ? fault.body : 'Internal Server Error');
  }

  function control(req, res, path, allowed) {
    if (path === '/sim/state' && req.method === 'GET') {
      // Another site's page without CORS (an <img>, a no-cors fetch, a frame) cannot read it, and each
      // whole copy (up to some 30 MB that any site can fill) holds the simulator: refused before it is written.
      if (req.headers['sec-fetch-site'] === 'cross-site' && !allowed && req.headers['sec-fetch-dest'] !== 'document') return send(res, 403, 'Forbidden');
      // `?tail=n`: each list cut to its last n entries, with every list's length in `lengths`. The
      // portal page polls it every second: the whole state grew by some 400 bytes a call placed.
      const tail = new URL(req.url ?? '/', 'http://sim').searchParams.get('tail');
      if (tail !== null && !/^\d{1,4}$/.test(tail)) return send(res, 400, 'Bad Request');
      const shown = tail === null ? state : Object.fromEntries(Object.entries(state).map(([k, v]) => [k, Array.isArray(v) ? v.slice(v.length - Math.min(+tail, v.length)) : v]));
      if (tail !== null) shown.lengths = Object.fromEntries(Object.entries(state).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, v.length]));
      // Called from the request listener: a throw here would stop the whole simulator.
      let text;
      try {
        text = JSON.stringify(shown);
      } catch {
        return send(res, 500, 'Internal Server Error');
      }
      return send(res, 200, text, 'application/json');
    }
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', undefined, { Allow: path === '/sim/state' ? 'GET' : 'POST' });
    // The controls are for tests and the simulator's pages: a browser names the page's origin on a
    // POST, and any site's page could send one (no-cors) to switch faults or reset the state.
    if (req.headers.origin !== undefined && !config.allowedOrigins.includes(req.headers.origin)) return send(res, 403, 'Forbidden');
    readBody(req, 1 << 20).then((text) => {
      if (path === '/sim/reset') sim.reset();
      else {
        const cmd = JSON.parse(text || '{}');
        if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd)) throw new TypeError('the body must be a JSON object');
        // Checked before anything is applied: a refused switch leaves the faults as they were.
        if (cmd.tokenFormat && !TOKEN_FORMATS.includes(cmd.tokenFormat)) throw new TypeError(`tokenFormat must be one of ${TOKEN_FORMATS.join(', ')}`);
        faults.apply(cmd);
        if (cmd.tokenFormat) config.tokenFormat = cmd.tokenFormat;
      }
      send(res, 200, JSON.stringify({ pending: faults.pending, tokenFormat: config.tokenFormat }), 'application/json');
    }).catch((e) => {
      if (e.message === 'too-large') return send(res, 413, 'Payload Too Large');
      // A switch refused (a TypeError of the faults' checks) is named; other bad bodies are not JSON.
      send(res, 400, e instanceof TypeError ? `Bad Request: ${e.message}` : 'Bad Request');
    });
  }

  const sim = {
    state, faults, config,
    /** The instance's database (FormGet, FormExec, FormSave): a table store (`select`, `exec`, `insert`, `update`, `dump`); reset() makes a fresh one. */
    get tables() {
      return ctx.tables;
    },
    /** A token valid for `agent`, as AgentLogin gives one (base64 of `name:uuid`): the form framework's `Agent.token`. */
    issueToken: (agent) => issue(agent, 'agent', Buffer.from(`${agent}:${randomUUID()}`).toString('base64')),
    /** A fresh uContact X API token for `user` (`ucx-` and 32 hex digits), as made in the portal. */
    issueApiToken: (user) => api.issue(user),
    /** Revokes an API token (default, option or issued): its next request gets 401. True if it was live. */
    revokeApiToken: (token) => api.revoke(token),
    /**
     * Records a voice call placed or answered elsewhere than AgentCall (the portal, the form framework):
     * `{guid, campaign, callerid, agent}`, as AgentCall's are (a recording, its campaign's `totalcalls`);
     * a guid already recorded is left alone. True when it was new.
     */
    recordCall: (call) => recordCall(state, call, config.timeZone),
    /** Tags the recording of the call `guid` with `tag`'s `|`-joined labels, as TagRecording does. False when there is none. */
    tagRecording: (guid, tag) => tagRecording(state, guid, tag),
    /** Counts a call of `campaign` disposed elsewhere than DispositionCall in its `completed`, as DispositionCall does. */
    countDisposition: (campaign) => countDisposition(state, campaign),
    /**
     * Stores a Schedule object placed elsewhere than ScheduleDialerCall (the portal's schedule) in the
     * dialer's scheduled calls, checked as ScheduleDialerCall checks it. Undefined when stored; when it
     * refuses it (nothing stored), the reason ScheduleDialerCall would log (`bad-calldate`, …).
     */
    schedule(value) {
      try {
        storeSchedule(state, value);
        return undefined;
      } catch (e) {
        if (e instanceof Reject) return e.reason;
        throw e;
      }
    },
    /** True when `token` is a live session token (issued, not ended, not expired): one lookup, not a list of every token. */
    live: (token) => tokens.get(token)?.expired === false,
    /**
     * Live tokens (all issued ones with `true`), then the API tokens (they do not expire), for tests that
     * check nothing leaks them. Not served over HTTP.
     */
    tokens: (includeExpired = false) => [...[...tokens.entries()].filter(([, t]) => includeExpired || !t.expired).map(([k]) => k), ...api.tokens()],
    /**
     * Serves `/Integra/resources/*`, `/IntegraChannels/resources/*`, `/IntegraGamification/resources/*`, `/api/*` (with the webhooks, also
     * the legacy `/IntegraChannels/resources/webhook/*`) and `/sim/*`; returns false for any other path.
     */
    handle(req, res) {
      // A target no URL parser takes ('//') is no path of ours (thrown, it would stop the server).
      if (!URL.canParse(req.url ?? '/', 'http://sim')) return false;
      const url = new URL(req.url ?? '/', 'http://sim');
      const path = url.pathname;
      const route = apiRoute(path); // first: the legacy webhook path is in a legacy tree
      let key = route ? undefined : endpointKey(path);
      // An endpoint whose query may come as one path segment (`ReceiveURLSMS/phone=…&message=…`, no
      // `?`): served, logged and faulted as the endpoint, the segment read as its query string.
      let target = url;
      const cut = key?.lastIndexOf('/') ?? -1;
      const parent = cut > 0 ? key.slice(0, cut) : undefined;
      if (parent && !Object.hasOwn(ENDPOINTS, key) && Object.hasOwn(ENDPOINTS, parent) && ENDPOINTS[parent].segment && !url.search && key.length > cut + 1) {
        target = new URL(url);
        target.pathname = path.slice(0, path.lastIndexOf('/'));
        target.search = key.slice(cut + 1);
        key = parent;
      }
      const isApi = route !== undefined || key !== undefined;
      if (!isApi && path !== '/sim/state' && path !== '/sim/faults' && path !== '/sim/reset') return false;
      const allowed = cors(req, res);
      if (req.method === 'OPTIONS') {
        record('OPTIONS', target.pathname, allowed ? 204 : 403, allowed ? 'preflight' : 'preflight-refused');
        if (allowed) {
          res.setHeader('Access-Control-Allow-Methods', route ? 'GET, POST, PUT, PATCH, DELETE' : 'POST, GET');
          res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
          res.setHeader('Access-Control-Max-Age', '600');
        }
        send(res, allowed ? 204 : 403, '');
        return true;
      }
      const done = (p) => p.catch(() => send(res, 500, 'Internal Server Error'));
      if (!isApi) control(req, res, path, allowed);
      // uContact X paths are logged and faulted by their full path, legacy ones by their endpoint key.
      else if (route) done(serve(req, res, path, url, (r, text, u) => api.run(route, r, text, u), route.kind === 'webhook' ? WEBHOOK_BODY : MAX_BODY));
      else {
        const endpoint = Object.hasOwn(ENDPOINTS, key) ? ENDPOINTS[key] : undefined;
        const limit = endpoint?.maxBody ?? (endpoint?.login || endpoint?.ownToken ? LOGIN_BODY : MAX_BODY);
        done(serve(req, res, key, target, (r, text, u, bytes) => legacy(key, r, text, u, bytes), limit));
      }
      return true;
    },
    /** Back to the initial state: data, the database's tables, log, tokens (the API's initial ones, none issued), faults, the token format and the zone. */
    reset() {
      // The token format is a /sim/faults switch too: kept, one test's 'array' answered the next one's logins.
      config.tokenFormat = options.tokenFormat ?? 'quoted';
      config.timeZone = instanceZone(options.timeZone);
      const fresh = freshState(options.recordings, options.campaigns);
      for (const k of Object.keys(state)) delete state[k];
      Object.assign(state, fresh);
      ctx.tables = createTableStore();
      tokens.clear();
      api.reset();
      faults.clear();
      seq = 0;
    },
  };
  return sim;
}

/**
 * Streams `fault.bytes` bytes (with a Content-Length when `fault.contentLength`) and stops as soon as
 * the client goes away; `entry.bytes` says how many were written.
 */
function streamHuge(res, fault, entry) {
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  if (fault.contentLength) headers['Content-Length'] = String(fault.bytes);
  res.writeHead(200, headers);
  const piece = Buffer.alloc(64 * 1024, 'x');
  entry.bytes = 0;
  const pump = () => {
    while (!res.destroyed && entry.bytes < fault.bytes) {
      const n = Math.min(piece.length, fault.bytes - entry.bytes);
      entry.bytes += n;
      if (!res.write(n === piece.length ? piece : piece.subarray(0, n))) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.once('close', () => res.removeListener('drain', pump));
  pump();
}

/**
 * Starts a standalone simulator. Resolves with { url, port, server, sim, close() }.
 * @example const { url, sim, close } = await startRestServer({ port: 0 })
 */
export async function startRestServer({ port = 8090, host = '127.0.0.1', allowedOrigins = [], ...options } = {}) {
  const sim = createRestSimulator({ ...options, allowedOrigins });
  // DNS rebinding: on a loopback address, a request naming another host comes from a site whose name
  // was made to resolve here, same-origin with the state under that name. Elsewhere the names are not known.
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(host);
  let actual;
  const server = createServer((req, res) => {
    if (loopback && !isOwnHost(req.headers.host?.toLowerCase(), actual)) return send(res, 403, 'Forbidden');
    if (!sim.handle(req, res)) send(res, 404, 'Not Found');
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  actual = server.address().port;
  const close = () => new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
  // An IPv6 address goes in brackets, as a URL writes it ('http://::1:8090' is no URL).
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`, port: actual, server, sim, close };
}
