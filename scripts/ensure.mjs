// Makes `npm run demo`, `npm test` and `npm run bench` work on a fresh clone: installs the npm packages (npm ci)
// when they are missing (`npm ci` after a pull that changes them), and with --browser makes sure Debian's
// Chromium is there for the browser tests and benchmarks (installing it with apt when running as root).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const marker = 'node_modules/.package-lock.json';

if (!existsSync(marker)) {
  process.stdout.write('Installing npm packages (npm ci)...\n');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    if (process.getuid?.() === 0) {
      process.stdout.write('Installing Debian Chromium for the browser tests...\n');
      run('apt-get', ['update']);
      run('apt-get', ['install', '-y', 'chromium']);
    } else {
      process.stderr.write(`The browser tests need Chromium at ${chromium}.\n` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
        '(or set CHROMIUM_PATH to another Chromium binary).\n');
      process.exit(1);
    }
  }
}
