// The unload orders a form's own code can put destroy() in, each a function run in the form
// (`window.connect` is the lifecycle page's) with a call in flight: shared by e2e/lifecycle (Chromium)
// and the engine suites (e2e/engines/). The reload protection must be saved in every order.
export const UNLOAD_ORDERS = [
  ['destroy() in beforeunload', (args) => {
    const client = window.connect();
    window.addEventListener('beforeunload', () => client.destroy());
    client.call(args).catch(() => {});
  }],
  ['destroy() in a pagehide listener added before the client', (args) => {
    let client;
    window.addEventListener('pagehide', () => client.destroy());
    client = window.connect();
    client.call(args).catch(() => {});
  }],
  ['destroy() in a pagehide listener added after the client', (args) => {
    const client = window.connect();
    window.addEventListener('pagehide', () => client.destroy());
    client.call(args).catch(() => {});
  }],
];
