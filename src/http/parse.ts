import { BridgeError } from '../errors.js';
import { isRecord } from '../shared/check.js';

// Answer parsers: the `unknown` boundary of the REST client. Messages name the endpoint and what was
// wrong, never the body itself (it may hold a token or a phone number).

/** Throws `BAD_RESPONSE` for `operation`. */
export function bad(operation: string, what: string): never {
  throw new BridgeError('BAD_RESPONSE', `${operation}: unexpected answer (${what})`, { operation });
}

/** Parses a JSON body; `BAD_RESPONSE` when it is not JSON. */
export function json(operation: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return bad(operation, 'not JSON');
  }
}

/** A text answer, unwrapped when the server sent it as a JSON string. */
export function text(operation: string, body: string): string {
  const t = body.trim();
  if (!t.startsWith('"')) return t;
  const v = json(operation, t);
  return typeof v === 'string' ? v.trim() : bad(operation, 'not a string');
}

/** The `1` that write endpoints answer on success. */
export function parseOk(operation: string, body: string): void {
  if (text(operation, body) !== '1') bad(operation, "expected '1'");
}

const GUID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The guid of a placed call. */
export function parseGuid(operation: string, body: string): string {
  const t = text(operation, body);
  return GUID.test(t) && t !== '0' ? t : bad(operation, 'not a call guid');
}

// A file name: no path separators or control characters, and not the start of markup or of a JSON
// object or array (an error page or a wrong answer must not pass for a file name).
const FILE = /^(?![{[<])[^\p{Cc}/\\<>]{1,255}$/u;

/** A file name (ConvertRecording). */
export function parseFileName(operation: string, body: string): string {
  const t = text(operation, body);
  return FILE.test(t) ? t : bad(operation, 'not a file name');
}

const TOKEN = /^[\x21-\x7e]{1,4096}$/;

/** Checks the characters of a token: it goes into a header verbatim. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value) && !value.includes('"');
}

/** The getUserToken answer: a JSON string, a bare token, or a JSON array whose last string is the token. */
export function parseToken(operation: string, body: string): string {
  const t = body.trim();
  let token: unknown = t;
  if (t.startsWith('"')) token = json(operation, t);
  else if (t.startsWith('[')) {
    const list = json(operation, t);
    token = Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string').pop() : undefined;
  }
  return isToken(token) ? token : bad(operation, 'no usable token');
}

/** The AgentLogin answer: the agent's SIP object, whose `md5secret` is the session token. */
export function parseAgentLogin(operation: string, body: string): string {
  const v = json(operation, body.trim());
  const secret = isRecord(v) ? v.md5secret : undefined;
  return isToken(secret) ? secret : bad(operation, 'no md5secret');
}

/** A count or figure, given as a number or as a numeric string. */
export function num(operation: string, field: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : bad(operation, `${field} is not a number`);
}

/** A string field of a JSON answer. */
export function field(operation: string, name: string, value: unknown): string {
  return typeof value === 'string' ? value : bad(operation, `${name} is not a string`);
}
