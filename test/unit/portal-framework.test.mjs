// The portal client through the form framework's helpers (spec 3.1), on the built ESM bundle:
// which way each method goes (`use`, detected at call time), the helpers' arguments (from the
// caller or the framework's CTI), what their promises mean, and the same timeouts, abort, destroy
// and typed errors as over Porthole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError, withFallback } from '../../dist/index.js';
import { framed, tick } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };
const CTI = JSON.stringify({ Guid: 'g-cti', Campaign: 'Sales->', Callerid: '099555014', Form: 'crm' });

/**
 * Defines the framework's helpers on `win`: each records its arguments and answers with
 * `answers[name]` (a function of the arguments; default "OK", a new guid for calls).
 */
function framework(win, answers = {}, cti = CTI) {
  const calls = [];
  let n = 0;
  const helper = (name, fallback) => (...args) => {
    calls.push([name, ...args]);
    return (answers[name] ?? fallback)(...args);
  };
  Object.assign(win, {
    CTI: cti,
    UC_makeCall_async: helper('UC_makeCall_async', async () => `fw-guid-${++n}`),
    UC_DispositionCall_async: helper('UC_DispositionCall_async', async () => 'OK'),
    UC_TagRecord: helper('UC_TagRecord', async () => 'OK'),
    UC_closeForm: helper('UC_closeForm', async () => 'OK'),
  });
  return calls;
}

const client = (form, more = {}) => {
  const events = [];
  const c = connectPortal({ log: (e) => { events.push(e); captureLog(e); }, window: form, ...more });
  return Object.assign(c, { events });
};
const rejectsWith = (promise, code, check = () => true) =>
  assert.rejects(promise, (e) => isBridgeError(e, code) && check(e));

test('call, disposition, tag and closeForm go through the helpers when the page has them; nothing is posted', async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  const c = client(form);
  assert.deepEqual(await c.call({ ...CALL, callerid: '24000000' }), { action: 'call', guid: 'fw-guid-1', via: 'framework' });
  assert.deepEqual(await c.disposition({ l1: 'Sale', l2: 'Closed', comment: 'ok' }), { action: 'disposition', confirmed: true, via: 'framework' });
  assert.deepEqual(await c.tag({ tag: ['vip', 'renewal'] }), { action: 'tag', confirmed: true, via: 'framework' });
  assert.deepEqual(await c.closeForm(), { action: 'closeForm', confirmed: true, via: 'framework' });
  assert.deepEqual(calls, [
    ['UC_makeCall_async', 'Sales->', '24000000', '099123456'],
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Sale', 'Closed', '', 'ok'],
    ['UC_TagRecord', 'g-cti', 'vip|renewal'],
    ['UC_closeForm'],
  ]);
  assert.equal(portal.posted.length, 0);
  assert.deepEqual(c.events.filter((e) => e.type === 'sent' || e.type === 'answered').map((e) => [e.type, e.action, e.via]), [
    ['sent', 'call', 'framework'], ['answered', 'call', 'framework'],
    ['sent', 'disposition', 'framework'], ['answered', 'disposition', 'framework'],
    ['sent', 'tag', 'framework'], ['answered', 'tag', 'framework'],
    ['sent', 'closeForm', 'framework'], ['answered', 'closeForm', 'framework'],
  ]);
  // The helper is called with the window as `this`, as a global function call would be.
  form.UC_closeForm = function () { return Promise.resolve(this === form ? 'OK' : 'ERROR'); };
  assert.equal((await c.closeForm()).confirmed, true);
});

