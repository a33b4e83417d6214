// The `inbox` entry end to end in real Chromium: the sample form project, built on the ES module
// entry (dist/inbox.js) or the full script-tag bundle, inside the simulated uContact X Inbox, from
// the Inbox's origin and from another origin (with allowedOrigins). Every channel, the manual mode,
// late answers, close/sent, a page that is not framed and an Inbox whose origin is not allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { formState, getInteraction, heardFromInbox, openInbox, received, select, settledForm } from './inbox-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// What the form must show for each conversation of the simulator, written out by hand.
const EXPECTED = {
  telephony: {
    clientName: 'Ana Pérez', clientId: '099555014', campaign: 'Soporte<-',
    columns: { DIALED_NUMBER: '29001234', direction: 'inbound', isTransfer: false, DIALEDPEERNUMBER: '1001', MEMBERNAME: 'agent1001', Plan: 'Fibra 300', Deuda: '1520.50', Cliente_VIP: true, Ultima_visita: '2026-10-02' },
    contact: { id: 15422 },
  },
  whatsapp: { clientName: 'Martín Rodríguez', clientId: '59899123456', campaign: 'Ventas WA', columns: { Plan: 'Fibra 100', Acepta_promos: false, Origen: 'landing-verano' }, contact: { id: 20931 }, campaignInfo: { template: 'bienvenida_v2' } },
  webchat: { clientName: 'Lucía Gómez', clientId: 'visitor-8f3a2c', campaign: 'Tienda Web', columns: { Email: 'lucia.gomez@example.com', Pedido: 'A-88123', Acepta_terminos: true }, contact: undefined },
  email: { clientName: 'Jorge Silva', clientId: 'jorge.silva@example.com', campaign: 'Facturacion', columns: { Numero_cliente: '11802', Factura: 'F-2026-11-0093', Reclamo_abierto: false }, contact: { company: 'Silva & Hijos' } },
  sms: { clientName: 'Carla Núñez', clientId: '098765432', campaign: 'Agenda SMS->', columns: { Visita: '2026-11-26 15:00:00', Confirmada: true, Tecnico: 'R. Ferreira' }, contact: 'Carla Núñez' },
  messenger: { clientName: 'Pablo Méndez', clientId: '7391028455126604', campaign: 'Redes', columns: { Sucursal: 'Centro' }, contact: { id: 40113 } },
  instagram: { clientName: '@sofi.design', clientId: 'ig-17841405822304914', campaign: 'Redes', columns: { Seguidor: true }, contact: { id: 40288 } },
};

function assertShows(i, channel) {
  const want = EXPECTED[channel];
  assert.equal(i.channel, channel);
  assert.equal(i.clientName, want.clientName);
  assert.equal(i.clientId, want.clientId);
  assert.equal(i.campaign, want.campaign);
  assert.deepEqual(i.columns, want.columns);
  // A webchat has no data, so no CONTACT.
  if (typeof want.contact !== 'object') assert.equal(i.contact, want.contact);
  else for (const [k, v] of Object.entries(want.contact)) assert.equal(i.contact[k], v, `contact.${k}`);
  for (const [k, v] of Object.entries(want.campaignInfo ?? {})) assert.equal(i.campaignInfo[k], v, `campaignInfo.${k}`);
  assert.equal(i.storedValues.interaction_channel, channel);
  assert.deepEqual(i.problems, []);
}

