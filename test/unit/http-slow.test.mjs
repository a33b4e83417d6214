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
  const uc = createUContactClient({ baseUrl: server.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, log: captureLog });
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
  await new Promise((r) => setTimeout(r, 1700));
  const runs = server.sim.state.log.filter((e) => e.path === 'Agents/AgentCall');
  assert.deepEqual(runs.map((e) => e.outcome), ['ok+fault:delayed']);
  assert.equal(server.sim.state.calls.length, 1);
  await uc.close();
});
