import { IDENTIFIER, invalid, isRecord, text } from '../shared/validate.js';

/**
 * The data of a raw `send`: any action name and any fields, exactly as the portal should get them.
 * The fields must be JSON (checked when sent: strings, finite numbers, booleans, null, plain objects
 * and arrays); typed `unknown` so that objects of your own interfaces fit.
 */
export interface SendData {
  readonly action: string;
  readonly [field: string]: unknown;
}

/**
 * Checks the data of a raw send and returns a copy of it (what is posted, whatever the caller
 * changes later): a plain object with a non-empty string `action`, every value JSON that survives
 * `JSON.stringify` unchanged. Refused with `INVALID_ARGUMENT`, naming where: functions, `undefined`,
 * symbols, bigints, non-finite numbers, cycles, symbol keys, array holes and objects that are not
 * plain (a `Date`, a `Map`, a class instance). `action: 'guid'` is refused too: `guid` is the lane
 * of call answers, not an action.
 */
export function sendData(operation: string, value: unknown): SendData {
  const parents: object[] = [];
  const copy = (v: unknown, at: string): unknown => {
    const bad = (why: string): never => invalid(operation, `${at} ${why}`);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : bad('must be a finite number (JSON has no NaN or Infinity)');
    if (typeof v !== 'object') return bad(`is not JSON (${typeof v})`);
    const proto = Object.getPrototypeOf(v) as object | null;
    const list = Array.isArray(v);
    // A plain object of any realm: its prototype is null or a realm's Object.prototype.
    if (!list && proto !== null && Object.getPrototypeOf(proto) !== null) bad('must be a plain object or an array (not a Date, Map or class instance)');
    if (parents.includes(v)) bad('refers to an object that holds it (a cycle)');
    if (Object.getOwnPropertySymbols(v).length) bad('has symbol keys (JSON leaves them out)');
    parents.push(v);
    const o = v as Record<string, unknown>;
    const out = list
      ? Array.from(v as unknown[], (x, i) => copy(x, `${at}[${i}]`))
      : Object.fromEntries(Object.keys(o).map((k) => [k, copy(o[k], IDENTIFIER.test(k) ? `${at}.${k}` : `a field of ${at}`)]));
    parents.pop();
    return out;
  };
  if (!isRecord(value)) invalid(operation, 'data must be an object');
  const data = copy(value, 'data') as SendData;
  if (text(operation, 'data.action', data.action) === 'guid') invalid(operation, "data.action must not be 'guid' (the lane of call answers)");
  return data;
}
