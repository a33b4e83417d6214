// The simulator's form framework stand-in in Node: the table store behind the database helpers,
// and the HTTP side (the generated integraFramework.js per browser session, the helpers' answers
// and fault modes). The browser side is in e2e/desk.e2e.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { createTableStore, SqlError } from '../../demo/framework/tables.mjs';
import { startSimulator } from '../../demo/server.mjs';
import { createRestSimulator } from '../../demo/rest/simulator.mjs';
import { COOKIE, LOG_LIMIT, MAX_SESSIONS } from '../../demo/framework/sessions.mjs';
import { HELPERS, HelperError } from '../../demo/framework/helpers.mjs';
import { mapEntriesWalked } from '../support/map-walks.mjs';
import { createUContactClient } from '../../dist/http.js';

test('tables: SELECT with columns, = and LIKE joined by AND (quoted values may hold "and"), ORDER BY, LIMIT', () => {
  const t = createTableStore({ people: [
    { id: 1, name: 'Ana', city: 'Montevideo', note: 'tom and jerry' },
    { id: 2, name: 'Juan', city: 'Salto', note: "O'Brien" },
    { id: 3, name: 'Marta', city: 'Montevideo', note: '' },
  ] });
  assert.deepEqual(t.select("SELECT name FROM ccrepo.People WHERE city = 'Montevideo' ORDER BY id DESC"), [{ name: 'Marta' }, { name: 'Ana' }]);
  assert.deepEqual(t.select("select id from people where note = 'tom and jerry' and city like 'mont%'"), [{ id: 1 }]);
  assert.deepEqual(t.select("SELECT id FROM people WHERE note = 'O''Brien'"), [{ id: 2 }]);
  assert.deepEqual(t.select('SELECT id FROM people WHERE id = 2;'), [{ id: 2 }], 'numbers compare as numbers');
  assert.deepEqual(t.select('SELECT * FROM people LIMIT 1'), [{ id: 1, name: 'Ana', city: 'Montevideo', note: 'tom and jerry' }]);
  assert.deepEqual(t.select("SELECT missing FROM people WHERE name = 'Ana'"), [{ missing: null }]);
});

test('tables: = compares in any letter case, as LIKE does and MySQL\'s default collations do: a customer found by the e-mail address an agent typed', () => {
  const t = createTableStore();
  // CRMLite's lookup, as written: the value in double quotes, LIMIT 1.
  assert.deepEqual(t.select('SELECT idcustomer FROM ccrepo.customers WHERE email = "Ana.Perez@Example.com" LIMIT 1'), [{ idcustomer: '41' }]);
  assert.deepEqual(t.select("SELECT did FROM ccdata.queues WHERE name = 'SALES->'"), [{ did: '24000000' }]);
  assert.equal(t.exec("UPDATE customers SET plan = 'platinum' WHERE name = 'juan díaz'"), 1);
  assert.deepEqual(t.select("SELECT plan FROM customers WHERE idcustomer = '71'"), [{ plan: 'platinum' }]);
  assert.equal(t.exec("DELETE FROM customers WHERE name = 'MARTA SILVA'"), 1);
  // Still the whole value, not a part of it.
  assert.deepEqual(t.select("SELECT id FROM customers WHERE name = 'ana'"), []);
});

// gbaccino/uc-v6-vue3-form fills its catalogs with `SELECT id, nombre FROM ccrepo.PERUCOMPRAS_region
// ORDER BY nombre` (src/index.js, the PERUCOMPRAS interactions version) over the rows of its
// database/insert.sql ('Amazonas', 'Áncash', 'Apurímac', …), and searches `nombre_usuario LIKE '%…%'`
// (the Atenciones_Presenciales version) and `i.razon_social LIKE '%…%'`. MySQL's default collations
// (utf8_general_ci, utf8mb4_general_ci, utf8mb4_0900_ai_ci) ignore accents as they ignore letter case:
// 'Áncash' sorts between 'Amazonas' and 'Apurímac', and '%perez%' finds 'Pérez'.
test('tables: texts compare and sort without their accents, as MySQL\'s default collations do: the catalogs of a real form in order, a name found as typed', () => {
  const t = createTableStore();
  assert.equal(t.exec(`INSERT INTO ccrepo.PERUCOMPRAS_region (nombre) VALUES
('Amazonas'),
('Áncash'),
('Apurímac'),
('Arequipa'),
('Huancavelica'),
('Huánuco'),
('Ica');`), 7);
  assert.deepEqual(t.select('SELECT id, nombre FROM ccrepo.PERUCOMPRAS_region ORDER BY nombre').map((r) => r.nombre),
    ['Amazonas', 'Áncash', 'Apurímac', 'Arequipa', 'Huancavelica', 'Huánuco', 'Ica']);
  assert.deepEqual(t.select("SELECT id FROM ccrepo.PERUCOMPRAS_region WHERE nombre = 'ANCASH'"), [{ id: 2 }]);
  assert.deepEqual(t.select("SELECT id FROM ccrepo.PERUCOMPRAS_region WHERE nombre IN ('huanuco', 'x')"), [{ id: 6 }]);
  assert.deepEqual(t.select("SELECT id FROM ccrepo.PERUCOMPRAS_region WHERE nombre > 'Apurimac' AND nombre < 'huanuco'"), [{ id: 4 }, { id: 5 }]);
  assert.equal(t.exec("INSERT INTO ccrepo.PERUCOMPRAS_Atenciones_Presenciales (documento, nombre_usuario) VALUES ('20123456789', 'Juan Pérez Mendoza'), ('10456', 'Núñez')"), 2);
  assert.deepEqual(t.select("SELECT documento FROM ccrepo.PERUCOMPRAS_Atenciones_Presenciales WHERE nombre_usuario LIKE '%perez%' LIMIT 100"), [{ documento: '20123456789' }]);
  assert.deepEqual(t.select("SELECT documento FROM ccrepo.PERUCOMPRAS_Atenciones_Presenciales WHERE nombre_usuario LIKE 'NUNEZ'"), [{ documento: '10456' }]);
  // GROUP BY and a LEFT JOIN's lookup by value group and match as `=` does.
  assert.equal(t.exec("INSERT INTO visits (nombre) VALUES ('Perú'), ('peru'), ('Chile')"), 3);
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM visits GROUP BY nombre ORDER BY n DESC'), [{ n: 2 }, { n: 1 }]);
  assert.deepEqual(t.select("SELECT v.id, r.id AS rid FROM visits v LEFT JOIN ccrepo.PERUCOMPRAS_region r ON v.nombre = r.nombre WHERE v.id = 1"), [{ id: 1, rid: null }]);
  assert.equal(t.exec("INSERT INTO ccrepo.PERUCOMPRAS_region (nombre) VALUES ('PERÚ')"), 1);
  assert.deepEqual(t.select("SELECT v.id, r.id AS rid FROM visits v LEFT JOIN ccrepo.PERUCOMPRAS_region r ON v.nombre = r.nombre ORDER BY v.id"), [{ id: 1, rid: 8 }, { id: 2, rid: 8 }, { id: 3, rid: null }]);
  // Still the whole text: a letter is not its neighbour, and 'n' is not 'nn'.
  assert.deepEqual(t.select("SELECT id FROM ccrepo.PERUCOMPRAS_region WHERE nombre = 'Ancas' OR nombre = 'Icaa'"), []);
});

// DISTINCT compares rows with the column's collation as `=` does: 'Perú', 'peru' and 'PERU' are one
// value to MySQL (the first row of each set is kept), as GROUP BY above groups them.
test('tables: SELECT DISTINCT keeps one row of texts that differ only in letter case or accents, as MySQL does', () => {
  const t = createTableStore();
  assert.equal(t.exec("INSERT INTO visits (nombre, canal) VALUES ('Perú', 'web'), ('peru', 'WEB'), ('PERU', 'phone'), ('Chile', 'web'), ('Perd', 'web')"), 5);
  assert.deepEqual(t.select('SELECT DISTINCT nombre FROM visits'), [{ nombre: 'Perú' }, { nombre: 'Chile' }, { nombre: 'Perd' }]);
  assert.deepEqual(t.select('SELECT DISTINCT nombre, canal FROM visits'),
    [{ nombre: 'Perú', canal: 'web' }, { nombre: 'PERU', canal: 'phone' }, { nombre: 'Chile', canal: 'web' }, { nombre: 'Perd', canal: 'web' }]);
  // A number and a text stay apart (a column holds one type in MySQL; here each as written).
  assert.equal(t.exec("INSERT INTO nums (v) VALUES (5), ('5'), (5)"), 3);
  assert.deepEqual(t.select('SELECT DISTINCT v FROM nums'), [{ v: 5 }, { v: '5' }]);
});

// MySQL names columns in any letter case: gmorales254/OTCAuto (OTCAuto/OTCAuto.js, loadCustomer) looks a
// customer up `WHERE ID = "…"`; a column spelt otherwise than the row's read as missing (null, no match).
test('tables: a column is named in any letter case, as MySQL names columns: read, compared, qualified, set', () => {
  const t = createTableStore();
  assert.deepEqual(t.select('SELECT * FROM ccrepo.customers WHERE ID = "2" LIMIT 1').map((r) => r.name), ['Juan Díaz']);
  // The item is labelled as written, as MySQL labels it; its value is the column's.
  assert.deepEqual(t.select("SELECT NAME, c.Phone FROM customers c WHERE C.EMAIL LIKE 'ana%'"), [{ NAME: 'Ana Pérez', Phone: '099100001' }]);
  assert.deepEqual(t.select('SELECT c.name, q.Did FROM customers c LEFT JOIN queues q ON q.NAME = c.Plan WHERE c.Id IN (1)'), [{ name: 'Ana Pérez', Did: null }]);
  // SET writes the row's column, not a second one beside it.
  assert.equal(t.exec("UPDATE customers SET PLAN = 'platinum' WHERE Idcustomer = '71'"), 1);
  assert.deepEqual(t.select("SELECT * FROM customers WHERE id = 2"), [{ id: 2, idcustomer: '71', name: 'Juan Díaz', phone: '099200001', email: 'juan.diaz@example.com', plan: 'platinum' }]);
  // A row with both spellings (a form's own `ID` beside the store's `id`): the exact one.
  const own = createTableStore({ otcauto_customers: [{ id: 1, ID: 'AB12', fullname: 'Ana' }] });
  assert.deepEqual(own.select('SELECT id, ID FROM OTCAuto_customers WHERE ID = "ab12" AND id = 1'), [{ id: 1, ID: 'AB12' }]);
});

// MySQL compares a text with a number as numbers (the text's leading number, 0 without one): a form
// writing a phone unquoted, `WHERE phone = 099100001`, finds '099100001'; compared as text
// ('99100001') it found nothing.
test('tables: a number compared with a text compares as numbers, as MySQL converts the text', () => {
  const t = createTableStore();
  assert.deepEqual(t.select('SELECT name FROM customers WHERE phone = 099100001'), [{ name: 'Ana Pérez' }]);
  assert.deepEqual(t.select('SELECT id FROM customers WHERE phone IN (099100002, 99200001) ORDER BY id'), [{ id: 2 }, { id: 3 }]);
  assert.deepEqual(t.select('SELECT id FROM customers WHERE idcustomer <> 41 ORDER BY id'), [{ id: 2 }, { id: 3 }]);
  assert.deepEqual(t.select("SELECT id FROM customers WHERE id = '02' OR id = ' 3abc'"), [{ id: 2 }, { id: 3 }]);
  // A text that starts with no number is 0, as in MySQL: every name equals 0, none equals 1.
  assert.equal(t.select('SELECT id FROM customers WHERE name = 0').length, 3);
  assert.deepEqual(t.select('SELECT id FROM customers WHERE name = 1'), []);
  // Texts still compare as texts: '099100001' is not '99100001'.
  assert.deepEqual(t.select("SELECT id FROM customers WHERE phone = '99100001'"), []);
  assert.equal(t.exec('DELETE FROM customers WHERE phone = 99200001'), 1);
});

