// crypto-js modules that the ones src/cti imports require, but that decryption never runs: evpkdf
// requires sha1 and hmac (it derives the key with MD5), aes and cipher-core require enc-base64 (for
// ciphertext strings only: decryptCti hands crypto-js the parsed salt and ciphertext). This rollup
// plugin makes each an empty module. Used by rollup.config.mjs for dist/ and by bench/size.mjs for
// the crypto-js row; the known-answer tests (test/fixtures/cti) decrypt with the result, and
// test/unit/cti-bundle.test.mjs checks the modules stay out.
//
// The plugin also patches crypto-js's `mixIn`, which makes every crypto-js type: it copies properties
// by assignment, and in a page whose Object.prototype is frozen (SES's lockdown, a hardened page)
// assigning `toString` over the frozen one throws, so the module threw as it loaded. It defines them
// instead (what assignment does where nothing is frozen); its second copy of `toString`, for old IE,
// goes (the loop copies it). test/unit/frozen-intrinsics.test.mjs runs the built entry in such a process.
//
// And it drops core's `require('crypto')`, its last resort for random bytes (which decryption never
// asks for; a page or Node 20 has globalThis.crypto first): in the ES build a bundler saw a Node
// built-in in browser code (Vite warned on every build that it was externalized; test/unit/cti-bundle.test.mjs).
const UNUSED = /^\.\/(sha1|hmac|enc-base64)$/;
const CRYPTO_JS = /[\\/]node_modules[\\/]crypto-js[\\/]/;
const PREFIX = '\0unused-crypto-js:';

// Each patch keeps core's lines where they are (a removed line stays, empty), and the transforms
// return `map: null` (code not moved): the bundles' source maps then map core to core.js, its text
// included, instead of leaving its 800 lines unmapped (a plugin's transform without a map breaks them).
const CORE_PATCHES = [
  ['this[propertyName] = properties[propertyName];',
    'Object.defineProperty(this, propertyName, { value: properties[propertyName], writable: true, enumerable: true, configurable: true });'],
  [/\n[^\n]*IE won't copy toString[^\n]*\n[^\n]*\n[^\n]*this\.toString = properties\.toString;\n[^\n]*\}/, ''],
  [/\n[^\n]*Native crypto import via require[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*crypto = require\('crypto'\);\n[^\n]*\n[^\n]*\}/, ''],
];

/** `pure`: for the module entries, the ones a user's bundler tree-shakes (a script tag is whole). */
export function skipUnusedCryptoJs({ pure = false } = {}) {
  return {
    name: 'skip-unused-crypto-js',
    transform(code, id) {
      // The ES import of a crypto-js module (@rollup/plugin-commonjs's proxy) loads it where it is
      // imported, at the top of the chunk: marked pure, a user's bundler drops crypto-js (5 KB gzip)
      // from a cti import that never decrypts (parseCti, the builders). Only there: the requires
      // inside crypto-js register what it uses (aes requires md5 for the key) and stay as they are.
      // (terser then keeps requireAes a function in a script tag: +27 B gzip there, for nothing.)
      if (pure && CRYPTO_JS.test(id) && id.endsWith('?commonjs-es-import')) {
        const next = code.replace(/^(var \w+ = )(require\w+\(\);)$/m, '$1/*@__PURE__*/ $2');
        if (next === code) throw new Error(`${id.slice(1)}: the ES import proxy is not as expected`);
        return { code: next, map: null };
      }
      if (!/[\\/]node_modules[\\/]crypto-js[\\/]core\.js$/.test(id)) return null;
      // A crypto-js whose core reads otherwise fails the build, never ships unpatched.
      const patched = CORE_PATCHES.reduce((text, [from, to]) => {
        const next = text.replace(from, (found) => to || found.replace(/[^\n]/g, ''));
        if (next === text) throw new Error(`crypto-js/core.js is not as expected (${String(from).slice(0, 40)}…)`);
        return next;
      }, code);
      return { code: patched, map: null };
    },
    resolveId(source, importer) {
      if (!importer || !CRYPTO_JS.test(importer) || !UNUSED.test(source)) return null;
      return `${PREFIX}${source.slice(2)}`;
    },
    load: (id) => (id.startsWith(PREFIX) ? 'export default undefined;' : null),
  };
}
