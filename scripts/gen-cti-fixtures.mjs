// Writes the CTI known-answer fixtures to test/fixtures/cti/*.json with the FULL crypto-js package,
// i.e. exactly what the portal does: CryptoJS.AES.encrypt(JSON.stringify(cti), passphrase).toString().
// The library bundles only some crypto-js modules; these fixtures prove it decrypts what the
// full package produces. Run: node scripts/gen-cti-fixtures.mjs (the salt is random, so every run
// writes new ciphertexts; the expectations do not change).
import CryptoJS from 'crypto-js';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'cti');
const PASS = 'fixture-passphrase-2026!';

const encryptText = (text, passphrase = PASS) => CryptoJS.AES.encrypt(text, passphrase).toString();
const encrypt = (obj, passphrase = PASS) => encryptText(JSON.stringify(obj), passphrase);

// Expected KeyValues, written from the pairs a fixture was built from (not by parsing).
const kv = (pairs) => ({
  raw: pairs.map(([k, v]) => `${k}=${v}`).join(':'),
  entries: pairs,
  values: Object.fromEntries(pairs),
});

// Decrypts without removing padding and says whether PKCS#7 padding is valid: used to make sure a
// "wrong passphrase" or "truncated" fixture really has bad padding (a wrong key gives valid padding
// about once in 256 tries, and then the failure could be another one).
function paddingIsValid(ciphertext, passphrase) {
  const words = CryptoJS.AES.decrypt(ciphertext, passphrase, { padding: CryptoJS.pad.NoPadding });
  const hex = CryptoJS.enc.Hex.stringify(words);
  if (hex.length === 0) return false;
  const n = parseInt(hex.slice(-2), 16);
  if (n < 1 || n > 16 || n * 2 > hex.length) return false;
  return hex.slice(-2 * n) === hex.slice(-2).repeat(n);
}

const fixtures = [];
const ok = (name, description, plain, cti, passphrase = PASS) =>
  fixtures.push({ name, description, passphrase, ciphertext: encrypt(plain, passphrase), plain, expect: { cti } });
const fail = (name, description, ciphertext, error, passphrase = PASS) =>
  fixtures.push({ name, description, passphrase, ciphertext, expect: { error } });

// 1. The spec 4.2 example, dialer call.
const specDialerPairs = [['idcustomer', '7'], ['name', 'Ana']];
ok('spec-example', 'the spec 4.2 example as written', {
  Guid: '824da669-2239-46f2-98c7-1a8cafa34701', Campaign: 'Sales->', Callerid: '099123456', Form: 'salesForm',
  ParAndValues: 'idcustomer=7:name=Ana', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE', Channel: 'phone',
  Dialer: {
    campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:name=Ana',
    alternatives: '098111222:097333444', retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
  },
}, {
  guid: '824da669-2239-46f2-98c7-1a8cafa34701', campaign: 'Sales->', callerid: '099123456', form: 'salesForm',
  parAndValues: kv(specDialerPairs), screen: false, beep: false, answer: true, channel: 'phone',
  dialer: {
    campaign: 'Sales->', destination: '099123456', status: 1, data: kv(specDialerPairs),
    alternatives: ['098111222', '097333444'], retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1,
    agentphone: '1001', extra: {}, raw: { campaign: 'Sales->', status: 1, contact: 15422, dialerbase: 'base-2026-11' },
  },
  extra: {}, problems: [],
});

// 2. Non-dialer inbound call, no Channel, no Dialer.
ok('non-dialer', 'an inbound call: no Dialer, no Channel (so telephony)', {
  Guid: 'b1e0c6de-0001-4000-8000-000000000001', Campaign: 'Support<-', Callerid: '+59899111222', Form: 'supportForm',
  ParAndValues: 'ticket=5512', Screen: 'TRUE', Beep: 'false', Answer: 'True',
}, {
  guid: 'b1e0c6de-0001-4000-8000-000000000001', campaign: 'Support<-', callerid: '+59899111222', form: 'supportForm',
  parAndValues: kv([['ticket', '5512']]), screen: true, beep: false, answer: true, channel: 'telephony', dialer: null, extra: {}, problems: [],
});