test('tables: the platform tables real forms query (ccdata.dispositions, queues_agents, queues), SELECT DISTINCT, as they write it', () => {
  const t = createTableStore();
  // CRMLite's and the Vue forms' queries, as written (lowercase keywords, a line break, a dsn aside).
  assert.deepEqual(t.select("SELECT distinct value1 FROM ccdata.dispositions WHERE campaign = 'Sales->' AND channel = 'telephony'"),
    [{ value1: 'Sale' }, { value1: 'Callback' }, { value1: 'Not interested' }, { value1: 'Do not call' }]);
  assert.deepEqual(t.select("SELECT distinct value2 from ccdata.dispositions where \n    value1 = 'Sale' and campaign = 'Sales->' AND channel = 'telephony'"),
    [{ value2: 'Closed' }, { value2: 'Pending' }]);
  assert.deepEqual(t.select("SELECT DISTINCT queuename FROM ccdata.queues_agents WHERE agent = 'agent1002' AND channel = 'telephony' AND queuename LIKE '%->'"),
    [{ queuename: 'Sales->' }]);
  assert.deepEqual(t.select("SELECT did FROM ccdata.queues WHERE name = 'Sales->'"), [{ did: '24000000' }]);
  const rows = t.select("SELECT * FROM ccdata.dispositions WHERE campaign = 'Sales->'");
  assert.deepEqual([...new Set(rows.map((d) => d.action))], ['NOACTION', 'RESCHEDULE', 'BLACKLIST']);
  // DISTINCT before LIMIT.
  assert.deepEqual(t.select('SELECT DISTINCT plan FROM customers LIMIT 2'), [{ plan: 'gold' }, { plan: 'silver' }]);
  // COUNT(*) and aliases, as real forms count rows (`JSON.parse(r)[0].count`); functions no form was seen to send are refused, not answered with nulls.
  assert.deepEqual(t.select("SELECT COUNT(*) as count FROM ccrepo.customers WHERE plan = 'gold'"), [{ count: 1 }]);
  assert.deepEqual(t.select('SELECT count(*) AS "total" FROM customers WHERE plan = \'none\''), [{ total: 0 }]);
  assert.deepEqual(t.select('SELECT COUNT(*) FROM customers'), [{ 'COUNT(*)': 3 }]);
  assert.deepEqual(t.select('SELECT name AS n, phone FROM customers LIMIT 1'), [{ n: 'Ana Pérez', phone: '099100001' }]);
  assert.throws(() => t.select('SELECT MAX(id) AS m FROM customers'), SqlError);
});

// A real Vue form (gbaccino/uc-v6-vue3-form src/index.js, PeruCompras: "Agent IDs in `ccdata.sip`") lists the
// agents and finds the desk agent's id by its Agent.accountcode, then saves that id with each
// interaction. The table was missing: both queries rejected, and the form saved no agent.
test('tables: ccdata.sip, the SIP peers of the agents, as a real form reads it: id, accountcode (the agent), name (the extension)', () => {
  const t = createTableStore();
  assert.deepEqual(t.select('SELECT id, accountcode, name FROM ccdata.sip ORDER BY accountcode'),
    [{ id: 1, accountcode: 'agent1001', name: '1001' }, { id: 2, accountcode: 'agent1002', name: '1002' }]);
  assert.deepEqual(t.select("SELECT id FROM ccdata.sip WHERE accountcode = 'agent1001' LIMIT 1"), [{ id: 1 }]);
});

// `SELECT DISTINCT name FROM customers` over a table a form filled: each row was compared, as JSON
// text, with every row before it (8,000 rows: 12 s, the simulator answering nobody meanwhile).
// gmorales254/CRMLite-Manager (CRMLiteManager/Customers.js, CRMLiteManager.js: the upload button)
// offers the dialers to load a base into from `SELECT campaign FROM ccdata.dialer`, then
// ajaxUploadBase's it there. The store had no such table: the list was empty, no base could go.
test('tables: ccdata.dialer, the dialer campaigns (REST\'s dialer campaign), as CRMLite-Manager lists where a base may go', () => {
  const t = createTableStore();
  const dialerList = JSON.parse(HELPERS.UC_get_async(['SELECT campaign FROM ccdata.dialer', ''], { session: { tables: t } }));
  const objDialers = {};
  dialerList.forEach((element) => { objDialers[element.campaign] = element.campaign; });
  assert.deepEqual(objDialers, { 'Promo->': 'Promo->' });
});

test('tables: SELECT DISTINCT writes each row once as text, whatever the number of rows', () => {
  // A value that counts how often a row holding it is written as JSON text: the work, counted, not timed.
  const writes = (n) => {
    let count = 0;
    const t = createTableStore({ t: Array.from({ length: n }, (_, i) => ({ v: { toJSON: () => (count++, i % (n / 2)) } })) });
    assert.equal(t.select('SELECT DISTINCT v FROM t').length, n / 2, 'the first of each set of equal rows');
    return count;
  };
  const small = writes(500);
  const large = writes(4000);
  // Linear: 8 times the writes for 8 times the rows; a comparison with every earlier row made it 64.
  assert.ok(large <= small * 10, `${small} writes for 500 rows, ${large} for 4,000`);
});

test('tables: INSERT, UPDATE, DELETE; insert and update of row objects; ids assigned', () => {
  const t = createTableStore({});
  assert.equal(t.exec("INSERT INTO ccrepo.notes (guid, note, n) VALUES ('g-1', 'a, b', 7)"), 1);
  t.insert('notes', { id: null, guid: 'g-2', note: 'x' });
  assert.deepEqual(t.dump().notes, [{ guid: 'g-1', note: 'a, b', n: 7, id: 1 }, { id: 2, guid: 'g-2', note: 'x' }]);
  assert.equal(t.exec("UPDATE notes SET note = 'y', n = NULL WHERE guid = 'g-1'"), 1);
  assert.equal(t.update('notes', { guid: 'g-2', note: 'z' }, 'guid'), 1);
  assert.deepEqual(t.select('SELECT note, n FROM notes ORDER BY id'), [{ note: 'y', n: null }, { note: 'z', n: null }]);
  assert.equal(t.exec("DELETE FROM notes WHERE guid = 'g-1'"), 1);
  assert.equal(t.select('SELECT * FROM notes').length, 1);
});

// A real Vue form's saveForm() clears its settings table before writing it, through
// UC_exec_async("DELETE FROM ccrepo.InteractionAISettings_Agents;", "", true), and MySQL takes the
// trailing `;`: the table's name took it in (`interactionaisettings_agents;`), and the form got "ERROR".
test('tables: a statement ending in `;` right after its table name (DELETE and SELECT without WHERE), as real forms write it', () => {
  const t = createTableStore({});
  assert.equal(t.exec('INSERT INTO ccrepo.InteractionAISettings_Agents (campaign, agent_name) VALUES ("Sales->", "*");'), 1);
  assert.equal(t.exec('INSERT INTO ccrepo.InteractionAISettings_Agents (campaign, agent_name) VALUES ("Promo->", "agent1001");'), 1);
  assert.equal(t.select('SELECT * FROM ccrepo.InteractionAISettings_Agents;').length, 2);
  assert.deepEqual(t.select('SELECT agent_name FROM ccrepo.InteractionAISettings_Agents ;'), [{ agent_name: '*' }, { agent_name: 'agent1001' }]);
  assert.deepEqual(t.select('SELECT campaign FROM ccrepo.InteractionAISettings_Agents ORDER BY campaign;'), [{ campaign: 'Promo->' }, { campaign: 'Sales->' }]);
  assert.equal(t.exec('DELETE FROM ccrepo.InteractionAISettings_Agents;'), 2);
  assert.deepEqual(t.select('SELECT * FROM ccrepo.InteractionAISettings_Agents'), []);
  // The helper as the form calls it: "OK", not "ERROR".
  const session = { tables: createTableStore({ interactionaisettings_dispositions: [{ id: 1, campaign: 'Sales->', value1: '*' }] }) };
  assert.equal(HELPERS.UC_exec_async(['DELETE FROM ccrepo.InteractionAISettings_Dispositions;', '', true], { session }), 'OK');
  assert.deepEqual(session.tables.dump().interactionaisettings_dispositions, []);
  // Still refused: a name with a `;` inside it, and a second statement after the first.
  assert.throws(() => t.select('SELECT * FROM a;b'), SqlError);
  assert.throws(() => t.exec('DELETE FROM customers; DROP TABLE customers'), SqlError);
});

// A form saving row after row (UC_Save_async of an import) into a table: each insert without an id
// read the id of every row to find the next one (8,000 rows: 2 s of the simulator answering nobody).
test('tables: inserting n rows without ids reads the ids already there once, not once per row', () => {
  // Ids that count how often they are read: the work, counted, not timed.
  const reads = (n) => {
    let count = 0;
    const t = createTableStore({ t: Array.from({ length: n }, (_, i) => ({ id: { valueOf: () => (count++, i + 1) } })) });
    for (let i = 0; i < n; i++) t.insert('t', { note: 'x' });
    assert.equal(t.exec('DELETE FROM t WHERE note = \'x\''), n);
    t.insert('t', { note: 'y' });
    assert.deepEqual(t.select("SELECT id FROM t WHERE note = 'y'"), [{ id: n + 1 }], 'the next id after the largest');
    return count;
  };
  const small = reads(500);
  const large = reads(4000);
  // Linear: 8 times the reads for 8 times the rows; a scan per insert made it 64.
  assert.ok(large <= small * 10, `${small} reads for 500 rows, ${large} for 4,000`);
});

// A form's table filled by an import (inserts are linear now): its DELETE passed the rows it kept as
// one argument each, which overflows the stack past about 120,000 (a RangeError, not "ERROR").
test('tables: DELETE in a table of 300,000 rows deletes, the rows kept in order', () => {
  const t = createTableStore({ big: Array.from({ length: 300_000 }, (_, i) => ({ id: i + 1 })) });
  assert.equal(t.exec('DELETE FROM big WHERE id = 1'), 1);
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM big'), [{ n: 299_999 }]);
  assert.deepEqual(t.select('SELECT id FROM big LIMIT 2'), [{ id: 2 }, { id: 3 }]);
});

// The helpers take a statement of up to 1 MB. A quote left open was tried again from each quote
// inside it (`\'\'\'…`: 60,000 characters took 13 s), an INSERT's table name from each of its `(`
// (30,000: 6 s): the simulator answered nobody meanwhile (half a megabyte: minutes to an hour).
test('tables: a statement of half a megabyte with a quote left open, or an INSERT into a name of (s, is a SqlError as any other', () => {
  const t = createTableStore();
  const n = 250_000;
  for (const sql of [`SELECT * FROM customers WHERE name = '${"\\'".repeat(n)}`, `SELECT * FROM customers WHERE name = "${'\\"'.repeat(n)}`,
    `UPDATE customers SET plan = 'x' WHERE name = '${"\\'".repeat(n)}`, `INSERT INTO ${'('.repeat(2 * n)}`]) {
    assert.throws(() => (sql.startsWith('SELECT') ? t.select(sql) : t.exec(sql)), SqlError, sql.slice(0, 40));
  }
  // Closed quotes as before: escaped quotes and the spaces inside kept, those outside squeezed.
  assert.equal(t.exec("INSERT  INTO notes(note, tag)  VALUES ('it''s  a \\'test\\'',   \"x  \\\"y\\\"\")"), 1);
  assert.deepEqual(t.select("SELECT note, tag FROM notes WHERE note = 'it''s  a \\'test\\''"), [{ note: "it's  a 'test'", tag: 'x  "y"' }]);
});

// A form's own tables are the deployment's (its create.sql), not the simulator's: a real form
// (gbaccino/uc-v6-vue3-form src/index.js, the PeruCompras_Atenciones_Presenciales version) counts
// the rows of its document before each save, `SELECT COUNT(*) as count FROM ccrepo.<its table> WHERE
// documento = '…'`, and saves only when that resolves. Rejected ("does not exist") before the first
// INSERT, the form could never save. A table nobody wrote to is an empty one, as the deployment's
// would be, for SELECT, UPDATE and DELETE; it is not created by them (an INSERT creates it).
test('tables: a table nobody wrote to reads as empty (COUNT 0, no rows), updates and deletes none, and is not created by that', () => {
  const t = createTableStore();
  const count = "SELECT COUNT(*) as count FROM ccrepo.PERUCOMPRAS_Atenciones_Presenciales WHERE documento = '20123456789'";
  assert.deepEqual(t.select(count), [{ count: 0 }]);
  assert.deepEqual(t.select('SELECT * FROM ccrepo.history ORDER BY date DESC LIMIT 5'), []);
  assert.equal(t.exec("UPDATE ccrepo.history SET note = 'x' WHERE id = 1"), 0);
  assert.equal(t.exec('DELETE FROM ccdata.calls_spool WHERE destination = \'099100001\''), 0);
  assert.equal(t.update('history', { id: 1, note: 'x' }, 'id'), 0);
  assert.deepEqual(Object.keys(t.dump()).filter((k) => ['perucompras_atenciones_presenciales', 'history', 'calls_spool'].includes(k)), []);
  assert.equal(t.exec("INSERT INTO ccrepo.PERUCOMPRAS_Atenciones_Presenciales (documento, nombre_usuario) VALUES ('20123456789', 'Ana')"), 1);
  assert.deepEqual(t.select(count), [{ count: 1 }]);
});

