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

  it('takes --postgres and --redis (or DATABASE_URL and REDIS_URL), and refuses Redis without PostgreSQL', () => {
    const db = 'postgres://u:p@db:5432/js';
    expect(serveOptions(['--postgres', db, '--redis', 'redis://cache:6379'], {}, '/')).toMatchObject({
      postgresUrl: db,
      redisUrl: 'redis://cache:6379',
    });
    expect(serveOptions([], { DATABASE_URL: db, REDIS_URL: 'redis://c' }, '/')).toMatchObject({ postgresUrl: db, redisUrl: 'redis://c' });
    expect(serveOptions([], {}, '/').postgresUrl).toBeUndefined();
    expect(() => serveOptions(['--redis', 'redis://c'], {}, '/')).toThrow(/--redis needs --postgres/);
    expect(() => serveOptions(['--postgres', 'mysql://x'], {}, '/')).toThrow(UsageError);
    expect(() => serveOptions(['--postgres', db, '--redis', 'http://x'], {}, '/')).toThrow(/redis:\/\//);
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

  it('takes admission limits, allowed origins (flags and environment), revocations and TLS files', () => {
    const o = serveOptions(
      [
        '--max-connections',
        '300',
        '--max-connections-per-address',
        '20',
        '--max-new-rooms-per-minute',
        '5',
        '--max-stored-bytes',
        '1g',
        '--allow-origin',
        'https://portal.example.com',
        '--allow-origin',
        'http://10.0.0.9:8080',
        '--revocations',
        'rev.txt',
      ],
      { JOURNEYSCROLL_ALLOWED_ORIGINS: 'https://a.example, https://b.example' },
      '/w',
    );
    expect(o.limits).toEqual({
      maxConnections: 300,
      maxConnectionsPerAddress: 20,
      newRoomsPerAddressPerMinute: 5,
      maxStoredBytes: 1024 ** 3,
    });
    expect(o.allowedOrigins).toEqual(['https://portal.example.com', 'http://10.0.0.9:8080', 'https://a.example', 'https://b.example']);
    expect(o.revocationsFile).toBe('/w/rev.txt');
    expect(() => serveOptions(['--max-connections', '0'], {}, '/')).toThrow(/positive whole number/);
    expect(() => serveOptions(['--max-new-rooms-per-minute', '1.5'], {}, '/')).toThrow(/positive whole number/);
    expect(() => serveOptions(['--allow-origin', 'example.com'], {}, '/')).toThrow(/not an origin/);
    expect(() => serveOptions([], { JOURNEYSCROLL_ALLOWED_ORIGINS: 'https://x.example/path' }, '/')).toThrow(/not an origin/);
    expect(() => serveOptions(['--tls-cert', 'c.pem'], {}, '/')).toThrow(/go together/);
    expect(() => serveOptions(['--tls-cert', '/nope/c.pem', '--tls-key', '/nope/k.pem'], {}, '/')).toThrow(
      /cannot read \/nope\/c.pem: ENOENT/,
    );
  });

  it('refuses bad ports, levels and unknown flags', () => {
    expect(() => serveOptions(['--port', '70000'], {}, '/')).toThrow(/invalid port/);
    expect(() => serveOptions([], { PORT: 'http' }, '/')).toThrow(/invalid port/);
    expect(() => serveOptions(['--log-level', 'loud'], {}, '/')).toThrow(/log level/);
    expect(() => serveOptions(['--verbose'], {}, '/')).toThrow(UsageError);
  });
});
