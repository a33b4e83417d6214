// The `ucontact-bridge/inbox` entry: the bridge of a uContact X form project to the agent's Inbox
// (spec section 7), and the interaction normaliser, usable alone.
export { connectInbox } from './client.js';
export { normalizeInteraction, INTERACTION_CHANNELS } from './interaction.js';
export type { InteractionFields, Interaction, InteractionChannel } from './interaction.js';
export type { GetInteractionOptions, InboxAction, InboxAnswer, InboxClient, InboxLogEvent, InboxOptions, InboxRequest } from './types.js';
// One error type across every entry. ERROR_CODES is left to the other entries: this one is size-bound.
export { BridgeError, isBridgeError } from '../errors.js';
export type { BridgeErrorCode, BridgeErrorDetails } from '../errors.js';
