// The form framework's database helpers (UC_get_async, UC_exec_async, UC_Save_async,
// UC_update_async) run against this small in-memory table store: the part of MySQL's SQL that
// public forms send (each shape cited by a test in test/unit/sim-framework.test.mjs), read by a
// tokenizer and a recursive-descent parser, refusing the rest (a SqlError, never a guess):
// - SELECT [DISTINCT] items FROM table [alias] [LEFT [OUTER] JOIN table [alias] ON condition]…
//   [WHERE condition] [GROUP BY expressions] [ORDER BY expression [ASC|DESC]] [LIMIT n]; an item is
//   `*`, `alias.*` or an expression with `[AS] alias`: a column (`alias.col` too), a quoted value,
//   COUNT(*) (per group), COALESCE(a, b, …), DATE_FORMAT(date, format) (number specifiers), `col->>'$.key'`
//   (a JSON column's value, as MySQL reads it).
// - conditions: `=`, `<>`, `<`, `>`, `<=`, `>=`, LIKE (`\%`, `\_` a literal `%`, `_`), IN (…), NOT IN (…),
//   joined by AND / OR, in parentheses; SQL's NULL logic (a comparison with NULL, or with a column a
//   row does not have, matches nothing); texts compared in any letter case, a number with a text as
//   numbers (MySQL's rules).
// - a column is named in any letter case (`ID` reads `id`), as MySQL names columns.
// - INSERT INTO table (cols) VALUES (…)[, (…)…]; UPDATE table [alias] SET col = value, … [WHERE condition];
//   DELETE FROM table [WHERE condition]: a value in INSERT is a quoted value, a number or NULL; in
//   UPDATE's SET an expression of the row's columns (`position = (position - 1)`), as anywhere an
//   operand may add and subtract (`a - b + c`); an INSERT naming a column twice is refused, as MySQL
//   refuses it. A row without an id gets the table's largest id + 1, refused past
//   Number.MAX_SAFE_INTEGER (MySQL: an auto-increment out of range).
// - CALL (a stored procedure) is refused: what it does is the platform's, and faking it would lie.
// - What would hold the simulator (every desk's) too long or fill its memory is refused as well: a
//   SELECT of over 61 tables (MySQL's limit) or pairing over MAX_JOINED rows, a statement past
//   MAX_STEPS steps (its work as rows × its length), a row value that is an object or an array,
//   an INSERT past MAX_ROWS rows, or an INSERT or UPDATE past MAX_CHARS characters, in a desk's tables,
//   a SELECT answering, or holding in its GROUP BY or ORDER BY keys, over MAX_CHARS characters.
// A table is named without its schema (`ccrepo.customers` is `customers`), in any letter case.

import { CAMPAIGNS, DEFAULT_ACCOUNTS } from '../rest/fixtures.mjs';

// A disposition tree as real forms read it from ccdata.dispositions: one row per leaf, levels in
// value1..value3 ('' below the last), the action the portal takes (NOACTION, RESCHEDULE, BLACKLIST).
const disposition = (campaign, value1, value2, value3, action = 'NOACTION') => ({ campaign, channel: 'telephony', value1, value2, value3, action });

/**
 * Rows the simulator starts with: the customers of the simulated calls' caller ids, and the
 * platform tables real forms query (ccdata.dispositions, queues_agents, queues, dialer, sip) for the
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
  // The dialer campaigns, as CRMLite-Manager lists them to load a base into (`SELECT campaign FROM
  // ccdata.dialer`): the REST simulator's, so a base uploaded to one is taken there.
  dialer: CAMPAIGNS.filter((c) => c.type === 'dialer').map(({ campaign }) => ({ campaign })),
  sip: Object.entries(DEFAULT_ACCOUNTS.agents).map(([agent, { phone }], i) => ({ id: i + 1, name: phone, accountcode: agent })),
};

/** The store refuses a statement: UC_exec_async answers "ERROR", UC_get_async rejects. */
export class SqlError extends Error {}

const fail = (why) => { throw new SqlError(why); };

// A row's column, its own only: `constructor`, `toString` or `__proto__` are a form's column names
// like any other, not Object.prototype's members (read as values, they matched every row).
const own = (row, col) => (row && Object.hasOwn(row, col) ? row[col] ?? null : null);
// Writes a column as a value of its own, `__proto__` too (assigned, it set the row's prototype;
// defined, every column took 100 times as long as assigned).
const put = (row, col, value) => {
  if (col === '__proto__') Object.defineProperty(row, col, { value, writable: true, enumerable: true, configurable: true });
  else row[col] = value;
};

// Words that end an expression or a name: a table's alias or an item's alias is none of them.
const RESERVED = new Set(['SELECT', 'DISTINCT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'BY', 'LIMIT', 'LEFT', 'RIGHT',
  'INNER', 'OUTER', 'CROSS', 'JOIN', 'ON', 'AS', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'IS', 'NULL', 'HAVING', 'UNION',
  'ASC', 'DESC', 'SET', 'VALUES', 'VALUE', 'INTO', 'INSERT', 'UPDATE', 'DELETE', 'CALL']);