// gmorales254/CRMLite (CRMLite/CRMLite.js, makeReschedule and addToBlacklist) and gmorales254/OTCAuto
// (OTCAuto/OTCAuto.js, the same) take a number out of the dialer's queues before rescheduling or
// blacklisting it: `DELETE FROM ccdata.calls_spool|calls_scheduler WHERE destination like '%n%' OR
// (alternatives <> '' AND (alternatives like '%n%' OR alternatives like '%n%'))`. OR, `<>` and the
// parentheses were refused: the form got "ERROR" and the number stayed queued.
test('tables: OR, <> and parenthesised conditions, as CRMLite and OTCAuto clear a number from the dialer queues', () => {
  const queued = () => [
    { id: 1, campaign: 'Sales->', destination: '099100001', alternatives: '' },
    { id: 2, campaign: 'Sales->', destination: '099555000', alternatives: '099100001:098000000' },
    { id: 3, campaign: 'Sales->', destination: '099555001', alternatives: null },
    { id: 4, campaign: 'Sales->', destination: '099555002', alternatives: '' },
  ];
  const t = createTableStore({ calls_spool: queued(), calls_scheduler: queued() });
  const phone = '099100001';
  // CRMLite's text, line breaks and all.
  const querypart = `WHERE destination like '%${phone}%' OR (alternatives <> '' 
      AND (alternatives like '%${phone}%' 
      OR alternatives like '%${phone}%'))`;
  assert.equal(t.exec(`DELETE FROM ccdata.calls_spool ${querypart}`), 2);
  assert.deepEqual(t.select('SELECT id FROM ccdata.calls_spool'), [{ id: 3 }, { id: 4 }], 'a NULL alternatives is no match');
  // OTCAuto's addToBlacklist, its second part on one line.
  const otc = `WHERE destination like '%${phone}%' OR (alternatives <> '' 
    AND (alternatives like '%${phone}%' OR alternatives like '%${phone}%'))`;
  const session = { tables: t };
  assert.equal(HELPERS.UC_exec_async([`DELETE FROM ccdata.calls_scheduler ${otc}`, ''], { session }), 'OK');
  assert.deepEqual(t.select('SELECT id FROM ccdata.calls_scheduler'), [{ id: 3 }, { id: 4 }]);
  // Then CRMLite queues the reschedule (VALUES( on the INSERT's line, the agent's extension unquoted).
  assert.equal(t.exec(`INSERT INTO ccdata.calls_scheduler (id, calldate, campaign, destination, agentphone) VALUES(null, 
                '2026-01-02 10:00:00', 
                'Sales->', '${phone}', 1001)`), 1);
  assert.deepEqual(t.select(`SELECT id, agentphone FROM ccdata.calls_scheduler WHERE destination = '${phone}'`), [{ id: 5, agentphone: 1001 }]);
  // AND before OR, as SQL reads it.
  assert.deepEqual(t.select("SELECT id FROM calls_spool WHERE id = 4 OR id = 3 AND destination = 'none'"), [{ id: 4 }]);
  assert.deepEqual(t.select("SELECT id FROM calls_spool WHERE (id = 4 OR id = 3) AND destination = '099555001'"), [{ id: 3 }]);
});

// gbaccino/uc-v6-vue3-form src/index.js (the PERUCOMPRAS interactions version) lists the agent's
// interactions with six LEFT JOINs (the channel tables, ccdata.sip for the agent's name, the status
// catalog), COALESCE(…, 'N/A'), OR across the joined tables, IN for the channels, GROUP BY, ORDER BY
// … DESC, LIMIT; then loads one with `i.*` and aliased columns. Both were refused: its list stayed empty.
const PERU = 'ccrepo.PERUCOMPRAS';
// searchUsers(), as the form builds it.
function peruSearch({ phone = '', document = '', channels = [], estado = null }) {
  const conditions = [];
  if (phone) conditions.push(`(il.numero_telefonico LIKE '%${phone}%' OR iw.numero_celular LIKE '%${phone}%' OR ie.correo LIKE '%${phone}%' OR ip.numero_telefonico LIKE '%${phone}%' OR ip.correo LIKE '%${phone}%')`);
  if (document) conditions.push(`i.numero_documento LIKE '%${document}%'`);
  if (channels.length) conditions.push(`i.channel IN (${channels.map((ch) => `'${ch}'`).join(', ')})`);
  if (estado) conditions.push(`i.estado_consulta_id = ${estado}`);
  return `
          SELECT 
            i.guid,
            i.channel,
            i.numero_documento,
            i.razon_social,
            i.fecha_hora_interaccion,
            COALESCE(s.accountcode, 'N/A') as agente_nombre,
            COALESCE(ec.nombre, 'N/A') as estado_consulta_nombre
          FROM ${PERU}_interactions i
          LEFT JOIN ${PERU}_interaction_llamada il ON i.guid = il.guid
          LEFT JOIN ${PERU}_interaction_whatsapp iw ON i.guid = iw.guid
          LEFT JOIN ${PERU}_interaction_email ie ON i.guid = ie.guid
          LEFT JOIN ${PERU}_interaction_presencial ip ON i.guid = ip.guid
          LEFT JOIN ccdata.sip s ON i.agente_id = s.id
          LEFT JOIN ${PERU}_estado_consulta ec ON i.estado_consulta_id = ec.id
          WHERE ${conditions.join(' AND ')}
          GROUP BY i.guid, i.channel, i.numero_documento, i.razon_social, i.fecha_hora_interaccion, s.accountcode, ec.nombre
          ORDER BY i.fecha_hora_interaccion DESC
          LIMIT 100
        `;
}
// loadUserToForm(user), as the form builds it.
const peruLoad = (guid) => `
          SELECT 
            i.*,
            il.numero_telefonico, il.duracion_llamada, il.acuerdo_marco_id, 
            il.detalle_acuerdo_marco, il.detalle_consulta,
            iw.numero_celular, iw.consulta, iw.respuesta, iw.valoracion_atencion_id,
            ie.correo, ie.asunto, ie.fecha_atencion, ie.estado_atencion_id,
            ie.estado_atencion_encauzado, ie.fecha_derivacion, ie.dias_atencion_organo,
            ie.estado_atencion_organo_id, ie.agente_atendio_id,
            ip.hora_ingreso, ip.hora_salida, ip.numero_telefonico as ip_numero_telefonico,
            ip.correo as ip_correo, ip.detalle_consulta as ip_detalle_consulta
          FROM ${PERU}_interactions i
          LEFT JOIN ${PERU}_interaction_llamada il ON i.guid = il.guid
          LEFT JOIN ${PERU}_interaction_whatsapp iw ON i.guid = iw.guid
          LEFT JOIN ${PERU}_interaction_email ie ON i.guid = ie.guid
          LEFT JOIN ${PERU}_interaction_presencial ip ON i.guid = ip.guid
          WHERE i.guid = '${guid}'
        `;

test('tables: LEFT JOIN with aliases, COALESCE, IN, OR in parentheses, GROUP BY, as a real form searches and loads its interactions', () => {
  const t = createTableStore();
  const interaction = (guid, channel, fecha, agente_id, estado_consulta_id, numero_documento) => {
    t.exec(`INSERT INTO ${PERU}_interactions (guid, channel, fecha_hora_interaccion, numero_documento, razon_social, agente_id, estado_consulta_id)
      VALUES ('${guid}', '${channel}', '${fecha}', '${numero_documento}', 'Razón ${guid}', ${agente_id ?? 'NULL'}, ${estado_consulta_id})`);
  };
  interaction('g1', 'LLAMADA', '2026-01-02 10:00:00', 1, 1, '20123456789');
  interaction('g2', 'WHATSAPP', '2026-01-03 09:00:00', null, 1, '20999999999');
  interaction('g3', 'EMAIL', '2026-01-04 08:00:00', 2, 2, '20123456000');
  interaction('g4', 'LLAMADA', '2026-01-05 08:00:00', 2, 1, '20555555555');
  t.exec(`INSERT INTO ${PERU}_interaction_llamada (guid, numero_telefonico, duracion_llamada) VALUES ('g1', '099100001', 30), ('g4', '098000000', 12)`);
  t.exec(`INSERT INTO ${PERU}_interaction_whatsapp (guid, numero_celular, consulta) VALUES ('g2', '099100001', 'hola')`);
  t.exec(`INSERT INTO ${PERU}_interaction_email (guid, correo) VALUES ('g3', 'ana@example.com')`);
  t.exec(`INSERT INTO ${PERU}_estado_consulta (id, nombre) VALUES (1, 'Pendiente'), (2, 'Cerrado')`);
  const all = ['LLAMADA', 'WHATSAPP', 'EMAIL', 'WEBCHAT', 'PRESENCIAL'];
  const row = (guid, channel, fecha, doc, agente, estado) => ({ guid, channel, numero_documento: doc, razon_social: `Razón ${guid}`,
    fecha_hora_interaccion: fecha, agente_nombre: agente, estado_consulta_nombre: estado });
  // The form's first search: the default channels and the "Pendiente" status. Newest first; an
  // interaction without an agent shows N/A; g3 (Cerrado) is left out.
  assert.deepEqual(t.select(peruSearch({ channels: all, estado: 1 })), [
    row('g4', 'LLAMADA', '2026-01-05 08:00:00', '20555555555', 'agent1002', 'Pendiente'),
    row('g2', 'WHATSAPP', '2026-01-03 09:00:00', '20999999999', 'N/A', 'Pendiente'),
    row('g1', 'LLAMADA', '2026-01-02 10:00:00', '20123456789', 'agent1001', 'Pendiente'),
  ]);
  // A phone found in the call table (g1) or in the WhatsApp one (g2): the OR across the joins.
  assert.deepEqual(t.select(peruSearch({ phone: '0991', channels: all })).map((r) => r.guid), ['g2', 'g1']);
  assert.deepEqual(t.select(peruSearch({ phone: '0991', channels: ['LLAMADA'] })).map((r) => r.guid), ['g1'], 'IN leaves WHATSAPP out');
  assert.deepEqual(t.select(peruSearch({ document: '20123456', channels: all })).map((r) => [r.guid, r.estado_consulta_nombre]),
    [['g3', 'Cerrado'], ['g1', 'Pendiente']]);
  // The load: the interaction's own columns, its channel table's, and null for the channels it has no row in.
  const [loaded, ...more] = t.select(peruLoad('g2'));
  assert.deepEqual(more, []);
  assert.deepEqual(loaded, {
    guid: 'g2', channel: 'WHATSAPP', fecha_hora_interaccion: '2026-01-03 09:00:00', numero_documento: '20999999999', razon_social: 'Razón g2',
    agente_id: null, estado_consulta_id: 1, id: 2,
    numero_telefonico: null, duracion_llamada: null, acuerdo_marco_id: null, detalle_acuerdo_marco: null, detalle_consulta: null,
    numero_celular: '099100001', consulta: 'hola', respuesta: null, valoracion_atencion_id: null,
    correo: null, asunto: null, fecha_atencion: null, estado_atencion_id: null, estado_atencion_encauzado: null, fecha_derivacion: null,
    dias_atencion_organo: null, estado_atencion_organo_id: null, agente_atendio_id: null,
    hora_ingreso: null, hora_salida: null, ip_numero_telefonico: null, ip_correo: null, ip_detalle_consulta: null,
  });
  assert.equal(t.select(peruLoad('g1'))[0].numero_telefonico, '099100001');
  // `alias.*` of a table the LEFT JOIN found no row in: each column its rows have, null.
  assert.deepEqual(t.select(`SELECT ie.* FROM ${PERU}_interactions i LEFT JOIN ${PERU}_interaction_email ie ON i.guid = ie.guid WHERE i.guid IN ('g2', 'g3')`),
    [{ guid: null, correo: null, id: null }, { guid: 'g3', correo: 'ana@example.com', id: 1 }]);
  // Through the helper, as the form calls it.
  assert.equal(JSON.parse(HELPERS.UC_get_async([peruSearch({ channels: all, estado: 1 }), 'Repo'], { session: { tables: t } })).length, 3);
});

// The search above joins a form's interactions to each channel's table on `i.guid = il.guid`: each
// row of one compared with every row of the other, 8,000 interactions and their 8,000 calls took
// 64 million comparisons (the simulator answering nobody meanwhile).
test('tables: a LEFT JOIN ON a = b reads each row\'s value once, whatever the number of rows', () => {
  // Values that count how often they are read as text: the work, counted, not timed.
  const reads = (n) => {
    let count = 0;
    const guid = (k) => ({ toString: () => (count++, `g${k}`) });
    const t = createTableStore({
      interactions: Array.from({ length: n }, (_, k) => ({ id: k + 1, guid: guid(k) })),
      llamada: Array.from({ length: n }, (_, k) => ({ guid: guid(n - 1 - k), numero: `09${k}` })),
    });
    const rows = t.select("SELECT i.id, il.numero FROM interactions i LEFT JOIN llamada il ON i.guid = il.guid WHERE i.id = 1 OR i.id = 2");
    assert.deepEqual(rows, [{ id: 1, numero: `09${n - 1}` }, { id: 2, numero: `09${n - 2}` }]);
    return count;
  };
  const small = reads(250);
  const large = reads(2000);
  // Linear: 8 times the reads for 8 times the rows; each row with every other made it 64.
  assert.ok(large <= small * 10, `${small} reads for 250 rows, ${large} for 2,000`);
  // The same rows as the row-by-row path (an ON of another shape: `… AND 1 = 1`), NULLs, letter cases, accents, numbers and texts compared as numbers included.
  const value = fc.constantFrom('a', 'A', 'á', 'Á', 'b', 'B ', 1, '1', '01', 0, 2.5, '2.5x', null, undefined);
  const table = fc.array(value, { maxLength: 5 }).map((xs) => xs.map((x, k) => (x === undefined ? { id: k + 1 } : { id: k + 1, x })));
  fc.assert(fc.property(table, table, table, (p, q, r) => {
    const t = createTableStore({ p, q, r });
    const items = 'SELECT p.id, q.id AS qid, r.id AS rid FROM p';
    assert.deepEqual(t.select(`${items} LEFT JOIN q ON p.x = q.x LEFT JOIN r ON r.x = q.x`),
      t.select(`${items} LEFT JOIN q ON p.x = q.x AND 1 = 1 LEFT JOIN r ON r.x = q.x AND 1 = 1`));
  }), { numRuns: 500 });
});

