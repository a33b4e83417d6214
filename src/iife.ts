// The script-tag bundle: every entry's names on the global `UContactBridge`.
export { connectPortal, withFallback, BridgeError, ERROR_CODES, isBridgeError } from './index.js';
