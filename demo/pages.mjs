// What `npm run demo` prints: every page of the simulator and where its state is. One list for
// the demo and for the test that opens every URL in it (e2e/demo-pages.e2e.test.mjs).
import { DEFAULT_API_TOKENS } from './rest/fixtures.mjs';

/** The text printed by `npm run demo` for a running simulator `sim`. */
export function demoText(sim) {
  const p = sim.portalOrigin;
  const desk = [
    [`${p}/`, "the library's sample CRM form (script tag, same origin)"],
    [`${p}/?form=esm`, 'the sample form built on the ES module entries'],
    [`${p}/?origin=cross`, `the sample form served from ${sim.formOrigin} (another origin: no framework)`],
    [`${p}/?form=esm&origin=cross`, 'both'],
    [`${p}/?form=classic`, 'the classic form: written as real uContact forms are (CTI, UC_*, Porthole), no library'],
  ];
  const inbox = [
    [`${p}/inbox`, 'pick a conversation (one per channel); the form shows its interaction'],
    [`${p}/inbox?origin=cross`, `the sample form served from ${sim.formOrigin}, with allowedOrigins`],
    [`${p}/inbox?build=iife`, 'the sample form on the script-tag bundle'],
    [`${p}/inbox?channel=none`, 'the form opened by hand: no interaction, manual mode'],
  ];
  const phone = [
    [`${sim.formOrigin}/agent-app/`, 'the sample agent CRM app, on another origin than the phone'],
    [`${sim.formOrigin}/agent-app/?api=events`, 'the same with a uContact X instance (Events API)'],
    [`${sim.formOrigin}/agent-app/iife.html`, 'the same app on the uPhone-only script-tag bundle'],
    [`${sim.formOrigin}/agent-app/iife-full.html`, 'the same app on the full script-tag bundle'],
    [`${p}/uphone/`, 'the simulated uPhone alone (?api=events, ?login=auto, ?numbers=json)'],
  ];
  // Your own pages (DEV_ORIGINS): each origin's root as the desk's and the Inbox's form (the page to
  // give is yours: formUrl= takes any page of that origin).
  const own = (sim.devOrigins ?? []).flatMap((o) => [
    [`${p}/?formUrl=${encodeURIComponent(`${o}/`)}`, `your portal form from ${o} in the desk (Porthole: the framework is the portal origin's)`],
    [`${p}/inbox?formUrl=${encodeURIComponent(`${o}/`)}`, `your Inbox form from ${o} in the Inbox`],
  ]);
  // Each page's description in one column, whatever the ports' lengths.
  const width = Math.max(...[...desk, ...inbox, ...phone, ...own].map(([url]) => url.length)) + 4;
  const rows = (pages) => pages.map(([url, text]) => `    ${url.padEnd(width)}${text}`);
  return [
    '',
    'uContact simulator running.',
    '',
    '  The agent desk (the portal) with a form inside:',
    ...rows(desk),
    '',
    '  The uContact X agent Inbox with a form project inside (ucontact-bridge/inbox):',
    ...rows(inbox),
    '',
    '  The forms alone (outside the portal):',
    `    ${p}/forms/crm.html   ${p}/forms/crm-esm.html   ${p}/forms/classic/index.html`,
    `    ${sim.formOrigin}/forms/crm.html?fallback=rest&portal=${p}   (Call and Hang up over REST)`,
    '',
    '  An agent web app that embeds the uContact phone (ucontact-bridge/uphone):',
    ...rows(phone),
    '',
    `  Form framework: ${p}/uContact/assets/js/framework/integraFramework.js   (desk state: ${p}/sim/framework/state)`,
    `  REST API: ${p}/Integra/resources/...   (state: ${p}/sim/state)   CTI passphrase: ${sim.passphrase}`,
    `  REST API with API tokens: ${p}/api/...   (token: ${Object.keys(DEFAULT_API_TOKENS)[0]}; docs/api-tokens.md)`,
    '',
    ...(own.length ? [
      `  Your own pages (DEV_ORIGINS): formUrl=<your page's URL>; the uPhone ${p}/uphone/ may be framed there, the REST API answers them (CORS):`,
      ...rows(own),
    ] : ['  Your own form or app on another origin (a dev server): DEV_ORIGINS=<its origin> npm run demo (docs/simulator.md)']),
    ...(sim.devForms ? [`  Your forms (DEV_FORMS ${sim.devForms}): ${p}/dev-forms/<form>/index.html, with the framework; in the desk: ${p}/?formUrl=/dev-forms/<form>/index.html`,
      // Each form found at start, as a link to the desk that frames it.
      ...(sim.devFormNames ?? []).map((name) => `    ${p}/?formUrl=${encodeURIComponent(`/dev-forms/${encodeURIComponent(name)}/index.html`)}   ${name}`)] : []),
    '  Ctrl+C to stop.',
    '',
  ].join('\n');
}
