// The interactions the simulated uContact X Inbox hands its form, one per channel, shaped as spec
// section 7 says real ones are: the fields differ per channel, `data.CAMPAIGN` and `data.CONTACT`
// are escaped JSON text, several flags are the strings "true"/"false", the list's columns sit under
// `data.<Column>` (webchat has no `data`: `extraInfo.customFields`), and there are fields nobody
// documented. As real answers also have: `form` is the URL the form project is published at,
// `startDate`/`answerDate` on every channel, a call's own variables in `data` beside the columns,
// and a text channel's conversation so far in `messages`. `lastMessage.source` is who wrote last, as
// real ones carry it: the agent's user (`agent1001`) or a flow's bot step (`PideNombre`); a public form
// reads it first as the agent's login (`lastMessage.source || source || agent || user`).
// Served to the browser (demo/inbox/inbox.mjs) and imported by the unit tests, so both read the same.

const json = (value) => JSON.stringify(value);

// Where the platform publishes a form project: `https://<instance>/forms/<Project>/` (the project's
// own base code takes its name from the path).
const form = (project) => `https://acme.ucontactcloud.com/forms/${project}/`;

const campaign = (name, type, channel, extra = {}) => json({ name, type, channel, queue: name.replace(/[<>-]+$/, '').toLowerCase(), ...extra });

/**
 * A conversation's avatar: the first letters of the name's first two words, each a whole character
 * (a name may start with a letter outside the BMP, two UTF-16 units); '?' when the name has none.
 */
export const initials = (name) =>
  name.replace(/[^\p{L} ]/gu, '').split(' ').filter(Boolean).slice(0, 2).map((w) => String.fromCodePoint(w.codePointAt(0)).toUpperCase()).join('') || '?';

