import { jsonValue, stringify } from '../shared/json.js';
import {
  anObject, bad as badArg, flag, ianaTimeZone, integer, invalid, isRecord, list, MAX_SAFE, object, oneOf, optional, record, strings, text, type Rule, type Spec,
} from '../shared/validate.js';
import { CONNECTION, connect, limitsOf } from './connection.js';
import { kind, path } from './paths.js';
import { bad, json } from './parse.js';
import { lookup } from './record.js';
import { at, checkStatus, deliver, encodeForm, FORM, guarded, HOOKS, hooked, where, type Limits, type Outgoing, type Target } from './transport.js';
import type { ApiTokenClient, ApiTokenClientOptions, ApiTokenOperation } from './types.js';

// The REST API with API tokens (spec 9, v6 and uContact X): JSON bodies under `<instance>/api/`,
// `Authorization: Bearer <token>`. The token goes to the instance of `baseUrl` only: paths are
// checked, caller-chosen names are single encoded segments, redirects are refused (transport).

const OP = 'createApiTokenClient';

// An API token goes into a header exactly as the portal gave it: visible ASCII, no spaces.
const apiToken: Rule<string> = (op, name, v) => (typeof v === 'string' && /^[\x21-\x7e]{1,4096}$/.test(v)
  ? v : badArg(op, name, 'must be the API token as the portal gives it (visible characters, no spaces)'));

// A path from the instance root, with or without its leading slash: no scheme, host, query, `.` or `..`.
const fromRoot: Rule<string> = (op, name, v) => {
  try {
    return `/${path(op, name, v).replace(/^\//, '')}`;
  } catch {
    return badArg(op, name, 'must be a path from the instance root such as api/webhook/name (no host, query, . or .. segments)');
  }
};

/** Where each group of the API lives: the defaults of the `paths` option (a third-party guide writes `api/dialers/id`). */
const PATHS = {
  dialer: /* @__PURE__ */ optional(fromRoot, '/api/dialer/id'),
  interactions: /* @__PURE__ */ optional(fromRoot, '/api/interactions/id'),
  webhook: /* @__PURE__ */ optional(fromRoot, '/api/webhook'),
};

const PATHS_OPTION = /* @__PURE__ */ optional(/* @__PURE__ */ object(PATHS));

// One path segment the caller names (a hub, an interaction, a webhook): sent encoded, never `.` or
// `..` nor holding one between slashes or backslashes (a proxy or server that decodes %2F before it
// resolves dot segments would route `..%2F..%2Fwebhook%2Fx` elsewhere, the token with it), so the
// request stays where it was meant to go. A lone surrogate has no UTF-8 (encodeURIComponent
// would throw a URIError): refused.
const segment: Rule<string> = (op, name, v) => (/(^|[/\\])\.\.?([/\\]|$)|\p{Cs}/u.test(text(op, name, v))
  ? badArg(op, name, 'must be a name (no lone surrogate), not . or ..') : encodeURIComponent(v as string));


// Payload objects are JSON, their known fields checked, other fields kept (the API takes more than
// the fields seen), except one that differs from a known field only in letter case (`clientID`).
const payload = <T>(spec: Spec, check?: (op: string, name: string, r: Record<string, unknown>) => void): Rule<T> =>
  (op, name, v) => {
    // A field set to undefined is left out, as JSON.stringify and the other argument checks do.
    const given: Record<string, unknown> = { ...anObject(op, name, v) };
    for (const k of Object.keys(given)) if (given[k] === undefined) delete given[k];
    const value = jsonValue(op, given, name) as Record<string, unknown>;
    const known = Object.keys(spec);
    const [mine, others] = [true, false].map((is) => Object.fromEntries(Object.entries(value).filter(([k]) => known.includes(k) === is)));
    for (const k of Object.keys(others!)) {
      const close = known.find((n) => n.toLowerCase() === k.toLowerCase());
      if (close) invalid(op, `${name} has an unknown key '${name}.${k}' (did you mean '${name}.${close}'?)`);
    }
    const r = { ...others, ...record(op, mine, spec, name) };
    check?.(op, name, r);
    return r as T;
  };

