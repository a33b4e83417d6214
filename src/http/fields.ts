import { invalid, isRecord, phone, str, wireValue } from '../shared/check.js';

// Builders for the `k=v:k=v` and `a:b` texts that ride inside uContact fields and calls-base lines.

/** Workflow data: a record, rendered `k=v:k=v`, or a ready string checked for that shape. */
export type WorkflowData = string | Readonly<Record<string, string>>;

/** Renders and checks workflow data; `''` when absent. */
export function dataText(operation: string, field: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    if (value === '') return '';
    for (const [i, pair] of value.split(':').entries()) {
      const parts = pair.split('=');
      if (parts.length !== 2 || parts[0] === '') invalid(operation, `${field} pair ${i} must be key=value`);
      wireValue(operation, `${field} pair ${i} key`, parts[0], false);
      wireValue(operation, `${field} pair ${i}`, parts[1]);
    }
    return value;
  }
  if (!isRecord(value)) invalid(operation, `${field} must be a string or an object of strings`);
  return Object.entries(value)
    .map(([k, v]) => `${wireValue(operation, `${field} key`, k, false)}=${wireValue(operation, `${field}.${k}`, v)}`)
    .join(':');
}

/** Alternative numbers: an array, or a `:`-joined string; `''` when absent. */
export function numbersText(operation: string, field: string, value: unknown): string {
  if (value === undefined || value === '') return '';
  const list: unknown[] = typeof value === 'string' ? value.split(':') : Array.isArray(value) ? value : [null];
  if (!Array.isArray(value) && typeof value !== 'string') invalid(operation, `${field} must be an array or a string`);
  return list.map((n, i) => phone(operation, `${field}[${i}]`, n)).join(':');
}

/** A campaign or agent name that travels in a `;`/`:` record. */
export function name(operation: string, field: string, value: unknown): string {
  return wireValue(operation, field, str(operation, field, value), false);
}
