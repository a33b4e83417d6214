import { checkRespool, int, invalid, isRecord, phone, str } from '../shared/check.js';
import { PROTECTED_RESPOOL_KEYS, type Respool } from '../shared/records.js';
import { findAlternative, insertAlternative, removeAlternative, reorderAlternatives } from './alternatives.js';
import { DataDraft } from './draft.js';
import { alternativeNumber, checkAlternatives, splitAlternatives } from './kv.js';
import { toRespool } from './parse.js';
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
 */
export interface RespoolBuilder {
  readonly campaign: string;
  readonly status: number;
  readonly contact: number;
  readonly dialerbase: string;
  /** Sets the main number (digits, optional leading `+`). */
  setDestination(number: string): RespoolBuilder;
  /** Replaces the alternatives: numbers or typed `TYPE=RETRIES=NUMBER` entries (`H=0=999555555`). */
  setAlternatives(list: readonly string[]): RespoolBuilder;
  /** Inserts one alternative at `position` (default: last). */
  addAlternative(entry: string, position?: number): RespoolBuilder;
  /** Removes an alternative, given by index or by number. */
  removeAlternative(which: number | string): RespoolBuilder;
  /** Reorders the alternatives: `order` lists the current indexes in their new order. */
  reorderAlternatives(order: readonly number[]): RespoolBuilder;
  /** Makes an alternative (index or number) the main number; see {@link PromoteOptions}. */
  promoteAlternative(which: number | string, options?: PromoteOptions): RespoolBuilder;
  /** Sets the retries of the main number (0 or more). */
  setRetries(retries: number): RespoolBuilder;
  /** Sets the priority: 1 (highest) to 9999 (lowest). */
  setPriority(priority: number): RespoolBuilder;
  /** Adds or replaces one `data` entry (no `;`, `:`, `=`, `|` or line breaks). */
  setData(key: string, value: string): RespoolBuilder;
  /** Removes one `data` entry. */
  removeData(key: string): RespoolBuilder;
  /** Sets the agent phone (progressive dialers); `''` for none. */
  setAgentPhone(agentphone: string): RespoolBuilder;
  /** The validated Respool: its ten keys in wire order. Refuses when the source's protected fields changed. */
  build(): Respool;
}

type Protected = Pick<Respool, (typeof PROTECTED_RESPOOL_KEYS)[number]>;

// A dialer record carries `data` parsed; a Respool carries it as text. Both are read as wire fields.
function wireView(source: object): Readonly<Record<string, unknown>> {
  const s = source as Readonly<Record<string, unknown>>;
  if (typeof s.data !== 'string' && !(isRecord(s.data) && typeof s.data.raw === 'string' && Array.isArray(s.alternatives))) {
    invalid(OP, 'source must be a dialer record or a Respool object');
  }
  return typeof s.data === 'string' ? { ...s } : { ...toRespool(source as DialerRecord) };
}

/**
 * Starts a {@link RespoolBuilder} from a CTI's dialer record (or a Respool object). The protected
 * fields are copied at creation; if the source object's protected fields are altered afterwards,
 * `build()` refuses with `INVALID_ARGUMENT`.
 *
 * @example
 * const respool = respoolBuilder(cti.dialer)
 *   .promoteAlternative('098111222', { keepOldMain: true })
 *   .setData('result', 'callback')
 *   .setPriority(10)
 *   .build()
 * await portal.respool(respool)
 */
export function respoolBuilder(source: DialerRecord | Respool): RespoolBuilder {
  if (!isRecord(source)) invalid(OP, 'source must be a dialer record or a Respool object');
  const wire = wireView(source);
  const snapshot: Protected = {
    campaign: str(OP, 'campaign', wire.campaign),
    status: int(OP, 'status', wire.status, 0, 2 ** 31),
    contact: int(OP, 'contact', wire.contact, 0, Number.MAX_SAFE_INTEGER),
    dialerbase: str(OP, 'dialerbase', wire.dialerbase, true),
  };
  let destination = str(OP, 'destination', wire.destination, true);
  let alternatives = splitAlternatives(str(OP, 'alternatives', wire.alternatives, true));
  let retries = int(OP, 'retries', wire.retries, 0, 2 ** 31);
  let priority = int(OP, 'priority', wire.priority, 1, 9999);
  let agentphone = str(OP, 'agentphone', wire.agentphone, true);
  const data = new DataDraft(OP, str(OP, 'data', wire.data, true));

  const builder: RespoolBuilder = {
    get campaign() { return snapshot.campaign; },
    get status() { return snapshot.status; },
    get contact() { return snapshot.contact; },
    get dialerbase() { return snapshot.dialerbase; },
    setDestination(number) { destination = phone(OP, 'destination', number); return builder; },
    setAlternatives(list) { alternatives = checkAlternatives(OP, list); return builder; },
    addAlternative(entry, position) { alternatives = insertAlternative(OP, alternatives, entry, position); return builder; },
    removeAlternative(which) { alternatives = removeAlternative(OP, alternatives, which); return builder; },
    reorderAlternatives(order) { alternatives = reorderAlternatives(OP, alternatives, order); return builder; },
    promoteAlternative(which, options = {}) {
      if (!isRecord(options)) invalid(OP, 'promoteAlternative options must be an object');
      const at = findAlternative(OP, alternatives, which);
      const next = phone(OP, 'promoted alternative', alternativeNumber(alternatives[at] as string));
      const nextRetries = int(OP, 'retries', options.retries ?? 0, 0, 2 ** 31);
      alternatives = options.keepOldMain === true && destination !== ''
        ? alternatives.map((entry, i) => (i === at ? destination : entry))
        : alternatives.filter((_, i) => i !== at);
      destination = next;
      retries = nextRetries;
      return builder;
    },
    setRetries(n) { retries = int(OP, 'retries', n, 0, 2 ** 31); return builder; },
    setPriority(n) { priority = int(OP, 'priority', n, 1, 9999); return builder; },
    setData(key, value) { data.set(key, value); return builder; },
    removeData(key) { data.remove(key); return builder; },
    setAgentPhone(value) { agentphone = phone(OP, 'agentphone', value, true); return builder; },
    build() {
      const now = wireView(source);
      for (const key of PROTECTED_RESPOOL_KEYS) {
        if (!Object.is(now[key], snapshot[key])) {
          invalid(OP, `${key} was changed after the builder was created; it must never change (it breaks the dialer)`);
        }
      }
      return checkRespool(OP, {
        campaign: snapshot.campaign, destination, status: snapshot.status, data: data.text(),
        alternatives: alternatives.join(':'), retries, contact: snapshot.contact,
        dialerbase: snapshot.dialerbase, priority, agentphone,
      });
    },
  };
  return builder;
}
