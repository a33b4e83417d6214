// A classic worker (dedicated, shared or service) with the script-tag bundle: see rest-worker-body.js.
/* global importScripts */
importScripts('/dist/ucontact-bridge.iife.min.js', '/e2e/rest-worker-body.js');
self.serve(self.UContactBridge);
