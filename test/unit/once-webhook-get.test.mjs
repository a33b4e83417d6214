// A flow's webhook runs the flow whatever the method: `webhook(name, undefined, { method: 'GET' })`
// is never retried, and `request('GET', <a path below a webhook>)` must not be either (a GET is a
// read elsewhere, retried on 5xx and resets). Against the REST simulator: a flow that ran, then
// answered 503 (or whose connection was reset), runs once.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createApiTokenClient } from '../../dist/http.js';
import * as cjs from '../../dist/cjs/http.cjs';

let server;
before(async () => { server = await startRestServer({ port: 0 }); });
after(() => server.close());
beforeEach(() => server.sim.reset());

const api = (entry, extra) => entry.createApiTokenClient({
  baseUrl: server.url, token: 'ucx-sim-api-token-0001', retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, ...extra,
});

for (const [name, entry] of [['esm', { createApiTokenClient }], ['cjs', cjs]]) {
  test(`${name}: a GET below a webhook path that ran the flow, then failed, is sent once; kind: 'read' still opts in`, async () => {
    const hooks = [['api/webhook/lead', '/api/webhook/lead', {}], ['/IntegraChannels/resources/webhook/old', '/IntegraChannels/resources/webhook/old', {}],
      ['flows/hooks/mine', '/api/webhook/mine', { paths: { webhook: 'flows/hooks' } }]];
    for (const [path, simPath, extra] of hooks) {
      server.sim.reset();
      // The simulator serves its webhooks at their default paths only: a custom `paths.webhook` is
      // sent there by a fetch that maps it (what a proxy in front of the instance would do).
      const fetch = (url, init) => globalThis.fetch(url.replace('/flows/hooks/', '/api/webhook/'), init);
      server.sim.faults.fail({ status: 503, path: simPath, after: true, count: 5 });
      await assert.rejects(api(entry, { fetch, ...extra }).request('GET', path), { code: 'HTTP_ERROR', status: 503 });
      assert.equal(server.sim.state.webhooks.length, 1, `${path}: the flow ran once`);
      server.sim.faults.clear();
      server.sim.faults.drop({ path: simPath, after: true });
      await assert.rejects(api(entry, { fetch, ...extra }).request('GET', path), { code: 'NETWORK_ERROR' });
      assert.equal(server.sim.state.webhooks.length, 2, `${path}: a reset flow ran once`);
    }
    // The caller who knows the flow is safe to run again says so.
    server.sim.reset();
    server.sim.faults.fail({ status: 503, path: '/api/webhook/lead', after: true, count: 1 });
    assert.deepEqual(await api(entry).request('GET', 'api/webhook/lead', undefined, { kind: 'read' }), { result: { result: 'ok' } });
    assert.equal(server.sim.state.webhooks.length, 2);
    // Elsewhere a GET is still a read, retried.
    server.sim.reset();
    server.sim.faults.fail({ status: 503, path: '/api/interactions/id/int-0001/messages', count: 2 });
    assert.equal((await api(entry).request('GET', 'api/interactions/id/int-0001/messages', undefined, { query: { lastMessage: '-1', limit: '5' } })).result.length, 5);
  });
}
