// Debian's Chromium through playwright-core, launched as the e2e tests do (no browser download).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run',
];

/** Launches Chromium; returns the browser and its version string. */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return { browser, version: browser.version() };
}

/** Polls `fn` until it returns a truthy value. */
export async function waitFor(fn, timeoutMs = 15_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Starts Debian's Chromium on the bench server's driver page with NO DevTools client attached, for
 * the timed figures. With a DevTools client (Playwright) attached and the Runtime domain on, Blink
 * captures a JS stack trace of up to 200 frames on every `postMessage` (to attribute the message),
 * so a client's call depth shows up as latency that no user's browser has: measured, a raw client
 * posting from 30 frames deep is 1.3x slower under Playwright and 1.0x without it (see
 * docs/performance.md). The pages report their figures to the server (`server.visit`).
 */
export async function launchBare(server) {
  const dir = await mkdtemp(join(tmpdir(), 'ucontact-bridge-bench-'));
  const proc = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${dir}`, `${server.portalOrigin}/pages/driver.html`], { stdio: 'ignore' });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return {
    /** Navigates to `url` and resolves with the figures the page reports. */
    visit: (url, timeoutMs) => Promise.race([
      server.visit(url, timeoutMs),
      exited.then((code) => { throw new Error(`Chromium exited (${code}) before ${url} reported`); }),
    ]),
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
