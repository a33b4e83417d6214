// How the built REST client reads answers: lenient and lossless for records (any key case, numbers
// as text, `HH:MM:SS` durations, unknown fields kept, odd fields reported by name, never fatal),
// strict for the one value a method exists for (a token, a call guid, a file name), and writes that
// take any 2xx answer but `0` as success. Answers come from a scripted fetch: exactly these bytes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient, isBridgeError } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000001').toString('base64');
// Tokens made up here never cross the real fetch: tell the final secrets check about them.
globalThis.captureSecret(TOKEN);
const CALL = { agent: 'agent1001', phone: '1001', context: 'c', outqueue: 'Sales->', destination: '099123456' };

/** A client whose fetch answers `answers[path]` (text, or { status, body }) for each Integra path. */
function scripted(answers, extra = {}) {
  const events = [];
  const sent = [];
  const fetchFn = async (url, init) => {
    const path = new URL(url).pathname.replace('/Integra/resources/', '');
    sent.push({ path, body: init.body });
    const a = answers[path] ?? { status: 404, body: 'Not Found' };
    const { status, body } = typeof a === 'string' ? { status: 200, body: a } : a;
    return new Response(body, { status });
  };
  const uc = createUContactClient({
    baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, fetch: fetchFn,
    log: (e) => { events.push(e); captureLog(e); }, ...extra,
  });
  return { uc, events, sent };
}
const login = { 'auth/getUserToken': JSON.stringify(TOKEN) };
const odd = (events) => events.filter((e) => e.type === 'odd-field').map((e) => `${e.endpoint}.${e.field}`);

