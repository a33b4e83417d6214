// crypto-js modules that the ones src/cti imports require, but that decryption never runs: evpkdf
// requires sha1 and hmac (it derives the key with MD5), aes and cipher-core require enc-base64 (for
// ciphertext strings only: decryptCti hands crypto-js the parsed salt and ciphertext). This rollup
// plugin makes each an empty module. Used by rollup.config.mjs for dist/ and by bench/size.mjs for
// the crypto-js row; the known-answer tests (test/fixtures/cti) decrypt with the result, and
// test/unit/cti-bundle.test.mjs checks the modules stay out.
const UNUSED = /^\.\/(sha1|hmac|enc-base64)$/;
const CRYPTO_JS = /[\\/]node_modules[\\/]crypto-js[\\/]/;
const PREFIX = '\0unused-crypto-js:';

export function skipUnusedCryptoJs() {
  return {
    name: 'skip-unused-crypto-js',
    resolveId(source, importer) {
      if (!importer || !CRYPTO_JS.test(importer) || !UNUSED.test(source)) return null;
      return `${PREFIX}${source.slice(2)}`;
    },
    load: (id) => (id.startsWith(PREFIX) ? 'export default undefined;' : null),
  };
}
