// The uContact simulator's HTTP side: the portal origin (portal page, forms as uContact hosts them,
// the form framework stand-in, the built library, the REST API) and a second origin for
// cross-origin CRM forms.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFrameworkSimulator } from './framework/routes.mjs';
import { asOrigin, createRestSimulator, isOwnHost } from './rest/simulator.mjs';
import { createUPhoneRoutes } from './uphone/routes.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.xhtml': 'application/xhtml+xml; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml',
};
// The agent's desk and Inbox are framed by no other site (clickjacking: a page could make the agent
// click Answer or End call unseen), as uContact X refuses embedding unless an administrator allows it.
const DESK_HEADERS = { 'content-security-policy': "frame-ancestors 'self'" };

/**
 * The portal's vendor scripts (under /uContact/assets/js/vendor/) and the package file that stands in.
 * CryptoJS AES (contract 3.1: `../../uContact/assets/js/vendor/crypto/aes-min.js`, beside
 * integraFramework.js): the full crypto-js, the same global CryptoJS with AES. jQuery and Vue 2:
 * uContact's form template has no jQuery of its own and, unless the page defines `modo`, writes in
 * `<script onload="loadConf()" src="../../uContact/assets/js/vendor/jquery/jquery.js">`, whose loadConf
 * loads the form's config.html and views with $(...).load; its views are Vue 2 components
 * (gmorales254/CRMLite-Manager CRMLiteManager.html, vue-customers.html). A 404 there and the form
 * never loads.
 */
const VENDOR = {
  'crypto/aes-min.js': 'crypto-js/crypto-js.js',
  'jquery/jquery.js': 'jquery/dist/jquery.js',
  'vue/vue.min.js': 'vue/dist/vue.min.js',
  // What CRMLite-Manager's config.html loads beside the framework and its scripts call: moment (the
  // report's dates, the example file's) and Papa Parse (the CSV of the dialer base it uploads).
  'bootstrap/moment.js': 'moment/moment.js',
  'bootstrap/moment-with-locales.js': 'moment/min/moment-with-locales.js',
  'papaparse/papaparse.js': 'papaparse/papaparse.js',
  // i18next 1 (the global `i18n` and its jQuery plugin): CRMLiteManager.js translates the page as it
  // loads, i18n.init({lng: parent.language, resGetPath}, () => $('body').i18n()).
  'i18next/i18next.js': 'i18next-client/i18next.js',
};

/** Folders served under each URL prefix; `portalOnly` ones exist on the portal origin only. */
function mounts(testPages, devForms) {
  const list = [
    { prefix: '/dist/', dir: join(ROOT, 'dist') },
    { prefix: '/forms/', dir: join(ROOT, 'demo/forms') },
    { prefix: '/portal/', dir: join(ROOT, 'demo/portal'), portalOnly: true, headers: DESK_HEADERS },
    { prefix: '/lib/porthole.js', file: join(ROOT, 'node_modules/porthole-proxy/lib/porthole.js'), portalOnly: true },
    // The portal encrypts the CTI object with the full crypto-js, as uContact's portal does.
    { prefix: '/lib/crypto-js.js', file: join(ROOT, 'node_modules/crypto-js/crypto-js.js'), portalOnly: true },
    // The portal's vendor scripts that real forms load beside the framework, on the portal's origin
    // only (each from its npm package: the versions a real portal ships are not known).
    ...Object.entries(VENDOR).map(([path, file]) => ({ prefix: `/uContact/assets/js/vendor/${path}`, file: join(ROOT, 'node_modules', file), portalOnly: true })),
    // The uContact X Inbox (page at /inbox) and its sample form project, served from both origins.
    { prefix: '/inbox/', dir: join(ROOT, 'demo/inbox'), portalOnly: true, headers: DESK_HEADERS },
    { prefix: '/inbox-form/', dir: join(ROOT, 'demo/inbox/form') },
  ];
  if (testPages) list.push({ prefix: '/e2e/', dir: join(ROOT, 'e2e/pages') });
  // A developer's own forms, on the portal's origin as uContact serves forms: `<name>/index.html`
  // there loads the framework by the relative path real forms use (../../uContact/...).
  if (devForms) list.push({ prefix: '/dev-forms/', dir: devForms, portalOnly: true });
  return list;
}