describe('campaignStatus: lenient and lossless', () => {
  const entry = {
    campaign: 'Sales->', availables: 3, busy: '1', paused: 0, onwrapup: ' 2 ', completed: 40, abandoned: 2, acd: 0, totalcalls: 42,
    talked: '01:02:03', hold: '00:00:45', servicelevel: '92.5', extra: { anything: [1, 2] },
  };

  test('text durations, numeric text and unknown fields', async () => {
    const { uc, events } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify({ 'Sales->': entry }) });
    const { 'Sales->': s } = await uc.campaignStatus();
    assert.deepEqual({ ...s, raw: undefined }, {
      campaign: 'Sales->', availables: 3, busy: 1, paused: 0, onwrapup: 2, completed: 40, abandoned: 2, acd: 0, totalcalls: 42,
      talked: '01:02:03', talkedSeconds: 3723, hold: '00:00:45', holdSeconds: 45, servicelevel: 92.5, problems: [], raw: undefined,
    });
    assert.deepEqual(s.raw, entry, 'every field kept as sent, extra included');
    assert.deepEqual(odd(events), []);
  });

  test('long hours, fractions, numbers of seconds; any key case', async () => {
    const body = { Dialer1: { CAMPAIGN: 'Dialer1', Availables: 1, BUSY: 0, paused: 0, OnWrapUp: 0, completed: 1, abandoned: 0, ACD: 0, TotalCalls: 1,
      Talked: '123:04:05', HOLD: 90, ServiceLevel: 100 } };
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify(body) });
    const { Dialer1: d } = await uc.campaignStatus();
    assert.deepEqual([d.campaign, d.availables, d.totalcalls, d.talked, d.talkedSeconds, d.hold, d.holdSeconds, d.servicelevel, d.problems],
      ['Dialer1', 1, 1, '123:04:05', 443045, '90', 90, 100, []]);
  });

  test('a key in the exact case wins over the same name in another case', async () => {
    const body = { Dialer1: { CAMPAIGN: 'Other', campaign: 'Dialer1', TotalCalls: '7', totalcalls: 1 } };
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify(body) });
    const { Dialer1: d } = await uc.campaignStatus();
    assert.deepEqual([d.campaign, d.totalcalls], ['Dialer1', 1]);
  });

  test('minutes or seconds over 59 are no duration: a problem, the text kept', async () => {
    const body = { Dialer1: { campaign: 'Dialer1', talked: '00:75:00', hold: '00:00:75' } };
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify(body) });
    const { Dialer1: d } = await uc.campaignStatus();
    assert.deepEqual([d.talked, d.talkedSeconds, d.hold, d.holdSeconds], ['00:75:00', undefined, '00:00:75', undefined]);
    assert.ok(d.problems.includes('talked') && d.problems.includes('hold'));
  });

  test('an empty campaign field names no campaign: the key does', async () => {
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify({ Dialer1: { campaign: '', totalcalls: 1 } }) });
    const { Dialer1: d } = await uc.campaignStatus();
    assert.equal(d.campaign, 'Dialer1');
  });

  test('a number too large for a double (1e999 parses to Infinity) is no number: a problem, kept raw', async () => {
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': '{"Dialer1":{"campaign":"Dialer1","totalcalls":1e999}}' });
    const { Dialer1: d } = await uc.campaignStatus();
    assert.equal(d.totalcalls, undefined);
    assert.ok(d.problems.includes('totalcalls'));
    assert.equal(d.raw.totalcalls, Infinity);
  });

  test('odd fields are kept raw, named in problems and reported once per call by name only', async () => {
    const bad = { ...entry, busy: 'three', talked: 'N/A', hold: null, servicelevel: '099123456 %' };
    delete bad.acd;
    const { uc, events } = scripted({ ...login, 'Supervisor/campaignstatus': JSON.stringify({ 'Sales->': bad, Other: { ...bad, campaign: 'Other' } }) });
    const all = await uc.campaignStatus();
    const s = all['Sales->'];
    assert.deepEqual([s.busy, s.acd, s.talked, s.talkedSeconds, s.hold, s.holdSeconds, s.servicelevel], [undefined, undefined, 'N/A', undefined, '', undefined, undefined]);
    assert.deepEqual(s.problems, ['busy', 'acd', 'talked', 'hold', 'servicelevel']);
    assert.equal(s.raw.busy, 'three');
    assert.equal(all.Other.availables, 3, 'the other figures are read');
    assert.deepEqual(odd(events), ['campaignStatus.busy', 'campaignStatus.acd', 'campaignStatus.talked', 'campaignStatus.hold', 'campaignStatus.servicelevel']);
    const text = JSON.stringify(events);
    assert.ok(!text.includes('N/A') && !text.includes('three') && !text.includes('099123456'), 'events name fields, never values');
  });

  test('an entry that is not an object is kept with every field unreadable; a body that is not an object is BAD_RESPONSE', async () => {
    const { uc } = scripted({ ...login, 'Supervisor/campaignstatus': '{"Sales->":7}' });
    const { 'Sales->': s } = await uc.campaignStatus();
    assert.equal(s.campaign, 'Sales->');
    assert.equal(s.problems.length, 11);
    assert.deepEqual(s.raw, {});
    for (const body of ['[]', 'null', '"0k"', '<html>']) {
      const c = scripted({ ...login, 'Supervisor/campaignstatus': body }).uc;
      await assert.rejects(c.campaignStatus(), { code: 'BAD_RESPONSE', operation: 'campaignStatus' });
    }
  });
});

