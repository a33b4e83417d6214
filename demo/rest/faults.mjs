// Fault switches of the REST simulator: each rule applies to the next `count` requests (of one path,
// when `path` is given, after letting `skip` of them through), in the order the rules were added.

import { MAX_TIMER_MS } from './checks.mjs';

// Paths as the client's endpoint table writes them (and the request log shows them): `Group/Method`
// below /Integra/resources/, or `/IntegraChannels/resources/…`, `/IntegraGamification/resources/…` and
// the uContact X `/api/…` from the root.
const norm = (path) => (path === undefined ? undefined
  : String(path).replace(/^\/?Integra\/resources\//, '').replace(/^\/+(?!IntegraChannels\/|IntegraGamification\/|api\/)/, ''));

function count(n) {
  const c = n ?? 1;
  if (!Number.isInteger(c) || c < 1) throw new TypeError('count must be a positive integer');
  return c;
}

// What a rule keeps is checked as it is added: an unchecked value (a nested object as `status` or
// `after`) went into `pending` and every later answer of POST /sim/faults (JSON.stringify overflowed
// on it: a 400 until a restart), or into writeHead when the rule fired.
function flag(value, name) {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false`);
  return value;
}

function status(value, low, high) {
  if (!Number.isInteger(value) || value < low || value > high) throw new TypeError(`status must be an integer from ${low} to ${high}`);
  return value;
}

/** The fault switches; `onExpire` expires every live token. */
export function createFaults(onExpire) {
  const rules = [];
  const checked = ({ path, count: n, skip = 0, after = false, ...rest }) => {
    if (path !== undefined && typeof path !== 'string') throw new TypeError('path must be a string');
    if (!Number.isInteger(skip) || skip < 0) throw new TypeError('skip must be a non-negative integer');
    return { ...rest, path: norm(path), count: count(n), skip, after: flag(after, 'after') };
  };
  // Each switch's rule, checked, not yet armed.
  const make = {
    fail: ({ status: code = 500, count, path, after, skip } = {}) => checked({ kind: 'status', status: status(code, 200, 599), count, path, after, skip }),
    delay: ({ ms, count, path, skip, after } = {}) => {
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMER_MS) throw new TypeError(`ms must be an integer from 0 to ${MAX_TIMER_MS}`);
      return checked({ kind: 'delay', ms, count, path, skip, after });
    },
    drop: ({ count, path, skip, after, midBody = false } = {}) => checked({ kind: 'drop', count, path, skip, after, midBody: flag(midBody, 'midBody') }),
    body: ({ body, status: code = 200, count, path, skip, after } = {}) => {
      if (typeof body !== 'string') throw new TypeError('body must be a string');
      return checked({ kind: 'body', body, status: status(code, 200, 599), count, path, skip, after });
    },
    redirect: ({ status: code = 302, location, count, path, skip, after } = {}) => {
      if (typeof location !== 'string') throw new TypeError('location must be a string');
      return checked({ kind: 'redirect', status: status(code, 300, 399), location, count, path, skip, after });
    },
    huge: ({ bytes, contentLength = false, count, path, skip, after } = {}) => {
      if (!Number.isInteger(bytes) || bytes < 1) throw new TypeError('bytes must be a positive integer');
      return checked({ kind: 'huge', status: 200, bytes, contentLength: flag(contentLength, 'contentLength'), count, path, skip, after });
    },
  };
  const add = (r) => {
    rules.push(r);
    return faults;
  };
  const faults = {
    /** Answer `status` (default 500); with `after: true` the endpoint runs first and its answer is lost. */
    fail: (o) => add(make.fail(o)),
    /** Wait `ms` before handling. */
    // `after: true`: the endpoint runs first, then the answer is held (delay), lost (drop) or replaced (body).
    delay: (o) => add(make.delay(o)),
    /** Destroy the socket without an answer. */
    // `midBody` (with `after`): the status and half the answer go out, then the connection is cut.
    drop: (o) => add(make.drop(o)),
    /** Answer `body` (e.g. malformed JSON) with `status` (default 200) instead of the real answer. */
    body: (o) => add(make.body(o)),
    /** Answer a redirect (`status` 301/302/303/307/308, default 302) to `location`; `after: true` runs the endpoint first. */
    redirect: (o) => add(make.redirect(o)),
    /** Answer 200 with a body of `bytes` bytes, streamed (with a Content-Length when `contentLength`), cut when the client leaves. */
    huge: (o) => add(make.huge(o)),
    /** Expire every token issued so far: the next request with one gets 401. */
    expireTokens: () => {
      onExpire();
      return faults;
    },
    clear: () => {
      rules.length = 0;
      return faults;
    },
    /** The rules still armed (a copy). */
    get pending() {
      return rules.map((r) => ({ ...r }));
    },
    /** Takes the next rule for `path`, if any. */
    take(path) {
      const i = rules.findIndex((r) => r.path === undefined || r.path === path);
      if (i < 0) return undefined;
      const rule = rules[i];
      // `skip` lets the first matching requests through (e.g. fail the 2nd chunk of an upload).
      if (rule.skip > 0) {
        rule.skip--;
        return undefined;
      }
      if (--rule.count === 0) rules.splice(i, 1);
      return rule;
    },
    /**
     * Applies a JSON switch object (the body of POST /sim/faults): all of it, or, when a switch is
     * refused, none of it (a TypeError naming the switch and its field).
     */
    apply(cmd) {
      const made = [];
      for (const kind of ['fail', 'delay', 'drop', 'body', 'redirect', 'huge']) {
        if (!cmd[kind]) continue;
        try {
          made.push(make[kind](cmd[kind]));
        } catch (e) {
          throw e instanceof TypeError ? new TypeError(`${kind}: ${e.message}`) : e;
        }
      }
      if (cmd.clear) faults.clear();
      made.forEach(add);
      if (cmd.expireTokens) faults.expireTokens();
      return faults;
    },
  };
  return faults;
}
