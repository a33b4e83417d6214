// A tiny static server for the browser benchmarks: the "portal" origin on 127.0.0.1 and a second
// site on localhost (another site, so Chromium gives a form served there its own renderer process),
// each serving bench/pages, dist/, porthole.js and crypto-js.
//
// Every response is cross-origin isolated (COOP/COEP/CORP): without it Chromium coarsens
// performance.now() to 100 µs, which is the size of the round trips measured here. Isolation changes
// the timer's resolution, not how postMessage travels (site isolation puts the cross-site form in its
// own process either way; run.mjs checks and prints it).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.map': 'application/json' };
const MOUNTS = [
  { prefix: '/pages/', dir: join(ROOT, 'bench/pages') },
  { prefix: '/dist/', dir: join(ROOT, 'dist') },
  { prefix: '/lib/porthole.js', file: join(ROOT, 'node_modules/porthole-proxy/lib/porthole.js') },
  { prefix: '/lib/crypto-js.js', file: join(ROOT, 'node_modules/crypto-js/crypto-js.js') },
];

function fileFor(pathname) {
  for (const m of MOUNTS) {
    if (m.file && pathname === m.prefix) return m.file;
    if (m.dir && pathname.startsWith(m.prefix)) {
      const file = normalize(join(m.dir, pathname.slice(m.prefix.length)));
      return file.startsWith(m.dir + sep) ? file : undefined;
    }
  }
  return undefined;
}

// Driving a Chromium that has no DevTools client (bench/lib/browser.mjs launchBare): the driver
// page asks GET /next, a form POSTs its figures to /report; either request is held open until the
// runner has the next page for it (so nothing is in flight while a form measures). One browser at
// a time per server.
const driver = { nextRes: undefined, nextUrl: undefined, onReport: undefined };

/** Sends the driven browser to `url` and resolves with what the page reports (JSON). */
function visit(url, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      driver.onReport = undefined;
      reject(new Error(`no report from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    driver.onReport = (body) => {
      clearTimeout(timer);
      resolve(body);
    };
    const res = driver.nextRes;
    driver.nextRes = undefined;
    if (res && !res.destroyed) res.end(url);
    else driver.nextUrl = url;
  });
}

async function drive(req, res, headers, pathname) {
  if (pathname === '/next') {
    res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
    if (driver.nextUrl) {
      res.end(driver.nextUrl);
      driver.nextUrl = undefined;
    } else driver.nextRes = res;
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  res.writeHead(200, { ...headers, 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
  driver.nextRes = res;
  const done = driver.onReport;
  driver.onReport = undefined;
  done?.(JSON.parse(body));
}

async function handle(req, res) {
  const pathname = new URL(req.url, 'http://x').pathname;
  const file = fileFor(decodeURIComponent(pathname));
  const headers = {
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (pathname === '/next' || (pathname === '/report' && req.method === 'POST')) return drive(req, res, headers, pathname);
  try {
    if (!file) throw new Error('not served');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
  }
}

function listen(server, port, host) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server.address().port));
  });
}

/**
 * Starts the two origins. `portalOrigin` is http://127.0.0.1:<p>, `formOrigin` http://localhost:<q>.
 * @returns {Promise<{portalOrigin: string, formOrigin: string, close(): Promise<void>}>}
 */
export async function startBenchServer() {
  const servers = [createServer(handle), createServer(handle)];
  const p = await listen(servers[0], 0, '127.0.0.1');
  const q = await listen(servers[1], 0, '127.0.0.1');
  // Chromium may resolve localhost to ::1 first.
  const v6 = createServer(handle);
  try {
    await listen(v6, q, '::1');
    servers.push(v6);
  } catch {
    // no IPv6 loopback here
  }
  return {
    portalOrigin: `http://127.0.0.1:${p}`,
    formOrigin: `http://localhost:${q}`,
    visit,
    async close() {
      for (const s of servers) {
        s.closeAllConnections?.();
        await new Promise((r) => s.close(r));
      }
    },
  };
}
