// The hostile-message corpus of the portal client, shared by e2e/hostile.e2e.test.mjs (Chromium) and
// the engine suites (e2e/engines/). Each entry is a JS expression evaluated in the sending window;
// `env(d)` wraps d in a Porthole envelope. SEND posts one, as `[expr, how]`, from the page it runs in.
export const MALFORMED = [
  "'not json'", "''", "'{\"data\":'", "'[]'", "'\"str\"'", "'42'", "'null'", "'true'",
  "env('x')", 'env([1, 2])', 'env(null)', "JSON.stringify({ sourceOrigin: 'x' })",
  'env({ guid: {} })', "env({ guid: ['g'] })", 'env({ guid: true })', `'{"data":{"guid":1e999}}'`,
  "env({ guid: 'g', result: true })", "env({ guid: 'g', result: 'yes' })", "env({ action: 'hangup', result: true })",
  "env({ action: 'call', result: '1' })",
  "env({ action: 'tag', result: ['1'] })", "env({ action: 'disposition', result: null })",
  `'{"data":{"__proto__":{"guid":"polluted"},"constructor":{"prototype":{"guid":"x"}}}}'`,
  `'{"data":{"action":"__proto__","result":"1"}}'`, `'{"data":{"action":"constructor","result":"1"}}'`,
  `'{"data":' + '['.repeat(100000) + ']'.repeat(100000) + '}'`,
  `'{"data":{"guid":false,"x":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) + '}}'`,
  "env({ guid: false, pad: 'x'.repeat(1e6) })", "'x'.repeat(5e6)", "env({ guid: 'g' + 'x'.repeat(4.5e6) })",
  "env({ action: 'respool', result: '1' })", "env({ action: 'schedule', result: '0', error: 'x' })",
  "env({ action: 'callWithPhone' })", "env({ action: 'nope', result: '1' })",
  '({ data: { guid: 5 } })', '42', 'null', 'undefined',
  // A guid in a message naming another action: that action's message, never a call's answer.
  "env({ action: 'hangup', guid: 'g-hangup-event' })", "env({ action: 'disposition', guid: 'g' })", "env({ action: 'tag', guid: 'g' })",
  "env({ action: 'nope', guid: 'g' })", "env({ action: 7, guid: 'g' })", "env({ action: null, guid: 'g' })",
  "env({ action: '__proto__', guid: 'g' })", "env({ action: 'toString', guid: 'g', result: '1' })",
];
// Well-formed answers: fine from the portal, forged from anywhere else (numbers are read as text).
export const FORGED = [
  'env({ guid: 123 })', 'env({ guid: null })', "env({ guid: 'g', result: 1 })",
  "env({ guid: 'forged-guid' })", "env({ guid: 'forged', result: '1' })", "env({ action: 'hangup', result: '1' })",
  "env({ action: 'disposition', result: '1' })", "env({ action: 'tag', result: '0', error: 'forged' })",
  "env({ action: 'lookupLead', result: '1', forged: true })", "env({ action: 'lookupLead' })",
  "({ data: JSON.parse(env({ guid: 'object-message' })).data })",
];

export const SEND = ([expr, how]) => {
  const env = (data) => JSON.stringify({ data, sourceOrigin: location.origin, targetOrigin: '*', sourceWindowName: '', targetWindowName: 'crmForm' });
  const value = new Function('env', `return (${expr});`)(env);
  const to = how === 'self' ? window
    : how === 'portal' ? document.getElementById('crm').contentWindow
      : parent.frames.crmForm;
  to.postMessage(value, '*');
};
