// The public surface of 'ucontact-bridge' (the portal client) and its script tag's twin.
import {
  connectPortal, withFallback, BridgeError, ERROR_CODES, isBridgeError,
  type CallResult, type ActionResult, type PortalClient, type Via, type BridgeErrorCode, type Respool, type Schedule,
} from 'ucontact-bridge';
import { expectTrue, type Equal } from './support.js';

const portal: PortalClient = connectPortal({ allowedOrigins: 'https://acme.ucontactcloud.com', use: 'auto' });
connectPortal();
// Under exactOptionalPropertyTypes an option may be given as undefined (the default), as at run time.
declare const maybeOrigin: string | undefined;
connectPortal({ allowedOrigins: maybeOrigin, timeouts: undefined, log: undefined, persistPending: undefined, window: undefined });
connectPortal({ allowedOrigins: ['https://a.example', 'https://b.example'], timeouts: { call: 20_000 }, confirm: { hangup: true } });
// So may a per-action entry of timeouts and confirm (the runtime takes it as not given).
declare const maybeMs: number | undefined;
declare const maybeConfirm: boolean | undefined;
connectPortal({ timeouts: { call: maybeMs, hangup: 5000 }, confirm: { hangup: maybeConfirm, tag: true } });

export async function surface(respool: Respool): Promise<void> {
  const call = await portal.call({ campaign: 'Sales->', destination: '099000000' }, { timeoutMs: 5000 });
  expectTrue<Equal<typeof call, CallResult>>();
  expectTrue<Equal<typeof call.via, Via>>();
  expectTrue<Equal<Via, 'framework' | 'porthole' | 'rest'>>();
  const d = await portal.disposition({ l1: 'Sale', comment: 'ok' });
  expectTrue<Equal<typeof d, ActionResult<'disposition'>>>();
  expectTrue<Equal<typeof d.confirmed, boolean>>();
  await portal.tag({ tag: ['a', 'b'] });
  await portal.hangup({ confirm: true });
  await portal.closeForm();
  await portal.respool(respool);
  await portal.send({ action: 'custom', any: { nested: 1 } });
  const off: () => void = portal.on('message', (_data, origin: string) => void origin);
  off();
  portal.destroy();
  expectTrue<Equal<typeof portal.embedded, boolean>>();
}

// Per-call options passed on from the caller's own optional ones, under exactOptionalPropertyTypes:
// an absent limit or signal arrives as undefined, which the runtime takes as not given (as the
// uphone entry's CommandOptions already say).
export async function passOn(options: { timeoutMs?: number; signal?: AbortSignal }): Promise<void> {
  await portal.call({ campaign: 'Sales->', destination: '099000000' }, { timeoutMs: options.timeoutMs, signal: options.signal });
  await portal.hangup({ timeoutMs: options.timeoutMs, signal: options.signal });
  await portal.send({ action: 'custom' }, { timeoutMs: options.timeoutMs, signal: options.signal });
}

// Misspelled or unknown options are compile errors (and INVALID_ARGUMENT at run time for script tags).
// @ts-expect-error allowedOrigin (no s)
connectPortal({ allowedOrigin: 'https://acme.ucontactcloud.com' });
// @ts-expect-error a timeout is per action: timeouts
connectPortal({ timeout: 5000 });
// @ts-expect-error timeouts are milliseconds, not text
connectPortal({ timeouts: { call: '20s' } });
// @ts-expect-error use is 'auto' | 'framework' | 'porthole'
connectPortal({ use: 'rest' });
// @ts-expect-error callerId is not a call argument
void portal.call({ campaign: 'Sales->', destination: '099000000', callerId: '1' });
// @ts-expect-error destination is required
void portal.call({ campaign: 'Sales->' });
// @ts-expect-error per-call option is timeoutMs
void portal.call({ campaign: 'Sales->', destination: '099000000' }, { timeout: 10 });
// @ts-expect-error confirm is a boolean
void portal.hangup({ confirm: 'yes' });
// @ts-expect-error a Respool's protected fields cannot be assigned
((r: Respool) => { r.campaign = 'other'; })({} as Respool);

// The Schedule object (spec 4.4): real clients send calldate, campaign, destination and data;
// alternatives and agentphone are optional.
const shortSchedule: Schedule = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099000000', data: '' };
void portal.schedule(shortSchedule);
void portal.schedule({ ...shortSchedule, alternatives: '098000000:097000000', agentphone: '1001' });
// A Date calldate is taken (written in local time), as at run time.
void portal.schedule({ ...shortSchedule, calldate: new Date(2026, 11, 2, 11, 0) });
expectTrue<Equal<Pick<Schedule, 'alternatives' | 'agentphone'>, { readonly alternatives?: string; readonly agentphone?: string }>>();
// @ts-expect-error calldate is required
void portal.schedule({ campaign: 'Sales->', destination: '099000000', data: '' });
// @ts-expect-error data is required (sent as '' when empty)
void portal.schedule({ calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099000000' });
// @ts-expect-error agentPhone is spelled agentphone, as the contract
void portal.schedule({ ...shortSchedule, agentPhone: '1001' });

// Errors: one class, one code list, a type guard.
export function errors(e: unknown): BridgeErrorCode | undefined {
  expectTrue<Equal<(typeof ERROR_CODES)[number], BridgeErrorCode>>();
  if (isBridgeError(e)) return e.code;
  if (e instanceof BridgeError) return e.code;
  // Given a code, the guard narrows `code` to it.
  if (isBridgeError(e, 'TIMEOUT')) {
    expectTrue<Equal<typeof e.code, 'TIMEOUT'>>();
    // @ts-expect-error narrowed to 'TIMEOUT'
    const other: 'NOT_READY' = e.code;
    void other;
  }
  // @ts-expect-error not a code
  void isBridgeError(e, 'TIMEOUTS');
  return undefined;
}
// @ts-expect-error not a code
const notACode: BridgeErrorCode = 'TIMEOUTS';
void notACode;
void withFallback;

// A field a form may or may not have (`form.l2 || undefined`): the runtime takes `undefined` as not
// given in every optional argument field, so the types take it too under exactOptionalPropertyTypes.
async function maybeFields(p: PortalClient, maybe: string | undefined): Promise<void> {
  await p.call({ campaign: 'Sales->', destination: '099123456', callerid: maybe });
  await p.disposition({ l1: 'Sale', l2: maybe, l3: maybe, comment: maybe, tag: maybe, schedule: maybe, camptoreschedule: maybe, campaign: maybe, callerid: maybe, guid: maybe });
  await p.tag({ tag: 'vip', guid: maybe });
  await p.schedule({ calldate: '2026-12-06 10:00:00', campaign: 'Sales->', destination: '099', data: '', alternatives: maybe, agentphone: maybe });
}
void maybeFields;

// The callbacks whose throws and rejections the library catches return `unknown`: an async log hook
// or listener is what they take (typescript-eslint's no-misused-promises is quiet on them).
expectTrue<Equal<ReturnType<NonNullable<import('ucontact-bridge').PortalOptions['log']>>, unknown>>();
expectTrue<Equal<ReturnType<Parameters<PortalClient['on']>[1]>, unknown>>();
