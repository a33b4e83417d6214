// A REST client of the built http entry whose fetch records each request's body and answers `1`:
// for tests of what goes out (or that nothing does).
import { createUContactClient } from '../../../dist/http.js';

export function recordingClient() {
  const sent = [];
  const uc = createUContactClient({
    baseUrl: 'https://acme.example', credentials: { token: Buffer.from('api:0d0c').toString('base64') },
    fetch: async (url, init) => {
      sent.push(init.body);
      return new Response('1', { status: 200 });
    },
  });
  return { uc, sent };
}