/** The conversations of the agent's Inbox, in list order; `preview` and `time` are for the list only. */
export const INTERACTIONS = [
  {
    preview: 'Incoming call · 00:03:12', time: '10:42',
    interaction: {
      guid: 'b1d6c0a2-5f3e-4c8b-9a71-2e4f6d8c0a13',
      channel: 'telephony',
      campaign: 'Soporte<-',
      clientId: '099555014',
      clientName: 'Ana Pérez',
      agent: 'agent1001',
      user: 'agent1001',
      source: '099555014',
      interactionId: 'b1d6c0a2-5f3e-4c8b-9a71-2e4f6d8c0a13',
      form: form('Soporte'),
      startDate: '2026-11-24 10:38:55',
      answerDate: '2026-11-24 10:39:26',
      lastMessage: { source: 'agent1001', type: 'call', date: '2026-11-24 10:42:07' },
      stored_values: { interaction_channel: 'telephony', interaction_campaign: 'Soporte<-', recording: 'true', transferred: 'false' },
      // The call's own variables (the number dialled, the agent's extension and user, …) share `data`
      // with the list's columns.
      data: {
        DIALED_NUMBER: '29001234',
        direction: 'inbound',
        isTransfer: 'false',
        DIALEDPEERNUMBER: '1001',
        MEMBERNAME: 'agent1001',
        CAMPAIGN: campaign('Soporte<-', 'inbound', 'telephony', { dispositions: true }),
        CONTACT: json({ id: 15422, name: 'Ana Pérez', phone: '099555014', email: 'ana.perez@example.com', vip: true }),
        Plan: 'Fibra 300',
        Deuda: '1520.50',
        Cliente_VIP: 'true',
        Ultima_visita: '2026-10-02',
      },
      holdTime: 0,
      queueTime: '00:00:31',
    },
  },
  {
    preview: '¡Gracias! ¿Me decís tu nombre completo?', time: '10:38',
    interaction: {
      guid: '5c0e9f8a-1b2d-4e3f-8a9b-7c6d5e4f3a21',
      channel: 'whatsapp',
      campaign: 'Ventas WA',
      clientId: '59899123456',
      clientName: 'Martín Rodríguez',
      agent: 'agent1001',
      user: 'agent1001',
      source: '59899123456',
      interactionId: 'wa-20261124-0107',
      form: form('Ventas'),
      startDate: '2026-11-24 10:37:02',
      answerDate: '2026-11-24 10:38:51',
      // The flow's bot asked last, at its step PideNombre, before the agent took the conversation.
      lastMessage: { id: 1108, source: 'PideNombre', type: 'text', text: '¡Gracias! ¿Me decís tu nombre completo?', date: '2026-11-24 10:38:32' },
      // The conversation so far, oldest first.
      messages: [
        { id: 1106, channelId: 'wamid.HBgLNTk4OTkxMjM0NTYVAgASGBQzRUIwMUE2', text: 'Buenas', attachments: [] },
        { id: 1107, channelId: 'wamid.HBgLNTk4OTkxMjM0NTYVAgASGBQzRUIwMUE3', text: 'Hola, quiero cambiar mi plan', attachments: [] },
        { id: 1108, channelId: 'wamid.HBgLNTk4OTkxMjM0NTYVAgASGBQzRUIwMUE4', text: '¡Gracias! ¿Me decís tu nombre completo?', attachments: [] },
      ],
      stored_values: { interaction_channel: 'whatsapp', interaction_campaign: 'Ventas WA', optIn: 'true' },
      data: {
        // Escaped twice, as some flows store it: the normaliser reads through both levels.
        CAMPAIGN: json(campaign('Ventas WA', 'inbound', 'whatsapp', { template: 'bienvenida_v2' })),
        CONTACT: json({ id: 20931, name: 'Martín Rodríguez', whatsapp: '59899123456', segment: 'residencial' }),
        Plan: 'Fibra 100',
        Acepta_promos: 'false',
        Origen: 'landing-verano',
      },
      unread: 2,
      isNew: 'true',
    },
  },
  {
    preview: 'Sí, llega a Salto en 48 horas.', time: '10:31',
    interaction: {
      guid: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
      channel: 'webchat',
      campaign: 'Tienda Web',
      clientId: 'visitor-8f3a2c',
      clientName: 'Lucía Gómez',
      agent: 'agent1001',
      user: 'agent1001',
      source: 'https://shop.example.com/checkout',
      interactionId: 'wc-20261124-0031',
      form: form('Tienda'),
      startDate: '2026-11-24 10:30:40',
      answerDate: '2026-11-24 10:31:02',
      // The agent answered last.
      lastMessage: { source: 'agent1001', type: 'text', text: 'Sí, llega a Salto en 48 horas.', date: '2026-11-24 10:31:48' },
      stored_values: { interaction_channel: 'webchat', interaction_campaign: 'Tienda Web' },
      extraInfo: {
        browser: 'Firefox 132',
        page: 'https://shop.example.com/checkout',
        customFields: { Email: 'lucia.gomez@example.com', Pedido: 'A-88123', Acepta_terminos: 'true' },
      },
      // No `data` at all on a webchat: its fields are the customFields above.
    },
  },
  {
    preview: 'Re: Factura de noviembre', time: '09:57',
    interaction: {
      guid: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a3f2e1d0c',
      channel: 'email',
      campaign: 'Facturacion',
      clientId: 'jorge.silva@example.com',
      clientName: 'Jorge Silva',
      agent: 'agent1001',
      user: 'agent1001',
      source: 'jorge.silva@example.com',
      interactionId: 'em-20261124-0442',
      form: form('Facturacion'),
      startDate: '2026-11-24 09:57:40',
      answerDate: '2026-11-24 10:02:13',
      // The agent's reply, the invoice attached.
      lastMessage: { source: 'agent1001', subject: 'Re: Factura de noviembre', date: '2026-11-24 10:05:12', attachments: 1 },
      stored_values: { interaction_channel: 'email', interaction_campaign: 'Facturacion', hasAttachments: 'true' },
      data: {
        CAMPAIGN: campaign('Facturacion', 'inbound', 'email', { mailbox: 'facturas@example.com' }),
        CONTACT: json({ id: 11802, name: 'Jorge Silva', email: 'jorge.silva@example.com', company: 'Silva & Hijos' }),
        Numero_cliente: '11802',
        Factura: 'F-2026-11-0093',
        Reclamo_abierto: 'false',
      },
      cc: ['contabilidad@example.com'],
    },
  },
  {
    preview: 'OK, confirmo la visita', time: '09:20',
    interaction: {
      guid: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      channel: 'sms',
      campaign: 'Agenda SMS->',
      clientId: '098765432',
      clientName: 'Carla Núñez',
      agent: 'agent1001',
      user: 'agent1001',
      source: '098765432',
      interactionId: 'sms-20261124-0012',
      form: form('Agenda'),
      startDate: '2026-11-24 09:20:13',
      answerDate: '2026-11-24 09:20:13',
      lastMessage: { source: 'client', text: 'OK, confirmo la visita', date: '2026-11-24 09:20:13' },
      stored_values: { interaction_channel: 'sms', interaction_campaign: 'Agenda SMS->' },
      data: {
        CAMPAIGN: campaign('Agenda SMS->', 'outbound', 'sms'),
        // Not JSON: kept as the text it is.
        CONTACT: 'Carla Núñez',
        Visita: '2026-11-26 15:00:00',
        Confirmada: 'TRUE',
        Tecnico: 'R. Ferreira',
      },
    },
  },
  {
    preview: '¿A qué hora abren?', time: 'Yesterday',
    interaction: {
      guid: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      channel: 'messenger',
      campaign: 'Redes',
      clientId: '7391028455126604',
      clientName: 'Pablo Méndez',
      agent: 'agent1001',
      user: 'agent1001',
      source: 'facebook-page-acme',
      interactionId: 'fb-20261123-0290',
      form: form('Redes'),
      startDate: '2026-11-23 19:02:44',
      answerDate: '2026-11-23 19:05:10',
      lastMessage: { source: 'client', text: '¿A qué hora abren?', date: '2026-11-23 19:02:44' },
      stored_values: { interaction_channel: 'messenger', interaction_campaign: 'Redes' },
      data: {
        CAMPAIGN: campaign('Redes', 'inbound', 'messenger'),
        CONTACT: json({ id: 40113, name: 'Pablo Méndez', page: 'acme' }),
        Sucursal: 'Centro',
      },
    },
  },
  {
    preview: 'Me encantó el producto 😍', time: 'Yesterday',
    interaction: {
      guid: '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
      channel: 'instagram',
      campaign: 'Redes',
      clientId: 'ig-17841405822304914',
      clientName: '@sofi.design',
      agent: 'agent1001',
      user: 'agent1001',
      source: 'instagram-acme',
      interactionId: 'ig-20261123-0077',
      form: form('Redes'),
      startDate: '2026-11-23 18:11:09',
      answerDate: '2026-11-23 18:15:33',
      lastMessage: { source: 'client', text: 'Me encantó el producto 😍', date: '2026-11-23 18:11:09' },
      stored_values: { interaction_channel: 'instagram', interaction_campaign: 'Redes', story_reply: 'true' },
      data: {
        CAMPAIGN: campaign('Redes', 'inbound', 'instagram'),
        CONTACT: json({ id: 40288, name: 'Sofía', handle: '@sofi.design' }),
        Seguidor: 'true',
      },
    },
  },
];
