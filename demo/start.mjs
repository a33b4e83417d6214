// `npm run demo`: starts the uContact simulator (portal page, REST API, a second origin for
// cross-origin forms) and prints the URL to open. Ports: PORTAL_PORT (8080) and FORM_PORT (8081).
import { startSimulator } from './server.mjs';

const portalPort = Number(process.env.PORTAL_PORT ?? 8080);
const formPort = Number(process.env.FORM_PORT ?? 8081);
const sim = await startSimulator({ portalPort, formPort });

process.stdout.write([
  '',
  'uContact simulator running.',
  '',
  `  Open ${sim.portalOrigin}/            the agent portal with the sample CRM form (script tag, same origin)`,
  `       ${sim.portalOrigin}/?origin=cross   the form served from ${sim.formOrigin} (another origin)`,
  `       ${sim.portalOrigin}/?form=esm       the form built on the ES module entries`,
  '',
  `  REST API: ${sim.portalOrigin}/Integra/resources/...   CTI passphrase: ${sim.passphrase}`,
  '  Ctrl+C to stop.',
  '',
].join('\n'));

const stop = () => sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
