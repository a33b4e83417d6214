// A Date rendered as uContact's `YYYY-MM-DD HH:mm:ss` (a disposition's schedule, a Schedule's or a
// dialer task's calldate, formatDateTime) in a page whose Object.prototype a bug polluted: Intl reads
// the formatter's options through the prototype, so a `calendar` there wrote another year, a
// `numberingSystem` wrote NaN, a `localeMatcher` refused every zone. The built bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime } from '../../dist/cti.js';

// An afternoon: an hour12 or hourCycle read from the prototype shows in the hour.
const DATE = new Date(Date.UTC(2026, 11, 1, 17, 30, 5));
const POLLUTION = {
  calendar: 'buddhist', numberingSystem: 'arab', hourCycle: 'h11', hour12: true, era: 'long', timeZoneName: 'short',
  weekday: 'long', fractionalSecondDigits: 3, dayPeriod: 'long', localeMatcher: 'x', formatMatcher: 'x', timeZone: 'Asia/Tokyo',
  dateStyle: 'full', timeStyle: 'full',
};

for (const [key, value] of Object.entries(POLLUTION)) {
  test(`Object.prototype.${key} polluted: a Date is rendered as in a clean page, in UTC, a named zone and the local one`, () => {
    const clean = [formatDateTime(DATE, 'UTC'), formatDateTime(DATE, 'America/Montevideo'), formatDateTime(DATE)];
    assert.deepEqual(clean.slice(0, 2), ['2026-12-01 17:30:05', '2026-12-01 14:30:05']);
    Object.prototype[key] = value;
    try {
      const got = [formatDateTime(DATE, 'UTC'), formatDateTime(DATE, 'america/montevideo'), formatDateTime(DATE)];
      assert.deepEqual(got, clean);
    } finally {
      delete Object.prototype[key];
    }
  });
}
