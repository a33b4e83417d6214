// A Date rendered as uContact's `YYYY-MM-DD HH:mm:ss` (formatDateTime, a Schedule's calldate) on a
// machine or in a browser set to another language: the default locale of Intl follows it (LC_ALL in
// Node, the browser's language in a page), and with it the calendar (Thai: Buddhist, year 2569;
// Persian: the Persian calendar) and the digits (Arabic-Indic, Extended Arabic-Indic). None of it
// reaches the text sent: the formatter names its locale (a default one wrote 2569-12-01 in Thai).
// Turkish and German too (an upper-case zone name, a decimal comma). The built bundle, in a child
// Node per locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const CTI = new URL('../../dist/cti.js', import.meta.url).href;
const SCRIPT = `
  const { formatDateTime, parseCti, scheduleBuilder } = await import(${JSON.stringify(CTI)});
  const date = new Date(Date.UTC(2026, 11, 1, 17, 30, 5));
  const schedule = scheduleBuilder(parseCti({ Guid: 'g', Campaign: 'Ventas<-', Callerid: '099123456' })).setCalldate(date, 'EUROPE/ISTANBUL').build();
  console.log(JSON.stringify({
    locale: new Intl.DateTimeFormat().resolvedOptions().locale,
    text: [formatDateTime(date, 'UTC'), formatDateTime(date, 'Asia/Tehran'), formatDateTime(date, 'EUROPE/ISTANBUL'), formatDateTime(date), schedule.calldate],
  }));`;
// The machine's language as Node's ICU reads it (no installed glibc locale is needed).
const run = (locale) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
  env: { ...process.env, LANG: locale, LC_ALL: locale, TZ: 'America/Montevideo' }, encoding: 'utf8',
}));

test('a machine in another language renders a Date as one in C does: Gregorian year, Latin digits, the zone found', () => {
  const c = run('C');
  assert.deepEqual(c.text, ['2026-12-01 17:30:05', '2026-12-01 21:00:05', '2026-12-01 20:30:05', '2026-12-01 14:30:05', '2026-12-01 20:30:05']);
  for (const [locale, tag] of [['th_TH.UTF-8', 'th-TH'], ['fa_IR.UTF-8', 'fa-IR'], ['ar_EG.UTF-8', 'ar-EG'], ['tr_TR.UTF-8', 'tr-TR'], ['de_DE.UTF-8', 'de-DE']]) {
    const got = run(locale);
    // (The child really ran in that language: else this test proves nothing.)
    assert.equal(got.locale, tag, locale);
    assert.deepEqual(got.text, c.text, locale);
  }
});
