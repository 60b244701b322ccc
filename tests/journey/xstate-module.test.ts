/**
 * The standalone XState export (`--format xstate`) runs with nothing but `xstate`: each module is
 * written into an empty temp folder whose node_modules holds only the xstate package, run in a
 * child process by its own `runScript` driver, and its traces must equal the simulator's — for the
 * 30 generated journeys and every template (the B2B lifecycle's 365-day renewal wait included),
 * with no timer above the 20-day limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileBlueprint,
  exportXStateModule,
  parseEventScript,
  simulate,
  type EventScript,
  type JourneyDefinition,
} from '../../shared/journey/index.ts';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { generateJourney, generateScript, SEEDS } from './generate.ts';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'xstate-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A script for a template: the entry event, then every event the journey listens to, two days apart. */
function templateScript(definition: JourneyDefinition): EventScript {
  const heard: string[] = [];
  if (definition.entry.trigger.kind === 'event') heard.push(definition.entry.trigger.event);
  for (const s of definition.states)
    for (const r of s.reactions) if (r.trigger.kind === 'event' && r.trigger.event !== 'email.unsubscribed') heard.push(r.trigger.event);
  const events = [...new Set(heard)].map((event, i) => ({ at: i * 2 * DAY, event, data: { score: 70, marketingConsent: true } }));
  return parseEventScript({ attributes: { score: 10, company: { size: 200 } }, events, until: 420 * DAY });
}

const cases: { name: string; definition: JourneyDefinition; script: EventScript }[] = [
  ...SEEDS.map((seed) => {
    const { blueprint, reentry } = generateJourney(seed);
    return { name: `seed-${seed}`, definition: compileBlueprint(blueprint, { reentry }), script: parseEventScript(generateScript(seed)) };
  }),
  ...TEMPLATES.map((t) => {
    const definition = compileBlueprint(t.build());
    return { name: `template-${t.id}`, definition, script: templateScript(definition) };
  }),
  {
    name: 'b2b-lifecycle',
    definition: compileBlueprint(TEMPLATES.find((t) => t.id === 'b2b-lead-to-renewal')!.build()),
    script: parseEventScript({
      attributes: { score: 10, company: { size: 200 } },
      events: [
        { at: '0s', event: 'form.submitted', data: { email: 'a@example.com' } },
        { at: '1h', event: 'lead.created', data: { marketingConsent: true } },
        { at: '5d', event: 'score.changed', data: { score: 70 } },
        { at: '6d', event: 'lead.qualified' },
        { at: '7d', event: 'demo.completed' },
        { at: '8d', event: 'quote.requested' },
        { at: '9d', event: 'contract.signed' },
        { at: '10d', event: 'kickoff.scheduled' },
        { at: '20d', event: 'onboarding.completed' },
      ],
      until: '400d',
    }),
  },
];

type Run = { trace: unknown[]; state: string; timers: number[] };

function runAllInPlainXState(): Record<string, Run> {
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(resolve('node_modules/xstate'), join(dir, 'node_modules', 'xstate'), 'dir');
  for (const c of cases) {
    writeFileSync(join(dir, `${c.name}.mjs`), exportXStateModule(c.definition));
    writeFileSync(join(dir, `${c.name}.script.json`), JSON.stringify(c.script));
  }
  writeFileSync(
    join(dir, 'run.mjs'),
    `import { readFileSync } from 'node:fs';
const out = {};
for (const name of ${JSON.stringify(cases.map((c) => c.name))}) {
  const { runScript } = await import('./' + name + '.mjs');
  out[name] = runScript(JSON.parse(readFileSync(name + '.script.json', 'utf8')));
}
process.stdout.write(JSON.stringify(out));`,
  );
  return JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<
    string,
    Run
  >;
}

describe('the standalone XState module', () => {
  const runs = runAllInPlainXState();

  it('has nothing beside it but xstate', () => expect(readdirSync(join(dir, 'node_modules'))).toEqual(['xstate']));

  it.each(cases.map((c) => [c.name, c] as const))("%s: the trace equals the simulator's", (_name, c) => {
    const sim = simulate(c.definition, c.script);
    const run = runs[c.name]!;
    expect(run.trace).toEqual(JSON.parse(JSON.stringify(sim.trace)));
    expect(run.state).toBe(sim.state);
    for (const t of run.timers) expect(t).toBeLessThanOrEqual(20 * DAY);
  });

  it('runs the 365-day renewal wait to the day', () => {
    const enter = runs['b2b-lifecycle']!.trace.find(
      (e) => (e as { stage?: string; type: string }).type === 'enter' && (e as { stage: string }).stage === 'st_renewal',
    );
    expect(enter).toMatchObject({ at: 385 * DAY });
  });

  it('every template run enters a stage', () => {
    for (const t of TEMPLATES.filter((x) => x.id !== 'blank')) expect(runs[`template-${t.id}`]!.trace.length, t.id).toBeGreaterThan(0);
  });
});