test('the other actions have no helper: they go over Porthole even with the framework there', async () => {
  const { portal, form, reply } = framed();
  const calls = framework(form);
  const c = client(form, { use: 'framework' });
  const p = c.callWithPhone({ destination: '091000000', campaign: 'Sale->' });
  reply({ guid: 'p-1' });
  assert.deepEqual(await p, { action: 'callWithPhone', guid: 'p-1', via: 'porthole' });
  assert.deepEqual(await c.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
  assert.deepEqual(portal.postedData.map((d) => d.action), ['callWithPhone', 'hangup']);
  assert.deepEqual(calls, []);
});

test('the way is chosen at each call: a framework that loads after the library is used, one that goes away is not', async () => {
  const { portal, form, reply } = framed();
  const c = client(form);
  const before = c.tag({ tag: 'x' });
  assert.deepEqual(await before, { action: 'tag', confirmed: false, via: 'porthole' });
  framework(form);
  assert.equal((await c.tag({ tag: 'x' })).via, 'framework');
  delete form.UC_TagRecord;
  form.UC_TagRecord = 'not a function';
  assert.equal((await c.tag({ tag: 'x' })).via, 'porthole');
  assert.equal(portal.posted.length, 2);
  void reply;
});

test("use: 'porthole' (client or call) keeps the Porthole wire with the framework there; use per call wins", async () => {
  const { portal, form, reply } = framed();
  const calls = framework(form);
  const c = client(form, { use: 'porthole' });
  const p = c.call(CALL);
  reply({ guid: 'p-1' });
  assert.deepEqual(await p, { action: 'call', guid: 'p-1', via: 'porthole' });
  assert.deepEqual(await c.disposition({ l1: 'Sale' }), { action: 'disposition', confirmed: false, via: 'porthole' });
  assert.deepEqual(await c.tag({ tag: 'vip' }), { action: 'tag', confirmed: false, via: 'porthole' });
  assert.deepEqual(await c.closeForm(), { action: 'closeForm', confirmed: false, via: 'porthole' });
  assert.deepEqual(portal.postedData, [
    { action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' },
    { action: 'disposition', l1: 'Sale', l2: '', l3: '', comment: '', tag: '', schedule: '', camptoreschedule: '' },
    { action: 'tag', tag: 'vip' },
    { action: 'closeForm' },
  ]);
  assert.deepEqual(calls, []);
  assert.equal((await c.tag({ tag: 'vip' }, { use: 'framework' })).via, 'framework');
  assert.equal((await c.tag({ tag: 'vip' }, { use: 'auto' })).via, 'framework');
  const auto = client(form);
  assert.equal((await auto.tag({ tag: 'vip' }, { use: 'porthole' })).via, 'porthole');
});

test("use: 'framework' without the helpers is NO_FRAMEWORK, before anything is sent; auto falls back to Porthole", async () => {
  const { portal, form } = framed();
  const c = client(form, { use: 'framework' });
  for (const [method, args] of [['call', CALL], ['disposition', { l1: 'Sale' }], ['tag', { tag: 'x' }], ['closeForm']]) {
    const p = method === 'closeForm' ? c.closeForm() : c[method](args);
    await rejectsWith(p, 'NO_FRAMEWORK', (e) => e.operation === method && /^\w+: UC_\w+ is not defined: the form framework \(integraFramework\.js\) is not loaded$/.test(e.message));
  }
  await rejectsWith(client(form).closeForm({ use: 'framework' }), 'NO_FRAMEWORK');
  assert.equal(portal.posted.length, 0);
  // A bad argument is INVALID_ARGUMENT first, whichever way.
  await rejectsWith(c.call({ campaign: 'Sales->', destination: '099 123' }), 'INVALID_ARGUMENT');
  // Outside any frame, the framework still works: its helpers talk to the instance, not to a parent.
  const { FakeWindow } = await import('./helpers/fake-window.mjs');
  const alone = new FakeWindow();
  framework(alone);
  const solo = client(alone);
  assert.equal(solo.embedded, false);
  assert.equal((await solo.call(CALL)).via, 'framework');
  await rejectsWith(solo.hangup(), 'NOT_EMBEDDED');
  // Wrapped with a REST fallback, a call that names the framework keeps the framework's argument
  // rules (an empty campaign: the agent's default, as real forms call it; a callerid as it is);
  // the REST route keeps the Porthole rules, and the fallback is not reached for the named way.
  const rest = [];
  const wrapped = withFallback(client(alone), { call: async (a) => { rest.push(a); return 'rest-guid'; }, hangup: async () => {} });
  const loose = { campaign: '', callerid: 'ana@example.com', destination: '099123456' };
  assert.deepEqual(await wrapped.call(loose, { use: 'framework' }), { action: 'call', guid: 'fw-guid-2', via: 'framework' });
  await rejectsWith(wrapped.call(loose), 'INVALID_ARGUMENT', (e) => /campaign|callerid/.test(e.message));
  assert.deepEqual(rest, []);
  assert.equal((await wrapped.call(CALL)).via, 'rest');
  await rejectsWith(wrapped.call({ ...CALL, destination: '099 123' }, { use: 'framework' }), 'INVALID_ARGUMENT');
});

test("disposition takes campaign, callerid and guid from the arguments, else from the framework's CTI (any key case)", async () => {
  const { form } = framed();
  const calls = framework(form, {}, JSON.stringify({ GUID: 'g-upper', campaign: 'Support<-', CALLERID: 'ana@example.com', Channel: 'email' }));
  const c = client(form);
  await c.disposition({ l1: 'Solved' });
  await c.disposition({ l1: 'Solved', guid: 'g-arg' });
  await c.disposition({ l1: 'Solved', campaign: 'Other<-', callerid: 'chat-42', guid: 'g-2', l2: 'a', l3: 'b', comment: 'c' });
  assert.deepEqual(calls.map((x) => x.slice(1)), [
    ['Support<-', 'ana@example.com', 'g-upper', 'Solved', '', '', ''],
    ['Support<-', 'ana@example.com', 'g-arg', 'Solved', '', '', ''],
    ['Other<-', 'chat-42', 'g-2', 'Solved', 'a', 'b', 'c'],
  ]);
  // The CTI as an object (lenient), numbers as text, the first spelling of a key wins.
  form.CTI = { guid: 'g-obj', Campaign: 'Sales->', Callerid: 24000000, callerid: 'second' };
  await c.disposition({ l1: 'x' });
  assert.deepEqual(calls.at(-1).slice(1, 4), ['Sales->', '24000000', 'g-obj']);
});

test("a withheld number's empty Callerid is the call's callerid: the disposition goes with '' as real forms pass it", async () => {
  const { form } = framed();
  const calls = framework(form, {}, JSON.stringify({ Guid: 'g-anon', Campaign: 'Support<-', Callerid: '', Form: 'crm' }));
  const c = client(form);
  await c.disposition({ l1: 'Solved' });
  await c.disposition({ l1: 'Solved', callerid: '', guid: 'g-arg' });
  assert.deepEqual(calls.map((x) => x.slice(1, 4)), [['Support<-', '', 'g-anon'], ['Support<-', '', 'g-arg']]);
  // Given as '' with no call in the CTI: the campaign and guid are still needed, the callerid is not.
  form.CTI = '';
  await rejectsWith(c.disposition({ l1: 'Sale', callerid: '' }), 'INVALID_ARGUMENT', (e) => /^disposition: campaign, guid needed by/.test(e.message));
  await c.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '', guid: 'g-3' });
  assert.deepEqual(calls.at(-1).slice(1, 4), ['Sales->', '', 'g-3']);
  // A blank campaign or guid is no call; over Porthole the three are checked and not sent.
  await rejectsWith(c.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '', guid: ' ' }), 'INVALID_ARGUMENT', (e) => /guid is required/.test(e.message));
  await rejectsWith(c.disposition({ l1: 'Sale', callerid: 7 }), 'INVALID_ARGUMENT', (e) => /callerid must be a string/.test(e.message));
});

