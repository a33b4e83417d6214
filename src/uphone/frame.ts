import { bad, type Rule } from '../shared/validate.js';

// Where the uPhone lives: the iframe the library creates (or adopts), its URL, and the page that
// holds it (the iframe's own document: a container in a same-origin pop-up is heard, but a command
// posted from this window comes from it, not from the phone's parent, which a phone may refuse).

/** A rule for a node of a page that has `key` (`appendChild`: an element; `contentWindow`: an iframe). */
export const inPage = <T>(key: string, what: string): Rule<T> => (op, name, v) =>
  (v as Element | undefined)?.ownerDocument?.defaultView && key in (v as object) ? v as T : bad(op, name, `must be ${what}`);

/** A host name with an optional port, `acme.ucontactcloud.com`: no scheme, no path, no credentials. */
export const hostName: Rule<string> = (op, name, v) => {
  try {
    // And one the URL parser takes: a port past 65535, or a last label of digits that is no IPv4
    // (10.0.0.256, pbx.123), would else be refused later as the url the caller never passed.
    if (typeof v === 'string' && /^[a-z\d]([a-z\d.-]*[a-z\d])?(:\d{1,5})?$/i.test(v) && new URL(`https://${v}`)) return v;
  } catch {
    // refused below
  }
  return bad(op, name, 'must be a host name such as acme.ucontactcloud.com');
};

/** The uPhone's address, resolved against the page: http or https only, without credentials. */
export function frameUrl(op: string, name: string, value: string | null, base: string): URL {
  try {
    const url = new URL(value as string, base);
    // An empty iframe src would resolve to the page itself. Chromium never loads a frame whose URL
    // holds a user name or password (the phone would only time out), and the DOM would show them.
    // (The href starts with the scheme and its ':': the protocol test, in fewer bytes.)
    if (value && /^https?:/.test(url.href) && !(url.username + url.password)) return url;
  } catch {
    // refused below
  }
  return bad(op, name, 'must be an http or https URL without credentials');
}

/** Creates the uPhone's iframe in `container`. */
export function createFrame(container: Element, url: URL): HTMLIFrameElement {
  // A WebRTC phone needs camera and microphone, and a cross-origin frame gets them only from `allow`.
  // Set as properties, which the DOM reflects to the attributes (every browser README names has `allow`);
  // `style` set to text is its cssText (the DOM forwards it there: [PutForwards=cssText]).
  return container.appendChild(Object.assign(container.ownerDocument.createElement('iframe'), {
    allow: 'camera;microphone', scrolling: 'no', title: 'uContact phone', style: 'border:0;overflow:hidden;width:100%;height:100%', src: url.href,
  }));
}
