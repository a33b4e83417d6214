// Fault switches of the REST simulator: each rule applies to the next `count` requests (of one path,
// when `path` is given, after letting `skip` of them through), in the order the rules were added.

import { MAX_TIMER_MS } from './checks.mjs';

// Paths as the client's endpoint table writes them (and the request log shows them): `Group/Method`
// below /Integra/resources/, or `/IntegraChannels/resources/…` and the uContact X `/api/…` from the root.
const norm = (path) => (path === undefined ? undefined
  : String(path).replace(/^\/?Integra\/resources\//, '').replace(/^\/+(?!IntegraChannels\/|api\/)/, ''));

function count(n) {
  const c = n ?? 1;
  if (!Number.isInteger(c) || c < 1) throw new TypeError('count must be a positive integer');
  return c;
}

/** The fault switches; `onExpire` expires every live token. */
export function createFaults(onExpire) {
  const rules = [];
  const add = (rule) => {
    const skip = rule.skip ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw new TypeError('skip must be a non-negative integer');
    rules.push({ ...rule, path: norm(rule.path), count: count(rule.count), skip });
    return faults;
  };
  const faults = {
    /** Answer `status` (default 500); with `after: true` the endpoint runs first and its answer is lost. */
    fail: ({ status = 500, count, path, after = false, skip } = {}) => add({ kind: 'status', status, count, path, after, skip }),
    /** Wait `ms` before handling. */
    // `after: true`: the endpoint runs first, then the answer is held (delay), lost (drop) or replaced (body).
    delay: ({ ms, count, path, skip, after = false } = {}) => {
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMER_MS) throw new TypeError(`ms must be an integer from 0 to ${MAX_TIMER_MS}`);
      return add({ kind: 'delay', ms, count, path, skip, after });
    },
    /** Destroy the socket without an answer. */
    // `midBody` (with `after`): the status and half the answer go out, then the connection is cut.
    drop: ({ count, path, skip, after = false, midBody = false } = {}) => add({ kind: 'drop', count, path, skip, after, midBody }),
    /** Answer `body` (e.g. malformed JSON) with `status` (default 200) instead of the real answer. */
    body: ({ body, status = 200, count, path, skip, after = false } = {}) => add({ kind: 'body', body: String(body), status, count, path, skip, after }),
    /** Answer a redirect (`status` 301/302/303/307/308, default 302) to `location`; `after: true` runs the endpoint first. */
    redirect: ({ status = 302, location, count, path, skip, after = false } = {}) => {
      if (!(status >= 300 && status < 400) || typeof location !== 'string') throw new TypeError('redirect needs a 3xx status and a location');
      return add({ kind: 'redirect', status, location, count, path, skip, after });
    },
    /** Answer 200 with a body of `bytes` bytes, streamed (with a Content-Length when `contentLength`), cut when the client leaves. */
    huge: ({ bytes, contentLength = false, count, path, skip, after = false } = {}) => {
      if (!Number.isInteger(bytes) || bytes < 1) throw new TypeError('bytes must be a positive integer');
      return add({ kind: 'huge', status: 200, bytes, contentLength, count, path, skip, after });
    },
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
    /** Applies a JSON switch object (the body of POST /sim/faults). */
    apply(cmd) {
      if (cmd.clear) faults.clear();
      for (const kind of ['fail', 'delay', 'drop', 'body', 'redirect', 'huge']) if (cmd[kind]) faults[kind](cmd[kind]);
      if (cmd.expireTokens) faults.expireTokens();
      return faults;
    },
  };
  return faults;
}