// A backslash in a quoted value: `\n`, `\t`, `\r`, `\0` the characters they name, `\%` and `\_` kept as
// written (MySQL keeps them for LIKE, which reads `\` as its escape: `LIKE '100\%'` is the text
// `100%`), else the character after it.
const ESCAPES = { n: '\n', t: '\t', r: '\r', 0: '\0', '%': '\\%', _: '\\_' };
// What is not a quoted text: spaces, a number, a word, a backquoted name, an operator.
const PLAIN = /\s+|(\d+(?:\.\d+)?)(?![\w$])|([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)|`((?:[^`]|``)*)`|(->>|<>|<=|>=|[=(),.*;<>+-])/y;

// The statement as tokens: {k: 'num' | 'str' | 'word' | 'name' | 'op', v, at, end}. A quoted text
// is read by hand, a character at a time: a quote left open fails once, at its end (a pattern tried
// again from each quote inside took seconds on a long statement, the simulator answering nobody).
function tokenize(sql) {
  const out = [];
  let at = 0;
  while (at < sql.length) {
    const q = sql[at];
    if (q === "'" || q === '"') {
      let v = '';
      let j = at + 1;
      for (;; j++) {
        if (j >= sql.length) fail('a quoted value is not closed');
        const c = sql[j];
        if (c === '\\' && j + 1 < sql.length) v += ESCAPES[sql[++j]] ?? sql[j];
        else if (c === q && sql[j + 1] === q) v += sql[++j];
        else if (c === q) break;
        else v += c;
      }
      out.push({ k: 'str', v, at, end: j + 1 });
      at = j + 1;
      continue;
    }
    PLAIN.lastIndex = at;
    const m = PLAIN.exec(sql) ?? fail(`unsupported text at character ${at}`);
    const end = PLAIN.lastIndex;
    if (m[1] !== undefined) out.push({ k: 'num', v: Number(m[1]), at, end });
    else if (m[2] !== undefined) out.push({ k: 'word', v: m[2], up: m[2].toUpperCase(), at, end });
    else if (m[3] !== undefined) out.push({ k: 'name', v: m[3].replace(/``/g, '`'), at, end });
    else if (m[4] !== undefined) out.push({ k: 'op', v: m[4], at, end });
    at = end;
  }
  return out;
}

// LIKE, any letter case: `%` any run of characters, `_` any one, `\` before a character that
// character itself (`\%` a `%`, as MySQL's LIKE escapes; a `\` that ends the pattern is itself).
// Not a regular expression: `.*a.*a.*b` backtracks for hours on a long value. The pattern's pieces between its `%`s: the first at the
// start of the text, the last at its end, each other at its first place after the one before (a
// piece without `_` found by indexOf). Going back to the last `%` on each mismatch took (text ×
// pattern) steps: a billion for a value of 100,000 characters and a pattern of 10,000 (seconds; a
// megabyte, hours). A piece with `_` is still tried at each place (see MAX_STEPS). The pattern
// is split once a statement when it is a value (once a row, a long one took seconds).
/**
 * The most steps a statement may take where they grow as rows × the statement's length: each row's
 * evaluation of a condition (WHERE, ON), the items, GROUP BY and ORDER BY (an expression's `size`,
 * its operands; an IN list of values is one), the characters LIKE's pieces with `_` compare, the
 * values an UPDATE (or UC_update_async) writes, the texts compared, grouped and ordered by their length (fold), each
 * LIKE pattern's characters. Past it the statement is refused (a list
 * of 20,000 columns over 20,000 rows: 400 million comparisons, a minute; 5,000 columns set in 5,000
 * rows, minutes).
 */
export const MAX_STEPS = 5_000_000;
let steps = 0;
const sizeOf = (es) => es.reduce((n, e) => n + e.size, 0);
const step = (n, what) => { if ((steps += n) > MAX_STEPS) fail(`${what} is too costly for the simulator`); };
// A pattern's pieces (lowered) between its unescaped `%`s: the first, the last, and the non-empty
// ones between (`%%` is `%`). A piece is its text `t` (escapes read) and `w`, a character per
// character of `t`: `_` where an unescaped `_` takes any character (an escaped one is no wildcard),
// `.` elsewhere; `any` when it has one.
// Its characters count against MAX_STEPS: a pattern read from a column is split for each row (20
// patterns of a megabyte, each paired with 5,000 rows, took over a minute: folding them counted a
// step per 128 characters, reading them here some 100 ns a character).
function likePieces(pattern) {
  step(pattern.length, 'LIKE: the pattern');
  const pieces = [{ t: '', w: '' }];
  for (let k = 0; k < pattern.length; k++) {
    const piece = pieces[pieces.length - 1];
    let c = pattern[k];
    if (c === '%') { pieces.push({ t: '', w: '' }); continue; }
    const wild = c === '_';
    if (c === '\\' && k + 1 < pattern.length) c = pattern[++k];
    piece.t += c;
    piece.w += wild ? '_' : '.';
  }
  for (const piece of pieces) piece.any = piece.w.includes('_');
  return { whole: pieces.length === 1, first: pieces[0], last: pieces[pieces.length - 1], middle: pieces.slice(1, -1).filter((p) => p.t) };
}
function matchesLike(text, { whole, first, last, middle }) {
  const at = ({ t, w, any }, from) => {
    for (let k = 0; k < t.length; k++) if (t[k] !== text[from + k] && !(any && w[k] === '_')) return false;
    return true;
  };
  if (whole) return text.length === first.t.length && at(first, 0);
  const end = text.length - last.t.length;
  if (first.t.length > end || !at(first, 0) || !at(last, end)) return false;
  let from = first.t.length;
  for (const piece of middle) {
    const { t, any } = piece;
    let found = any ? -1 : text.indexOf(t, from);
    for (let k = from; any && k + t.length <= end && found < 0; k++) {
      step(t.length, 'LIKE: the pattern');
      if (at(piece, k)) found = k;
    }
    if (found < 0 || found + t.length > end) return false;
    from = found + t.length;
  }
  return true;
}