async function sendFile(res, file, headers = {}) {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

function serveStatic(req, res, list, isPortal) {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    // A malformed %-escape ('/forms/100%'): thrown here, it would stop the whole simulator.
    return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request'), true;
  }
  // No icon: an empty answer, not a 404 in every page's console.
  if (path === '/favicon.ico') return res.writeHead(204).end(), true;
  for (const m of list) {
    if (m.portalOnly && !isPortal) continue;
    if (m.file && path === m.prefix) return sendFile(res, m.file), true;
    if (m.dir && path.startsWith(m.prefix)) {
      const file = normalize(join(m.dir, path.slice(m.prefix.length)));
      if (!file.startsWith(m.dir + sep)) break; // no escaping the folder with ../
      return sendFile(res, file, m.headers), true;
    }
  }
  return false;
}

// A request target no URL parser takes ('//', a double slash typed after the host): every route
// parses it, and a throw in a request listener would stop the whole simulator.
function refuseBadTarget(req, res) {
  if (URL.canParse(req.url, 'http://x')) return false;
  res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
  return true;
}

// DNS rebinding: a site whose name is made to resolve to 127.0.0.1 is same-origin with the simulator
// under that name, and would read the state, the passphrase and the agent's token (isOwnHost).
function refuseForeignHost(req, res, port) {
  if (isOwnHost(req.headers.host?.toLowerCase(), port)) return false;
  res.writeHead(403, { 'content-type': 'text/plain' }).end('unknown host');
  return true;
}

// Pages and files are read-only: another method gets a 405, not the file (the APIs answer their own).
function refuseWrite(req, res) {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
  return true;
}

function listen(server, port, host) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server.address().port));
  });
}

/**
 * Listens on localhost: 127.0.0.1 and, when the machine has IPv6, ::1, which Chromium tries first. A
 * port another program holds on ::1 would answer the second origin's pages instead of us (silently),
 * so it is an error; `port` 0 (the tests) tries other ports the system picks. Adds the ::1 server.
 */
async function listenLocalhost(servers, port, tries = 5) {
  const p = await listen(servers[0], port, '127.0.0.1');
  const v6 = createServer(servers[0].listeners('request')[0]);
  try {
    await listen(v6, p, '::1');
    servers.push(v6);
  } catch (e) {
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT') return p; // no IPv6 loopback here
    await new Promise((r) => servers[0].close(r));
    if (port || tries <= 1) throw e;
    return listenLocalhost(servers, 0, tries - 1);
  }
  return p;
}

/**
 * Starts the simulator. The portal is served on 127.0.0.1; the second origin for cross-origin
 * forms is `localhost` (another site, so Chromium puts the form in its own process). `devOrigins`:
 * the origins of a developer's own pages (a dev server's `http://localhost:5173`): the desk and the
 * Inbox frame a `formUrl=` there, the uPhone may be framed there, the REST API answers them with CORS.
 * `devForms`: a folder of the developer's forms, served on the portal's origin at `/dev-forms/` (with
 * the form framework, as uContact serves its forms).
 * @returns {Promise<{portalOrigin: string, formOrigin: string, devOrigins: string[], devForms: string | undefined, devFormNames: string[], passphrase: string, rest: object, framework: object, close(): Promise<void>}>}
 */
