// The simulator's uPhone routes: bare directory paths redirect to the page, as an instance does
// for /uphone (a newcomer typing /agent-app got a 404 before).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUPhoneRoutes } from '../../demo/uphone/routes.mjs';

function answer(routes, path, onPortalOrigin) {
  const res = { status: 0, headers: {}, writeHead(status, headers) { this.status = status; this.headers = headers ?? {}; return this; }, end() { return this; } };
  const handled = routes.handle({ url: path }, res, onPortalOrigin);
  return { handled, ...res };
}

test('/uphone and /agent-app without their slash redirect to it, keeping the query', () => {
  const routes = createUPhoneRoutes({ portalOrigin: 'http://127.0.0.1:1', formOrigin: 'http://localhost:2' });
  const cases = [['/uphone?x=1', true, '/uphone/?x=1'], ['/agent-app?api=events', true, '/agent-app/?api=events'], ['/agent-app', false, '/agent-app/']];
  for (const [path, onPortalOrigin, location] of cases) {
    const { handled, status, headers } = answer(routes, path, onPortalOrigin);
    assert.deepEqual({ handled, status, location: headers.location }, { handled: true, status: 301, location }, path);
  }
  // The phone itself is served on the portal's origin only.
  assert.equal(answer(routes, '/uphone', false).handled, false);
});