// A Guid or Callerid written in the CTI text as a JSON number past 2^53 (or with a fraction: an
// Asterisk-style id 1700000000.10 parses as 1700000000.1) has lost digits in JSON.parse: read as
// its text, the helpers disposed or tagged another call (12345678901234567000).
test("a CTI Guid or Callerid whose digits JSON.parse lost is not the call's: the helper is not called with other digits", async () => {
  const { form } = framed();
  const calls = framework(form, {}, '{"Guid":12345678901234567890,"Campaign":"Msg<-","Callerid":98765432109876543210}');
  const c = client(form);
  await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /^tag: guid needed by UC_TagRecord/.test(e.message));
  await rejectsWith(c.disposition({ l1: 'Sale', guid: 'g-1' }), 'INVALID_ARGUMENT', (e) => /: callerid needed/.test(e.message));
  form.CTI = '{"Guid":1700000000.10,"Campaign":"Sales->","Callerid":99123456}';
  await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /guid needed/.test(e.message));
  // Whole numbers that kept their digits are still read as text.
  await c.disposition({ l1: 'Sale', guid: 'g-2' });
  assert.deepEqual(calls.map((x) => x.slice(1, 4)), [['Sales->', '99123456', 'g-2']]);
});

test('the callerid of the framework route is never checked as a phone number (e-mail, chat id)', async () => {
  const { portal, form } = framed();
  const calls = framework(form, {}, '');
  const c = client(form);
  await c.disposition({ l1: 'Solved', campaign: 'Mail<-', callerid: 'ana@example.com', guid: 'g-1' });
  await c.call({ ...CALL, callerid: 'Sales line' });
  assert.deepEqual(calls.map((x) => x[2]), ['ana@example.com', 'Sales line']);
  // Over Porthole the call's callerid is a number the call goes out with: checked as one.
  await rejectsWith(c.call({ ...CALL, callerid: 'Sales line' }, { use: 'porthole' }), 'INVALID_ARGUMENT', (e) => /callerid must be digits/.test(e.message));
  assert.equal(portal.posted.length, 0);
});

