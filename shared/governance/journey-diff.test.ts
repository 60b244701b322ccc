import { describe, expect, it } from 'vitest';
import { blueprintToDoc, deleteFlow, readBlueprint, updateFlow } from '../doc/index.ts';
import { compileBlueprint } from '../journey/index.ts';
import { getTemplate } from '../templates/index.ts';
import { diffJourneys } from './journey-diff.ts';

describe('diffJourneys', () => {
  it('names the transitions that change: a new event and wait on one, another removed', () => {
    const doc = blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
    const before = readBlueprint(doc);
    const a = compileBlueprint(before);
    const transitions = a.states.flatMap((s) => s.reactions.filter((r) => r.then.kind === 'goto' && r.source === 'flow'));
    const [changed, removed] = transitions;
    updateFlow(doc, changed!.id, { event: 'demo.booked', delay: '2d' });
    deleteFlow(doc, removed!.id);
    const diff = diffJourneys(a, compileBlueprint(readBlueprint(doc)));
    const reactions = diff.states.flatMap((s) => s.reactions);
    const byId = new Map(reactions.map((r) => [r.id, r]));
    expect(byId.get(changed!.id)).toMatchObject({ kind: 'transition', change: 'changed' });
    expect(byId.get(changed!.id)!.fields.map((f) => f.field)).toContain('trigger');
    expect(byId.get(changed!.id)!.summary).toMatch(/^on demo\.booked.*, after 2d.* → /);
    expect(byId.get(removed!.id)).toMatchObject({ kind: 'transition', change: 'removed' });
    expect(diff.counts.transitions).toBe(2);
    expect(diff.entry).toEqual([]);
  });

  it('is empty for the same blueprint compiled twice', () => {
    const blueprint = getTemplate('saas-trial-to-paid')!.build();
    expect(diffJourneys(compileBlueprint(blueprint), compileBlueprint(blueprint))).toEqual({
      entry: [],
      states: [],
      counts: { transitions: 0, steps: 0, exits: 0, states: 0 },
    });
  });
});
