import { invalid, phone, str } from '../shared/check.js';
import { args } from './calls.js';
import type { FormFields } from './transport.js';

/** One blacklist entry. */
export interface BlacklistEntry {
  readonly phone: string;
  /** Campaign the number is blocked in; `'*'` (the default) = every campaign. */
  readonly campaign?: string;
}

function entry(operation: string, field: string, value: unknown): { phone: string; campaign: string } {
  const a = args(operation, value);
  return {
    phone: phone(operation, `${field}.phone`, a.phone),
    campaign: a.campaign === undefined ? '*' : str(operation, `${field}.campaign`, a.campaign),
  };
}

/** Form fields of AddBlacklist / RemoveBlacklist: `blacklist` = one JSON object. */
export function blacklistFields(operation: string, value: unknown): FormFields {
  return { blacklist: JSON.stringify(entry(operation, 'entry', value)) };
}

/** Form fields of AddBlacklistMultiple / RemoveBlacklistMultiple: `blacklist` = a JSON array. */
export function blacklistManyFields(operation: string, value: unknown): FormFields {
  if (!Array.isArray(value) || value.length === 0) invalid(operation, 'entries must be a non-empty array');
  return { blacklist: JSON.stringify(value.map((v: unknown, i) => entry(operation, `entries[${i}]`, v))) };
}
