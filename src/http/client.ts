import { optional, own, record, timeZone } from '../shared/validate.js';
import { CONNECTION, connect, limitsOf } from './connection.js';
import { endpointOverrides, type EndpointName } from './endpoints.js';
import { OP as UPLOAD } from './callsbase.js';
import { OPERATIONS, type BuildFields, type ParseAnswer } from './operations.js';
import { json, parseWritten } from './parse.js';
import { oddFieldLog } from './record.js';
import { RAW_OPTIONS, rawRequest } from './request.js';
import { createSession, credentials } from './session.js';
import { guarded, HOOKS, hooked, post, settle, type FormFields, type Limits, type Target } from './transport.js';
import type { HttpOperation, UContactClient, UContactClientOptions } from './types.js';
import { runUpload } from './upload.js';

const OP = 'createUContactClient';

interface MethodRow {
  readonly path?: string;
  readonly via?: EndpointName;
  readonly fields: BuildFields<unknown> | null;
  readonly parse: ParseAnswer<unknown>;
  readonly query?: true;
}

/**
 * Creates a client for uContact's REST API (`<baseUrl>/Integra/resources/<Group>/<Method>`). Logs in
 * on first use; one login serves concurrent calls; a 401 triggers one new login and one replay.
 * Reads are retried on network errors and 5xx; writes never; redirects are refused. Throws
 * `INVALID_ARGUMENT` for bad options (unknown keys included).
 *
 * @example
 * const uc = createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com', credentials: { user: 'api', password: secret } })
 * const guid = await uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' })
 * await uc.close()
 */
export function createUContactClient(options: UContactClientOptions): UContactClient {
  // No prototype: the options are read for every request, and a key a bug puts on Object.prototype
  // later must not become one of them.
  // The option table is spread here, not in a module-level const: esbuild keeps a module-level
  // spread (it may run getters), and with it every operation, in a program that imports only
  // createApiTokenClient (test/unit/http-bundle.test.mjs).
  const o = record(OP, options, { ...CONNECTION, credentials, endpoints: endpointOverrides, timeZone: optional(timeZone) }, 'options', Object.create(null) as Record<string, unknown>);
  const transport = connect(OP, o);
  const table = o.endpoints;
  const session = createSession(o.credentials, transport, table, o.timeoutMs || 30_000);

  // Options and arguments are checked (limits, build) before the session is touched: bad input
  // sends nothing at all.
  async function exchange<T>(name: HttpOperation, target: Target, build: () => FormFields, options: unknown,
    parse: ParseAnswer<T>, inQuery = false): Promise<T> {
    const r = limitsOf(name, options);
    const fields = build();
    return send(name, inQuery ? { ...target, query: fields } : target, inQuery ? {} : fields, r, parse);
  }

  // Already aborted: `guarded` sends nothing, not even a login.
  const send = <T>(name: HttpOperation, target: Target, fields: FormFields | undefined, r: Limits,
    parse: ParseAnswer<T>, onSend?: () => void): Promise<T> => guarded(transport, name, r, async (deadline) => {
    // Below a flow's webhook (from the root or the host): no token (see hooked).
    let token = hooked(transport.root, target.path, HOOKS) ? undefined : await session.current(deadline, name);
    let answer = await post(transport, name, target, fields, token, deadline, onSend);
    // The server refused the request, so replaying it once with a fresh token cannot do it twice.
    // (Not when close() ended that session: its 401 stands, UNAUTHORIZED.)
    if (answer.status === 401 && token && session.renewable && (token = await session.renew(token, deadline, name))) {
      answer = await post(transport, name, target, fields, token, deadline, onSend);
    }
    return parse(name, settle(name, target, answer), oddFieldLog((field) => transport.log({ type: 'odd-field', endpoint: name, field })));
  });

  // One method per method row of the operation table.
  const methods: Record<string, unknown> = {};
  for (const [name, row] of Object.entries(OPERATIONS as unknown as Readonly<Record<string, MethodRow>>)) {
    const { fields: build, parse } = row;
    if (!parse) continue;
    // Own keys: one a bug puts on Object.prototype (`via`, `query`) must not send a method elsewhere
    // or its fields in the URL.
    const to = (own(row, 'via') ? row.via : name) as EndpointName;
    const query = own(row, 'query');
    const target = table[to];
    methods[name] = build === null
      ? (options?: unknown) => exchange(name as HttpOperation, target, () => ({}), options, parse)
      : (args: unknown, options?: unknown) => exchange(name as HttpOperation, target, () => (build as BuildFields<unknown>)(name, args, o.timeZone), options, parse, query);
  }

  return {
    ...(methods as Omit<UContactClient, 'endpoints' | 'uploadCallsBase' | 'request' | 'close'>),
    endpoints: table,
    uploadCallsBase: async (args, options) => {
      // Read once: every chunk's request takes this checked copy, never the caller's object again
      // (own keys: a key a bug puts on Object.prototype mid-upload is never one of them).
      const { timeoutMs, signal } = limitsOf(UPLOAD, options);
      return runUpload(args, session.user,
        (fields, sent) => send(UPLOAD, table.uploadCallsBase, fields, { timeoutMs, signal }, parseWritten, sent), signal);
    },
    request: (async (to: unknown, fields: unknown, options: unknown) => {
      const r = limitsOf('request', options, RAW_OPTIONS);
      const { target, fields: form } = rawRequest(to, fields, r);
      return send('request', target, form, r,
        r.parse === 'json' ? (n, body) => json(n, body.trim(), target.kind === 'write') : (_n, body) => body);
    }) as UContactClient['request'],
    // As every call: aborted already, nothing is sent; a failure is logged (as endSession).
    close: async (options) => guarded(transport, 'endSession', limitsOf('close', options), session.end),
  };
}
