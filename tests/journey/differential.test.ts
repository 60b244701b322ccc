import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates/index.ts';
import { compileBlueprint, parseEventScript, simulate, validateDefinition } from '../../shared/journey/index.ts';
import { runBpmn, runXState } from './engines.ts';

const DAY = 86_400_000;

describe('differential: B2B template', () => {
  const definition = compileBlueprint(getTemplate('b2b-lead-to-renewal')!.build());
  it('validates', () => expect(validateDefinition(definition).ok).toBe(true));

  it('same trace in simulator, xstate and bpmn-engine', async () => {
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
    const sim = simulate(definition, script);
    const xs = runXState(definition, script);
    const bp = await runBpmn(definition, script);
    console.log(sim.trace.filter((e) => e.type === 'enter').map((e) => `${e.at / DAY} ${e.stage}`));
    expect(xs.trace).toEqual(sim.trace);
    expect(bp.trace).toEqual(sim.trace);
  });
});