test('missing disposition or tag fields are INVALID_ARGUMENT naming them, before the helper is called', async () => {
  const { form } = framed();
  const calls = framework(form, {}, '');
  const c = client(form);
  await rejectsWith(c.disposition({ l1: 'Sale' }), 'INVALID_ARGUMENT',
    (e) => /^disposition: campaign, callerid, guid needed by UC_DispositionCall_async: not in the arguments, nor in the form framework's CTI$/.test(e.message));
  await rejectsWith(c.disposition({ l1: 'Sale', guid: 'g-1' }), 'INVALID_ARGUMENT', (e) => /: campaign, callerid needed/.test(e.message));
  await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /^tag: guid needed by UC_TagRecord/.test(e.message));
  for (const cti of [undefined, 'not json', '[1]', '{"Guid":"  ","Campaign":7}', JSON.stringify({ Guid: { x: 1 } })]) {
    form.CTI = cti;
    await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /guid needed/.test(e.message));
  }
  form.CTI = '{"Guid":"g-ok"}';
  await c.tag({ tag: 'vip' });
  assert.deepEqual(calls, [['UC_TagRecord', 'g-ok', 'vip']]);
});

test('an unreadable CTI or Agent global (a throwing getter) counts as absent, as in the cti entry: typed errors, never its raw error', async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  Object.defineProperty(form, 'CTI', { configurable: true, get() { throw new Error('torn down 099555014'); } });
  const c = client(form);
  await rejectsWith(c.disposition({ l1: 'Sale' }), 'INVALID_ARGUMENT', (e) => /campaign, callerid, guid needed/.test(e.message) && !e.message.includes('099555014'));
  await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /guid needed/.test(e.message));
  // The fields given as arguments: the helper is called, the unreadable CTI not needed.
  await c.tag({ tag: 'vip', guid: 'g-1' });
  // The long form's agent from an unreadable Agent: empty, as without one.
  // eslint-disable-next-line no-unused-vars
  form.UC_DispositionCall_async = async function (campaign, callerid, guid, l1, l2, l3, agent, name, comment) {
    calls.push(['UC_DispositionCall_async', ...arguments]);
    return 'OK';
  };
  Object.defineProperty(form, 'Agent', { configurable: true, get() { throw new Error('gone'); } });
  await c.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '24000000', guid: 'g-2' });
  assert.deepEqual(calls, [['UC_TagRecord', 'g-1', 'vip'], ['UC_DispositionCall_async', 'Sales->', '24000000', 'g-2', 'Sale', '', '', '', '', '']]);
  assert.equal(portal.posted.length, 0);
});

