// The page environments of e2e/neighbours-*.e2e.test.mjs: `env` in the page's query (comma-separated)
// changes built-ins before the library loads, as libraries a CRM page carries beside ours do.
(function () {
  var env = (new URLSearchParams(location.search).get('env') || '').split(',');
  var has = function (name) { return env.indexOf(name) >= 0; };
  if (has('prototype-from')) {
    // Prototype.js 1.6 and 1.7.3 (src/prototype/lang/array.js), unconditionally: `Array.from = $A`,
    // which takes no map function (its second argument is ignored: the items come back as they were).
    var $A = function (iterable) {
      if (!iterable) return [];
      if ('toArray' in Object(iterable)) return iterable.toArray();
      var length = iterable.length || 0, results = new Array(length);
      while (length--) results[length] = iterable[length];
      return results;
    };
    Array.from = $A;
    // Prototype 1.6's Enumerable mixed into Array.prototype (enumerable): map is its collect, over
    // each (the native forEach: holes skipped) with the iterator bound to the context given.
    var each = Array.prototype.forEach;
    Array.prototype.each = function (fn, context) { each.call(this, fn, context); return this; };
    Array.prototype.map = Array.prototype.collect = function (iterator, context) {
      iterator = iterator ? iterator.bind(context) : function (x) { return x; };
      var results = [];
      this.each(function (value, index) { results.push(iterator(value, index)); });
      return results;
    };
  }
  if (has('mootools-from')) {
    // MooTools Core 1.3 to 1.5 (Core.js; Joomla 3 ships 1.4.5), unconditionally: Array.from hands an
    // array back as it is (the same object) and wraps anything else, with no map function.
    Array.from = function (item) {
      if (item == null) return [];
      var enumerable = typeof item.length == 'number' && Object.prototype.toString.call(item) != '[object Function]';
      return enumerable && typeof item != 'string' ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item];
    };
  }
})();
