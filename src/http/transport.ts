import { BridgeError, isBridgeError } from '../errors.js';
import { sleep, type Deadline } from './deadline.js';
import type { EndpointName, EndpointSpec } from './endpoints.js';
import type { FetchLike, HttpLogEvent, RetryOptions } from './types.js';

/** Form fields of one request, in the order they are sent. */
export type FormFields = Readonly<Record<string, string>>;

/** A raw answer: status and body text. */
export interface Answer {
  readonly status: number;
  readonly body: string;
}

/** What the transport needs from the client. */
export interface Wire {
  /** `<baseUrl>/Integra/resources/`. */
  readonly root: string;
  readonly fetch: FetchLike;
  readonly retry: Required<RetryOptions>;
  readonly log: (event: HttpLogEvent) => void;
}

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** The `application/x-www-form-urlencoded` body of `fields` (UTF-8, as URLSearchParams writes it). */
function encodeForm(fields: FormFields): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

async function attempt(wire: Wire, name: EndpointName, url: string, body: string, token: string | undefined,
  deadline: Deadline): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': FORM, Accept: 'application/json, text/plain, */*' };
  // The token is already base64 of `user:uuid`: it goes out exactly as the server returned it.
  if (token !== undefined) headers.Authorization = `Basic ${token}`;
  try {
    const res = await wire.fetch(url, { method: 'POST', headers, body, signal: deadline.signal });
    return { status: res.status, body: await res.text() };
  } catch (cause) {
    throw deadline.failure(name) ??
      new BridgeError('NETWORK_ERROR', `${name}: no answer from the server (network error)`, { operation: name, cause });
  }
}

/**
 * POSTs `fields` to one endpoint. Reads are retried on network errors and 5xx answers with
 * exponential backoff; writes get exactly one attempt (a lost answer may hide a done action).
 */
export async function post(wire: Wire, name: EndpointName, spec: EndpointSpec, fields: FormFields,
  token: string | undefined, deadline: Deadline): Promise<Answer> {
  const url = wire.root + spec.path;
  const body = encodeForm(fields);
  const attempts = spec.kind === 'read' ? wire.retry.attempts : 1;
  for (let n = 1; ; n++) {
    const started = Date.now();
    wire.log({ type: 'request', endpoint: name, path: spec.path, attempt: n });
    let answer: Answer | undefined;
    try {
      answer = await attempt(wire, name, url, body, token, deadline);
    } catch (e) {
      if (!isBridgeError(e, 'NETWORK_ERROR') || n >= attempts) throw e;
    }
    if (answer) {
      wire.log({ type: 'response', endpoint: name, path: spec.path, attempt: n, status: answer.status, ms: Date.now() - started });
      if (answer.status < 500 || n >= attempts) return answer;
    }
    const delay = Math.min(wire.retry.baseDelayMs * 2 ** (n - 1), wire.retry.maxDelayMs);
    wire.log({ type: 'retry', endpoint: name, path: spec.path, attempt: n, reason: answer ? 'status' : 'network', ms: delay,
      ...(answer ? { status: answer.status } : {}) });
    await sleep(delay, deadline, name);
  }
}

/**
 * Turns an answer into its body text: 401 → `UNAUTHORIZED`, other non-2xx → `HTTP_ERROR`, the body
 * `0` → `API_ERROR`.
 */
export function settle(name: EndpointName, spec: EndpointSpec, answer: Answer): string {
  const { status } = answer;
  if (status === 401) {
    throw new BridgeError('UNAUTHORIZED', `${name} (${spec.path}): the server refused the session token`, { operation: name, status });
  }
  if (status < 200 || status > 299) {
    throw new BridgeError('HTTP_ERROR', `${name} (${spec.path}): HTTP ${status}`, { operation: name, status });
  }
  if (answer.body.trim() === '0') {
    throw new BridgeError('API_ERROR', `${name} (${spec.path}): uContact answered 0 (error)`, { operation: name, status });
  }
  return answer.body;
}
