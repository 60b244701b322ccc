/**
 * CPU profiles of a page for the canvas bench (JOURNEYSCROLL_BENCH_PROFILE=folder): records one
 * step through the DevTools protocol, writes it as a .cpuprofile (open it in Chromium's DevTools,
 * Performance panel) and prints the functions with the most self time, so "where the cost grows"
 * is read from the profile rather than guessed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The profile folder asked for, or null when no profile is wanted. */
export const profileFolder = (): string | null => process.env.JOURNEYSCROLL_BENCH_PROFILE || null;

/** Runs `step` while the page's main thread is sampled every 200 µs; writes `name`.cpuprofile into `folder`. */
export async function profiled<T>(page: Page, folder: string, name: string, step: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach();
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    console.log(`profile ${name}: ${join(folder, `${name}.cpuprofile`)}\n${topSelfTime(profile, 20)}`);
  }
}

/** The `count` functions with the most self time (ms), by name and source position. */
export function topSelfTime(profile: CpuProfile, count: number): string {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const byNode = new Map<number, number>();
  for (let i = 0; i < samples.length; i++) byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = byNode.get(node.id) ?? 0;
    if (!t) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, t]) => `  ${t.toFixed(1).padStart(7)} ms  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`)
    .join('\n');
}
