// The small script-tag bundle: the portal client only (no crypto-js, no REST client), on the same
// global `UContactBridge`.
export { connectPortal, withFallback, BridgeError, ERROR_CODES, isBridgeError } from './index.js';
