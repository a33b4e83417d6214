// The page environments of e2e/legacy.e2e.test.mjs: `env` in the page's query (comma-separated)
// changes built-ins before the library loads, as legacy libraries and hardened pages do.
(function () {
  var env = (new URLSearchParams(location.search).get('env') || '').split(',');
  var has = function (name) { return env.indexOf(name) >= 0; };
  window.legacyEnv = env;
  if (has('prototype')) {
    // Prototype.js 1.6: toJSON on Array (a string of JSON, so JSON.stringify encodes arrays twice),
    // on String, and enumerable methods on Array.prototype (for-in over an array visits them).
    Array.prototype.toJSON = function () { return '[' + this.map(function (x) { return JSON.stringify(x); }).join(', ') + ']'; };
    String.prototype.toJSON = function () { return '"' + this + '"'; };
    Array.prototype.each = function (fn) { for (var i = 0; i < this.length; i++) fn(this[i], i); };
    Array.prototype.include = function (x) { return this.indexOf(x) >= 0; };
    String.prototype.strip = function () { return this.replace(/^\s+|\s+$/g, ''); };
  }
  if (has('jsonjs')) {
    // The old json.js: enumerable methods on Object.prototype and String.prototype.
    Object.prototype.toJSONString = function () { return JSON.stringify(this); };
    String.prototype.parseJSON = function () { return JSON.parse(this); };
  }
  if (has('pollution')) Object.prototype.injected = 'polluted';
  if (has('bind')) {
    Function.prototype.bind = function (that) { var fn = this; var pre = [].slice.call(arguments, 1); return function () { return fn.apply(that, pre.concat([].slice.call(arguments))); }; };
  }
  if (has('protobind')) {
    // Prototype.js 1.6/1.7's bind: called with no arguments (or an undefined first one), it returns
    // the function itself, not a new one.
    Function.prototype.bind = function () {
      if (arguments.length < 2 && arguments[0] === undefined) return this;
      var fn = this, that = arguments[0], pre = [].slice.call(arguments, 1);
      return function () { return fn.apply(that, pre.concat([].slice.call(arguments))); };
    };
  }
  if (has('promise')) {
    // A Promise/A+ polyfill of the time (no finally, no allSettled), over the native one.
    var Native = Promise;
    var P = function (executor) { this.p = new Native(executor); };
    P.prototype.then = function (a, b) { var out = Object.create(P.prototype); out.p = this.p.then(a, b); return out; };
    P.prototype['catch'] = function (b) { return this.then(undefined, b); };
    P.resolve = function (v) { return new P(function (r) { r(v); }); };
    P.reject = function (e) { return new P(function (_r, j) { j(e); }); };
    P.all = function (l) { return new P(function (r, j) { Native.all(l).then(r, j); }); };
    P.race = function (l) { return new P(function (r, j) { Native.race(l).then(r, j); }); };
    window.Promise = P;
  }
  // No 'noancestors'/'throwancestors' here: Chromium puts location.ancestorOrigins on the Location
  // object itself, unforgeable, so a page cannot remove or replace it; Firefox's missing one is
  // covered by the unit tests with fake windows (test/unit/origin-policy.test.mjs and others).
  // No 'nostorage'/'quota' here: real ones are tested instead (a sandboxed form's storage throws
  // SecurityError in e2e/legacy; Chromium's own full quota in e2e/restricted).
  if (has('freeze')) {
    // What SES's lockdown() does to the intrinsics (without its override taming): every
    // constructor and prototype of the language frozen.
    [Object, Array, Function, Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, Promise, String,
      Number, Boolean, Symbol, RegExp, Date, Map, Set, WeakMap, WeakSet, ArrayBuffer, DataView, Uint8Array, Int32Array,
      Object.getPrototypeOf(Uint8Array)].forEach(function (C) { Object.freeze(C.prototype); Object.freeze(C); });
    [JSON, Math, Reflect].forEach(Object.freeze);
  }
})();
