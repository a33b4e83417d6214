import { wireText, wireTextOrEmpty } from '../shared/validate.js';
import { formatKeyValues, parseKeyValues, withEntry, withoutEntry } from './kv.js';

/** An editable `k=v:k=v` data string for the builders (see {@link dataDraft}). */
export interface DataDraft {
  /** Adds or replaces `key` (checked as one pair of the keyValues rule: no `;`, `:`, `=` or line breaks). */
  set(key: unknown, value: unknown): void;
  /** Removes every entry named `key`. */
  remove(key: unknown): void;
  /** The data string to send. */
  text(): string;
}

/**
 * Starts editing `raw`. Until an entry is set or removed, `text()` is the original string exactly as
 * received; after an edit, the entries are re-joined as `k=v` (so a received segment without `=`
 * comes back as `segment=`).
 */
export function dataDraft(operation: string, raw: string): DataDraft {
  let entries: (readonly [string, string])[] | undefined;
  // Parsed on the first edit only: an untouched draft gives the portal's text back as it came.
  const edit = (): (readonly [string, string])[] => (entries ??= [...parseKeyValues(raw).entries]);
  return {
    set(key, value) {
      const k = wireText(operation, 'data key', key);
      const v = wireTextOrEmpty(operation, 'data value', value);
      entries = withEntry(edit(), k, v);
    },
    remove(key) {
      const k = wireText(operation, 'data key', key);
      entries = withoutEntry(edit(), k);
    },
    text: () => (entries ? formatKeyValues(entries) : raw),
  };
}
