// The public surface of 'ucontact-bridge/cti'.
import {
  readCti, decryptCti, parseCti, respoolBuilder, scheduleBuilder, watchCti, formatDateTime, toRespool, DEFAULT_CTI_KEY,
  type Cti, type Respool, type Schedule, type DialerRecord, type DialerField, type ParseCtiOptions, type ReadCtiOptions,
} from 'ucontact-bridge/cti';
import { expectTrue, type Equal } from './support.js';

const cti: Cti = readCti();
expectTrue<Equal<typeof cti.dialer, DialerRecord | undefined>>();
const storageKey: string = DEFAULT_CTI_KEY;
void storageKey;
const decrypted: Cti = decryptCti('U2FsdGVkX1...', 'passphrase');
void decrypted;
void parseCti('{}');
// What was odd in a CTI: field paths, read-only.
expectTrue<Equal<Cti['problems'], readonly string[]>>();
// @ts-expect-error problems are read-only
cti.problems.push('x');
// The typed reading fields stay typed; the protected fields as received are in `raw`.
expectTrue<Equal<DialerRecord['contact'], number>>();
expectTrue<Equal<DialerRecord['dialerbase'], string>>();
expectTrue<Equal<DialerRecord['raw'], Readonly<Partial<Pick<Respool, 'campaign' | 'status' | 'contact' | 'dialerbase'>>>>>();
// A Respool passes the protected fields back as the portal sent them.
expectTrue<Equal<Respool['status'], number | string>>();
expectTrue<Equal<Respool['contact'], number | string>>();
expectTrue<Equal<Respool['dialerbase'], string | number>>();
expectTrue<Equal<Respool['campaign'], string>>();
export function passBack(dialer: DialerRecord): Respool {
  const b = respoolBuilder(dialer);
  const id: number | string = b.contact;
  void id;
  return toRespool(dialer);
}
// The Dialer key spellings are a default: dialerKeys maps them, with the contract's names as keys.
expectTrue<Equal<DialerField, keyof Respool>>();
const keys: ParseCtiOptions = { dialerKeys: { dialerbase: 'dialebase' } };
void parseCti('{}', keys);
void readCti({ dialerKeys: { contact: 'Contact_Id' } });
void decryptCti('U2FsdGVkX1...', 'passphrase', keys);
// A spelling passed on from the caller's own optional one: undefined is the default spelling, as at run time.
declare const maybeSpelling: string | undefined;
void parseCti('{}', { dialerKeys: { dialerbase: maybeSpelling, contact: 'Contact_Id' } });
watchCti({ dialerKeys: { dialerbase: 'dialebase' }, onChange: () => {} });
// @ts-expect-error only the ten Dialer fields can be mapped
void parseCti('{}', { dialerKeys: { dialerBase: 'dialebase' } });
// @ts-expect-error a spelling is text
void parseCti('{}', { dialerKeys: { contact: 5 } });

export function builders(dialer: DialerRecord): [Respool, Schedule] {
  const respool = respoolBuilder(dialer).setDestination('099000000').setRetries(2).setData('k', 'v').build();
  const schedule = scheduleBuilder(dialer).build();
  return [respool, schedule];
}
export function protectedFields(dialer: DialerRecord): void {
  const b = respoolBuilder(dialer);
  // @ts-expect-error the builder has no setter for a protected field
  b.setCampaign('other');
  // @ts-expect-error protected fields are read-only
  b.campaign = 'other';
}
const stop: () => void = watchCti({ intervalMs: 500, onChange: (next: Cti) => void next });
stop();
void formatDateTime(new Date(0), 'UTC');
// A `YYYY-MM-DD HH:mm:ss` string is checked and returned as it is, as at run time (the Schedule's calldate rule).
const asText: string = formatDateTime('2026-12-01 09:05:07');
void asText;
// @ts-expect-error a number of milliseconds is no date
void formatDateTime(0);
// @ts-expect-error the period is `intervalMs`, as every duration option
watchCti({ interval: 500, onChange: () => {} });
// @ts-expect-error onChange is required
watchCti({ intervalMs: 500 });
// @ts-expect-error readCti takes an options object
readCti('key');
// The storage source needs the passphrase (INVALID_ARGUMENT at run time without one); the default
// and the framework source do not, and a passphrase alone still chooses the storage by default.
void readCti({ source: 'storage', passphrase: 'pass', key: 'CTI' });
void readCti({ passphrase: 'pass' });
void readCti({ source: 'framework' });
void readCti({ key: 'CTI' });
watchCti({ source: 'storage', passphrase: 'pass', intervalMs: 0, onChange: () => {} });
const fromStorage: ReadCtiOptions = { source: 'storage', passphrase: 'pass', window };
void fromStorage;
// @ts-expect-error storage without a passphrase
void readCti({ source: 'storage' });
// @ts-expect-error storage without a passphrase
void readCti({ source: 'storage', key: 'CTI' });
// @ts-expect-error storage without a passphrase
watchCti({ source: 'storage', onChange: () => {} });
// @ts-expect-error the passphrase is text
void readCti({ source: 'storage', passphrase: 5 });
// @ts-expect-error misspelled option
void readCti({ source: 'storage', passPhrase: 'pass' });

// onChange's rejection is reported (CALLBACK_FAILED): it returns `unknown`. A storage stand-in made
// of a Map answers undefined for a missing key, as the reader takes it.
expectTrue<Equal<ReturnType<import('ucontact-bridge/cti').WatchCtiOptions['onChange']>, unknown>>();
const stored = new Map<string, string>();
readCti({ storage: { getItem: (key: string) => stored.get(key) }, passphrase: 'p' });