describe('other records', () => {
  test('campaignsSummary: type in any case; an unknown type is a problem', async () => {
    const body = [{ campaign: 'A', type: 'Dialer', agents: '4', waiting: 0, completed: 1, abandoned: 0, servicelevel: 99 }, { campaign: 'B', type: 'blended' }];
    const { uc } = scripted({ ...login, 'Supervisor/campaignssummary': JSON.stringify(body) });
    const [a, b] = await uc.campaignsSummary();
    assert.deepEqual([a.type, a.agents, a.problems], ['dialer', 4, []]);
    assert.deepEqual([b.type, b.problems], [undefined, ['type', 'agents', 'waiting', 'completed', 'abandoned', 'servicelevel']]);
    assert.equal(b.raw.type, 'blended');
  });

  test('getRecordings: a duration as HH:MM:SS, numbers as text, unknown location kept raw', async () => {
    const body = [{ GUID: 1700000000, date: '2026-11-02 09:15:00', campaign: 'S', callerid: 99123456, agent: 'a', duration: '00:02:05', location: 'NAS', file: 'x.wav', size: 1 }];
    const { uc } = scripted({ ...login, 'Recordings/GetRecordings': JSON.stringify(body) });
    const [r] = await uc.getRecordings({ guid: 'g' });
    assert.deepEqual([r.guid, r.callerid, r.duration, r.location, r.problems, r.raw.size], ['1700000000', '99123456', 125, undefined, ['location'], 1]);
  });

  test('getRecordings: a location in any case is one of the four places (as campaignsSummary reads type), no problem', async () => {
    const body = ['Local', 'BACKUP', 'Ftp', 'cloud'].map((location, i) => ({ guid: `g${i}`, date: '2026-11-02 09:15:00', campaign: 'S', callerid: '1', agent: 'a', duration: 5, location, file: 'x.wav' }));
    const { uc } = scripted({ ...login, 'Recordings/GetRecordings': JSON.stringify(body) });
    const rs = await uc.getRecordings({ guid: 'g' });
    assert.deepEqual(rs.map((r) => [r.location, r.problems]), [['local', []], ['backup', []], ['ftp', []], ['cloud', []]]);
  });

  test('queueMembers and agentCampaigns: extra fields kept, odd campaign entries reported', async () => {
    const { uc, sent } = scripted({
      ...login, 'queues/getqueuemembersofqueue': '[{"MemberName":"agent1001","penalty":0},{"x":1}]',
      '/IntegraChannels/resources/AgentResources/GetCampaigns': '[{"channel":"telephony","campaigns":["A",7,{"name":"B"}]}]',
    });
    const [m1, m2] = await uc.queueMembers({ queue: 'Q' });
    assert.deepEqual([m1.membername, m1.raw.penalty, m2.membername, m2.problems], ['agent1001', 0, '', ['membername']]);
    const [c] = await uc.agentCampaigns({ agent: 'a' });
    assert.deepEqual([c.channel, c.campaigns, c.problems], ['telephony', ['A', '7'], ['campaigns']]);
    assert.deepEqual(sent.map((x) => x.path).slice(1), ['queues/getqueuemembersofqueue', '/IntegraChannels/resources/AgentResources/GetCampaigns']);
    assert.deepEqual(c.raw.campaigns[2], { name: 'B' });
    await assert.rejects(scripted({ ...login, 'queues/getqueuemembersofqueue': '{"members":[]}' }).uc.queueMembers({ queue: 'Q' }), { code: 'BAD_RESPONSE' });
  });

  // An id written as a JSON number past 2^53 or with a fraction has lost digits in JSON.parse
  // (12345678901234567890 reads as 12345678901234567000; an Asterisk-style 1700000000.50 as
  // 1700000000.5): as text it named another SMS or recording, with no problem listed.
  test('an id written as a number whose digits JSON may have lost is odd (reported, kept in raw), never other digits', async () => {
    const s = scripted({ ...login, 'SMS/SendSMSv2': '{"id":12345678901234567890}' });
    const sms = await s.uc.sendSms({ destination: '099123456', message: 'm', campaign: 'S' });
    assert.deepEqual([sms.id, sms.problems, sms.raw.id], [undefined, ['id'], JSON.parse('12345678901234567890')]);
    const { uc } = scripted({ ...login, 'Recordings/GetRecordings': '[{"guid":1700000000.50,"callerid":99123456,"agent":-7}]' });
    const [r] = await uc.getRecordings({ guid: 'g' });
    assert.deepEqual([r.guid, r.callerid, r.agent, r.raw.guid], ['', '99123456', '-7', 1700000000.5]);
    assert.ok(r.problems.includes('guid'), JSON.stringify(r.problems));
    assert.deepEqual(odd(s.events), ['sendSms.id']);
  });

  test('sendSms: an answer without an id (or not JSON) is still a sent SMS', async () => {
    for (const [body, id, problems] of [['{"id":"abc-1"}', 'abc-1', []], ['{"status":"ok"}', undefined, ['id']], ['OK', undefined, ['id']]]) {
      const r = await scripted({ ...login, 'SMS/SendSMSv2': body }).uc.sendSms({ destination: '099123456', message: 'm', campaign: 'S' });
      assert.deepEqual([r.id, r.text, r.problems], [id, body, problems]);
    }
  });
});