// gmorales254/CRMLite-Manager (CRMLiteManager/ScriptDesigner.js) lists the telephony campaigns with
// `SELECT name FROM ccdata.queues group by name`: refused before.
test('tables: GROUP BY, one row per group, as CRMLite-Manager lists the campaigns', () => {
  const t = createTableStore();
  assert.deepEqual(t.select('SELECT name FROM ccdata.queues group by name'), [{ name: 'Sales->' }, { name: 'Support<-' }, { name: 'Promo->' }]);
  // One row per group, COUNT(*) counting each group, in the group's letter case as MySQL's `_ci` groups.
  assert.deepEqual(t.select('SELECT queuename, COUNT(*) AS n FROM ccdata.queues_agents GROUP BY queuename ORDER BY n DESC'),
    [{ queuename: 'Sales->', n: 2 }, { queuename: 'Support<-', n: 2 }, { queuename: 'Promo->', n: 1 }]);
});

// gmorales254/CRMLite-Manager (CRMLiteManager/BotDesigner.js) lists the queues a bot may transfer
// to, every queue of the channel but the bot's own: `SELECT name FROM ccdata.${channel}_queues
// WHERE name NOT IN ('${queue}') group by name `. Refused before ("unexpected text after the
// statement"): the form's JSON.parse of the rejection threw and its list stayed empty.
test('tables: NOT IN, as CRMLite-Manager lists the queues a bot may transfer to', () => {
  const t = createTableStore();
  const queue = 'Sales->';
  assert.deepEqual(t.select(`SELECT name FROM ccdata.queues WHERE name NOT IN ('${queue}') group by name `), [{ name: 'Support<-' }, { name: 'Promo->' }]);
  assert.deepEqual(t.select("SELECT name FROM ccdata.queues WHERE name not in ('sales->', 'PROMO->')"), [{ name: 'Support<-' }], 'any letter case, as IN');
  assert.deepEqual(t.select('SELECT id FROM customers WHERE id NOT IN (1, 3)'), [{ id: 2 }]);
  // SQL's NULL logic, as MySQL: NOT IN a list holding NULL matches nothing, and a NULL is in no list.
  assert.deepEqual(t.select('SELECT id FROM customers WHERE id NOT IN (1, NULL)'), []);
  assert.deepEqual(t.select('SELECT id FROM customers WHERE missing NOT IN (1)'), []);
  assert.deepEqual(t.select('SELECT id FROM customers c WHERE c.id NOT IN (c.id, 7)'), [], 'a list of columns too');
  assert.equal(t.exec("DELETE FROM ccdata.queues WHERE name NOT IN ('Sales->', 'Support<-')"), 1);
  assert.throws(() => t.select('SELECT id FROM customers WHERE id NOT = 1'), SqlError, 'NOT is taken before IN only');
});

// gmorales254/CRMLite-Manager (CRMLiteManager/GeneralSettings.js, deleteFieldInformation) deletes a
// field, then closes the gap in the fields' order: `UPDATE CRMLite_structure crm SET crm.position =
// (crm.position - 1) WHERE crm.position > ${position}`. Refused before ("unsupported text": no `>`,
// and a SET value had to be a quoted value, a number or NULL): "ERROR", the positions kept their gap.
test('tables: UPDATE … SET col = (col - 1) WHERE col > n, and <, <=, >=, as CRMLite-Manager closes the gap a deleted field leaves', () => {
  const t = createTableStore();
  for (const [fieldId, position] of [['phone', 1], ['name', 2], ['email', 3], ['plan', 4]]) {
    assert.equal(t.exec(`INSERT INTO ccrepo.CRMLite_structure (fieldId, name, fieldType, position) VALUES ("${fieldId}", "${fieldId}", "text", ${position})`), 1);
  }
  const position = t.select('SELECT position FROM CRMLite_structure WHERE fieldId = "name" LIMIT 1')[0].position;
  assert.equal(t.exec('DELETE FROM ccrepo.CRMLite_structure WHERE fieldId = "name"'), 1);
  assert.equal(t.exec(`UPDATE CRMLite_structure crm SET crm.position = (crm.position - 1) WHERE crm.position > ${position}`), 2);
  assert.deepEqual(t.select('SELECT fieldId, position FROM CRMLite_structure ORDER BY position'),
    [{ fieldId: 'phone', position: 1 }, { fieldId: 'email', position: 2 }, { fieldId: 'plan', position: 3 }]);
  // The helper over the same statement answers "OK", as the form checks.
  assert.equal(HELPERS.UC_exec_async(['UPDATE CRMLite_structure crm SET crm.position = (crm.position + 1) WHERE crm.position >= 2', 'Repo'], { session: { tables: t } }), 'OK');
  assert.deepEqual(t.select('SELECT position FROM CRMLite_structure ORDER BY position').map((r) => r.position), [1, 3, 4]);
  // As MySQL compares: numbers as numbers (a text's number where the other side is one), texts in any letter case.
  assert.deepEqual(t.select('SELECT id FROM customers WHERE id < 2 OR id >= 3 ORDER BY id'), [{ id: 1 }, { id: 3 }]);
  assert.deepEqual(t.select("SELECT id FROM customers WHERE phone > '099100001' AND idcustomer <= 71"), [{ id: 2 }, { id: 3 }]);
  assert.deepEqual(t.select("SELECT id FROM customers WHERE name > 'JUAN DÍAZ'"), [{ id: 3 }]);
  assert.deepEqual(t.select('SELECT id FROM customers WHERE missing > 0'), [], 'NULL is greater than nothing');
  // SET's columns are read for each row, the assignments in order (MySQL's single-table UPDATE);
  // a NULL stays NULL; a column no row of the table has is refused, as MySQL refuses an unknown column.
  assert.equal(t.exec('UPDATE customers SET plan = name, name = plan WHERE id = 1'), 1);
  assert.deepEqual(t.select('SELECT name, plan FROM customers WHERE id = 1'), [{ name: 'Ana Pérez', plan: 'Ana Pérez' }]);
  assert.equal(t.exec('UPDATE customers SET idcustomer = idcustomer - 1 - 1, note = NULL - 1 WHERE id = 2'), 1);
  assert.deepEqual(t.select('SELECT idcustomer, note FROM customers WHERE id = 2'), [{ idcustomer: 69, note: null }]);
  assert.throws(() => t.exec('UPDATE customers SET plan = gold'), SqlError);
  assert.throws(() => t.exec('UPDATE customers SET plan = COUNT(*)'), SqlError);
});

// gmorales254/CRMLite-Manager (CRMLiteManager/vue-customers.html, vBasicReportView) counts the
// managements of a period (askForRows: `WHERE mng.queuename IN (…) AND channel = "…" AND mng.date
// >= '…' AND mng.date <= '…'`) and reports them (doReport: `DATE_FORMAT(mng.date, "%Y-%m-%d
// %H:%i:%s") as "Fecha gestion"`, `FROM CRMLite_customersV2 as crm LEFT JOIN CRMLite_management mng
// … WHERE 1 = 1 AND …`). Both were refused before (no `>=`, no DATE_FORMAT): the report never came.
test('tables: DATE_FORMAT and a period by >= and <=, as CRMLite-Manager counts and reports the managements', () => {
  const t = createTableStore();
  assert.equal(t.exec(`INSERT INTO ccrepo.CRMLite_customersV2 (name, phone, email, information, active, agent, created, updated) VALUES ('Ana', '099100001', 'ana@example.com', '{"plan":"gold"}', 1, 'agent1001', '2026-01-02 10:00:00', '2026-01-03 09:30:05')`), 1);
  for (const [date, queuename] of [['2026-01-05 13:04:09', 'Sales->'], ['2026-02-01 08:00:00', 'Sales->'], ['2026-01-06 10:00:00', 'Support<-']]) {
    t.insert('CRMLite_management', { id_customer: 1, date, agent: 'agent1001', lvl1: 'Sale', lvl2: 'Closed', lvl3: '', note: 'ok', queuename, channel: 'telephony', guid: randomUUID(), callid: '099100001' });
  }
  // askForRows, as the component writes it (initialDate and finalDate from moment: 'yyyy-MM-DD 00:00:00' / '… 23:59:59').
  const [initialDate, finalDate, channelSelected] = ['2026-01-01 00:00:00', '2026-01-31 23:59:59', 'telephony'];
  const camps = ['Sales->'].map((item) => `'${item}'`).join(', ');
  assert.deepEqual(t.select(`SELECT  COUNT(*) as "total"
                                FROM CRMLite_customersV2 crm
                                LEFT JOIN CRMLite_management mng
                                ON crm.id = mng.id_customer
                                WHERE mng.queuename IN (${camps})
                                AND channel = "${channelSelected}"
                                AND mng.date >= '${initialDate}' AND mng.date <= '${finalDate}'   
                                `), [{ total: 1 }]);
  // doReport, as it builds the statement (its dates are the day's, as the form's own text is).
  const headers = t.select('SELECT fieldId FROM CRMLite_structure').concat([{ fieldId: 'phone' }, { fieldId: 'plan' }]);
  let jsonQuery = '';
  headers.forEach((item, indx) => {
    if (item.fieldId !== 'phone' && item.fieldId !== 'email' && item.fieldId !== 'name') {
      jsonQuery += `information->>"$.${item.fieldId}" as "${item.fieldId}"`;
      jsonQuery += headers.length - 1 === indx ? '' : ',';
    }
  });
  let query = `SELECT DATE_FORMAT(mng.date, "%Y-%m-%d %H:%i:%s") as "Fecha gestion", crm.id, crm.name as "Nombre", crm.phone as "Telefono", crm.email as "Email", ${jsonQuery}, crm.agent as "Agente creador", DATE_FORMAT(crm.created, "%Y-%m-%d %H:%i:%s") as "Fecha creado", DATE_FORMAT(crm.updated, "%Y-%m-%d %H:%i:%s") as "Ultima actualizacion",
                mng.queuename as "Cola", mng.agent as "agente_gestionador", mng.lvl1 as "Nivel 1", mng.lvl2 as "Nivel 2", mng.lvl3 as "Nivel 3", mng.note as "Nota", mng.channel as "Canal", mng.callid as "Identificado como" `;
  query += 'FROM CRMLite_customersV2 as crm ';
  query += 'LEFT JOIN CRMLite_management mng ON crm.id = mng.id_customer ';
  query += 'WHERE 1 = 1 AND ';
  query += `mng.queuename IN (${camps})
                AND mng.date >= '2026-01-01 00:00:00' AND mng.date <= '2026-01-31 23:59:59'
                ORDER BY mng.date DESC`;
  assert.deepEqual(t.select(query), [{
    'Fecha gestion': '2026-01-05 13:04:09', id: 1, Nombre: 'Ana', Telefono: '099100001', Email: 'ana@example.com', plan: 'gold',
    'Agente creador': 'agent1001', 'Fecha creado': '2026-01-02 10:00:00', 'Ultima actualizacion': '2026-01-03 09:30:05',
    Cola: 'Sales->', agente_gestionador: 'agent1001', 'Nivel 1': 'Sale', 'Nivel 2': 'Closed', 'Nivel 3': '', Nota: 'ok', Canal: 'telephony', 'Identificado como': '099100001',
  }]);
  // MySQL's other number specifiers; NULL for NULL or a text that is no date; names refused, not guessed.
  const one = (f, d = "'2026-01-05 13:04:09.5'") => t.select(`SELECT DATE_FORMAT(${d}, '${f}') AS v FROM sip LIMIT 1`)[0].v;
  assert.equal(one('%e/%c/%y %k %h %l %p %T %r %f %% %q'), '5/1/26 13 01 1 PM 13:04:09 01:04:09 PM 500000 % q');
  assert.equal(one('%Y-%m-%d %H:%i', "'2026-01-05'"), '2026-01-05 00:00');
  assert.equal(one('%Y', 'NULL'), null);
  assert.equal(one('%Y', "'05/01/2026'"), null);
  assert.throws(() => one('%d %M %Y'), SqlError);
});

