/**
 * Real Redis and PostgreSQL for the cluster tests and the cluster bench: each started on a free
 * loopback port in a temporary folder, and removed afterwards. PostgreSQL is a throwaway cluster
 * (initdb in the folder); both run as the `postgres` user when we are root, since initdb refuses
 * root. `.ci/run` installs Debian's `redis-server` and `postgresql` when they are missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Debian puts PostgreSQL's server binaries here, one folder per major version (the newest wins). */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null;
}

export const servicesAvailable = (): boolean =>
  postgresBin() !== null && spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

const isRoot = () => process.getuid?.() === 0;

/** Runs as `postgres` when we are root (initdb and postgres refuse root), else as ourselves. */
function asPostgres(command: string, args: readonly string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
}

function waitExit(proc: ChildProcess): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => proc.once('exit', () => resolve()));
}

export interface RedisService {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM by default; SIGKILL for a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (after stop). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/** A Redis on a free loopback port, in memory only (no RDB, no AOF). */
export async function startRedis(): Promise<RedisService> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'js-redis-'));
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 200; i++) {
      if (await canConnect(port)) return;
      if (proc.exitCode !== null) throw new Error(`redis-server exited (${proc.exitCode})`);
      await sleep(25);
    }
    throw new Error('redis-server did not listen within 5 s');
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!proc) return;
    const p = proc;
    proc = undefined;
    p.kill(signal);
    await waitExit(p);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async remove() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

export interface PostgresService {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: trust authentication on loopback. */
  readonly url: string;
  /** A URL for another database of this cluster (created by `createDatabase`). */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown; `immediate` for a crash-like stop) and waits for it. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster: initdb in a temp folder, loopback only. fsync is off unless
 * asked for (the tests need crash behaviour, not disk durability; the bench asks for it).
 */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresService> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'js-pg-'));
  chmodSync(dir, 0o700);
  if (isRoot()) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const data = join(dir, 'data');
  const [cmd, args] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  let proc: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    const [c, a] = asPostgres(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `fsync=${options.fsync ? 'on' : 'off'}`,
      '-c',
      'synchronous_commit=on',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=32MB',
    ]);
    proc = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => (log = (log + chunk).slice(-4000)));
    for (let i = 0; i < 400; i++) {
      if (/ready to accept connections/.test(log)) return;
      if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}): ${log}`);
      await sleep(25);
    }
    throw new Error(`postgres did not start within 10 s: ${log}`);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!proc) return;
    const p = proc;
    proc = undefined;
    log = '';
    // postgres: SIGINT is a fast shutdown, SIGQUIT an immediate one (crash recovery at the next
    // start). Sent to the postmaster itself (its pid file): runuser does not pass SIGINT on.
    const signal = mode === 'fast' ? 'SIGINT' : 'SIGQUIT';
    try {
      process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), signal);
    } catch {
      p.kill(signal);
    }
    await waitExit(p);
  };
  await start();
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url: urlFor('postgres'),
    urlFor,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    stop,
    start,
    async remove() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
