import { PROTECTED_RESPOOL_KEYS, RESPOOL_RULES, type ProtectedFields, type Respool } from '../shared/records.js';
import {
  alternativeNumber, flag, invalid, isRecord, optional, own, phone, priority, record, retries, string, type AlternativeNumber,
} from '../shared/validate.js';
import { findAlternative } from './alternatives.js';
import { draftMethods } from './draft.js';
import { segmentsOf } from './kv.js';
import { isDialerRecord, respoolOf } from './parse.js';
import type { DialerRecord } from './types.js';

const OP = 'respoolBuilder';

/** Options of {@link RespoolBuilder.promoteAlternative}. */
export interface PromoteOptions {
  /** Keep the old main number as an alternative, at the promoted one's place; default false (dropped). */
  readonly keepOldMain?: boolean | undefined;
  /** Retries of the new main number; default 0, as uContact's docs advise. */
  readonly retries?: number | undefined;
}

/**
 * Edits a dialer record into the Respool object the portal takes back (spec 4.3). Every method
 * validates its input at once (`INVALID_ARGUMENT`) and returns the builder. There is no method for
 * the protected fields (`campaign`, `status`, `contact`, `dialerbase`): changing them breaks the dialer.
 * They read as the portal sent them (`dialer.raw`), and `build()` passes them back so.
 */
export interface RespoolBuilder {
  readonly campaign: string;
  readonly status: number | string;
  readonly contact: number | string;
  readonly dialerbase: string | number;
  /** Sets the main number (digits, optional leading `+`). */
  setDestination(number: string): RespoolBuilder;
  /** Replaces the alternatives: numbers or typed entries, `'H=0=999555555'` or `{ type: 'H', retries: 0, number: '999555555' }`. */
  setAlternatives(list: readonly AlternativeNumber[]): RespoolBuilder;
  /** Inserts one alternative (plain or typed) at `position` (default: last). */
  addAlternative(entry: AlternativeNumber, position?: number): RespoolBuilder;
  /** Removes an alternative, given by index or by number. */
  removeAlternative(which: number | string): RespoolBuilder;
  /** Reorders the alternatives: `order` lists the current indexes in their new order. */
  reorderAlternatives(order: readonly number[]): RespoolBuilder;
  /** Makes an alternative (index or number) the main number; see {@link PromoteOptions}. */
  promoteAlternative(which: number | string, options?: PromoteOptions): RespoolBuilder;
  /** Sets the retries of the main number: 0 to 9999. */
  setRetries(retries: number): RespoolBuilder;
  /** Sets the priority: 1 (highest) to 9999 (lowest). */
  setPriority(priority: number): RespoolBuilder;
  /**
   * Adds or replaces one `data` entry (no `;`, `:`, `=` or line breaks): the first entry named `key`
   * becomes `key=value` (any later one so named is dropped), else it is added last. Every other
   * entry goes back as the portal sent it, its exact text (only empty segments are left out).
   */
  setData(key: string, value: string): RespoolBuilder;
  /** Removes every `data` entry named `key`; the others go back as the portal sent them. */
  removeData(key: string): RespoolBuilder;
  /** Sets the agent phone (progressive dialers); `''` for none. */
  setAgentPhone(agentphone: string): RespoolBuilder;
  /** The validated Respool: its ten keys in the contract's order. Throws `INVALID_ARGUMENT` when the source's protected fields changed. */
  build(): Respool;
}

const PROMOTE = { keepOldMain: /* @__PURE__ */ optional(flag, false), retries: /* @__PURE__ */ optional(retries, 0) };

// A dialer record carries `data` parsed (a KeyValues); anything else must be a Respool.
// The whole CTI, or a call's `dialer` when the call did not come from a dialer (undefined), is the
// usual mistake: the message says what to pass. What the builder starts from is the portal's record,
// passed back as received unless edited: its text fields are only required to be strings here (a
// destination the portal sent is checked by build(), with the rest of the record); what a caller
// sets is checked strictly by each method. (The spec is spread here, not in a module-level constant:
// esbuild keeps a module-level spread, and with it the rules, in a bundle that never builds one.)
const asRespool = (source: unknown): Respool => (isDialerRecord(source) ? respoolOf(OP, source)
  : isRecord(source) && !own(source, 'dialer') ? record(OP, source, { ...RESPOOL_RULES, destination: string }, 'source')
  : invalid(OP, 'source must be cti.dialer (a call from a dialer) or a Respool object'));

/**
 * Starts a {@link RespoolBuilder} from a CTI's dialer record (or a Respool object: exactly its ten
 * keys). The protected fields are copied at creation, exactly as the portal sent them. `build()`
 * checks the source object again: if its protected fields were altered afterwards, or it no longer
 * passes as a source, it refuses with `INVALID_ARGUMENT`.
 *
 * @throws BridgeError `INVALID_ARGUMENT` for a bad source, naming the field: a dialer record whose
 *   protected field was missing or unreadable in the CTI (see `cti.problems`) is refused, because a
 *   Respool without it breaks the dialer; so is one whose `data` was given but unreadable (it would
 *   go back as `''`, wiping the contact's workflow data), and one whose `destination` was unreadable
 *   or given twice in different letter case (the number the portal meant is unknown).
 *
 * @example
 * if (cti.dialer) { // a dialer's call only
 *   const respool = respoolBuilder(cti.dialer)
 *     .promoteAlternative('098111222', { keepOldMain: true })
 *     .setData('result', 'callback')
 *     .setPriority(10)
 *     .build()
 *   await portal.respool(respool)
 * }
 */
export function respoolBuilder(source: DialerRecord | Respool): RespoolBuilder {
  const start = asRespool(source);
  const snapshot = Object.fromEntries(PROTECTED_RESPOOL_KEYS.map((k) => [k, start[k]])) as ProtectedFields;
  // What the methods edit (the protected fields stay as `snapshot`: no method sets them).
  const d = { ...start, alternatives: segmentsOf(start.alternatives) };

  const builder: RespoolBuilder = {
    get campaign() { return snapshot.campaign; },
    get status() { return snapshot.status; },
    get contact() { return snapshot.contact; },
    get dialerbase() { return snapshot.dialerbase; },
    ...draftMethods(OP, d, () => builder),
    promoteAlternative(which, options) {
      const o = record(OP, options ?? {}, PROMOTE, 'options');
      const at = findAlternative(OP, d.alternatives, which);
      const next = phone(OP, 'promoted alternative', alternativeNumber(d.alternatives[at] as string));
      d.alternatives = o.keepOldMain && d.destination !== ''
        ? d.alternatives.map((entry, i) => (i === at ? d.destination : entry))
        : d.alternatives.filter((_, i) => i !== at);
      d.destination = next;
      d.retries = o.retries;
      return builder;
    },
    setRetries(n) { d.retries = retries(OP, 'retries', n); return builder; },
    setPriority(n) { d.priority = priority(OP, 'priority', n); return builder; },
    build() {
      const now = asRespool(source);
      for (const key of PROTECTED_RESPOOL_KEYS) {
        if (!Object.is(now[key], snapshot[key])) {
          invalid(OP, `${key} was changed after the builder was created; it must never change (it breaks the dialer)`);
        }
      }
      // record() checks the whole record and returns its keys in the contract's order. The protected
      // fields from the snapshot, last: whatever the working copy holds, they go as they were read.
      return record(OP, { ...d, alternatives: d.alternatives.join(':'), ...snapshot }, RESPOOL_RULES);
    },
  };
  return builder;
}
