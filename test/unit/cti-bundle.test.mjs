// The portal entry must stay free of crypto-js; the cti entry must carry it (bundled, not imported).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);
const MARKERS = ['CryptoJS', 'Salted__', 'EvpKDF', 'Malformed UTF-8'];

// The entry file plus every chunk it imports, transitively.
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (rel) => {
    const url = new URL(rel, dist);
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      visit(new URL(m[1] ?? m[2], url).href.slice(dist.href.length));
    }
  };
  visit(entry);
  return [...seen].map((href) => ({ href, code: readFileSync(new URL(href), 'utf8') }));
}

test('dist/index.js and its chunks contain no crypto-js code', () => {
  const graph = moduleGraph('index.js');
  assert.ok(graph.length >= 2, 'the shared chunk is followed');
  for (const { href, code } of graph) {
    for (const marker of MARKERS) assert.equal(code.includes(marker), false, `${marker} in ${href}`);
    assert.equal(/from\s*['"]crypto-js/.test(code), false);
  }
});

test('dist/cti.js bundles crypto-js (no bare import left for the user to resolve)', () => {
  const code = readFileSync(new URL('cti.js', dist), 'utf8');
  for (const marker of MARKERS) assert.ok(code.includes(marker), marker);
  assert.equal(/from\s*['"]crypto-js/.test(code), false);
});

test('src/cti imports crypto-js modules one by one, never the main module', () => {
  const dir = new URL('../../src/cti/', import.meta.url);
  const allowed = new Set(['crypto-js/core', 'crypto-js/enc-base64', 'crypto-js/enc-utf8', 'crypto-js/md5',
    'crypto-js/evpkdf', 'crypto-js/cipher-core', 'crypto-js/aes']);
  let imports = 0;
  for (const f of readdirSync(dir)) {
    const src = readFileSync(new URL(f, dir), 'utf8');
    for (const m of src.matchAll(/from\s*['"](crypto-js[^'"]*)['"]/g)) {
      imports++;
      assert.ok(allowed.has(m[1]), `${f} imports ${m[1]}`);
    }
  }
  assert.ok(imports > 0);
});

test('the crypto-js modules decryption never runs (sha1, hmac, enc-base64) stay out of every bundle', () => {
  // What each of them defines, as written in node_modules/crypto-js (checked there first, so the
  // test cannot pass because the markers went stale).
  const defines = { sha1: 'C_algo.SHA1 = ', hmac: 'C_algo.HMAC = ', 'enc-base64': 'C_enc.Base64 = ' };
  for (const [name, marker] of Object.entries(defines)) {
    assert.ok(readFileSync(new URL(`../../node_modules/crypto-js/${name}.js`, import.meta.url), 'utf8').includes(marker), name);
  }
  for (const file of ['cti.js', 'ucontact-bridge.iife.js']) {
    const code = readFileSync(new URL(file, dist), 'utf8');
    assert.ok(code.includes('C_algo.AES = '), `${file} carries AES`);
    for (const [name, marker] of Object.entries(defines)) assert.equal(code.includes(marker), false, `${name} in ${file}`);
  }
});

test('no file of dist/ requires a Node built-in: crypto-js\'s require(\'crypto\') is not shipped', () => {
  // crypto-js/core probes require('crypto') for random bytes, which decryption never uses. Left in
  // the ES build, bundlers see a Node built-in in browser code: Vite warns on every build that
  // "crypto" was externalized for browser compatibility, webpack 5 keeps a bare require().
  const files = readdirSync(dist, { recursive: true }).filter((f) => /\.c?js$/.test(f));
  assert.ok(files.includes('cti.js') && files.some((f) => f.endsWith('cti.cjs')), 'dist/ is built');
  for (const f of files) {
    const code = readFileSync(new URL(f, dist), 'utf8');
    // Only the CommonJS build's own chunks are required, by relative path.
    for (const m of code.matchAll(/\brequire\s*\(\s*(['"])([^'"]*)\1/g)) {
      assert.ok(f.endsWith('.cjs') && m[2].startsWith('./'), `${f} requires '${m[2]}'`);
    }
  }
});

test('a bundler drops crypto-js when nothing decrypts: parseCti, the builders, formatDateTime alone', async () => {
  // What a user's bundler keeps (rollup + terser, as the size bench): crypto-js is ~5 KB gzip, for
  // decryptCti, readCti and watchCti only.
  const { bundle } = await import('../../bench/size.mjs');
  const has = (code) => MARKERS.filter((m) => code.includes(m));
  assert.deepEqual(has((await bundle("export { decryptCti } from 'ucontact-bridge/cti';", { minified: false })).code), MARKERS);
  for (const names of ['parseCti, toRespool', 'respoolBuilder', 'scheduleBuilder, formatDateTime', 'isBridgeError, DEFAULT_CTI_KEY']) {
    const { code } = await bundle(`export { ${names} } from 'ucontact-bridge/cti';`, { minified: false });
    assert.deepEqual(has(code), [], `import { ${names} } from 'ucontact-bridge/cti' keeps crypto-js`);
  }
});

// The generated position (0-based line) of each segment of a source map, with its source index and
// original line: enough to tell which file a line of the bundle points a debugger at.
function decodeMappings(mappings) {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = [];
  let source = 0;
  let original = 0;
  mappings.split(';').forEach((line, generated) => {
    for (const segment of line.split(',').filter(Boolean)) {
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        shift += 5;
        if (digit & 32) continue;
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      if (values.length < 4) continue;
      source += values[1];
      original += values[2];
      out.push({ generated, source, original });
    }
  });
  return out;
}

test('the source maps of the files that carry crypto-js map its core (patched at build) to core.js', () => {
  // The build patches crypto-js/core.js (scripts/crypto-js-unused.mjs): the patch must keep the map,
  // or the 800 lines of core in a bundle map to nothing (a debugger shows no source, a stack trace
  // through WordArray or Base.extend ends in the bundle) and the map lacks core's text.
  const core = readFileSync(new URL('../../node_modules/crypto-js/core.js', import.meta.url), 'utf8');
  const coreLines = core.split('\n');
  const marker = 'var WordArray = C_lib.WordArray = Base.extend({';
  for (const file of ['cti.js', 'ucontact-bridge.iife.js', 'ucontact-bridge.iife.min.js']) {
    const map = JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8'));
    const index = map.sources.findIndex((s) => s.endsWith('node_modules/crypto-js/core.js'));
    assert.ok(index >= 0, `${file}.map does not name crypto-js/core.js`);
    assert.equal(map.sourcesContent[index], core, `${file}.map: core.js's text`);
    const code = readFileSync(new URL(file, dist), 'utf8').split('\n');
    const at = code.findIndex((l) => l.includes(file.endsWith('.min.js') ? 'WordArray' : marker));
    assert.ok(at >= 0, `${file}: core's WordArray not found`);
    const segments = decodeMappings(map.mappings).filter((s) => s.source === index);
    assert.ok(segments.length > 100, `${file}: ${segments.length} segments map to core.js`);
    if (!file.endsWith('.min.js')) {
      const mapped = segments.find((s) => s.generated === at);
      assert.ok(mapped && coreLines[mapped.original].includes(marker), `${file}:${at + 1} does not map to core.js's WordArray`);
    }
  }
});
