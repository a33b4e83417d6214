// Makes `npm run demo`, `npm test` and `npm run bench` work on a fresh clone: installs the npm packages (npm ci)
// when they are missing, or when package-lock.json is newer than the last install and lists other
// packages than it (a pull that changed them), and with --browser makes sure Debian's Chromium is there for the browser tests and benchmarks
// (installing it with apt when running as root); with --engines (npm test) also Firefox ESR and
// WebKitGTK for the engine suites, as root, never fatal (without them their files are skipped).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
// npm writes it at the end of every install; `npm ci` leaves package-lock.json as it is.
const marker = 'node_modules/.package-lock.json';

// npm's record of the install lists the lockfile's packages, same versions and hashes: a newer date
// alone (a checkout, a stash, a copied node_modules) is no reason for npm ci, which deletes
// node_modules first and needs the network.
function installedAsLocked() {
  try {
    const want = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
    const have = JSON.parse(readFileSync(marker, 'utf8')).packages;
    for (const [path, p] of Object.entries(want)) {
      if (!path) continue; // the project itself
      const h = have[path];
      // npm leaves out the optional packages of other platforms (rollup's native builds).
      if (h ? h.version !== p.version || h.integrity !== p.integrity : !p.optional) return false;
    }
    return Object.keys(have).every((path) => Object.hasOwn(want, path));
  } catch {
    return false; // either file unreadable or not a lockfile: install
  }
}

const stale = !existsSync(marker) || (statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs && !installedAsLocked());

if (stale) {
  process.stdout.write(existsSync(marker) ? 'package-lock.json changed since the last install: npm ci...\n' : 'Installing npm packages (npm ci)...\n');
  // The devDependencies too when NODE_ENV=production (npm ci leaves them out then): they are what runs.
  run('npm', ['ci', '--include=dev', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  // The engine suites' Firefox ESR and WebKitGTK (e2e/engines/installed.mjs): installed as root; else
  // npm test counts their files skipped and says how to install them.
  // Only for npm test (--engines), and never fatal: without them those files are skipped.
  const { ENGINES, engineMissing } = await import('../e2e/engines/installed.mjs');
  const engines = process.argv.includes('--engines') && process.getuid?.() === 0
    ? Object.keys(ENGINES).filter((f) => engineMissing(f)).flatMap((f) => ENGINES[f].packages) : [];
  if (engines.length && existsSync(chromium)) {
    process.stdout.write(`Installing ${engines.join(', ')} for the engine suites (e2e/engines/)...\n`);
    try {
      run('apt-get', ['update']);
      run('apt-get', ['install', '-y', ...engines]);
    } catch {
      process.stdout.write('(could not install them: npm test counts those suites skipped)\n');
    }
  }
  if (!existsSync(chromium)) {
    if (process.getuid?.() === 0) {
      process.stdout.write('Installing Debian Chromium for the browser tests...\n');
      run('apt-get', ['update']);
      run('apt-get', ['install', '-y', 'chromium', ...engines]);
    } else {
      process.stderr.write(`The browser tests need Chromium at ${chromium}.\n` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
        '(or set CHROMIUM_PATH to another Chromium binary).\n');
      process.exit(1);
    }
  }
}
