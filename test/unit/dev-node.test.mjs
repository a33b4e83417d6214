// README "Try it" and CONTRIBUTING "Getting started": the Node version they name for working on a
// clone (npm test, npm run demo) is one every devDependency installed runs on, by its `engines`
// (package-lock.json). The package's own `engines` (Node 20+) is for users; its tools need more
// (ESLint 10: ^20.19.0): a contributor on Node 20.0 to 20.18 got EBADENGINE warnings and a lint
// that ESLint does not support there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const lock = JSON.parse(read('package-lock.json'));
const pkg = JSON.parse(read('package.json'));

// The range forms npm's packages use in `engines` (`^20.19.0 || ^22.13.0 || >=24`, `20 || >=22`,
// `>= 12.*`, `*`, `14 >= 14.17`); another form fails the test rather than pass unread.
const parts = (v) => [...v.split('.').map(Number), 0, 0].slice(0, 3);
const compare = (a, b) => a.reduce((d, x, i) => d || x - b[i], 0);
function satisfies(version, range) {
  const v = parts(version);
  return range.replace(/(>=|<)\s+/g, '$1').replace(/\.\*/g, '').split('||').some((alternative) => alternative.trim().split(/\s+/).every((c) => {
    const m = /^(\^|>=|<|)(\d+(?:\.\d+){0,2})$/.exec(c);
    if (c === '*' || c === '') return true;
    assert.ok(m, `unread engines range ${range}`);
    const w = parts(m[2]);
    if (m[1] === '>=') return compare(v, w) >= 0;
    if (m[1] === '<') return compare(v, w) < 0;
    // ^x.y.z and a bare major: that major, from that version on.
    return v[0] === w[0] && compare(v, w) >= 0;
  }));
}

const stated = [
  ['README.md', /After cloning, with Node (\d+(?:\.\d+)*)(?: or later)? and npm/],
  ['CONTRIBUTING.md', /^Node (\d+(?:\.\d+)*) or later and npm/m],
];

for (const [file, pattern] of stated) {
  test(`${file}: the Node version named for a clone runs every devDependency (their engines)`, () => {
    const named = pattern.exec(read(file))?.[1];
    assert.ok(named, `${file} names no Node version for a clone`);
    const version = named;
    const refused = Object.entries(lock.packages)
      .filter(([path, p]) => path && p.engines?.node && !satisfies(version, p.engines.node))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} ${p.engines.node}`);
    assert.deepEqual(refused, [], `${file} says Node ${named}`);
    // And it is no lower than what the package asks of its users.
    assert.ok(satisfies(version, pkg.engines.node), `${file} says Node ${named}, package.json engines ${pkg.engines.node}`);
  });
}
