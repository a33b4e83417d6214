// `npm run demo`: starts the uContact simulator (agent desk with the portal, the form framework
// stand-in, the REST API, a second origin for cross-origin forms, the simulated uPhone and the agent
// app that embeds it) and prints every page's URL.
// Ports: PORTAL_PORT (8080) and FORM_PORT (8081).
import { startSimulator } from './server.mjs';
import { DEFAULT_API_TOKENS } from './rest/fixtures.mjs';

const portalPort = Number(process.env.PORTAL_PORT ?? 8080);
const formPort = Number(process.env.FORM_PORT ?? 8081);
const sim = await startSimulator({ portalPort, formPort });
const p = sim.portalOrigin;

process.stdout.write([
  '',
  'uContact simulator running.',
  '',
  '  The agent desk (the portal) with a form inside:',
  `    ${p}/                          the library's sample CRM form (script tag, same origin)`,
  `    ${p}/?form=esm                 the sample form built on the ES module entries`,
  `    ${p}/?origin=cross             the sample form served from ${sim.formOrigin} (another origin: no framework)`,
  `    ${p}/?form=esm&origin=cross    both`,
  `    ${p}/?form=classic             the classic form: written as real uContact forms are (CTI, UC_*, Porthole), no library`,
  '',
  '  The uContact X agent Inbox with a form project inside (ucontact-bridge/inbox):',
  `    ${p}/inbox                     pick a conversation (one per channel); the form shows its interaction`,
  `    ${p}/inbox?origin=cross        the sample form served from ${sim.formOrigin}, with allowedOrigins`,
  `    ${p}/inbox?build=iife          the sample form on the script-tag bundle`,
  `    ${p}/inbox?channel=none        the form opened by hand: no interaction, manual mode`,
  '',
  '  The forms alone (outside the portal):',
  `    ${p}/forms/crm.html   ${p}/forms/crm-esm.html   ${p}/forms/classic/index.html`,
  `    ${sim.formOrigin}/forms/crm.html?fallback=rest   (Call and Hang up over REST)`,
  '',
  '  An agent web app that embeds the uContact phone (ucontact-bridge/uphone):',
  `    ${sim.formOrigin}/agent-app/              the sample agent CRM app, on another origin than the phone`,
  `    ${sim.formOrigin}/agent-app/?api=events   the same with a uContact X instance (Events API)`,
  `    ${p}/uphone/                     the simulated uPhone alone (?api=events, ?login=auto, ?numbers=json)`,
  '',
  `  Form framework: ${p}/uContact/assets/js/framework/integraFramework.js   (desk state: ${p}/sim/framework/state)`,
  `  REST API: ${p}/Integra/resources/...   (state: ${p}/sim/state)   CTI passphrase: ${sim.passphrase}`,
  `  REST API with API tokens: ${p}/api/...   (token: ${Object.keys(DEFAULT_API_TOKENS)[0]}; docs/api-tokens.md)`,
  '  Ctrl+C to stop.',
  '',
].join('\n'));

const stop = () => sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
