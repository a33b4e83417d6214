// The simulator's own "slow after executing" switch (delay with after: true): the server does the
// work, the answer comes after the client's timeout. The client says TIMEOUT, the call ran exactly
// once, and nothing is retried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createUContactClient, isBridgeError } from '../../dist/http.js';

const server = await startRestServer({ port: 0 });
after(() => server.close());

test('an answer slower than the timeout after the work is done: TIMEOUT, executed once', async () => {
  const events = [];
  const uc = createUContactClient({ baseUrl: server.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, log: (e) => { captureLog(e); events.push(e); } });
  await uc.campaignsSummary(); // log in first
  // The answer 1.5 s late: a loaded machine (a load average of 11 once made 400 ms too close) still
  // tells a client's 100 ms timeout from the answer.
  server.sim.faults.delay({ ms: 1500, count: 1, path: 'Agents/AgentCall', after: true });
  const call = uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099000113' }, { timeoutMs: 100 });
  // Before a timer of this process due at 1.2 s, armed after the call's own: an order, not a time
  // bound (a stall of the process of 1.2 s failed \`Date.now() - t0 < 1200\`).
  let late = false;
  const mark = setTimeout(() => { late = true; }, 1200);
  await assert.rejects(call, (e) => isBridgeError(e, 'TIMEOUT') && e.operation === 'agentCall');
  clearTimeout(mark);
  assert.equal(late, false, 'settled by its timeout, long before the answer');
  // Nothing retried, from the client's own log: a call logs each attempt ('request') as it sends it
  // and a retry ('retry') before its backoff, all before its 'error' event, which comes just before
  // it settles. (The server's log read 1.7 s on missed a retry sent later than that.)
  assert.deepEqual(events.filter((e) => e.endpoint === 'agentCall').map((e) => [e.type, e.attempt ?? e.code]), [['request', 1], ['error', 'TIMEOUT']]);
  // Executed once: the server's record of the run, written when the work was done (before the late
  // answer), waited for (its request may reach the server after the client gave up).
  const runs = () => server.sim.state.log.filter((e) => e.path === 'Agents/AgentCall');
  for (const end = Date.now() + 10_000; !runs().length && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(runs().map((e) => e.outcome), ['ok+fault:delayed']);
  assert.equal(server.sim.state.calls.length, 1);
  await uc.close();
});
