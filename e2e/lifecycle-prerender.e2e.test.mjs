// A uPhone host page prerendered (speculation rules; Chromium's address bar does it too) and shown
// later. A prerendered page runs its scripts, but Chromium loads no frame of another origin in it
// until it is activated: the phone (on the instance's origin) cannot log in before. `ready` waits
// for the agent from the activation on: a page prerendered for longer than readyTimeoutMs is still
// ready when its phone logs in once shown, and one whose agent never logs in still gives up after
// readyTimeoutMs.
//
// Chromium prerenders nothing while DevTools is attached (PrerenderingDisabledByDevTools, with
// Playwright and with a bare CDP connection alike), so this file starts Chromium itself, without
// remote debugging, on a launcher page (e2e/pages/prerender-launch.html). The pages report to a
// collector here, which also tells the launcher when to go to the prerendered page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, waitFor } from './helpers.mjs';

let sim;
let collector;
let collectorUrl;
// Per run (a query parameter): its reports and whether its launcher may go.
const runs = new Map();
before(async () => {
  sim = await startSimulator({ testPages: true });
  collector = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const run = runs.get(url.searchParams.get('run'));
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (run && url.pathname === '/report') run.reports.push(JSON.parse(body));
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' })
        .end(run && url.pathname === '/go' && run.go ? 'go' : '');
    });
  });
  await new Promise((r) => collector.listen(0, '127.0.0.1', r));
  collectorUrl = `http://127.0.0.1:${collector.address().port}`;
});
after(async () => {
  collector?.closeAllConnections?.();
  await new Promise((r) => (collector ? collector.close(r) : r()));
  await sim?.close();
});

/** Starts Chromium (no DevTools) on the launcher, which prerenders the host page; returns the run and a stop function. */
function launch(name, phoneUrl, ms) {
  const run = { reports: [], go: false };
  runs.set(name, run);
  const report = `${collectorUrl}/report?run=${name}`;
  const target = `${sim.formOrigin}/e2e/prerender-uphone.html?ms=${ms}&report=${encodeURIComponent(report)}&url=${encodeURIComponent(phoneUrl)}`;
  const page = `${sim.formOrigin}/e2e/prerender-launch.html?go=${encodeURIComponent(`${collectorUrl}/go?run=${name}`)}&target=${encodeURIComponent(target)}`;
  const dir = mkdtempSync(join(tmpdir(), 'ucb-prerender-'));
  // Its own process group (/usr/bin/chromium is a script that starts the browser): ended as one.
  const chrome = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${dir}`, page], { stdio: 'ignore', detached: true });
  const stop = async () => {
    if (chrome.exitCode === null && chrome.signalCode === null) {
      const gone = new Promise((r) => chrome.once('exit', r));
      try {
        process.kill(-chrome.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await gone;
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const of = (type) => run.reports.filter((r) => r.type === type);
  return { run, of, stop };
}

test('a uPhone host prerendered past readyTimeoutMs: ready resolves when the agent logs in once the page is shown', async () => {
  const { run, of, stop } = launch('login', `${sim.portalOrigin}/uphone/?login=auto`, 1000);
  try {
    await waitFor(() => of('past').length === 1, 20_000);
    const [start] = of('start');
    assert.equal(start.prerendering, true, 'the host page was prerendered');
    assert.equal(of('past')[0].prerendering, true, 'still prerendered once its time limit had passed');
    run.go = true;
    await waitFor(() => of('ready').length === 1, 20_000);
    assert.deepEqual(of('ready')[0], { type: 'ready', ok: true, loggedIn: true, prerendering: false });
  } finally {
    await stop();
  }
});

test('a uPhone host prerendered, whose agent never logs in: ready rejects NOT_READY readyTimeoutMs after the page is shown', async () => {
  const { run, of, stop } = launch('silent', `${sim.portalOrigin}/uphone/`, 1000);
  try {
    await waitFor(() => of('past').length === 1, 20_000);
    assert.equal(of('start')[0].prerendering, true, 'the host page was prerendered');
    assert.equal(of('ready').length, 0, 'not given up while prerendered');
    run.go = true;
    await waitFor(() => of('ready').length === 1, 20_000);
    assert.deepEqual(of('ready')[0], { type: 'ready', ok: false, code: 'NOT_READY', loggedIn: false, prerendering: false });
  } finally {
    await stop();
  }
});