describe('strict where it matters: the value the method exists for', () => {
  const tokenBodies = [
    ['null', 'null'], ['HTML', '<html><body>Login</body></html>'], ['a JSON object', `{"token":"${TOKEN}"}`], ['Unauthorized', 'Unauthorized'],
    ['"Unauthorized"', '"Unauthorized"'], ['an empty JSON string', '""'], ['true', 'true'], ['"null"', '"null"'], ['an empty body', ''],
    ['base64 of binary', '"AAECAwQF"'], ['an array without a token', '[1,"OK",null]'], ['an array of strings none a token', '[1,"supervisor","SuperUser","es"]'],
    ['base64 without its = padding', JSON.stringify(TOKEN.replace(/=+$/, ''))],
  ];
  for (const [label, body] of tokenBodies) {
    test(`getUserToken answering ${label} is not a token: BAD_RESPONSE, nothing else sent`, async () => {
      const { uc, sent } = scripted({ 'auth/getUserToken': body });
      await assert.rejects(uc.campaignsSummary(), (e) => isBridgeError(e, 'BAD_RESPONSE') && e.operation === 'getUserToken' && !e.message.includes(body || '\0'));
      assert.deepEqual(sent.map((s) => s.path), ['auth/getUserToken']);
    });
  }
  for (const body of ['0', ' 0\n', '"0"', '" 0 "']) {
    test(`getUserToken answering ${JSON.stringify(body)}: the credentials were refused (UNAUTHORIZED)`, async () => {
      await assert.rejects(scripted({ 'auth/getUserToken': body }).uc.campaignsSummary(), { code: 'UNAUTHORIZED', operation: 'getUserToken' });
    });
  }
  test('tokens as real servers give them: quoted, bare, UserLogin arrays (a SIP object\'s md5secret, else [2] when a token, else the last token), AgentLogin md5secret in any key case', async () => {
    const sip = JSON.stringify({ name: '1050', callerid: '1050', md5secret: TOKEN });
    const bodies = [JSON.stringify(TOKEN), TOKEN, `[1,"supervisor",${JSON.stringify(TOKEN)}]`, `["OK",${JSON.stringify(TOKEN)}]`, `["x",3,${JSON.stringify(TOKEN)},7]`,
      // [2] is the token even when a string follows it.
      `[1,"supervisor",${JSON.stringify(TOKEN)},"es"]`,
      // "Supervisor without phone: at the end of the list" (the API page): a [2] that is no token does not hide it.
      `[1,"supervisor","SuperUser",${JSON.stringify(TOKEN)}]`, `[1,"supervisor","SuperUser","es",${JSON.stringify(TOKEN)}]`,
      // A user with a phone (documented): the md5secret of its SIP object, wherever it is, before any string.
      `[1,"supervisor",${sip}]`, `[${sip},"SuperUser","Carina"]`, `[1,"x",{"name":"1050","MD5SECRET":${JSON.stringify(TOKEN)}}]`,
      // A line break in the body: a Laravel client (ValmarHoldings DialerUContact, Services/Processor.php)
      // strips one "\n" from getUserToken's body before `Basic ${token}`.
      `${TOKEN}\n`, `${JSON.stringify(TOKEN)}\n`,
      // Objects before the token: a C# client of UserLogin (coppelcredito, UserLogin.cs) splits the
      // answer on "}," and takes piece [2].
      `[{"user":"supervisor","profile":"Supervisor"},{"campaigns":["Sales->"]},${JSON.stringify(TOKEN)}]`];
    for (const body of bodies) {
      const { uc, sent } = scripted({ 'auth/getUserToken': body, 'Agents/HangupPhone': '1' });
      assert.equal(await uc.hangupPhone({ phone: '1001' }), '1', body);
      assert.equal(sent.length, 2);
    }
    const agent = createUContactClient({
      baseUrl: 'https://uc.example', credentials: { agent: 'agent1001', password: 'Ag3nt-s3cret' }, log: captureLog,
      fetch: async (url, init) => new Response(url.endsWith('AgentLogin') ? JSON.stringify({ name: 'agent1001', MD5Secret: TOKEN })
        : init.headers.Authorization === `Basic ${TOKEN}` ? '1' : '0', { status: 200 }),
    });
    assert.equal(await agent.hangupPhone({ phone: '1001' }), '1');
  });
  test('AgentLogin without a usable md5secret: BAD_RESPONSE', async () => {
    for (const body of ['{"name":"agent1001","md5secret":null}', '{"name":"agent1001"}', '{"md5secret":"0"}', '[]']) {
      const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { agent: 'agent1001', password: 'Ag3nt-s3cret' }, log: captureLog,
        fetch: async () => new Response(body, { status: 200 }) });
      await assert.rejects(uc.hangupPhone({ phone: '1001' }), { code: 'BAD_RESPONSE', operation: 'agentLogin' });
    }
  });
  test('credentials.token must be a uContact token', () => {
    for (const token of [null, 0, '0', '"0"', 'null', '<html>', '{"t":1}', '', 'has space', 'Unauthorized']) {
      assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: { token } }),
        (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /credentials\.token/.test(e.message));
    }
    assert.ok(createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: TOKEN } }));
  });

  const guidBodies = ['null', '"null"', 'Unauthorized', 'undefined', '<html>', '{"guid":"1"}', '', '"call placed"', 'true'];
  for (const body of guidBodies) {
    test(`agentCall answering ${JSON.stringify(body)} is not a call guid: BAD_RESPONSE`, async () => {
      await assert.rejects(scripted({ ...login, 'Agents/AgentCall': body }).uc.agentCall(CALL), {
        code: 'BAD_RESPONSE', operation: 'agentCall', message: 'agentCall: unexpected answer (not a call guid; the call may have been placed)',
      });
    });
  }
  test('agentCall answering a JSON string cut off: BAD_RESPONSE that still says the call may have been placed', async () => {
    await assert.rejects(scripted({ ...login, 'Agents/AgentCall': '"1700000000.1' }).uc.agentCall(CALL), {
      code: 'BAD_RESPONSE', operation: 'agentCall', message: 'agentCall: unexpected answer (not a call guid; the call may have been placed)',
    });
  });
  for (const [body, guid] of [['3f2a9c1e-1b2c-4d5e-8f90-123456789abc', '3f2a9c1e-1b2c-4d5e-8f90-123456789abc'], ['1700000000.123\n', '1700000000.123'],
    ['"1700000000.123"', '1700000000.123'], ['" 1700000000.123\\n"', '1700000000.123'], ['SIP-1001-000000a1', 'SIP-1001-000000a1']]) {
    test(`agentCall answering ${JSON.stringify(body)}: the guid`, async () => {
      assert.equal(await scripted({ ...login, 'Agents/AgentCall': body }).uc.agentCall(CALL), guid);
    });
  }
  test('convertRecording wants a file name with an extension', async () => {
    for (const body of ['null', 'Unauthorized', '"undefined"', '<html>x.mp3', '["a.mp3"]', 'a/b.mp3', '"rec.mp3']) {
      await assert.rejects(scripted({ ...login, 'Recordings/ConvertRecording': body }).uc.convertRecording({ guid: 'g', format: 'mp3' }),
        { code: 'BAD_RESPONSE', message: 'convertRecording: unexpected answer (not a file name; it may have been converted)' });
    }
    assert.equal(await scripted({ ...login, 'Recordings/ConvertRecording': '"rec 1.mp3"' }).uc.convertRecording({ guid: 'g', format: 'mp3' }), 'rec 1.mp3');
  });
});

