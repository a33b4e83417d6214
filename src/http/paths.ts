import { bad, oneOf, type Rule } from '../shared/validate.js';

// Paths and kinds of requests, apart from the endpoint table (a client that never uses the table,
// such as the API-token client, does not carry it).

/**
 * Whether a request may be sent again automatically: `'read'` endpoints are retried on network
 * errors and 5xx answers; `'write'` endpoints make something happen and are never retried.
 */
export type EndpointKind = 'read' | 'write';

// Segments of letters, digits, `_`, `.`, `-`, never `.` or `..`: a path stays under the instance.
const PATH = /^\/?(?!\.\.?(?:\/|$))[\w.-]+(?:\/(?!\.\.?(?:\/|$))[\w.-]+)*$/;

/** A path the endpoint table or `request()` accepts (see `EndpointSpec.path`). */
export const path: Rule<string> = (op, name, v) => (typeof v === 'string' && PATH.test(v)
  ? v : bad(op, name, 'must look like Group/Method or /path/from/the/instance (no query, no . or .. segments)'));

/** `'read'` or `'write'`: see {@link EndpointKind}. */
export const kind = /* @__PURE__ */ oneOf('read', 'write');

/** The URL path of `path` below the instance root, without its leading slash. */
export const fromRoot = (path: string): string => (path[0] === '/' ? path.slice(1) : `Integra/resources/${path}`);
