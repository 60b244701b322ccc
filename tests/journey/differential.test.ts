/**
 * Differential tests: the simulator's trace equals the trace of the XState export run in `xstate`
 * and of the BPMN export run in `bpmn-engine`, for the B2B template and seeded generated journeys.
 */
import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates/index.ts';
import {
  compileBlueprint,
  parseEventScript,
  simulate,
  validateDefinition,
  type JourneyDefinition,
  type EventScript,
} from '../../shared/journey/index.ts';
import { runBpmn, runXState } from './engines.ts';
import { generateJourney, generateScript, SEEDS } from './generate.ts';

const DAY = 86_400_000;
async function compareAll(definition: JourneyDefinition, script: EventScript, label: string, bpmn = true) {
  const sim = simulate(definition, script);
  const xs = runXState(definition, script);
  expect(xs.trace, `${label}: xstate differs from the simulator`).toEqual(sim.trace);
  if (!bpmn) return sim;
  const bp = await runBpmn(definition, script);
  expect(bp.trace, `${label}: bpmn-engine differs from the simulator`).toEqual(sim.trace);
  for (const t of [...xs.timers, ...bp.timers]) expect(t, `${label}: a timer above the engines' limit`).toBeLessThanOrEqual(20 * DAY);
  return sim;
}

describe('differential: B2B template', () => {
  const definition = compileBlueprint(getTemplate('b2b-lead-to-renewal')!.build());

  it('compiles to a valid definition', () => expect(validateDefinition(definition)).toMatchObject({ ok: true }));

  it('runs the whole lifecycle identically, the 365-day renewal wait included', async () => {
    const script = parseEventScript({
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
    });
    const sim = await compareAll(definition, script, 'b2b');
    const entered = (stage: string) => sim.trace.find((e) => e.type === 'enter' && e.stage === stage)?.at;
    // Lead → Prospect 1 on lead.created at 1h; the 3-day nurture wait moves on at 1h + 3d.
    expect(entered('st_prospect_2')).toBe(3 * DAY + 3_600_000);
    // Adoption at day 20; the 365-day renewal wait fires at day 385.
    expect(entered('st_adoption')).toBe(20 * DAY);
    expect(entered('st_renewal')).toBe(385 * DAY);
  });

  it('opts out from any stage identically', async () => {
    const script = parseEventScript({
      attributes: {},
      events: [
        { at: '0s', event: 'form.submitted' },
        { at: '2h', event: 'lead.created', data: { marketingConsent: true } },
        { at: '1d', event: 'email.unsubscribed' },
        { at: '2d', event: 'form.submitted' },
      ],
    });
    const sim = await compareAll(definition, script, 'b2b opt-out');
    expect(sim.trace.at(-1)).toMatchObject({ type: 'exit', reason: 'opt-out', at: DAY });
  });
});

describe('differential: generated journeys', () => {
  it.each(SEEDS)('seed %i', { timeout: 120_000 }, async (seed) => {
    const { blueprint, reentry } = generateJourney(seed);
    const definition = compileBlueprint(blueprint, { reentry });
    const valid = validateDefinition(definition);
    expect(valid.ok, `seed ${seed}: ${JSON.stringify(valid)}`).toBe(true);
    const script = parseEventScript(generateScript(seed));
    const sim = await compareAll(definition, script, `seed ${seed} (generateJourney(${seed}), generateScript(${seed}))`);
    // An empty or one-stage run proves little: every seed must carry the customer through stages.
    const stages = new Set(sim.trace.flatMap((e) => (e.type === 'enter' ? [e.stage] : [])));
    expect(stages.size, `seed ${seed}: the customer entered only ${[...stages].join(', ') || 'no stage'}`).toBeGreaterThanOrEqual(2);
  });
});
