import { invalid, isRecord } from '../shared/check.js';
import { isPath, type EndpointKind } from './endpoints.js';
import type { Target, FormFields } from './transport.js';
import type { RawRequestOptions } from './types.js';

const OP = 'request';

function strings(field: string, value: unknown): FormFields {
  if (value === undefined) return {};
  if (!isRecord(value)) invalid(OP, `${field} must be an object of strings`);
  // Names are the caller's own field names, safe to show; values never are.
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') invalid(OP, `${field}.${k} must be a string`);
  return value as FormFields;
}

/** Checks the arguments of `client.request` and returns where to send what. */
export function rawRequest(path: unknown, fields: unknown, o: RawRequestOptions | undefined):
  { target: Target; fields: FormFields; json: boolean } {
  if (!isPath(path)) invalid(OP, 'path must look like Group/Method or /path/from/the/instance (no query, no . or .. segments)');
  const kind: unknown = o?.kind ?? 'write';
  if (kind !== 'read' && kind !== 'write') invalid(OP, "kind must be 'read' or 'write'");
  const parse: unknown = o?.parse ?? 'text';
  if (parse !== 'text' && parse !== 'json') invalid(OP, "parse must be 'text' or 'json'");
  return { target: { path, kind: kind as EndpointKind, query: strings('query', o?.query) }, fields: strings('fields', fields), json: parse === 'json' };
}