// gmorales254/CRMLite-Manager (CRMLiteManager/Customers.js) bulk-loads customers as one INSERT of
// many rows (`(cols) VALUES (…),(…);`, UC_BulkUploadFromArrObj) and lists them with
// `information->>"$.field" as "field"`; gmorales254/CRMLite (CRMLite/FieldsValidation.js) finds one
// by a field of that JSON column: `WHERE information->>"$.field" = "value"`. All three were refused.
test('tables: INSERT of many rows and a JSON column read with ->>, as CRMLite loads and finds its customers', () => {
  const t = createTableStore();
  const customers = [{ phone: '099100001', name: 'Ana' }, { phone: '099200001', name: 'Juan' }];
  // UC_BulkUploadFromArrObj(dataTemp, 'CRMLite_customersV2', 'ccrepo'), as it builds the statement.
  const dataTemp = customers.map((c) => ({ information: `'${JSON.stringify(c)}'`, active: '1', agent: "'agent1001'", created: "'2026-01-02 10:00:00'" }));
  let queryExec = 'INSERT INTO ccrepo.CRMLite_customersV2 ';
  queryExec += `(${Object.keys(dataTemp[0]).join(',')}) VALUES ${dataTemp.map((o) => `(${Object.values(o).join(',')}),`).join('')}`;
  queryExec = queryExec.replace(/.$/, ';');
  assert.equal(t.exec(queryExec), 2);
  const jsonQuery = ['phone', 'name'].map((f) => `information->>"$.${f}" as "${f}"`).join(',');
  assert.deepEqual(t.select(`SELECT id, ${jsonQuery}, files, active, agent, created, updated FROM CRMLite_customersV2 WHERE active = 1`), [
    { id: 1, phone: '099100001', name: 'Ana', files: null, active: 1, agent: 'agent1001', created: '2026-01-02 10:00:00', updated: null },
    { id: 2, phone: '099200001', name: 'Juan', files: null, active: 1, agent: 'agent1001', created: '2026-01-02 10:00:00', updated: null },
  ]);
  const searchBy = 'name';
  const found = t.select(`SELECT * FROM CRMLite_customersV2 
    WHERE information->>"$.${searchBy}" = "${'juan'}"`);
  assert.deepEqual(found.map((r) => r.id), [2]);
  assert.deepEqual(t.select('SELECT information->>"$.missing" AS m FROM CRMLite_customersV2 LIMIT 1'), [{ m: null }]);
});

test('tables: what the store cannot run is a SqlError (the helpers answer "ERROR" or reject)', () => {
  const t = createTableStore();
  for (const sql of ['DROP TABLE customers', "SELECT * FROM customers WHERE id BETWEEN 1 AND 2",
    'INSERT INTO x (a, b) VALUES (1)', 'INSERT INTO x (a) VALUES (NOW())', "UPDATE customers SET plan = gold",
    'SELECT c.name FROM customers', 'SELECT name FROM customers WHERE COUNT(*) = 1', "SELECT * FROM customers WHERE (name = 'x'",
    `SELECT * FROM customers WHERE ${'('.repeat(100_000)}`, 'SELECT * FROM customers c LEFT JOIN sip c ON c.id = c.id',
    // Comments and a second statement, as docs/simulator.md says.
    'SELECT * FROM customers -- x', 'SELECT * FROM customers # x', 'SELECT * FROM customers /* x */', "DELETE FROM customers WHERE id = 1 -- '",
    'SELECT * FROM customers; DROP TABLE customers', "UPDATE customers SET plan = 'x' WHERE id = 1; DELETE FROM customers"]) {
    assert.throws(() => (sql.startsWith('SELECT') ? t.select(sql) : t.exec(sql)), SqlError, sql.slice(0, 60));
  }
  // A stored procedure (gmorales254/CRMLite CRMLite/CRMLite.js blacklists a number with one): what it
  // does is the platform's, and the store does not fake it.
  const call = 'CALL ccdata.blacklist_schedule_procedure("099100001", \'*\', "agent1001", "2026-01-02 00:00:00")';
  assert.throws(() => t.exec(call), (e) => e instanceof SqlError && /stored procedures \(CALL\) are not simulated/.test(e.message));
  assert.equal(HELPERS.UC_exec_async([call, ''], { session: { tables: t } }), 'ERROR');
  assert.throws(() => t.update('customers', { plan: 'x' }, 'phone'), SqlError);
  assert.throws(() => t.insert('customers', 'row'), SqlError);
});

let sim;
before(async () => { sim = await startSimulator(); });
after(async () => { await sim?.close(); });

async function session() {
  const res = await fetch(`${sim.portalOrigin}/`);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^ucsim=[\w-]+; Path=\/; SameSite=Lax; HttpOnly$/);
  await res.text();
  const headers = { cookie: cookie.split(';')[0] };
  return {
    cookie: headers.cookie,
    get: (path) => fetch(sim.portalOrigin + path, { headers }),
    post: (path, body) => fetch(sim.portalOrigin + path, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json()),
  };
}
async function waitUntil(fn, ms = 2000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await fn()) return;
  throw new Error('waitUntil: timed out');
}
// Runs the generated framework script as a browser would, with fetch going to the simulator.
function loadFramework(text, cookie) {
  const page = { fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, cookie } }), JSON };
  runInNewContext(text, page);
  return page;
}

test('integraFramework.js: per session, CTI is the JSON text of the call the form was opened for, Agent a live token', async () => {
  const a = await session();
  const b = await session();
  const script = (s) => s.get('/uContact/assets/js/framework/integraFramework.js').then(async (r) => {
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.match(r.headers.get('content-type'), /javascript/);
    return r.text();
  });
  const cti = { Guid: 'g-7', Campaign: 'Sales->', Callerid: '099123456' };
  await a.post('/sim/framework/desk', { cti });
  const pageA = loadFramework(await script(a), '');
  const pageB = loadFramework(await script(b), '');
  assert.equal(pageA.CTI, JSON.stringify(cti));
  assert.equal(pageB.CTI, '', 'another session: no call');
  assert.equal(pageA.Agent.accountcode, 'agent1001');
  assert.ok(sim.rest.tokens().includes(pageA.Agent.token));
  globalThis.captureSecret?.(pageA.Agent.token);
  for (const name of ['UC_makeCall_async', 'UC_DispositionCall_async', 'UC_TagRecord', 'UC_closeForm', 'UC_pause', 'UC_get_async',
    'UC_exec_async', 'UC_Save_async', 'UC_update_async', 'UC_getMyAgentCampaigns_async', 'UC_getSystemCampaigns_async', 'UC_Http_proxy']) {
    assert.equal(typeof pageA[name], 'function', name);
  }
  // Not served on the forms' other origin: a form there has no framework.
  assert.equal((await fetch(`${sim.formOrigin}/uContact/assets/js/framework/integraFramework.js`)).status, 404);
});

test('integraFramework.js: a desk open all day, its form loaded for call after call, holds one agent session (Agent.token), not one per load', async () => {
  const s = await session();
  const load = async () => loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie).Agent.token;
  const issued = sim.rest.tokens(true).length;
  const active = sim.rest.state.sessions.active;
  const tokens = new Set();
  for (let i = 0; i < 200; i++) tokens.add(await load());
  tokens.forEach((t) => globalThis.captureSecret?.(t));
  assert.equal(tokens.size, 1, 'one token for every load of the desk\'s form');
  assert.equal(sim.rest.tokens(true).length - issued, 1, 'tokens issued');
  assert.equal(sim.rest.state.sessions.active - active, 1, 'sessions.active');
  // Once that session is over (expired here), the next load gets a live one.
  sim.rest.faults.expireTokens();
  const next = await load();
  globalThis.captureSecret?.(next);
  assert.ok(!tokens.has(next));
  assert.ok(sim.rest.tokens().includes(next));
});

test('integraFramework.js: what real forms also call: preBindTab(null), notification(), the callback forms UC_Save and UC_exec', async () => {
  const s = await session();
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  const toasts = [];
  page.parent = { notificate: (...args) => toasts.push(args) };
  assert.equal(page.preBindTab(null), undefined);
  page.notification('Saved', 'The contact was saved', 'fa fa-success', 'success');
  assert.deepEqual(toasts, [['Saved', 'The contact was saved', 'success']]);
  const saved = await new Promise((resolve) => page.UC_Save({ phone: '099123456', campaign: '*' }, 'ccdata.black_list', '', resolve));
  assert.equal(saved, 'OK');
  const executed = await new Promise((resolve) => page.UC_exec("DELETE FROM black_list WHERE phone = '099123456'", '', resolve));
  assert.equal(executed, 'OK');
  // Without a callback, nothing is thrown and the helper still runs.
  page.UC_exec("INSERT INTO notes (note) VALUES ('x')", '');
  await waitUntil(async () => (await (await s.get('/sim/framework/state')).json()).log.length === 3);
  assert.deepEqual((await (await s.get('/sim/framework/state')).json()).log.map((e) => e.name), ['UC_Save_async', 'UC_exec_async', 'UC_exec_async']);
});

// gmorales254/CRMLite-Manager (CRMLiteManager/Customers.js at 65b7567, scheduleReport) schedules its
// report with `$.post(RESTurl + "schedule/addsched", {sched: JSON.stringify({...})})`: `RESTurl` is a
// global of the form's page that none of its scripts defines (config.html loads the portal's vendor
// scripts and the framework before them). uContact's own web phone code names the same thing
// `RESTurl = "https:" + '//' + host + ':' + location.port + '/Integra/resources/'` and appends
// "auth/getcontactlist" to it: the instance's REST root, with its trailing slash.
test('[seen] integraFramework.js: RESTurl, the instance\'s REST root with its trailing slash, as CRMLite-Manager posts RESTurl + "schedule/addsched"', async () => {
  const s = await session();
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  assert.equal(typeof page.RESTurl, 'string', 'RESTurl is defined: without it the form\'s scheduleReport throws a ReferenceError');
  assert.equal(page.RESTurl, `${sim.portalOrigin}/Integra/resources/`);
  // A resource under it is the instance's REST API, on the portal's origin.
  const token = page.Agent.token;
  globalThis.captureSecret?.(token);
  const res = await fetch(`${page.RESTurl}Supervisor/campaignssummary`, { method: 'POST', headers: { authorization: `Basic ${token}` } });
  assert.equal(res.status, 200, 'RESTurl + a REST resource reaches the REST simulator');
  assert.ok(Array.isArray(JSON.parse(await res.text())));
  // schedule/addsched itself is not simulated: what a real instance answers is not known. A 404, so
  // the form's .fail() runs (its "NOTIFDANGER" toast), instead of the ReferenceError it met before.
  const sched = JSON.stringify({ jobname: 'Daily', alert: 'notificate user', cron: '59 23 * * *', classname: 'ExecScript', status: 1, jparameters: 'Script', pvalues: 'x', tipo: 'task' });
  const added = await fetch(`${page.RESTurl}schedule/addsched`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: new URLSearchParams({ sched }) });
  await added.arrayBuffer();
  assert.equal(added.status, 404);
});

