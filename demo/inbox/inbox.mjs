// The simulated uContact X agent Inbox: a conversation list, the current interaction, and the
// campaign's form project on the right in an iframe. It speaks the platform's wire (spec section 7)
// the way the platform does: it answers `{action: 'getInteraction'}` with
// `{action: 'interaction', interaction}` posted with '*', and checks neither origin nor sender, so
// the form's own checks are what the hostile tests exercise. It can also stay silent (a form
// opened by hand) or answer late, and shows `close` and `sent` when they arrive.
//
// URL parameters: channel=<telephony|whatsapp|webchat|email|sms|messenger|instagram|none>,
// origin=cross (the form from the second origin, with allowedOrigins), build=iife (the script-tag
// bundle instead of the ES module), mode=answer|silent|late:<ms>, timeoutMs=<ms> (the form's),
// formUrl=<url> (another form, on one of the simulator's origins or DEV_ORIGINS), attacker=same,cross (hostile sibling frames, e2e only).
// State for tests and curious people: `window.inbox`.
import { INTERACTIONS, initials } from './interactions.mjs';

const SIM = window.SIM;
const params = new URLSearchParams(location.search);
const cross = params.get('origin') === 'cross';
const build = params.get('build') === 'iife' ? 'iife' : 'esm';
const COLORS = ['#1f6feb', '#1a7f45', '#8250df', '#a84f03', '#0a7e8c', '#0866ff', '#c13584'];

function formUrl() {
  // Another form (a test's, or yours): a page of the simulator's two origins or of those it was
  // started with (DEV_ORIGINS) only. A link's `javascript:` URL would run in the Inbox's origin, and
  // another site would get the interactions.
  const given = params.get('formUrl');
  const other = given && URL.canParse(given, location.href) ? new URL(given, location.href) : null;
  if (other && [SIM.portalOrigin, SIM.formOrigin, ...SIM.devOrigins].includes(other.origin)) return other.href;
  const url = new URL(`${cross ? SIM.formOrigin : SIM.portalOrigin}/inbox-form/${build === 'iife' ? 'iife.html' : 'index.html'}`);
  // The form accepts the Inbox's origin: its own by default, this one when served from elsewhere.
  url.searchParams.set('inbox', location.origin);
  if (params.get('timeoutMs')) url.searchParams.set('timeoutMs', params.get('timeoutMs'));
  return url.href;
}

const frame = document.getElementById('form');

const inbox = {
  /** Every message received from any window, in arrival order: `{data, origin, kind, plain, fromForm}`. */
  received: [],
  /** Every answer posted to the form: `{channel, delay}`. */
  answers: [],
  /** The conversations, as in interactions.mjs. */
  interactions: INTERACTIONS,
  /** The selected conversation's channel, or null (the form opened by hand). */
  selected: null,
  /** How `getInteraction` is answered: `{mode: 'answer'|'late'|'silent', delay}`. */
  mode: { mode: 'answer', delay: 3000 },
  /** How many times the form was (re)loaded. */
  loads: 0,
  formUrl: formUrl(),
  /** Selects a conversation (a channel) or none (`null`: the form opened by hand), and reloads the form for it. */
  select(channel) {
    inbox.selected = channel && INTERACTIONS.some((c) => c.interaction.channel === channel) ? channel : null;
    render();
    loadForm();
  },
  /** Sets how `getInteraction` is answered. */
  setMode(mode, delay = inbox.mode.delay) {
    inbox.mode = { mode: ['answer', 'late', 'silent'].includes(mode) ? mode : 'answer', delay: Number(delay) || 0 };
    renderModes();
  },
  /** Posts any value to the form, with '*' (hostile and malformed answers in tests). */
  post(value) {
    frame.contentWindow.postMessage(value, '*');
  },
  /** The interaction of the selected conversation, as the Inbox sends it. */
  current() {
    return INTERACTIONS.find((c) => c.interaction.channel === inbox.selected)?.interaction ?? null;
  },
};
window.inbox = inbox;

function loadForm() {
  // 'Open it again' hides with the notice: the focus, if it was there, goes to the form it opens.
  if (document.getElementById('form-closed').contains(document.activeElement)) frame.focus();
  document.getElementById('form-closed').hidden = true;
  inbox.loads += 1;
  frame.src = inbox.formUrl;
}

function answer() {
  const interaction = inbox.current();
  // Opened by hand: there is no interaction, and the platform sends nothing.
  if (!interaction || inbox.mode.mode === 'silent') return;
  const load = inbox.loads;
  const send = () => {
    // The form was reloaded meanwhile (another conversation): this answer was for the one before.
    if (load !== inbox.loads) return;
    inbox.answers.push({ channel: interaction.channel, delay: inbox.mode.mode === 'late' ? inbox.mode.delay : 0 });
    frame.contentWindow?.postMessage({ action: 'interaction', interaction }, '*');
  };
  if (inbox.mode.mode === 'late') setTimeout(send, inbox.mode.delay);
  else send();
}

