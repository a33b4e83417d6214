import { oneOf, optional, strings } from '../shared/validate.js';
import { kind, path } from './paths.js';
import { hideDigits, type FormFields, type Target } from './transport.js';

const OP = 'request';

/** What `client.request` adds to the options of every method (see `RawRequestOptions`). */
export const RAW_OPTIONS = {
  kind: /* @__PURE__ */ optional(kind, 'write' as const),
  query: /* @__PURE__ */ optional(strings),
  parse: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('text', 'json'), 'text' as const),
};

/** Checks the path and fields of `client.request` (its options are checked by the client) and returns where to send what. */
export function rawRequest(to: unknown, fields: unknown, o: { kind: 'read' | 'write'; query?: FormFields | undefined }):
  { target: Target; fields: FormFields } {
  const p = path(OP, 'path', to);
  // The caller's path may hold data (`Contacts/Find/099123456`): messages and logs show no digit of it.
  return { target: { path: p, shown: hideDigits(p), kind: o.kind, query: o.query }, fields: fields === undefined ? {} : strings(OP, 'fields', fields) };
}
