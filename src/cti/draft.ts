import { wireText, wireTextOrEmpty } from '../shared/validate.js';
import { formatKeyValues, parseKeyValues, withEntry, withoutEntry } from './kv.js';

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

  /** Adds or replaces `key` (checked as one pair of the keyValues rule: no `;`, `:`, `=`, `|` or line breaks). */
  set(key: unknown, value: unknown): void {
    const k = wireText(this.operation, 'data key', key);
    this.entries = withEntry(this.entries, k, wireTextOrEmpty(this.operation, 'data value', value));
    this.edited = true;
  }

  /** Removes every entry named `key`. */
  remove(key: unknown): void {
    this.entries = withoutEntry(this.entries, wireText(this.operation, 'data key', key));
    this.edited = true;
  }

  /** The data string to send. */
  text(): string {
    return this.edited ? formatKeyValues(this.entries) : this.raw;
  }
}
