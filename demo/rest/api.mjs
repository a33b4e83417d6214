// The uContact X REST API with API tokens (contract section 9) of the REST simulator: dialer lists,
// fresh leads, interaction messages and the flow designer's webhooks. JSON in, JSON out. A refused
// request answers `{"error":…}`; bad input a short reason code, never a value (values may be phone
// numbers). The simulator's `serve` reads the body, applies the faults and logs; this module answers.
import { randomBytes, randomUUID } from 'node:crypto';
import { Reject, isRecord, isTimeZone, jsonField, reject } from './checks.mjs';
import { DEFAULT_API_TOKENS, HUBS, INTERACTIONS, keep } from './fixtures.mjs';

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
// The webhook paths, the current one and the legacy one (which lives in the IntegraChannels tree).
const WEBHOOK = /^\/(?:api|IntegraChannels\/resources)\/webhook\/([A-Za-z0-9_-]+)$/;
const HUB_ROUTE = /^\/api\/dialer\/id\/([^/]+)\/(lists|freshLeads)$/;
const MESSAGES = /^\/api\/interactions\/id\/([^/]+)\/messages$/;
const LOADING_MS = 50; // how long a loaded list stays `loading` before it goes `inactive`

const filled = (v) => typeof v === 'string' && v.trim() !== '';
const filledList = (v) => Array.isArray(v) && v.length > 0 && v.every(filled);
// A path segment; a malformed %-escape names no hub and no interaction (undefined).
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
// An integer a client can send exactly (a JavaScript safe integer).
const integer = (v) => (/^-?\d{1,16}$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined);

/**
 * The route of a path of this API: `{ kind: 'lists' | 'freshLeads', hub }`, `{ kind: 'messages', id }`,
 * `{ kind: 'webhook', name }`, or `{ kind: 'unknown' }` for any other path below `/api/`; undefined for
 * the rest. The simulator asks this before its legacy table, which takes all of `/IntegraChannels/resources/`.
 */
export function apiRoute(path) {
  const hook = WEBHOOK.exec(path);
  if (hook) return { kind: 'webhook', name: hook[1] };
  if (!path.startsWith('/api/')) return undefined;
  const hub = HUB_ROUTE.exec(path);
  if (hub) return { kind: hub[2], hub: decode(hub[1]) };
  const messages = MESSAGES.exec(path);
  if (messages) return { kind: 'messages', id: decode(messages[1]) };
  return { kind: 'unknown' };
}

// An answer for the simulator's `serve`: `ran` says the route's checks ran (faults `after` apply then).
const json = (ran, status, value, outcome, headers) => ({ ran, status, body: JSON.stringify(value), type: 'application/json', outcome, headers });
const refuse = (status, outcome, error, headers) => json(false, status, { error }, outcome, headers);

// Runs a route's checks and work: 200 `{result}`, or 400 `{error: reason}` for a Reject.
function answer(work) {
  try {
    return json(true, 200, { result: work() }, 'ok');
  } catch (e) {
    if (!(e instanceof Reject)) throw e;
    return json(true, 400, { error: e.reason }, `rejected:${e.reason}`);
  }
}

/**
 * The API over `state` (its `lists`, `freshLeads`, `webhooks`), with `apiTokens` (token → user, default
 * DEFAULT_API_TOKENS). Returns { run(route, req, text, url) → answer, issue(user), revoke(token),
 * tokens(), reset() }.
 */
