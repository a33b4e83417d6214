// The REST client off the page's main thread, in Chromium with the built bundles: dedicated, shared
// and service workers, each classic (the script-tag bundle by importScripts) and module (every ES
// module entry imported: none touches window or document at load). No window, no document, no
// localStorage; self.location is there. The global fetch is the worker's own (called on its global
// scope: a fetch called on anything else throws 'Illegal invocation'); a call answers, a redirect is
// refused with no credential leaving for the other origin, the time limit and the caller's abort
// end a call, and the page-only parts fail with their BridgeError (e2e/pages/rest-worker-body.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openRestPage, useRestEnv } from './helpers.mjs';

const ctx = {};
useRestEnv(ctx);

const AGENT = { agent: 'agent1001', password: 'Ag3nt-s3cret' };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };

for (const origin of ['same', 'cross']) {
  for (const worker of ['dedicated', 'shared', 'service']) {
    for (const type of ['classic', 'module']) {
      test(`a ${type} ${worker} worker (${origin} origin): the REST client answers, refuses a redirect, times out, aborts, and the page-only parts say why`, async () => {
        const page = await openRestPage(ctx.env, origin, 'iife');
        const { faults } = ctx.env.sim.rest;
        faults.redirect({ status: 302, location: `${ctx.third.url}/guid?token=x`, path: 'Agents/AgentCall' });
        // The first summary answers; the next two (the time limit's, the abort's) are held.
        faults.delay({ ms: 5000, path: 'Supervisor/campaignssummary', skip: 1, count: 2 });
        const got = await page.evaluate(async ([kind, module, arg]) => {
          const url = `/e2e/rest-worker.${module === 'module' ? 'mjs' : 'js'}`;
          // A worker that fails to load or run says so (a service worker's registration rejects).
          let failed;
          const failure = new Promise((resolve) => { failed = (e) => resolve({ error: e.message ?? String(e) }); });
          let target;
          if (kind === 'dedicated') (target = new Worker(url, { type: module })).onerror = failed;
          else if (kind === 'shared') {
            const shared = new SharedWorker(url, { type: module });
            shared.onerror = failed;
            target = shared.port;
          } else {
            const reg = await navigator.serviceWorker.register(url, { type: module }).catch((e) => failed(e));
            if (!reg) return failure;
            target = reg.installing ?? reg.waiting ?? reg.active;
            await new Promise((resolve) => {
              if (target.state === 'activated') resolve();
              target.addEventListener('statechange', () => target.state === 'activated' && resolve());
            });
          }
          const channel = new MessageChannel();
          const answer = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
          target.postMessage(arg, [channel.port2]);
          return Promise.race([answer, failure]);
        }, [worker, type, { baseUrl: ctx.env.sim.portalOrigin, credentials: AGENT, call: CALL }]);
        assert.deepEqual(got, {
          globals: ['undefined', 'undefined', 'undefined', 'undefined'],
          summary: ['ok', true], redirected: ['REDIRECT_REFUSED'], timeout: ['TIMEOUT'], aborted: ['ABORTED'],
          portal: [false, 'NOT_EMBEDDED'], inbox: 'NOT_EMBEDDED', cti: 'NO_CTI', watch: 'NO_CTI', framework: 'NO_FRAMEWORK',
        });
        assert.deepEqual(ctx.third.hits, []);
        assert.equal(ctx.env.sim.rest.state.calls.length, 0);
        await page.context().close();
      });
    }
  }
}
