// Every REST method of the built `ucontact-bridge/http` entry, end to end against the simulator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { server, uc, useRestSimulator } from './helpers/rest-server.mjs';
import { ENDPOINTS, createUContactClient, restFallback } from '../../dist/http.js';

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
const paths = () => server.sim.state.log.map((e) => e.path);

useRestSimulator({ credentials: USER });

describe('calls', () => {
  test('agentCall places a call and resolves with its guid', async () => {
    const guid = await uc.agentCall({ ...CALL, callerid: '24001234' });
    assert.match(guid, /^[0-9a-f-]{36}$/);
    assert.deepEqual(server.sim.state.calls, [{ guid, agent: 'agent1001', outqueue: 'Sales->', destination: '099123456', callerid: '24001234' }]);
    assert.equal(server.sim.state.campaigns['Sales->'].totalcalls, 43);
  });
  test('agentCallWithData sends data as JSON text', async () => {
    const guid = await uc.agentCallWithData({ ...CALL, data: { idcustomer: '7', name: 'Ana María' } });
    assert.deepEqual(server.sim.state.calls[0].data, { idcustomer: '7', name: 'Ana María' });
    assert.equal(server.sim.state.calls[0].guid, guid);
  });
  test('hangupPhone resolves with the answer text', async () => {
    assert.equal(await uc.hangupPhone({ phone: '1001' }), '1');
    assert.deepEqual(server.sim.state.hangups, [{ phone: '1001' }]);
  });
  test('dispositionCall sends all thirteen fields, unused ones empty', async () => {
    await uc.dispositionCall({
      campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Sale', l2: 'Closed',
      tag: ['vip', 'renewal'], schedule: '2026-12-01 10:00:00',
    });
    assert.deepEqual(server.sim.state.dispositions, [{
      campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Sale', l2: 'Closed', l3: '',
      d1: '', d2: '', comment: '', schedule: '2026-12-01 10:00:00', camptoreschedule: '', tag: 'vip|renewal',
    }]);
  });
});

