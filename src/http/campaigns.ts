import { isRecord, optionalText, record } from '../shared/validate.js';
import { bad, json, jsonList } from './parse.js';
import { lookup, readRecord, type AnswerRecord, type OddField } from './record.js';
import type { FormFields } from './transport.js';

/**
 * One campaign's live figures (Supervisor/campaignstatus). Counters may arrive as numbers or numeric
 * text; one that cannot be read is `undefined` and named in `problems`.
 */
export interface CampaignStatus extends AnswerRecord {
  readonly campaign: string;
  readonly availables: number | undefined;
  readonly busy: number | undefined;
  readonly paused: number | undefined;
  readonly onwrapup: number | undefined;
  readonly completed: number | undefined;
  readonly abandoned: number | undefined;
  readonly acd: number | undefined;
  readonly totalcalls: number | undefined;
  /** Talk time as the server wrote it, `HH:MM:SS` (the hours may have more digits). */
  readonly talked: string;
  /** {@link CampaignStatus.talked} in seconds; `undefined` when unreadable. */
  readonly talkedSeconds: number | undefined;
  /** Hold time as the server wrote it, `HH:MM:SS`. */
  readonly hold: string;
  /** {@link CampaignStatus.hold} in seconds; `undefined` when unreadable. */
  readonly holdSeconds: number | undefined;
  readonly servicelevel: number | undefined;
}

/** One line of Supervisor/campaignssummary. */
export interface CampaignSummary extends AnswerRecord {
  readonly campaign: string;
  /** `undefined` (and a problem) for a type other than these three. */
  readonly type: 'inbound' | 'outbound' | 'dialer' | undefined;
  readonly agents: number | undefined;
  readonly waiting: number | undefined;
  readonly completed: number | undefined;
  readonly abandoned: number | undefined;
  readonly servicelevel: number | undefined;
}

/** Arguments of `campaignStatus`. */
export interface CampaignStatusArgs {
  /** One campaign (queue); `''` or absent = all. */
  readonly queue?: string | undefined;
}

const COUNTERS = ['availables', 'busy', 'paused', 'onwrapup', 'completed', 'abandoned', 'acd', 'totalcalls'] as const;
const SUMMARY_FIGURES = ['agents', 'waiting', 'completed', 'abandoned', 'servicelevel'] as const;
const TYPES: readonly string[] = ['inbound', 'outbound', 'dialer'];

/** Form fields of campaignstatus (`queue` `''` = all). */
export const campaignStatusFields = (operation: string, args: CampaignStatusArgs | undefined): FormFields =>
  record(operation, args === undefined ? {} : args, { queue: optionalText });

/**
 * Parses the campaignstatus answer: an object keyed by campaign, returned in a null-prototype object
 * so that a campaign named `__proto__` is kept like any other.
 */
export function parseCampaignStatus(operation: string, body: string, odd: OddField): Record<string, CampaignStatus> {
  const all = json(operation, body.trim());
  if (!isRecord(all)) bad(operation, 'not an object');
  const out = Object.create(null) as Record<string, CampaignStatus>;
  for (const [key, v] of Object.entries(all)) {
    const f = readRecord(v, odd);
    // The key names the campaign: an entry without its own `campaign` field is still readable.
    const named = lookup(f.raw, 'campaign');
    const campaign = (typeof named === 'string' && named) || key;
    const figures = Object.fromEntries(COUNTERS.map((k) => [k, f.num(k)])) as Record<(typeof COUNTERS)[number], number | undefined>;
    const [talked, talkedSeconds] = f.duration('talked');
    const [hold, holdSeconds] = f.duration('hold');
    out[key] = { campaign, ...figures, talked, talkedSeconds, hold, holdSeconds, servicelevel: f.num('servicelevel'), raw: f.raw, problems: f.problems };
  }
  return out;
}

/** Parses the campaignssummary answer: an array. */
export function parseCampaignsSummary(operation: string, body: string, odd: OddField): CampaignSummary[] {
  return jsonList(operation, body).map((v: unknown) => {
    const f = readRecord(v, odd);
    const campaign = f.text('campaign');
    const type = f.text('type').toLowerCase();
    return {
      campaign,
      // A missing type is already a problem; an unknown one becomes one here.
      type: TYPES.includes(type) ? (type as CampaignSummary['type']) : type ? f.odd('type') : undefined,
      ...(Object.fromEntries(SUMMARY_FIGURES.map((k) => [k, f.num(k)])) as Record<(typeof SUMMARY_FIGURES)[number], number | undefined>),
      raw: f.raw,
      problems: f.problems,
    };
  });
}
