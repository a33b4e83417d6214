// A REST client of the built http entry whose fetch records each request's body and answers `1`
// (or `answer`): for tests of what goes out (or that nothing does). `form: true` records each body
// as its fields (an object); other options go to the client (`timeZone`, `retry`, …).
import { createUContactClient } from '../../../dist/http.js';

export function recordingClient({ answer = '1', form = false, ...options } = {}) {
  const sent = [];
  const uc = createUContactClient({
    baseUrl: 'https://acme.example', credentials: { token: Buffer.from('api:0d0c').toString('base64') }, ...options,
    fetch: async (url, init) => {
      sent.push(form ? Object.fromEntries(new URLSearchParams(init.body)) : init.body);
      return new Response(answer, { status: 200 });
    },
  });
  return { uc, sent };
}
