import { IDENTIFIER, invalid } from './validate.js';

/**
 * A copy of `v` that is JSON and survives `JSON.stringify` unchanged, or `INVALID_ARGUMENT` for
 * `operation` naming where (`at`, `at.key`, `at[1]`; a key that is no identifier is described):
 * functions, `undefined`, symbols, bigints, non-finite numbers, cycles, nesting over 500 levels,
 * enumerable symbol keys, array holes and objects that are not plain (a `Date`, a `Map`, a class instance) are
 * refused. The copy is what is sent, whatever the caller changes later. `parents`: the objects being
 * copied (for cycles and depth).
 */
export function jsonValue(operation: string, v: unknown, at: string, parents: object[] = []): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : invalid(operation, `${at} must be a finite number (JSON has no NaN or Infinity)`);
  if (typeof v !== 'object') return invalid(operation, `${at} is not JSON (${typeof v})`);
  const proto = Object.getPrototypeOf(v) as object | null;
  const list = Array.isArray(v);
  // A plain object of any realm: its prototype is null or a realm's Object.prototype.
  if (!list && proto !== null && Object.getPrototypeOf(proto) !== null) invalid(operation, `${at} must be a plain object or an array (not a Date, Map or class instance)`);
  if (parents.includes(v)) invalid(operation, `${at} refers to an object that holds it (a cycle)`);
  if (parents.length > 500) invalid(operation, `${at} is nested too deeply (over 500 levels)`);
  // Enumerable ones, the caller's data: a hidden one (MobX's observable() puts one on each object
  // and array) JSON leaves out as it leaves out a hidden string key, and the copy below does too.
  if (Object.getOwnPropertySymbols({ ...v }).length) invalid(operation, `${at} has symbol keys (JSON leaves them out)`);
  parents.push(v);
  const o = v as Record<string, unknown>;
  // Not Array.from(v, f): Prototype.js's Array.from ignores f (see validate.ts' alternatives).
  const out = list
    ? [...(v as unknown[])].map((x, i) => jsonValue(operation, x, `${at}[${i}]`, parents))
    : Object.fromEntries(Object.keys(o).map((k) => [k, jsonValue(operation, o[k], IDENTIFIER.test(k) ? `${at}.${k}` : `a field of ${at}`, parents)]));
  parents.pop();
  return out;
}

/**
 * `JSON.stringify(v)` whatever a page's legacy library put on `Array.prototype.toJSON`: Prototype.js
 * 1.6 makes it return the array's text, which JSON.stringify then writes as a string (`[1]` went out
 * as `"[1]"`, on the portal's wire and in REST bodies). Each array is written as the array it is.
 * The replacer is used only in such a page: it costs JSON.stringify its fast path (per portal call).
 */
export const stringify = (v: unknown): string => JSON.stringify(v, 'toJSON' in [] ? keepArrays : undefined);

function keepArrays(this: Record<string, unknown>, k: string, x: unknown): unknown {
  const own = this[k];
  return Array.isArray(own) ? own : x;
}
