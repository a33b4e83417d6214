import { wireText, wireTextOrEmpty } from '../shared/validate.js';
import { segmentsOf, withEntry, withoutEntry } from './kv.js';

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
 * received; after an edit, only the segments named by the keys edited change: every other received
 * segment goes back as its exact text (a bare `flag`, the `30` of a value `10:30` the portal split),
 * only the empty ones (`a=1::b=2:`) are left out.
 */
export function dataDraft(operation: string, raw: string): DataDraft {
  // Split on the first edit only: an untouched draft gives the portal's text back as it came. Segments,
  // not parsed pairs: re-joined as `k=v`, a bare `flag` came back `flag=`, `note=10:30` as `note=10:30=`.
  let segments: string[] | undefined;
  const edit = (): string[] => (segments ??= segmentsOf(raw));
  return {
    set(key, value) {
      const k = wireText(operation, 'data key', key);
      const v = wireTextOrEmpty(operation, 'data value', value);
      segments = withEntry(edit(), k, v);
    },
    remove(key) {
      const k = wireText(operation, 'data key', key);
      segments = withoutEntry(edit(), k);
    },
    text: () => (segments ? segments.join(':') : raw),
  };
}
