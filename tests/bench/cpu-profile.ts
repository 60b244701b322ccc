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
  // The timeline too: the profile's "(program)" is the browser's own work (style, layout, paint), which only the trace splits.
  const browser = page.context().browser();
  await browser?.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  try {
    return await step();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach();
    const trace = browser ? await browser.stopTracing() : null;
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    if (trace) writeFileSync(join(folder, `${name}.trace.json`), trace);
    console.log(`profile ${name}: ${join(folder, `${name}.cpuprofile`)}\n${topSelfTime(profile, 20)}`);
    if (trace) console.log(`timeline ${name} (ms on the page's main thread; raster on any thread):\n${timelineSummary(trace.toString())}`);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}
/** The rendering steps whose time the timeline sums (nested ones, as Layout in a FunctionCall, count in both). */
const STEPS = ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];

/** Total and count per rendering step on the renderer's main thread, and raster time on any thread. */
export function timelineSummary(json: string): string {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const totals = new Map<string, { ms: number; n: number }>();
  const add = (key: string, dur: number) => {
    const t = totals.get(key) ?? { ms: 0, n: 0 };
    t.ms += dur / 1000;
    t.n++;
    totals.set(key, t);
  };
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    if (e.name === 'RasterTask') add('RasterTask (any thread)', e.dur);
    else if (STEPS.includes(e.name) && main.has(`${e.pid}:${e.tid}`)) add(e.name, e.dur);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([key, t]) => `  ${t.ms.toFixed(1).padStart(8)} ms  ×${String(t.n).padStart(5)}  ${key}`)
    .join('\n');
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