export function createApi(state, apiTokens = DEFAULT_API_TOKENS) {
  const initial = Object.entries(apiTokens);
  if (initial.some(([t, user]) => !filled(t) || !filled(user))) throw new TypeError('apiTokens maps token strings to user names');
  const tokens = new Map(); // token → user

  // The user of the request's `Authorization: Bearer <token>`, if the token is live.
  function bearer(req) {
    const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    return m ? tokens.get(m[1]) : undefined;
  }

  // POST …/lists: `{filename, list: [{clientIds: […]}, …]}` (e-mail hubs: `clientId`); loads asynchronously.
  function loadList(name, hub, body) {
    if (!isRecord(body)) reject('bad-body');
    if (!Object.hasOwn(body, 'filename')) reject('missing-filename');
    if (!filled(body.filename)) reject('bad-filename');
    if (!Object.hasOwn(body, 'list')) reject('missing-list');
    if (!Array.isArray(body.list) || body.list.length === 0) reject('bad-list');
    for (const item of body.list) {
      if (!isRecord(item)) reject('bad-item');
      if (hub.channel === 'email' ? !filled(item.clientId) : !filledList(item.clientIds)) reject(hub.channel === 'email' ? 'bad-clientId' : 'bad-clientIds');
    }
    // Counts only: the items hold phone numbers and addresses.
    const entry = { hub: name, id: randomUUID(), filename: body.filename, status: 'loading', contacts: body.list.length };
    keep(state.lists, entry);
    setTimeout(() => {
      entry.status = 'inactive';
    }, LOADING_MS).unref();
    return { id: entry.id, filename: entry.filename, status: 'loading', contacts: entry.contacts };
  }

  function checkLead(lead) {
    if (!isRecord(lead)) reject('bad-lead');
    if (!filledList(lead.clientIds)) reject('bad-clientIds');
    if (lead.timezone !== undefined && !isTimeZone(lead.timezone)) reject('bad-timezone');
    if (lead.data !== undefined && !isRecord(lead.data)) reject('bad-data');
    if (lead.contactId !== undefined && !filled(lead.contactId)) reject('bad-contactId');
    if (lead.agent !== undefined && !filled(lead.agent)) reject('bad-agent');
  }

  // POST …/freshLeads: one lead `{clientIds, timezone?, data?, contactId?, agent?}` or `{leads: [lead, …]}`.
  function freshLeads(name, _hub, body) {
    if (!isRecord(body)) reject('bad-body');
    let leads = [body];
    if (Object.hasOwn(body, 'leads')) {
      // One shape or the other, not both.
      if (Object.hasOwn(body, 'clientIds')) reject('bad-body');
      if (!Array.isArray(body.leads) || body.leads.length === 0) reject('bad-leads');
      leads = body.leads;
    }
    leads.forEach(checkLead);
    keep(state.freshLeads, { hub: name, accepted: leads.length });
    return { accepted: leads.length };
  }

  // GET …/messages?lastMessage=&limit=: -1 the last `limit`; n the ones after id n; oldest first.
  function page(messages, query) {
    const keys = [...query.keys()];
    if (keys.length !== 2 || !query.has('lastMessage') || !query.has('limit')) reject('bad-query');
    const last = integer(query.get('lastMessage'));
    const limit = integer(query.get('limit'));
    // Real clients send limit=2000; no largest value is known, so any positive one is taken.
    if (!(last >= -1) || !(limit >= 1)) reject('bad-query');
    return last === -1 ? messages.slice(-limit) : messages.filter((m) => m.id > last).slice(0, limit);
  }

  // A webhook: any method, no token; JSON, form or no body. Only key names are kept, never values.
  function webhook(name, req, text) {
    const type = req.headers['content-type'] ?? '';
    let contentType = 'other';
    let fields = [];
    if (text === '') contentType = 'none';
    else if (JSON_TYPE.test(type)) {
      contentType = 'json';
      const value = jsonField(text, 'bad-json');
      if (isRecord(value)) fields = Object.keys(value);
    } else if (FORM_TYPE.test(type)) {
      contentType = 'form';
      fields = [...new Set(new URLSearchParams(text).keys())];
    }
    // Bounded (a page of any site may post them): the first 100 names, cut at 100 characters, of the latest 1,000.
    fields = fields.sort().slice(0, 100).map((k) => k.slice(0, 100));
    keep(state.webhooks, { name, method: req.method, contentType, fields, authorization: req.headers.authorization !== undefined });
    return { result: 'ok' };
  }

  const api = {
    /** Answers one request of `route` (from apiRoute) whose body is `text`. Order: 405, 415, 401, 404, 400. */
    run(route, req, text, url) {
      if (route.kind === 'unknown') return refuse(404, 'not-found', 'Not Found');
      if (route.kind === 'webhook') return answer(() => webhook(route.name, req, text));
      const method = route.kind === 'messages' ? 'GET' : 'POST';
      if (req.method !== method) return refuse(405, 'method-not-allowed', 'Method Not Allowed', { Allow: method });
      if (method === 'POST' && !JSON_TYPE.test(req.headers['content-type'] ?? '')) return refuse(415, 'unsupported-media-type', 'Unsupported Media Type');
      if (bearer(req) === undefined) return refuse(401, 'unauthorized', 'Unauthorized');
      if (route.kind === 'messages') {
        const messages = route.id !== undefined && Object.hasOwn(INTERACTIONS, route.id) ? INTERACTIONS[route.id] : undefined;
        if (!messages) return refuse(404, 'unknown-interaction', 'Unknown interaction');
        return answer(() => page(messages, url.searchParams));
      }
      const hub = route.hub !== undefined && Object.hasOwn(HUBS, route.hub) ? HUBS[route.hub] : undefined;
      if (!hub) return refuse(404, 'unknown-hub', 'Unknown hub');
      const work = route.kind === 'lists' ? loadList : freshLeads;
      return answer(() => work(route.hub, hub, jsonField(text, 'bad-json')));
    },
    /** A new token for `user`: `ucx-` and 32 hex digits. */
    issue(user) {
      if (!filled(user)) throw new TypeError('issueApiToken needs a user name');
      const token = `ucx-${randomBytes(16).toString('hex')}`;
      tokens.set(token, user);
      return token;
    },
    /** Revokes `token`; true if it was live. */
    revoke: (token) => tokens.delete(token),
    tokens: () => [...tokens.keys()],
    /** Back to the initial tokens; issued ones are dropped. */
    reset() {
      tokens.clear();
      for (const [token, user] of initial) tokens.set(token, user);
    },
  };
  api.reset();
  return api;
}