// A contact of a list: `clientIds` (telephony, WhatsApp, …) or `clientId` (email hubs).
const CONTACT = { clientIds: /* @__PURE__ */ optional(/* @__PURE__ */ list(text)), clientId: /* @__PURE__ */ optional(text) };
const contact = /* @__PURE__ */ payload(CONTACT, (op, name, r) => {
  if (r.clientIds === undefined && r.clientId === undefined) badArg(op, name, 'needs clientIds (or clientId on an email hub)');
}) as Rule<unknown>;

const LEAD = {
  clientIds: /* @__PURE__ */ list(text), timezone: /* @__PURE__ */ optional(ianaTimeZone), data: /* @__PURE__ */ optional(anObject),
  contactId: /* @__PURE__ */ optional(text), agent: /* @__PURE__ */ optional(text),
};
const lead = /* @__PURE__ */ payload(LEAD) as Rule<unknown>;

const LIST = { filename: text, list: /* @__PURE__ */ list(contact) };
const LEADS = { leads: /* @__PURE__ */ list(lead) };
const JSON_TYPE = 'application/json; charset=UTF-8';

const MESSAGES = {
  lastMessage: /* @__PURE__ */ optional(/* @__PURE__ */ integer(-1, MAX_SAFE), -1),
  limit: /* @__PURE__ */ optional(/* @__PURE__ */ integer(1, MAX_SAFE), 2000),
};

const METHOD = /* @__PURE__ */ oneOf('GET', 'POST', 'PUT', 'PATCH', 'DELETE');

// What webhook and request add to REQUEST_OPTIONS; spread at the call (limitsOf), not here: esbuild keeps a
// module-level spread, and with it every rule, in a bundle that never uses them.
const WEBHOOK_OPTIONS = {
  method: /* @__PURE__ */ optional(METHOD, 'POST' as const), query: /* @__PURE__ */ optional(strings),
  form: /* @__PURE__ */ optional(flag, false), auth: /* @__PURE__ */ optional(flag, false),
};

const RAW_OPTIONS = {
  query: /* @__PURE__ */ optional(strings), kind: /* @__PURE__ */ optional(kind),
  parse: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('json', 'text')), form: /* @__PURE__ */ optional(flag, false),
  auth: /* @__PURE__ */ optional(flag),
};

/** How a request is read: its body as text, JSON (`BAD_RESPONSE` if not), or lenient: JSON, and a write's answer that is not JSON as its text (the server took it). */
type Reading = 'text' | 'json' | 'lenient';

/**
 * Creates a client for uContact's REST API with an API token (spec 9: `Authorization: Bearer
 * <token>`, JSON bodies, `<baseUrl>/api/…`): loading contact lists and fresh leads into a dialer
 * hub, reading an interaction's messages, calling a flow's webhook, and raw requests. Reads are
 * retried on network errors and 5xx, writes never, redirects refused, every argument checked before
 * anything is sent. Throws `INVALID_ARGUMENT` for bad options (unknown keys included).
 *
 * @example
 * const api = createApiTokenClient({ baseUrl: 'https://acme.ucontactcloud.com', token: process.env.UC_API_TOKEN })
 * await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] })
 */
