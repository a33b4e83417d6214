// The simulated uPhone and the sample agent CRM app that embeds it (issue #15, contract section 8):
//   /uphone  -> /uphone/        the simulated uPhone, on the portal origin only (as an instance serves it),
//                               with a Content-Security-Policy frame-ancestors header like an instance's
//                               Security -> Frame ancestors: both simulator origins and the developer's
//                               own (devOrigins); ?ancestors=none
//                               serves it as for a site that is not listed (the browser refuses to frame it)
//   /uphone/<file>              its script and styles
//   /agent-app -> /agent-app/   the sample agent CRM app (ES module build), on both origins
//   /agent-app/iife.html        the same app on the uPhone-only script-tag bundle (iife-full.html: the full one)
//   /agent-app/config.js        window.AGENT_APP = { phoneUrl, portalOrigin, formOrigin }
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

const PHONE_DIR = new URL('./phone/', import.meta.url);
const APP_DIR = new URL('./app/', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const FILE = /^[\w-]+\.(html|js|css)$/;

async function sendFile(res, dir, name, headers = {}) {
  try {
    const body = await readFile(new URL(name, dir));
    res.writeHead(200, { 'content-type': TYPES[extname(name)], 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/** Routes of the simulated uPhone and the agent app; `handle(req, res, onPortalOrigin)` returns true when it answered. */
export function createUPhoneRoutes({ portalOrigin, formOrigin, devOrigins = [] }) {
  return {
    handle(req, res, onPortalOrigin) {
      const url = new URL(req.url, 'http://x');
      const path = url.pathname;
      if ((onPortalOrigin && path === '/uphone') || path === '/agent-app') {
        // Real hosts frame /uphone/: an instance answers the bare path with a redirect. The app's
        // bare path too (its pages load their files by relative URLs).
        res.writeHead(301, { location: `${path}/${url.search}` }).end();
        return true;
      }
      if (onPortalOrigin && path.startsWith('/uphone/')) {
        const name = path.slice('/uphone/'.length) || 'index.html';
        if (!FILE.test(name)) return false;
        const ancestors = url.searchParams.get('ancestors') === 'none' ? "'none'" : ["'self'", formOrigin, ...devOrigins].join(' ');
        void sendFile(res, PHONE_DIR, name, name === 'index.html' ? { 'content-security-policy': `frame-ancestors ${ancestors}` } : {});
        return true;
      }
      if (path === '/agent-app/config.js') {
        const config = { phoneUrl: `${portalOrigin}/uphone/`, portalOrigin, formOrigin };
        res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' }).end(`window.AGENT_APP = ${JSON.stringify(config)};\n`);
        return true;
      }
      if (path.startsWith('/agent-app/')) {
        const name = path.slice('/agent-app/'.length) || 'index.html';
        if (!FILE.test(name)) return false;
        void sendFile(res, APP_DIR, name);
        return true;
      }
      return false;
    },
  };
}