test('a CTI or Agent global whose own fields throw (a getter, a Proxy) counts as absent there: typed errors or the given fields, never the raw error', async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  const c = client(form);
  // eslint-disable-next-line no-unused-vars
  form.UC_DispositionCall_async = async function (campaign, callerid, guid, l1, l2, l3, agent, name, comment) {
    calls.push(['UC_DispositionCall_async', ...arguments]);
    return 'OK';
  };
  // Agent is there, its accountcode is not readable: the long form gets '' as without one.
  form.Agent = { get accountcode() { throw new Error('torn down 099555014'); } };
  await c.disposition({ l1: 'Sale' });
  form.Agent = { accountcode: { toString() { throw new Error('099555014'); } } };
  await c.disposition({ l1: 'Sale' });
  // The CTI is an object whose Guid getter throws: the caller's guid is used, or a typed error names it.
  form.Agent = { accountcode: 'agent1001' };
  form.CTI = { Campaign: 'Sales->', Callerid: '099555014', get Guid() { throw new Error('gone 099555014'); } };
  await c.disposition({ l1: 'Sale', guid: 'g-2' });
  await rejectsWith(c.tag({ tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /guid needed/.test(e.message) && !e.message.includes('099555014'));
  form.CTI = new Proxy({}, { ownKeys() { throw new Error('revoked 099555014'); } });
  await c.tag({ tag: 'vip', guid: 'g-3' });
  await rejectsWith(c.disposition({ l1: 'Sale' }), 'INVALID_ARGUMENT', (e) => /campaign, callerid, guid needed/.test(e.message));
  assert.deepEqual(calls, [
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Sale', '', '', '', '', ''],
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Sale', '', '', '', '', ''],
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-2', 'Sale', '', '', 'agent1001', '', ''],
    ['UC_TagRecord', 'g-3', 'vip'],
  ]);
  assert.equal(portal.posted.length, 0);
});

test('a UC_DispositionCall_async that declares 11 parameters gets the long form newer real forms call: agent, \'\', comment[, schedule, camptoreschedule]', async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  // As a framework would declare it (the parameters' names are not known; their count is what is read).
  // eslint-disable-next-line no-unused-vars
  form.UC_DispositionCall_async = async function (campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, camptoreschedule) {
    calls.push(['UC_DispositionCall_async', ...arguments]);
    return 'OK';
  };
  form.Agent = { accountcode: 'agent1001', token: 'never-sent-here' };
  const c = client(form);
  assert.deepEqual(await c.disposition({ l1: 'Sale', l2: 'Closed', comment: 'happy' }), { action: 'disposition', confirmed: true, via: 'framework' });
  // A reschedule goes through the helper too: the date, then the campaign (null: the same one, as real forms pass it).
  await c.disposition({ l1: 'Callback', schedule: '2026-12-05 10:00:00' });
  await c.disposition({ l1: 'Callback', schedule: new Date(2026, 11, 5, 10, 0, 0), camptoreschedule: 'Other->', comment: 'later' });
  assert.deepEqual(calls, [
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Sale', 'Closed', '', 'agent1001', '', 'happy'],
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Callback', '', '', 'agent1001', '', '', '2026-12-05 10:00:00', null],
    ['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Callback', '', '', 'agent1001', '', 'later', '2026-12-05 10:00:00', 'Other->'],
  ]);
  // A campaign to reschedule in without a date goes too (the date empty, as REST's DispositionCall takes it).
  await c.disposition({ l1: 'Callback', camptoreschedule: 'Other->' });
  assert.deepEqual(calls.pop().slice(10), ['', 'Other->']);
  // The tag still has no place in it; nothing called, nothing posted.
  await rejectsWith(c.disposition({ l1: 'Sale', tag: 'vip' }), 'INVALID_ARGUMENT', (e) => /^disposition: tag: no place in UC_DispositionCall_async/.test(e.message));
  assert.equal(calls.length, 3);
  // No Agent global: an empty agent.
  delete form.Agent;
  await c.disposition({ l1: 'Sale' });
  assert.deepEqual(calls[3].slice(7, 9), ['', '']);
  assert.equal(portal.posted.length, 0);
});

