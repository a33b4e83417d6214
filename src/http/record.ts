import { isRecord, own, textOf } from '../shared/validate.js';

// The lenient side of the REST client: a record of a server answer is read field by field, in any
// key case, numbers also from numeric text. A field that cannot be read is named in `problems` (and
// reported once per call to the log hook) and its value stays in `raw`; it never fails the answer.

/** What every record read from a server answer carries besides its typed fields. */
export interface AnswerRecord {
  /** The record as the server sent it: every field, unknown ones included, names as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Typed fields that could not be read (missing, or not of their type); their value, if any, is in `raw`. */
  readonly problems: readonly string[];
}

/** Reports a field that could not be read (by name, never its value). */
export type OddField = (field: string) => void;

/** `value[name]`, else the first key equal to `name` in another case. */
export function lookup(value: Record<string, unknown>, name: string): unknown {
  const key = own(value, name) ? name : Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
  // Never '' when found: the names asked for are not empty, nor is a key equal to one in lower case.
  return key && value[key];
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;
// `HH:MM:SS`, the hours possibly longer (`123:04:05`), seconds possibly with a fraction; hours of
// 300 digits and more would be Infinity seconds.
const DURATION = /^(\d{1,99}):([0-5]\d):([0-5]\d(?:\.\d+)?)$/;

/** Reads the typed fields of one record of an answer. */
export interface RecordReader extends AnswerRecord {
  readonly problems: string[];
  /**
   * A text field; a whole number up to 2^53 - 1 becomes its text; anything else reads `''` and is a
   * problem, a number past 2^53 or with a fraction too: JSON text may have lost its digits
   * (`1700000000.50` parses as `1700000000.5`), and an id must never read as another's.
   */
  text(name: string): string;
  /** A number, or numeric text; anything else is `undefined` and a problem. */
  num(name: string): number | undefined;
  /** A duration as `[text, seconds]`: `HH:MM:SS` text, or a number of seconds. */
  duration(name: string): [string, number | undefined];
  /** Names `name` as a problem. */
  odd(name: string): undefined;
}

/** Starts reading `value` (a record, or anything else: then every field is a problem). */
export function readRecord(value: unknown, report: OddField): RecordReader {
  const raw = isRecord(value) ? value : {};
  const problems: string[] = [];
  const get = (name: string): unknown => lookup(raw, name);
  const odd = (name: string): undefined => {
    problems.push(name);
    report(name);
    return undefined;
  };
  // Numeric text beyond the double range (400 digits) reads as Infinity: unreadable, as in JSON.
  const number = (v: unknown): number | undefined => {
    const n = typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v) : v;
    return Number.isFinite(n) ? (n as number) : undefined;
  };
  return {
    raw, problems, odd,
    text(name) {
      const v = get(name);
      return textOf(v) ?? (odd(name), '');
    },
    num: (name) => number(get(name)) ?? odd(name),
    duration(name) {
      const v = get(name);
      const m = typeof v === 'string' ? DURATION.exec(v.trim()) : null;
      if (m) return [v as string, Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])];
      const n = number(v);
      return n === undefined ? [typeof v === 'string' ? v : '', odd(name)] : [String(v), n];
    },
  };
}

/** Reports each odd field once per call, as `{ type: 'odd-field', endpoint, field }`. */
export function oddFieldLog(log: (field: string) => void): OddField {
  const seen = new Set<string>();
  return (field) => {
    if (!seen.has(field)) {
      seen.add(field);
      log(field);
    }
  };
}
