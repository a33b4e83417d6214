// The engines of the engine suites (e2e/engines/*.mjs) and what each needs installed: Debian's
// packages, at these paths (each overridable). `npm test` runs a suite when its engine is here and
// counts it skipped, with a note, when it is not; `.ci/run` and `scripts/ensure.mjs --engines` (as
// root) install them. Kept free of imports beyond node:fs: the test runner reads it.
import { existsSync } from 'node:fs';

// A variable set but empty (a CI matrix's unset value) is the default path, as .ci/run takes it (`:-`).
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_RUN = '/usr/bin/xvfb-run';

const FIREFOX_ESR = { name: 'Firefox ESR', suite: 'firefox', paths: [FIREFOX], packages: ['firefox-esr'] };
const WEBKITGTK = { name: 'WebKitGTK', suite: 'webkit', paths: [WEBKIT_DRIVER, MINIBROWSER, XVFB_RUN], packages: ['webkit2gtk-driver', 'xvfb'] };

/** Per suite file: the engine's name, its suite in `npm test`, the paths it needs, the Debian packages that provide them. */
export const ENGINES = {
  'e2e/engines/firefox.mjs': FIREFOX_ESR,
  'e2e/engines/webkit.mjs': WEBKITGTK,
  'e2e/engines/firefox-embed-layouts.mjs': FIREFOX_ESR,
  'e2e/engines/webkit-embed-layouts.mjs': WEBKITGTK,
  'e2e/engines/firefox-portal-layouts.mjs': FIREFOX_ESR,
  'e2e/engines/webkit-portal-layouts.mjs': WEBKITGTK,
};

/** The test suites of `npm test`, one per engine (`firefox`, `webkit`): the files of each. */
export const ENGINE_SUITES = {};
for (const [file, { suite }] of Object.entries(ENGINES)) (ENGINE_SUITES[suite] ??= []).push(file);

/** The first path a suite file's engine needs that is not here, or undefined. */
export const engineMissing = (file) => ENGINES[file].paths.find((p) => !existsSync(p));
