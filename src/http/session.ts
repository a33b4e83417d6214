import { fail } from '../errors.js';
import { given, bad, invalid, isRecord, oneOf, optional, record, secret, text, type Rule } from '../shared/validate.js';
import { startDeadline, within, type Deadline } from './deadline.js';
import type { EndpointTable } from './endpoints.js';
import { isToken, parseAgentLogin, parseToken, tokenText } from './parse.js';
import { isZero, post, settle, type HttpAnswer, type Transport } from './transport.js';

/** The checked credentials: how to log in, and the session owner's name (user or agent) when known. */
export type Login =
  | { readonly kind: 'user'; readonly user: string; readonly password: string; readonly userLogin: boolean }
  | { readonly kind: 'agent'; readonly user: string; readonly password: string }
  | { readonly kind: 'token'; readonly user: string | undefined; readonly token: string };

const token: Rule<string> = (op, name, v) =>
  isToken(v) ? v : bad(op, name, 'must be a uContact token (base64 of user:uuid, as the server returned it)');

// uContact tokens are base64 of `user:uuid` (UTF-8); the user part names the session's owner for
// EndSession and the default username of an upload. Only called on a value isToken() accepted.
function userOfToken(value: string): string | undefined {
  const plain = tokenText(value);
  const i = plain.indexOf(':');
  return i > 0 ? plain.slice(0, i) : undefined;
}

/**
 * The `credentials` option, checked: one of the three shapes of `Credentials`, chosen by its
 * keys, with any other key refused. Messages name fields only, never values.
 */
export const credentials: Rule<Login> = (op, name, v) => {
  const c = given(v);
  if (isRecord(c) && c.token !== undefined) {
    const t = record(op, c, { token, user: optional(text) }, name);
    return { kind: 'token', token: t.token, user: t.user ?? userOfToken(t.token) };
  }
  if (isRecord(c) && c.user === undefined && c.agent !== undefined) {
    const a = record(op, c, { agent: text, password: secret }, name);
    return { kind: 'agent', user: a.agent, password: a.password };
  }
  if (isRecord(c) && c.user === undefined) bad(op, name, 'must hold user and password, agent and password, or token');
  const u = record(op, c, { user: text, password: secret, login: optional(oneOf('getUserToken', 'UserLogin')) }, name);
  return { kind: 'user', user: u.user, password: u.password, userLogin: u.login === 'UserLogin' };
};

/**
 * The session token: one login in flight shared by every caller, renewed once per expiry, ended by
 * {@link Session.end}. A fixed `{ token }` is never renewed.
 */
export interface Session {
  /** True when a 401 may be cured by logging in again. */
  readonly renewable: boolean;
  /** The session owner's name (user or agent), when known. */
  readonly user: string | undefined;
  /** The current token, logging in first if needed. */
  current(deadline: Deadline, operation: string): Promise<string>;
  /**
   * A token other than `stale` (by identity: each login's is its own, see start()): the one another
   * caller already got, or a new login; '' (no replay) when close() ended `stale`, or ended the
   * session since and no login has answered after. With no token, the re-login of the expiry on
   * record (running or refused) answers a 401 of any older token too: one login per expiry.
   */
  renew(stale: string, deadline: Deadline, operation: string): Promise<string>;
  /** Ends the session (auth/EndSession) if one is open. Needs no `this`: close() hands it on as it is. */
  readonly end: (deadline: Deadline) => Promise<void>;
}

