// The script-tag bundle: every entry's names on the global `UContactBridge`.
export { connectPortal, withFallback, BridgeError, ERROR_CODES, isBridgeError } from './index.js';
export {
  decryptCti, parseCti, toRespool, readCti, watchCti, respoolBuilder, scheduleBuilder, DEFAULT_CTI_KEY, formatDateTime,
} from './cti/index.js';
export { createApiTokenClient, createUContactClient, ENDPOINTS, formatCallsBaseRecord, fromFormFramework, restFallback } from './http/index.js';
export { connectInbox, normalizeInteraction, INTERACTION_CHANNELS } from './inbox/index.js';
export { embedUPhone, readUPhoneMessage } from './uphone/index.js';
