// One REST simulator per test file, reset before each test, with an optional fresh client.
// `server` and `uc` are live bindings: importers read the current ones.
import { after, before, beforeEach } from 'node:test';
import { startRestServer } from '../../../demo/rest/simulator.mjs';
import { createUContactClient } from '../../../dist/http.js';

export let server;
export let uc;

/** Registers the hooks; with `clientOptions` (e.g. `{ credentials }`), `uc` is a new client per test. */
export function useRestSimulator(clientOptions) {
  before(async () => {
    server = await startRestServer({ port: 0 });
  });
  after(() => server.close());
  beforeEach(() => {
    server.sim.reset();
    if (clientOptions) uc = createUContactClient({ baseUrl: server.url, log: captureLog, ...clientOptions });
  });
}
