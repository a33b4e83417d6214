// The portal's CTI object (spec section 4): on every new call the portal writes the call's data,
// encrypted with CryptoJS.AES under the deployment passphrase, into localStorage under `CTI`.
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

  function dialer() {
    seq++;
    var main = '099' + String(200000 + seq).slice(-6);
    return {
      Guid: uuid(), Campaign: 'Sales->', Callerid: main, Form: 'salesForm',
      ParAndValues: 'idcustomer=' + (70 + seq) + ':name=Juan Díaz', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE',
      Channel: 'phone',
      Dialer: {
        campaign: 'Sales->', destination: main, status: 1, data: 'idcustomer=' + (70 + seq) + ':name=Juan Díaz',
        alternatives: '098111222:097333444', retries: 2, contact: 15400 + seq, dialerbase: 'base-2026-11',
        priority: 5, agentphone: '1001',
      },
    };
  }

  function write(cti) {
    localStorage.setItem(KEY, CryptoJS.AES.encrypt(JSON.stringify(cti), window.SIM.passphrase).toString());
    window.ctiSim.current = cti;
    return cti;
  }

  window.ctiSim = {
    current: null,
    /** Starts an inbound call; `overrides` are merged into the CTI object. */
    startInbound: function (overrides) { return write(Object.assign(inbound(), overrides || {})); },
    /** Starts a dialer call; `overrides` are merged into the CTI object. */
    startDialer: function (overrides) { return write(Object.assign(dialer(), overrides || {})); },
    /** Writes any value as the raw stored CTI text (for tests of corrupt data). */
    writeRaw: function (text) { localStorage.setItem(KEY, text); },
    clear: function () { localStorage.removeItem(KEY); window.ctiSim.current = null; },
  };
})();