for (const build of ['esm', 'iife']) {
  for (const origin of ['same', 'cross']) {
    test(`every channel: a person picks each conversation and the form shows its interaction (${build} build, ${origin} origin)`, async () => {
      const errors = env.pageErrors.length;
      const page = await env.page();
      const frame = await openInbox(page, env.sim, `build=${build}&origin=${origin}`);
      const formOrigin = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
      let state = await settledForm(frame);
      assert.deepEqual([state.origin, state.build, state.embedded], [formOrigin, build, true]);
      assertShows(state.interaction, 'telephony');

      for (const channel of ['whatsapp', 'webchat', 'email', 'sms', 'messenger', 'instagram']) {
        await frame.evaluate(() => { window.previousDocument = true; });
        await page.click(`#list li[data-channel="${channel}"]`);
        await waitFor(() => frame.evaluate(() => !window.previousDocument && window.form?.status === 'interaction').catch(() => false));
        state = await formState(frame);
        assertShows(state.interaction, channel);
        assert.match(await frame.textContent('#status'), new RegExp(`Interaction on ${channel}`));
        assert.match(await frame.textContent('#interaction h2'), new RegExp(EXPECTED[channel].clientName));
        assert.equal(await page.getAttribute(`#list li[data-channel="${channel}"]`, 'class'), 'selected');
      }

      // The Inbox got exactly the platform's message from each load of the form: a plain object
      // with one key, from the form's own window and origin.
      const got = await received(page);
      assert.equal(got.length, 7);
      for (const r of got) {
        assert.deepEqual(r.data, { action: 'getInteraction' });
        assert.deepEqual([r.kind, r.plain, r.fromForm, r.origin], ['object', true, true, formOrigin]);
      }
      assert.deepEqual((await page.evaluate(() => window.inbox.answers)).map((a) => a.channel),
        ['telephony', 'whatsapp', 'webchat', 'email', 'sms', 'messenger', 'instagram']);
      assert.equal(env.pageErrors.length, errors);
      await page.context().close();
    });
  }
}

for (const origin of ['same', 'cross']) {
  test(`sent and close arrive in the Inbox exactly as plain objects; the Inbox shows them (${origin} origin)`, async () => {
    const page = await env.page();
    const frame = await openInbox(page, env.sim, `channel=email&origin=${origin}`);
    await settledForm(frame);
    const formOrigin = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
    await frame.click('#submit');
    await waitFor(async () => (await received(page)).some((r) => r.data?.action === 'sent'));
    assert.match(await page.textContent('#toasts'), /The form was submitted/);
    await frame.click('#close');
    await waitFor(async () => (await received(page)).some((r) => r.data?.action === 'close'));
    await waitFor(() => page.isVisible('#form-closed'));
    const [first, sent, close] = await received(page);
    assert.deepEqual(first.data, { action: 'getInteraction' });
    for (const [r, action] of [[sent, 'sent'], [close, 'close']]) {
      assert.deepEqual(r.data, { action });
      assert.deepEqual(Object.keys(r.data), ['action']);
      assert.deepEqual([r.kind, r.plain, r.fromForm, r.origin], ['object', true, true, formOrigin]);
    }
    await page.context().close();
  });
}

test('the target origin is explicit: the form posts to the Inbox\'s origin, never "*"', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=sms');
  await settledForm(frame);
  // Same origin: the form may wrap its parent's postMessage and see the target origin of each post.
  const targets = await frame.evaluate(async () => {
    const seen = [];
    const real = parent.postMessage.bind(parent);
    parent.postMessage = (data, targetOrigin) => { seen.push([data.action, targetOrigin]); real(data, targetOrigin); };
    await window.form.inbox.getInteraction();
    window.form.inbox.sent();
    window.form.inbox.close();
    return seen;
  });
  const o = env.sim.portalOrigin;
  assert.deepEqual(targets, [['getInteraction', o], ['sent', o], ['close', o]]);
  await page.context().close();
});

for (const build of ['esm', 'iife']) {
  test(`manual mode: opened by hand, the form gets NO_INTERACTION and stays usable (${build} build)`, async () => {
    const page = await env.page();
    // t0 comes after the form has asked (openInbox waits for it to be mounted): up to 200 ms after
    // on a loaded machine, so 700 ms and '>= 400' left too little room; 2.5 s and '>= 1500' leave 1 s.
    const frame = await openInbox(page, env.sim, `channel=none&timeoutMs=2500&build=${build}`);
    const t0 = Date.now();
    const state = await settledForm(frame);
    assert.deepEqual([state.status, state.error, state.manual, state.interaction], ['manual', 'NO_INTERACTION', true, null]);
    assert.ok(Date.now() - t0 >= 1500, 'it waited for the timeout');
    assert.match(await frame.textContent('#status'), /Manual mode: opened without an interaction \(NO_INTERACTION\)/);
    assert.equal(await frame.isVisible('#manual'), true);
    assert.deepEqual(state.events.map((e) => e.type), ['sent', 'no-interaction']);
    // The form still reports to the Inbox.
    await frame.fill('#manual-name', 'Walk-in customer');
    await frame.click('#submit');
    await waitFor(async () => (await received(page)).some((r) => r.data?.action === 'sent'));
    assert.deepEqual((await received(page)).map((r) => r.data), [{ action: 'getInteraction' }, { action: 'sent' }]);
    assert.deepEqual(await page.evaluate(() => window.inbox.answers), []);
    await page.context().close();
  });
}

