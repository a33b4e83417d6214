// The portal's CTI object (spec section 4): the current call's data. The portal gives it to the
// form it opens for the call (the form framework's global `CTI`, served by the simulator) and, on
// every new call, writes it encrypted with CryptoJS.AES under the deployment passphrase into
// localStorage under `CTI`.
(function () {
  'use strict';
  var KEY = 'CTI';
  var seq = 0;

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : 'sim-' + Date.now() + '-' + Math.random().toString(16).slice(2);
  }

  function inbound() {
    seq++;
    return {
      Guid: uuid(), Campaign: 'Support<-', Callerid: '099' + String(100000 + seq).slice(-6), Form: 'supportForm',
      ParAndValues: 'idcustomer=' + (40 + seq) + ':name=Ana Pérez:plan=gold', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE',
    };
  }

  // A voice CTI has no Channel (uContact calls voice `telephony`).
  function dialer() {
    seq++;
    var main = '099' + String(200000 + seq).slice(-6);
    return {
      Guid: uuid(), Campaign: 'Sales->', Callerid: main, Form: 'salesForm',
      ParAndValues: 'idcustomer=' + (70 + seq) + ':name=Juan Díaz', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE',
      Dialer: {
        campaign: 'Sales->', destination: main, status: 1, data: 'idcustomer=' + (70 + seq) + ':name=Juan Díaz',
        alternatives: '098111222:097333444', retries: 2, contact: 15400 + seq, dialerbase: 'base-2026-11',
        priority: 5, agentphone: '1001',
      },
    };
  }

  // Other channels: the callerid is an e-mail address or a chat contact, not a number to dial.
  function email() {
    seq++;
    return {
      Guid: uuid(), Campaign: 'Mail<-', Callerid: 'ana.perez@example.com', Form: 'supportForm', Channel: 'email',
      ParAndValues: 'idcustomer=41:subject=Invoice ' + seq, Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE',
    };
  }

  function whatsapp() {
    seq++;
    return {
      Guid: uuid(), Campaign: 'WhatsApp<-', Callerid: '59899' + String(100000 + seq).slice(-6), Form: 'supportForm',
      Channel: 'WhatsApp', ParAndValues: 'idcustomer=42', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE',
    };
  }

  var KINDS = { inbound: inbound, dialer: dialer, email: email, whatsapp: whatsapp };

  function write(cti) {
    localStorage.setItem(KEY, CryptoJS.AES.encrypt(JSON.stringify(cti), window.SIM.passphrase).toString());
    window.ctiSim.current = cti;
    return cti;
  }

  window.ctiSim = {
    current: null,
    kinds: Object.keys(KINDS),
    /** A new call's CTI object of `kind` ('inbound', 'dialer', 'email', 'whatsapp'), not written yet. */
    make: function (kind, overrides) { return Object.assign(KINDS[kind](), overrides || {}); },
    /** Writes `cti` encrypted into localStorage, as the portal does for every new call. */
    write: write,
    /** Starts an inbound call; `overrides` are merged into the CTI object. */
    startInbound: function (overrides) { return write(Object.assign(inbound(), overrides || {})); },
    /** Starts a dialer call; `overrides` are merged into the CTI object. */
    startDialer: function (overrides) { return write(Object.assign(dialer(), overrides || {})); },
    /** Writes any value as the raw stored CTI text (for tests of corrupt data). */
    writeRaw: function (text) { localStorage.setItem(KEY, text); },
    clear: function () { localStorage.removeItem(KEY); window.ctiSim.current = null; },
  };
})();
