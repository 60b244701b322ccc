import { describe, expect, it } from 'vitest';
import { isLoopbackName, normalizeOrigin, originRefusal, type OriginPolicy } from './origin.ts';

const open: OriginPolicy = { allowed: new Set(), loopbackOnly: false };
const loopback: OriginPolicy = { allowed: new Set(), loopbackOnly: true };
const ask = (origin: string | undefined, host: string | undefined, policy = open, secure = false) =>
  originRefusal({ origin, host, secure }, policy);

describe('origins a server without a secret accepts sockets from', () => {
  it('accepts programs (no Origin), its own pages, over http or https, and the desktop app', () => {
    expect(ask(undefined, 'anything')).toBeNull();
    expect(ask('http://10.0.0.5:4321', '10.0.0.5:4321')).toBeNull();
    expect(ask('https://10.0.0.5:4321', '10.0.0.5:4321')).toBeNull();
    expect(ask('HTTP://Workshop.Local:4321', 'workshop.local:4321')).toBeNull();
    expect(ask('http://10.0.0.5', '10.0.0.5:80')).toBeNull();
    expect(ask('https://10.0.0.5', '10.0.0.5', open, true)).toBeNull();
    expect(ask('http://[::1]:4321', '[::1]:4321', loopback)).toBeNull();
    expect(ask('http://localhost:4321', 'localhost:4321', loopback)).toBeNull();
    expect(ask('app://journeyscroll', '127.0.0.1:4321', loopback)).toBeNull();
  });

  it('refuses every other page, and a page whose DNS name was rebound to this machine', () => {
    expect(ask('https://evil.example', '127.0.0.1:4321', loopback)).toMatch(/origin https:\/\/evil.example is not allowed/);
    expect(ask('http://127.0.0.1:9999', '127.0.0.1:4321', loopback)).toMatch(/not allowed/);
    expect(ask('http://10.0.0.5:4321', '10.0.0.6:4321')).toMatch(/not allowed/);
    expect(ask('http://10.0.0.5', '10.0.0.5', open, true)).toMatch(/not allowed/);
    // Rebinding: the page's own name now points at 127.0.0.1, so Host and Origin agree.
    expect(ask('http://evil.example:4321', 'evil.example:4321', loopback)).toMatch(/not allowed/);
    expect(ask('null', '127.0.0.1:4321')).toMatch(/unreadable Origin/);
    expect(ask('file://', '127.0.0.1:4321')).toMatch(/unreadable Origin/);
    expect(ask('app://journeyscroll.evil', '127.0.0.1:4321')).toMatch(/not allowed/);
    expect(ask('http://10.0.0.5:4321', undefined)).toMatch(/not allowed/);
    expect(ask('http://10.0.0.5:4321', '10.0.0.5:4321/x')).toMatch(/not allowed/);
    expect(ask('http://a@10.0.0.5:4321', '10.0.0.5:4321')).toMatch(/unreadable/);
  });

  it('accepts origins given with --allow-origin, normalised', () => {
    const policy: OriginPolicy = { allowed: new Set([normalizeOrigin('https://Portal.Example.com/')]), loopbackOnly: true };
    expect(ask('https://portal.example.com', '127.0.0.1:4321', policy)).toBeNull();
    expect(ask('https://portal.example.com:443', '127.0.0.1:4321', policy)).toBeNull();
    expect(ask('http://portal.example.com', '127.0.0.1:4321', policy)).toMatch(/not allowed/);
  });

  it('refuses settings that are not origins', () => {
    expect(normalizeOrigin('app://journeyscroll')).toBe('app://journeyscroll');
    expect(normalizeOrigin('http://10.0.0.5:80')).toBe('http://10.0.0.5');
    for (const bad of ['', 'example.com', 'https://example.com/path', 'https://example.com?x', 'https://u:p@example.com']) {
      expect(() => normalizeOrigin(bad)).toThrow(/not an origin/);
    }
  });

  it('knows loopback names', () => {
    for (const name of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.9.9.9', '[::1]', 'localhost.'])
      expect(isLoopbackName(name)).toBe(true);
    for (const name of ['localhost.evil.com', '10.0.0.1', 'example.com', '[::2]', '0.0.0.0']) expect(isLoopbackName(name)).toBe(false);
  });
});
