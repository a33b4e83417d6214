// Argument checking of the built cti entry (issue #17): every entry point goes through the one
// validation module, so an unknown key is refused (naming the key, with "did you mean"), and the
// builders follow the same rules as the REST client (typed alternatives as text or objects, retries
// 0 to 9999, every data pair key=value). What came from the portal is still passed back as received.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import CryptoJS from 'crypto-js';
import { decryptCti, formatDateTime, parseCti, readCti, respoolBuilder, scheduleBuilder, watchCti, isBridgeError } from '../../dist/cti.js';

const PASS = 'arguments-test-passphrase';
const CTI = { Guid: 'g-17', Campaign: 'Sales->', Callerid: '099123456' };
const DIALER = {
  campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:flag', alternatives: '098111222:H=0=097333444', retries: 2,
  contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '',
};
const storage = { getItem: () => CryptoJS.AES.encrypt(JSON.stringify(CTI), PASS).toString() };
const refused = (operation, why) => (e) => {
  assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.code} ${e?.message}`);
  assert.equal(e.operation, operation);
  assert.match(e.message, why);
  return true;
};

test('readCti and watchCti: unknown option keys are refused, with "did you mean"', () => {
  assert.throws(() => readCti({ passPhrase: PASS, storage }), refused('readCti', /options has an unknown key 'passPhrase' \(did you mean 'passphrase'\?\)/));
  assert.throws(() => readCti({ source: 'storage', passphrase: PASS, storage, Key: 'CTI' }), refused('readCti', /unknown key 'Key' \(did you mean 'key'\?\)/));
  assert.equal(readCti({ source: 'storage', passphrase: PASS, storage }).guid, 'g-17');
  const win = { CTI: JSON.stringify(CTI), addEventListener() {}, removeEventListener() {} };
  assert.throws(() => watchCti({ window: win, onchange() {} }), refused('watchCti', /unknown key 'onchange' \(did you mean 'onChange'\?\)/));
  // Every duration option ends in Ms: the old name `interval` is refused, pointing at the new one.
  assert.throws(() => watchCti({ window: win, onChange() {}, interval: 10 }), refused('watchCti', /unknown key 'interval' \(did you mean 'intervalMs'\?\)/));
  assert.throws(() => watchCti({ window: win, onChange() {}, intervalMs: 10.5 }), refused('watchCti', /intervalMs must be an integer from 0 to 2147483647/));
  watchCti({ window: win, onChange() {}, intervalMs: 10 })();
  // The storage source listens on the window: a stand-in without the listener methods is refused
  // (it threw a TypeError); the framework source only polls, so a bare stand-in is enough there.
  const bare = { localStorage: storage };
  assert.throws(() => watchCti({ window: bare, passphrase: PASS, onChange() {} }), refused('watchCti', /^watchCti: window\.addEventListener must be a function$/));
  assert.throws(() => watchCti({ window: { ...bare, addEventListener() {} }, passphrase: PASS, onChange() {} }), refused('watchCti', /window\.removeEventListener must be a function/));
  watchCti({ window: { ...bare, addEventListener() {}, removeEventListener() {} }, passphrase: PASS, onChange() {} })();
  watchCti({ window: { CTI: JSON.stringify(CTI) }, onChange() {} })();
});

test('decryptCti: a passphrase is any non-empty string (blanks too: it is a secret, never trimmed)', () => {
  const blank = ' \t ';
  assert.equal(decryptCti(CryptoJS.AES.encrypt(JSON.stringify(CTI), blank).toString(), blank).guid, 'g-17');
  assert.throws(() => decryptCti('x', ''), refused('decryptCti', /passphrase is required/));
});

test('formatDateTime: the date and the zone are checked', () => {
  assert.equal(formatDateTime(new Date(Date.UTC(2026, 11, 1, 12)), 'UTC'), '2026-12-01 12:00:00');
  // Without a zone: the local one (the unit suite runs in UTC-3), as the Date getters say.
  const d = new Date(2026, 11, 1, 9, 5, 7);
  // In UTC the local default and a UTC default would write the same text: this needs another zone.
  assert.notEqual(d.getTimezoneOffset(), 0, 'run under a zone other than UTC (the unit runner sets TZ)');
  assert.equal(formatDateTime(d), '2026-12-01 09:05:07');
  assert.equal(formatDateTime(d, 'local'), '2026-12-01 09:05:07');
  assert.throws(() => formatDateTime(new Date(Number.NaN)), refused('formatDateTime', /date must be a valid Date/));
  assert.throws(() => formatDateTime(new Date(), 'Mars/Olympus'), refused('formatDateTime', /zone must be local, UTC or an IANA time zone name/));
});

test('formatDateTime: a uContact date-time string is checked and returned as it is, whatever the zone (as the declaration says)', () => {
  assert.equal(formatDateTime('2026-12-01 09:05:07'), '2026-12-01 09:05:07');
  assert.equal(formatDateTime('2026-12-01 09:05:07', 'Asia/Tokyo'), '2026-12-01 09:05:07');
  assert.throws(() => formatDateTime('2026-02-30 09:05:07'), refused('formatDateTime', /date must be a valid Date or a 'YYYY-MM-DD HH:mm:ss' string/));
  assert.throws(() => formatDateTime('2026-12-01T09:05:07Z'), refused('formatDateTime', /date must be/));
  assert.throws(() => formatDateTime('2026-12-01 09:05:07', 'Mars/Olympus'), refused('formatDateTime', /zone must be/));
});

test('respoolBuilder given the whole CTI, or the dialer part of a call not from a dialer, says to pass cti.dialer', () => {
  const cti = parseCti({ ...CTI, Dialer: DIALER });
  const hint = refused('respoolBuilder', /source must be cti\.dialer \(a call from a dialer\) or a Respool object/);
  assert.throws(() => respoolBuilder(cti), hint);
  assert.throws(() => respoolBuilder(parseCti(CTI).dialer), hint, 'no dialer: cti.dialer is undefined');
  assert.throws(() => respoolBuilder(null), hint);
  assert.equal(respoolBuilder(cti.dialer).build().campaign, DIALER.campaign);
});

test('respoolBuilder: a Respool source has exactly its ten keys; promoteAlternative options are checked', () => {
  assert.throws(() => respoolBuilder({ ...DIALER, priorty: 1 }), refused('respoolBuilder', /source has an unknown key 'source.priorty' \(did you mean 'source.priority'\?\)/));
  const short = { ...DIALER };
  delete short.priority;
  assert.throws(() => respoolBuilder(short), refused('respoolBuilder', /source.priority is required/));
  const b = respoolBuilder(DIALER);
  assert.throws(() => b.promoteAlternative(0, { keepOldMian: true }), refused('respoolBuilder', /options has an unknown key 'keepOldMian' \(did you mean 'keepOldMain'\?\)/));
  assert.throws(() => b.promoteAlternative(0, { keepOldMain: 'yes' }), refused('respoolBuilder', /keepOldMain must be true or false/));
  assert.throws(() => b.promoteAlternative(0, { retries: null }), refused('respoolBuilder', /retries must be an integer from 0 to 9999/));
  assert.deepEqual(b.build(), DIALER, 'refused calls change nothing; the portal\'s data is passed back as received');
});

test('the builders take typed alternatives as objects too, and refuse retries over 9999', () => {
  const r = respoolBuilder(DIALER).setAlternatives(['098111222', { type: 'W', retries: 2, number: '096000000' }])
    .addAlternative({ type: 'P', retries: 0, number: '095000000' }, 0).build();
  assert.equal(r.alternatives, 'P=0=095000000:098111222:W=2=096000000');
  const b = respoolBuilder(DIALER);
  assert.throws(() => b.addAlternative('H=10000=099'), refused('respoolBuilder', /alternative must be a number or TYPE=RETRIES=NUMBER/));
  assert.throws(() => b.addAlternative({ type: 'H', retries: 10000, number: '099' }), refused('respoolBuilder', /alternative.retries must be an integer from 0 to 9999/));
  assert.throws(() => b.setAlternatives([{ type: 'H', retries: 0, number: '099', extra: 1 }]), refused('respoolBuilder', /alternatives\[0\] has an unknown key/));
  assert.throws(() => b.setRetries(10000), refused('respoolBuilder', /retries must be an integer from 0 to 9999/));
  assert.equal(b.setRetries(9999).build().retries, 9999);
  const s = scheduleBuilder({ campaign: 'C->', destination: '099', alternatives: [{ type: 'H', retries: 1, number: '098' }], calldate: '2027-01-31 10:00:00' })
    .addAlternative({ type: 'U', retries: 0, number: '097' }).build();
  assert.equal(s.alternatives, 'H=1=098:U=0=097');
});

test('scheduleBuilder: unknown keys in the fields and the options are refused; data may be a record', () => {
  const f = { campaign: 'C->', destination: '099', calldate: '2027-01-31 10:00:00' };
  assert.throws(() => scheduleBuilder({ ...f, agentPhone: '1001' }), refused('scheduleBuilder', /from has an unknown key 'from.agentPhone' \(did you mean 'from.agentphone'\?\)/));
  assert.throws(() => scheduleBuilder(f, { timezone: 'UTC' }), refused('scheduleBuilder', /options has an unknown key 'timezone' \(did you mean 'timeZone'\?\)/));
  assert.equal(scheduleBuilder({ ...f, data: { reason: 'busy', note: '' } }).build().data, 'reason=busy:note=');
  // The portal's own records are passed back as received: a segment without = in a dialer's data is kept.
  const fromPortal = parseCti({ ...CTI, Dialer: DIALER });
  assert.equal(scheduleBuilder(fromPortal).setCalldate('2027-01-31 10:00:00').build().data, 'idcustomer=7:flag');
});

test('a refused data edit leaves untouched data exactly as the portal sent it', () => {
  const b = respoolBuilder(DIALER);
  assert.throws(() => b.setData('note', 'a:b'), refused('respoolBuilder', /data value must not contain/));
  assert.throws(() => b.removeData('a=b'), refused('respoolBuilder', /data key must not contain/));
  assert.equal(b.build().data, 'idcustomer=7:flag');
  // An edit of another key sends the bare `flag` back as it came too (it went as `flag=` once).
  assert.equal(b.setData('note', 'x').build().data, 'idcustomer=7:flag:note=x');
});

test('no message repeats a value refused (phone numbers, passphrases)', () => {
  const attempts = [
    () => readCti({ passphrase: '099765432', storage, '099765432': 1 }),
    () => respoolBuilder(DIALER).addAlternative({ type: 'H', retries: 0, number: '099 765 432' }),
    () => scheduleBuilder({ campaign: 'C->', destination: '099765432', data: { '099765432': 'x;y' } }),
  ];
  for (const f of attempts) assert.throws(f, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && !/765/.test(e.message));
});

test('readCti, watchCti and decryptCti take dialerKeys (the Dialer key spellings are our default), checked like every option', async () => {
  const odd = { ...CTI, Dialer: { ...DIALER, dialerbase: undefined, dialebase: 'base-2026-11' } };
  const dialerKeys = { dialerbase: 'dialebase' };
  const win = { CTI: JSON.stringify(odd), addEventListener() {}, removeEventListener() {} };
  assert.deepEqual(readCti({ window: win }).problems, ['Dialer.dialerbase'], 'without the option: read, and listed');
  assert.equal(readCti({ window: win, dialerKeys }).dialer.dialerbase, 'base-2026-11');
  const sealed = CryptoJS.AES.encrypt(JSON.stringify(odd), PASS).toString();
  assert.equal(readCti({ source: 'storage', passphrase: PASS, storage: { getItem: () => sealed }, dialerKeys }).dialer.raw.dialerbase, 'base-2026-11');
  assert.equal(decryptCti(sealed, PASS, { dialerKeys }).dialer.dialerbase, 'base-2026-11');
  assert.throws(() => readCti({ window: win, dialerKeys: { dialerBase: 'x' } }), refused('readCti', /unknown key 'dialerKeys.dialerBase' \(did you mean 'dialerKeys.dialerbase'\?\)/));
  assert.throws(() => decryptCti(sealed, PASS, { dialerkeys: dialerKeys }), refused('decryptCti', /unknown key 'dialerkeys'/));
  assert.throws(() => watchCti({ window: win, onChange() {}, dialerKeys: { base: 'x' } }), refused('watchCti', /unknown key 'dialerKeys.base'/));
  const seen = [];
  const w = { CTI: '', addEventListener() {}, removeEventListener() {} };
  const stop = watchCti({ window: w, intervalMs: 5, dialerKeys, onChange: (cti) => seen.push(cti) });
  w.CTI = JSON.stringify(odd);
  for (let i = 0; i < 200 && !seen.length; i++) await new Promise((r) => setTimeout(r, 5));
  stop();
  assert.equal(seen[0].dialer.dialerbase, 'base-2026-11');
  assert.deepEqual(seen[0].problems, []);
});