export function createApiTokenClient(options: ApiTokenClientOptions): ApiTokenClient {
  // No prototype: read for every request (see createUContactClient).
  // Spread here, not at module level, which esbuild keeps (see createUContactClient).
  const o = record(OP, options, { ...CONNECTION, token: apiToken, paths: PATHS_OPTION }, 'options', Object.create(null) as Record<string, unknown>);
  const transport = connect(OP, o);
  const paths = o.paths ?? object(PATHS)(OP, 'paths', {});
  const bearer = `Bearer ${o.token}`;

  const exchange = (name: ApiTokenOperation, target: Target, out: Outgoing, limits: Limits,
    reading: Reading = 'lenient'): Promise<unknown> =>
    guarded(transport, name, limits, async (deadline) => {
      const answer = await deliver(transport, name, target, out, deadline);
      checkStatus(name, target, answer.status, `${where(target)} refused ${out.auth ? 'the API token' : 'the request (sent without the API token)'} (HTTP 401)`);
      const body = answer.body.trim();
      const write = target.kind === 'write';
      if (reading === 'text') return answer.body;
      // No body (204): nothing to read. A write's answer that is not JSON is still its answer: the server acted.
      if (!body && write) return undefined;
      if (reading === 'lenient' && write) {
        try {
          return JSON.parse(body) as unknown;
        } catch {
          return body;
        }
      }
      return json(name, body, write);
    });

  const jsonOut = (body: unknown): Outgoing => ({ method: 'POST', body: stringify(body), type: JSON_TYPE, auth: bearer });

  return {
    async loadList(hub, args, options) {
      const name = 'loadList';
      const limits = limitsOf(name, options);
      const to = at(`${paths.dialer}/${segment(name, 'hub', hub)}/lists`, 'write');
      const body = record(name, args, LIST);
      return exchange(name, to, jsonOut(body), limits);
    },
    async freshLeads(hub, leads, options) {
      const name = 'freshLeads';
      const limits = limitsOf(name, options);
      const to = at(`${paths.dialer}/${segment(name, 'hub', hub)}/freshLeads`, 'write');
      const body = isRecord(leads) && leads.leads !== undefined ? record(name, leads, LEADS) : lead(name, 'lead', leads);
      return exchange(name, to, jsonOut(body), limits);
    },
    async interactionMessages(id, query, options) {
      const name = 'interactionMessages';
      const limits = limitsOf(name, options);
      const q = record(name, query ?? {}, MESSAGES, 'query');
      const to = at(`${paths.interactions}/${segment(name, 'id', id)}/messages`, 'read',
        { lastMessage: String(q.lastMessage), limit: String(q.limit) });
      const answer = await exchange(name, to, { method: 'GET', auth: bearer }, limits, 'json');
      // `{result: […]}` as the server writes it; a bare list is taken too.
      const messages = isRecord(answer) ? lookup(answer, 'result') : answer;
      return Array.isArray(messages) ? messages : bad(name, 'no list of messages');
    },
    async webhook(hook, body, options) {
      const name = 'webhook';
      const r = limitsOf(name, options, WEBHOOK_OPTIONS);
      const to = at(`${paths.webhook}/${segment(name, 'name', hook)}`, 'write', r.query);
      return exchange(name, to, outgoing(name, r.method, body, r.form, r.auth ? bearer : undefined), r);
    },
    async request(method, to, body, options) {
      const name = 'request';
      const r = limitsOf(name, options, RAW_OPTIONS);
      const m = METHOD(name, 'method', method);
      const p = fromRoot(name, 'path', to);
      // Not below a flow's webhook (paths.webhook or the defaults, from the root or the host, see hooked).
      // Below one, as webhook(): no token unless auth: true, and a GET is a write (it runs the flow too).
      const api = !hooked(transport.root, p, [paths.webhook, ...HOOKS]);
      return exchange(name, at(p, r.kind ?? (api && m === 'GET' ? 'read' : 'write'), r.query),
        outgoing(name, m, body, r.form, r.auth ?? api ? bearer : undefined), r, r.parse);
    },
  };
}

// The request of a webhook or raw call: no body for GET (its fields go in `query`), else JSON, or
// form fields with `form: true`.
function outgoing(name: string, method: string, body: unknown, form: boolean, auth: string | undefined): Outgoing {
  if (body === undefined) return { method, auth };
  if (method === 'GET') invalid(name, 'body: a GET request carries none (pass query in the options)');
  return form
    ? { method, auth, body: encodeForm(strings(name, 'body', body)), type: FORM }
    : { method, auth, body: stringify(jsonValue(name, body, 'body')), type: JSON_TYPE };
}
