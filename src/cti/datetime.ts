import { dateTime, formatDateTime as render, timeZone, type TimeZoneChoice } from '../shared/validate.js';

const OP = 'formatDateTime';

/**
 * Renders a `Date` as uContact's `YYYY-MM-DD HH:mm:ss` in `zone`: `'local'` (default), `'UTC'` or an
 * IANA name. Use it for a disposition's `schedule` in another zone than the browser's. A string
 * already in that form is checked and returned as it is (the zone does not apply to it). Throws
 * `INVALID_ARGUMENT` for an invalid date or string, or an unknown zone.
 *
 * @example
 * portal.disposition({ l1: 'Callback', schedule: formatDateTime(when, 'America/Montevideo') })
 */
export function formatDateTime(date: Date | string, zone: TimeZoneChoice = 'local'): string {
  return render(dateTime(OP, 'date', date), timeZone(OP, 'zone', zone));
}
