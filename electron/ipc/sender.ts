/**
 * Whether an IPC call comes from the app's own page. The sender frame's URL must be on one of the
 * allowed origins: the app's (app://journeyscroll), the dev server's when one is configured, or
 * the one a test configures. Compared as scheme + host, because custom schemes have an opaque
 * `URL.origin` ("null") in Node and browsers alike.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isAllowedSender(senderUrl: unknown, allowedOrigins: readonly string[]): boolean {
  if (typeof senderUrl !== 'string' || senderUrl.length > 8192) return false;
  const origin = originOf(senderUrl);
  return origin !== null && allowedOrigins.some((allowed) => originOf(allowed) === origin);
}