test('a silent Inbox with a conversation selected: NO_INTERACTION after the default 5 s, as the platform\'s helper', async () => {
  const page = await env.page();
  // Timed from the Inbox's receipt of the form's request, not from openInbox's return: that comes up
  // to 200 ms later on a loaded machine, and '>= 4500' left 500 ms.
  await page.addInitScript(() => addEventListener('message', (e) => {
    if (window === window.top && e.data?.action === 'getInteraction') window.askedAt ??= Date.now();
  }));
  const frame = await openInbox(page, env.sim, 'channel=whatsapp&mode=silent');
  const state = await settledForm(frame, 15_000);
  const waited = Date.now() - await page.evaluate(() => window.askedAt);
  assert.equal(state.error, 'NO_INTERACTION');
  assert.ok(waited >= 4500 && waited < 12_000, `waited ${waited} ms`);
  await page.context().close();
});

test('late answers: within the timeout they resolve; after it they are ignored, and asking again works', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=webchat&mode=late:1200');
  const state = await settledForm(frame);
  assert.equal(state.status, 'interaction');
  assertShows(state.interaction, 'webchat');
  const first = state.events.findIndex((e) => e.type === 'answered');
  assert.ok(first > 0);

  // Too late for a 300 ms wait: NO_INTERACTION, then the answer arrives with nobody waiting.
  const late = await getInteraction(frame, { timeoutMs: 300 });
  assert.deepEqual([late.ok, late.code, late.guard], [false, 'NO_INTERACTION', true]);
  await waitFor(() => frame.evaluate(() => window.form.events.some((e) => e.reason === 'unrequested')));
  // The Inbox answers at once again: the next call gets the interaction.
  await page.evaluate(() => window.inbox.setMode('answer'));
  const again = await getInteraction(frame);
  assert.equal(again.ok, true);
  assertShows(again.interaction, 'webchat');
  await page.context().close();
});

test('concurrent calls all resolve with the next answer (unlike the platform\'s one-resolver helper)', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=sms&mode=late:800');
  await settledForm(frame);
  // The Inbox holds its answers: the third call is made once the first two have reached it, and
  // before any answer (an order, not a pause).
  await page.evaluate(() => window.inbox.setMode('silent'));
  const asked = async () => (await received(page)).filter((r) => r.data?.action === 'getInteraction').length;
  await frame.evaluate(() => {
    const inbox = window.form.inbox;
    window.calls = [inbox.getInteraction(), inbox.getInteraction({ timeoutMs: 4000 })];
  });
  await waitFor(async () => (await asked()) === 3);
  await frame.evaluate(() => window.calls.push(window.form.inbox.getInteraction()));
  await waitFor(async () => (await asked()) === 4);
  // Then it answers each of the three, as late as it likes.
  await page.evaluate(() => { for (let i = 0; i < 3; i++) window.inbox.post({ action: 'interaction', interaction: window.inbox.current() }); });
  const results = await frame.evaluate(async () => (await Promise.allSettled(window.calls))
    .map((r) => (r.status === 'fulfilled' ? [r.value.channel, r.value.clientId] : [r.reason.code])));
  assert.deepEqual(results, [['sms', '098765432'], ['sms', '098765432'], ['sms', '098765432']]);
  // Three asked, three answered: the first answer resolved all three, the two others were logged.
  await waitFor(() => frame.evaluate(() => window.form.events.filter((e) => e.reason === 'unrequested').length === 2));
  assert.equal(await asked(), 4);
  await page.context().close();
});

