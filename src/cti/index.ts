// The `ucontact-bridge/cti` entry: the current call's CTI object (read from the form framework or
// decrypted from storage, parsed, watched) and the Respool / Schedule builders. The only entry that
// bundles crypto-js.
export { decryptCti } from './decrypt.js';
export { parseCti, toRespool } from './parse.js';
export type { DialerField, ParseCtiOptions } from './parse.js';
export { readCti } from './read.js';
export type { ReadCtiOptions } from './read.js';
export { DEFAULT_CTI_KEY } from './storage.js';
export type { StorageLike } from './storage.js';
export type { CtiHost } from './framework.js';
export type { CtiSource, CtiSourceCommonOptions, CtiSourceOptions } from './source.js';
export { watchCti } from './watch.js';
export type { Unsubscribe, WatchCtiOptions, WatchTarget } from './watch.js';
export { respoolBuilder } from './respool.js';
export type { PromoteOptions, RespoolBuilder } from './respool.js';
export { scheduleBuilder } from './schedule.js';
export { formatDateTime } from './datetime.js';
export type { ScheduleBuilder, ScheduleFields, ScheduleOptions } from './schedule.js';
export type { Cti, CtiChannel, DialerRecord, KeyValues } from './types.js';
export { BridgeError, ERROR_CODES, isBridgeError } from '../errors.js';
export type { BridgeErrorCode, BridgeErrorDetails } from '../errors.js';
export type { ProtectedFields, Respool, Schedule, ScheduleInput } from '../shared/records.js';
export type { AlternativeNumber, TimeZoneChoice, WorkflowData } from '../shared/validate.js';
