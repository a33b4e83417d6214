import { formatDateTime as render, type TimeZoneChoice } from '../shared/check.js';

/**
 * Renders a `Date` as uContact's `YYYY-MM-DD HH:mm:ss` in `timeZone`: `'local'` (default), `'UTC'`
 * or an IANA name. Use it for a disposition's `schedule` in another zone than the browser's.
 *
 * @example
 * portal.disposition({ l1: 'Callback', schedule: formatDateTime(when, 'America/Montevideo') })
 */
export function formatDateTime(date: Date, timeZone: TimeZoneChoice = 'local'): string {
  return render('formatDateTime', date, timeZone);
}
