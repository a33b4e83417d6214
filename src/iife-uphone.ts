// The small script-tag bundle for web apps that embed the uContact phone: the uphone entry only, on
// the same global `UContactBridge`.
export { embedUPhone, readUPhoneMessage, BridgeError, isBridgeError } from './uphone/index.js';