test('a UC_DispositionCall_async that declares exactly nine parameters gets the long form too', async () => {
  const { form } = framed();
  const calls = framework(form);
  // eslint-disable-next-line no-unused-vars
  form.UC_DispositionCall_async = async function (campaign, callerid, guid, l1, l2, l3, agent, name, comment) {
    calls.push(['UC_DispositionCall_async', ...arguments]);
    return 'OK';
  };
  form.Agent = { accountcode: 'agent1001' };
  await client(form).disposition({ l1: 'Sale', comment: 'happy' });
  assert.deepEqual(calls, [['UC_DispositionCall_async', 'Sales->', '099555014', 'g-cti', 'Sale', '', '', 'agent1001', '', 'happy']]);
});

test('tag, schedule and camptoreschedule have no place in UC_DispositionCall_async: refused there, sent over Porthole', async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  const c = client(form);
  await rejectsWith(c.disposition({ l1: 'Sale', tag: 'vip', schedule: '2026-12-01 09:30:00' }), 'INVALID_ARGUMENT',
    (e) => e.message === "disposition: tag, schedule: no place in UC_DispositionCall_async (call tag() after it, or use: 'porthole')");
  await rejectsWith(c.disposition({ l1: 'Sale', camptoreschedule: 'Other->' }), 'INVALID_ARGUMENT', (e) => /: camptoreschedule: no place/.test(e.message));
  assert.deepEqual(calls, []);
  // Empty ones are no fields: the helper is used.
  await c.disposition({ l1: 'Sale', schedule: '', camptoreschedule: '' });
  assert.equal(calls.length, 1);
  await c.disposition({ l1: 'Sale', tag: 'vip', camptoreschedule: 'Other->', guid: 'g-9', campaign: 'Sales->' }, { use: 'porthole' });
  // The framework's fields are checked but never sent over Porthole: its data stays the contract's.
  assert.deepEqual(portal.postedData, [
    { action: 'disposition', l1: 'Sale', l2: '', l3: '', comment: '', tag: 'vip', schedule: '', camptoreschedule: 'Other->' },
  ]);
  await rejectsWith(c.disposition({ l1: 'Sale', guid: '' }, { use: 'porthole' }), 'INVALID_ARGUMENT', (e) => /guid is required/.test(e.message));
});

test("a schedule refused by the seven-argument helper is told to go over Porthole, not to call tag(), which cannot carry it", async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  const c = client(form);
  await rejectsWith(c.disposition({ l1: 'Callback', schedule: '2026-12-06 10:00:00' }), 'INVALID_ARGUMENT',
    (e) => e.message === "disposition: schedule: no place in UC_DispositionCall_async (use: 'porthole')");
  await rejectsWith(c.disposition({ l1: 'Callback', camptoreschedule: 'Other->' }), 'INVALID_ARGUMENT',
    (e) => e.message === "disposition: camptoreschedule: no place in UC_DispositionCall_async (use: 'porthole')");
  await rejectsWith(c.disposition({ l1: 'Sale', tag: 'vip' }), 'INVALID_ARGUMENT',
    (e) => e.message === "disposition: tag: no place in UC_DispositionCall_async (call tag() after it, or use: 'porthole')");
  assert.deepEqual(calls, []);
  assert.equal(portal.posted.length, 0);
});

test("through the helper a call's campaign may be empty, as real forms call UC_makeCall_async('', '', number); over Porthole it is required", async () => {
  const { portal, form } = framed();
  const calls = framework(form);
  const c = client(form);
  assert.equal((await c.call({ campaign: '', destination: '099123456' })).via, 'framework');
  assert.deepEqual(calls, [['UC_makeCall_async', '', '', '099123456']]);
  await rejectsWith(c.call({ destination: '099123456' }), 'INVALID_ARGUMENT', (e) => /campaign is required/.test(e.message));
  await rejectsWith(c.call({ campaign: '', destination: '099123456' }, { use: 'porthole' }), 'INVALID_ARGUMENT', (e) => /campaign is required/.test(e.message));
  assert.equal(portal.posted.length, 0);
});

