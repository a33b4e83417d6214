import { BridgeError } from '../errors.js';
import { invalid, isRecord, str } from '../shared/check.js';
import { startDeadline, within, type Deadline } from './deadline.js';
import type { EndpointTable } from './endpoints.js';
import { isToken, parseAgentLogin, parseToken } from './parse.js';
import { isZero, post, settle, type Answer, type Wire } from './transport.js';
import type { Credentials } from './types.js';

type Login =
  | { readonly kind: 'user'; readonly user: string; readonly password: string; readonly userLogin: boolean }
  | { readonly kind: 'agent'; readonly user: string; readonly password: string }
  | { readonly kind: 'token'; readonly user: string | undefined; readonly token: string };

/** Checks the credentials option. Messages name fields only, never values. */
export function checkCredentials(value: unknown): Login {
  const op = 'createUContactClient';
  if (!isRecord(value)) invalid(op, 'credentials must be an object');
  if ('token' in value) {
    if (!isToken(value.token)) invalid(op, 'credentials.token must be a uContact token (base64 of user:uuid, as the server returned it)');
    const user = value.user === undefined ? userOfToken(value.token) : str(op, 'credentials.user', value.user);
    return { kind: 'token', token: value.token, user };
  }
  const password = str(op, 'credentials.password', value.password);
  if (value.user !== undefined) {
    if (value.login !== undefined && value.login !== 'getUserToken' && value.login !== 'UserLogin') {
      invalid(op, "credentials.login must be 'getUserToken' or 'UserLogin'");
    }
    return { kind: 'user', user: str(op, 'credentials.user', value.user), password, userLogin: value.login === 'UserLogin' };
  }
  if (value.agent !== undefined) return { kind: 'agent', user: str(op, 'credentials.agent', value.agent), password };
  return invalid(op, 'credentials must hold user and password, agent and password, or token');
}

// uContact tokens are base64 of `user:uuid`; the user part names the session's owner for EndSession.
function userOfToken(token: string): string | undefined {
  try {
    const plain = atob(token);
    const i = plain.indexOf(':');
    return i > 0 ? plain.slice(0, i) : undefined;
  } catch {
    return undefined;
  }
}

/** Credentials typed as the option says (for the public signature). */
export type { Credentials };

/**
 * The session token: one login in flight shared by every caller, renewed once per expiry, ended by
 * {@link Session.end}. A fixed `{ token }` is never renewed.
 */
export class Session {
  private token: string | undefined;
  private pending: Promise<string> | undefined;
  // Set once getUserToken answered 404: the server only has UserLogin.
  private userLogin = false;

  constructor(private readonly login: Login, private readonly wire: Wire, private readonly table: EndpointTable,
    private readonly loginTimeoutMs: number) {
    if (login.kind === 'token') this.token = login.token;
  }

  /** True when a 401 may be cured by logging in again. */
  get renewable(): boolean {
    return this.login.kind !== 'token';
  }

  /** The session owner's name (user or agent), when known. */
  get user(): string | undefined {
    return this.login.user;
  }

  /** The current token, logging in first if needed. */
  current(deadline: Deadline, operation: string): Promise<string> {
    return this.token !== undefined ? Promise.resolve(this.token) : within(this.start(), deadline, operation);
  }

  /** A token other than `stale`: the one another caller already got, or a new login. */
  renew(stale: string, deadline: Deadline, operation: string): Promise<string> {
    if (this.token !== undefined && this.token !== stale) return Promise.resolve(this.token);
    if (this.renewable) this.token = undefined;
    this.wire.log({ type: 'relogin' });
    return within(this.start(), deadline, operation);
  }

  /** Ends the session (auth/EndSession) if one is open. */
  async end(deadline: Deadline): Promise<void> {
    const name = 'endSession';
    const token = this.token ?? (this.pending ? await within(this.pending.catch(() => undefined), deadline, name) : undefined);
    if (token === undefined) return;
    const user = this.login.user ?? invalid('close', 'credentials.user is needed to end a session whose token names no user');
    const answer = await post(this.wire, name, this.table[name], { user, token }, token, deadline);
    // A 401 means the session is already over: that is what close() asked for.
    if (answer.status !== 401) settle(name, this.table[name], answer);
    if (this.renewable && this.token === token) this.token = undefined;
    this.wire.log({ type: 'session-end', endpoint: name, status: answer.status });
  }

  // The login runs under its own time limit, not the first caller's: other callers share it, and one
  // caller aborting must not fail them all.
  private start(): Promise<string> {
    if (this.pending) return this.pending;
    const deadline = startDeadline(this.loginTimeoutMs, undefined);
    const p = this.fetchToken(deadline).then((token) => {
      this.token = token;
      return token;
    }).finally(() => {
      deadline.dispose();
      if (this.pending === p) this.pending = undefined;
    });
    this.pending = p;
    return p;
  }

  private async fetchToken(deadline: Deadline): Promise<string> {
    const login = this.login;
    if (login.kind === 'token') return login.token;
    const send = (name: 'getUserToken' | 'userLogin' | 'agentLogin'): Promise<Answer> => {
      this.wire.log({ type: 'login', endpoint: name });
      const fields = login.kind === 'user' ? { user: login.user, password: login.password } : { agent: login.user, password: login.password };
      return post(this.wire, name, this.table[name], fields, undefined, deadline);
    };
    let name: 'getUserToken' | 'userLogin' | 'agentLogin' =
      login.kind === 'agent' ? 'agentLogin' : login.userLogin || this.userLogin ? 'userLogin' : 'getUserToken';
    let answer = await send(name);
    if (answer.status === 404 && name === 'getUserToken') {
      // Servers without getUserToken still have the older UserLogin: real clients fall back to it, once.
      this.userLogin = true;
      answer = await send(name = 'userLogin');
    }
    const { status } = answer;
    const spec = this.table[name];
    if (status === 401 || status === 403 || (status >= 200 && status < 300 && isZero(answer.body))) {
      throw new BridgeError('UNAUTHORIZED', `${name} (${spec.path}): the server refused the credentials`, { operation: name, status });
    }
    const body = settle(name, spec, answer);
    return name === 'agentLogin' ? parseAgentLogin(name, body) : parseToken(name, body);
  }
}
