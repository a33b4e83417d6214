// Server rendering and test runners: a Next.js, Nuxt or SvelteKit server imports every entry when
// it loads a page's modules, and jest's jsdom environment (the usual way to test a form) has no
// TextDecoder, TextEncoder, structuredClone or fetch (jsdom/jsdom#2524, jestjs/jest#10431). Loading
// an entry must touch none of them: each entry, through the package's `exports` (ES module and
// CommonJS), is loaded in a child process where those globals are gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = ['ucontact-bridge', 'ucontact-bridge/cti', 'ucontact-bridge/http', 'ucontact-bridge/inbox', 'ucontact-bridge/uphone'];
const GONE = ['TextDecoder', 'TextEncoder', 'structuredClone', 'fetch', 'Blob', 'atob', 'btoa'];

function load(entry, mode) {
  const get = mode === 'esm' ? `await import(${JSON.stringify(entry)})`
    : `(await import('node:module')).createRequire(${JSON.stringify(`${ROOT}package.json`)})(${JSON.stringify(entry)})`;
  const script = `for (const name of ${JSON.stringify(GONE)}) delete globalThis[name];
    const m = ${get};
    console.log(Object.keys(m).length);`;
  // Run from the package root: the package imports itself by its name (Node's self-reference).
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

for (const mode of ['esm', 'cjs']) {
  test(`every entry loads (${mode}) where TextDecoder, structuredClone and fetch are missing`, () => {
    for (const entry of ENTRIES) {
      const out = load(entry, mode);
      assert.equal(out.status, 0, `${entry} (${mode}): ${out.stderr.split('\n').find((l) => /Error/.test(l)) ?? out.stderr}`);
      assert.ok(Number(out.stdout.trim()) > 0, entry);
    }
  });
}

// README, FAQ "Tests of a form under jest's jsdom environment": what fails there, and its setup file
// (the README's block, run as written) giving back what those functions need.
test('the README\'s jest setup file gives decryptCti and structuredClone back where jsdom lacks them', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const setup = /```js\n(\/\/ jest\.setup\.js\n[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(setup, 'README has no jest.setup.js block');
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cti/spec-example.json'), 'utf8'));
  const run = (withSetup) => spawnSync(process.execPath, ['-e', `for (const name of ['TextDecoder', 'TextEncoder', 'structuredClone']) delete globalThis[name];
    ${withSetup ? setup : ''}
    const { decryptCti } = require('ucontact-bridge/cti');
    let out;
    try { out = decryptCti(${JSON.stringify(fixture.ciphertext)}, ${JSON.stringify(fixture.passphrase)}).campaign; } catch (e) { out = e.name; }
    console.log(JSON.stringify([out, typeof structuredClone === 'function' && structuredClone({ a: [1] }).a[0]]));`], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  // Without it: the ReferenceError the FAQ names (a typed error would make the FAQ wrong).
  assert.deepEqual(JSON.parse(run(false).stdout), ['ReferenceError', false]);
  const withIt = run(true);
  assert.equal(withIt.status, 0, withIt.stderr);
  assert.deepEqual(JSON.parse(withIt.stdout), [fixture.expect.cti.campaign, 1]);
});

// The FAQ's other symptoms, each as it says, and the same setup file ending each: the uPhone's send
// refuses any params, a client made with { token } is refused, an answer read from a Response is
// NETWORK_ERROR (its cause the ReferenceError), and one from a stub with only text() is read but
// the login's token is refused (BAD_RESPONSE); with the setup, the command is posted, the token
// taken and both calls answered.
test("the README's jest setup file ends each failure its FAQ entry lists", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const setup = /```js\n(\/\/ jest\.setup\.js\n[\s\S]*?)```/.exec(readme)[1];
  const faq = readme.slice(readme.indexOf("**Tests of a form under jest's jsdom environment"), readme.indexOf('```js\n// jest.setup.js'));
  const token = Buffer.from('api:123e4567-e89b-12d3-a456-426614174000').toString('base64');
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cti/spec-example.json'), 'utf8'));
  const script = (withSetup) => `for (const name of ['TextDecoder', 'TextEncoder', 'structuredClone']) delete globalThis[name];
    ${withSetup ? setup : ''}
    const { embedUPhone } = require('ucontact-bridge/uphone');
    const { createUContactClient } = require('ucontact-bridge/http');
    const { readCti, watchCti } = require('ucontact-bridge/cti');
    (async () => {
      const { embedded } = await import(${JSON.stringify(join(ROOT, 'test/unit/helpers/uphone-fakes.mjs'))});
      const outcome = (p) => p.then(() => 'ok', (e) => e.code + (e.cause ? ' ' + e.cause.name : ''));
      const { phone, say } = embedded(embedUPhone);
      const sent = outcome(phone.send('makeCall', { number: '099123456' }));
      say({ action: 'agentLogin', params: {} });
      let made;
      try { createUContactClient({ baseUrl: 'https://a.example', credentials: { token: ${JSON.stringify(token)} }, fetch }); made = 'ok'; } catch (e) { made = e.code; }
      const answer = (body, kind) => (kind === 'text' ? { status: 200, text: async () => body } : new Response(body));
      const call = (kind) => outcome(createUContactClient({ baseUrl: 'https://a.example', credentials: { user: 'api', password: 'pw' },
        fetch: async (url) => answer(url.includes('/auth/') ? JSON.stringify(${JSON.stringify(token)}) : 'ok', kind) }).hangupPhone({ phone: '1001' }));
      // The portal's storage: a call stored after the watcher started, then read by hand.
      // Its reads counted: "nothing heard" is checked once a poll has read the call, not after a pause.
      let stored = null;
      let reads = 0;
      const storage = { getItem: () => (reads++, stored) };
      const heard = [];
      const stop = watchCti({ source: 'storage', passphrase: ${JSON.stringify(fixture.passphrase)}, storage, window: new EventTarget(), intervalMs: 5,
        onChange: (cti) => heard.push('onChange'), onError: (e) => heard.push(e.code) });
      stored = ${JSON.stringify(fixture.ciphertext)};
      for (const from = reads; reads === from;) await new Promise((r) => setTimeout(r, 5));
      stop();
      let read;
      try { read = readCti({ source: 'storage', passphrase: ${JSON.stringify(fixture.passphrase)}, storage }) && 'ok'; } catch (e) { read = e.name; }
      console.log(JSON.stringify([await sent, made, await call('Response'), await call('text'), read, heard.join() || 'nothing']));
      phone.destroy();
    })();`;
  const run = (withSetup) => {
    const out = spawnSync(process.execPath, ['-e', script(withSetup)], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout);
  };
  assert.deepEqual(run(false), ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'NETWORK_ERROR ReferenceError', 'BAD_RESPONSE', 'ReferenceError', 'nothing']);
  for (const said of ['`INVALID_ARGUMENT`', 'credentials.token must be a uContact', '`NETWORK_ERROR` (its cause that `ReferenceError`', '`BAD_RESPONSE`',
    '`readCti` reading the portal\'s storage, throw that `ReferenceError`', '`watchCti` reading it calls neither `onChange` nor `onError`']) {
    assert.ok(faq.replace(/\s+/g, ' ').includes(said), `the FAQ says ${said}`);
  }
  assert.deepEqual(run(true), ['ok', 'ok', 'ok', 'ok', 'ok', 'onChange']);
});

