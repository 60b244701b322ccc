import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.ts';
import { parseSize, serveOptions } from './serve.ts';

describe('journeyscroll serve options', () => {
  it('defaults to loopback on 4321 with ./journeyscroll-data', () => {
    const o = serveOptions([], {}, '/work');
    expect(o).toMatchObject({ host: '127.0.0.1', port: 4321, dataDir: '/work/journeyscroll-data', open: false, limits: {} });
    expect(o.secret).toBeUndefined();
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', JOURNEYSCROLL_DATA: 'd', JOURNEYSCROLL_SECRET: 's'.repeat(20) };
    expect(serveOptions([], env, '/w')).toMatchObject({ host: '0.0.0.0', port: 9000, dataDir: '/w/d', secret: 's'.repeat(20) });
    expect(serveOptions(['--port', '0', '--host', '::1', '--data', '/abs', '--open'], env, '/w')).toMatchObject({
      host: '::1',
      port: 0,
      dataDir: '/abs',
      open: true,
    });
  });

  it('takes limits with size suffixes', () => {
    expect(
      serveOptions(['--max-message-bytes', '64k', '--max-document-bytes', '2m', '--max-messages-per-second', '50'], {}, '/').limits,
    ).toEqual({
      maxMessageBytes: 65536,
      maxDocumentBytes: 2 * 1024 * 1024,
      messagesPerSecond: 50,
      messageBurst: 1000,
    });
    expect(parseSize('8MiB', 'x')).toBe(8 * 1024 * 1024);
    expect(() => parseSize('lots', 'x')).toThrow(UsageError);
  });

  it('refuses bad ports, levels and unknown flags', () => {
    expect(() => serveOptions(['--port', '70000'], {}, '/')).toThrow(/invalid port/);
    expect(() => serveOptions([], { PORT: 'http' }, '/')).toThrow(/invalid port/);
    expect(() => serveOptions(['--log-level', 'loud'], {}, '/')).toThrow(/log level/);
    expect(() => serveOptions(['--verbose'], {}, '/')).toThrow(UsageError);
  });
});
