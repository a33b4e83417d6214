import { stringify } from '../shared/json.js';
import { list, object, optional, phone, record, text } from '../shared/validate.js';
import type { FormFields } from './transport.js';

/** One blacklist entry. */
export interface BlacklistEntry {
  readonly phone: string;
  /** Campaign the number is blocked in; `'*'` (the default) = every campaign. */
  readonly campaign?: string | undefined;
}

const ENTRY = { phone, campaign: /* @__PURE__ */ optional(text, '*') };

/** Form fields of AddBlacklist / RemoveBlacklist: `blacklist` = one JSON object. */
export const blacklistFields = (operation: string, entry: BlacklistEntry): FormFields =>
  ({ blacklist: stringify(record(operation, entry, ENTRY, 'entry')) });

/** Form fields of AddBlacklistMultiple / RemoveBlacklistMultiple: `blacklist` = a JSON array. */
export const blacklistManyFields = (operation: string, entries: readonly BlacklistEntry[]): FormFields =>
  ({ blacklist: stringify(list(object(ENTRY))(operation, 'entries', entries)) });
