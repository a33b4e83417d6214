import { bad, member, oneOf, optional, own, strings } from '../shared/validate.js';
import { kind, path } from './paths.js';
import { at, type FormFields, type Target } from './transport.js';

const OP = 'request';

/** What `client.request` adds to the options of every method (see `RawRequestOptions`). */
export const RAW_OPTIONS = {
  method: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('GET', 'POST')),
  kind: /* @__PURE__ */ optional(kind),
  query: /* @__PURE__ */ optional(strings),
  parse: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('text', 'json'), 'text' as const),
};

/**
 * Checks the path and fields of `client.request` (its options are checked by the client) and returns
 * where to send what: a GET's fields go in its query string (after `query`), and it sends no body
 * (`fields` undefined); a GET's field also named in `query` is refused (one of the two values would
 * be lost). A GET is a read unless `kind` says otherwise, a POST a write.
 */
export function rawRequest(to: unknown, fields: unknown, o: { method?: 'GET' | 'POST' | undefined; kind?: 'read' | 'write' | undefined; query?: FormFields | undefined }):
  { target: Target; fields: FormFields | undefined } {
  const p = path(OP, 'path', to);
  const form = fields === undefined ? {} : strings(OP, 'fields', fields);
  const get = o.method === 'GET';
  // Keys named as the validation module names them: one holding a phone number is described.
  if (get) Object.keys(form).map((k, i) => own({ ...o.query }, k) && bad(OP, member('fields', k, i), 'is also in query'));
  // The caller's path may hold data (`Contacts/Find/099123456`): messages and logs show no digit of it.
  return { target: at(p, o.kind ?? (get ? 'read' : 'write'), get ? { ...o.query, ...form } : o.query), fields: get ? undefined : form };
}
