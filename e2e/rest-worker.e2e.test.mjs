// The REST client off the page's main thread, in Chromium with the built bundles: a dedicated worker
// that loads the script-tag bundle with importScripts, and a module worker that imports the ES
// module entry (no window, no document, no localStorage; self.location is there). The global fetch
// is the worker's own (called on its global scope: a fetch called on anything else throws 'Illegal
// invocation'), a redirect is still refused with no credential leaving for the other origin, and the
// browser-only parts fail with their BridgeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openRestPage, useRestEnv } from './helpers.mjs';

const ctx = {};
useRestEnv(ctx);

const AGENT = { agent: 'agent1001', password: 'Ag3nt-s3cret' };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };

// The worker's body: `B` is the library; posts back what each step gave (a value, or an error's code).
const BODY = `
  const result = async (f) => { try { return ['ok', await f()]; } catch (e) { return [B.isBridgeError(e) ? e.code : String(e)]; } };
  self.onmessage = async ({ data }) => {
    const uc = B.createUContactClient({ baseUrl: data.baseUrl, credentials: data.credentials });
    postMessage({
      summary: await result(async () => Array.isArray(await uc.campaignsSummary())),
      redirected: await result(() => uc.agentCall(data.call)),
      framework: await result(() => B.fromFormFramework()),
      cti: await result(() => B.readCti({ passphrase: 'secret' })),
    });
  };`;

for (const origin of ['same', 'cross']) {
  for (const kind of ['classic', 'module']) {
    test(`a ${kind} worker (${origin} origin): the REST client answers, refuses a redirect, and the browser-only parts say why`, async () => {
      const page = await openRestPage(ctx.env, origin, 'iife');
      ctx.env.sim.rest.faults.redirect({ status: 302, location: `${ctx.third.url}/guid?token=x`, path: 'Agents/AgentCall' });
      const got = await page.evaluate(async ([k, body, arg]) => {
        const source = k === 'module'
          ? `import * as H from '${location.origin}/dist/http.js'; import * as C from '${location.origin}/dist/cti.js'; const B = { ...H, ...C };${body}`
          : `importScripts('${location.origin}/dist/ucontact-bridge.iife.min.js'); const B = self.UContactBridge;${body}`;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: k });
        const answer = await new Promise((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => resolve({ error: e.message });
          worker.postMessage(arg);
        });
        worker.terminate();
        return answer;
      }, [kind, BODY, { baseUrl: ctx.env.sim.portalOrigin, credentials: AGENT, call: CALL }]);
      assert.deepEqual(got, {
        summary: ['ok', true], redirected: ['REDIRECT_REFUSED'], framework: ['NO_FRAMEWORK'], cti: ['NO_CTI'],
      });
      assert.deepEqual(ctx.third.hits, []);
      assert.equal(ctx.env.sim.rest.state.calls.length, 0);
      await page.context().close();
    });
  }
}
