import { phone, phoneOrEmpty, wireText, wireTextOrEmpty } from '../shared/validate.js';
import { checkAlternatives, insertAlternative, removeAlternative, reorderAlternatives } from './alternatives.js';
import { segmentsOf, withEntry, withoutEntry } from './kv.js';

/** What both builders edit: `data` is the `k=v:k=v` text to send, `alternatives` the entries. */
export interface Draft {
  destination: string;
  alternatives: string[];
  data: string;
  agentphone: string;
}

/**
 * The editing methods the Respool and Schedule builders share, on `draft`; each validates its input
 * at once (`INVALID_ARGUMENT` for `operation`) and returns the builder (`self()`). Until a data entry
 * is set or removed, `draft.data` is the original string exactly as received; after an edit, only the
 * segments named by the keys edited change: every other received segment goes back as its exact text
 * (a bare `flag`, the `30` of a value `10:30` the portal split), only the empty ones (`a=1::b=2:`)
 * are left out.
 */
export function draftMethods<B>(operation: string, draft: Draft, self: () => B) {
  // Split at each edit only: an untouched draft gives the portal's text back as it came. Segments,
  // not parsed pairs: re-joined as `k=v`, a bare `flag` came back `flag=`, `note=10:30` as `note=10:30=`.
  // (An edited text splits into the same segments: none is empty or holds a `:`.)
  const edited = (next: string[]): B => ((draft.data = next.join(':')), self());
  const alternatives = (next: string[]): B => ((draft.alternatives = next), self());
  return {
    setDestination(number: unknown): B { draft.destination = phone(operation, 'destination', number); return self(); },
    setAlternatives: (list: unknown): B => alternatives(checkAlternatives(operation, list)),
    addAlternative: (entry: unknown, position?: number): B => alternatives(insertAlternative(operation, draft.alternatives, entry, position)),
    removeAlternative: (which: unknown): B => alternatives(removeAlternative(operation, draft.alternatives, which)),
    reorderAlternatives: (order: unknown): B => alternatives(reorderAlternatives(operation, draft.alternatives, order)),
    setData(key: unknown, value: unknown): B {
      const k = wireText(operation, 'data key', key);
      return edited(withEntry(segmentsOf(draft.data), k, wireTextOrEmpty(operation, 'data value', value)));
    },
    removeData: (key: unknown): B => edited(withoutEntry(segmentsOf(draft.data), wireText(operation, 'data key', key))),
    setAgentPhone(value: unknown): B { draft.agentphone = phoneOrEmpty(operation, 'agentphone', value); return self(); },
  };
}
