import { describe, expect, it } from 'vitest';
import { isAllowedSender, originOf } from './sender.ts';

describe('IPC sender check', () => {
  const allowed = ['app://journeyscroll', 'http://localhost:5173'];
  it('accepts pages of the allowed origins, whatever their path', () => {
    expect(isAllowedSender('app://journeyscroll/', allowed)).toBe(true);
    expect(isAllowedSender('app://journeyscroll/index.html#/b/bp-1', allowed)).toBe(true);
    expect(isAllowedSender('http://localhost:5173/src/index.html', allowed)).toBe(true);
  });
  it('refuses look-alikes, other ports and schemes, opaque URLs and non-strings', () => {
    for (const url of [
      'app://journeyscroll.evil/',
      'app://evil/',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'file:///app/index.html',
      'data:text/html,x',
      'about:blank',
      'javascript:1',
      '',
      undefined,
      {},
      'app://journeyscroll/'.padEnd(9000, 'x'),
    ]) {
      expect(isAllowedSender(url, allowed), String(url).slice(0, 40)).toBe(false);
    }
  });
  it('compares scheme and host, since custom schemes have an opaque URL.origin', () => {
    expect(new URL('app://journeyscroll/x').origin).toBe('null');
    expect(originOf('app://journeyscroll/x')).toBe('app://journeyscroll');
  });
});