describe('dialer', () => {
  const base = { campaign: 'Promo->', destination: '099000111' };
  test('the four DialerTask modes and the raw call', async () => {
    await uc.dialerInsert({ ...base, alternatives: ['098111222', '097333444'], data: { id: '7' } });
    await uc.dialerInsertWithPriority({ ...base, priority: 1 });
    await uc.dialerClickToCall({ ...base, agent: 'agent1001' });
    await uc.dialerScheduleForAnyAgent({ ...base, calldate: new Date(Date.UTC(2026, 11, 1, 9, 30)), timeZone: 'UTC' });
    await uc.dialerTask({ ...base, calldate: null, automatic: true, bulk: true, source: 'crm' });
    // source: 'source' by default, as the only real client of DialerTask sends it (spec 5).
    const common = { campaign: 'Promo->', destination: '099000111', source: 'source', bulk: false };
    assert.deepEqual(server.sim.state.dialer, [
      { ...common, calldate: null, alternatives: '098111222:097333444', agent: '', data: 'id=7', automatic: true },
      { ...common, calldate: null, alternatives: '', agent: '', data: '', automatic: true, priority: 1 },
      { ...common, calldate: null, alternatives: '', agent: 'agent1001', data: '', automatic: false },
      { ...common, calldate: '2026-12-01 09:30:00', alternatives: '', agent: '', data: '', automatic: true },
      { ...common, calldate: null, alternatives: '', agent: '', data: '', automatic: true, bulk: true, source: 'crm' },
    ]);
  });
  test('scheduleDialerCall sends the Schedule object', async () => {
    const schedule = { calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099000111', alternatives: '', agentphone: '', data: 'id=7' };
    await uc.scheduleDialerCall(schedule);
    assert.deepEqual(server.sim.state.schedules, [schedule]);
    await uc.deleteScheduledCall({ campaign: 'Promo->', destination: '099000111' });
    assert.deepEqual(server.sim.state.schedules, []);
  });
  test("scheduleDialerCall: callschedule in the contract's order, alternatives and agentphone only when not empty (spec 4.4)", async () => {
    // A fetch that keeps each ScheduleDialerCall body and passes every request on to the simulator.
    const bodies = [];
    const recording = createUContactClient({
      baseUrl: server.url, log: captureLog, credentials: USER,
      fetch: (url, init) => {
        if (String(url).endsWith('/Dialers/ScheduleDialerCall')) bodies.push(init.body);
        return fetch(url, init);
      },
    });
    const base = { calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099000111' };
    // The real clients' shape: no alternatives, no agentphone, data "".
    await recording.scheduleDialerCall({ ...base, data: '' });
    await recording.scheduleDialerCall({ ...base, alternatives: '', agentphone: '', data: '' });
    // Every key, given in another order.
    await recording.scheduleDialerCall({ agentphone: '1001', alternatives: '098111222:097333444', data: 'id=7', ...base });
    await recording.scheduleDialerCall({ ...base, data: 'id=7', agentphone: '1001' });
    const callschedule = (body) => new URLSearchParams(body).get('callschedule');
    const short = '{"calldate":"2026-12-02 11:00:00","campaign":"Promo->","destination":"099000111","data":""}';
    assert.deepEqual(bodies.map(callschedule), [
      short,
      short,
      '{"calldate":"2026-12-02 11:00:00","campaign":"Promo->","destination":"099000111","data":"id=7","alternatives":"098111222:097333444","agentphone":"1001"}',
      '{"calldate":"2026-12-02 11:00:00","campaign":"Promo->","destination":"099000111","data":"id=7","agentphone":"1001"}',
    ]);
    assert.equal(bodies[0], `callschedule=${encodeURIComponent(short).replace(/%20/g, '+')}`);
    assert.equal(server.sim.state.schedules.length, 4, 'the simulator took every shape');
  });
  test("the fetch option is called as a plain function (this undefined), as the page's own fetch needs in a browser", async () => {
    const seen = [];
    const client = createUContactClient({
      baseUrl: server.url, log: captureLog, credentials: USER,
      fetch(url, init) {
        seen.push(this);
        return fetch(url, init);
      },
    });
    await client.campaignsSummary();
    assert.ok(seen.length >= 2);
    assert.deepEqual(new Set(seen), new Set([undefined]));
  });
  test('deleteDialerContact removes the contact', async () => {
    await uc.dialerInsert(base);
    await uc.deleteDialerContact(base);
    assert.deepEqual(server.sim.state.dialer, []);
    assert.deepEqual(server.sim.state.deleted, [{ kind: 'contact', ...base }]);
  });
});

describe('blacklist', () => {
  test('add and remove, one and many', async () => {
    await uc.addBlacklist({ phone: '099555000' });
    await uc.addBlacklistMultiple([{ phone: '099555001', campaign: 'Sales->' }, { phone: '099555002' }]);
    assert.deepEqual(server.sim.state.blacklist, [
      { phone: '099555000', campaign: '*' }, { phone: '099555001', campaign: 'Sales->' }, { phone: '099555002', campaign: '*' },
    ]);
    await uc.removeBlacklist({ phone: '099555000' });
    await uc.removeBlacklistMultiple([{ phone: '099555001', campaign: 'Sales->' }, { phone: '099555002' }]);
    assert.deepEqual(server.sim.state.blacklist, []);
  });
});

describe('recordings', () => {
  test('by guid and by range, every location typed', async () => {
    const [one] = await uc.getRecordings({ guid: 'rec-0003' });
    const sent = {
      guid: 'rec-0003', date: '2026-11-03 14:05:30', campaign: 'Support<-', callerid: '099111003', agent: 'agent1001',
      duration: 300, location: 'ftp', file: 'rec-0003.wav',
    };
    assert.deepEqual(one, { ...sent, raw: sent, problems: [] });
    const all = await uc.getRecordings({ from: '2026-11-01 00:00:00', to: '2026-11-30 23:59:59' });
    assert.deepEqual(all.map((r) => r.location), ['local', 'backup', 'ftp', 'cloud']);
    const some = await uc.getRecordings({ from: '2026-11-01 00:00:00', to: '2026-11-30 23:59:59', campaign: 'Sales->', agent: 'agent1002' });
    assert.deepEqual(some.map((r) => r.guid), ['rec-0002']);
  });
  test('convertRecording resolves with the file name; tagRecording tags', async () => {
    assert.equal(await uc.convertRecording({ guid: 'rec-0001', format: 'mp3' }), 'rec-0001.mp3');
    await uc.tagRecording({ guid: 'rec-0001', tag: ['quality', 'sale'] });
    assert.deepEqual(server.sim.state.recordings[0].tags, ['quality', 'sale']);
  });
});

describe('campaigns', () => {
  test('campaignStatus: all and one queue', async () => {
    const all = await uc.campaignStatus();
    assert.deepEqual(Object.keys(all), ['Sales->', 'Support<-', 'Promo->']);
    const one = await uc.campaignStatus({ queue: 'Support<-' });
    const sent = {
      campaign: 'Support<-', availables: 2, busy: 2, paused: 1, onwrapup: 0, completed: 120, abandoned: 6, acd: 3,
      totalcalls: 126, talked: '02:30:00', hold: '00:00:45', servicelevel: '85.5',
    };
    assert.deepEqual({ ...one }, { 'Support<-': {
      ...sent, talkedSeconds: 9000, holdSeconds: 45, servicelevel: 85.5, raw: sent, problems: [],
    } });
  });
  test('campaignsSummary', async () => {
    const list = await uc.campaignsSummary();
    assert.deepEqual(list.map((c) => [c.campaign, c.type]), [['Sales->', 'outbound'], ['Support<-', 'inbound'], ['Promo->', 'dialer']]);
  });
});

describe('endpoint table', () => {
  test('one table, tagged, overridable per entry', async () => {
    assert.equal(ENDPOINTS.agentCall.path, 'Agents/AgentCall');
    assert.ok(Object.values(ENDPOINTS).every((e) => ['doc', 'seen', 'profile'].includes(e.tag)));
    const custom = createUContactClient({
      baseUrl: server.url, credentials: USER, endpoints: { campaignsSummary: { path: 'Supervisor/campaignstatus' } },
    });
    assert.equal(custom.endpoints.campaignsSummary.path, 'Supervisor/campaignstatus');
    assert.equal(custom.endpoints.campaignsSummary.tag, 'profile');
    // campaignstatus wants a `queue` field the summary does not send: the strict server answers 0.
    await assert.rejects(custom.campaignsSummary(), { code: 'API_ERROR', operation: 'campaignsSummary' });
    assert.deepEqual(paths().slice(-1), ['Supervisor/campaignstatus']);
    assert.throws(() => createUContactClient({ baseUrl: server.url, credentials: USER, endpoints: { nope: { path: 'a/b' } } }),
      { code: 'INVALID_ARGUMENT' });
  });

  test('the tables are frozen: a write to one client\'s endpoints (plain JavaScript) moved every client\'s calls, unchecked', async () => {
    // A client without overrides had ENDPOINTS itself as its table: the write went to the module's
    // table, so another client (another tenant) sent its calls there, and `kind: 'read'` would retry a write.
    const other = createUContactClient({ baseUrl: server.url, credentials: USER });
    const custom = createUContactClient({ baseUrl: server.url, credentials: USER, endpoints: { agentCall: { kind: 'write' } } });
    const before = structuredClone(ENDPOINTS);
    try {
      for (const write of [
        () => { uc.endpoints.campaignsSummary.path = 'Supervisor/campaignstatus'; },
        () => { uc.endpoints.agentCall = { path: 'Agents/AgentCall', kind: 'read', tag: 'doc' }; },
        () => { ENDPOINTS.agentCall.kind = 'read'; },
        () => { custom.endpoints.campaignsSummary.path = 'Supervisor/campaignstatus'; },
      ]) assert.throws(write, TypeError);
      await other.campaignsSummary();
      await custom.campaignsSummary();
      assert.deepEqual(paths().filter((p) => p.startsWith('Supervisor/')), ['Supervisor/campaignssummary', 'Supervisor/campaignssummary']);
      assert.deepEqual(structuredClone(ENDPOINTS), before);
    } finally {
      // The old code's writes undone, for the tests after this one.
      for (const [k, row] of Object.entries(before)) if (!Object.isFrozen(ENDPOINTS)) ENDPOINTS[k] = row;
    }
  });
});

describe('restFallback', () => {
  test('call → AgentCall (outqueue defaults to the campaign), hangup → HangupPhone', async () => {
    const fb = restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' });
    const guid = await fb.call({ campaign: 'Sales->', destination: '099123456', callerid: '' }, {});
    assert.equal(server.sim.state.calls[0].guid, guid);
    assert.equal(server.sim.state.calls[0].outqueue, 'Sales->');
    await fb.hangup({});
    assert.deepEqual(server.sim.state.hangups, [{ phone: '1001' }]);
  });

  test('called by hand with no options or null: none, as every call of the library (it was a TypeError)', async () => {
    // Before: "Cannot destructure property 'timeoutMs' of 'undefined'", thrown at once by call() and rejected by hangup().
    const fb = restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' });
    for (const options of [undefined, null]) {
      assert.equal(typeof await fb.call({ campaign: 'Sales->', destination: '099123456', callerid: '' }, options), 'string');
      await fb.hangup(options);
    }
    assert.equal(server.sim.state.calls.length, 2);
    assert.deepEqual(server.sim.state.hangups, [{ phone: '1001' }, { phone: '1001' }]);
  });

  test("the line's own outqueue wins over the campaign of each call", async () => {
    const fb = restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->' });
    await fb.call({ campaign: 'Other->', destination: '099123456', callerid: '' }, {});
    assert.equal(server.sim.state.calls[0].outqueue, 'Sales->');
  });
});
