// The ES module entry: the portal client. It never imports crypto-js (see the `cti` entry).
export { connectPortal } from './portal/client.js';
export { withFallback } from './portal/fallback.js';
export type {
  ActionResult, CallOptions, CallResult, ConfirmOptions, LogEvent, PortalClient, PortalFallback, PortalMessage,
  ReplyKind, RequestOptions, RoutedOptions, SendOptions, SendResult, Use, Via,
} from './portal/types.js';
export type { PortalOptions } from './portal/options.js';
export type { CallArgs, CallWithPhoneArgs, DispositionArgs, TagArgs, TagLabels } from './portal/actions.js';
export type { SendData } from './portal/send.js';
export type { ActionData, ActionName, GuidAction, PortholeEnvelope, UnconfirmedAction } from './portal/wire.js';
export { BridgeError, ERROR_CODES, isBridgeError } from './errors.js';
export type { BridgeErrorCode, BridgeErrorDetails } from './errors.js';
export type { Respool, Schedule, ScheduleInput } from './shared/records.js';
export type { TimeZoneChoice } from './shared/validate.js';
