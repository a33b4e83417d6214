// Standalone REST simulator: node demo/rest/start.mjs [port] [allowed-origin ...]
import { startRestServer } from './simulator.mjs';

// A wrong argument or a taken port is one line saying which and how (Node's own errors named the
// option, not the argument, under a stack).
const fail = (why) => {
  process.stderr.write(`node demo/rest/start.mjs: ${why}; such as node demo/rest/start.mjs 8090 http://localhost:5173\n`);
  process.exit(1);
};
const [port = '8090', ...allowedOrigins] = process.argv.slice(2);
if (!/^\d{1,5}$/.test(port) || +port > 65535) fail('the first argument is the port, a number from 0 (any free one) to 65535');
const { url } = await startRestServer({ port: Number(port), allowedOrigins }).catch((e) => {
  if (e instanceof TypeError) fail('the arguments after the port are allowed origins (scheme, host and port; no path)');
  if (e.code === 'EADDRINUSE') fail(`port ${port} is taken by another program; choose another`);
  throw e;
});
console.log(`uContact REST simulator on ${url}/Integra/resources/ and ${url}/api/ (state: ${url}/sim/state)`);
