// The script-tag bundle's declaration: the global `UContactBridge` holds every entry's names.
import type * as Full from 'ucontact-bridge/iife';
import type * as Portal from 'ucontact-bridge/iife/portal';
import type * as Phone from 'ucontact-bridge/iife/uphone';
import { expectTrue, type Equal } from './support.js';

expectTrue<Equal<typeof Full.connectPortal, typeof import('ucontact-bridge').connectPortal>>();
expectTrue<Equal<typeof Full.createUContactClient, typeof import('ucontact-bridge/http').createUContactClient>>();
expectTrue<Equal<typeof Full.connectInbox, typeof import('ucontact-bridge/inbox').connectInbox>>();
expectTrue<Equal<typeof Full.embedUPhone, typeof import('ucontact-bridge/uphone').embedUPhone>>();
expectTrue<Equal<typeof Portal.connectPortal, typeof import('ucontact-bridge').connectPortal>>();
expectTrue<Equal<typeof Phone.embedUPhone, typeof import('ucontact-bridge/uphone').embedUPhone>>();
// @ts-expect-error the portal script tag has no REST client
void (null as unknown as typeof Portal).createUContactClient;
