/** Small statistics for benchmark figures: we report medians and percentiles, never single runs. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns the durations in ms. */
export async function timeRuns(runs: number, fn: () => unknown, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** One figure line: `part  name  value`, aligned so the whole report reads as a table. */
export function report(part: string, name: string, value: string): void {
  console.log(`${part.padEnd(10)} ${name.padEnd(58)} ${value}`);
}

/**
 * Wall and CPU time of each of `runs` calls of a synchronous `fn` (after `warmup` unmeasured calls).
 * CPU time (this process, all threads) is not inflated when other work shares the machine, so it
 * is the steadier figure on a busy box; on an idle machine the two agree for synchronous work.
 */
export function timeSync(runs: number, fn: (run: number) => unknown, warmup = 2): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}
