// The script-tag bundle's declaration: the global `UContactBridge` holds every entry's names, typed
// in a module too (no "allowUmdGlobalAccess") by `import 'ucontact-bridge/iife'`, which sets it at run
// time (a `/// <reference types>` does not resolve the package's own name: the pack suite checks it).
// The file is a classic script that exports nothing, and so is its declaration: a named import from
// it is refused. (The portal-only and uPhone-only declarations, alone and with the others:
// test/unit/script-tag-types.test.mjs.)
import 'ucontact-bridge/iife';
import { expectTrue, type Equal } from './support.js';
// @ts-expect-error the script-tag file exports nothing: its names are on the global only
import { connectPortal } from 'ucontact-bridge/iife';

void connectPortal;
expectTrue<Equal<typeof UContactBridge.connectPortal, typeof import('ucontact-bridge').connectPortal>>();
expectTrue<Equal<typeof UContactBridge.createUContactClient, typeof import('ucontact-bridge/http').createUContactClient>>();
expectTrue<Equal<typeof UContactBridge.connectInbox, typeof import('ucontact-bridge/inbox').connectInbox>>();
expectTrue<Equal<typeof UContactBridge.embedUPhone, typeof import('ucontact-bridge/uphone').embedUPhone>>();
// The global is a property of the global object (the bundle sets `globalThis.UContactBridge`).
expectTrue<Equal<typeof window.UContactBridge, typeof UContactBridge>>();
// Every entry's types, generic ones with their parameters and defaults.
expectTrue<Equal<UContactBridge.PortalClient, import('ucontact-bridge').PortalClient>>();
expectTrue<Equal<UContactBridge.ActionResult, import('ucontact-bridge').ActionResult>>();
expectTrue<Equal<UContactBridge.ActionResult<'tag'>, import('ucontact-bridge').ActionResult<'tag'>>>();
expectTrue<Equal<UContactBridge.UPhoneEvent<'ringing'>, import('ucontact-bridge/uphone').UPhoneEvent<'ringing'>>>();
expectTrue<Equal<UContactBridge.Cti, import('ucontact-bridge/cti').Cti>>();
expectTrue<Equal<UContactBridge.UContactClient, import('ucontact-bridge/http').UContactClient>>();
expectTrue<Equal<UContactBridge.InboxClient, import('ucontact-bridge/inbox').InboxClient>>();
expectTrue<Equal<UContactBridge.BridgeError, import('ucontact-bridge').BridgeError>>();
// @ts-expect-error ActionResult's parameter is an action name
type NotAnAction = UContactBridge.ActionResult<'dance'>;