for (const origin of ['same', 'cross']) {
  test(`two copies of the library in one form (ES module and script tag): each gets the interaction; one destroyed, the other still works (${origin} origin)`, async () => {
    const page = await env.page();
    const frame = await openInbox(page, env.sim, `build=esm&origin=${origin}&channel=sms`);
    await settledForm(frame);
    const r = await frame.evaluate(async () => {
      await new Promise((resolve, reject) => {
        const s = Object.assign(document.createElement('script'), { src: '/dist/ucontact-bridge.iife.min.js', onload: resolve, onerror: reject });
        document.head.append(s);
      });
      const other = window.UContactBridge.connectInbox({ allowedOrigins: new URLSearchParams(location.search).get('inbox') || location.origin });
      const mine = window.form.inbox;
      const distinct = window.UContactBridge.connectInbox !== window.form.bridge.connectInbox;
      const both = await Promise.all([mine.getInteraction(), other.getInteraction()]);
      // One answer, one object for every listener of the page: each copy's caller has its own.
      const shared = both[0].raw === both[1].raw || both[0].columns === both[1].columns;
      other.destroy();
      const gone = await other.getInteraction().then(() => 'resolved', (e) => e.code);
      const after = await mine.getInteraction();
      return { distinct, gone, shared, read: [...both, after].map((i) => [i.channel, i.clientId]) };
    });
    assert.ok(r.distinct, 'two distinct copies of the library');
    assert.equal(r.shared, false, "the two copies' callers were handed one answer object");
    assert.deepEqual(r.read, [['sms', '098765432'], ['sms', '098765432'], ['sms', '098765432']]);
    assert.equal(r.gone, 'DESTROYED');
    // One request per call of each copy, each a plain object from the form.
    const asked = (await received(page)).filter((x) => x.data?.action === 'getInteraction');
    assert.equal(asked.length, 4);
    await page.context().close();
  });
}

// A form that rewrites itself after load (document.write, which calls document.open) as a legacy
// page does: the browser erases every listener of the window, the client's too, while the client,
// kept in the page's globals, lives on. Its next request then went unheard (NO_INTERACTION).
for (const origin of ['same', 'cross']) {
  test(`a form that rewrites itself with document.write after load still gets the interaction (${origin} origin)`, async () => {
    const page = await env.page();
    const frame = await openInbox(page, env.sim, `channel=sms&origin=${origin}&timeoutMs=60000`);
    assert.equal((await settledForm(frame)).interaction.channel, 'sms');
    await frame.evaluate(() => {
      document.open();
      document.write('<!doctype html><p>Rewritten.</p>');
      document.close();
    });
    const again = await getInteraction(frame, { timeoutMs: 10_000 });
    assert.equal(again.ok, true, again.message);
    assert.equal(again.interaction.channel, 'sms');
    await page.context().close();
  });
}

test('timeouts, abort and destroy in the browser', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=email&mode=silent&timeoutMs=60000');
  // Upper bounds are orders (\`late\`: before a timer of the form due at 3 s), not times: \`ms < 3000\`
  // failed when the machine stalled the page that long.
  const timeout = await getInteraction(frame, { timeoutMs: 300 }, { lateAfterMs: 3000 });
  assert.equal(timeout.code, 'NO_INTERACTION');
  assert.ok(timeout.ms >= 290 && !timeout.late, `${timeout.ms} ms`);
  assert.match(timeout.message, /^getInteraction: no answer from the Inbox within 300 ms/);

  const before = (await received(page)).length;
  const pre = await getInteraction(frame, {}, { abortAfterMs: 0 });
  assert.equal(pre.code, 'ABORTED');
  assert.equal((await received(page)).length, before, 'an aborted call posts nothing');
  const aborted = await getInteraction(frame, {}, { abortAfterMs: 150, lateAfterMs: 3000 });
  assert.equal(aborted.code, 'ABORTED');
  assert.equal(aborted.late, false);

  const destroyed = await frame.evaluate(async () => {
    const inbox = window.form.inbox;
    const pending = inbox.getInteraction().catch((e) => e.code);
    inbox.destroy();
    const after = await inbox.getInteraction().catch((e) => e.code);
    let close;
    try { inbox.close(); } catch (e) { close = e.code; }
    return [await pending, after, close];
  });
  assert.deepEqual(destroyed, ['DESTROYED', 'DESTROYED', 'DESTROYED']);
  // A destroyed client has no listener: the Inbox's answer reaches nobody and is not even logged.
  const count = await frame.evaluate(() => window.form.events.length);
  await page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: window.inbox.current() }));
  await heardFromInbox(page, frame);
  assert.equal(await frame.evaluate(() => window.form.events.length), count);
  await page.context().close();
});

