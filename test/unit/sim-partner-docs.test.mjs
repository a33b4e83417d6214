// The REST simulator against a uContact partner's API book (CleverIdeas, docs.cleverideas.com.mx and
// docs.cleverideas.ai, /books/ucontact-hXr/): integrators copy its code examples (HTTP, cURL, Java, …),
// so what they send is what real clients send ([seen]). Each request below is the page's example as
// written, its {{placeholders}} filled; each test names its page. A real Java (JAX-RS) server reads a
// field sent twice as its first value and hands a field left out to the endpoint as null.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { server, useRestSimulator } from './helpers/rest-server.mjs';

const BOOK = 'https://docs.cleverideas.com.mx/books/ucontact-hXr/page';
const FORM = 'application/x-www-form-urlencoded';
const I = (p) => `/Integra/resources/${p}`;

useRestSimulator();

/** A POST of `body` exactly as written (no re-encoding), with the page's headers. */
async function post(path, body, token, type = FORM) {
  const headers = { 'Content-Type': type };
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${server.url}${I(path)}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
const outcome = () => server.sim.state.log.at(-1).outcome;
async function userToken() {
  // "Client Authentication" (getUserToken), its HTTP example: user={{User}}&password={{Password}}.
  const { status, text } = await post('auth/getUserToken', 'user=supervisor&password=Sup3r-s3cret');
  assert.equal(status, 200);
  return JSON.parse(text);
}

// The page's example body, its Content-Length 173 (HTTP, with campana-%3E) and its Java (OkHttp)
// string (campana-> as typed: RequestBody.create sends the string's bytes, nothing encoded).
const DISPOSITION_TAIL = 'agent=Vcisneros&callerid=1234567890&guid=f9b7ada3-a4e5-4795-834d-aa1c1a37ee57&l1=Tipificacion1&l2=&l3=&d2=&d2=&comment=&schedule=&camptoreschedule=&tag=';

describe(`[seen] ${BOOK}/call-disposition`, () => {
  test('[seen] its HTTP example (d2 twice, no d1) is taken: d2 its first value, d1 null, as a JAX-RS server reads them', async () => {
    const token = await userToken();
    const body = `campaign=campana-%3E&${DISPOSITION_TAIL}`;
    assert.equal(Buffer.byteLength(body), 173, 'the page\'s Content-Length');
    assert.deepEqual(await post('api/DispositionCall', body, token), { status: 200, text: '1' });
    assert.equal(outcome(), 'ok');
    const [d] = server.sim.state.dispositions;
    assert.equal(d.campaign, 'campana->');
    assert.equal(d.guid, 'f9b7ada3-a4e5-4795-834d-aa1c1a37ee57');
    assert.equal(d.d1, null);
    assert.equal(d.d2, '');
    assert.equal(d.tag, '');
  });

  test('[seen] its Java (OkHttp) example sends campana-> unencoded, d2 twice: taken, the campaign as typed', async () => {
    const token = await userToken();
    // RequestBody.create(MediaType.parse("application/x-www-form-urlencoded"), String) adds `; charset=utf-8`.
    const res = await post('api/DispositionCall', `campaign=campana->&${DISPOSITION_TAIL}`, token, `${FORM}; charset=utf-8`);
    assert.deepEqual(res, { status: 200, text: '1' });
    assert.equal(server.sim.state.dispositions[0].campaign, 'campana->');
  });

  test('[seen] a field sent twice is read as its first value (JAX-RS @FormParam), not its last', async () => {
    const token = await userToken();
    const body = 'campaign=Sales-%3E&agent=agent1001&callerid=099123456&guid=g-1&l1=Venta&l2=&l3=&d1=&d2=first&d2=second&comment=&schedule=&camptoreschedule=&tag=';
    assert.equal((await post('api/DispositionCall', body, token)).text, '1');
    assert.equal(server.sim.state.dispositions[0].d2, 'first');
  });

  // Also the Spanish book's current page, https://docs.cleverideas.com.mx/books/ucontact/page/tipificar-llamada.
  test('[seen] revisions 1475 and 1625 mark l2 to tag "No": a disposition with campaign, agent, callerid, guid and l1 only is taken', async () => {
    const token = await userToken();
    const body = new URLSearchParams({ campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-2', l1: 'Venta' }).toString();
    assert.deepEqual(await post('api/DispositionCall', body, token), { status: 200, text: '1' });
    const [d] = server.sim.state.dispositions;
    assert.deepEqual([d.l2, d.l3, d.d1, d.d2, d.comment, d.schedule, d.camptoreschedule, d.tag], Array(8).fill(null));
    // Counted as every disposition is.
    assert.equal(server.sim.state.campaigns['Sales->'].completed, 41);
  });

  test('still refused: a field every revision requires left out, a bad schedule, an unknown field', async () => {
    const token = await userToken();
    const all = { campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-3', l1: 'Venta' };
    for (const k of ['campaign', 'agent', 'callerid', 'guid', 'l1']) {
      const fields = { ...all };
      delete fields[k];
      assert.equal((await post('api/DispositionCall', new URLSearchParams(fields).toString(), token)).text, '0', k);
      assert.equal(outcome(), 'rejected:missing-field', k);
    }
    assert.equal((await post('api/DispositionCall', new URLSearchParams({ ...all, schedule: 'mañana' }).toString(), token)).text, '0');
    assert.equal(outcome(), 'rejected:bad-schedule');
    assert.equal((await post('api/DispositionCall', new URLSearchParams({ ...all, d3: '' }).toString(), token)).text, '0');
    assert.equal(outcome(), 'rejected:unexpected-field');
    assert.equal(server.sim.state.dispositions.length, 0);
  });
});

describe(`[seen] ${BOOK}/make-a-call`, () => {
  test('[seen] its cURL example (each field --data-urlencode) places the call', async () => {
    const token = await userToken();
    const body = new URLSearchParams({ callerid: '26001234', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'agentes', outqueue: 'Sales->', destination: '099123456' }).toString();
    const { text } = await post('Agents/AgentCall', body, token);
    assert.match(text, /^[0-9a-f-]{36}$/);
  });

  test('[seen] its HTTP example drops the & before agent: still refused (agent missing: a real server gets null and places no call)', async () => {
    const token = await userToken();
    const body = 'callerid=26001234agent=agent1001&phone=1001&tech=SIP&context=agentes&outqueue=Sales-%3E&destination=099123456';
    assert.equal((await post('Agents/AgentCall', body, token)).text, '0');
    assert.equal(outcome(), 'rejected:missing-field');
    assert.equal(server.sim.state.calls.length, 0);
  });
});

describe(`[seen] ${BOOK}/add-record-to-dialer`, () => {
  const CALL = { calldate: null, campaign: 'POWER<-', destination: '0123456789', alternatives: '', agent: '', data: 'idcustomer=7', source: 'source', bulk: false, automatic: true };
  test('[seen] its JSON example, every key present, is taken; a calldate in its format 1900-01-01 00:00:00 too', async () => {
    const token = await userToken();
    assert.equal((await post('Dialers/DialerTask', `call=${encodeURIComponent(JSON.stringify(CALL))}`, token)).text, '1');
    assert.equal((await post('Dialers/DialerTask', `call=${encodeURIComponent(JSON.stringify({ ...CALL, calldate: '1900-01-01 00:00:00' }))}`, token)).text, '1');
    assert.deepEqual(server.sim.state.dialer.map((c) => [c.campaign, c.calldate]), [['POWER<-', null], ['POWER<-', '1900-01-01 00:00:00']]);
  });

  test('[seen] the example copied with its // comments is no JSON: refused', async () => {
    const token = await userToken();
    const commented = '{\n  "calldate": null,             // If you need to call at a specific time\n  "campaign": "POWER<-",\n  "destination": "0123456789",\n  "alternatives": "",\n  "agent": "",\n  "data": "idcustomer=7",\n  "source": "source",\n  "bulk": false,\n  "automatic": true\n}';
    assert.equal((await post('Dialers/DialerTask', `call=${encodeURIComponent(commented)}`, token)).text, '0');
    assert.equal(outcome(), 'rejected:bad-call-json');
  });
});