// 3. Dialer call with odd key case, numbers as strings, typed alternatives and unknown fields.
ok('dialer-odd-case', 'GUID/CALLERID/parandvalues spellings, numbers as strings, typed alternatives, unknown fields', {
  GUID: 'c0ffee00-0002-4000-8000-000000000002', campaign: 'Collections->', CALLERID: '099555666',
  form: 'collect', parandvalues: 'debt=1200:currency=UYU', SCREEN: 'false', beep: 'True', answer: 'FALSE', channel: 'phone',
  Queue: 'q-7',
  DIALER: {
    Campaign: 'Collections->', DESTINATION: '099555666', Status: '1', Data: 'debt=1200:currency=UYU',
    Alternatives: 'H=0=999555555:098777888:W=2=+59829001234', Retries: '3', CONTACT: '90071', DialerBase: 'b-7',
    Priority: '25', AgentPhone: '', Source: 'upload',
  },
}, {
  guid: 'c0ffee00-0002-4000-8000-000000000002', campaign: 'Collections->', callerid: '099555666', form: 'collect',
  parAndValues: kv([['debt', '1200'], ['currency', 'UYU']]), screen: false, beep: true, answer: false, channel: 'phone',
  dialer: {
    campaign: 'Collections->', destination: '099555666', status: 1, data: kv([['debt', '1200'], ['currency', 'UYU']]),
    alternatives: ['H=0=999555555', '098777888', 'W=2=+59829001234'], retries: 3, contact: 90071, dialerbase: 'b-7',
    priority: 25, agentphone: '', extra: { Source: 'upload' },
    // The protected fields as received: '1' and '90071' stay text.
    raw: { campaign: 'Collections->', status: '1', contact: '90071', dialerbase: 'b-7' },
  },
  extra: { Queue: 'q-7' }, problems: [],
});

// 4. Unicode in every text field, and a unicode passphrase.
const uniPairs = [['nombre', 'Muñoz Peña'], ['nota', 'llamar 🙂 mañana'], ['名前', '山田太郎'], ['emoji', '👩🏽‍💻🚀']];
const uniPlain = {
  Guid: 'd0d0d0d0-0003-4000-8000-000000000003', Campaign: 'Atención->', Callerid: 'chat-visitor-ñ',
  Form: 'formulario_ñandú', ParAndValues: uniPairs.map(([k, v]) => `${k}=${v}`).join(':'),
  Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE', Channel: 'webchat', Nota: '中文 · العربية · עברית',
};
const uniCti = {
  guid: uniPlain.Guid, campaign: 'Atención->', callerid: 'chat-visitor-ñ', form: 'formulario_ñandú',
  parAndValues: kv(uniPairs), screen: false, beep: false, answer: true, channel: 'webchat', dialer: null,
  extra: { Nota: '中文 · العربية · עברית' }, problems: [],
};
ok('unicode', 'ñ, emoji and CJK in values and keys, webchat channel', uniPlain, uniCti);
ok('unicode-passphrase', 'the same CTI under a passphrase with ñ and an emoji', uniPlain, uniCti, 'contraseña-🔑-密码');

// 5. A ~20 KB CTI.
const bigPairs = Array.from({ length: 400 }, (_, i) => [`field${i}`, `valor-${i}-ñ-${'x'.repeat(20)}`]);
const bigNote = 'Lorem ipsum ñandú 漢字 '.repeat(200);
ok('large', 'about 20 KB of ParAndValues and an unknown long field', {
  Guid: 'e0e0e0e0-0004-4000-8000-000000000004', Campaign: 'Big->', Callerid: '099000111', Form: 'big',
  ParAndValues: bigPairs.map(([k, v]) => `${k}=${v}`).join(':'), Screen: 'FALSE', Beep: 'FALSE', Answer: 'FALSE', History: bigNote,
}, {
  guid: 'e0e0e0e0-0004-4000-8000-000000000004', campaign: 'Big->', callerid: '099000111', form: 'big',
  parAndValues: kv(bigPairs), screen: false, beep: false, answer: false, channel: 'telephony', dialer: null,
  extra: { History: bigNote }, problems: [],
});

// 6. A JSON text with `__proto__` keys: they must stay plain data.
const protoText = '{"Guid":"f0f0f0f0-0005","Campaign":"P->","Callerid":"099222333","__proto__":{"polluted":true},' +
  '"ParAndValues":"__proto__=x:constructor=y","Dialer":{"campaign":"P->","destination":"099222333","status":1,' +
  '"contact":1,"dialerbase":"b","__proto__":{"polluted":true}}}';
fixtures.push({
  name: 'proto-keys', description: '__proto__ keys at top level, in the dialer and in ParAndValues', passphrase: PASS,
  ciphertext: encryptText(protoText), plainText: protoText,
  // Written as JSON text: in a JS object literal `__proto__:` would set the prototype instead of a key.
  expect: JSON.parse(`{"cti": {
    "guid": "f0f0f0f0-0005", "campaign": "P->", "callerid": "099222333", "form": "",
    "parAndValues": {"raw": "__proto__=x:constructor=y", "entries": [["__proto__", "x"], ["constructor", "y"]],
      "values": {"__proto__": "x", "constructor": "y"}},
    "screen": false, "beep": false, "answer": false, "channel": "telephony",
    "dialer": {"campaign": "P->", "destination": "099222333", "status": 1, "data": {"raw": "", "entries": [], "values": {}},
      "alternatives": [], "retries": 0, "contact": 1, "dialerbase": "b", "priority": 1, "agentphone": "",
      "extra": {"__proto__": {"polluted": true}}, "raw": {"campaign": "P->", "status": 1, "contact": 1, "dialerbase": "b"}},
    "extra": {"__proto__": {"polluted": true}}, "problems": []}}`),
});

