import { jsonValue } from '../shared/json.js';
import { invalid, isRecord, text } from '../shared/validate.js';

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
 * symbols, bigints, non-finite numbers, cycles, enumerable symbol keys, array holes and objects that are not
 * plain (a `Date`, a `Map`, a class instance). `action: 'guid'` is refused too: `guid` is the lane
 * of call answers, not an action.
 */
export function sendData(operation: string, value: unknown): SendData {
  if (!isRecord(value)) invalid(operation, 'data must be an object');
  const data = jsonValue(operation, value, 'data') as SendData;
  if (text(operation, 'data.action', data.action) === 'guid') invalid(operation, "data.action must not be 'guid' (the lane of call answers)");
  return data;
}
