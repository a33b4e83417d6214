// The REST simulator against a uContact partner's API book (CleverIdeas, docs.cleverideas.com.mx and
// docs.cleverideas.ai, /books/ucontact-hXr/): integrators copy its code examples (HTTP, cURL, Java, …),
// so what they send is what real clients send ([seen]). Each request below is the page's example as
// written, its {{placeholders}} filled; each test names its page. A real Java (JAX-RS) server reads a
// field sent twice as its first value and hands a field left out to the endpoint as null.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRestServer } from '../../demo/rest/simulator.mjs';

const BOOK = 'https://docs.cleverideas.com.mx/books/ucontact-hXr/page';
const FORM = 'application/x-www-form-urlencoded';
const I = (p) => `/Integra/resources/${p}`;

let sim;
before(async () => {
  sim = await startRestServer({ port: 0 });
});
after(() => sim.close());
beforeEach(() => sim.sim.reset());

/** A POST of `body` exactly as written (no re-encoding), with the page's headers. */
async function post(path, body, token) {
  const headers = { 'Content-Type': FORM };
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${sim.url}${I(path)}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
async function userToken() {
  // "Client Authentication" (getUserToken), its HTTP example: user={{User}}&password={{Password}}.
  const { status, text } = await post('auth/getUserToken', 'user=supervisor&password=Sup3r-s3cret');
  assert.equal(status, 200);
  return JSON.parse(text);
}

describe(`[seen] ${BOOK}/call-disposition`, () => {
  test('[seen] a field sent twice is read as its first value (JAX-RS @FormParam), not its last', async () => {
    const token = await userToken();
    const body = 'campaign=Sales-%3E&agent=agent1001&callerid=099123456&guid=g-1&l1=Venta&l2=&l3=&d1=&d2=first&d2=second&comment=&schedule=&camptoreschedule=&tag=';
    assert.equal((await post('api/DispositionCall', body, token)).text, '1');
    assert.equal(sim.sim.state.dispositions[0].d2, 'first');
  });
});
