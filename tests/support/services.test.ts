import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, startRedis, type PostgresService, type RedisService } from './services.ts';

let redis: RedisService | undefined;
let postgres: PostgresService | undefined;
afterAll(async () => {
  await redis?.remove();
  await postgres?.remove();
});

describe('test services', () => {
  it('start a real Redis and a throwaway PostgreSQL on loopback, and restart them', async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    const r = new Redis(redis.url, { lazyConnect: true });
    await r.connect();
    await r.set('k', 'v');
    expect(await r.get('k')).toBe('v');
    r.disconnect();
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    expect((await client.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]!.n).toBe(2);
    await client.end();
    await postgres.stop();
    const refused = new pg.Client({ connectionString: postgres.url });
    await expect(refused.connect()).rejects.toThrow();
    await postgres.start();
    const again = new pg.Client({ connectionString: await postgres.createDatabase('again') });
    await again.connect();
    expect((await again.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d).toBe('again');
    await again.end();
  });
});
