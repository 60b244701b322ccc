import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { resolveBlueprint } from '../model/index.ts';
import { addCard, addLane, addStage, initBlueprint } from './edits/index.ts';
import { readBlueprint } from './read.ts';

/**
 * docs/document-layout.md promises that another program can read and write a blueprint with plain
 * `yjs`. This test is that program: it uses only the Y API and the page's rules.
 */
function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('the documented layout, used with plain yjs', () => {
  it('a blueprint written with plain yjs reads back as the model', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const meta = doc.getMap('meta');
      meta.set('schemaVersion', 2);
      meta.set('minAppVersion', '0.1.0');
      meta.set('title', 'Written by another program');
      meta.set('status', 'draft');
      doc.getMap('stages').set('st_lead', entity({ name: 'Lead', order: 'a0', entryCriterion: 'form.submitted', customerGoal: 'Learn' }));
      doc.getMap('stages').set('st_mql', entity({ name: 'MQL', order: 'a1' }));
      doc.getMap('lanes').set('ln_touch', entity({ name: 'Touchpoints', kind: 'touchpoints', order: 'a0' }));
      doc
        .getMap('cards')
        .set(
          'cd_b',
          entity({ stageId: 'st_lead', laneId: 'ln_touch', order: 'a0', kind: 'touchpoint', title: 'Ebook', channel: 'landing-page' }),
        );
      doc.getMap('cards').set(
        'cd_a',
        entity({
          stageId: 'st_lead',
          laneId: 'ln_touch',
          order: 'a0',
          kind: 'touchpoint',
          title: 'Webinar',
          channel: 'webinar',
          owner: 'Marketing',
        }),
      );
      doc.getMap('flows').set('fl_1', entity({ from: 'cd_a', to: 'cd_b', event: 'webinar.attended', delay: '3d', label: '' }));
      doc.getArray('history').push([{ at: '2026-01-01T00:00:00.000Z', by: 'ops', kind: 'note', note: 'imported' }]);
    });
    const bp = readBlueprint(doc);
    expect(bp.meta.title).toBe('Written by another program');
    expect(bp.cards.find((c) => c.id === 'cd_a')).toMatchObject({ title: 'Webinar', status: 'draft', notes: '', owner: 'Marketing' });
    const view = resolveBlueprint(bp);
    expect(view.stages.map((s) => s.id)).toEqual(['st_lead', 'st_mql']);
    // Equal order keys: ties broken by id.
    expect([...view.cells.values()][0]!.map((c) => c.id)).toEqual(['cd_a', 'cd_b']);
    expect(bp.flows[0]).toEqual({ id: 'fl_1', from: 'cd_a', to: 'cd_b', event: 'webinar.attended', delay: '3d', label: '' });
  });

  it('a blueprint written by JourneyScroll reads with plain yjs as documented', () => {
    const doc = new Y.Doc();
    initBlueprint(doc, { title: 'Ours' });
    const stageId = addStage(doc, { name: 'Lead' });
    const laneId = addLane(doc, { name: 'Data', kind: 'data' });
    const cardId = addCard(doc, { stageId, laneId, title: 'Email address', field: 'email', system: 'CRM' });
    const meta = doc.getMap('meta');
    expect(meta.get('schemaVersion')).toBe(2);
    const card = (doc.getMap('cards') as Y.Map<Y.Map<unknown>>).get(cardId)!;
    expect(card).toBeInstanceOf(Y.Map);
    expect(card.has('id')).toBe(false);
    expect(card.toJSON()).toMatchObject({ stageId, laneId, kind: 'data', title: 'Email address', field: 'email', system: 'CRM' });
    expect(String(card.get('order'))).toMatch(/^[0-9A-Za-z]+$/);
    expect(cardId).toMatch(/^cd_[0-9A-Za-z]{14}$/);
  });
});
