import { isRecord, optStr } from '../shared/check.js';
import { bad, field, json, num } from './parse.js';
import type { FormFields } from './transport.js';

/** One campaign's live figures (Supervisor/campaignstatus). */
export interface CampaignStatus {
  readonly campaign: string;
  readonly availables: number;
  readonly busy: number;
  readonly paused: number;
  readonly onwrapup: number;
  readonly completed: number;
  readonly abandoned: number;
  readonly acd: number;
  readonly totalcalls: number;
  readonly talked: number;
  readonly hold: number;
  readonly servicelevel: number;
}

/** One line of Supervisor/campaignssummary. */
export interface CampaignSummary {
  readonly campaign: string;
  readonly type: 'inbound' | 'outbound' | 'dialer';
  readonly agents: number;
  readonly waiting: number;
  readonly completed: number;
  readonly abandoned: number;
  readonly servicelevel: number;
}

/** Arguments of `campaignStatus`. */
export interface CampaignStatusArgs {
  /** One campaign (queue); `''` or absent = all. */
  readonly queue?: string;
}

const STATUS_FIGURES = [
  'availables', 'busy', 'paused', 'onwrapup', 'completed', 'abandoned', 'acd', 'totalcalls', 'talked', 'hold', 'servicelevel',
] as const;
const SUMMARY_FIGURES = ['agents', 'waiting', 'completed', 'abandoned', 'servicelevel'] as const;
const TYPES: readonly string[] = ['inbound', 'outbound', 'dialer'];

/** Form fields of campaignstatus. */
export function campaignStatusFields(operation: string, value: unknown): FormFields {
  const queue = isRecord(value) ? value.queue : value;
  return { queue: optStr(operation, 'queue', queue) };
}

function figures<K extends string>(operation: string, where: string, v: Record<string, unknown>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, num(operation, `${where} ${k}`, v[k])])) as Record<K, number>;
}

/** Parses the campaignstatus answer: an object keyed by campaign. */
export function parseCampaignStatus(operation: string, body: string): Record<string, CampaignStatus> {
  const all = json(operation, body.trim());
  if (!isRecord(all)) bad(operation, 'not an object');
  const out: Record<string, CampaignStatus> = {};
  for (const [key, v] of Object.entries(all)) {
    if (!isRecord(v)) bad(operation, 'a campaign entry is not an object');
    out[key] = { campaign: field(operation, 'campaign', v.campaign), ...figures(operation, 'campaign', v, STATUS_FIGURES) };
  }
  return out;
}

/** Parses the campaignssummary answer: an array. */
export function parseCampaignsSummary(operation: string, body: string): CampaignSummary[] {
  const list = json(operation, body.trim());
  if (!Array.isArray(list)) bad(operation, 'not an array');
  return list.map((v: unknown, i) => {
    if (!isRecord(v)) bad(operation, `item ${i} is not an object`);
    const type = field(operation, `item ${i} type`, v.type);
    if (!TYPES.includes(type)) bad(operation, `item ${i} type is unknown`);
    return {
      campaign: field(operation, `item ${i} campaign`, v.campaign),
      type: type as CampaignSummary['type'],
      ...figures(operation, `item ${i}`, v, SUMMARY_FIGURES),
    };
  });
}
