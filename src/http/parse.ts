import { fail } from '../errors.js';
import { isRecord } from '../shared/validate.js';
import { lookup } from './record.js';

// Answer parsers: the `unknown` boundary of the REST client. Messages name the endpoint and what was
// wrong, never the body itself (it may hold a token or a phone number).

/** Throws `BAD_RESPONSE` for `operation`. */
export function bad(operation: string, what: string): never {
  return fail('BAD_RESPONSE', operation, `unexpected answer (${what})`);
}

/**
 * Parses a JSON body; `BAD_RESPONSE` when it is not JSON, saying so of a write that the server may
 * have acted (spec 5: a retry by hand could do it twice).
 */
export function json(operation: string, body: string, write?: boolean): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return bad(operation, `not JSON${write ? '; it may have been done' : ''}`);
  }
}

/** A JSON array body; `BAD_RESPONSE` when it is not one. */
export function jsonList(operation: string, body: string): unknown[] {
  const v = json(operation, body.trim());
  return Array.isArray(v) ? v : bad(operation, 'not an array');
}

/**
 * A write's text answer, unwrapped when the server sent it as a JSON string; `BAD_RESPONSE` when it
 * is not `expected`, its message ending with `acted` (what the server may have done: spec 5, a
 * retry by hand could do it twice).
 */
function written(operation: string, body: string, expected: (t: string) => boolean, what: string, acted: string): string {
  // A JSON string cut off: '', expected by none.
  const t = unquoted(body.trim(), '');
  return expected(t) ? t : bad(operation, `${what}; ${acted}`);
}

/**
 * `t` (a trimmed body), or the text of the JSON string it is, trimmed: a write's answer `"1\n"` is
 * the `1`. `cutOff` when it starts as a JSON string but is none (cut off, raw line breaks inside).
 */
export function unquoted(t: string, cutOff = t): string {
  try {
    return t.startsWith('"') ? String(JSON.parse(t)).trim() : t;
  } catch {
    return cutOff;
  }
}

/** The `1` that ScheduleDialerCall answers on success (the one write whose success body is known). */
export function parseOk(operation: string, body: string): void {
  written(operation, body, (t) => t === '1', "expected '1'", 'the call may have been scheduled');
}

/**
 * A write whose success body no real client reads: any 2xx answer but `0` (already refused by the
 * transport) is success, and its text is handed back. Failing here would report a done action as
 * failed, and a retry by hand would do it twice.
 */
export const parseWritten = (_operation: string, body: string): string => body.trim();

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
// An Asterisk unique id (`1700000000.123`) or any id with a digit: `null`, `Unauthorized`,
// `undefined` and markup never pass for a call.
const CALL_ID = /^(?=.*\d)[\w.:-]{1,128}$/;

/** The guid of a placed call. */
export function parseGuid(operation: string, body: string): string {
  return written(operation, body, (t) => UUID.test(t) || CALL_ID.test(t), 'not a call guid', 'the call may have been placed');
}

// A file name with an extension (`x.mp3`): no path separators, control characters or markup, so an
// error page, `null` or a JSON object never passes for one.
const FILE = /^(?![{[<])[^\p{Cc}/\\<>]{1,250}\.[\p{L}\p{N}]{1,8}$/u;

/** A file name (ConvertRecording). */
export function parseFileName(operation: string, body: string): string {
  return written(operation, body, (t) => FILE.test(t), 'not a file name', 'it may have been converted');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A token as uContact issues it: `=`-padded base64 of printable UTF-8 text (`user:uuid`). `null`,
 * `0`, `Unauthorized`, markup and JSON never decode to such text.
 */
export function isToken(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 4096 || value.length % 4 || !BASE64.test(value)) return false;
  try {
    return !/[\p{Cc}]/u.test(tokenText(value));
  } catch {
    return false;
  }
}

/** The text a token encodes (`user:uuid`), read as UTF-8 as the server wrote it; throws when it is not UTF-8. */
export function tokenText(token: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
}

/**
 * The token of getUserToken (a JSON string, or a bare token) or UserLogin (a JSON array: for a user
 * with a phone, the `md5secret` of its SIP object in the list, documented; else element `[2]`, seen,
 * when it is a token, else its last token: "at the end of the list", documented).
 */
export function parseToken(operation: string, body: string): string {
  const t = body.trim();
  let token: unknown = t;
  if (t.startsWith('"')) token = json(operation, t);
  else if (t.startsWith('[')) {
    // JSON text that starts with `[` is an array (or no JSON at all: json() throws).
    const list = json(operation, t) as unknown[];
    const sip = list.find((v): v is Record<string, unknown> => isRecord(v) && isToken(lookup(v, 'md5secret')));
    // Else [2] (seen) when it is a token, or the last token of the list ("at the end of the list", documented).
    token = sip ? lookup(sip, 'md5secret') : [...list, list[2]].reverse().find(isToken);
  }
  return isToken(token) ? token : bad(operation, 'no usable token');
}

/** The AgentLogin answer: the agent's SIP object, whose `md5secret` is the session token. */
export function parseAgentLogin(operation: string, body: string): string {
  const v = json(operation, body.trim());
  const secret = isRecord(v) ? lookup(v, 'md5secret') : undefined;
  return isToken(secret) ? secret : bad(operation, 'no md5secret');
}
