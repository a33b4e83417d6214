// Standalone REST simulator: node demo/rest/start.mjs [port] [allowed-origin ...]
import { startRestServer } from './simulator.mjs';

const [port = '8090', ...allowedOrigins] = process.argv.slice(2);
const { url } = await startRestServer({ port: Number(port), allowedOrigins });
console.log(`uContact REST simulator on ${url}/Integra/resources/ and ${url}/api/ (state: ${url}/sim/state)`);
