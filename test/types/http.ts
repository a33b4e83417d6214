// The public surface of 'ucontact-bridge/http' (REST client).
import {
  createApiTokenClient, createUContactClient, fromFormFramework, restFallback, formatCallsBaseRecord, ENDPOINTS,
  type ApiTokenClient, type UContactClient, type FormFrameworkSession, type RawRequestOptions, type WebhookOptions,
} from 'ucontact-bridge/http';
import { expectTrue, type Equal } from './support.js';

const client: UContactClient = createUContactClient({
  baseUrl: 'https://acme.ucontactcloud.com', credentials: { user: 'api', password: 'secret' }, timeoutMs: 10_000,
});
createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com', credentials: { token: 't' } });
const session: FormFrameworkSession = fromFormFramework();
createUContactClient(session);

export async function surface(): Promise<void> {
  const guid = await client.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099000000' });
  expectTrue<Equal<typeof guid, string>>();
  // Options passed on from the caller's own optional ones (exactOptionalPropertyTypes): undefined is not given.
  const passed: { timeoutMs?: number; signal?: AbortSignal } = {};
  await client.campaignsSummary({ timeoutMs: passed.timeoutMs, signal: passed.signal });
  const text = await client.request('Agents/AgentCall', { a: '1' });
  expectTrue<Equal<typeof text, string>>();
  // Options built apart, as the exported RawRequestOptions (parse 'text' or 'json' not yet known):
  // the runtime takes them, so the type does too, and the answer is text or JSON.
  const options: RawRequestOptions = { kind: 'read', parse: Math.random() > 0.5 ? 'json' : 'text' };
  const either = await client.request('Supervisor/campaignstatus', undefined, options);
  expectTrue<Equal<typeof either, unknown>>();
  const json = await client.request('Supervisor/campaignstatus', undefined, { parse: 'json' });
  expectTrue<Equal<typeof json, unknown>>();
  // A GET: its fields in the query string (the documented InboundSMS/ReceiveURLSMS).
  const sms = await client.request('InboundSMS/ReceiveURLSMS', { phone: '099000000', message: 'Hi' }, { method: 'GET' });
  expectTrue<Equal<typeof sms, string>>();
  await client.request('SMS/SendSMS', { a: '1' }, { method: 'POST', kind: 'write' });
  // @ts-expect-error the legacy client's request() takes GET or POST only
  await client.request('Agents/x', undefined, { method: 'PUT' });
  // @ts-expect-error a method is written in capitals
  await client.request('Agents/x', undefined, { method: 'get' });
  // onProgress's value is ignored (a promise awaited): a callback that returns one compiles.
  const progress: unknown[] = [];
  await client.uploadCallsBase({ campaign: 'Sales->', filename: 'base', records: [], onProgress: (p) => progress.push(p.uploaded) });
  await client.uploadCallsBase({ campaign: 'Sales->', filename: 'base', records: [], onProgress: async (p) => progress.push(p) });
}
// Client options passed on from the caller's own optional ones (exactOptionalPropertyTypes): undefined
// is the default, as at run time and as for connectPortal, connectInbox and embedUPhone.
declare const given: { timeoutMs?: number; retries?: number; log?: (event: unknown) => void };
export function clients(): [UContactClient, ApiTokenClient] {
  const common = {
    fetch: undefined, timeoutMs: given.timeoutMs, maxResponseBytes: undefined, log: given.log,
    retry: { attempts: given.retries, baseDelayMs: undefined, maxDelayMs: undefined },
  };
  const uc = createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api', password: 'p' }, endpoints: undefined, ...common });
  const api = createApiTokenClient({ baseUrl: 'https://x', token: 't', paths: { dialer: undefined, interactions: undefined, webhook: undefined }, ...common, retry: undefined });
  void uc.request('Agents/x', undefined, { method: undefined, kind: undefined, query: undefined, parse: undefined, timeoutMs: given.timeoutMs });
  void api.webhook('hook', {}, { method: undefined, query: undefined, form: undefined, auth: undefined });
  void api.request('GET', 'api/x', undefined, { kind: undefined, parse: undefined, auth: undefined, query: undefined, form: undefined });
  return [uc, api];
}
// The platform's fetch, or a wrapper typed as it, is a FetchLike (the option's doc: "the global fetch
// fits"), also under exactOptionalPropertyTypes, whose RequestInit takes no `body: undefined`.
const logged: typeof fetch = (input, init) => fetch(input, init);
createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api', password: 'p' }, fetch });
createApiTokenClient({ baseUrl: 'https://x', token: 't', fetch: logged });
// node-fetch, whose answers the client reads by arrayBuffer() (FetchResponse's doc): its `body` is a
// Node stream, no web ReadableStream (the shape of its declarations, @types/node left out here).
interface NodeStream { readable: boolean; read(size?: number): unknown; pipe<T>(destination: T): T; on(event: string, listener: (...args: unknown[]) => void): this }
declare function nodeFetch(url: URL | string, init?: { method?: string; headers?: Record<string, string>; body?: string | null; signal?: AbortSignal | null; redirect?: 'error' | 'follow' | 'manual' }): Promise<{
  readonly status: number; readonly type: 'default' | 'error'; readonly redirected: boolean; readonly headers: { get(name: string): string | null };
  readonly body: NodeStream | null; arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string>;
}>;
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't' }, fetch: nodeFetch });
createApiTokenClient({ baseUrl: 'https://x', token: 't', fetch: nodeFetch });
void restFallback;
void formatCallsBaseRecord('Sales->', { phone: '099000000' });
void ENDPOINTS;
// The instance's zone for Date arguments, once for the client.
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't' }, timeZone: 'America/Montevideo' });
// @ts-expect-error timezone is spelled timeZone (as every other option and argument)
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't' }, timezone: 'UTC' });
// @ts-expect-error credentials is required
createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com' });
// @ts-expect-error baseURL is spelled baseUrl
createUContactClient({ baseURL: 'https://acme.ucontactcloud.com', credentials: { token: 't' } });
// @ts-expect-error timeout is spelled timeoutMs
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't' }, timeout: 5 });
// @ts-expect-error a user login needs its password
createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api' } });
// The three shapes of credentials do not mix: the runtime refuses a key of another shape (INVALID_ARGUMENT).
// @ts-expect-error a user login takes no agent
createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api', agent: 'agent1001', password: 'p' } });
// @ts-expect-error a token takes no password
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't', password: 'p' } });
// @ts-expect-error an agent login has no login option
createUContactClient({ baseUrl: 'https://x', credentials: { agent: 'agent1001', password: 'p', login: 'UserLogin' } });
// @ts-expect-error a token takes no login option
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't', user: 'api', login: 'UserLogin' } });
createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api', password: 'p', login: 'UserLogin' } });
createUContactClient({ baseUrl: 'https://x', credentials: { agent: 'agent1001', password: 'p' } });
createUContactClient({ baseUrl: 'https://x', credentials: { token: 't', user: 'api' } });
// @ts-expect-error callerId is spelled callerid, as the contract
void client.agentCall({ agent: 'a', phone: '1', context: 'c', outqueue: 'q', destination: '1', callerId: '2' });
// getRecordings: a guid, or a date range; never both (INVALID_ARGUMENT at run time).
void client.getRecordings({ guid: 'g-1' });
void client.getRecordings({ from: '2026-11-01 00:00:00', to: new Date(), campaign: 'Sales->' });
// @ts-expect-error either guid or from/to, not both
void client.getRecordings({ guid: 'g-1', from: '2026-11-01 00:00:00', to: '2026-11-02 00:00:00' });
// @ts-expect-error a guid takes no campaign (its call has one)
void client.getRecordings({ guid: 'g-1', campaign: 'Sales->' });
// The real clients' Schedule (spec 4.4): no alternatives, no agentphone.
void client.scheduleDialerCall({ calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099000000', data: '' });
void client.scheduleDialerCall({ calldate: new Date(2026, 11, 2, 11, 0), campaign: 'Promo->', destination: '099000000', data: '' });
// @ts-expect-error calldate is required
void client.scheduleDialerCall({ campaign: 'Promo->', destination: '099000000', data: '' });

// The API-token client (spec 9).

const api: ApiTokenClient = createApiTokenClient({ baseUrl: 'https://acme.ucontactcloud.com', token: 't', paths: { dialer: 'api/dialers/id' } });
export async function tokenSurface(): Promise<void> {
  const messages = await api.interactionMessages('int-1', { limit: 10 });
  expectTrue<Equal<typeof messages, unknown[]>>();
  void api.loadList('Sales', { filename: 'f.csv', list: [{ clientIds: ['099000000'], Name: 'Ana' }, { clientId: 'ana@example.com' }] });
  void api.freshLeads('Sales', { leads: [{ clientIds: ['099000000'], data: { plan: 'gold' } }] });
  void api.webhook('new-lead', { phone: '099000000' }, { method: 'PUT', auth: true });
  void api.request('GET', 'api/x', undefined, { kind: 'read', parse: 'text' });
}
// @ts-expect-error the token is required
createApiTokenClient({ baseUrl: 'https://acme.ucontactcloud.com' });
// @ts-expect-error credentials belong to createUContactClient
createApiTokenClient({ baseUrl: 'https://x', token: 't', credentials: { token: 't' } });
// One lead or { leads }, never both: a `leads` key makes it the list form, which refuses other keys at run time.
// @ts-expect-error { leads } takes no lead's fields beside it
void api.freshLeads('Sales', { leads: [{ clientIds: ['099000000'] }], clientIds: ['099000001'] });
// A lead's zone is the API's field `timezone`; `timeZone` (the spelling of the library's own options) is refused at run time.
// @ts-expect-error timeZone is spelled timezone in a lead
void api.freshLeads('Sales', { clientIds: ['099000000'], timeZone: 'America/Montevideo' });
// @ts-expect-error timeZone is spelled timezone in each of { leads }
void api.freshLeads('Sales', { leads: [{ clientIds: ['099000000'], timeZone: 'America/Montevideo' }] });
// @ts-expect-error a lead needs its clientIds
void api.freshLeads('Sales', { data: {} });
// @ts-expect-error clientIds is a list
void api.loadList('Sales', { filename: 'f', list: [{ clientIds: '099000000' }] });
// @ts-expect-error OPTIONS is no method of request
void api.request('OPTIONS', 'api/x');
// A GET carries no body (INVALID_ARGUMENT at run time: its fields go in `query`).
// @ts-expect-error a GET request carries no body
void api.request('GET', 'api/x', { a: '1' });
// @ts-expect-error a GET webhook carries no body
void api.webhook('hook', { a: '1' }, { method: 'GET' });
void api.request('GET', 'api/x', undefined, { query: { a: '1' } });
void api.request('GET', 'api/x');
void api.webhook('hook', undefined, { method: 'GET', query: { a: '1' } });
void api.webhook('hook', { a: '1' });
// A method chosen at run time (a union) still takes a body: the run time checks that one.
declare const someMethod: 'GET' | 'POST';
void api.request(someMethod, 'api/x', { a: '1' }, { kind: 'write' });
void api.webhook('hook', { a: '1' }, { method: someMethod });
declare const webhookOptions: WebhookOptions;
void api.webhook('hook', { a: '1' }, webhookOptions);
declare const maybeOptions: WebhookOptions | undefined;
void api.webhook('hook', { a: '1' }, maybeOptions);
const getOptions = { method: 'GET', query: { a: '1' } } as const;
void api.webhook('hook', undefined, getOptions);
// @ts-expect-error options known to say GET: no body
void api.webhook('hook', { a: '1' }, getOptions);

// Optional argument fields take `undefined` (not given), as the runtime does.
async function maybeFields(uc: UContactClient, maybe: string | undefined, n: number | undefined): Promise<void> {
  await uc.addBlacklist({ phone: '099123456', campaign: maybe });
  await uc.getRecordings({ from: new Date(), to: new Date(), campaign: maybe, agent: maybe, timeZone: maybe });
  await uc.agentCall({ agent: 'a', phone: '1', context: 'c', outqueue: 'Sales->', destination: '099', callerid: maybe, tech: maybe });
  await uc.dispositionCall({ campaign: 'c', agent: 'a', callerid: '', guid: 'g', l1: 'x', l2: maybe, l3: maybe, d1: maybe, d2: maybe, comment: maybe, schedule: maybe, timeZone: maybe, camptoreschedule: maybe, tag: maybe });
  await uc.campaignStatus({ queue: maybe });
  await uc.uploadCallsBase({
    campaign: 'Sales->', filename: 'base', records: [{ phone: '099', data: maybe, alternatives: maybe, priority: n, agentPhone: maybe }],
    chunkSize: n, timeZone: maybe, username: maybe, checkFileName: undefined, progressive: undefined, onProgress: undefined,
  });
  formatCallsBaseRecord('Sales->', { phone: '099' }, { progressive: undefined, index: n });
  await uc.dialerInsert({ campaign: 'Promo->', destination: '099', alternatives: maybe, data: maybe, source: maybe });
  await uc.dialerScheduleForAnyAgent({ campaign: 'Promo->', destination: '099', calldate: '2026-12-06 10:00:00', timeZone: maybe });
  await uc.dialerTask({ calldate: null, campaign: 'Promo->', destination: '099', automatic: true, alternatives: maybe, agent: maybe, data: maybe, source: maybe, bulk: undefined, priority: n, timeZone: maybe });
  await uc.sendSms({ destination: '099', message: 'hi', campaign: 'SMS', agent: maybe, source: maybe });
  await uc.agentLogoff({ agent: 'a', interface: 'SIP/1', message: maybe });
  await uc.agentUnBreak({ agent: 'a', interface: 'SIP/1', motive: maybe, message: maybe });
  await uc.agentCampaigns({ agent: 'a', channel: maybe });
  await uc.scheduleDialerCall({ calldate: '2026-12-06 10:00:00', campaign: 'c', destination: '099', data: '', alternatives: maybe, agentphone: maybe });
  restFallback(uc, { agent: 'a', phone: '1', context: 'c', tech: maybe, outqueue: maybe });
}
void maybeFields;
// The same for the API-token client's arguments and the credentials (a field set to undefined is left out at run time).
async function maybeTokenFields(api: ApiTokenClient, maybe: string | undefined, n: number | undefined): Promise<void> {
  await api.interactionMessages('int-1', { lastMessage: n, limit: n });
  await api.loadList('Sales', { filename: 'f.csv', list: [{ clientIds: ['099000000'], clientId: maybe }, { clientIds: undefined, clientId: 'ana@example.com' }] });
  await api.freshLeads('Sales', { clientIds: ['099000000'], timezone: maybe, data: undefined, contactId: maybe, agent: maybe });
  createUContactClient({ baseUrl: 'https://x', credentials: { user: 'api', password: 'p', login: undefined } });
  createUContactClient({ baseUrl: 'https://x', credentials: { token: 't', user: maybe } });
  createUContactClient({ baseUrl: 'https://x', credentials: { token: 't' }, endpoints: { agentCall: { path: maybe, kind: undefined }, hangupPhone: undefined } });
}
void maybeTokenFields;

// The log hook's rejection is caught: it returns `unknown` (an async hook is what it takes). A mock
// answer's headers may be a Map: `get` of a missing name is undefined.
expectTrue<Equal<ReturnType<NonNullable<import('ucontact-bridge/http').UContactClientOptions['log']>>, unknown>>();
expectTrue<Equal<ReturnType<NonNullable<import('ucontact-bridge/http').ApiTokenClientOptions['log']>>, unknown>>();
createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 't' },
  fetch: async () => ({ status: 200, ok: true, headers: new Map([['content-type', 'text/plain']]), text: async () => '1' }) });
