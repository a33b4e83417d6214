// The sample uContact X form project, built on `ucontact-bridge/inbox`: it asks the Inbox for the
// interaction and shows it normalised, falls back to a manual mode when it was opened by hand
// (`NO_INTERACTION`) or outside the Inbox (`NOT_EMBEDDED`), and tells the Inbox `sent` and `close`.
// `mountInboxForm(bridge, build)` takes the ES module entry or the script-tag global alike; the
// page that loads it chooses. State for tests: `window.form`.
//
// URL parameters: inbox=<origin> (the Inbox's origin, when it is not this page's own: the form is
// then served from elsewhere and allows that origin, if the deployment's config names it: any site
// could frame the form and name itself), timeoutMs=<ms> (how long to wait).

export function mountInboxForm(bridge, build) {
  const params = new URLSearchParams(location.search);
  const inboxOrigin = params.get('inbox') === window.SIM?.portalOrigin ? window.SIM.portalOrigin : location.origin;
  // The e2e suite collects every log event and error message to prove no data reaches them.
  const capture = window.__capture || (() => {});
  const events = [];
  const inbox = bridge.connectInbox({
    allowedOrigins: inboxOrigin,
    timeoutMs: Number(params.get('timeoutMs')) || undefined,
    log: (e) => {
      events.push(e);
      capture('log', JSON.stringify(e));
    },
  });
  const state = { bridge, build, inbox, events, results: [], interaction: null, manual: false, error: null, status: 'waiting', ready: false };
  window.form = state;

  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const e = Object.assign(document.createElement(tag), props);
    e.append(...children);
    return e;
  };
  const show = (label, value, isError = false) => {
    state.results.push({ label, value, error: isError });
    $('results').prepend(el('div', { className: isError ? 'err' : '' }, `${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`));
  };
  const failed = (label, e) => {
    capture('error', e?.message);
    show(label, bridge.isBridgeError(e) ? `${e.code}: ${e.message}` : String(e), true);
  };

  $('inbox-origin').textContent = inboxOrigin;
  $('embedded').textContent = String(inbox.embedded);
  $('build').textContent = build;

  const table = (fields) => {
    const t = el('table');
    const keys = Object.keys(fields ?? {});
    if (!keys.length) t.append(el('tr', {}, el('td', { className: 'muted' }, 'none')));
    for (const k of keys) {
      const v = fields[k];
      t.append(el('tr', {}, el('th', {}, k), el('td', { className: typeof v === 'boolean' ? 'flag' : '' }, typeof v === 'string' ? v : JSON.stringify(v))));
    }
    return t;
  };

  function showInteraction(i) {
    state.interaction = i;
    state.manual = false;
    state.status = 'interaction';
    $('status').textContent = `Interaction on ${i.channel === 'other' ? `another channel (${i.channelName || 'none given'})` : i.channel}`;
    $('manual').hidden = true;
    const view = $('interaction');
    view.hidden = false;
    view.textContent = '';
    view.append(
      el('h2', {}, i.clientName ?? '(no name)', ' ', el('span', { className: 'badge' }, i.channel)),
      table({ clientId: i.clientId, campaign: i.campaign, guid: i.guid, interactionId: i.interactionId, agent: i.agent, form: i.form }),
      el('h3', {}, 'Columns (data.<Column> or extraInfo.customFields)'), table(i.columns),
      el('h3', {}, 'Contact (data.CONTACT, parsed)'), typeof i.contact === 'object' && i.contact ? table(i.contact) : el('p', {}, String(i.contact ?? '—')),
      el('h3', {}, 'Campaign (data.CAMPAIGN, parsed)'), typeof i.campaignInfo === 'object' && i.campaignInfo ? table(i.campaignInfo) : el('p', {}, String(i.campaignInfo ?? '—')),
      el('h3', {}, 'Stored values'), table(i.storedValues),
      el('h3', {}, 'Other fields'), table(i.extra),
    );
    if (i.problems.length) view.append(el('p', { className: 'err' }, `Fields that could not be read: ${i.problems.join(', ')}`));
  }

  function manualMode(e) {
    state.interaction = null;
    state.manual = true;
    state.error = e.code;
    state.status = 'manual';
    $('interaction').hidden = true;
    $('manual').hidden = false;
    $('status').textContent = e.code === 'NOT_EMBEDDED'
      ? 'Manual mode: this page is not inside the Inbox (NOT_EMBEDDED)'
      : 'Manual mode: opened without an interaction (NO_INTERACTION)';
  }

  async function load() {
    state.status = 'waiting';
    $('status').textContent = 'Asking the Inbox for the interaction…';
    try {
      const i = await inbox.getInteraction();
      show('getInteraction', `${i.channel} interaction`);
      showInteraction(i);
    } catch (e) {
      if (bridge.isBridgeError(e, 'NO_INTERACTION') || bridge.isBridgeError(e, 'NOT_EMBEDDED')) {
        // Not a failure: the form was opened without an interaction, and works without one.
        capture('error', e.message);
        show('getInteraction', `${e.code}: manual mode`);
        manualMode(e);
      } else {
        failed('getInteraction', e);
        state.error = e.code ?? String(e);
        state.status = 'error';
        $('status').textContent = `Error: ${e.code ?? e}`;
      }
    }
  }

  const post = (action) => {
    try {
      inbox[action]();
      show(action, 'posted to the Inbox');
    } catch (e) {
      failed(action, e);
    }
  };
  $('submit').onclick = (ev) => {
    ev.preventDefault();
    post('sent');
  };
  $('close').onclick = () => post('close');
  $('again').onclick = () => load();

  state.ready = true;
  load();
  return state;
}
