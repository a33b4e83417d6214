// The `ucontact-bridge/uphone` entry: for web apps that embed the uContact phone (the v6 uPhone's
// Window Proxy) or a uContact X instance (the Events API). Contract section 8.
export { embedUPhone } from './embed.js';
export { readUPhoneMessage } from './wire.js';
export type { EventsApiEventName, UPhoneEvent, UPhoneEventName, UPhoneParams } from './wire.js';
export type { CallState, CallStatus } from './state.js';
export type {
  CommandOptions, CommandResult, MakeCallArgs, MakeSmsArgs, UPhone, UPhoneCommonOptions, UPhoneListenName, UPhoneLogEvent, UPhoneOptions,
} from './types.js';
export { BridgeError, isBridgeError } from '../errors.js';
export type { BridgeErrorCode, BridgeErrorDetails } from '../errors.js';
