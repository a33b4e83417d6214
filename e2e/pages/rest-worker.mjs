// A module worker (dedicated, shared or service) with every ES module entry: see rest-worker-body.js.
import '/e2e/rest-worker-body.js';
import * as root from '/dist/index.js';
import * as http from '/dist/http.js';
import * as cti from '/dist/cti.js';
import * as inbox from '/dist/inbox.js';
import * as uphone from '/dist/uphone.js';

self.serve({ ...root, ...http, ...cti, ...inbox, ...uphone });
