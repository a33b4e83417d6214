// The browser's HTTP cache between the page and the instance. Only GETs are answered from it (the
// API-token client's interactionMessages and raw GETs; the legacy API is all POST), and the client
// reads live data with a token: an answer the instance (or a proxy or CDN in front of it) marked
// cacheable (`Cache-Control: max-age`, or a `Last-Modified` alone, which Chromium keeps fresh for a
// tenth of its age) must not come back from the cache. From it, the next poll missed the new
// messages, and a client with another token (another user, or one revoked) got the first token's
// messages without the instance ever seeing its token. An instance here answers the messages path
// with those headers and counts each request; the page is on another origin (CORS) or the same one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, startServer, waitFor } from './helpers.mjs';

const ROOT = new URL('../', import.meta.url);
const CACHEABLE = {
  'max-age': () => ({ 'Cache-Control': 'max-age=600' }),
  'Last-Modified': () => ({ 'Last-Modified': new Date(Date.now() - 30 * 86_400_000).toUTCString() }),
};

let env;
let instance;
const hits = [];

before(async () => {
  env = await setup();
  // The instance: the messages of any interaction, a new message on each request (its id counts the
  // requests), cacheable as the interaction's name says. It also serves the REST test page and the
  // built files, for a page on its own origin.
  let n = 0;
  instance = await startServer(async (req, res) => {
    const url = new URL(req.url, 'http://instance');
    const cors = req.headers.origin ? {
      'Access-Control-Allow-Origin': req.headers.origin, Vary: 'Origin',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST',
    } : {};
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (url.pathname === '/e2e/rest.html' || url.pathname.startsWith('/dist/')) {
      const file = await readFile(new URL(`.${url.pathname.replace('/e2e/', '/e2e/pages/')}`, ROOT)).catch(() => undefined);
      const type = url.pathname.endsWith('.html') ? 'text/html' : 'text/javascript';
      return void (file ? res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(file) : res.writeHead(404).end());
    }
    const m = /^\/api\/interactions\/id\/([^/]+)\/messages$/.exec(url.pathname);
    if (!m) return void res.writeHead(404, cors).end();
    hits.push({ interaction: decodeURIComponent(m[1]), authorization: req.headers.authorization });
    const id = ++n;
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ...CACHEABLE[decodeURIComponent(m[1])]?.() })
      .end(JSON.stringify({ result: [{ id, date: '2026-12-07 10:00:00', source: 'client', type: 'text', text: `message ${id}` }] }));
  });
});

after(async () => {
  await instance?.close();
  await env?.close();
});

async function open(origin, bundle) {
  const page = await env.page();
  await page.goto(`${origin === 'same' ? instance.origin : env.sim.formOrigin}/e2e/rest.html${bundle === 'esm' ? '?esm' : ''}`);
  await waitFor(() => page.evaluate(() => window.ready === true));
  return page;
}

for (const [origin, bundle] of [['cross', 'iife'], ['same', 'esm']]) {
  for (const header of Object.keys(CACHEABLE)) {
    test(`an answer cacheable by ${header} is not read again from the cache: each poll and each token reach the instance (${origin} origin, ${bundle})`, async () => {
      const page = await open(origin, bundle);
      hits.length = 0;
      const r = await page.evaluate(([baseUrl, id]) => window.run(`
        const a = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: 'ucx-token-of-agent-a' });
        const b = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: 'ucx-token-of-agent-b' });
        const first = await a.interactionMessages(arg.id);
        const again = await a.interactionMessages(arg.id);
        const other = await b.interactionMessages(arg.id);
        const raw = await b.request('GET', 'api/interactions/id/' + arg.id + '/messages', undefined, { query: { lastMessage: '-1', limit: '2000' } });
        return [first, again, other, raw.result].map((list) => list[0].text);`, { baseUrl, id }), [instance.origin, header]);
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual(hits.map((h) => h.authorization), ['Bearer ucx-token-of-agent-a', 'Bearer ucx-token-of-agent-a',
        'Bearer ucx-token-of-agent-b', 'Bearer ucx-token-of-agent-b'], 'every call reached the instance with its own token');
      assert.equal(new Set(r.value).size, 4, `each call got the instance's answer of its own request: ${r.value.join(', ')}`);
      await page.context().close();
    });
  }
}
