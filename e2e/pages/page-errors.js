// What a test page keeps of its own failures, for the tests to read: unhandled rejections (their
// code) and uncaught errors. Loaded first by the uPhone host pages.
window.unhandled = [];
window.addEventListener('unhandledrejection', function (e) { window.unhandled.push(String(e.reason && e.reason.code || e.reason)); });
window.errors = [];
window.addEventListener('error', function (e) { window.errors.push(String(e.message)); });
