// The REST client inside a portal form: `fromFormFramework()` makes the form's own origin the
// instance and the form framework's `Agent.token` the session, one line for a form. Built bundle,
// against the REST simulator (whose token the framework's Agent carries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient, fromFormFramework, isBridgeError } from '../../dist/http.js';
import { server, useRestSimulator } from './helpers/rest-server.mjs';

useRestSimulator();

const host = (Agent, origin = 'http://127.0.0.1:8080') => ({ Agent, location: { origin } });

test("fromFormFramework: the form's origin is the instance, Agent.token the session, Agent.accountcode its user", () => {
  assert.deepEqual(fromFormFramework(host({ accountcode: 'agent1001', token: 'YWdlbnQxMDAxOnV1aWQ=' }, 'https://acme.ucontactcloud.com')), {
    baseUrl: 'https://acme.ucontactcloud.com', credentials: { token: 'YWdlbnQxMDAxOnV1aWQ=', user: 'agent1001' },
  });
  assert.deepEqual(fromFormFramework(host({ token: 'YWdlbnQxMDAxOnV1aWQ=', accountcode: '' })).credentials, { token: 'YWdlbnQxMDAxOnV1aWQ=' });
});

test('fromFormFramework without the framework is NO_FRAMEWORK, never a crash', () => {
  const noFramework = (e) => isBridgeError(e, 'NO_FRAMEWORK') && e.operation === 'fromFormFramework' && /integraFramework\.js/.test(e.message);
  for (const agent of [undefined, null, 'agent', {}, { token: '' }, { token: 5 }, { accountcode: 'agent1001' }]) {
    assert.throws(() => fromFormFramework(host(agent)), noFramework, JSON.stringify(agent));
  }
  const throwing = { location: { origin: 'http://127.0.0.1:8080' }, get Agent() { throw new Error('torn down'); } };
  assert.throws(() => fromFormFramework(throwing), noFramework);
  // The framework's Agent mid tear-down: its token getter throws (counts as no framework).
  assert.throws(() => fromFormFramework(host({ get token() { throw new Error('torn down'); } })), noFramework);
  assert.equal(typeof globalThis.window, 'undefined');
  assert.throws(() => fromFormFramework(), noFramework, 'no window (Node): no framework');
});

test('fromFormFramework with a window that has no location (window = globalThis in a Node test, a stand-in): NO_FRAMEWORK, not a TypeError', (t) => {
  const noFramework = (e) => isBridgeError(e, 'NO_FRAMEWORK') && e.operation === 'fromFormFramework';
  assert.throws(() => fromFormFramework({ Agent: { token: 'YWdlbnQxMDAxOnV1aWQ=' } }), noFramework);
  // A Node test of a form that stands the window and the framework's Agent in on the global object.
  globalThis.window = globalThis;
  globalThis.Agent = { token: 'YWdlbnQxMDAxOnV1aWQ=' };
  t.after(() => { delete globalThis.window; delete globalThis.Agent; });
  assert.throws(() => fromFormFramework(), noFramework);
  // A location whose origin cannot be read (Deno 1 without --location throws a ReferenceError).
  const unreadable = { Agent: { token: 'YWdlbnQxMDAxOnV1aWQ=' }, get location() { throw new ReferenceError('Access to "location"'); } };
  assert.throws(() => fromFormFramework(unreadable), noFramework);
});

test('createUContactClient(fromFormFramework()) works with the token the framework hands the form', async () => {
  const token = server.sim.issueToken('agent1001');
  captureSecret(token);
  const uc = createUContactClient({ ...fromFormFramework(host({ accountcode: 'agent1001', token }, server.url)), log: captureLog });
  const summary = await uc.campaignsSummary();
  assert.ok(summary.length > 0);
  const calls = server.sim.state.log.filter((e) => e.path === 'Supervisor/campaignssummary');
  assert.deepEqual(calls.map((e) => e.outcome), ['ok']);
  assert.equal(server.sim.state.sessions.agentLogins + server.sim.state.sessions.userLogins, 0, 'no login: the token is used as given');
});