export async function startSimulator({ portalPort = 0, formPort = 0, passphrase = 'demo-passphrase-change-me', testPages = false, devOrigins = [], devForms, rest: restOptions = {} } = {}) {
  const dev = [...devOrigins].map((o) => asOrigin(o, 'devOrigins'));
  const forms = devForms === undefined ? undefined : resolve(devForms);
  if (forms !== undefined && !(await stat(forms).catch(() => null))?.isDirectory()) throw new TypeError('devForms names a folder that does not exist');
  const list = mounts(testPages, forms);
  // The forms in that folder at start (`<name>/index.html`), for the URLs the demo prints.
  const devFormNames = forms === undefined ? [] : (await Promise.all((await readdir(forms, { withFileTypes: true }))
    .filter((d) => d.isDirectory()).map(async (d) => ((await stat(join(forms, d.name, 'index.html')).catch(() => null))?.isFile() ? d.name : '')))).filter(Boolean).sort();
  let config = () => '';
  let formConfig = '';
  let rest;
  let framework;
  let uphone;
  const portalServer = createServer((req, res) => {
    if (refuseBadTarget(req, res) || refuseForeignHost(req, res, pPort)) return;
    const { pathname: path, search } = new URL(req.url, 'http://x');
    // A portal session's cookie stands for its REST token (framework.authorize says when).
    framework.authorize(req);
    if (framework.handle(req, res) || rest.handle(req, res) || refuseWrite(req, res) || uphone.handle(req, res, true)) return;
    // The desk and the Inbox are the portal's origin, as printed: opened as localhost:<port> (as people
    // type it), they were another origin, whose POSTs the framework refused and whose forms were not its own.
    if (/^\/(index\.html|inbox\/?)?$/.test(path) && req.headers.host && req.headers.host.toLowerCase() !== new URL(portalOrigin).host) {
      return void res.writeHead(302, { location: portalOrigin + path + search, 'cache-control': 'no-store' }).end();
    }
    if (path === '/' || path === '/index.html') {
      // The portal page gives its browser session its own agent desk (the framework's state).
      const cookie = framework.cookieFor(req);
      return void sendFile(res, join(ROOT, 'demo/portal/index.html'), { ...DESK_HEADERS, ...(cookie ? { 'set-cookie': cookie } : {}) });
    }
    if (path === '/inbox' || path === '/inbox/') return void sendFile(res, join(ROOT, 'demo/inbox/index.html'), DESK_HEADERS);
    if (path === '/sim-config.js') {
      // The CTI passphrase: for the portal's own pages, not another origin's script tag.
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store', 'cross-origin-resource-policy': 'same-origin' });
      return void res.end(config());
    }
    if (!serveStatic(req, res, list, true)) res.writeHead(404).end('not found');
  });
  const formServers = [createServer((req, res) => {
    if (refuseBadTarget(req, res) || refuseForeignHost(req, res, fPort) || refuseWrite(req, res)) return;
    // The agent app is the second origin's, as printed: opened as 127.0.0.1:<port>, a third origin, its
    // phone was refused (the phone's Frame ancestors are the simulator's two origins).
    const { pathname, search } = new URL(req.url, 'http://x');
    if (/^\/agent-app(\/|$)/.test(pathname) && req.headers.host && req.headers.host.toLowerCase() !== new URL(formOrigin).host) {
      return void res.writeHead(302, { location: formOrigin + pathname + search, 'cache-control': 'no-store' }).end();
    }
    if (uphone.handle(req, res, false)) return;
    if (pathname === '/sim-config.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      return void res.end(formConfig);
    }
    if (!serveStatic(req, res, list, false)) res.writeHead(404).end('not found');
  })];
  const pPort = await listen(portalServer, portalPort, '127.0.0.1');
  let fPort;
  try {
    fPort = await listenLocalhost(formServers, formPort);
  } catch (e) {
    await new Promise((r) => portalServer.close(r));
    throw e;
  }
  // As a browser writes them (`location.origin`, `Origin`): on port 80, no port. `:80` kept, the
  // pages' checks against the config (`?portal=`, `?inbox=`) never matched: cross-origin forms failed.
  const portalOrigin = new URL(`http://127.0.0.1:${pPort}`).origin;
  const formOrigin = new URL(`http://localhost:${fPort}`).origin;
  // The simulator's own origins stay allowed whatever `rest.allowedOrigins` adds.
  rest = createRestSimulator({ ...restOptions, allowedOrigins: [portalOrigin, formOrigin, ...dev, ...(restOptions.allowedOrigins ?? [])] });
  framework = createFrameworkSimulator({ rest, portalOrigin });
  uphone = createUPhoneRoutes({ portalOrigin, formOrigin, devOrigins: dev });
  // `timeZone`: the instance's (the REST simulator's), in which the uPhone writes its events' dates.
  config = () => `window.SIM = ${JSON.stringify({ portalOrigin, formOrigin, devOrigins: dev, passphrase, timeZone: rest.config.timeZone })};\n`;
  // The second origin's config names the origins only: the CTI passphrase stays with the portal.
  formConfig = `window.SIM = ${JSON.stringify({ portalOrigin, formOrigin })};\n`;
  return {
    portalOrigin, formOrigin, devOrigins: dev, devForms: forms, devFormNames, passphrase, rest, framework,
    async close() {
      framework.sessions.closeAll();
      for (const s of [portalServer, ...formServers]) {
        s.closeAllConnections?.();
        await new Promise((r) => s.close(r));
      }
    },
  };
}