window.addEventListener('message', (event) => {
  // The platform checks nothing; the simulator only records who sent what, for the page and the tests.
  const data = event.data;
  const plain = typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype;
  inbox.received.push({ data, origin: event.origin, kind: typeof data, plain, fromForm: event.source === frame.contentWindow });
  renderReceived();
  const action = plain ? data.action : undefined;
  if (action === 'getInteraction') answer();
  if (action === 'close') {
    // The focus, if it was in the form, goes to the button that opens it again (as the desk does).
    const hadFocus = document.activeElement === frame;
    frame.src = 'about:blank';
    document.getElementById('form-closed').hidden = false;
    if (hadFocus) document.getElementById('reopen').focus();
  }
  if (action === 'sent') toast('The form was submitted (sent)');
});

function toast(text) {
  const t = document.createElement('div');
  t.className = 'toast';
  t.textContent = text;
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), 4000);
}

function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function render() {
  const list = document.getElementById('list');
  // The list is drawn anew: a conversation that had the focus keeps it.
  const focused = document.activeElement?.closest('#list li')?.dataset.channel;
  list.textContent = '';
  INTERACTIONS.forEach(({ interaction: i, preview, time }, n) => {
    // A button (Tab, Enter and Space pick it); the picked one is aria-current, not only coloured.
    const button = el('button', { type: 'button', title: `${i.channel} · ${i.campaign}`, onclick: () => inbox.select(i.channel) },
      el('span', { className: 'avatar', ariaHidden: 'true' }, initials(i.clientName)),
      el('span', {}, el('span', { className: 'name' }, i.clientName), el('span', { className: 'preview' }, preview)),
      el('span', {}, el('span', { className: 'time' }, time), el('span', { className: `badge ch-${i.channel}` }, i.channel)));
    if (i.channel === inbox.selected) button.setAttribute('aria-current', 'true');
    button.querySelector('.avatar').style.background = COLORS[n % COLORS.length];
    const li = el('li', { className: i.channel === inbox.selected ? 'selected' : '' }, button);
    li.dataset.channel = i.channel;
    list.append(li);
    if (i.channel === focused) button.focus();
  });
  const i = inbox.current();
  const current = document.getElementById('current');
  current.textContent = '';
  if (!i) {
    current.append(el('div', { className: 'title' }, 'No conversation selected'),
      el('p', { className: 'muted' }, 'The form was opened by hand, from the sidebar: it gets no interaction.'));
  } else {
    const dl = el('dl');
    for (const [k, v] of [['Channel', i.channel], ['Campaign', i.campaign], ['Client id', i.clientId], ['Interaction', i.interactionId], ['Form', i.form]]) {
      dl.append(el('dt', {}, k), el('dd', {}, v ?? '—'));
    }
    const m = i.lastMessage;
    current.append(el('div', { className: 'title' }, i.clientName, ' ', el('span', { className: `badge ch-${i.channel}` }, i.channel)), dl,
      el('div', { className: 'bubble' }, m.text ?? m.subject ?? (i.channel === 'telephony' ? 'Call in progress' : ''), el('small', {}, `${m.source} · ${m.date}`)));
  }
  document.getElementById('raw').textContent = i ? JSON.stringify(i, null, 2) : '(none)';
}

function renderReceived() {
  const ol = document.getElementById('received');
  ol.textContent = '';
  for (const r of inbox.received.slice(-50).reverse()) {
    const shown = r.plain ? JSON.stringify(r.data) : `${r.kind} ${JSON.stringify(r.data)}`;
    ol.append(el('li', { title: r.origin }, `${shown}  ← ${r.fromForm ? 'the form' : 'another window'} (${r.origin})`));
  }
}

function renderModes() {
  for (const radio of document.querySelectorAll('input[name=mode]')) radio.checked = radio.value === inbox.mode.mode;
  document.getElementById('late-ms').value = String(inbox.mode.delay);
}

for (const radio of document.querySelectorAll('input[name=mode]')) {
  radio.onchange = () => inbox.setMode(radio.value, document.getElementById('late-ms').value);
}
document.getElementById('late-ms').onchange = (e) => inbox.setMode(inbox.mode.mode, e.target.value);
document.getElementById('open-by-hand').onclick = () => inbox.select(null);
document.getElementById('reopen').onclick = loadForm;

const nav = document.getElementById('layouts');
for (const [b, o] of [['esm', 'same'], ['esm', 'cross'], ['iife', 'same'], ['iife', 'cross']]) {
  const a = el('a', { href: `/inbox?build=${b}&origin=${o}`, textContent: `${b} · ${o === 'same' ? 'same origin' : 'cross origin'}` });
  if (b === build && (o === 'cross') === cross && !params.get('formUrl')) Object.assign(a, { className: 'active', ariaCurrent: 'page' });
  nav.append(a);
}

// Hostile sibling frames (e2e only): `attacker=same,cross` adds `inbox-attacker-same` (this origin)
// and `inbox-attacker-cross` (the second origin) beside the form.
for (const kind of (params.get('attacker') || '').split(',').filter(Boolean)) {
  const evil = el('iframe', { name: `inbox-attacker-${kind}`, src: `${kind === 'cross' ? SIM.formOrigin : SIM.portalOrigin}/e2e/inbox-attacker.html` });
  evil.style.display = 'none';
  document.body.append(evil);
}

const [mode, delay] = (params.get('mode') || 'answer').split(':');
inbox.setMode(mode, delay ?? 3000);
const first = params.get('channel') ?? 'telephony';
inbox.select(first === 'none' ? null : first);
