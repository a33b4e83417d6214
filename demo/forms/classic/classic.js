// A form as real uContact forms are written: globals, the framework's CTI text parsed by hand,
// helpers called with await, `parent` functions of the portal, Porthole for callWithPhone. It uses
// nothing of ucontact-bridge: the simulator must run it unchanged. One departure from real forms: the
// caller id goes into SQL only when it is digits (see loadCustomer).
/* global CTI, Agent, UC_makeCall_async, UC_DispositionCall_async, UC_TagRecord, UC_closeForm, UC_pause,
   UC_get_async, UC_Save_async, UC_getMyAgentCampaigns_async, UC_Http_proxy */
var cti = {};
if (typeof CTI !== 'undefined' && CTI) cti = JSON.parse(CTI);
var GUID = cti.Guid || '';
var callerid = cti.Callerid || '';
var campana = cti.Campaign || '';

function byId(id) { return document.getElementById(id); }

// Real forms show outcomes with the portal's notifications.
function notification(title, message, type) {
  var line = document.createElement('div');
  line.className = type === 'danger' ? 'err' : '';
  line.textContent = title + ': ' + message;
  byId('results').prepend(line);
  try { parent.notificate(title, message, type, '.'); } catch (e) { /* another origin than the portal */ }
}

async function loadCustomer() {
  if (!callerid) { byId('customer').textContent = 'no call: manual mode'; return; }
  // Real forms paste the caller id into the SQL as it is. It is the caller's to set (a spoofed
  // caller id can hold a quote), so this copy looks up digits only: a form copied from here is not
  // open to SQL injection.
  if (!/^\+?\d+$/.test(callerid)) { byId('customer').textContent = 'unusual caller id: search by hand'; return; }
  var rows = JSON.parse(await UC_get_async("SELECT name, plan FROM ccrepo.customers WHERE phone = '" + callerid + "'", 'Repo'));
  byId('customer').textContent = rows.length ? rows[0].name + ' (' + rows[0].plan + ')' : 'new customer';
}

async function loadCampaigns() {
  var campaigns = JSON.parse(await UC_getMyAgentCampaigns_async());
  campaigns.forEach(function (c) { byId('cmbCampaign').add(new Option(c, c)); });
  if (campana) byId('cmbCampaign').value = campana;
}

async function saveNote() {
  parent.loaderSetVisible(true);
  var guardado = await UC_Save_async({ id: null, guid: GUID, phone: callerid, note: byId('txtNote').value }, 'ccrepo.notes', '');
  parent.loaderSetVisible(false);
  if (guardado !== 'OK') notification('Bad request', 'the note was not saved', 'danger');
  else notification('Saved', 'note saved', 'success');
  return guardado;
}

async function dispose() {
  await UC_DispositionCall_async(campana, callerid, GUID, byId('cmbRes1').value, byId('cmbRes2').value, byId('cmbRes3').value, byId('txtNote').value);
  notification('Disposition', 'call disposed', 'success');
}

// Real forms call it without waiting; its outcome still shows when it comes (it rejects without a guid).
function tag() {
  UC_TagRecord(GUID, byId('txtTags').value).then(function () {
    notification('Tags', 'recording tagged', 'success');
  }, function (e) {
    notification('Error', e.message, 'danger');
  });
}

byId('btnCall').addEventListener('click', async function () {
  try {
    var guid = await UC_makeCall_async(byId('cmbCampaign').value, '', Number(byId('txtPhone').value));
    byId('lastGuid').textContent = guid;
    notification('Call', 'call placed', 'success');
  } catch (error) {
    notification('Error', 'Error making call: ' + error.message, 'danger');
  }
});

// The documented Porthole snippet, written correctly: the portal answers with the call's guid.
byId('btnCallPhone').addEventListener('click', function () {
  // Opened alone, the message would go to the form itself and nothing would happen: say so.
  if (parent === window) return notification('Error', 'not inside the portal: only the portal\'s phone places this call', 'danger');
  var windowProxy = new Porthole.WindowProxy(window.location.protocol + '//' + window.location.hostname);
  windowProxy.addEventListener(function onResponse(messageEvent) {
    if (!messageEvent.data || !messageEvent.data.guid) return;
    byId('lastGuid').textContent = messageEvent.data.guid;
    notification('Call', 'portal phone call ' + messageEvent.data.guid, 'success');
  });
  windowProxy.post({ action: 'callWithPhone', destination: byId('txtPhone').value, campaign: byId('cmbCampaign').value });
});

// Outside the portal `parent` is the form itself, without the portal's functions: say so in the form.
function shown(fn) {
  return function () {
    Promise.resolve().then(fn).catch(function (e) { notification('Error', e.message, 'danger'); });
  };
}
byId('btnSave').addEventListener('click', shown(saveNote));
byId('btnDispose').addEventListener('click', function () {
  dispose().catch(function (e) { notification('Error', e.message, 'danger'); });
});
byId('btnTag').addEventListener('click', tag);
byId('btnClose').addEventListener('click', function () { UC_closeForm(); });
byId('btnFinish').addEventListener('click', async function () {
  try {
    if ((await saveNote()) !== 'OK') return;
    await dispose();
    tag();
    UC_closeForm();
  } catch (e) {
    notification('Error', e.message, 'danger');
  }
});
byId('btnPause').addEventListener('click', function () { UC_pause(true); });
byId('btnReady').addEventListener('click', function () { UC_pause(false); });
byId('btnDtmf').addEventListener('click', shown(function () { parent.__SendDTMF('1234'); }));
byId('btnSummary').addEventListener('click', async function () {
  var response = await UC_Http_proxy({
    url: 'https://' + location.host + '/Integra/resources/Supervisor/campaignssummary',
    method: 'POST',
    headers: { Authorization: 'Basic ' + Agent.token, 'Content-type': 'application/x-www-form-urlencoded' },
  });
  notification('Campaigns', 'HTTP ' + response.code + ': ' + JSON.parse(response.body).length + ' campaigns', response.code === 200 ? 'success' : 'danger');
});

byId('cti-guid').textContent = GUID || '(none)';
byId('cti-campaign').textContent = campana;
byId('cti-callerid').textContent = callerid;
byId('cti-channel').textContent = cti.Channel || 'telephony';
byId('cti-data').textContent = cti.ParAndValues || '';
if (cti.Dialer) byId('txtPhone').value = cti.Dialer.destination;
Promise.all([loadCustomer(), loadCampaigns()]).then(function () { document.body.setAttribute('data-ready', 'true'); });
