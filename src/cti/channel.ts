import type { CtiChannel } from './types.js';

// uContact's own channel names (spec 4.2 and 7). A voice CTI carries no `Channel` at all, and the
// portal's spelling of the others is not fixed, so they are compared case-insensitively.
const KNOWN: readonly string[] = ['telephony', 'email', 'webchat', 'sms', 'messenger', 'whatsapp', 'instagram'];

/**
 * The channel of a CTI from its `Channel` field: `'telephony'` when absent or blank; a known channel
 * in any letter case as its lower-case name (`'WhatsApp'` → `'whatsapp'`); any other text as given.
 */
export function channelOf(raw: string): CtiChannel {
  const name = raw.trim().toLowerCase();
  if (name === '') return 'telephony';
  return KNOWN.includes(name) ? name : raw;
}
