// The `ucontact-bridge/http` entry: the REST client for back ends and CRM pages.
export { createUContactClient } from './client.js';
export { createApiTokenClient } from './api.js';
export { ENDPOINTS } from './endpoints.js';
export type { EndpointKind, EndpointName, EndpointOverrides, EndpointSpec, EndpointTable, EndpointTag } from './endpoints.js';
export type { MethodName } from './operations.js';
export { formatCallsBaseRecord } from './callsbase.js';
export type {
  CallsBaseLineOptions, CallsBaseRecord, ChunkOutcome, UploadCallsBaseArgs, UploadedChunk, UploadProgress, UploadResult,
} from './callsbase.js';
export type { UploadError } from './upload.js';
export type { AnswerRecord } from './record.js';
export type {
  AgentCampaignsArgs, AgentChannelCampaigns, AgentLogoffArgs, AgentUnBreakArgs, QueueMember, QueueMembersArgs, SendSmsArgs, SmsResult,
} from './agent.js';
export { restFallback } from './fallback.js';
export { fromFormFramework } from './form.js';
export type { FormFrameworkHost, FormFrameworkSession } from './form.js';
export type { RestFallbackAgent } from './fallback.js';
export type { AgentCallArgs, AgentCallWithDataArgs, DispositionCallArgs, HangupPhoneArgs } from './calls.js';
export type {
  DialerClickToCallArgs, DialerContactArgs, DialerPriorityArgs, DialerScheduleArgs, DialerTargetArgs, DialerTaskCall,
} from './dialer.js';
export type { BlacklistEntry } from './blacklist.js';
export type { ConvertRecordingArgs, GetRecordingsArgs, Recording, RecordingLocation, TagRecordingArgs } from './recordings.js';
export type { CampaignStatus, CampaignStatusArgs, CampaignSummary } from './campaigns.js';
export type {
  ApiRequestOptions, ApiTokenClient, ApiTokenClientOptions, ApiTokenOperation, Credentials, FetchLike, FetchResponse, FreshLead, HttpLogEvent,
  HttpOperation, ListContact, RawRequestOptions, RetryOptions, UContactClient, UContactClientOptions, WebhookOptions,
} from './types.js';
export type { PortalFallback, RequestOptions } from '../portal/types.js';
export type { CallArgs } from '../portal/actions.js';
export { BridgeError, ERROR_CODES, isBridgeError } from '../errors.js';
export type { BridgeErrorCode, BridgeErrorDetails } from '../errors.js';
export type { Schedule, ScheduleInput } from '../shared/records.js';
export type { AlternativeNumber, TimeZoneChoice, WorkflowData } from '../shared/validate.js';
