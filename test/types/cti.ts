// The public surface of 'ucontact-bridge/cti'.
import {
  readCti, decryptCti, parseCti, respoolBuilder, scheduleBuilder, watchCti, formatDateTime, DEFAULT_CTI_KEY,
  type Cti, type Respool, type Schedule, type DialerRecord,
} from 'ucontact-bridge/cti';
import { expectTrue, type Equal } from './support.js';

const cti: Cti = readCti();
expectTrue<Equal<typeof cti.dialer, DialerRecord | undefined>>();
const storageKey: string = DEFAULT_CTI_KEY;
void storageKey;
const decrypted: Cti = decryptCti('U2FsdGVkX1...', 'passphrase');
void decrypted;
void parseCti('{}');

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
// @ts-expect-error the period is `intervalMs`, as every duration option
watchCti({ interval: 500, onChange: () => {} });
// @ts-expect-error onChange is required
watchCti({ intervalMs: 500 });
// @ts-expect-error readCti takes an options object
readCti('key');
