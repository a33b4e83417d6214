// A minimal W3C WebDriver (classic, HTTP) client for WebKitGTK's WebKitWebDriver driving its
// MiniBrowser: new session, navigate, execute script (functions serialized with toString, run as
// async scripts), switch to a frame by name, tabs, back/forward/refresh, delete session. No npm
// dependency: fetch and child_process. The GTK MiniBrowser needs a display: the driver runs under
// `xvfb-run -a` (MiniBrowser's `--headless` waits for a display forever with GTK 3).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { MINIBROWSER, WEBKIT_DRIVER, XVFB_RUN, engineMissing } from './installed.mjs';

export { MINIBROWSER, WEBKIT_DRIVER, XVFB_RUN };

/** What is missing to run WebKit here (a path), or null. */
export const webkitMissing = () => engineMissing('e2e/engines/webkit.mjs') ?? null;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts WebKitWebDriver under xvfb-run and opens a session; `close()` ends both (idempotent). */
export async function startWebKit() {
  const port = await freePort();
  // Its own process group: xvfb-run, Xvfb, the driver and the browser it launches end together.
  const proc = spawn(XVFB_RUN, ['-a', WEBKIT_DRIVER, `--port=${port}`, '--host=local'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 20_000) stderr = stderr.slice(-10_000); });
  const base = `http://127.0.0.1:${port}`;
  const kill = () => {
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  process.once('exit', kill);
  // A cancel (Ctrl-C, node --test's time limit): exit, which runs the kill above; Node's default
  // for these signals skips 'exit' handlers and would leave Xvfb and the browser behind.
  const onSignal = (sig) => process.exit(sig === 'SIGINT' ? 130 : 143);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let sessionId;
  const request = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
      e.wdError = json.value?.error;
      throw e;
    }
    return json.value;
  };
  const s = (path) => `/session/${sessionId}${path}`;
  try {
    const end = Date.now() + 15_000;
    for (;;) {
      try {
        const st = await request('GET', '/status');
        if (st) break;
      } catch { /* not listening yet */ }
      if (Date.now() > end) throw new Error(`WebKitWebDriver did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const created = await request('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    sessionId = created.sessionId;
    await request('POST', s('/timeouts'), { script: 30_000, pageLoad: 30_000 });
  } catch (e) {
    kill();
    throw e;
  }

  let closed = false;
  const wd = {
    capabilities: undefined,
    stderr: () => stderr,
    request, s,
    /** Navigates the current tab (waits for the load). */
    goto: (url) => request('POST', s('/url'), { url }),
    url: () => request('GET', s('/url')),
    back: () => request('POST', s('/back'), {}),
    forward: () => request('POST', s('/forward'), {}),
    refresh: () => request('POST', s('/refresh'), {}),
    /** Switches to the top-level document of the current tab. */
    top: () => request('POST', s('/frame'), { id: null }),
    /** Switches to a child frame (iframe `name` or CSS selector) of the current document. */
    async frame(nameOrSelector) {
      const value = nameOrSelector.includes('[') || nameOrSelector.includes('#') ? nameOrSelector : `iframe[name="${nameOrSelector}"]`;
      const el = await request('POST', s('/element'), { using: 'css selector', value });
      return request('POST', s('/frame'), { id: el }); // the element reference as the driver gave it
    },
    /** A real click (a user gesture) on the element `selector` of the current document. */
    async click(selector) {
      const el = await request('POST', s('/element'), { using: 'css selector', value: selector });
      return request('POST', s(`/element/${Object.values(el)[0]}/click`), {});
    },
    /** A real key press (`'Tab'`, `'Enter'`, `' '` or one character) to the focused element. */
    async press(key) {
      const value = { Tab: '\uE004', Enter: '\uE007' }[key] ?? key;
      await request('POST', s('/actions'), { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
    },
    /**
     * Runs `fn(...args)` (a function, serialized) in the current browsing context and returns its
     * (awaited) JSON value; a throw or rejection in the page rejects here with its text.
     */
    async run(fn, ...args) {
      // The result goes back as JSON text made here, own keys only, in their order: the driver's
      // own serializer reorders keys and walks what a legacy library put on Object.prototype
      // (json.js's toJSONString: "cyclic"), and JSON.stringify would call Prototype.js's
      // Array.prototype.toJSON. JSON.stringify of a primitive reads no toJSON.
      const script = `var cb = arguments[arguments.length - 1]; var args = Array.prototype.slice.call(arguments, 0, -1);
        var enc = function (v) {
          if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
          if (v === null || typeof v !== 'object') return typeof v === 'number' && !isFinite(v) ? 'null' : JSON.stringify(v);
          if (Array.isArray(v)) { var a = []; for (var i = 0; i < v.length; i++) a.push(enc(v[i])); return '[' + a.join(',') + ']'; }
          var o = []; var keys = Object.keys(v);
          for (var j = 0; j < keys.length; j++) {
            var x = v[keys[j]];
            if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') o.push(JSON.stringify(keys[j]) + ':' + enc(x));
          }
          return '{' + o.join(',') + '}';
        };
        Promise.resolve().then(function () { return (${fn}).apply(null, args); })
          .then(function (v) { cb('ok:' + enc(v)); },
                function (e) { cb('error:' + String(e && e.stack || e) + (e && e.code ? ' code=' + e.code : '')); });`;
      const r = await request('POST', s('/execute/async'), { script, args });
      if (typeof r !== 'string' || !r.startsWith('ok:')) throw new Error(`in page: ${typeof r === 'string' ? r.slice(6) : JSON.stringify(r)}`);
      return JSON.parse(r.slice(3));
    },
    /** `run` in the frame path given (names from the top, e.g. ['crmForm']); [] is the top document. */
    async runIn(path, fn, ...args) {
      await wd.top();
      for (const f of path) await wd.frame(f);
      return wd.run(fn, ...args);
    },
    /** Opens a new tab and switches to it; returns its handle. */
    async newTab() {
      const { handle } = await request('POST', s('/window/new'), { type: 'tab' });
      await request('POST', s('/window'), { handle });
      return handle;
    },
    /** Closes the current tab and switches to a remaining one. */
    async closeTab() {
      const left = await request('DELETE', s('/window'));
      if (left.length) await request('POST', s('/window'), { handle: left[0] });
      return left;
    },
    handles: () => request('GET', s('/window/handles')),
    switchTo: (handle) => request('POST', s('/window'), { handle }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await Promise.race([request('DELETE', s('')), new Promise((r) => setTimeout(r, 5000))]);
      } catch { /* the browser may be gone already */ }
      kill();
      process.removeListener('exit', kill);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
  return wd;
}

/** Polls `fn` until it returns a truthy value (default 10 s); errors count as not yet. */
export async function waitFor(fn, timeoutMs = 10_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a new tab of `wd`'s session, switches to it and closes every other (their timers and listeners gone). */
export async function freshTab(wd) {
  const current = await wd.newTab();
  for (const h of await wd.handles()) {
    if (h === current) continue;
    await wd.switchTo(h);
    await wd.closeTab();
    await wd.switchTo(current);
  }
}

/**
 * For an engine suite file `file`: without WebKitGTK, prints SKIPPED and exits 0; without a build
 * (dist/), fails. Otherwise registers the hooks that start the simulator (with the e2e pages) and
 * a WebKit session before the file's tests and end both after; resolves to `{ sim, wd }`, filled
 * in once started.
 */
export async function useWebKit(file) {
  const missing = webkitMissing();
  if (missing) {
    console.log(`SKIPPED: WebKitGTK not installed at ${missing}`);
    process.exit(0);
  }
  if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
    console.error(`${file}: no dist/: run \`npm run build\` first`);
    process.exit(1);
  }
  const { before, after } = await import('node:test');
  const { startSimulator } = await import('../../demo/server.mjs');
  const env = {};
  before(async () => {
    env.sim = await startSimulator({ testPages: true });
    env.wd = await startWebKit();
  });
  after(async () => {
    await env.wd?.close();
    await env.sim?.close();
  });
  return env;
}
