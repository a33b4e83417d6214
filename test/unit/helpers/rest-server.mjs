// One REST simulator per test file, reset before each test, with an optional fresh client.
// `server` and `uc` are live bindings: importers read the current ones.
import { createServer } from 'node:http';
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

/**
 * Mounts `sim` in a host server of its own that answers `demo page` to whatever `sim.handle` leaves,
 * as an app serving the simulator beside its pages does; runs `fn(base)` with the host's origin,
 * then closes it.
 */
export async function withMountedHost(sim, fn) {
  const host = createServer((req, res) => {
    if (sim.handle(req, res)) return;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('demo page');
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${host.address().port}`);
  } finally {
    host.closeAllConnections();
    await new Promise((r) => host.close(r));
  }
}