test('a helper that rejects, throws or answers nothing usable is PORTAL_FAILED; its text is detail, never message or log', async () => {
  const { form } = framed();
  framework(form, {
    UC_makeCall_async: async (_c, _id, destination) => {
      // A hostile rejection: an error whose message cannot be read. Failed, with no text.
      if (destination === '096000008') throw { get message() { throw new Error('hostile 099555014'); } };
      return ({ '099123456': '0', '098111222': undefined, '097333444': '', '096000001': 'ERROR',
        '096000002': ' error ', '096000003': 'null', '096000004': 'undefined', '096000005': false, '096000006': 0, '096000007': 'FALSE' })[destination];
    },
    UC_DispositionCall_async: async (_c, _id, _g, l1) => {
      if (l1 === 'reject') throw new Error('no such call 099555014');
      if (l1 === 'string') return Promise.reject('refused 099555014');
      return { ERROR: 'ERROR', error: ' error ', zero: 0, zeroText: '0', no: false, undef: undefined, yes: true, ok: 'OK', obj: {} }[l1];
    },
    UC_TagRecord: () => { throw new TypeError('tag 099555014 broke'); },
    UC_closeForm: () => ({ then: () => { throw new Error('a thenable that throws 099555014'); } }),
  });
  const c = client(form);
  for (const destination of ['099123456', '098111222', '097333444', '096000001', '096000002', '096000003', '096000004', '096000005', '096000006', '096000007', '096000008']) {
    await rejectsWith(c.call({ ...CALL, destination }), 'PORTAL_FAILED', (e) => e.message === 'call: UC_makeCall_async reported a failure' || /reason is in err.detail/.test(e.message));
  }
  const failed = async (l1, detail) => rejectsWith(c.disposition({ l1 }), 'PORTAL_FAILED', (e) => {
    assert.equal(e.detail, detail, l1);
    assert.ok(!e.message.includes('099555014'));
    return e.operation === 'disposition' && e.message.startsWith('disposition: UC_DispositionCall_async reported a failure');
  });
  await failed('reject', 'no such call 099555014');
  await failed('string', 'refused 099555014');
  await failed('ERROR', 'ERROR');
  await failed('error', 'error');
  await failed('zero', '0');
  await failed('zeroText', '0');
  await failed('no', undefined);
  for (const l1 of ['undef', 'yes', 'ok', 'obj']) assert.equal((await c.disposition({ l1 })).confirmed, true, l1);
  await rejectsWith(c.tag({ tag: 'x' }), 'PORTAL_FAILED', (e) => e.detail === 'tag 099555014 broke');
  await rejectsWith(c.closeForm(), 'PORTAL_FAILED', (e) => e.detail === 'a thenable that throws 099555014');
  assert.ok(c.events.some((e) => e.type === 'failed' && e.action === 'disposition' && e.via === 'framework'));
  assert.ok(!JSON.stringify(c.events).includes('099555014'));
});

test('a helper that never settles times out: the message says it was called and may still complete', async () => {
  const { form } = framed();
  let resolveLate;
  framework(form, { UC_DispositionCall_async: () => new Promise((r) => { resolveLate = r; }) });
  const c = client(form, { timeouts: { disposition: 40 } });
  const t0 = performance.now();
  await rejectsWith(c.disposition({ l1: 'Sale' }), 'TIMEOUT', (e) =>
    e.message === 'disposition: no reply within 40 ms (UC_DispositionCall_async was called: it may still complete)');
  assert.ok(performance.now() - t0 >= 35);
  assert.deepEqual(c.events.filter((e) => e.type === 'timeout'), [{ type: 'timeout', action: 'disposition', via: 'framework', reason: 'called' }]);
  // Its late answer settles nothing and logs nothing.
  const n = c.events.length;
  resolveLate('OK');
  await tick();
  assert.equal(c.events.length, n);
  // timeoutMs per call; the call helper's default is the call's (30 s), not the others' 10 s.
  framework(form, { UC_makeCall_async: () => new Promise(() => {}) });
  await rejectsWith(c.call(CALL, { timeoutMs: 20 }), 'TIMEOUT', (e) => /UC_makeCall_async was called/.test(e.message));
});

