import { checkDataEntry, formatKeyValues, parseKeyValues, withEntry, withoutEntry } from './kv.js';

/**
 * An editable `k=v:k=v` data string for the builders. Until an entry is set or removed, `text()`
 * is the original string exactly as received; after an edit, the entries are re-joined as `k=v`
 * (so a received segment without `=` comes back as `segment=`).
 */
export class DataDraft {
  private entries: (readonly [string, string])[];
  private edited = false;

  constructor(private readonly operation: string, private readonly raw: string) {
    this.entries = [...parseKeyValues(raw).entries];
  }

  /** Adds or replaces `key` (validated: no `;`, `:`, `=`, `|` or line breaks). */
  set(key: unknown, value: unknown): void {
    const [k, v] = checkDataEntry(this.operation, key, value);
    this.entries = withEntry(this.entries, k, v);
    this.edited = true;
  }

  /** Removes every entry named `key`. */
  remove(key: unknown): void {
    const [k] = checkDataEntry(this.operation, key, '');
    this.entries = withoutEntry(this.entries, k);
    this.edited = true;
  }

  /** The data string to send. */
  text(): string {
    return this.edited ? formatKeyValues(this.entries) : this.raw;
  }
}
