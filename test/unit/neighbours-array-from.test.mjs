// A page or program where another library replaced Array.from before ours runs: Prototype.js (1.6,
// 1.7.3: `Array.from = $A`) and MooTools Core 1.3 to 1.5 call no map function (MooTools even hands
// an array back as it is). Every list argument must still be checked, item by item, before anything
// goes out. Run in a child Node process per library, as the replacement is for the whole process;
// the ES module and CommonJS builds both (e2e/neighbours-builtins.e2e.test.mjs: the same in Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LIBRARIES = {
  // Prototype's $A (src/prototype/lang/array.js).
  prototype: `Array.from = function (iterable) {
    if (!iterable) return [];
    if ('toArray' in Object(iterable)) return iterable.toArray();
    var length = iterable.length || 0, results = new Array(length);
    while (length--) results[length] = iterable[length];
    return results;
  };`,
  // MooTools Core's Array.from with its Type.isEnumerable (Core.js).
  mootools: `Array.from = function (item) {
    if (item == null) return [];
    var enumerable = typeof item.length == 'number' && Object.prototype.toString.call(item) != '[object Function]';
    return enumerable && typeof item != 'string' ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item];
  };`,
};

const CASES = `
  const settle = async (f) => { try { await f(); return 'went out'; } catch (e) { return http.isBridgeError(e) ? [e.code, e.message] : 'not a BridgeError: ' + e.name; } };
  let fetched = 0;
  const api = http.createApiTokenClient({ baseUrl: 'https://uc.example.com', token: 't', fetch: async () => { fetched++; return new Response('{}'); } });
  const legacy = http.createUContactClient({ baseUrl: 'https://uc.example.com', credentials: { token: btoa('api:t') }, fetch: async () => { fetched++; return new Response('1'); } });
  const dialer = cti.parseCti({ Guid: 'g', Dialer: { campaign: 'C', destination: '099123456', status: 1, contact: 2, dialerbase: 3, data: '' } }).dialer;
  console.log(JSON.stringify({
    respool: await settle(() => cti.respoolBuilder(dialer).setAlternatives(['098111222', 'x;y']).build()),
    webhook: await settle(() => api.webhook('new-lead', { ids: [1, () => 2] })),
    leads: await settle(() => api.freshLeads('Sales', { leads: [{ clientIds: ['099123456', 98111222] }] })),
    // The labels rule: a hole, and a label holding the joiner.
    hole: await settle(() => legacy.tagRecording({ guid: 'g-1', tag: [, 'vip'] })),
    joiner: await settle(() => legacy.tagRecording({ guid: 'g-1', tag: ['vip', 'a|b'] })),
    fetched,
  }));`;

const dist = (file) => JSON.stringify(new URL(`../../dist/${file}`, import.meta.url).href);
const path = (file) => JSON.stringify(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)));
const LOADERS = {
  esm: `const http = await import(${dist('http.js')}); const cti = await import(${dist('cti.js')});`,
  cjs: `const { createRequire } = await import('node:module'); const require = createRequire(import.meta.url);
    const http = require(${path('cjs/http.cjs')}); const cti = require(${path('cjs/cti.cjs')});`,
};

for (const [library, patch] of Object.entries(LIBRARIES)) {
  for (const [build, load] of Object.entries(LOADERS)) {
    test(`${library}'s Array.from: each item of a list argument is still checked, nothing is sent (${build} build)`, () => {
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', `${patch}\n${load}\n${CASES}`], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(out.status, 0, out.stderr);
      const r = JSON.parse(out.stdout);
      assert.deepEqual(r, {
        respool: ['INVALID_ARGUMENT', 'respoolBuilder: alternatives[1] must be digits with an optional leading +'],
        webhook: r.webhook[0] === 'INVALID_ARGUMENT' && /ids\[1\]/.test(r.webhook[1]) ? r.webhook : 'INVALID_ARGUMENT naming body.ids[1]',
        leads: r.leads[0] === 'INVALID_ARGUMENT' && /leads\[0\]\.clientIds\[1\]/.test(r.leads[1]) ? r.leads : 'INVALID_ARGUMENT naming leads[0].clientIds[1]',
        hole: ['INVALID_ARGUMENT', 'tagRecording: tag[0] is required'],
        joiner: ['INVALID_ARGUMENT', 'tagRecording: tag[1] must not contain | (the joiner) or line breaks'],
        fetched: 0,
      });
    });
  }
}