describe('writes never fail after success', () => {
  for (const body of ['1', 'OK', '', ' done \n', 'true', '{"result":1}', '<html>saved</html>', 'null', '"1"']) {
    test(`a 2xx answer ${JSON.stringify(body)} is success: resolves with its text`, async () => {
      const { uc } = scripted({ ...login, 'Dialers/DialerTask': body, 'Blacklist/AddBlacklist': body, 'api/DispositionCall': body });
      assert.equal(await uc.dialerInsert({ campaign: 'D', destination: '099123456' }), body.trim());
      assert.equal(await uc.addBlacklist({ phone: '099123456' }), body.trim());
      assert.equal(await uc.dispositionCall({ campaign: 'S', agent: 'a', callerid: '', guid: 'g', l1: 'x' }), body.trim());
    });
  }
  for (const body of ['0', ' 0\r\n', '"0"', '" 0 "']) {
    test(`${JSON.stringify(body)} is uContact's error: API_ERROR`, async () => {
      await assert.rejects(scripted({ ...login, 'Dialers/DialerTask': body }).uc.dialerInsert({ campaign: 'D', destination: '099123456' }),
        { code: 'API_ERROR', operation: 'dialerInsert', message: 'dialerInsert: Dialers/DialerTask answered 0 (error)' });
    });
  }
  test('a JSON string 0 whose whitespace is written as escapes ("0\\n", "\\t0") is the same error: API_ERROR, never a guid', async () => {
    // The JSON-string reading of a write already unwraps escapes (scheduleDialerCall takes "1\n" as 1).
    // Also raw whitespace inside the quotes (not JSON, read as before).
    for (const body of ['"0\\n"', '"\\t0"', '" 0\\r\\n"', '"0\n"', '"\t0 "']) {
      await assert.rejects(scripted({ ...login, 'Dialers/DialerTask': body }).uc.dialerInsert({ campaign: 'D', destination: '099123456' }),
        { code: 'API_ERROR', operation: 'dialerInsert' }, body);
      await assert.rejects(scripted({ ...login, 'Agents/AgentCall': body }).uc.agentCall({ agent: 'a', phone: '1', context: 'c', outqueue: 'q', destination: '099123456' }),
        { code: 'API_ERROR', operation: 'agentCall' }, body);
      await assert.rejects(scripted({ 'auth/getUserToken': body }).uc.campaignsSummary(), { code: 'UNAUTHORIZED', operation: 'getUserToken' }, body);
    }
  });
  test('scheduleDialerCall still requires 1 (the one success body real clients read)', async () => {
    const schedule = { calldate: '2026-12-02 11:00:00', campaign: 'D', destination: '099123456', alternatives: '', agentphone: '', data: '' };
    assert.equal(await scripted({ ...login, 'Dialers/ScheduleDialerCall': '1\n' }).uc.scheduleDialerCall(schedule), undefined);
    assert.equal(await scripted({ ...login, 'Dialers/ScheduleDialerCall': '"1"' }).uc.scheduleDialerCall(schedule), undefined);
    // '"1': a JSON string cut off.
    for (const body of ['OK', '2', '"1']) {
      await assert.rejects(scripted({ ...login, 'Dialers/ScheduleDialerCall': body }).uc.scheduleDialerCall(schedule),
        { code: 'BAD_RESPONSE', message: "scheduleDialerCall: unexpected answer (expected '1'; the call may have been scheduled)" });
    }
  });
});
