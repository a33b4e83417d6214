// The helpers of the simulated form framework (spec section 3.1), appended by the simulator to the
// generated integraFramework.js after `CTI`, `Agent` and `__ucSimHelpers`. They run in the form, as
// the real framework does, and ask the simulator's server, which acts for the agent's desk and
// shows every call in the portal's panel. Global functions, as real forms call them.
/* global __ucSimHelpers */
/* eslint no-unused-vars: ["error", { "vars": "local", "args": "none" }] -- the parameters document the real signatures */
/* exported UC_makeCall_async, UC_DispositionCall_async, UC_TagRecord, UC_closeForm, UC_pause, UC_get_async,
   UC_exec_async, UC_Save_async, UC_update_async, UC_getMyAgentCampaigns_async, UC_getSystemCampaigns_async,
   UC_audit, UC_GM_LoadActions, UC_Http_proxy, ajaxUploadBase, UC_Save, UC_exec, notification, preBindTab */

function __ucSimCall(name, args) {
  'use strict';
  return fetch(__ucSimHelpers + name, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args: Array.prototype.slice.call(args) }),
    credentials: 'same-origin',
  }).then(function (response) {
    return response.json();
  }).then(function (answer) {
    if (answer.ok) return answer.value;
    throw new Error(answer.error);
  });
}

/** Places a call; resolves with its guid. */
function UC_makeCall_async(campaign, callerid, destination, flag) { return __ucSimCall('UC_makeCall_async', arguments); }
/** Disposes the call; resolves "OK". */
function UC_DispositionCall_async(campaign, callerid, guid, l1, l2, l3, comment) { return __ucSimCall('UC_DispositionCall_async', arguments); }
/** Tags the call's recording: tags joined by `|`. */
function UC_TagRecord(guid, tags) { return __ucSimCall('UC_TagRecord', arguments); }
/** Closes the form: the portal takes it away. */
function UC_closeForm() { return __ucSimCall('UC_closeForm', arguments); }
/** Agent pause on (true) or off (false). */
function UC_pause(on) { return __ucSimCall('UC_pause', arguments); }
/** Runs a SELECT; resolves with the rows as JSON text. */
function UC_get_async(sql, dsn) { return __ucSimCall('UC_get_async', arguments); }
/** Runs an INSERT, UPDATE or DELETE; resolves "OK" or "ERROR". */
function UC_exec_async(sql, dsn) { return __ucSimCall('UC_exec_async', arguments); }
/** Inserts `row` into `table`; resolves "OK" or "ERROR". */
function UC_Save_async(row, table, dsn) { return __ucSimCall('UC_Save_async', arguments); }
/** Updates the rows of `table` whose `key` column equals `row[key]`; resolves "OK" or "ERROR". */
function UC_update_async(row, table, key, dsn) { return __ucSimCall('UC_update_async', arguments); }
/** The agent's campaigns, as JSON text of an array of names. */
function UC_getMyAgentCampaigns_async() { return __ucSimCall('UC_getMyAgentCampaigns_async', arguments); }
/** Every campaign of the instance, as JSON text of an array of names. */
function UC_getSystemCampaigns_async() { return __ucSimCall('UC_getSystemCampaigns_async', arguments); }
/** Writes `text` to the platform's audit log; resolves "OK". */
function UC_audit(text) { return __ucSimCall('UC_audit', arguments); }
/** Loads `amount` gamification actions of `measure` for the agent; resolves "OK". */
function UC_GM_LoadActions(measure, amount) { return __ucSimCall('UC_GM_LoadActions', arguments); }
/** ({url, method, headers, body?, type?}) → {code, body}, through the portal to the instance. */
function UC_Http_proxy(request) { return __ucSimCall('UC_Http_proxy', arguments); }
/** Uploads a calls base (base64 of its lines) for a dialer campaign: REST's Dialers/uploadbase; → {code, body}. */
function ajaxUploadBase(fileb64, campaign, filename, cant) { return __ucSimCall('ajaxUploadBase', arguments); }

// What real forms also call, seen in their code: the callback forms of the database helpers, the
// framework's notification, and `preBindTab(null)` ("Don't delete this line"), whose work is not
// known: here it does nothing.
/** Inserts `row` into `table`, then calls `callback("OK" | "ERROR")`. */
function UC_Save(row, table, dsn, callback) { return __ucSimThen(UC_Save_async(row, table, dsn), callback); }
/** Runs an INSERT, UPDATE or DELETE, then calls `callback("OK" | "ERROR")`. */
function UC_exec(sql, dsn, callback) { return __ucSimThen(UC_exec_async(sql, dsn), callback); }
function __ucSimThen(promise, callback) {
  'use strict';
  promise.then(function (v) { if (typeof callback === 'function') callback(v); }, function () {});
}
/** A toast in the portal: `notification(title, message, icon, type)`. */
function notification(title, message, icon, type) {
  'use strict';
  if (typeof parent.notificate === 'function') parent.notificate(title, message, type);
}
function preBindTab(tab) {}