test('abort and destroy stop waiting for a helper; a signal aborted before the call calls nothing', async () => {
  const { form } = framed();
  const pending = [];
  const calls = framework(form, { UC_TagRecord: () => new Promise((r) => pending.push(r)) });
  const c = client(form);
  const ac = new AbortController();
  ac.abort();
  await rejectsWith(c.tag({ tag: 'x' }, { signal: ac.signal }), 'ABORTED', (e) => e.message === 'tag: aborted (never sent)');
  assert.equal(calls.length, 0);

  const later = new AbortController();
  const p = c.tag({ tag: 'x' }, { signal: later.signal });
  later.abort();
  await rejectsWith(p, 'ABORTED', (e) => e.message === 'tag: aborted (UC_TagRecord was called: it may still complete)');
  assert.ok(c.events.some((e) => e.type === 'aborted' && e.reason === 'called'));

  const q = c.tag({ tag: 'y' });
  c.destroy();
  await rejectsWith(q, 'DESTROYED');
  pending.forEach((r) => r('OK'));
  await tick();
  await rejectsWith(c.tag({ tag: 'z' }), 'DESTROYED');
  assert.equal(calls.length, 2);
});

test('bad arguments and options are INVALID_ARGUMENT before any helper is called', async () => {
  const { form } = framed();
  const calls = framework(form);
  const c = client(form);
  await rejectsWith(c.call({ campaign: 'Sales->', destination: '099-123' }), 'INVALID_ARGUMENT');
  await rejectsWith(c.call({ ...CALL, callerId: '1' }), 'INVALID_ARGUMENT', (e) => /did you mean 'callerid'/.test(e.message));
  await rejectsWith(c.disposition({ l2: 'x' }), 'INVALID_ARGUMENT', (e) => /l1 is required/.test(e.message));
  await rejectsWith(c.tag({ tag: 'a|b' }), 'INVALID_ARGUMENT');
  await rejectsWith(c.tag({ tag: 'x' }, { use: 'helpers' }), 'INVALID_ARGUMENT', (e) => /use must be 'auto' or 'framework' or 'porthole'/.test(e.message));
  await rejectsWith(c.closeForm({ confirm: 'yes' }), 'INVALID_ARGUMENT');
  await rejectsWith(c.call(CALL, { signal: new AbortController() }), 'INVALID_ARGUMENT', (e) => /signal must be an AbortSignal/.test(e.message));
  assert.deepEqual(calls, []);
  assert.throws(() => connectPortal({ window: form, use: 'fw' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /use must be/.test(e.message));
});

test("a helper that destroys the client while it is called: the request rejects DESTROYED and the log hook hears nothing after 'destroyed'", async () => {
  const { form } = framed();
  let c;
  framework(form, { UC_TagRecord: () => { c.destroy(); return 'OK'; } });
  c = client(form);
  await rejectsWith(c.tag({ tag: 'x' }), 'DESTROYED');
  await tick();
  assert.deepEqual(c.events.map((e) => e.type), ['destroyed']);
});

test('a helper that throws or rejects with an error: PORTAL_FAILED keeps that error as its cause (its stack); a failure answer has none', async () => {
  const { form } = framed();
  const thrown = new TypeError('tag broke');
  const rejected = new Error('no such call');
  framework(form, {
    UC_TagRecord: () => { throw thrown; },
    UC_DispositionCall_async: async () => { throw rejected; },
    UC_closeForm: async () => 'ERROR',
  });
  const c = client(form);
  await rejectsWith(c.tag({ tag: 'x' }), 'PORTAL_FAILED', (e) => e.cause === thrown);
  await rejectsWith(c.disposition({ l1: 'x' }), 'PORTAL_FAILED', (e) => e.cause === rejected);
  await rejectsWith(c.closeForm(), 'PORTAL_FAILED', (e) => !('cause' in e));
});
