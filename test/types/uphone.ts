// The public surface of 'ucontact-bridge/uphone'.
import { embedUPhone, readUPhoneMessage, type UPhone, type CallState, type CommandResult } from 'ucontact-bridge/uphone';
import { expectTrue, type Equal } from './support.js';

declare const container: Element;
const phone: UPhone = embedUPhone({ container, instance: 'acme.ucontactcloud.com', readyTimeoutMs: 30_000 });
export async function surface(): Promise<void> {
  await phone.ready;
  const r = await phone.makeCall({ number: '099000000', campaign: 'Sales->' });
  expectTrue<Equal<typeof r, CommandResult>>();
  const off = phone.onState((s: CallState) => void s);
  off();
  phone.destroy({ removeIframe: true });
}
void readUPhoneMessage;
// @ts-expect-error the number to dial is `number`
void phone.makeCall({ phone: '099000000', campaign: 'Sales->' });
// @ts-expect-error readyTimeout is spelled readyTimeoutMs
embedUPhone({ container, readyTimeout: 5 });
// readyOn: 'agent' (default) or 'load' (an embedded uContact X instance).
embedUPhone({ container, url: 'https://acme.ucontactcloud.com/', readyOn: 'load' });
// @ts-expect-error readyOn is 'agent' or 'load'
embedUPhone({ container, url: 'https://acme.ucontactcloud.com/', readyOn: 'login' });
// Where the phone goes: container with url or instance, or an iframe of yours; the runtime refuses
// any other mix (INVALID_ARGUMENT: pass iframe, or container with url or instance).
declare const iframe: HTMLIFrameElement;
embedUPhone({ iframe, readyOn: 'load' });
embedUPhone({ container, instance: 'acme.ucontactcloud.com', url: undefined });
// @ts-expect-error a container needs url or instance
embedUPhone({ container });
// @ts-expect-error url or instance, not both
embedUPhone({ container, url: 'https://acme.ucontactcloud.com/uphone/', instance: 'acme.ucontactcloud.com' });
// @ts-expect-error an iframe of yours goes with no container
embedUPhone({ iframe, container });
// @ts-expect-error an iframe of yours has its own src
embedUPhone({ iframe, url: 'https://acme.ucontactcloud.com/uphone/' });

// The hook's and handlers' throws and rejections are caught (log 'handlerFailed'): they return `unknown`.
expectTrue<Equal<ReturnType<NonNullable<import('ucontact-bridge/uphone').UPhoneOptions['log']>>, unknown>>();
expectTrue<Equal<ReturnType<Parameters<UPhone['onState']>[0]>, unknown>>();
declare const phoneForHandlers: UPhone;
phoneForHandlers.on('gettingCall', async (e) => { await Promise.resolve(e.name); });
