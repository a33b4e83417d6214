// The form framework's database helpers (UC_get_async, UC_exec_async, UC_Save_async,
// UC_update_async) run against this small in-memory table store: enough SQL for what real forms
// send (one table, SELECT [DISTINCT] of columns or COUNT(*), each `AS alias` if wanted, `col = value`
// / `col LIKE value` joined by AND, ORDER BY, LIMIT), refusing the rest.
// A table is named without its schema (`ccrepo.customers` is `customers`), in any letter case.

import { DEFAULT_ACCOUNTS } from '../rest/fixtures.mjs';

// A disposition tree as real forms read it from ccdata.dispositions: one row per leaf, levels in
// value1..value3 ('' below the last), the action the portal takes (NOACTION, RESCHEDULE, BLACKLIST).
const disposition = (campaign, value1, value2, value3, action = 'NOACTION') => ({ campaign, channel: 'telephony', value1, value2, value3, action });

/**
 * Rows the simulator starts with: the customers of the simulated calls' caller ids, and the
 * platform tables real forms query (ccdata.dispositions, queues_agents, queues, sip) for the
 * simulated campaigns and agents.
 */
export const SEED_TABLES = {
  customers: [
    { id: 1, idcustomer: '41', name: 'Ana Pérez', phone: '099100001', email: 'ana.perez@example.com', plan: 'gold' },
    { id: 2, idcustomer: '71', name: 'Juan Díaz', phone: '099200001', email: 'juan.diaz@example.com', plan: 'silver' },
    { id: 3, idcustomer: '42', name: 'Marta Silva', phone: '099100002', email: 'marta.silva@example.com', plan: 'basic' },
  ],
  dispositions: [
    disposition('Sales->', 'Sale', 'Closed', ''), disposition('Sales->', 'Sale', 'Pending', 'Payment'),
    disposition('Sales->', 'Sale', 'Pending', 'Documents'), disposition('Sales->', 'Callback', '', '', 'RESCHEDULE'),
    disposition('Sales->', 'Not interested', '', ''), disposition('Sales->', 'Do not call', '', '', 'BLACKLIST'),
    disposition('Support<-', 'Solved', '', ''), disposition('Support<-', 'Escalated', 'Level 2', ''),
    disposition('Promo->', 'Contacted', '', ''), disposition('Promo->', 'No answer', '', '', 'RESCHEDULE'),
  ],
  queues_agents: [
    { agent: 'agent1001', queuename: 'Sales->', channel: 'telephony' }, { agent: 'agent1001', queuename: 'Support<-', channel: 'telephony' },
    { agent: 'agent1001', queuename: 'Promo->', channel: 'telephony' },
    { agent: 'agent1002', queuename: 'Sales->', channel: 'telephony' }, { agent: 'agent1002', queuename: 'Support<-', channel: 'telephony' },
  ],
  queues: [{ name: 'Sales->', did: '24000000' }, { name: 'Support<-', did: '24000001' }, { name: 'Promo->', did: '' }],
  // The agents' SIP peers, as the REST simulator's AgentLogin answers them: `name` the extension,
  // `accountcode` the agent (a real form maps Agent.accountcode to the peer's id here).
  sip: Object.entries(DEFAULT_ACCOUNTS.agents).map(([agent, { phone }], i) => ({ id: i + 1, name: phone, accountcode: agent })),
};

/** The store refuses a statement: UC_exec_async answers "ERROR", UC_get_async rejects. */
export class SqlError extends Error {}

