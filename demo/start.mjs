// `npm run demo`: starts the uContact simulator (agent desk with the portal, the form framework
// stand-in, the REST API, a second origin for cross-origin forms, the simulated uPhone and the agent
// app that embeds it) and prints every page's URL.
// Ports: PORTAL_PORT (8080) and FORM_PORT (8081). DEV_ORIGINS: your own pages' origins (a dev
// server's), separated by commas: the desk and the Inbox frame them, the uPhone may be framed there.
// DEV_FORMS: a folder of your forms, served on the portal's origin at /dev-forms/ (with the framework).
import { resolve } from 'node:path';
import { startSimulator } from './server.mjs';
import { demoText } from './pages.mjs';

// A port from the environment (unset or empty: the default; 0: any free one). Another value is said
// in one line naming the variable: Node's own error named neither it nor the value.
const port = (name, fallback) => {
  const v = process.env[name] || String(fallback);
  if (/^\d{1,5}$/.test(v) && +v < 65536) return +v;
  process.stderr.write(`npm run demo: ${name} must be a port number (1 to 65535), such as ${name}=${fallback + 1000} npm run demo\n`);
  process.exit(1);
};
const portalPort = port('PORTAL_PORT', 8080);
const formPort = port('FORM_PORT', 8081);
// One port for both (not 0, any free one): the second server met the first one, said to be "another program".
if (portalPort && portalPort === formPort) {
  process.stderr.write(`npm run demo: PORTAL_PORT and FORM_PORT must differ (the portal and the forms' second origin each listen on one), such as PORTAL_PORT=${portalPort} FORM_PORT=${portalPort + 1} npm run demo\n`);
  process.exit(1);
}
const devOrigins = (process.env.DEV_ORIGINS || '').split(',').map((o) => o.trim()).filter(Boolean);
// npm runs scripts in the package's folder: a relative DEV_FORMS is the folder npm was started in's.
const devForms = process.env.DEV_FORMS ? resolve(process.env.INIT_CWD || process.cwd(), process.env.DEV_FORMS) : undefined;
const sim = await startSimulator({ portalPort, formPort, devOrigins, devForms }).catch((e) => {
  if (e instanceof TypeError) {
    process.stderr.write(/^devForms/.test(e.message) ? `npm run demo: DEV_FORMS names a folder that does not exist (relative: to the folder npm runs in), such as DEV_FORMS=../my-forms npm run demo\n`
      : `npm run demo: DEV_ORIGINS holds origins (scheme, host and port; no path) separated by commas, such as DEV_ORIGINS=http://localhost:5173 npm run demo\n`);
    process.exit(1);
  }
  if (e.code !== 'EADDRINUSE') throw e;
  const name = e.port === portalPort ? 'PORTAL_PORT' : 'FORM_PORT';
  process.stderr.write(`npm run demo: port ${e.port} (${e.address}) is taken by another program; stop it, or choose another: ${name}=${e.port + 10} npm run demo\n`);
  process.exit(1);
});

process.stdout.write(demoText(sim));

const stop = () => sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