// A closure, not a class: its state is local variables, which a minifier shortens (a class's
// private fields stay `this.loginTimeoutMs` in every bundle).
export function createSession(login: Login, transport: Transport, table: EndpointTable, loginTimeoutMs: number): Session {
  // A fixed `{ token }` is never renewed (its kind read once, here).
  const renewable = login.kind !== 'token';
  // '' once close() ended the client's session, until a login answers: see renew().
  let token = renewable ? undefined : login.token;
  let pending: Promise<string> | undefined;
  // Stops the login under way; how many calls (and close()) wait for it.
  let stop: AbortController | undefined;
  let waiters = 0;
  let ending: Promise<unknown> | undefined;
  // The token of the last expiry and the login that answered it: a 401 of any call sent with that
  // token (or, while no login has answered since, an older one) joins that login, done or refused.
  // Once per expiry: a refused password tried again for each call in flight (twenty for a server's
  // twenty) could lock the account. Also the token close()
  // ended (or is ending), answered '' (no replay): a 401 with it is close()'s doing, not an expiry.
  // (By identity: a new login's token is another, whatever its text.)
  let expired: string | undefined;
  // The token the last EndSession was sent with: a failed close() forgets its own mark only.
  let closing: string | undefined;
  let renewal: Promise<string> | undefined;
  // Set once getUserToken answered 404: the server only has UserLogin.
  let userLogin = false;

  // Waits for the login under way (`p`) within the caller's deadline. The login outlives a caller
  // that gives up, as others may share it, but not the last one: left running, it held a Node process
  // open until its own time limit (30 s by default) after every call had settled.
  const join = async <T>(p: Promise<T>, deadline: Deadline, operation: string): Promise<T> => {
    waiters++;
    try {
      return await within(p, deadline, operation);
    } finally {
      // Every login started has a waiter at once (start() is only called for join()): none left, none needed.
      if (!--waiters) {
        // A re-login stopped so is no answer to its expiry: a 401 of a call sent with that token,
        // which arrives later, logs in again (it was handed this stop as ABORTED, its own signal untouched).
        if (renewal === pending) expired = undefined;
        pending = undefined;
        stop?.abort();
      }
    }
  };

  // The login runs under its own time limit, not the first caller's: other callers share it, and one
  // caller aborting must not fail them all.
  const start = (): Promise<string> => {
    if (pending) return pending;
    stop = new AbortController();
    const deadline = startDeadline(loginTimeoutMs, stop.signal);
    const p = fetchToken(deadline).then((t) => {
      // A String object per login, told from the one before by identity even when the server hands
      // back the same token (an agent's md5secret may be fixed): renew() compares what a call sent with.
      // It goes out as its text (`Basic ${token}`, the form of EndSession).
      return token = Object(t) as string;
    }).finally(() => {
      deadline.dispose();
      if (pending === p) pending = undefined;
    });
    return pending = p;
  };

  async function fetchToken(deadline: Deadline): Promise<string> {
    // Nothing runs before start() has stored this login as pending: a log hook (or a fetch) that
    // calls the client joins it, and close() from there ends its session, instead of a second login.
    // (`await`, not the page's Promise: a legacy polyfill may have no finally.)
    await 0;
    if (!renewable) return login.token;
    const send = (name: 'getUserToken' | 'userLogin' | 'agentLogin'): Promise<HttpAnswer> => {
      transport.log({ type: 'login', endpoint: name });
      // `user` or `agent` (login.kind): the key each login endpoint reads the name from.
      return post(transport, name, table[name], { [login.kind]: login.user, password: login.password }, undefined, deadline);
    };
    let name: 'getUserToken' | 'userLogin' | 'agentLogin' =
      login.kind === 'agent' ? 'agentLogin' : login.userLogin || userLogin ? 'userLogin' : 'getUserToken';
    let answer = await send(name);
    if (answer.status === 404 && name === 'getUserToken') {
      // Servers without getUserToken still have the older UserLogin: real clients fall back to it, once.
      userLogin = true;
      answer = await send(name = 'userLogin');
    }
    const { status } = answer;
    const spec = table[name];
    // The body of any other status is never read (''): only a 2xx answer can be the `0`.
    if (status === 401 || status === 403 || isZero(answer.body)) {
      fail('UNAUTHORIZED', name, `${spec.path} refused the credentials`, { status });
    }
    const body = settle(name, spec, answer);
    return name === 'agentLogin' ? parseAgentLogin(name, body) : parseToken(name, body);
  }

  // Ends the session open (end() has waited for a login under way).
  async function endNow(deadline: Deadline): Promise<void> {
    const name = 'endSession';
    const t = token;
    if (!t) return;
    const user = login.user ?? invalid('close', 'credentials.user is needed to end a session whose token names no user');
    expired = closing = t;
    renewal = Promise.resolve('');
    const answer = await post(transport, name, table[name], { user, token: t }, t, deadline);
    // A 401 means the session is already over: that is what close() asked for.
    if (answer.status !== 401) settle(name, table[name], answer);
    // Ended: a second close() sends nothing; the next call logs in again (a fixed token: takes it again).
    // '' (closed), also when a 401 during EndSession had dropped t; a session a login opened meanwhile
    // is the client's (its token stays, its expiry logs in again).
    token = token !== t && token || '';
    transport.log({ type: 'session-end', endpoint: name, status: answer.status });
  }

  // Two close() at once share one EndSession, each within its own deadline. It runs under the
  // deadline of the close() that sent it; when that one's signal or time limit ends it, the others
  // still waiting go on (its error is their sign to, not their failure) and end the session themselves.
  // Each close() waits for a login under way as one of its callers: another giving up does not stop it.
  const end = async (deadline: Deadline): Promise<void> => {
    if (pending) await join(pending.catch(() => undefined), deadline, 'endSession');
    // Failed, the session stays the client's: a 401 with its token is an expiry again (a new login).
    // Only its own: an expiry met meanwhile (a login of a call during EndSession) stays answered once.
    if (await within(ending ??= endNow(deadline).catch((e: unknown) => (closing == expired && (expired = undefined), deadline.failure('') || Promise.reject(e)))
      .finally(() => { ending = undefined; }), deadline, 'endSession')) return end(deadline);
  };

  return {
    renewable,
    user: login.user,
    current: async (deadline, operation) => token || join(start(), deadline, operation),
    async renew(stale, deadline, operation) {
      // A login's token is a String object (start()), never falsy.
      if (token && token !== stale) return token;
      // Only called when renewable. Closed (''): no login until one answers, for any token, so also for a
      // late 401 of an older one whose expiry the ended session had answered (close() marked the ended
      // token over it); it joins renewal (close()'s '', or a re-login begun during EndSession).
      // No token ('' passes ?? as itself) and an expiry on record (`expired`, always set with renewal,
      // to the session's newest token): that expiry's re-login (running or refused) or close()'s ''
      // answers any 401, also one of a token older than `expired`, whose own expiry an earlier login
      // answered; only a 401 of the current token is a new expiry. (Before, such a late 401 put its
      // token in `expired`, logged 'relogin' again, and the next 401 of the newer token logged in once
      // more: the refused password tried twice for one expiry.) With none on record (a re-login
      // stopped, a failed close()), any 401 logs in again, as before.
      if (token ?? !expired) {
        token = undefined;
        // After close(), '': logging in again would open a session nobody ends (a back end closes on shutdown).
        if (stale !== expired) {
          expired = stale;
          // Once per expiry, not once per call that waits for it (HttpLogEvent); logged once the login
          // is pending, so that a log hook's close() ends the session it opens (as at 'login').
          renewal = start();
          transport.log({ type: 'relogin' });
        }
      }
      return join(renewal as Promise<string>, deadline, operation);
    },
    end,
  };
}