// An isomorphic app imports every entry before there is a window (server rendering, a test runner
// whose DOM is installed after the imports, a bundle evaluated before its host page defines one):
// nothing may keep "no window" from the import. Each entry, through `exports` (ES module and
// CommonJS), imported first; then a framed page stands in as the global window (its portal a
// stand-in whose storage the portal writes the CTI to), and each function that reads the page finds it: the
// portal and Inbox clients are embedded and post to the portal, readCti decrypts the portal's copy,
// watchCti hears the portal's storage event, fromFormFramework takes the window's Agent.
for (const mode of ['esm', 'cjs']) {
  test(`a window defined after every entry was imported (${mode}) is the one each function uses`, () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cti/spec-example.json'), 'utf8'));
    const get = (entry) => (mode === 'esm' ? `await import(${JSON.stringify(entry)})`
      : `(await import('node:module')).createRequire(${JSON.stringify(`${ROOT}package.json`)})(${JSON.stringify(entry)})`);
    const script = `const [{ connectPortal }, { connectInbox }, { readCti, watchCti }, { fromFormFramework }] = [
        ${get('ucontact-bridge')}, ${get('ucontact-bridge/inbox')}, ${get('ucontact-bridge/cti')}, ${get('ucontact-bridge/http')}];
      const PORTAL = 'https://acme.ucontactcloud.com';
      const posted = [];
      let stored = null;
      const parent = { postMessage: (data, origin) => posted.push(origin), localStorage: { getItem: (key) => (key === 'CTI' ? stored : null) } };
      globalThis.window = Object.assign(new EventTarget(), { parent, name: 'crmForm', postMessage() {},
        location: { origin: PORTAL, protocol: 'https:', host: 'acme.ucontactcloud.com' }, Agent: { token: 'YWdlbnQxMDAxOnV1aWQ=' } });
      const portal = connectPortal({ persistPending: false });
      const sent = await portal.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '099123456', guid: 'g-1' });
      const inbox = connectInbox();
      inbox.sent();
      const heard = [];
      const stop = watchCti({ passphrase: ${JSON.stringify(fixture.passphrase)}, intervalMs: 0, onChange: (cti) => heard.push(cti.guid), onError: (e) => heard.push(e.code) });
      // The portal writes the call: its storage event reaches the watcher.
      stored = ${JSON.stringify(fixture.ciphertext)};
      window.dispatchEvent(Object.assign(new Event('storage'), { key: 'CTI' }));
      stop();
      console.log(JSON.stringify([portal.embedded, sent.confirmed, inbox.embedded, posted,
        readCti({ passphrase: ${JSON.stringify(fixture.passphrase)} }).guid, heard, fromFormFramework().baseUrl]));
      portal.destroy();
      inbox.destroy();`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stderr, '', 'nothing printed');
    const guid = fixture.expect.cti.guid;
    const portal = 'https://acme.ucontactcloud.com';
    assert.deepEqual(JSON.parse(out.stdout), [true, false, true, [portal, portal], guid, [guid], portal]);
  });
}
