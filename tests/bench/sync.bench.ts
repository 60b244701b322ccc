/**
 * Sync server figures (issue 3): propagation latency through a real `journeyscroll serve` process
 * with N clients in a separate process, and the cold load of a room with 100,000 updates in its
 * history, before and after compaction. Figures only: budgets live in the issue.
 *
 * Each propagation scenario runs JOURNEYSCROLL_BENCH_RUNS times (default 3) on a fresh server and
 * data folder; the figures printed are the medians over the runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { signToken } from '../../sync-server/auth/token.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { median, ms, report } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', '..', 'bin', 'journeyscroll.js');
const RUNS = Number(process.env.JOURNEYSCROLL_BENCH_RUNS ?? 3);
const MEASURE_MS = Number(process.env.JOURNEYSCROLL_BENCH_MEASURE_MS ?? 10_000);
const WARMUP_MS = 2000;
const RATE = 5;
const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

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

/**
 * With `taskset` (util-linux) the server runs on core 0 and the load generator on core 1, so the
 * two never compete for a core and the server's figures are those of one core.
 */
const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((f) => existsSync(f));
const pinned = (core: number, args: string[]): [string, string[]] =>
  TASKSET ? [TASKSET, ['-c', String(core), process.execPath, ...args]] : [process.execPath, args];

