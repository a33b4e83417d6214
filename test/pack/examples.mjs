// The examples a user copies: every code block of the README and docs/ that uses the package, and
// every @example of the declarations it ships (what an editor shows on hover), written out as
// TypeScript files of one scratch project so that tsc checks each against the installed package's
// types. A misspelt option, method or result field in an example is then a failing test, not a
// user's first error.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A module specifier of the package or its script-tag global, in a code block. */
const USES_PACKAGE = /['"]ucontact-bridge(?:\/[\w/-]+)?['"]|\bUContactBridge\./;

/** The fenced blocks of a Markdown file: `{ lang, code, line }` (line: the first code line, 1-based). */
export function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`unclosed code block at line ${i + 1}`);
    blocks.push({ lang: open[1], code: lines.slice(i + 1, end).join('\n'), line: i + 2 });
    i = end;
  }
  return blocks;
}

/**
 * The package examples of the Markdown files: js/ts blocks that name the package or its global,
 * and the inline scripts of html blocks. `global` is the script-tag subpath whose global the code
 * uses (the bundle an html block loads; else the full one).
 */
export function docExamples(root, files) {
  const out = [];
  for (const file of files) {
    for (const b of fencedBlocks(readFileSync(join(root, file), 'utf8'))) {
      if (!['js', 'ts', 'html'].includes(b.lang) || !USES_PACKAGE.test(b.code)) continue;
      if (b.lang !== 'html') {
        out.push({ where: `${file}:${b.line}`, code: b.code, line: b.line, global: /\bUContactBridge\./.test(b.code) ? './iife' : undefined });
        continue;
      }
      const bundle = /<script src="[^"]*ucontact-bridge\.(\w+)\.iife(?:\.min)?\.js"/.exec(b.code);
      for (const m of b.code.matchAll(/<script>\n([\s\S]*?)<\/script>/g)) {
        const line = b.line + b.code.slice(0, m.index).split('\n').length;
        out.push({ where: `${file}:${line}`, code: m[1], line, global: bundle ? `./iife/${bundle[1]}` : './iife' });
      }
    }
  }
  return out;
}

/**
 * The @example blocks of the shipped declarations (`*.d.ts` under `typesDir`) of the symbols an
 * entry exports (`exported(name)`); examples of internal helpers are not shown to users.
 */
export function declarationExamples(typesDir, exported) {
  const out = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.d.ts') ? [join(dir, d.name)] : []));
  for (const path of walk(typesDir)) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export (?:declare )?(?:function|const|interface|type|class) (\w+)/g)) {
      const example = /@example\n([\s\S]*?)(?=\n\s*\*\s*@|\s*$)/.exec(m[1]);
      if (!example || !exported(m[2])) continue;
      const code = example[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
      out.push({ where: `${relative(typesDir, path)} (@example of ${m[2]})`, code, line: 1, global: undefined });
    }
  }
  return out;
}

// What the examples leave to the reader: the page's own functions and elements, and the values an
// earlier example made (`portal`, `cti`, a REST client). Typed where the package has the type, so
// that `portal.respool(...)` in an example is checked as the user's code would be.
export const CONTEXT = `// The examples' free names: what the reader's page has.
declare const portal: import('ucontact-bridge').PortalClient;
declare const cti: import('ucontact-bridge/cti').Cti;
declare const rest: import('ucontact-bridge/http').UContactClient;
declare const text: string, secret: string, password: string, baseUrl: string, interactionId: string, PASSPHRASE: string;
declare const when: Date;
declare const rawInteraction: unknown, err: unknown;
declare const args: import('ucontact-bridge').CallArgs;
declare const process: { env: Record<string, string | undefined> };
declare const submitButton: HTMLElement, cancelButton: HTMLElement, callButton: HTMLElement;
declare function fill(...args: unknown[]): void;
declare function save(): void;
declare function manualMode(): void;
declare function openCustomer(...args: unknown[]): void;
declare function showCustomer(...args: unknown[]): void;
declare function showManualSearch(): void;
declare function showBanner(message: string): void;
declare function greet(...args: unknown[]): void;
declare function report(error: unknown): void;
declare function sendRespool(respool: import('ucontact-bridge').Respool): void;
declare function checkBeforeRetrying(error: unknown): unknown;
declare function retryLater(): void;
declare function useRestInstead(): void;
// README's "Testing your integration" sample is a node:test file: the parts of Node's test runner
// and assert it uses (the projects here have no @types/node).
declare module 'node:test' {
  interface TestContext {
    mock: { timers: { enable(options: { apis: string[] }): void; tick(ms: number): void } };
    after(fn: () => unknown): void;
  }
  export function test(name: string, fn: (t: TestContext) => unknown): Promise<void>;
}
declare module 'node:assert/strict' {
  const assert: {
    equal(actual: unknown, expected: unknown): void;
    deepEqual(actual: unknown, expected: unknown): void;
    rejects(promise: Promise<unknown>, check: (error: unknown) => boolean): Promise<void>;
  };
  export default assert;
}
`;

/**
 * One TypeScript module per example. A CommonJS example's `const { … } = require('…')` becomes the
 * import its comment gives; an example that imports nothing imports every name the entries export
 * (`imports`), or reaches the script-tag global its page loads.
 */
export function exampleFile(example, imports) {
  let code = example.code.replace(/^const (\{[^}]*\}) = require\(('[^']+')\);$/gm, 'import $1 from $2;');
  if (/\brequire\(/.test(code)) throw new Error(`${example.where}: a require() this test cannot turn into an import`);
  const head = [];
  if (example.global) head.push(`/// <reference types="ucontact-bridge/${example.global.slice(2)}" />`);
  else if (!/^import /m.test(code)) head.push(imports);
  // The header shifts the example's lines by `offset`: the test maps tsc's line numbers back.
  return { text: `${head.join('\n')}\n${code}\nexport {};\n`, offset: head.join('\n').split('\n').length };
}

/** A comment that states a value: a JavaScript literal, not prose nor an elided `…`. */
function stated(text) {
  const t = text.trim();
  if (t.includes('…') || (/^[A-Za-z_$][\w$]*$/.test(t) && !['true', 'false', 'null', 'undefined'].includes(t))) return false;
  return expression(t);
}

function expression(text) {
  try {
    new Function(`return (${text}\n);`); // a syntax check: the function is never called
    return true;
  } catch {
    return false;
  }
}

/**
 * The results an example states, `expr // value` on one line or `expr` and then a line `// value`:
 * the example's code up to its last stated result, each such `expr` wrapped in
 * `check(expr, value, line)` (line: 1-based in the example). Undefined when it states none.
 */
export function resultChecks(code) {
  const lines = code.split('\n');
  let last = -1;
  const at = (i, expr, value) => {
    lines[i] = `check(${expr}, ${value}, ${i + 1});`;
    last = i;
  };
  for (let i = 0; i < lines.length; i++) {
    const alone = /^\s*\/\/(.*)$/.exec(lines[i]);
    if (alone) {
      if (i > 0 && i - 1 > last && stated(alone[1]) && expression(lines[i - 1])) at(i - 1, lines[i - 1], alone[1]);
      continue;
    }
    const same = /^(.*?\S)\s*\/\/(.*)$/.exec(lines[i]);
    if (same && !same[1].includes('//') && stated(same[2]) && expression(same[1])) at(i, same[1], same[2]);
  }
  return last < 0 ? undefined : lines.slice(0, last + 1).join('\n');
}
