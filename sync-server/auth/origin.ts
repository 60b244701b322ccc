/**
 * Which browser pages may open a socket on a server without a secret (docs/security.md, "Sync
 * server"). A browser always sends `Origin` on a WebSocket handshake and a page cannot forge it;
 * programs (a WebsocketProvider under Node, the CLI, the bench) send none and are judged by their
 * address as before. Pure functions: no I/O.
 */

/** The desktop app's renderer (electron/main serves it from `app://journeyscroll/`). */
export const DESKTOP_APP_ORIGIN = 'app://journeyscroll';

/**
 * An origin as the browser serialises it: `scheme://host[:port]`, lowercase, no default port, no
 * path. Throws on anything that is not an absolute URL without a path, query or credentials.
 */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`"${text}" is not an origin (like https://workshop.example.com or http://10.0.0.5:4321)`);
  }
  if (!url.host || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`"${text}" is not an origin: give scheme://host[:port] only`);
  }
  // URL.origin is "null" for schemes it does not know (app:), so build it the same way for all.
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** A Host header: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** host:port of a Host header, with the scheme's default port made explicit; null if unreadable. */
function hostAndPort(host: string, secure: boolean): string | null {
  if (!HOST_HEADER.test(host)) return null;
  try {
    const url = new URL(`${secure ? 'https' : 'http'}://${host}`);
    return `${url.hostname}:${url.port || (secure ? '443' : '80')}`.toLowerCase();
  } catch {
    return null;
  }
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and [::1]: names that can only mean this machine. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export interface OriginRequest {
  /** The Origin header, if any (undefined: not a browser). */
  readonly origin: string | undefined;
  /** The Host header the request carried. */
  readonly host: string | undefined;
  /** Whether the request came over TLS (the Host's default port is then 443). */
  readonly secure: boolean;
}

export interface OriginPolicy {
  /** Origins allowed beside the server's own and the desktop app's (already normalised). */
  readonly allowed: ReadonlySet<string>;
  /**
   * Loopback-only mode (no secret, no --open): the server's own origin must also be a loopback
   * name, so a page on another site that rebinds its DNS name to 127.0.0.1 is not "same origin".
   */
  readonly loopbackOnly: boolean;
}

/** null when the socket may proceed, else why not (the close reason). */
export function originRefusal(request: OriginRequest, policy: OriginPolicy): string | null {
  if (request.origin === undefined) return null;
  let origin: string;
  try {
    origin = normalizeOrigin(request.origin);
  } catch {
    return 'cross-site socket refused: unreadable Origin';
  }
  if (origin === DESKTOP_APP_ORIGIN || policy.allowed.has(origin)) return null;
  const url = new URL(origin);
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const own = request.host === undefined ? null : hostAndPort(request.host, request.secure);
    const theirs = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
    if (own !== null && own === theirs && (!policy.loopbackOnly || isLoopbackName(url.hostname))) return null;
  }
  return `cross-site socket refused: origin ${origin} is not allowed (see --allow-origin)`;
}
