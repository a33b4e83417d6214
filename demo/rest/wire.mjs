// Small node:http helpers of the REST simulator.
import { Buffer } from 'node:buffer';

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes (Error 'too-large'); a client
 * gone before the end of its body is Error 'aborted'.
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) reject(new Error('too-large'));
      else parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => reject(new Error('aborted')));
    req.on('close', () => reject(new Error('aborted'))); // after 'end' the promise is settled: a no-op
  });
}

/**
 * Answers once; a no-op when the client is gone; cuts an answer already under way (an event stream).
 * `headers`: more headers (a 405's `Allow`, which HTTP requires).
 */
export function send(res, status, body, type = 'text/plain; charset=utf-8', headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  // writeHead would throw, and a throw in a request's error path stops the whole simulator.
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}
