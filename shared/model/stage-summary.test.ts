import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates/index.ts';
import { summariseStages } from './stage-summary.ts';
import type { Card, Lane, Stage } from './schema.ts';

const stage = (id: string, order: string): Stage => ({ id, name: id.toUpperCase(), order, entryCriterion: '', customerGoal: '' });
const lane = (id: string, kind: Lane['kind']): Lane => ({ id, name: id, kind, order: 'a0', owner: '' });
let n = 0;
const card = (stageId: string, laneId: string, fields: Partial<Card>): Card => ({
  id: `cd_${n++}`,
  stageId,
  laneId,
  order: 'a0',
  kind: 'note',
  title: 't',
  notes: '',
  owner: '',
  status: 'active',
  ...fields,
});

describe('summariseStages', () => {
  it('counts touchpoints, data points, systems and owners per stage, leaving retired cards out', () => {
    const stages = [stage('b', 'a1'), stage('a', 'a0')];
    const lanes = [lane('l', 'touchpoints')];
    const cards = [
      card('a', 'l', { kind: 'touchpoint', channel: 'email', owner: 'Marketing' }),
      card('a', 'l', { kind: 'touchpoint', channel: 'webinar', owner: 'Marketing' }),
      card('a', 'l', { kind: 'touchpoint', channel: 'sms', owner: 'CX', status: 'retired' }),
      card('a', 'l', { kind: 'data', field: 'email', system: 'CRM', owner: 'Data' }),
      card('a', 'l', { kind: 'data', field: 'email', system: 'CDP' }),
      card('a', 'l', { kind: 'system', system: 'CRM', vendor: 'Salesforce' }),
      card('a', 'l', { kind: 'feeling', emotion: 2 }),
      card('a', 'l', { kind: 'feeling', emotion: -1 }),
      card('b', 'l', { kind: 'automation', owner: 'Ops' }),
      card('gone', 'l', { kind: 'touchpoint' }),
    ];
    const [a, b] = summariseStages({ stages, lanes, cards, flows: [] });
    expect(a).toEqual({
      stageId: 'a',
      name: 'A',
      touchpoints: 2,
      channels: ['email', 'webinar'],
      dataPoints: ['email'],
      systems: ['CDP', 'CRM'],
      owners: ['Data', 'Marketing'],
      automations: 0,
      emotion: 0.5,
      cards: 7,
    });
    expect(b).toMatchObject({ stageId: 'b', touchpoints: 0, automations: 1, emotion: null, owners: ['Ops'] });
  });

  it('summarises every stage of the B2B template', () => {
    const bp = getTemplate('b2b-lead-to-renewal')!.build();
    const summaries = summariseStages(bp);
    expect(summaries).toHaveLength(bp.stages.length);
    expect(summaries.every((s) => s.cards > 0 && s.owners.length > 0)).toBe(true);
    expect(summaries.reduce((sum, s) => sum + s.touchpoints, 0)).toBeGreaterThan(10);
  });

  it('summarises again only the stages whose cells changed, and from what they hold now', () => {
    const stages = [stage('a', 'a0'), stage('b', 'a1')].map((s) => Object.freeze(s));
    const lanes = [lane('l', 'touchpoints')];
    const cells = new Map<string, readonly Card[]>([
      ['a:l', [card('a', 'l', { kind: 'touchpoint', owner: 'Web' })]],
      ['b:l', [card('b', 'l', { kind: 'touchpoint', owner: 'Sales' })]],
    ]);
    const view = { stages, lanes, cells, unplaced: [], flows: [], hiddenFlows: [], cardsById: new Map() } as unknown as Parameters<
      typeof summariseStages
    >[0];
    const [a1, b1] = summariseStages(view);
    // A patched view: stage b's cell replaced (its card's owner edited), stage a's kept as it was.
    const edited = new Map(cells).set('b:l', [{ ...cells.get('b:l')![0]!, owner: 'Service' }]);
    const [a2, b2] = summariseStages({ ...(view as object), cells: edited } as unknown as typeof view);
    expect(a2).toBe(a1);
    expect(b2).not.toBe(b1);
    expect(b2!.owners).toEqual(['Service']);
    // A title edit counts alike: the summary is kept.
    const renamed = new Map(edited).set('b:l', [{ ...edited.get('b:l')![0]!, title: 'Renamed' }]);
    const [, b3] = summariseStages({ ...(view as object), cells: renamed } as unknown as typeof view);
    expect(b3).toBe(b2);
  });
});