const fail = (why) => { throw new SqlError(why); };
const tableName = (name) => name.split('.').pop().replace(/[`"]/g, '').toLowerCase();
const VALUE = String.raw`'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|NULL`;
const NAME = String.raw`[\w.$` + '`' + String.raw`"]+`;
// One condition and what follows it (AND or the end), read in sequence so a quoted value may hold " and ".
const CONDITION = new RegExp(String.raw`\s*(${NAME})\s*(=|LIKE)\s*(${VALUE})\s*(AND\b|$)`, 'iy');

function literal(text) {
  if (/^NULL$/i.test(text)) return null;
  if (/^-?\d/.test(text)) return Number(text);
  const q = text[0];
  return text.slice(1, -1).replace(q === "'" ? /''|\\(.)/g : /\\(.)/g, (m, c) => c ?? "'");
}

const column = (name) => name.replace(/[`"]/g, '').split('.').pop();

// Each run of spaces and line breaks outside quoted values as one space, the ends trimmed: the
// statement patterns below try every split of a long run (a few thousand spaces took minutes, and
// the simulator answers nobody meanwhile); a quoted value keeps its spaces. A quote left open is
// kept to its end: tried again from each quote inside it (`\'\'\'…`), 60,000 characters took 13 s.
const QUOTED_OR_SPACES = /('(?:[^'\\]|\\.|'')*'?|"(?:[^"\\]|\\.)*"?)|\s+/g;
const squeeze = (sql) => sql.replace(QUOTED_OR_SPACES, (m, quoted) => quoted ?? ' ').trim();

// LIKE, any letter case: `%` any run of characters, `_` any one. Not a regular expression: `.*a.*a.*b`
// backtracks for hours on a long value (the simulator answers nobody meanwhile); on a mismatch this
// goes back to the last `%` only, at most (text × pattern) steps.
function matchesLike(text, pattern) {
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '_' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '%') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '%') p++;
  return p === pattern.length;
}

// `a = 'x' AND b LIKE 'y%'` → a row predicate. Values compare as text, as MySQL does loosely, and
// in any letter case, = as LIKE: MySQL's default collations (`_ci`) do (a form looking a customer up
// by the e-mail address the agent typed, `WHERE email = "Ana.Perez@…"`, finds `ana.perez@…`).
function where(text) {
  if (!text) return () => true;
  const tests = [];
  CONDITION.lastIndex = 0;
  for (;;) {
    const m = CONDITION.exec(text) ?? fail('unsupported WHERE condition');
    const [col, op, value] = [column(m[1]), m[2].toUpperCase(), literal(m[3])];
    const lower = String(value).toLowerCase();
    const has = (row) => row[col] !== undefined && row[col] !== null;
    tests.push(op === 'LIKE' ? (row) => has(row) && matchesLike(String(row[col]).toLowerCase(), lower) : (row) => has(row) && String(row[col]).toLowerCase() === lower);
    if (m[4] === '') break;
  }
  return (row) => tests.every((t) => t(row));
}

function splitList(text) {
  const item = new RegExp(String.raw`\s*(${VALUE})\s*(,|$)`, 'iy');
  const out = [];
  for (;;) {
    const m = item.exec(text) ?? fail('unsupported VALUES list');
    out.push(m[1]);
    if (m[2] === '') return out;
  }
}

/** A fresh store: `tables` maps a table name to its rows (copied). */
export function createTableStore(seed = SEED_TABLES) {
  const tables = new Map(Object.entries(seed).map(([name, rows]) => [name.toLowerCase(), rows.map((r) => ({ ...r }))]));
  // A table nobody wrote to is an empty one, as a form's own table is in the deployment that created
  // it (its create.sql is not the simulator's): SELECT, UPDATE and DELETE find no rows there. Only an
  // INSERT creates it (a read of any name kept none: the store grows with writes alone).
  const rowsOf = (name, create = false) => {
    const key = tableName(name);
    if (!tables.has(key)) {
      if (!create) return [];
      tables.set(key, []);
    }
    return tables.get(key);
  };
  // The largest id of a table, kept from insert to insert: a scan of every row at each insert made
  // a form saving row after row quadratic (8,000 rows: 2 s). UPDATE and DELETE forget it (they may change ids).
  const largest = new WeakMap();
  const largestId = (rows) => largest.get(rows) ?? rows.reduce((max, r) => Math.max(max, Number(r.id) || 0), 0);

  function insert(name, object) {
    if (!object || typeof object !== 'object' || Array.isArray(object)) fail('the row must be an object');
    const rows = rowsOf(name, true);
    const row = { ...object };
    const max = largestId(rows);
    if (row.id === undefined || row.id === null) row.id = max + 1;
    rows.push(row);
    largest.set(rows, Math.max(max, Number(row.id) || 0));
    return row;
  }

  // A table's (or ORDER BY column's) name ends at a `;` too: `DELETE FROM t;` (MySQL takes it) named a table `t;`.
  function select(text) {
    const sql = squeeze(text);
    const m = /^\s*SELECT\s+(DISTINCT\s+)?(.+?)\s+FROM\s+([^\s;]+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+([^\s;]+)(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*;?\s*$/is.exec(sql)
      ?? fail('unsupported SELECT');
    let rows = rowsOf(m[3]).filter(where(m[4]));
    if (m[5]) {
      const col = column(m[5]);
      const sign = m[6]?.toUpperCase() === 'DESC' ? -1 : 1;
      rows = [...rows].sort((a, b) => (a[col] > b[col] ? sign : a[col] < b[col] ? -sign : 0));
    }
    // Each item: a column or COUNT(*), with an alias (`AS name`, quoted or not) or its own text as the key.
    const cols = m[2].trim() === '*' ? null : m[2].split(',').map((item) => {
      const c = /^\s*(COUNT\(\*\)|[\w.`"]+)(?:\s+AS\s+[`"']?(\w+)[`"']?)?\s*$/i.exec(item) ?? fail('unsupported column list');
      const count = /^COUNT/i.test(c[1]);
      return { count, name: count ? null : column(c[1]), key: c[2] ?? (count ? c[1] : column(c[1])) };
    });
    const pick = (r, count) => Object.fromEntries(cols.map((c) => [c.key, c.count ? count : r[c.name] ?? null]));
    // COUNT(*) makes one row of the matching rows' count (with plain columns beside it, from the first one, as MySQL does).
    let out = !cols ? rows.map((r) => ({ ...r })) : cols.some((c) => c.count) ? [pick(rows[0] ?? {}, rows.length)] : rows.map((r) => pick(r));
    // DISTINCT: the first of each set of equal rows, before LIMIT. Each row's text is looked up in a
    // set: compared with every row before it, 8,000 rows took 12 s (the simulator answering nobody).
    const seen = new Set();
    if (m[1]) out = out.filter((r) => ((k) => !seen.has(k) && seen.add(k))(JSON.stringify(r)));
    return m[7] ? out.slice(0, Number(m[7])) : out;
  }

  function exec(text) {
    const sql = squeeze(text);
    // The table's name ends at its `(`: a name that could take every `(` in was tried at each (`INSERT INTO ((((…`: 30,000 took 6 s).
    let m = /^\s*INSERT\s+INTO\s+([^\s(]+)\s*\(([^)]*)\)\s*VALUES\s*\((.*)\)\s*;?\s*$/is.exec(sql);
    if (m) {
      const cols = m[2].split(',').map((c) => column(c.trim()));
      const values = splitList(m[3]).map(literal);
      if (cols.length !== values.length) fail('INSERT: columns and values differ in number');
      insert(m[1], Object.fromEntries(cols.map((c, i) => [c, values[i]])));
      return 1;
    }
    m = /^\s*UPDATE\s+(\S+)\s+SET\s+(.+?)(?:\s+WHERE\s+(.+?))?\s*;?\s*$/is.exec(sql);
    if (m) {
      const sets = m[2].split(/,(?=\s*[\w`"]+\s*=)/).map((part) => {
        const s = new RegExp(String.raw`^\s*(${NAME})\s*=\s*(${VALUE})\s*$`, 'i').exec(part) ?? fail('unsupported SET');
        return [column(s[1]), literal(s[2])];
      });
      largest.delete(rowsOf(m[1]));
      const rows = rowsOf(m[1]).filter(where(m[3]));
      for (const row of rows) for (const [c, v] of sets) row[c] = v;
      return rows.length;
    }
    m = /^\s*DELETE\s+FROM\s+([^\s;]+)(?:\s+WHERE\s+(.+?))?\s*;?\s*$/is.exec(sql);
    if (m) {
      const rows = rowsOf(m[1]);
      largest.delete(rows);
      const keep = rows.filter((r) => !where(m[2])(r));
      const removed = rows.length - keep.length;
      // In place, never spread as arguments: past about 120,000 rows that overflows the stack.
      rows.length = 0;
      for (const row of keep) rows.push(row);
      return removed;
    }
    return fail('unsupported statement');
  }

  function update(name, object, key) {
    if (!object || typeof object !== 'object' || Array.isArray(object)) fail('the row must be an object');
    if (typeof key !== 'string' || !(key in object)) fail('the key column must be a field of the row');
    largest.delete(rowsOf(name));
    const rows = rowsOf(name).filter((r) => String(r[key]) === String(object[key]));
    for (const row of rows) Object.assign(row, object);
    return rows.length;
  }

  return {
    select, exec, insert, update,
    /** Every table and its rows, for the simulator's state. */
    dump: () => Object.fromEntries([...tables].map(([k, rows]) => [k, rows.map((r) => ({ ...r }))])),
  };
}