// A real form's save, as gmorales254/CRMLite (CRMLite/CRMLite.js) writes it: a BLACKLIST disposition
// runs the blacklist procedure then `UC_audit(text)`, unawaited; every save with a call then reads the
// disposition's gamification measure and awaits `UC_GM_LoadActions(measure, 1)`. Its `if (x.length)`
// holds for any JSON text, so it calls it with a null measure too. Neither may throw: the save stops
// there and the form never disposes nor closes.
test('[seen] UC_audit(text) and UC_GM_LoadActions(measure, amount), as CRMLite calls them in its save: defined, resolved, in the desk\'s log', async () => {
  const s = await session();
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  await page.UC_exec_async(`CALL ccdata.blacklist_schedule_procedure("099100001", '*', "agent1001", '')`, '');
  page.UC_audit('BLACKLIST CRMLITE: The user agent1001 insert 099100001 to BlackList');
  let gamification = await page.UC_get_async('SELECT gamification_measure FROM dispositions WHERE value1="Do not call" AND value2="" AND value3=""', 'Data');
  assert.ok(gamification.length);
  gamification = JSON.parse(gamification)[0]['gamification_measure'];
  // Resolved for any measure, with REST's GM_Integration/LoadActions answer: ERROR for a disposition
  // without one (nothing loaded), OK for a measure.
  const before = sim.rest.state.gamificationActions.length;
  assert.equal(await page.UC_GM_LoadActions(gamification, 1), 'ERROR');
  assert.equal(await page.UC_GM_LoadActions('Sales closed', 1), 'OK');
  await waitUntil(async () => (await (await s.get('/sim/framework/state')).json()).log.length === 5);
  const { log } = await (await s.get('/sim/framework/state')).json();
  const shown = (name) => log.filter((e) => e.name === name).map((e) => [e.args, e.result]);
  // UC_audit was not awaited: where it lands among the others is not ordered.
  assert.deepEqual(shown('UC_audit'), [[['BLACKLIST CRMLITE: The user agent1001 insert 099100001 to BlackList'], 'OK']]);
  assert.deepEqual(shown('UC_GM_LoadActions'), [[[null, 1], 'ERROR'], [['Sales closed', 1], 'OK']]);
  // The form's action is the REST API's: one list, seen in the REST simulator's state (/sim/state),
  // the desk's agent, now in the instance's zone, as LoadActions takes them.
  const { gamificationActions } = await (await s.get('/sim/state')).json();
  assert.equal(gamificationActions.length, before + 1);
  const loaded = gamificationActions.at(-1);
  assert.deepEqual({ ...loaded, dateHour: undefined }, { measure: 'Sales closed', dateHour: undefined, agent: 'agent1001', amount: 1 });
  assert.match(loaded.dateHour, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

// Contract 3.1, replayed as real forms write the call (a Vue form listing a campaign's agents; forms
// posting JSON to a flow's webhook): the request goes through the generated framework script, and the
// answer is read as those forms read it.
test('[seen] UC_Http_proxy as real forms call it: queue members by ?queue= with Agent.token, no body; JSON to a webhook by `type`', async () => {
  const s = await session();
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  globalThis.captureSecret?.(page.Agent.token);
  const instance = new URL(sim.portalOrigin).host; // the form's window.location.host
  // The campaign name as it comes, unencoded in the URL; POST, a form type and no body at all.
  const members = await page.UC_Http_proxy({
    url: `https://${instance}/Integra/resources/queues/getqueuemembersofqueue?queue=${'Sales->'}`,
    method: 'POST',
    headers: { Authorization: `Basic ${page.Agent.token}`, 'Content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(members.code, 200);
  assert.deepEqual(JSON.parse(members.body).map((agent) => agent.membername), ['agent1001', 'agent1002']);
  // A flow's webhook on the instance (its legacy path): the body JSON text, its type given as `type`, no headers.
  const before = sim.rest.state.webhooks.length;
  const hook = await page.UC_Http_proxy({
    url: `https://${instance}/IntegraChannels/resources/webhook/registerCall`,
    method: 'POST', headers: {}, body: JSON.stringify({ guid: 'g-1', phone: '099123456' }), type: 'application/json',
  });
  assert.equal(hook.code, 200);
  assert.equal(typeof JSON.parse(hook.body), 'object', 'forms read JSON.parse(body).message');
  assert.deepEqual(sim.rest.state.webhooks.slice(before).map(({ name, method, contentType, fields }) => [name, method, contentType, fields]),
    [['registerCall', 'POST', 'json', ['guid', 'phone']]]);
});

// A Vue form of a real portal (read_file ids 67355013340, 67233683217, 67430467376, 67524592984: one
// form's versions) posts to its flows' webhooks through UC_Http_proxy at
// `const api_url = "http://localhost:8085/IntegraChannels/resources/webhook"`: the proxy runs on the
// server, where that is the instance's own IntegraChannels. As written, it got 502 here.
test('[seen] UC_Http_proxy to http://localhost:8085/IntegraChannels/… (the instance as its server names it) reaches the instance', async () => {
  const s = await session();
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  globalThis.captureSecret?.(page.Agent.token);
  const before = sim.rest.state.webhooks.length;
  const response = await page.UC_Http_proxy({
    url: 'http://localhost:8085/IntegraChannels/resources/webhook/AMEX_API_ENTRANTE',
    method: 'POST', headers: {}, body: JSON.stringify({ guid: 'g-1', phone: '099123456', user_id: 'agent1001' }), type: 'application/json',
  });
  // The form reads { status: response.code, message: JSON.parse(response.body).message || '' }.
  assert.equal(response.code, 200);
  assert.equal(typeof JSON.parse(response.body), 'object');
  assert.deepEqual(sim.rest.state.webhooks.slice(before).map(({ name, contentType, fields }) => [name, contentType, fields]),
    [['AMEX_API_ENTRANTE', 'json', ['guid', 'phone', 'user_id']]]);
  // Another port or host of that machine is no instance the simulator stands for.
  for (const url of ['http://localhost:8086/IntegraChannels/resources/webhook/x', 'http://127.0.0.1:9/Integra/resources/x']) {
    assert.equal((await page.UC_Http_proxy({ url, method: 'POST', headers: {}, body: '{}', type: 'application/json' })).code, 502, url);
  }
});

test('the framework\'s CryptoJS AES at its path: a form decrypts the stored CTI with the global CryptoJS (portal origin only)', async () => {
  const path = '/uContact/assets/js/vendor/crypto/aes-min.js';
  const r = await fetch(sim.portalOrigin + path);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /javascript/);
  // As a classic script in a page: `this` is the window, which gets CryptoJS.
  const page = { crypto: globalThis.crypto };
  page.window = page;
  runInNewContext(`(function () { ${await r.text()} }).call(window)`, page);
  const secret = page.CryptoJS.AES.encrypt(JSON.stringify({ Guid: 'g-1' }), 'the-passphrase').toString();
  assert.match(secret, /^U2FsdGVkX1/, 'OpenSSL format (Salted__), as the portal stores it');
  assert.equal(page.CryptoJS.AES.decrypt(secret, 'the-passphrase').toString(page.CryptoJS.enc.Utf8), '{"Guid":"g-1"}');
  assert.equal((await fetch(sim.formOrigin + path)).status, 404);
});

test('the portal\'s jQuery, Vue, moment, Papa Parse and i18next at their vendor paths: a form written as uContact\'s form template (gmorales254/CRMLite-Manager CRMLiteManager.html, config.html) has none of its own and loads ../../uContact/assets/js/vendor/jquery/jquery.js, vue/vue.min.js, bootstrap/moment.js, bootstrap/moment-with-locales.js, papaparse/papaparse.js, i18next/i18next.js (portal origin only)', async () => {
  // Each library itself (the browser side, the template's load of its config.html and views: e2e/sim-contract).
  for (const [path, banner] of [
    ['/uContact/assets/js/vendor/jquery/jquery.js', /^\/\*!\n \* jQuery JavaScript Library v3\./],
    ['/uContact/assets/js/vendor/vue/vue.min.js', /^\/\*!\n \* Vue\.js v2\./],
    // What config.html loads beside the framework: moment (plain and with its locales), Papa Parse.
    ['/uContact/assets/js/vendor/bootstrap/moment.js', /^\/\/! moment\.js\n/],
    ['/uContact/assets/js/vendor/bootstrap/moment-with-locales.js', /^\/\/! moment\.js\n[^]*defineLocale\('es'/],
    ['/uContact/assets/js/vendor/papaparse/papaparse.js', /^\/\* @license\nPapa Parse\n/],
    ['/uContact/assets/js/vendor/i18next/i18next.js', /^\/\/ i18next, v1\./],
  ]) {
    const r = await fetch(sim.portalOrigin + path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /javascript/);
    assert.match(await r.text(), banner);
    assert.equal((await fetch(sim.formOrigin + path)).status, 404);
  }
});

test('UC_makeCall_async: Number(phone) of an empty or unreadable field (0, NaN) is no number to call', () => {
  const calls = [];
  const session = { setCall: (c) => calls.push(c.destination) };
  for (const bad of [Number(''), Number('099 123'), -5, 1.5, '', '  ', undefined]) {
    assert.throws(() => HELPERS.UC_makeCall_async(['Sales->', '', bad], { session }), HelperError, String(bad));
  }
  HELPERS.UC_makeCall_async(['Sales->', '', Number('099123456')], { session });
  HELPERS.UC_makeCall_async(['Sales->', '', '099123456'], { session });
  assert.deepEqual(calls, ['99123456', '099123456']);
});

test('a late helper held when the simulator closes keeps no timer alive: the test process ends at close()', async () => {
  // A form's timeout test (late 60 s) kept `node --test` running for the rest of the minute.
  const own = await startSimulator();
  const res = await fetch(`${own.portalOrigin}/`);
  const headers = { cookie: res.headers.get('set-cookie').split(';')[0] };
  await res.text();
  const post = (path, body) => fetch(own.portalOrigin + path, { method: 'POST', headers, body: JSON.stringify(body) });
  await (await post('/sim/framework/modes', { modes: { UC_pause: { mode: 'late', delay: 60_000 } } })).text();
  const held = post('/sim/framework/helper/UC_pause', { args: [true] }).then(() => 'answered', () => 'cut');
  await waitUntil(async () => (await (await fetch(`${own.portalOrigin}/sim/framework/state`, { headers })).json()).log.length === 1);
  await own.close();
  assert.equal(await held, 'cut');
  assert.deepEqual(process.getActiveResourcesInfo().filter((r) => r === 'Timeout'), []);
});

test('helpers over HTTP: answers, refusals and fault modes of the session', async () => {
  const s = await session();
  const call = (name, ...args) => s.post(`/sim/framework/helper/${name}`, { args });
  const made = await call('UC_makeCall_async', 'Sales->', '', 99123456, false);
  assert.equal(made.ok, true);
  assert.deepEqual(await call('UC_TagRecord', made.value, 'a|b'), { ok: true, value: 'OK' });
  assert.deepEqual(await call('UC_TagRecord', '', 'a'), { ok: false, error: 'UC_TagRecord: guid is required' });
  await s.post('/sim/framework/modes', { modes: { UC_pause: { mode: 'fail', times: 1 }, UC_Save_async: { mode: 'fail' } } });
  assert.deepEqual(await call('UC_pause', true), { ok: false, error: 'simulated failure' });
  assert.deepEqual(await call('UC_pause', true), { ok: true, value: 'OK' }, 'fail once, then normal');
  assert.deepEqual(await call('UC_Save_async', { a: 1 }, 't', ''), { ok: true, value: 'ERROR' });
  const state = await (await s.get('/sim/framework/state')).json();
  assert.equal(state.call.guid, made.value);
  assert.equal(state.paused, true);
  assert.deepEqual(state.log.map((e) => [e.name, e.mode]), [
    ['UC_makeCall_async', 'answer'], ['UC_TagRecord', 'answer'], ['UC_TagRecord', 'answer'], ['UC_pause', 'fail'], ['UC_pause', 'answer'], ['UC_Save_async', 'fail'],
  ]);
  assert.equal((await fetch(`${sim.portalOrigin}/sim/framework/helper/eval`, { method: 'POST', body: '{"args":[]}' })).status, 404);
  assert.equal((await fetch(`${sim.portalOrigin}/sim/framework/helper/UC_pause`, { method: 'POST', body: '{"args":1}' })).status, 400);
});

// gmorales254/CRMLite-Manager (CRMLiteManager/Customers.js and CRMLiteManager.js, uploadNewDialerBase)
// uploads a dialer base with the framework's `ajaxUploadBase(btoa(lines), dialer, 'CRMLITEBASE',
// data.length)`, lines `campaign;phone;;;9999;` (not defined in the form: the framework's, its
// arguments REST's Dialers/uploadbase fields fileb64, campaign, filename, cant). The simulated
// framework had no such function: the form threw a ReferenceError and uploaded nothing.
test('ajaxUploadBase(fileb64, campaign, filename, cant): the calls base goes to REST\'s Dialers/uploadbase with the agent\'s session, as CRMLite-Manager uploads a dialer base', async () => {
  const s = await session();
  const framework = await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text();
  assert.match(framework, /function ajaxUploadBase\(fileb64, campaign, filename, cant\)/);
  const call = (...args) => s.post('/sim/framework/helper/ajaxUploadBase', { args });
  const dialer = 'Promo->';
  const data = [{ phone: '099100001' }, { phone: '099200001' }];
  let dataFormated = '';
  for (const element of data) dataFormated += `${dialer};${element.phone};;;9999;\n`;
  const before = sim.rest.state.bases.length;
  assert.deepEqual(await call(Buffer.from(dataFormated).toString('base64'), dialer, 'CRMLITEBASE', data.length), { ok: true, value: { code: 200, body: '1' } });
  const base = sim.rest.state.bases.at(-1);
  assert.equal(sim.rest.state.bases.length, before + 1);
  assert.deepEqual([base.filename, base.campaign, base.username, base.lines], ['CRMLITEBASE', dialer, 'agent1001', 2]);
  // What the dialer refuses answers as REST does ('0'), and nothing is stored.
  assert.deepEqual(await call(Buffer.from(dataFormated).toString('base64'), dialer, 'CRMLITEBASE', 3), { ok: true, value: { code: 200, body: '0' } });
  assert.equal(sim.rest.state.bases.length, before + 1);
  // The desk's log keeps no token (the helper's arguments are the form's).
  const state = await (await s.get('/sim/framework/state')).json();
  assert.doesNotMatch(JSON.stringify(state.log), new RegExp(sim.rest.tokens().map((t) => t.replace(/[^\w]/g, '.')).join('|')));
});

// Integra's own end-to-end test (dinover/cypressuc at 3cabbee, baseUrl https://203.ucontactcloud.com)
// logs in to the portal, then uploads its bases with cy.request and no Authorization header, the
// portal's cookies only: Dialers/uploadbase (cypress/integration/Sections/Voice/AutomationVoiceDialer.spec.js,
// as the supervisor, and again as the agent), SMS/uploadbase (SMS/AutomationSMSDialer.spec.js),
// IntegraChannels' DialersResources/uploadDialerBase (Email/AutomationEmailDialer.spec.js). cy.request
// fails the test on any status but 2xx/3xx, and the suite then finds the upload stored (the SMS
// dialer's unprocessed count is 3, its 3 lines; the e-mail base is activated; the voice list is
// prioritised and called): a real server takes the portal session's cookie for the token.
test('[seen] a portal session\'s cookie stands for its REST token on the legacy trees, as Integra\'s own test uploads its bases (no Authorization)', async () => {
  const s = await session();
  // The desk's framework load is the agent's session (Agent.token), as a portal login is.
  await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text();
  const lines = 'Promo->;999111111;state=NV:variable2=val2;999222222:999333333;9999;\n';
  const body = new URLSearchParams({ filename: 'automationPD.csv', fileb64: Buffer.from(lines).toString('base64'), campaign: 'Promo->', cant: '1', username: 'SuperUserVoice' }).toString();
  const up = (headers) => fetch(`${sim.portalOrigin}/Integra/resources/Dialers/uploadbase`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body })
    .then(async (r) => [r.status, await r.text()]);
  const before = sim.rest.state.bases.length;
  assert.deepEqual(await up({ cookie: s.cookie }), [200, '1']);
  // The portal's own page (same origin) too.
  assert.deepEqual(await up({ cookie: s.cookie, origin: sim.portalOrigin, 'sec-fetch-site': 'same-origin' }), [200, '1']);
  assert.equal(sim.rest.state.bases.length, before + 2);
  // Refused as before: no cookie, a session the simulator never gave, a desk with no REST session yet,
  // another origin's page (its Origin, or a same-site page: Sec-Fetch-Site), a wrong token sent.
  const fresh = await session();
  for (const headers of [{}, { cookie: 'ucsim=no-such-desk' }, { cookie: fresh.cookie }, { cookie: s.cookie, origin: sim.formOrigin },
    { cookie: s.cookie, 'sec-fetch-site': 'same-site' }, { cookie: s.cookie, authorization: 'Basic bm90LWEtdG9rZW4=' }]) {
    assert.deepEqual(await up(headers), [401, 'Unauthorized'], JSON.stringify(headers));
  }
  assert.equal(sim.rest.state.bases.length, before + 2);
  // A flow's webhook is given no token (it takes none): its entry says no Authorization came.
  const hook = await fetch(`${sim.portalOrigin}/IntegraChannels/resources/webhook/cookie_check`, { method: 'POST', headers: { cookie: s.cookie, 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(hook.status, 200);
  assert.equal(sim.rest.state.webhooks.at(-1).authorization, false);
});

test('closeAll: a desk change after the event streams were ended (a helper still running at shutdown) writes to none of them', async () => {
  const own = await startSimulator();
  const uncaught = [];
  const note = (e) => uncaught.push(e.code ?? e.message);
  process.on('uncaughtException', note);
  try {
    const stream = new AbortController();
    const res = await fetch(`${own.portalOrigin}/sim/framework/events`, { headers: { cookie: 'ucsim=closing' }, signal: stream.signal });
    const reader = res.body.getReader();
    await reader.read(); // the hello event: subscribed
    const desk = own.framework.sessions.of({ headers: { cookie: 'ucsim=closing' } });
    own.framework.sessions.closeAll();
    desk.setPaused(true);
    await new Promise((r) => setTimeout(r, 100));
    stream.abort();
    assert.deepEqual(uncaught, [], 'before: ERR_STREAM_WRITE_AFTER_END, uncaught (it stops the simulator)');
    assert.equal(desk.subscribers.size, 0);
  } finally {
    process.off('uncaughtException', note);
    await own.close();
  }
});

test('desks are bounded: a client sending a new cookie per request keeps at most MAX_SESSIONS; the desks in use, listened to, and the default stay', async () => {
  const own = await startSimulator();
  const desks = own.framework.sessions;
  const of = (id) => desks.of({ headers: { cookie: `${COOKIE}=${id}` } });
  try {
    const stream = new AbortController();
    const res = await fetch(`${own.portalOrigin}/sim/framework/events`, { headers: { cookie: `${COOKIE}=listening` }, signal: stream.signal });
    const reader = res.body.getReader();
    await reader.read(); // subscribed
    const listening = of('listening');
    const fallback = desks.of({ headers: {} });
    const first = of('first');
    const used = of('used');
    for (let i = 0; i < MAX_SESSIONS * 3; i++) {
      of(`client-${i}`);
      if (i % 50 === 0) assert.equal(of('used'), used, 'a desk used again stays');
    }
    assert.ok(desks.size <= MAX_SESSIONS, `${desks.size} desks`);
    assert.equal(of('listening'), listening, 'a desk a portal page listens to stays');
    assert.equal(desks.of({ headers: {} }), fallback, 'the default desk stays');
    assert.equal(of('used'), used);
    assert.notEqual(of('first'), first, 'the desk used least recently went: a fresh one now');
    stream.abort();
  } finally {
    await own.close();
  }
});

// A desk open all day: every helper call of every form load was kept, with its arguments and answer
// (a UC_get_async's rows), and the whole list went out in each answer to the desk's POSTs (ring,
// answer, pause: 2 MB each after 4,000 helper calls) and in every event stream's hello.
test("a desk's framework log keeps the latest LOG_LIMIT helper calls, numbered across the day", async () => {
  const s = await session();
  const desk = sim.framework.sessions.of({ headers: { cookie: s.cookie } });
  for (let i = 0; i < LOG_LIMIT + 24; i++) desk.record({ name: 'UC_pause', args: [i % 2 === 0], result: 'OK' });
  // The last one a real helper call, through the route.
  const page = loadFramework(await (await s.get('/uContact/assets/js/framework/integraFramework.js')).text(), s.cookie);
  await page.UC_pause(true);
  const { log } = await s.post('/sim/framework/desk', { paused: false });
  assert.equal(log.length, LOG_LIMIT);
  assert.equal(log.at(-1).seq, LOG_LIMIT + 25, 'numbered across the day');
  assert.equal(log.at(-1).seq - log[0].seq, LOG_LIMIT - 1, 'the latest ones, in order');
  assert.deepEqual(log.at(-1).args, [true]);
});

// A desk open all day kept every disposition and tag (each Porthole or framework one, with its
// fields) and every call's guid, and served them whole in each /sim/framework/state.
test("a desk keeps its latest LOG_LIMIT dispositions, tags and calls' guids", async () => {
  const s = await session();
  const desk = sim.framework.sessions.of({ headers: { cookie: s.cookie } });
  const n = LOG_LIMIT + 5;
  for (let i = 0; i < n; i++) {
    desk.setCall({ guid: `day-${i}`, campaign: 'Sales->', destination: '099123456', via: 'test' });
    desk.dispose({ via: 'test', guid: `day-${i}`, known: desk.knows(`day-${i}`) });
    desk.tag({ via: 'test', guid: `day-${i}`, tag: 'vip', labels: ['vip'], known: true });
  }
  desk.setCall(null);
  const state = await (await s.get('/sim/framework/state')).json();
  for (const list of [state.dispositions, state.tags]) {
    assert.equal(list.length, LOG_LIMIT);
    assert.deepEqual([list[0].guid, list.at(-1).guid], [`day-${n - LOG_LIMIT}`, `day-${n - 1}`], 'the latest ones, in order');
  }
  assert.equal(desk.guids.size, LOG_LIMIT);
  assert.ok(desk.knows(`day-${n - 1}`) && desk.knows(`day-${n - LOG_LIMIT}`));
  assert.equal(desk.knows('day-0'), false, 'the oldest went');
});

// Each form load asks for integraFramework.js, which checks the desk's agent token is still live: it
// listed every token the REST simulator ever issued (expired ones stay) to find it, so a form load
// cost more with every login of the day (a back end logging in per job, a load test).
test('a form load costs the same after 16,000 logins as after 1,000: the desk token is looked up, not listed', async () => {
  const walkedDuring = async (before) => {
    const own = await startSimulator();
    try {
      const res = await fetch(`${own.portalOrigin}/`);
      const headers = { cookie: res.headers.get('set-cookie').split(';')[0] };
      await res.text();
      const load = () => fetch(`${own.portalOrigin}/uContact/assets/js/framework/integraFramework.js`, { headers }).then((r) => r.text());
      const first = await load();
      for (let i = 0; i < before; i++) own.rest.issueToken('agent1001');
      return await mapEntriesWalked(async () => {
        for (let i = 0; i < 20; i++) assert.equal(await load(), first, 'the same agent session at every load');
      });
    } finally {
      await own.close();
    }
  };
  const small = await walkedDuring(1000);
  const large = await walkedDuring(16_000);
  assert.ok(large <= small * 2 + 1000, `entries walked by 20 form loads: ${small} after 1,000 logins, ${large} after 16,000`);
});

// One clock for a call: the uPhone wrote its events' dates in UTC and the REST side dated recordings
// in the host's zone. Both are the instance's zone now (the simulator's `timeZone`, default this
// process's), as real uContact writes offset-less local text; the uPhone reads it from /sim-config.js.
test('a recorded call is dated in the instance\'s zone (option timeZone, default this process\'s), YYYY-MM-DD HH:mm:ss with no offset; /sim-config.js names it', async () => {
  // Expected texts computed apart from the simulator's formatter: Kathmandu is UTC+05:45 and the unit
  // suite's zone (America/Montevideo) UTC-03:00, neither with summer time.
  const shifted = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  const local = () => { const d = new Date(); const p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`; };
  const dated = (rest, clock) => {
    const from = clock();
    rest.recordCall({ guid: randomUUID(), campaign: 'Sales->', callerid: '099123456', agent: 'agent1001' });
    const to = clock();
    const { date } = rest.state.recordings.at(-1);
    assert.ok(date >= from && date <= to, `${date} within ${from} and ${to}`);
  };
  dated(createRestSimulator({ timeZone: 'Asia/Kathmandu' }), () => shifted(345));
  assert.equal(process.env.TZ, 'America/Montevideo', 'the unit suite runs in Montevideo');
  const byDefault = createRestSimulator();
  assert.equal(byDefault.config.timeZone, 'America/Montevideo');
  dated(byDefault, local);
  for (const zone of ['', 'mars/olympus', '+05:45', 5]) assert.throws(() => createRestSimulator({ timeZone: zone }), (e) => e instanceof TypeError && /timeZone/.test(e.message));
  // The uPhone's page (portal origin) reads the instance's zone where it reads the simulator's settings.
  const config = await (await fetch(`${sim.portalOrigin}/sim-config.js`)).text();
  assert.equal(JSON.parse(config.replace(/^window\.SIM = |;\n$/g, '')).timeZone, sim.rest.config.timeZone);
});

// A day at the desk, checked in the REST side's records: every voice call the desk gets (answered,
// placed by the form through UC_makeCall_async, placed by the portal for a Porthole call) is a call
// of the platform, as one placed with AgentCall is. Its recording was missing: REST's TagRecording
// and ConvertRecording of its guid answered 0, GetRecordings found nothing, and its campaign's
// totalcalls did not count it, while the same call placed over REST (withFallback's route) did.
test('a call the desk answers or places is recorded and counted as an AgentCall is: REST tags, converts and finds it by its guid, once', async () => {
  const s = await session();
  const token = sim.rest.issueToken('agent1001');
  globalThis.captureSecret?.(token);
  const uc = createUContactClient({ baseUrl: sim.portalOrigin, credentials: { token } });
  const totals = () => Object.fromEntries(Object.values(sim.rest.state.campaigns).map((c) => [c.campaign, c.totalcalls]));
  const before = totals();
  const answered = { Guid: `in-${randomUUID()}`, Campaign: 'Support<-', Callerid: '099100001', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE' };
  await s.post('/sim/framework/desk', { cti: answered, call: { guid: answered.Guid, campaign: 'Support<-', destination: '099100001', via: 'answered' } });
  const placed = await s.post('/sim/framework/helper/UC_makeCall_async', { args: ['Sales->', '', 99123456] });
  const porthole = randomUUID();
  await s.post('/sim/framework/desk', { call: { guid: porthole, campaign: 'Sales->', destination: '099123457', via: 'call' } });
  // An e-mail the desk answered is no call: nothing recorded for it.
  const mail = { Guid: `mail-${randomUUID()}`, Campaign: 'Mail<-', Callerid: 'ana.perez@example.com', Channel: 'email' };
  await s.post('/sim/framework/desk', { cti: mail, call: { guid: mail.Guid, campaign: 'Mail<-', destination: mail.Callerid, via: 'answered' } });
  // Told again (the desk reloaded mid-call and set it once more): the same call, not a second one.
  await s.post('/sim/framework/desk', { call: { guid: porthole, campaign: 'Sales->', destination: '099123457', via: 'call' } });

  const expected = [[answered.Guid, 'Support<-', '099100001'], [placed.value, 'Sales->', '99123456'], [porthole, 'Sales->', '099123457']];
  for (const [guid, campaign, callerid] of expected) {
    const found = await uc.getRecordings({ guid });
    assert.deepEqual(found.map((r) => [r.guid, r.campaign, r.callerid, r.agent]), [[guid, campaign, callerid, 'agent1001']], guid);
    assert.equal(await uc.tagRecording({ guid, tag: ['quality'] }), '1');
    assert.equal(await uc.convertRecording({ guid, format: 'mp3' }), `${guid}.mp3`);
  }
  assert.deepEqual(await uc.getRecordings({ guid: mail.Guid }), []);
  const after = totals();
  assert.deepEqual([after['Support<-'] - before['Support<-'], after['Sales->'] - before['Sales->']], [1, 2]);
  assert.equal(sim.rest.state.recordings.filter((r) => r.guid === porthole).length, 1, 'one recording of the call told twice');
  await uc.close();
});

// A tag is one action whichever way it comes: UC_TagRecord and the portal's Porthole tag tag the
// call's recording, as REST's TagRecording does. UC_TagRecord's labels stayed in the desk's list
// (REST's recording of the call had none), and a Porthole tag was recorded nowhere.
test('UC_TagRecord and a Porthole tag the desk reports tag the call\'s recording, as REST\'s TagRecording does, and are in the desk\'s tags', async () => {
  const s = await session();
  const placed = await s.post('/sim/framework/helper/UC_makeCall_async', { args: ['Sales->', '', '099123456'] });
  const labels = () => sim.rest.state.recordings.find((r) => r.guid === placed.value).tags;
  assert.deepEqual(await s.post('/sim/framework/helper/UC_TagRecord', { args: [placed.value, 'vip|renewal'] }), { ok: true, value: 'OK' });
  assert.deepEqual(labels(), ['vip', 'renewal']);
  await s.post('/sim/framework/desk', { tag: { guid: placed.value, tag: 'callback' } });
  assert.deepEqual(labels(), ['vip', 'renewal', 'callback']);
  // A guid the platform never had: recorded as unknown, no recording tagged; an odd body is no tag.
  await s.post('/sim/framework/desk', { tag: { guid: 'nope', tag: 'x' } });
  await s.post('/sim/framework/desk', { tag: 'x' });
  const { tags } = await (await s.get('/sim/framework/state')).json();
  assert.deepEqual(tags.map((t) => [t.via, t.guid, t.tag, t.known]), [
    ['UC_TagRecord', placed.value, 'vip|renewal', true], ['Porthole tag', placed.value, 'callback', true], ['Porthole tag', 'nope', 'x', false],
  ]);
  assert.equal(sim.rest.state.recordings.filter((r) => r.tags.includes('x')).length, 0);
});

test('a Porthole disposition the desk reports is recorded as UC_DispositionCall_async\'s are: its text fields, whether the call is known', async () => {
  const s = await session();
  const placed = await s.post('/sim/framework/helper/UC_makeCall_async', { args: ['Sales->', '', '099123456'] });
  await s.post('/sim/framework/desk', { disposition: { campaign: 'Sales->', callerid: '099123456', guid: placed.value, l1: 'Sale', l2: '', l3: '', comment: 'ok' } });
  // What a hostile form may make the portal report: no object, no disposition; a field that is no text, ''.
  await s.post('/sim/framework/desk', { disposition: 'x' });
  await s.post('/sim/framework/desk', { disposition: { guid: 'nope', l1: 5, extra: 'kept out' } });
  const { dispositions } = await (await s.get('/sim/framework/state')).json();
  assert.deepEqual(dispositions, [
    { via: 'Porthole disposition', campaign: 'Sales->', callerid: '099123456', guid: placed.value, l1: 'Sale', l2: '', l3: '', comment: 'ok', tag: '', schedule: '', camptoreschedule: '', known: true },
    { via: 'Porthole disposition', campaign: '', callerid: '', guid: 'nope', l1: '', l2: '', l3: '', comment: '', tag: '', schedule: '', camptoreschedule: '', known: false },
  ]);
});

// Campaign figures after a day: a disposition is one action whichever way it comes. REST's
// DispositionCall counted the call in its campaign's `completed`; UC_DispositionCall_async and a
// Porthole disposition left the figures as they were.
test('a disposition through the framework or over Porthole counts in its campaign\'s completed, as REST\'s DispositionCall does', async () => {
  const s = await session();
  const completed = () => sim.rest.state.campaigns['Sales->'].completed;
  const before = completed();
  const placed = await s.post('/sim/framework/helper/UC_makeCall_async', { args: ['Sales->', '', '099123456'] });
  await s.post('/sim/framework/helper/UC_DispositionCall_async', { args: ['Sales->', '099123456', placed.value, 'Sale', '', '', 'ok'] });
  assert.equal(completed() - before, 1);
  await s.post('/sim/framework/desk', { disposition: { campaign: 'Sales->', callerid: '099123456', guid: placed.value, l1: 'Sale' } });
  assert.equal(completed() - before, 2);
  // A campaign the platform does not have counts nowhere (and no name reaches Object.prototype).
  await s.post('/sim/framework/desk', { disposition: { campaign: '__proto__', guid: placed.value, l1: 'Sale' } });
  assert.equal(completed() - before, 2);
  assert.equal({}.completed, undefined);
});

// A callback scheduled over Porthole is in the dialer's scheduled calls, as one placed with REST's
// ScheduleDialerCall is: a back end deleting it with DeleteScheduledCall got 0 (no such schedule).
test('a Porthole schedule the desk reports is a scheduled call of the dialer, as ScheduleDialerCall\'s: REST deletes it; one it refuses is not stored, and the answer names why', async () => {
  const s = await session();
  const token = sim.rest.issueToken('agent1001');
  globalThis.captureSecret?.(token);
  const uc = createUContactClient({ baseUrl: sim.portalOrigin, credentials: { token } });
  const destination = `0991${String(Date.now()).slice(-5)}`;
  const schedule = { calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination, data: 'idcustomer=71' };
  const outcome = async (value) => {
    const { scheduled, reason } = await s.post('/sim/framework/desk', { schedule: value });
    return { scheduled, reason };
  };
  assert.deepEqual(await outcome(schedule), { scheduled: true, reason: undefined });
  // What the dialer refuses is not stored, and the desk's answer says why (the portal answers the
  // form so): a key too many, a bad date (a datetime-local value), no number, bad data, no object.
  assert.deepEqual(await Promise.all([
    { ...schedule, contact: 1 }, { ...schedule, calldate: '2026-12-24T10:00' }, { ...schedule, destination: 'ana@example.com' },
    { ...schedule, data: 'idcustomer=7;x' }, { ...schedule, alternatives: '098 111' }, { ...schedule, agentphone: 1001 }, 'x',
  ].map(outcome)), ['bad-schedule-keys', 'bad-calldate', 'bad-destination', 'bad-data', 'bad-alternatives', 'bad-agentphone', 'bad-schedule-keys']
    .map((reason) => ({ scheduled: false, reason })));
  const mine = () => sim.rest.state.schedules.filter((x) => x.destination === destination);
  assert.deepEqual(mine(), [{ ...schedule, alternatives: '', agentphone: '' }]);
  assert.equal(await uc.deleteScheduledCall({ campaign: 'Sales->', destination }), '1');
  assert.deepEqual(mine(), []);
  await uc.close();
});

// MySQL keeps `\%` and `\_` of a quoted value as they are (only LIKE reads the backslash, as its
// escape): `LIKE '100\%'` finds the text `100%` alone, `= '100\%'` the text with the backslash. The
// store made them a plain `%` and `_`: LIKE '100\%' found every text starting with 100.
test('tables: `\\%` and `\\_` in a quoted value stay as written, and LIKE reads them as a literal % and _', () => {
  const t = createTableStore({ offers: [{ id: 1, v: '100%' }, { id: 2, v: '1000 units' }, { id: 3, v: 'a_b' }, { id: 4, v: 'axb' }, { id: 5, v: 'c\\d' }] });
  const ids = (sql) => t.select(sql).map((r) => r.id);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE '100\\%'"), [1]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE '100%'"), [1, 2]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE 'a\\_b'"), [3]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE 'a_b'"), [3, 4]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE '%\\_%'"), [3]);
  // `\\` in the quoted value is one backslash, which LIKE reads as the escape of the next character:
  // '\\\\' (two in the value) is one literal backslash for LIKE.
  assert.deepEqual(ids("SELECT id FROM offers WHERE v LIKE 'c\\\\\\\\d'"), [5]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v = 'c\\\\d'"), [5]);
  // Outside LIKE the backslash is part of the text, as MySQL keeps it.
  assert.equal(t.exec("INSERT INTO offers (id, v) VALUES (6, '50\\%')"), 1);
  assert.deepEqual(t.select('SELECT v FROM offers WHERE id = 6'), [{ v: '50\\%' }]);
  assert.deepEqual(ids("SELECT id FROM offers WHERE v = '100\\%'"), []);
});

// MySQL refuses an INSERT that names a column twice (ER_FIELD_SPECIFIED_TWICE), in any letter case;
// the store kept the last value.
test('tables: an INSERT naming a column twice (in any letter case) is refused, nothing kept', () => {
  const t = createTableStore({});
  for (const cols of ['a, a', 'a, A', 'a, b, x.a']) {
    assert.throws(() => t.exec(`INSERT INTO notes (${cols}) VALUES (1, 2${cols.split(',').length > 2 ? ', 3' : ''})`), SqlError, cols);
  }
  assert.deepEqual(t.select('SELECT * FROM notes'), []);
  assert.equal(t.exec('INSERT INTO notes (a, b) VALUES (1, 2)'), 1);
});

// An id past Number.MAX_SAFE_INTEGER (a form's number, or a text of many digits) made the next
// row's id repeat it (2^53 + 1 is 2^53) or Infinity. MySQL refuses an auto-increment out of its
// column's range: the store refuses an id it cannot count on from there, and keeps the rows it had.
test('tables: the next id past Number.MAX_SAFE_INTEGER is refused, never a repeat or Infinity', () => {
  for (const big of [Number.MAX_SAFE_INTEGER, 2 ** 53, 1e308, '9'.repeat(400)]) {
    const t = createTableStore({});
    t.insert('notes', { id: big, note: 'big' });
    assert.throws(() => t.insert('notes', { note: 'next' }), SqlError, String(big).slice(0, 20));
    assert.throws(() => t.exec("INSERT INTO notes (note) VALUES ('next')"), SqlError);
    // A row with its own id still goes in.
    t.insert('notes', { id: 7, note: 'own' });
    assert.deepEqual(t.select('SELECT note FROM notes ORDER BY note'), [{ note: 'big' }, { note: 'own' }]);
  }
  // Several rows of one INSERT: refused whole when one would pass the limit, none kept.
  const t = createTableStore({ notes: [{ id: Number.MAX_SAFE_INTEGER - 1, note: 'last' }] });
  assert.throws(() => t.exec("INSERT INTO notes (note) VALUES ('a'), ('b')"), SqlError);
  assert.deepEqual(t.select('SELECT id FROM notes'), [{ id: Number.MAX_SAFE_INTEGER - 1 }]);
  assert.equal(t.exec("INSERT INTO notes (note) VALUES ('a')"), 1);
  assert.deepEqual(t.select("SELECT id FROM notes WHERE note = 'a'"), [{ id: Number.MAX_SAFE_INTEGER }]);
});

// An unqualified column is read from the first table in FROM and JOIN order that has it. The rows
// of a SELECT are objects keyed by alias, and JavaScript orders number-like keys first: with
// `` `1` `` as the joined table's alias, the column was read from it instead of from the first.
test('tables: an unqualified column is read from the first table in FROM order whatever its aliases (number-like ones too)', () => {
  const t = createTableStore({ a: [{ id: 1, name: 'from a' }], b: [{ id: 1, name: 'from b' }] });
  for (const [x, y] of [['x', 'y'], ['x', '`1`'], ['`2`', '`1`'], ['`10`', '`9`']]) {
    assert.deepEqual(t.select(`SELECT name FROM a ${x} LEFT JOIN b ${y} ON ${x}.id = ${y}.id`), [{ name: 'from a' }], `${x}, ${y}`);
    assert.deepEqual(t.select(`SELECT name FROM b ${x} LEFT JOIN a ${y} ON ${x}.id = ${y}.id`), [{ name: 'from b' }], `${x}, ${y}`);
  }
});