// Failures.
const victim = { Guid: 'a1', Campaign: 'Sales->', Callerid: '099123456', ParAndValues: 'phone=099123456' };
let wrong;
do wrong = encrypt(victim); while (paddingIsValid(wrong, 'not-the-passphrase'));
fail('wrong-passphrase', 'encrypted with the fixture passphrase, opened with another one', wrong, 'DECRYPT_FAILED', 'not-the-passphrase');

// A wrong passphrase that happens to give valid padding (about 1 in 256): the garbage must then be
// caught as malformed UTF-8, crypto-js's own exception, and still be DECRYPT_FAILED.
const lucky = encrypt(victim);
let luckyPass;
for (let i = 0; ; i++) {
  luckyPass = `wrong-${i}`;
  if (!paddingIsValid(lucky, luckyPass)) continue;
  try {
    CryptoJS.AES.decrypt(lucky, luckyPass).toString(CryptoJS.enc.Utf8);
  } catch {
    break;
  }
}
fail('wrong-passphrase-valid-padding', 'a wrong passphrase whose output has valid PKCS#7 padding but is not UTF-8', lucky, 'DECRYPT_FAILED', luckyPass);

const good = encrypt(victim);
fail('truncated', 'the base64 text cut short (not a whole number of AES blocks)', good.slice(0, good.length - 10), 'DECRYPT_FAILED');

let blockCut;
do {
  const bytes = CryptoJS.enc.Base64.parse(encrypt(victim));
  const cut = CryptoJS.lib.WordArray.create(bytes.words.slice(0, (bytes.sigBytes - 16) / 4), bytes.sigBytes - 16);
  blockCut = CryptoJS.enc.Base64.stringify(cut);
} while (paddingIsValid(blockCut, PASS));
fail('truncated-block', 'the last AES block removed (valid base64, whole blocks, bad padding)', blockCut, 'DECRYPT_FAILED');

fail('not-base64', 'text that is not base64 at all', 'this is not base64 ¡!*', 'DECRYPT_FAILED');
fail('not-salted', 'valid base64 without the OpenSSL "Salted__" header', CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('0123456789abcdef0123456789abcdef')), 'DECRYPT_FAILED');
fail('empty', 'an empty string', '', 'DECRYPT_FAILED');
fail('not-json', 'decrypts to plain text that is not JSON', encryptText('Hola, this is not JSON'), 'INVALID_CTI');
fail('json-array', 'decrypts to a JSON array', encrypt([1, 2, 3]), 'INVALID_CTI');
fail('json-number', 'decrypts to a JSON number', encrypt(42), 'INVALID_CTI');
fail('json-string', 'decrypts to a JSON string', encrypt('099123456'), 'INVALID_CTI');
fail('missing-guid', 'a JSON object without Guid', encrypt({ Campaign: 'Sales->', Callerid: '099123456' }), 'INVALID_CTI');
// One missing field never makes the CTI unreadable: it is listed in `problems` (toRespool and
// respoolBuilder refuse such a record, not the reader).
ok('dialer-missing-contact', 'a dialer record without its protected contact id: read, with the problem listed', {
  ...victim, Dialer: { campaign: 'Sales->', destination: '099123456', status: 1, dialerbase: 'b' },
}, {
  guid: 'a1', campaign: 'Sales->', callerid: '099123456', form: '', parAndValues: kv([['phone', '099123456']]),
  screen: false, beep: false, answer: false, channel: 'telephony',
  dialer: {
    campaign: 'Sales->', destination: '099123456', status: 1, data: kv([]), alternatives: [], retries: 0, contact: 0,
    dialerbase: 'b', priority: 1, agentphone: '', extra: {}, raw: { campaign: 'Sales->', status: 1, dialerbase: 'b' },
  },
  extra: {}, problems: ['Dialer.contact'],
});

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith('.json')) rmSync(join(OUT, f));
for (const f of fixtures) writeFileSync(join(OUT, `${f.name}.json`), JSON.stringify(f, null, 2) + '\n');
process.stdout.write(`wrote ${fixtures.length} fixtures to ${OUT}\n`);
