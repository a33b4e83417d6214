// The public surface of 'ucontact-bridge/inbox'.
import { connectInbox, normalizeInteraction, INTERACTION_CHANNELS, type Interaction, type InboxClient, type InteractionChannel } from 'ucontact-bridge/inbox';
import { expectTrue, type Equal } from './support.js';

const inbox: InboxClient = connectInbox({ allowedOrigins: 'https://acme.ucontactcloud.com', timeoutMs: 5000 });
// An option may be given as undefined (the default), as at run time.
declare const maybeTimeout: number | undefined;
void connectInbox({ timeoutMs: maybeTimeout, allowedOrigins: undefined, log: undefined, window: undefined });
export async function surface(): Promise<void> {
  const interaction = await inbox.getInteraction();
  expectTrue<Equal<typeof interaction, Interaction>>();
  inbox.sent();
  inbox.close();
  inbox.destroy();
}
// Options passed on from the caller's own optional ones (exactOptionalPropertyTypes): undefined is not given.
export async function passOn(options: { timeoutMs?: number; signal?: AbortSignal }): Promise<void> {
  await inbox.getInteraction({ timeoutMs: options.timeoutMs, signal: options.signal });
}
const channel: InteractionChannel = INTERACTION_CHANNELS[0];
void channel;
void normalizeInteraction({});
// @ts-expect-error timeout is spelled timeoutMs
connectInbox({ timeout: 5000 });
// @ts-expect-error allowedOrigin (no s)
connectInbox({ allowedOrigin: 'https://acme.ucontactcloud.com' });

// The log hook's rejection is caught: it returns `unknown`.
expectTrue<Equal<ReturnType<NonNullable<import('ucontact-bridge/inbox').InboxOptions['log']>>, unknown>>();
