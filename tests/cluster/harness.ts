/**
 * A cluster for the tests: one real Redis, one throwaway PostgreSQL cluster (tests/support/
 * services.ts), and any number of real `journeyscroll serve --postgres … --redis …` processes on
 * loopback. Clients are y-websocket WebsocketProviders (tests/sync/harness.ts).
 */
import { startPostgres, startRedis, type PostgresService, type RedisService } from '../support/services.ts';
import { startServerProcess, tempDir, type ServerProcess } from '../sync/harness.ts';

export interface ClusterServices {
  readonly redis: RedisService;
  readonly postgres: PostgresService;
  /** A fresh database per test, so tests do not see each other's rooms. */
  database(): Promise<string>;
  remove(): Promise<void>;
}

let databases = 0;

export async function startServices(): Promise<ClusterServices> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  return {
    redis,
    postgres,
    database: () => postgres.createDatabase(`t${process.pid}_${++databases}`),
    async remove() {
      await Promise.all([redis.remove(), postgres.remove()]);
    },
  };
}

/** Starts `count` nodes sharing the database and Redis. */
export async function startNodes(
  count: number,
  options: { postgres: string; redis?: string | undefined; args?: readonly string[]; env?: Record<string, string> },
): Promise<ServerProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startNode(options)));
}

export function startNode(options: {
  postgres: string;
  redis?: string | undefined;
  args?: readonly string[];
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  return startServerProcess(tempDir('js-node-'), {
    args: [
      '--postgres',
      options.postgres,
      ...(options.redis ? ['--redis', options.redis] : []),
      '--log-level',
      'warn',
      ...(options.args ?? []),
    ],
    env: options.env ?? {},
  });
}

/** The value of one series in a node's /metrics (summed over its labels). */
export async function metric(server: ServerProcess, name: string, label?: string): Promise<number> {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [series, value] = line.split(' ');
    if (!series || value === undefined) continue;
    const base = series.replace(/\{.*\}$/, '');
    if (base !== name) continue;
    if (label !== undefined && !series.includes(label)) continue;
    total += Number(value);
  }
  return total;
}

/** Waits until an asynchronous check holds (a /metrics figure, say). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
