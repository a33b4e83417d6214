// Builds dist/: the ES module entries (code-split so the portal entry never pulls in crypto-js)
// and the script-tag bundle (global UContactBridge), each with a source map.
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { skipUnusedCryptoJs } from './scripts/crypto-js-unused.mjs';

const plugins = () => [
  // sha1, hmac and enc-base64: required by crypto-js modules we use, never run (see the script).
  skipUnusedCryptoJs(),
  resolve({ browser: true }),
  // crypto-js/core probes `require('crypto')` for random bytes; decryption never needs them.
  commonjs({ ignore: ['crypto'] }),
  typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false, outDir: 'dist', rootDir: 'src' }),
];

const banner = '/*! ucontact-bridge | MIT */';

export default [
  {
    input: { index: 'src/index.ts', cti: 'src/cti/index.ts', http: 'src/http/index.ts' },
    plugins: plugins(),
    output: {
      dir: 'dist', format: 'es', sourcemap: true, banner,
      entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js',
    },
  },
  // Script-tag bundles: everything, and the portal client alone.
  ...[['src/iife.ts', 'ucontact-bridge'], ['src/iife-portal.ts', 'ucontact-bridge.portal']].map(([input, name]) => ({
    input,
    plugins: plugins(),
    output: [
      { file: `dist/${name}.iife.js`, format: 'iife', name: 'UContactBridge', sourcemap: true, banner },
      { file: `dist/${name}.iife.min.js`, format: 'iife', name: 'UContactBridge', sourcemap: true, banner, plugins: [terser()] },
    ],
  })),
];