test('not framed: the form opened in its own tab gets NOT_EMBEDDED at once and offers the manual mode', async () => {
  for (const file of ['index.html', 'iife.html']) {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/inbox-form/${file}?timeoutMs=60000`);
    await waitFor(() => page.evaluate(() => window.form?.ready === true));
    const state = await settledForm(page.mainFrame(), 3000);
    assert.deepEqual([state.status, state.error, state.embedded], ['manual', 'NOT_EMBEDDED', false]);
    assert.match(await page.textContent('#status'), /not inside the Inbox \(NOT_EMBEDDED\)/);
    const r = await getInteraction(page.mainFrame(), { timeoutMs: 60_000 }, { lateAfterMs: 1000 });
    assert.equal(r.code, 'NOT_EMBEDDED');
    assert.equal(r.late, false, `${r.ms} ms`);
    await page.click('#close');
    assert.match(await page.textContent('#results'), /close: NOT_EMBEDDED/);
    await page.context().close();
  }
});

test('an Inbox whose origin the form does not allow: ORIGIN_REJECTED at once, nothing posted', async () => {
  const page = await env.page();
  // The form on the second origin, without allowedOrigins naming the Inbox: its own origin only.
  const url = `${env.sim.formOrigin}/inbox-form/index.html?timeoutMs=60000`;
  const frame = await openInbox(page, env.sim, `formUrl=${encodeURIComponent(url)}`);
  const state = await settledForm(frame, 3000);
  assert.deepEqual([state.status, state.error], ['error', 'ORIGIN_REJECTED']);
  assert.deepEqual(await received(page), []);
  await page.context().close();
});

test("unsafeAllowAnyOrigin and a parent with an opaque origin (a data: page): the request reaches it with '*', no SyntaxError", async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/inbox-form/index.html?timeoutMs=60000`);
  // A data: frame has an opaque origin (ancestorOrigins 'null'); it frames the form and answers like the Inbox.
  const form = `${env.sim.portalOrigin}/inbox-form/index.html?timeoutMs=60000`;
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = `data:text/html,${encodeURIComponent(`<iframe name="opaqueChild" src="${src}"></iframe><script>
      addEventListener('message', (e) => { if (e.data && e.data.action === 'getInteraction') e.source.postMessage({ action: 'interaction', interaction: { channel: 'sms' } }, '*'); });
    </script>`)}`;
    document.body.append(f);
  }, form);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'opaqueChild' });
    return frame ? frame.evaluate(() => window.form?.ready === true).catch(() => false) : false;
  });
  const r = await frame.evaluate(async () => {
    const client = window.form.bridge.connectInbox({ unsafeAllowAnyOrigin: true, timeoutMs: 5000 });
    try {
      return { ancestor: location.ancestorOrigins[0], channel: (await client.getInteraction()).channel };
    } catch (e) {
      return { ancestor: location.ancestorOrigins[0], error: `${e.name} ${e.code}` };
    }
  });
  assert.deepEqual(r, { ancestor: 'null', channel: 'sms' });
  await page.context().close();
});

test('the simulator: a conversation picked while the form waits reloads the form, which gets its own interaction only', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=telephony&mode=late:1500');
  await select(page, frame, 'email');
  const state = await settledForm(frame);
  assertShows(state.interaction, 'email');
  assert.equal(await frame.evaluate(() => window.form.events.filter((e) => e.type === 'answered').length), 1);
  await page.context().close();
});