// A row's column, named in any letter case as MySQL names columns (OTCAuto's `WHERE ID = …`): the
// column of that exact spelling, else the first whose name differs only in letter case; undefined
// when the row has none.
const columnOf = (row, col) => {
  if (Object.hasOwn(row, col)) return col;
  const lower = col.toLowerCase();
  for (const key in row) if (Object.hasOwn(row, key) && key.toLowerCase() === lower) return key;
  return undefined;
};
// A text as MySQL reads it as a number: its leading number (`'099100001'` 99100001, `'12abc'` 12),
// 0 when it starts with none (`'abc'`).
const numberOf = (v) => (typeof v === 'number' ? v : Number(/^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/i.exec(String(v))?.[0] ?? 0));
// Texts compare in any letter case and without their accents (the marks U+0300–U+036F a letter
// decomposes into), as MySQL's default collations (utf8_general_ci, utf8mb4_general_ci,
// utf8mb4_0900_ai_ci) do: a form looking a customer up by the e-mail address the agent typed,
// `WHERE email = "Ana.Perez@…"`, finds `ana.perez@…`; gbaccino/uc-v6-vue3-form orders its region
// catalog (its insert.sql: 'Amazonas', 'Áncash', 'Apurímac') `ORDER BY nombre` and looks a person up
// `LIKE '%perez%'` ('Pérez'). A text of ASCII alone is only lowered (no normalize for each row's
// value). A number and anything compare as numbers, as MySQL compares them (`phone = 099100001`
// finds `'099100001'`; `name = 0` finds every name that starts with no number). NULL (or a column
// the row does not have) equals nothing: the answer is null.
// Each text folded counts against MAX_STEPS by its length: a step per 4 characters of one with
// accents (normalize and the marks' removal: some 125 ns a character), per 128 of ASCII alone (a
// lowering). Uncounted, a condition of 50 `=` over 20,000 texts of 2,000 accented characters folded
// 2 billion characters (minutes of the simulator answering nobody) within its 3 million steps.
const fold = (t) => {
  const l = t.toLowerCase();
  if (!/[^\0-\x7f]/.test(l)) return (step(l.length >> 7, 'comparing texts'), l);
  step(l.length >> 2, 'comparing texts');
  return l.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
};
const lowered = (v) => (typeof v === 'number' ? v : fold(String(v)));
// `=` of two values already lowered: as numbers when either is one, else the texts.
const same = (x, y) => (typeof x === 'number' || typeof y === 'number' ? numberOf(x) === numberOf(y) : x === y);
const equal = (a, b) => (a === null || b === null ? null : same(lowered(a), lowered(b)));
// An operand's value as `=`, `<>` and LIKE compare it (null for NULL): a text lowered (any letter
// case), a number as it is (`as` may make it something else: LIKE's pattern pieces). A value the
// statement wrote is the same for every row: made once, not once a row (a 400 KB value over 20,000
// rows: seconds of the simulator answering nobody).
const compared = (f, as = lowered) => {
  const of = (v) => (v === null ? null : as(v));
  if (!f.fixed) return (c) => of(f(c));
  const once = of(f());
  return () => once;
};
const comparison = (left, right, test, as) => {
  const [a, b] = [compared(left), compared(right, as)];
  return (c) => { const [x, y] = [a(c), b(c)]; return x === null || y === null ? null : test(x, y); };
};
// The truth of a condition: true, false, or null (unknown), as SQL's AND and OR combine them.
const truth = (v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? v : Number(v) !== 0 && !Number.isNaN(Number(v)));
const both = (x, y) => (x === false || y === false ? false : x === null || y === null ? null : true);
const either = (x, y) => (x === true || y === true ? true : x === null || y === null ? null : false);
const ORDER_TESTS = [['<=', (d) => d <= 0], ['>=', (d) => d >= 0], ['<', (d) => d < 0], ['>', (d) => d > 0]];
// ORDER BY's keys, each folded once (sortKey) before the sort compares them: folded in each
// comparison, 20,000 texts of 2,000 accented characters took 37 s (the simulator answering nobody).
const sortKey = (v) => (v === null || typeof v === 'number' ? v : fold(String(v)));
const sortOrder = (a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : typeof a === 'number' && typeof b === 'number' ? a - b
  : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

// `col->>'$.a.b'`: the value at that path of a JSON column, unquoted (text as text, anything else as
// its JSON text, as MySQL's ->> answers); null when the column or the path is missing.
function jsonAt(value, path) {
  const keys = /^\$((?:\.\w+)*)$/.exec(path) ?? fail('unsupported JSON path');
  if (value === null) return null;
  let v;
  try { v = typeof value === 'string' ? JSON.parse(value) : value; } catch { return fail('the column is not JSON text'); }
  for (const key of keys[1].split('.').slice(1)) v = v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? v[key] : undefined;
  if (v === undefined) return null;
  // JSON.parse reads any depth; JSON.stringify recurses (100,000 levels: a RangeError, a 500).
  try { return typeof v === 'string' ? v : JSON.stringify(v); } catch { return fail('the JSON value nests too deep'); }
}

// DATE_FORMAT(date, format) (CRMLite-Manager's report: `DATE_FORMAT(mng.date, "%Y-%m-%d %H:%i:%s")`):
// a date written as MySQL writes one (`YYYY-MM-DD[ HH:MM:SS[.ffffff]]`) in MySQL's specifiers for
// numbers (%Y %y %m %c %d %e %H %k %h %I %l %i %s %S %f %p %T %r, %% a `%`, and `%x` an `x` for a
// letter MySQL names no specifier); NULL for NULL or a text that is no such date, as MySQL answers.
// Names (%M %W %a %b %D …) and week and day numbers are not simulated: refused.
const UNNAMED = 'ABCEFGJKLNOPQRZgnoqtz';
function formatted(date, format) {
  const f = format === null ? null : String(format);
  // Read for each row: its lengths count against MAX_STEPS (a megabyte's format over 20,000 rows).
  step((f?.length ?? 0) + (date === null ? 0 : String(date).length), 'DATE_FORMAT: the format');
  if (f !== null) for (const [, x] of f.matchAll(/%([\s\S]?)/g)) if (/^[a-zA-Z]$/.test(x) && !'YymcdeHkhIlisSfpTr'.includes(x) && !UNNAMED.includes(x)) fail(`DATE_FORMAT: %${x} is not simulated`);
  const d = date === null ? null : /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(String(date).trim());
  if (f === null || !d) return null;
  const [Y, m, dd, H = '00', i = '00', sec = '00', frac = ''] = d.slice(1).map((v) => v ?? undefined);
  const h12 = String(Number(H) % 12 || 12).padStart(2, '0');
  const p = Number(H) < 12 ? 'AM' : 'PM';
  const map = { Y, y: Y.slice(2), m, c: String(Number(m)), d: dd, e: String(Number(dd)), H, k: String(Number(H)), h: h12, I: h12, l: String(Number(h12)), i, s: sec, S: sec, f: frac.padEnd(6, '0'), p, T: `${H}:${i}:${sec}`, r: `${h12}:${i}:${sec} ${p}` };
  return f.replace(/%([\s\S]?)/g, (_, x) => map[x] ?? x);
}

const MAX_DEPTH = 64;
/**
 * The most rows a SELECT's joins may pair (each row with each candidate of the next table): a table
 * of 200 rows joined with itself four times (`ON 1 = 1`) made 1.6 billion, the process out of memory
 * (the demo gone for everyone); a million, from a table of 1,000 rows joined once, was a 47 MB answer
 * to a 60-byte request (4 s). Past it the statement is refused.
 */
export const MAX_JOINED = 100_000;

// One statement, parsed: a function of the store that runs it. `ctx` while running is
// {env, group}: env maps each table alias to its row (null where a LEFT JOIN found none), group
// the envs of the group COUNT(*) counts.
function parse(sql) {
  const toks = tokenize(sql);
  let i = 0;
  let depth = 0;
  let valuesOnly = false;
  let aggregate = false;
  // Operands read so far: an expression's `size` is how many it holds, the steps (MAX_STEPS) each
  // row's evaluation of it counts (5,000 terms over 20,000 rows: seconds of the simulator answering nobody).
  let nodes = 0;
  const qualifiers = new Set();
  // The statement's table aliases in FROM and JOIN order, where an unqualified column is looked for:
  // not the keys of a row's env, for JavaScript orders number-like keys (`` `1` ``) first.
  const aliasOrder = [];
  // The columns an UPDATE's SET values read (null elsewhere).
  let read = null;
  const word = (w, k = 0) => toks[i + k]?.k === 'word' && toks[i + k].up === w;
  const take = (w) => word(w) && ++i > 0;
  const need = (w) => take(w) || fail(`expected ${w}`);
  const op = (o, k = 0) => toks[i + k]?.k === 'op' && toks[i + k].v === o;
  const takeOp = (o) => op(o) && ++i > 0;
  const needOp = (o) => takeOp(o) || fail(`expected ${o}`);
  const isName = (k = 0) => toks[i + k]?.k === 'name' || (toks[i + k]?.k === 'word' && !RESERVED.has(toks[i + k].up));
  const name = () => (isName() ? toks[i++].v : fail('expected a name'));
  const end = () => { takeOp(';'); if (i < toks.length) fail('unexpected text after the statement'); };
  // A table: `schema.table` is `table`, in any letter case.
  const table = () => { let n = name(); while (takeOp('.')) n = name(); return n.toLowerCase(); };
  const alias = () => (take('AS') ? (toks[i]?.k === 'str' ? toks[i++].v : name()) : isName() || toks[i]?.k === 'str' ? toks[i++].v : null);

  // Terms joined by OR (AND) run in a loop: a closure per term, each calling the one before, ran the
  // stack over at some thousands of terms (a RangeError: a 500 for the form, not "ERROR").
  function expr() {
    if (++depth > MAX_DEPTH) fail('conditions nested too deep');
    const from = nodes;
    const terms = [conjunction()];
    while (take('OR')) terms.push(conjunction());
    depth--;
    const e = terms.length === 1 ? terms[0] : (c) => { let x = false; for (const t of terms) if ((x = either(x, truth(t(c)))) === true) break; return x; };
    e.size = nodes - from;
    return e;
  }
  function conjunction() {
    const terms = [predicate()];
    while (take('AND')) terms.push(predicate());
    return terms.length === 1 ? terms[0] : (c) => { let x = true; for (const t of terms) if ((x = both(x, truth(t(c)))) === false) break; return x; };
  }
  function predicate() {
    const left = operand();
    if (takeOp('=')) {
      const right = operand();
      const f = comparison(left, right, same);
      // `a.x = b.y`: a LEFT JOIN's ON of that shape looks its rows up by value (see runSelect).
      if (left.qualifier && right.qualifier) f.sides = [left, right];
      return f;
    }
    if (takeOp('<>')) return comparison(left, operand(), (x, y) => !same(x, y));
    // `<`, `>`, `<=`, `>=` (CRMLite-Manager's `WHERE crm.position > n`): as `=` compares, numbers as
    // numbers where either side is one, else the lowered texts.
    for (const [o, test] of ORDER_TESTS) if (takeOp(o)) return comparison(left, operand(), (x, y) => test(typeof x === 'number' || typeof y === 'number' ? numberOf(x) - numberOf(y) : x < y ? -1 : x > y ? 1 : 0));
    if (take('LIKE')) return comparison(left, operand(), (x, y) => matchesLike(String(x), y), (v) => likePieces(fold(String(v))));
    // `NOT IN (…)` (CRMLite-Manager's bot designer): IN's answer negated, NULL staying NULL (a list
    // holding NULL, or a NULL value, matches nothing either way, as in MySQL).
    const not = word('NOT') && word('IN', 1) && ++i > 0;
    if (take('IN')) {
      const f = inList(left);
      return not ? (c) => { const v = f(c); return v === null ? null : !v; } : f;
    }
    return left;
  }
  function inList(left) {
    needOp('(');
    const mark = nodes;
    const list = [operand()];
    while (takeOp(',')) list.push(operand());
    needOp(')');
    // A list of values (as forms write it) is looked up, each row's value once: compared with each
    // item, 20,000 rows and 20,000 values took 35 s (the simulator answering nobody meanwhile).
    if (list.every((item) => item.fixed)) {
      // As `=` compares: a number with the numbers and the texts' numbers, a text with the
      // lowered texts and, as a number, with the numbers.
      const values = list.map((item) => item());
      const [texts, numbers, textNumbers] = [new Set(), new Set(), new Set()];
      for (const v of values) if (typeof v === 'number') numbers.add(v); else if (v !== null) texts.add(fold(String(v))) && textNumbers.add(numberOf(v));
      const unknown = values.includes(null) ? null : false;
      nodes = mark + 1;
      return (c) => {
        const v = left(c);
        if (v === null) return null;
        return (typeof v === 'number' ? numbers.has(v) || textNumbers.has(v) : texts.has(fold(String(v))) || numbers.has(numberOf(v))) || unknown;
      };
    }
    return (c) => { const v = left(c); return list.reduce((found, item) => either(found, equal(v, item(c))), false); };
  }
  function operand() {
    const from = nodes++;
    let f = term();
    // `a - b + c` (CRMLite-Manager's `SET crm.position = (crm.position - 1)`): numbers, a text read
    // as its number, NULL if any is, as MySQL's arithmetic; fixed when every term is. The terms are
    // added in a loop: a closure per term, each calling the one before, ran the stack over at some
    // thousands of terms.
    if (op('+') || op('-')) {
      const terms = [[1, f]];
      while (op('+') || op('-')) { const sign = toks[i++].v === '-' ? -1 : 1; nodes++; terms.push([sign, term()]); }
      f = (c) => { let n = 0; for (const [sign, t] of terms) { const v = t(c); if (v === null) return null; n += sign * numberOf(v); } return n; };
      if (terms.every(([, t]) => t.fixed)) { const v = f(); f = Object.assign(() => v, { fixed: true }); }
    }
    f.size = nodes - from;
    return f;
  }
  function term() {
    const t = toks[i] ?? fail('unexpected end of the statement');
    // A value: `fixed`, the same for every row.
    const fixed = (v) => Object.assign(() => v, { fixed: true });
    if (t.k === 'num' || t.k === 'str') { i++; return fixed(t.v); }
    if (op('-') && toks[i + 1]?.k === 'num') { i += 2; return fixed(-toks[i - 1].v); }
    if (take('NULL')) return fixed(null);
    if (valuesOnly) fail('a value must be a quoted value, a number or NULL');
    if (takeOp('(')) { const e = expr(); needOp(')'); return e; }
    if (t.k === 'word' && op('(', 1)) return call(t.up);
    const parts = [name()];
    while (takeOp('.')) parts.push(name());
    if (parts.length > 3) fail('unsupported column name');
    const col = parts[parts.length - 1];
    read?.push(col);
    let f;
    if (parts.length > 1) {
      const q = parts[parts.length - 2].toLowerCase();
      qualifiers.add(q);
      f = (c) => { const row = c.env[q]; const key = row ? columnOf(row, col) : undefined; return key === undefined ? null : row[key] ?? null; };
      f.qualifier = q;
    } else {
      // The first table (in FROM and JOIN order) whose row has the column.
      f = (c) => { for (const a of aliasOrder) { const row = c.env[a]; const key = row ? columnOf(row, col) : undefined; if (key !== undefined) return row[key] ?? null; } return null; };
    }
    if (takeOp('->>')) {
      const path = toks[i]?.k === 'str' ? toks[i++].v : fail('expected a JSON path');
      const of = f;
      return (c) => jsonAt(of(c), path);
    }
    f.column = col;
    f.bare = parts.length === 1;
    return f;
  }
  function call(fn) {
    // COALESCE in COALESCE: as deep as parentheses may be (deeper ran the stack over).
    if (++depth > MAX_DEPTH) fail('expressions nested too deep');
    i += 2;
    if (fn === 'COUNT') {
      needOp('*');
      needOp(')');
      depth--;
      aggregate = true;
      return (c) => c.group.length;
    }
    if (fn === 'COALESCE') {
      const args = [operand()];
      while (takeOp(',')) args.push(operand());
      needOp(')');
      depth--;
      return (c) => { for (const a of args) { const v = a(c); if (v !== null) return v; } return null; };
    }
    if (fn === 'DATE_FORMAT') {
      const date = operand();
      needOp(',');
      const format = operand();
      needOp(')');
      depth--;
      if (format.fixed) formatted(null, format());
      return (c) => formatted(date(c), format(c));
    }
    return fail(`unsupported function ${fn}`);
  }

  function select() {
    need('SELECT');
    const distinct = take('DISTINCT');
    const items = [];
    do {
      if (op('*')) { i++; items.push({ star: null }); continue; }
      if (isName() && op('.', 1) && op('*', 2)) { const q = toks[i].v.toLowerCase(); i += 3; qualifiers.add(q); items.push({ star: q }); continue; }
      const from = i;
      const e = expr();
      const text = sql.slice(toks[from].at, toks[i - 1].end);
      items.push({ e, key: alias() ?? e.column ?? text });
    } while (takeOp(','));
    const counted = aggregate;
    need('FROM');
    const sources = [{ table: table() }];
    sources[0].alias = alias()?.toLowerCase() ?? sources[0].table;
    while (take('LEFT')) {
      // As MySQL: each join copies the tables before it into each row (6,000 joins: 43 s).
      if (sources.length >= 61) fail('MySQL joins at most 61 tables');
      take('OUTER');
      need('JOIN');
      const s = { table: table() };
      s.alias = alias()?.toLowerCase() ?? s.table;
      need('ON');
      s.on = expr();
      sources.push(s);
    }
    const where = take('WHERE') ? expr() : null;
    const groupBy = [];
    if (take('GROUP')) { need('BY'); do groupBy.push(operand()); while (takeOp(',')); }
    let order = null;
    if (take('ORDER')) { need('BY'); order = { e: operand(), sign: take('DESC') ? -1 : (take('ASC'), 1) }; }
    const limit = take('LIMIT') ? (toks[i]?.k === 'num' && Number.isInteger(toks[i].v) ? toks[i++].v : fail('expected a number of rows')) : null;
    end();
    if (aggregate !== counted) fail('COUNT(*) is taken among the items only');
    const aliases = new Set(sources.map((s) => s.alias));
    if (aliases.size < sources.length) fail('a table alias is used twice');
    aliasOrder.push(...aliases);
    for (const q of qualifiers) if (!aliases.has(q)) fail(`unknown table ${q}`);
    return (store) => runSelect(store, { distinct, items, sources, where, groupBy, order, limit, grouped: counted || groupBy.length > 0 });
  }

  function write() {
    if (take('INSERT')) {
      need('INTO');
      const name_ = table();
      needOp('(');
      const cols = [];
      do { let c = name(); while (takeOp('.')) c = name(); cols.push(c); } while (takeOp(','));
      needOp(')');
      // As MySQL: a column named twice is refused (in any letter case), not its last value kept.
      if (new Set(cols.map((c) => c.toLowerCase())).size < cols.length) fail('INSERT: a column is named twice');
      if (!take('VALUES')) need('VALUE');
      valuesOnly = true;
      const rows = [];
      do {
        needOp('(');
        const values = [operand()];
        while (takeOp(',')) values.push(operand());
        needOp(')');
        if (values.length !== cols.length) fail('INSERT: columns and values differ in number');
        rows.push(values.map((v) => v({ env: {}, group: [] })));
      } while (takeOp(','));
      end();
      return (store) => store.insert(name_, rows.map((values) => Object.fromEntries(cols.map((c, k) => [c, values[k]])))).length;
    }
    if (take('UPDATE')) {
      const s = { table: table() };
      s.alias = alias()?.toLowerCase() ?? s.table;
      aliasOrder.push(s.alias);
      need('SET');
      const sets = [];
      // A value is an expression of the row's columns (`position = (position - 1)`), read for each
      // row, the assignments in order as MySQL's single-table UPDATE makes them; a column there must
      // be one the table's rows have (`SET plan = gold`: MySQL's unknown column, not a NULL).
      read = [];
      do {
        let c = name();
        while (takeOp('.')) c = name();
        needOp('=');
        sets.push([c, operand()]);
      } while (takeOp(','));
      const [columns, counted] = [read, aggregate];
      read = null;
      const where = take('WHERE') ? expr() : null;
      end();
      if (counted) fail('COUNT(*) is taken among the items of a SELECT only');
      for (const q of qualifiers) if (q !== s.alias) fail(`unknown table ${q}`);
      return (store) => {
        const rows = store.rowsOf(s.table);
        for (const col of columns) {
          step(rows.length, 'UPDATE: the columns');
          if (rows.length && !rows.some((r) => columnOf(r, col) !== undefined)) fail(`unknown column ${col}`);
        }
        return store.change(s, where, (row) => { for (const [c, v] of sets) put(row, columnOf(row, c) ?? c, v({ env: { [s.alias]: row }, group: [] })); }, sizeOf(sets.map(([, v]) => v)));
      };
    }
    if (take('DELETE')) {
      need('FROM');
      const s = { table: table() };
      s.alias = s.table;
      aliasOrder.push(s.alias);
      const where = take('WHERE') ? expr() : null;
      end();
      for (const q of qualifiers) if (q !== s.alias) fail(`unknown table ${q}`);
      return (store) => store.remove(s, where);
    }
    if (word('CALL')) fail('stored procedures (CALL) are not simulated: what they do is the platform\'s');
    return fail('unsupported statement');
  }

  if (word('SELECT')) return { select: select() };
  return { write: write() };
}

// A SELECT over the store's tables: FROM and LEFT JOINs (each row of the first table with each row
// of the next that matches ON, or with none), WHERE, GROUP BY (or one group for COUNT(*) alone),
// ORDER BY, the items, DISTINCT, LIMIT.
function runSelect(store, q) {
  const [first, ...joins] = q.sources;
  let envs = store.rowsOf(first.table).map((row) => ({ [first.alias]: row }));
  let paired = 0;
  for (const j of joins) {
    const rows = store.rowsOf(j.table);
    const next = [];
    // ON `j.col = other.col`: the joined table's rows by their value as `=` compares it (a text in
    // any letter case, a number as a number, a text with a number by the text's number; NULL matches
    // nothing), each read once: with each row tried for each row before it, 8,000 and 8,000 rows
    // took 64 million comparisons (the simulator answering nobody meanwhile). Each map holds row
    // numbers in the table's order; a value's rows are those of two maps, merged in that order.
    const [mine, other] = j.on.sides?.[0].qualifier === j.alias ? j.on.sides : [...(j.on.sides ?? [])].reverse();
    const byValue = mine?.qualifier === j.alias && other.qualifier !== j.alias;
    const [texts, numbers, textNumbers] = [new Map(), new Map(), new Map()];
    const put = (map, key, k) => { if (map.has(key)) map.get(key).push(k); else map.set(key, [k]); };
    for (let k = 0; byValue && k < rows.length; k++) {
      const v = mine({ env: { [j.alias]: rows[k] } });
      if (v === null) continue;
      if (typeof v === 'number') { put(numbers, v, k); continue; }
      const text = String(v);
      put(texts, fold(text), k);
      put(textNumbers, numberOf(text), k);
    }
    const merged = (a = [], b = []) => {
      const out = [];
      for (let x = 0, y = 0; x < a.length || y < b.length;) out.push(rows[y >= b.length || (x < a.length && a[x] < b[y]) ? a[x++] : b[y++]]);
      return out;
    };
    for (const env of envs) {
      let candidates = rows;
      if (byValue) {
        const v = other({ env });
        const text = v === null || typeof v === 'number' ? null : String(v);
        candidates = v === null ? [] : text === null ? merged(numbers.get(v), textNumbers.get(v)) : merged(texts.get(fold(text)), numbers.get(numberOf(text)));
      }
      if ((paired += candidates.length || 1) > MAX_JOINED) fail(`the join is too large for the simulator (over ${MAX_JOINED} rows paired)`);
      if (!byValue) step(candidates.length * j.on.size, 'JOIN: the condition');
      let found = false;
      for (const row of candidates) {
        const joined = { ...env, [j.alias]: row };
        if (byValue || truth(j.on({ env: joined, group: [joined] })) === true) { next.push(joined); found = true; }
      }
      if (!found) next.push({ ...env, [j.alias]: null });
    }
    envs = next;
  }
  if (q.where) step(envs.length * q.where.size, 'WHERE: the condition');
  if (q.where) envs = envs.filter((env) => truth(q.where({ env, group: [env] })) === true);
  // Each output row's context: one per row, or one per group (its first row's columns, as MySQL gives them).
  // The texts a statement holds beside its answer, GROUP BY's keys and ORDER BY's folded ones: at
  // most MAX_CHARS, as the answer. MAX_STEPS counts folding a text a step per 128 characters, so it
  // let 640 million be held: 30 texts of a megabyte paired with 20 rows, 627 MB for a 50-byte ORDER BY.
  let held = 0;
  const hold = (t, what) => {
    if (typeof t === 'string' && (held += t.length) > MAX_CHARS) fail(`${what} is too large for the simulator (over ${MAX_CHARS} characters)`);
    return t;
  };
  let ctxs;
  if (q.grouped) {
    const groups = new Map();
    for (const env of envs) {
      step(sizeOf(q.groupBy), 'GROUP BY: the grouping');
      const key = JSON.stringify(q.groupBy.map((g) => { const v = g({ env, group: [env] }); return v === null ? null : fold(String(v)); }));
      if (!groups.has(key)) groups.set(hold(key, 'GROUP BY: the grouping'), []);
      groups.get(key).push(env);
    }
    ctxs = q.groupBy.length ? [...groups.values()].map((group) => ({ env: group[0], group })) : [{ env: envs[0] ?? {}, group: envs }];
  } else ctxs = envs.map((env) => ({ env, group: [env] }));
  // The columns of a table for `*` where a LEFT JOIN found no row: every column its rows have, null
  // (found once a query: found for each such row, it read every row of the table again).
  const nulls = new Map();
  const columns = (s) => nulls.get(s) ?? nulls.set(s, Object.fromEntries(store.rowsOf(s.table).flatMap((r) => Object.keys(r)).map((c) => [c, null]))).get(s);
  const cost = sizeOf(q.items.map((item) => item.e ?? { size: 1 }));
  // The answer's characters (its columns' names and texts, 8 for any other value), at most
  // MAX_CHARS, a store's own: joins repeat a row's texts in each row they pair it with, and 31 rows
  // of a megabyte joined three times over (a 120-byte statement) answered 89 billion characters,
  // JSON.stringify working 3 minutes (every desk waiting) before it failed, 2 GB of memory.
  let chars = 0;
  const answer = (out, k, v) => {
    if ((chars += k.length + (typeof v === 'string' ? v.length : 8)) > MAX_CHARS) fail(`the answer is too large for the simulator (over ${MAX_CHARS} characters)`);
    put(out, k, v);
  };
  const pick = (ctx) => {
    const out = {};
    for (const item of q.items) {
      if (item.star === undefined) answer(out, item.key, item.e(ctx));
      else {
        for (const s of q.sources) {
          if (item.star !== null && item.star !== s.alias) continue;
          const row = Object.entries(ctx.env[s.alias] ?? columns(s));
          step(row.length, 'SELECT: the answer');
          for (const [k, v] of row) answer(out, k, v);
        }
      }
    }
    return out;
  };
  step(ctxs.length * cost, 'SELECT: the answer');
  let out = ctxs.map((ctx) => ({ ctx, row: pick(ctx) }));
  if (q.order) {
    // By an item's alias when it names one (`ORDER BY total`), else by the expression on the row.
    const e = q.order.e;
    const byAlias = e.bare && q.items.some((item) => item.key === e.column);
    step(out.length * e.size, 'ORDER BY: the order');
    const keyOf = (o) => (byAlias ? own(o.row, e.column) : e(o.ctx));
    out = out.map((o) => ({ ...o, key: hold(sortKey(keyOf(o)), 'ORDER BY: the order') })).sort((a, b) => q.order.sign * sortOrder(a.key, b.key));
  }
  let rows = out.map((o) => o.row);
  // DISTINCT: the first of each set of equal rows, before LIMIT, texts compared as `=` compares them
  // (in any letter case, without accents: 'Perú' and 'PERU' are one value to MySQL). Each row's text
  // is looked up in a set: compared with every row before it, 8,000 rows took 12 s (the simulator
  // answering nobody).
  const seen = new Set();
  const folded = (k, v) => (typeof v === 'string' ? fold(v) : v);
  if (q.distinct) rows = rows.filter((r) => ((k) => !seen.has(k) && seen.add(k))(JSON.stringify(r, folded)));
  return q.limit === null ? rows : rows.slice(0, q.limit);
}

/**
 * The most rows a desk's tables hold (all its tables): one INSERT of a megabyte adds 240,000 rows, 50 MB
 * of the simulator's memory, and about 80 of them ran the process out of memory (every desk gone).
 */
export const MAX_ROWS = 100_000;
/**
 * The most characters a store's rows hold (all its tables: each column's name and text; a number,
 * true/false or NULL counts 8). MAX_ROWS alone let each row be as large as a request: 4,000
 * one-megabyte INSERTs (seconds, over the desk helpers or REST's FormExec, which every client of the
 * instance shares) filled the process's memory, and an UPDATE setting 5,000 new columns in 1,000 rows
 * added 5 million values at each call.
 */
export const MAX_CHARS = 32_000_000;
// A row's characters, as MAX_CHARS counts them.
const weigh = (row) => {
  let n = 0;
  for (const k in row) if (Object.hasOwn(row, k)) n += k.length + (typeof row[k] === 'string' ? row[k].length : 8);
  return n;
};

/** A fresh store: `tables` maps a table name to its rows (copied). */
export function createTableStore(seed = SEED_TABLES) {
  const tables = new Map(Object.entries(seed).map(([name, rows]) => [name.toLowerCase(), rows.map((r) => ({ ...r }))]));
  let count = [...tables.values()].reduce((n, rows) => n + rows.length, 0);
  let chars = [...tables.values()].reduce((n, rows) => rows.reduce((m, r) => m + weigh(r), n), 0);
  // Room for `n` more rows and `w` more characters, or the statement is refused before its first
  // row or change (none of it kept).
  const room = (n, w = 0) => {
    if (count + n > MAX_ROWS) fail(`a desk's tables hold at most ${MAX_ROWS} rows (DELETE some first)`);
    if (chars + w > MAX_CHARS) fail(`a desk's tables hold at most ${MAX_CHARS} characters (DELETE some first)`);
  };
  // Rows changed all or none, within MAX_CHARS: each row's new columns made on a copy (`change`
  // writes them), checked whole, then written into the row (its identity kept).
  const rewrite = (rows, change) => {
    const copies = rows.map((row) => { const copy = { ...row }; change(copy); return copy; });
    const grown = copies.reduce((n, copy, k) => n + weigh(copy) - weigh(rows[k]), 0);
    room(0, grown);
    rows.forEach((row, k) => { for (const c of Object.keys(copies[k])) put(row, c, copies[k][c]); });
    chars += grown;
  };
  // A table nobody wrote to is an empty one, as a form's own table is in the deployment that created
  // it (its create.sql is not the simulator's): SELECT, UPDATE and DELETE find no rows there. Only an
  // INSERT creates it (a read of any name kept none: the store grows with writes alone).
  const rowsOf = (name, create = false) => {
    const key = name.split('.').pop().toLowerCase();
    if (!tables.has(key)) {
      if (!create) return [];
      tables.set(key, []);
    }
    return tables.get(key);
  };
  // A row a form saves (UC_Save_async, UC_update_async): an object whose values a column can hold,
  // text, a number, true/false or NULL. An object value (from the form's JSON) was kept as it came:
  // one whose toString is no function threw a TypeError at each later insert or comparison in its
  // table (a 500, the table broken for good), and readers got the store's own object to edit.
  const checked = (object) => {
    if (!object || typeof object !== 'object' || Array.isArray(object)) fail('the row must be an object');
    for (const v of Object.values(object)) if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) fail('a value must be text, a number, true/false or NULL');
    return object;
  };
  // The largest id of a table, kept from insert to insert: a scan of every row at each insert made
  // a form saving row after row quadratic (8,000 rows: 2 s). UPDATE and DELETE forget it (they may change ids).
  const largest = new WeakMap();
  const largestId = (rows) => largest.get(rows) ?? rows.reduce((max, r) => Math.max(max, Number(r.id) || 0), 0);

  // Rows into a table, all or none: each without an id gets the largest id so far + 1. Past
  // Number.MAX_SAFE_INTEGER that is refused, as MySQL refuses an auto-increment out of its column's
  // range (after an id of 2^53 the next repeated it; after 1e308 or a text of 400 digits, Infinity).
  function insertAll(name, objects) {
    const fresh = objects.map((object) => ({ ...checked(object) }));
    room(fresh.length);
    let max = largestId(rowsOf(name));
    for (const row of fresh) {
      if (row.id === undefined || row.id === null) {
        if (!(max + 1 <= Number.MAX_SAFE_INTEGER)) fail('the next id is past the largest the simulator counts (Number.MAX_SAFE_INTEGER)');
        row.id = max + 1;
      }
      max = Math.max(max, Number(row.id) || 0);
    }
    const w = fresh.reduce((n, row) => n + weigh(row), 0);
    room(0, w);
    const rows = rowsOf(name, true);
    for (const row of fresh) rows.push(row);
    count += fresh.length;
    chars += w;
    largest.set(rows, max);
    return fresh;
  }
  // One row (UC_Save_async): the row kept, copied.
  // A table named by the caller (UC_Save_async, FormSave's `datatype`): the statement the real helper
  // builds from an empty name, or a schema without one (`ccrepo.`), is no SQL; kept, it made a table ''.
  const insert = (name, object) => {
    if (String(name).split('.').pop().trim() === '') fail('no table name');
    return { ...insertAll(name, [object])[0] };
  };

  const matches = (s, where) => (row) => !where || (step(where.size, 'WHERE: the condition'), truth(where({ env: { [s.alias]: row }, group: [] })) === true);
  const runner = {
    rowsOf,
    insert: insertAll,
    change(s, where, set, width) {
      const rows = rowsOf(s.table);
      largest.delete(rows);
      const hit = rows.filter(matches(s, where));
      // Before the first write: a refused statement changes nothing.
      step(hit.length * width, 'UPDATE: the change');
      rewrite(hit, set);
      return hit.length;
    },
    remove(s, where) {
      const rows = rowsOf(s.table);
      largest.delete(rows);
      const match = matches(s, where);
      const keep = [];
      for (const r of rows) if (!match(r)) keep.push(r);
      const removed = rows.length - keep.length;
      // Counted once the condition ran on every row (a refused one removes nothing).
      let k = 0;
      for (const r of rows) if (keep[k] === r) k++; else chars -= weigh(r);
      count -= removed;
      // In place, never spread as arguments: past about 120,000 rows that overflows the stack.
      rows.length = 0;
      for (const row of keep) rows.push(row);
      return removed;
    },
  };

  function select(text) {
    steps = 0;
    const { select: run } = parse(String(text));
    return run ? run(runner) : fail('unsupported SELECT');
  }

  function exec(text) {
    steps = 0;
    const { write: run } = parse(String(text));
    return run ? run(runner) : fail('unsupported statement');
  }

  function update(name, object, key) {
    checked(object);
    if (typeof key !== 'string' || !Object.hasOwn(object, key)) fail('the key column must be a field of the row');
    largest.delete(rowsOf(name));
    // WHERE key = row[key], as the statement the real helper builds (NULL matches no row); its texts'
    // folding counted from 0 (fold), not after the statement before it.
    steps = 0;
    const rows = rowsOf(name).filter((r) => equal(own(r, key), object[key]) === true);
    step(rows.length * Object.keys(object).length, 'UC_update_async: the change');
    rewrite(rows, (row) => { for (const [c, v] of Object.entries(object)) put(row, c, v); });
    return rows.length;
  }

  return {
    select, exec, insert, update,
    /** Every table and its rows, for the simulator's state. */
    dump: () => Object.fromEntries([...tables].map(([k, rows]) => [k, rows.map((r) => ({ ...r }))])),
  };
}
