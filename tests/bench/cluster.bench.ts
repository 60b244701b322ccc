/**
 * Cluster figures (issue 15): the same load as the sync bench (sync-clients.ts: N clients, 5 small
 * edits a second each, latency from sending to every other client receiving it) against one
 * SQLite server, one PostgreSQL server, and three PostgreSQL servers sharing rooms through Redis,
 * with the clients spread over the nodes (client i on node i mod 3). A real Redis and a
 * throwaway PostgreSQL run beside them (tests/support/services.ts).
 *
 * Nothing is pinned to a core: with three nodes, PostgreSQL, Redis and the load generator there
 * are more busy processes than cores, as on any small machine running a cluster for a test.
 * Each scenario runs JOURNEYSCROLL_BENCH_RUNS times (default 3); figures are medians.
 * JOURNEYSCROLL_BENCH_CLUSTER="300;rooms" runs only the scenarios with those words.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis, type PostgresService, type RedisService } from '../support/services.ts';
import { median, ms, report } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', '..', 'bin', 'journeyscroll.js');
const RUNS = Number(process.env.JOURNEYSCROLL_BENCH_RUNS ?? 3);
const MEASURE_MS = Number(process.env.JOURNEYSCROLL_BENCH_MEASURE_MS ?? 6000);
const WARMUP_MS = 2000;
const RATE = 5;
const CLK_TCK = 100;

const SCENARIOS = [
  { label: 'N=300, 1 room', clients: 300, rooms: 1 },
  { label: 'N=600, 1 room', clients: 600, rooms: 1 },
  { label: '100 rooms of 10', clients: 1000, rooms: 100 },
];
type Mode = 'sqlite, 1 node' | 'postgres, 1 node' | 'postgres + redis, 3 nodes';
const MODES: readonly Mode[] = ['sqlite, 1 node', 'postgres, 1 node', 'postgres + redis, 3 nodes'];

function lines(proc: ChildProcess, onLine: (line: string) => void): void {
  let buffered = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let i;
    while ((i = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
    }
  });
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const peakRssMiB = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function startNode(args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      '0',
      '--log-level',
      'warn',
      '--max-new-rooms-per-minute',
      '10000',
      '--max-messages-per-second',
      '5000',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, JOURNEYSCROLL_SECRET: '', JOURNEYSCROLL_WEB_BUILD: 'off' } },
  );
  const port = await new Promise<number>((resolve, reject) => {
    lines(proc, (line) => {
      try {
        const record = JSON.parse(line) as { msg: string; port?: number };
        if (record.msg === 'listening') resolve(record.port!);
      } catch {
        // not a log line
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, port };
}

interface Figures {
  p50: number;
  p99: number;
  deliveredPercent: number;
  sent: number;
  /** Per node, in node order. */
  cpuPercent: number[];
  rssMiB: number[];
}

let databases = 0;

async function measure(mode: Mode, clients: number, rooms: number, redis: RedisService, postgres: PostgresService): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'js-bench-cluster-'));
  const nodes: Array<{ proc: ChildProcess; port: number }> = [];
  try {
    if (mode === 'sqlite, 1 node') nodes.push(await startNode(['--data', dir]));
    else {
      const db = await postgres.createDatabase(`bench_${process.pid}_${++databases}`);
      const count = mode === 'postgres, 1 node' ? 1 : 3;
      const extra = count > 1 ? ['--redis', redis.url] : [];
      for (let i = 0; i < count; i++) nodes.push(await startNode(['--data', join(dir, `n${i}`), '--postgres', db, ...extra]));
    }
    const urls = nodes.map((n) => `ws://127.0.0.1:${n.port}/sync`).join(',');
    const load = spawn(
      process.execPath,
      [join(here, 'sync-clients.ts'), urls, String(clients), String(rooms), String(RATE), String(WARMUP_MS), String(MEASURE_MS), '0', ''],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let result: Record<string, number> | null = null;
    let start: number[] = [];
    let end: number[] = [];
    let startedAt = 0;
    let endedAt = 0;
    lines(load, (line) => {
      const parsed = JSON.parse(line) as Record<string, number> & { event?: string };
      if (parsed.event === 'measuring') {
        start = nodes.map((n) => cpuTicks(n.proc.pid!));
        startedAt = performance.now();
      } else if (parsed.event === 'measured') {
        end = nodes.map((n) => cpuTicks(n.proc.pid!));
        endedAt = performance.now();
      } else result = parsed;
    });
    const code = await new Promise<number | null>((resolve) => load.once('exit', resolve));
    if (code !== 0 || !result) throw new Error(`load generator failed (${code})`);
    const r = result as Record<string, number>;
    const seconds = (endedAt - startedAt) / 1000;
    return {
      p50: r.p50!,
      p99: r.p99!,
      deliveredPercent: (100 * r.delivered!) / r.expected!,
      sent: r.sent!,
      cpuPercent: nodes.map((_, i) => ((end[i]! - start[i]!) / CLK_TCK / seconds) * 100),
      rssMiB: nodes.map((n) => peakRssMiB(n.proc.pid!)),
    };
  } finally {
    for (const n of nodes) n.proc.kill('SIGTERM');
    await Promise.all(nodes.map((n) => new Promise((r) => (n.proc.exitCode !== null ? r(null) : n.proc.once('exit', r)))));
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (v: number) => `${v.toFixed(1)} %`;
const mib = (v: number) => `${Math.round(v)} MiB`;

export async function run(): Promise<void> {
  const only = process.env.JOURNEYSCROLL_BENCH_CLUSTER?.split(';').map((v) => v.trim());
  const scenarios = only ? SCENARIOS.filter((sc) => only.some((o) => o === String(sc.clients) || sc.label.includes(o))) : SCENARIOS;
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres({ fsync: true })]);
  try {
    report(
      'cluster',
      `${RATE} edits/s per client, ${MEASURE_MS / 1000} s measured, median of ${RUNS} runs; SQLite and PostgreSQL fsync on`,
      '',
    );
    for (const { label, clients, rooms } of scenarios) {
      for (const mode of MODES) {
        const runs: Figures[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(mode, clients, rooms, redis, postgres));
        const m = (key: 'p50' | 'p99' | 'deliveredPercent' | 'sent') => median(runs.map((r) => r[key]));
        const perNode = (key: 'cpuPercent' | 'rssMiB', fmt: (v: number) => string) =>
          runs[0]![key].map((_, i) => fmt(median(runs.map((r) => r[key][i]!)))).join(' / ');
        report('cluster', `${label} · ${mode}: delivered`, `${pct(m('deliveredPercent'))} (${Math.round(m('sent'))} sent)`);
        report('cluster', `${label} · ${mode}: latency p50 / p99`, `${ms(m('p50'))} / ${ms(m('p99'))}`);
        report('cluster', `${label} · ${mode}: CPU per node`, perNode('cpuPercent', pct));
        report('cluster', `${label} · ${mode}: peak RSS per node`, perNode('rssMiB', mib));
      }
    }
  } finally {
    await Promise.all([redis.remove(), postgres.remove()]);
  }
}