async function startServer(dataDir: string, secret = ''): Promise<{ proc: ChildProcess; port: number }> {
  const [command, args] = pinned(0, [CLI, 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn']);
  const proc = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, JOURNEYSCROLL_SECRET: secret },
  });
  const port = await new Promise<number>((resolve, reject) => {
    lines(proc, (line) => {
      const record = JSON.parse(line) as { msg: string; port?: number };
      if (record.msg === 'listening') resolve(record.port!);
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, port };
}

function cpuTicks(pid: number): number {
  // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  return kib / 1024;
}

function metric(text: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

interface Propagation {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  deliveredPercent: number;
  sent: number;
  serverCpuPercent: number;
  clientCpuPercent: number;
  peakRssMiB: number;
  commitMs: number;
  updatesPerCommit: number;
}

const BENCH_SECRET = 'bench-secret-0123456789abcdef';

async function propagation(
  clients: number,
  rooms: number,
  rate: number,
  awarenessRate: number,
  role?: 'editor' | 'approver',
): Promise<Propagation> {
  const dir = mkdtempSync(join(tmpdir(), 'js-bench-sync-'));
  const server = await startServer(dir, role ? BENCH_SECRET : '');
  const token = role ? await signToken({ room: '*', role, ttlMs: 3600_000 }, BENCH_SECRET) : '';
  const pid = server.proc.pid!;
  try {
    const [command, args] = pinned(1, [
      join(here, 'sync-clients.ts'),
      `ws://127.0.0.1:${server.port}/sync`,
      String(clients),
      String(rooms),
      String(rate),
      String(WARMUP_MS),
      String(MEASURE_MS),
      String(awarenessRate),
      token,
    ]);
    const load = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    // Server CPU over exactly the measured window: the generator says when it starts and stops.
    let result: Record<string, number> | null = null;
    let ticksAtStart = 0;
    let startedAt = 0;
    let ticksAtEnd = 0;
    let endedAt = 0;
    lines(load, (line) => {
      const parsed = JSON.parse(line) as Record<string, number> & { event?: string };
      if (parsed.event === 'measuring') {
        ticksAtStart = cpuTicks(pid);
        startedAt = performance.now();
      } else if (parsed.event === 'measured') {
        ticksAtEnd = cpuTicks(pid);
        endedAt = performance.now();
      } else result = parsed;
    });
    const exit = new Promise<number | null>((resolve) => load.once('exit', resolve));
    const code = await exit;
    if (code !== 0 || !result) throw new Error(`load generator failed (${code})`);
    const r = result as Record<string, number>;
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    const commits = metric(metrics, 'journeyscroll_commits_total');
    return {
      p50: r.p50!,
      p95: r.p95!,
      p99: r.p99!,
      max: r.max!,
      deliveredPercent: (100 * r.delivered!) / r.expected!,
      sent: r.sent!,
      serverCpuPercent: ((ticksAtEnd - ticksAtStart) / CLK_TCK / ((endedAt - startedAt) / 1000)) * 100,
      clientCpuPercent: r.clientCpuPercent!,
      peakRssMiB: peakRssMiB(pid),
      commitMs:
        (metric(metrics, 'journeyscroll_commit_duration_seconds_sum') / metric(metrics, 'journeyscroll_commit_duration_seconds_count')) *
        1000,
      updatesPerCommit: metric(metrics, 'journeyscroll_updates_committed_total') / commits,
    };
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A history of `total` small updates as people make them, in sessions of 1,000 updates by one
 * client (each starting from the state the previous ones left), made of actions: typing a burst of
 * 5–40 keystrokes (with backspaces) at a cursor in some card's notes, moving or editing a card
 * (1–3 field sets: stage, lane, order, status, owner, title), drawing a flow, logging history.
 * Every keystroke and every field set is its own update. With `scatter`, every keystroke instead
 * lands somewhere else, interleaved with field sets: a worst case where no two characters merge.
 */
export function buildHistory(file: string, room: string, total: number, scatter = false): { bytes: number; ms: number; updates: number } {
  const start = performance.now();
  const store = openStore(file);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  let state: Uint8Array | null = null;
  let bytes = 0;
  let updates = 0;
  for (let session = 0; updates < total; session++) {
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    const batch: Array<{ room: string; update: Uint8Array }> = [];
    doc.on('update', (update: Uint8Array) => batch.push({ room, update }));
    const cards = doc.getMap<Y.Map<unknown>>('cards');
    const card = (id: string) => {
      let c = cards.get(id);
      if (!c) {
        c = new Y.Map<unknown>();
        c.set('notes', new Y.Text());
        cards.set(id, c);
      }
      return c;
    };
    const setField = () =>
      card(`card${int(300)}`).set(pick(['title', 'stageId', 'laneId', 'order', 'status', 'owner']), `v${session}.${batch.length}`);
    while (batch.length < 1000 && updates + batch.length < total) {
      const r = rand();
      if (scatter) {
        if (r < 0.55) {
          const notes = card(`card${int(300)}`).get('notes') as Y.Text;
          notes.insert(int(notes.length + 1), pick(['a', 'e', 'n', 's', ' ']));
        } else setField();
      } else if (r < 0.5) {
        const notes = card(`card${int(300)}`).get('notes') as Y.Text;
        let cursor = int(notes.length + 1);
        for (let k = 5 + int(36); k > 0; k--) {
          if (cursor > 0 && rand() < 0.05) notes.delete(--cursor, 1);
          else notes.insert(cursor++, pick(['a', 'e', 'i', 'o', 'n', 's', 't', ' ']));
        }
      } else if (r < 0.9) {
        for (let k = 1 + int(3); k > 0; k--) setField();
      } else if (r < 0.96) {
        doc.getMap('flows').set(`flow${int(200)}`, { from: `card${int(300)}`, to: `card${int(300)}`, trigger: 'event' });
      } else {
        doc.getArray<string>('history').push([`s${session}`]);
      }
    }
    for (const { update } of batch) bytes += update.byteLength;
    updates += batch.length;
    store.appendUpdates(batch);
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  store.close();
  return { bytes, ms: performance.now() - start, updates };
}

async function coldLoad(file: string, room: string): Promise<{ ms: number; warmMs: number; updatesApplied: number }> {
  const proc = spawn(process.execPath, [join(here, 'sync-load.ts'), file, room], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (c: string) => (out += c));
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  if (code !== 0) throw new Error(`cold load failed (${code})`);
  return JSON.parse(out) as { ms: number; warmMs: number; updatesApplied: number };
}

const mib = (v: number) => `${v.toFixed(1)} MiB`;
const pct = (v: number) => `${v.toFixed(1)} %`;
const spread = (values: number[], fmt: (v: number) => string) =>
  `${fmt(median(values))}  (runs: ${values.map((v) => fmt(v).replace(/ .*/, '')).join(', ')})`;

interface Scenario {
  readonly label: string;
  readonly clients: number;
  readonly rooms: number;
  /** Document edits per second per client. */
  readonly rate: number;
  /** Cursor (awareness) updates per second per client. */
  readonly awareness: number;
  /**
   * With tokens of this role (the server has a secret). An editor's every update is read and
   * decided by the write policy; an approver's is not: the pair measures what enforcement costs.
   */
  readonly role?: 'editor' | 'approver';
}

const SCENARIOS: readonly Scenario[] = [
  { label: 'N=10, 1 room', clients: 10, rooms: 1, rate: RATE, awareness: 0 },
  { label: 'N=50, 1 room', clients: 50, rooms: 1, rate: RATE, awareness: 0 },
  { label: 'N=100, 1 room', clients: 100, rooms: 1, rate: RATE, awareness: 0 },
  { label: 'N=100 over 10 rooms', clients: 100, rooms: 10, rate: RATE, awareness: 0 },
  { label: 'N=100, 1 room, cursors moving (1 edit/s + 10 cursor updates/s each)', clients: 100, rooms: 1, rate: 1, awareness: 10 },
  { label: 'N=100, 1 room, roles enforced (editor tokens)', clients: 100, rooms: 1, rate: RATE, awareness: 0, role: 'editor' },
  { label: 'N=100, 1 room, roles not enforced (approver tokens)', clients: 100, rooms: 1, rate: RATE, awareness: 0, role: 'approver' },
  { label: 'N=300, 1 room', clients: 300, rooms: 1, rate: RATE, awareness: 0 },
  { label: 'N=500, 1 room', clients: 500, rooms: 1, rate: RATE, awareness: 0 },
];

export async function run(): Promise<void> {
  // JOURNEYSCROLL_BENCH_SYNC="300;roles" runs only the scenarios with those client counts or with
  // those words in their label (and skips the cold-load part unless it names "load").
  const only = process.env.JOURNEYSCROLL_BENCH_SYNC?.split(';').map((v) => v.trim());
  const scenarios = only ? SCENARIOS.filter((sc) => only.some((o) => o === String(sc.clients) || sc.label.includes(o))) : SCENARIOS;
  report(
    'sync',
    `propagation: ${RATE} edits/s per client unless said, ${MEASURE_MS / 1000} s measured, median of ${RUNS} runs${TASKSET ? ', server on core 0, clients on core 1' : ''}`,
    '',
  );
  for (const { label, clients, rooms, rate, awareness, role } of scenarios) {
    const runs: Propagation[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await propagation(clients, rooms, rate, awareness, role));
    const m = (key: keyof Propagation) => runs.map((r) => r[key]);
    report('sync', `${label}: latency p50`, spread(m('p50'), ms));
    report('sync', `${label}: latency p95`, spread(m('p95'), ms));
    report('sync', `${label}: latency p99`, spread(m('p99'), ms));
    report(
      'sync',
      `${label}: updates delivered (of sent x peers)`,
      `${pct(median(m('deliveredPercent')))}  (${Math.round(median(m('sent')))} updates sent)`,
    );
    report('sync', `${label}: server CPU`, spread(m('serverCpuPercent'), pct));
    report('sync', `${label}: server peak RSS`, spread(m('peakRssMiB'), mib));
    report(
      'sync',
      `${label}: group commit (fsync) mean`,
      `${ms(median(m('commitMs')))}, ${median(m('updatesPerCommit')).toFixed(2)} updates/commit`,
    );
    report('sync', `${label}: load generator CPU (other process)`, pct(median(m('clientCpuPercent'))));
  }

  if (only && !only.includes('load')) return;
  const dir = mkdtempSync(join(tmpdir(), 'js-bench-load-'));
  try {
    const file = join(dir, 'journeyscroll.sqlite');
    const built = buildHistory(file, 'history', 100_000);
    report(
      'sync',
      'cold load: room of 100,000 updates built',
      `${(built.bytes / 1024 / 1024).toFixed(1)} MiB of updates in ${ms(built.ms)}`,
    );
    const before: Array<{ ms: number; warmMs: number }> = [];
    for (let i = 0; i < 5; i++) before.push(await coldLoad(file, 'history'));
    report(
      'sync',
      'cold load before compaction (fresh process, median of 5)',
      spread(
        before.map((r) => r.ms),
        ms,
      ),
    );
    report(
      'sync',
      'cold load before compaction (running process, median of 5)',
      spread(
        before.map((r) => r.warmMs),
        ms,
      ),
    );
    const store = openStore(file);
    const start = performance.now();
    const compacted = store.compact('history')!;
    const compactMs = performance.now() - start;
    store.close();
    report(
      'sync',
      'compaction of the 100,000-update room',
      `${ms(compactMs)} -> snapshot ${(compacted.snapshotBytes / 1024).toFixed(0)} KiB`,
    );
    const after: Array<{ ms: number; warmMs: number }> = [];
    for (let i = 0; i < 5; i++) after.push(await coldLoad(file, 'history'));
    report(
      'sync',
      'cold load after compaction (fresh process, median of 5)',
      spread(
        after.map((r) => r.ms),
        ms,
      ),
    );
    report(
      'sync',
      'cold load after compaction (running process, median of 5)',
      spread(
        after.map((r) => r.warmMs),
        ms,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
